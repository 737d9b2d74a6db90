import { Aws, CfnOutput, Duration, Lazy, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { ApiFunction, type LogLevel } from '../constructs/api-function.js';
import { paths } from '../paths.js';

/** The Cognito groups Routeway maps to roles (`cognito:groups` claim), highest precedence first. */
export const ROUTEWAY_GROUPS = ['admin', 'liaison', 'adviser', 'employer'] as const;

/** Routes anyone may call: the Lambda still serves them; pages check the session cookie themselves. */
export const PUBLIC_ROUTES = [
  { method: apigwv2.HttpMethod.GET, path: '/health' },
  { method: apigwv2.HttpMethod.GET, path: '/openapi.json' },
  { method: apigwv2.HttpMethod.GET, path: '/docs' },
  { method: apigwv2.HttpMethod.GET, path: '/' },
  { method: apigwv2.HttpMethod.GET, path: '/assets/{proxy+}' },
  // The web pages: a browser sends a session cookie, not a bearer token, so API Gateway lets these
  // through and the app verifies the cookie's token (the same Cognito ID token) and the CSRF field itself.
  { method: apigwv2.HttpMethod.GET, path: '/sign-in' },
  { method: apigwv2.HttpMethod.GET, path: '/auth/callback' },
  { method: apigwv2.HttpMethod.POST, path: '/sign-out' },
  { method: apigwv2.HttpMethod.GET, path: '/app' },
  { method: apigwv2.HttpMethod.GET, path: '/app/{proxy+}' },
  { method: apigwv2.HttpMethod.POST, path: '/app/{proxy+}' },
] as const;

export interface ApiStackProps extends StackProps {
  readonly table: dynamodb.ITable;
  readonly logLevel: LogLevel;
  /**
   * PLUS turns on Cognito threat protection (compromised-credential and adaptive-authentication
   * checks, enforced). ESSENTIALS is cheaper, for throwaway dev accounts only.
   */
  readonly cognitoFeaturePlan: 'PLUS' | 'ESSENTIALS';
  /** OAuth callback URLs besides `<api url>/auth/callback`. */
  readonly extraCallbackUrls: readonly string[];
  /** Creates a Cognito-hosted sign-in domain `<prefix>.auth.<region>.amazoncognito.com` when set. */
  readonly cognitoDomainPrefix?: string;
  /** Stage-wide throttling. @default 50 rps steady, 100 burst */
  readonly throttle?: { rateLimit: number; burstLimit: number };
  /** RETENTION_DAYS for the retention sweeper: days after exit before a participant is erased (30–3650). */
  readonly retentionDays: number;
  /**
   * Reserved concurrency of the sweeper (1 = never two sweeps at once). `undefined` reserves none,
   * for accounts whose concurrency quota leaves nothing to reserve.
   */
  readonly sweeperReservedConcurrency: number | undefined;
  /**
   * EMAIL_FROM of every function (they all run with EMAIL_MODE=ses): the sender of the notifier's
   * emails. Must be an SES-verified identity (the address, or its domain) in the stack's region.
   */
  readonly emailFrom: string;
}

/** How the notifier reads the table stream. */
export const NOTIFIER_STREAM = {
  batchSize: 25,
  retryAttempts: 5,
  /** Older records are given up on (to the dead-letter queue); well inside the stream's 24 h retention. */
  maxRecordAge: Duration.hours(6),
} as const;

/**
 * Stateless stack: sign-in (Cognito), the HTTP API, the Lambda that serves it, the scheduled
 * sweeper (deadlines and retention) and the notifier that consumes the table stream. Holds no
 * application data (the user pool is RETAINed all the same: it holds the users).
 */
export class ApiStack extends Stack {
  readonly api: apigwv2.HttpApi;
  readonly stage: apigwv2.HttpStage;
  readonly userPool: cognito.UserPool;
  readonly userPoolClient: cognito.UserPoolClient;
  readonly apiFunction: ApiFunction;
  readonly sweeperFunction: ApiFunction;
  readonly sweeperSchedule: events.Rule;
  readonly sweeperDeadLetterQueue: sqs.Queue;
  readonly notifierFunction: ApiFunction;
  readonly notifierDeadLetterQueue: sqs.Queue;
  readonly notifierEventSource: DynamoEventSource;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);

    // ---- Sign-in -------------------------------------------------------------------------
    this.userPool = new cognito.UserPool(this, 'UserPool', {
      selfSignUpEnabled: false, // staff and employers are invited by an admin
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      customAttributes: {
        // Mutable so admins can move a user; the app client below cannot write them.
        org: new cognito.StringAttribute({ mutable: true }),
        employerId: new cognito.StringAttribute({ mutable: true }),
      },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: cognito.Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      featurePlan: props.cognitoFeaturePlan === 'PLUS' ? cognito.FeaturePlan.PLUS : cognito.FeaturePlan.ESSENTIALS,
      ...(props.cognitoFeaturePlan === 'PLUS'
        ? { standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION }
        : {}),
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG2',
      reason:
        'MFA is optional by product decision: employer contacts sign in rarely and are invited by email; TOTP is offered to every user. ' +
        'Revisit (Mfa.REQUIRED) for admin/liaison staff once a per-group policy is possible.',
    });
    if (props.cognitoFeaturePlan !== 'PLUS') {
      Validations.of(this.userPool).acknowledge({
        id: 'AwsSolutions-COG8',
        reason: 'Context routeway:cognitoFeaturePlan=ESSENTIALS was chosen explicitly for a throwaway/dev deployment; production uses PLUS (threat protection enforced).',
      });
    }

    ROUTEWAY_GROUPS.forEach((groupName, i) => {
      new cognito.UserPoolGroup(this, `Group-${groupName}`, {
        userPool: this.userPool,
        groupName,
        precedence: i * 10,
        description: `Routeway role: ${groupName}`,
      });
    });

    const signInDomain = props.cognitoDomainPrefix
      ? this.userPool.addDomain('Domain', { cognitoDomain: { domainPrefix: props.cognitoDomainPrefix } })
      : undefined;

    // ---- App client -------------------------------------------------------------------------
    // The API (and so its URL) is created after the authorizer, which needs this client: the
    // callback URLs are resolved lazily, at synthesis.
    const apiUrl = Lazy.string({ produce: () => this.stage.url }); // ends with '/'
    this.userPoolClient = this.userPool.addClient('WebClient', {
      generateSecret: false,
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
        callbackUrls: [`${apiUrl}auth/callback`, ...props.extraCallbackUrls],
        logoutUrls: [apiUrl, ...props.extraCallbackUrls.map((u) => new URL('/', u).toString())],
      },
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(1),
      // Users must not set their own organisation or employer: the ID token's custom:org and
      // custom:employerId claims drive authorisation. Only admins (AdminUpdateUserAttributes) can.
      readAttributes: new cognito.ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true, fullname: true })
        .withCustomAttributes('org', 'employerId'),
      writeAttributes: new cognito.ClientAttributes().withStandardAttributes({ fullname: true }),
    });

    const issuer = `https://cognito-idp.${Aws.REGION}.${Aws.URL_SUFFIX}/${this.userPool.userPoolId}`;

    // ---- The API function -----------------------------------------------------------------
    // What shared/config.ts requires of every function (TABLE_NAME comes from bindTable). The config
    // is loaded, and fails fast, at every function's start-up, whether or not that function sends mail.
    const appEnvironment = {
      AUTH_MODE: 'cognito',
      JWT_ISSUER: issuer,
      JWT_AUDIENCE: this.userPoolClient.userPoolClientId,
      JWKS_URL: `${issuer}/.well-known/jwks.json`,
      EMAIL_MODE: 'ses',
      // Every instance counts against the same per-caller limits.
      RATE_LIMIT_STORE: 'dynamodb',
      EMAIL_FROM: props.emailFrom,
    };
    this.apiFunction = new ApiFunction(this, 'ApiFunction', {
      entry: paths.apiEntry,
      description: 'Routeway HTTP API (Hono)',
      logLevel: props.logLevel,
      // The web pages sign in through the hosted pages when the pool has a domain (else /sign-in says it is not set up).
      environment: { ...appEnvironment, ...(signInDomain ? { COGNITO_DOMAIN: signInDomain.baseUrl() } : {}) },
      // GOV.UK Frontend's CSS, JS, fonts and images travel in the bundle; the app serves them under /assets.
      webAssets: true,
    });
    // Every GSI: GSI1/GSI2 for owner and state listings, GSI3 for the employer name directory.
    this.apiFunction.bindTable({ table: props.table, accessMode: 'readWrite', indexNames: ['GSI1', 'GSI2', 'GSI3'] });

    // ---- Sweeper ------------------------------------------------------------------------------
    // Hourly, EventBridge invokes functions/sweeper asynchronously: it acts on the deadlines that
    // fell due (the due index) and erases participants who exited more than RETENTION_DAYS ago
    // (both bounded per run, idempotent). One queue catches both events EventBridge could not
    // deliver and invocations that still failed after Lambda's retries.
    this.sweeperDeadLetterQueue = new sqs.Queue(this, 'SweeperDeadLetterQueue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    // A stale event is not worth running once the next one is due.
    const maxEventAge = Duration.hours(1);
    this.sweeperFunction = new ApiFunction(this, 'SweeperFunction', {
      entry: paths.sweeperEntry,
      description: 'Routeway sweeper: due deadlines and retention (EventBridge schedule)',
      logLevel: props.logLevel,
      memorySize: 512,
      timeout: Duration.minutes(5),
      reservedConcurrentExecutions: props.sweeperReservedConcurrency,
      deadLetterQueue: this.sweeperDeadLetterQueue,
      retryAttempts: 2,
      maxEventAge,
      environment: { ...appEnvironment, RETENTION_DAYS: String(props.retentionDays) },
    });
    // Query GSI3 (the due index, partition DUE), GSI2 (exited participants, their submissions,
    // placements and notifications) and GSI1 (their enrolments), GetItem, and TransactWriteItems
    // (outbox events with submission/placement/interaction updates; erasures). Never Scan.
    this.sweeperFunction.bindTable({ table: props.table, accessMode: 'readWrite', indexNames: ['GSI1', 'GSI2', 'GSI3'] });

    this.sweeperSchedule = new events.Rule(this, 'SweeperSchedule', {
      description: 'Runs the Routeway sweeper (due deadlines, retention)',
      schedule: events.Schedule.rate(Duration.hours(1)),
      targets: [
        new targets.LambdaFunction(this.sweeperFunction.function, {
          deadLetterQueue: this.sweeperDeadLetterQueue,
          retryAttempts: 2,
          maxEventAge,
        }),
      ],
    });

    // ---- Notifier -----------------------------------------------------------------------------
    // The table stream, filtered to outbox inserts, invokes functions/notifier: each outbox event
    // becomes in-app notifications, emails (SES) and funnel counts, committed together with a
    // processed marker and the outbox item's deletion, so a redelivered record does nothing twice.
    this.notifierDeadLetterQueue = new sqs.Queue(this, 'NotifierDeadLetterQueue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.notifierDeadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        "This queue IS a dead-letter queue: the on-failure destination of the notifier's stream event source mapping. " +
        'cdk-nag only recognises a DLQ from a RedrivePolicy or a function DeadLetterConfig, and a stream-invoked function has no asynchronous DLQ.',
    });
    this.notifierFunction = new ApiFunction(this, 'NotifierFunction', {
      entry: paths.notifierEntry,
      description: 'Routeway notifier: outbox events from the table stream to notifications and email',
      logLevel: props.logLevel,
      memorySize: 512,
      // A batch of 25 events, each a few reads, up to three emails and one transaction.
      timeout: Duration.minutes(1),
      environment: appEnvironment,
    });
    // GetItem (processed markers, submissions, participants, vacancies, employers, placements), Query on
    // the base table (an employer's contacts), PutItem/DeleteItem (email claims) and TransactWriteItems
    // (notifications, counters, the processed marker, the outbox delete). No index is queried.
    this.notifierFunction.bindTable({ table: props.table, accessMode: 'readWrite', indexNames: [] });
    this.notifierEventSource = new DynamoEventSource(props.table, {
      // A new (or replaced) mapping starts from the oldest record the stream still holds (24 h), so
      // outbox events written before it existed are delivered, not skipped as LATEST would;
      // re-reading already delivered ones is harmless (processed markers).
      startingPosition: lambda.StartingPosition.TRIM_HORIZON,
      batchSize: NOTIFIER_STREAM.batchSize,
      reportBatchItemFailures: true, // the handler returns { batchItemFailures }
      bisectBatchOnError: true,
      retryAttempts: NOTIFIER_STREAM.retryAttempts,
      maxRecordAge: NOTIFIER_STREAM.maxRecordAge,
      onFailure: new SqsDlq(this.notifierDeadLetterQueue),
      // Only outbox inserts invoke it (not their TTL/delivery removals, nor any other item).
      filters: [
        lambda.FilterCriteria.filter({
          eventName: lambda.FilterRule.isEqual('INSERT'),
          dynamodb: { NewImage: { type: { S: lambda.FilterRule.isEqual('Outbox') } } },
        }),
      ],
    });
    this.notifierFunction.function.addEventSource(this.notifierEventSource);
    // The event source grants stream read: DescribeStream/GetRecords/GetShardIterator on this stream,
    // and ListStreams, which has no resource-level permissions.
    Validations.of(this.notifierFunction.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Only dynamodb:ListStreams, which Lambda needs to poll a DynamoDB stream and which IAM cannot scope to a resource (DynamoEventSource grants it on *); ' +
        "the record-reading actions are scoped to this table's stream ARN.",
    });

    // SES v2 SendEmail, from EMAIL_FROM only. The resource is every identity of this account and
    // region, narrowed by the ses:FromAddress condition: SES authorises the send against the identity
    // that verifies the sender (the address or its domain) and, while the account is in the SES
    // sandbox, against each recipient's identity as well, so a single sender-identity ARN would
    // refuse sandbox sends. Nothing else (no SendRawEmail, so no arbitrary headers; no identity admin).
    // Pseudo-parameters rather than formatArn: the ARN (and so the acknowledged finding) is the same
    // whether or not the stack's environment is known at synthesis.
    const sesIdentities = `arn:${Aws.PARTITION}:ses:${Aws.REGION}:${Aws.ACCOUNT_ID}:identity/*`;
    this.notifierFunction.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['ses:SendEmail'],
        resources: [sesIdentities],
        conditions: { StringEquals: { 'ses:FromAddress': props.emailFrom } },
      }),
    );
    Validations.of(this.notifierFunction.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ses:<AWS::Region>:<AWS::AccountId>:identity/*]',
      reason:
        'ses:SendEmail on this account and region\'s identities, conditioned on ses:FromAddress = EMAIL_FROM: SES checks the sender\'s ' +
        "identity (address or domain) and, in the SES sandbox, every recipient's identity, so it cannot be one identity ARN.",
    });

    // ---- HTTP API ---------------------------------------------------------------------------
    const integration = new HttpLambdaIntegration('ApiIntegration', this.apiFunction.function);
    this.api = new apigwv2.HttpApi(this, 'HttpApi', {
      description: 'Routeway API',
      // Every request not matched by a public route below goes to the `$default` route, which
      // requires a valid Cognito JWT (ID token: `aud` is the app client id).
      defaultIntegration: integration,
      defaultAuthorizer: new HttpJwtAuthorizer('CognitoJwt', issuer, {
        jwtAudience: [this.userPoolClient.userPoolClientId],
      }),
      createDefaultStage: false, // our own $default stage below carries access logs and throttling
    });

    const accessLogs = new logs.LogGroup(this, 'AccessLogs', { retention: logs.RetentionDays.ONE_MONTH });
    this.stage = new apigwv2.HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: props.throttle ?? { rateLimit: 50, burstLimit: 100 },
      accessLogSettings: {
        destination: new apigwv2.LogGroupLogDestination(accessLogs),
        format: apigw.AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            ip: '$context.identity.sourceIp',
            requestTime: '$context.requestTime',
            httpMethod: '$context.httpMethod',
            routeKey: '$context.routeKey',
            path: '$context.path',
            status: '$context.status',
            protocol: '$context.protocol',
            responseLength: '$context.responseLength',
            latency: '$context.responseLatency',
            integrationLatency: '$context.integrationLatency',
            integrationError: '$context.integrationErrorMessage',
            authorizerError: '$context.authorizer.error',
            sub: '$context.authorizer.claims.sub',
          }),
        ),
      },
    });

    for (const { method, path } of PUBLIC_ROUTES) {
      const [route] = this.api.addRoutes({
        path,
        methods: [method],
        integration,
        authorizer: new apigwv2.HttpNoneAuthorizer(),
      });
      Validations.of(route!).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason: `${method} ${path} is public by design (health probe, API description, or web page/asset that checks the session cookie itself); every other route requires a Cognito JWT.`,
      });
    }

    // ---- Outputs ----------------------------------------------------------------------------
    new CfnOutput(this, 'ApiUrl', { value: this.stage.url });
    new CfnOutput(this, 'UserPoolId', { value: this.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.userPoolClient.userPoolClientId });
    new CfnOutput(this, 'TableName', { value: props.table.tableName });
    new CfnOutput(this, 'SweeperFunctionName', { value: this.sweeperFunction.function.functionName });
    new CfnOutput(this, 'SweeperDeadLetterQueueUrl', { value: this.sweeperDeadLetterQueue.queueUrl });
    new CfnOutput(this, 'NotifierFunctionName', { value: this.notifierFunction.function.functionName });
    new CfnOutput(this, 'NotifierDeadLetterQueueUrl', { value: this.notifierDeadLetterQueue.queueUrl });
    new CfnOutput(this, 'EmailFrom', { value: props.emailFrom });
  }
}
