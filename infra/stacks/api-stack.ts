import { Aws, CfnOutput, Lazy, Stack, type StackProps } from 'aws-cdk-lib';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import type { LogLevel } from '../constructs/api-function.js';
import { RoutewayHttpApi } from '../constructs/http-api.js';
import { NotifierPipeline } from '../constructs/notifier-pipeline.js';
import { Observability } from '../constructs/observability.js';
import { SweeperSchedule } from '../constructs/sweeper-schedule.js';
import { WebClient } from '../constructs/web-client.js';

export interface ApiStackProps extends StackProps {
  /** The table (stateful stack), read and written by every function; the notifier reads its stream. */
  readonly table: dynamodb.ITable;
  /** The user pool (stateful stack) whose ID tokens the API accepts. */
  readonly userPool: cognito.IUserPool;
  /** The pool's hosted sign-in domain (stateful stack), if it has one: the web pages sign in there. @default none */
  readonly userPoolDomain?: cognito.UserPoolDomain;
  /** LOG_LEVEL of every function. */
  readonly logLevel: LogLevel;
  /** OAuth callback URLs besides `<api url>/auth/callback`. */
  readonly extraCallbackUrls: readonly string[];
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
  /** How the API places postcodes: the offline district table, or Amazon Location for full postcodes. @default 'district' */
  readonly geocoder?: 'district' | 'amazon-location';
  /** Subscribes this address to the alarm topic (it must confirm the subscription by email). @default no subscription */
  readonly alarmEmail?: string;
}

/**
 * Stateless stack: the app client, the HTTP API and the Lambda that serves it, the scheduled
 * sweeper (deadlines and retention), the notifier that consumes the table stream, and their alarms,
 * alarm topic and dashboard. Holds no data
 * and retains nothing but its log groups: it can be destroyed and redeployed. The table and the
 * user pool come by reference from the stateful stack.
 */
export class ApiStack extends Stack {
  readonly webClient: WebClient;
  readonly httpApi: RoutewayHttpApi;
  readonly sweeper: SweeperSchedule;
  readonly notifier: NotifierPipeline;
  readonly observability: Observability;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    const { table, userPool } = props;

    // The client's callback URLs are the API's, but the API's authorizer needs the client: the URL is
    // resolved lazily, at synthesis.
    this.webClient = new WebClient(this, 'WebClient', {
      userPool,
      apiUrl: Lazy.string({ produce: () => this.httpApi.url }), // ends with '/'
      extraCallbackUrls: props.extraCallbackUrls,
    });
    const clientId = this.webClient.userPoolClient.userPoolClientId;

    // What shared/config.ts requires of every function (TABLE_NAME comes from bindTable). The config
    // is loaded, and fails fast, at every function's start-up, whether or not that function sends mail.
    const issuer = `https://cognito-idp.${Aws.REGION}.${Aws.URL_SUFFIX}/${userPool.userPoolId}`;
    const environment = {
      AUTH_MODE: 'cognito',
      JWT_ISSUER: issuer,
      JWT_AUDIENCE: clientId,
      JWKS_URL: `${issuer}/.well-known/jwks.json`,
      // The user pool is the staff directory (names, addresses, roles, teams): shared/adapters/cognito.
      USER_POOL_ID: userPool.userPoolId,
      EMAIL_MODE: 'ses',
      // Every instance counts against the same per-caller limits.
      RATE_LIMIT_STORE: 'dynamodb',
      EMAIL_FROM: props.emailFrom,
    };
    const logLevel = props.logLevel;

    this.httpApi = new RoutewayHttpApi(this, 'HttpApi', {
      table,
      jwtIssuer: issuer,
      jwtAudience: clientId,
      environment,
      ...(props.userPoolDomain ? { cognitoDomain: props.userPoolDomain.baseUrl() } : {}),
      logLevel,
      ...(props.throttle ? { throttle: props.throttle } : {}),
      ...(props.geocoder ? { geocoder: props.geocoder } : {}),
    });
    this.sweeper = new SweeperSchedule(this, 'Sweeper', {
      table,
      environment,
      retentionDays: props.retentionDays,
      reservedConcurrency: props.sweeperReservedConcurrency,
      logLevel,
    });
    this.notifier = new NotifierPipeline(this, 'Notifier', {
      table,
      // Staff emails link back to the pages (config drops the URL's trailing '/').
      environment: { ...environment, APP_URL: this.httpApi.url },
      emailFrom: props.emailFrom,
      logLevel,
    });

    // Least privilege on the directory: the API reads it and makes the admin pages' changes (add a user,
    // change attributes and role group, disable/enable, end sessions); the notifier only reads names and
    // addresses. Neither can delete a user, set a password or change the pool.
    const readDirectory = ['cognito-idp:ListUsers', 'cognito-idp:ListUsersInGroup', 'cognito-idp:AdminListGroupsForUser'];
    userPool.grant(
      this.httpApi.function.function,
      ...readDirectory,
      'cognito-idp:AdminCreateUser',
      'cognito-idp:AdminUpdateUserAttributes',
      'cognito-idp:AdminDeleteUserAttributes',
      'cognito-idp:AdminAddUserToGroup',
      'cognito-idp:AdminRemoveUserFromGroup',
      'cognito-idp:AdminDisableUser',
      'cognito-idp:AdminEnableUser',
      'cognito-idp:AdminUserGlobalSignOut',
    );
    userPool.grant(this.notifier.function.function, ...readDirectory);

    // Alarms on every dead-letter queue, function, the stream and the API, to one topic; one dashboard.
    this.observability = new Observability(this, 'Observability', {
      httpApi: this.httpApi.api,
      functions: [
        { label: 'Api', function: this.httpApi.function.function },
        { label: 'Sweeper', function: this.sweeper.function.function },
        { label: 'Notifier', function: this.notifier.function.function },
      ],
      deadLetterQueues: [
        { label: 'Sweeper', queue: this.sweeper.deadLetterQueue },
        { label: 'Notifier', queue: this.notifier.deadLetterQueue },
      ],
      streamConsumer: this.notifier.function.function,
      ...(props.alarmEmail ? { alarmEmail: props.alarmEmail } : {}),
    });

    new CfnOutput(this, 'ApiUrl', { value: this.httpApi.url });
    new CfnOutput(this, 'UserPoolId', { value: userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: clientId });
    new CfnOutput(this, 'TableName', { value: table.tableName });
    new CfnOutput(this, 'SweeperFunctionName', { value: this.sweeper.function.function.functionName });
    new CfnOutput(this, 'SweeperDeadLetterQueueUrl', { value: this.sweeper.deadLetterQueue.queueUrl });
    new CfnOutput(this, 'NotifierFunctionName', { value: this.notifier.function.function.functionName });
    new CfnOutput(this, 'NotifierDeadLetterQueueUrl', { value: this.notifier.deadLetterQueue.queueUrl });
    new CfnOutput(this, 'EmailFrom', { value: props.emailFrom });
    new CfnOutput(this, 'AlarmTopicArn', {
      value: this.observability.topic.topicArn,
      description: 'Every alarm notifies this SNS topic (ALARM and OK); subscribe an operator to it',
    });
    new CfnOutput(this, 'DashboardName', { value: this.observability.dashboard.dashboardName });
  }
}
