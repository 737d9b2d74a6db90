import { Aws, CfnOutput, Duration, Lazy, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
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
] as const;

export interface ApiStackProps extends StackProps {
  readonly table: dynamodb.ITable;
  /** Organisation assumed when a token carries no `custom:org` claim. */
  readonly defaultOrg: string;
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
}

/**
 * Stateless stack: sign-in (Cognito), the HTTP API, the Lambda that serves it, and the scheduled
 * retention sweeper. Holds no application data (the user pool is RETAINed all the same: it holds
 * the users).
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

    if (props.cognitoDomainPrefix) {
      this.userPool.addDomain('Domain', { cognitoDomain: { domainPrefix: props.cognitoDomainPrefix } });
    }

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
    // What shared/config.ts requires of every function (TABLE_NAME comes from bindTable).
    const appEnvironment = {
      AUTH_MODE: 'cognito',
      JWT_ISSUER: issuer,
      JWT_AUDIENCE: this.userPoolClient.userPoolClientId,
      JWKS_URL: `${issuer}/.well-known/jwks.json`,
      DEFAULT_ORG: props.defaultOrg,
    };
    this.apiFunction = new ApiFunction(this, 'ApiFunction', {
      entry: paths.apiEntry,
      description: 'Routeway HTTP API (Hono)',
      logLevel: props.logLevel,
      environment: appEnvironment,
    });
    this.apiFunction.bindTable({ table: props.table, accessMode: 'readWrite' });

    // ---- Retention sweeper ----------------------------------------------------------------
    // Hourly, EventBridge invokes functions/sweeper asynchronously: it erases participants who
    // exited more than RETENTION_DAYS ago (bounded per run, idempotent). One queue catches both
    // events EventBridge could not deliver and invocations that still failed after Lambda's retries.
    this.sweeperDeadLetterQueue = new sqs.Queue(this, 'SweeperDeadLetterQueue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    // A stale event is not worth running once the next one is due.
    const maxEventAge = Duration.hours(1);
    this.sweeperFunction = new ApiFunction(this, 'SweeperFunction', {
      entry: paths.sweeperEntry,
      description: 'Routeway retention sweeper (EventBridge schedule)',
      logLevel: props.logLevel,
      memorySize: 512,
      timeout: Duration.minutes(5),
      reservedConcurrentExecutions: props.sweeperReservedConcurrency,
      deadLetterQueue: this.sweeperDeadLetterQueue,
      retryAttempts: 2,
      maxEventAge,
      environment: { ...appEnvironment, RETENTION_DAYS: String(props.retentionDays) },
    });
    // Query GSI2 (exited participants) and GSI1 (their enrolments), GetItem, and
    // TransactWriteItems of Put/Delete/ConditionCheck. Never Scan.
    this.sweeperFunction.bindTable({ table: props.table, accessMode: 'readWrite', indexNames: ['GSI1', 'GSI2'] });

    this.sweeperSchedule = new events.Rule(this, 'SweeperSchedule', {
      description: 'Runs the Routeway retention sweeper',
      schedule: events.Schedule.rate(Duration.hours(1)),
      targets: [
        new targets.LambdaFunction(this.sweeperFunction.function, {
          deadLetterQueue: this.sweeperDeadLetterQueue,
          retryAttempts: 2,
          maxEventAge,
        }),
      ],
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
  }
}
