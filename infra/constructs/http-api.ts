import { Validations } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { paths } from '../paths.js';
import { ApiFunction, type LogLevel } from './api-function.js';

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
  // The footer's information pages (help, accessibility statement, privacy notice, cookies): for anyone, signed in or not.
  { method: apigwv2.HttpMethod.GET, path: '/help' },
  { method: apigwv2.HttpMethod.GET, path: '/accessibility' },
  { method: apigwv2.HttpMethod.GET, path: '/privacy' },
  { method: apigwv2.HttpMethod.GET, path: '/cookies' },
  // A staff email's unsubscribe link, opened (and one-click posted, RFC 8058) without signing in: its signed token is its authority.
  { method: apigwv2.HttpMethod.GET, path: '/unsubscribe' },
  { method: apigwv2.HttpMethod.POST, path: '/unsubscribe' },
] as const;

export interface RoutewayHttpApiProps {
  /** The table the API function reads and writes (item actions, and `Query` on GSI1–GSI3). */
  readonly table: dynamodb.ITable;
  /** The user pool's issuer URL (`https://cognito-idp.<region>.<suffix>/<poolId>`) the JWT authorizer trusts. */
  readonly jwtIssuer: string;
  /** The app client id: the audience (`aud`, i.e. ID tokens) the JWT authorizer requires. */
  readonly jwtAudience: string;
  /**
   * The app configuration `shared/config.ts` requires (AUTH_MODE, JWT_*, EMAIL_*, …), the same for
   * every function; TABLE_NAME and WEB_ASSETS_DIR are added here.
   */
  readonly environment: Record<string, string>;
  /**
   * The hosted sign-in domain's base URL (`https://<prefix>.auth.<region>.amazoncognito.com`), given
   * to the function as COGNITO_DOMAIN. Without it the web pages cannot sign anyone in. @default none
   */
  readonly cognitoDomain?: string;
  /** LOG_LEVEL of the function. */
  readonly logLevel: LogLevel;
  /** Stage-wide throttling. @default 50 rps steady, 100 burst */
  readonly throttle?: { rateLimit: number; burstLimit: number };
  /** Which geocoder places postcodes (GEOCODER). @default 'district' (offline; no AWS service) */
  readonly geocoder?: 'district' | 'amazon-location';
}

/**
 * The HTTP API and the Lambda behind it: the Hono app (API and web pages, GOV.UK Frontend's assets
 * in its bundle), a `$default` route guarded by a Cognito JWT authorizer, the public routes (health,
 * API description, web pages and assets), and a throttled `$default` stage with JSON access logs.
 */
export class RoutewayHttpApi extends Construct {
  readonly api: apigwv2.HttpApi;
  readonly stage: apigwv2.HttpStage;
  readonly function: ApiFunction;
  /** The stage URL, ending with `/`. */
  readonly url: string;

  constructor(scope: Construct, id: string, props: RoutewayHttpApiProps) {
    super(scope, id);

    this.function = new ApiFunction(this, 'Function', {
      entry: paths.apiEntry,
      description: 'Routeway HTTP API (Hono)',
      logLevel: props.logLevel,
      // The web pages sign in through the hosted pages when the pool has a domain (else /sign-in says it is not set up).
      environment: { ...props.environment, ...(props.cognitoDomain ? { COGNITO_DOMAIN: props.cognitoDomain } : {}) },
      // GOV.UK Frontend's CSS, JS, fonts and images travel in the bundle; the app serves them under /assets.
      webAssets: true,
    });
    // Every GSI: GSI1/GSI2 for owner and state listings, GSI3 for the employer name directory.
    this.function.bindTable({ table: props.table, accessMode: 'readWrite', indexNames: ['GSI1', 'GSI2', 'GSI3'] });
    // Only the API locates postcodes (records are written here); the other functions keep the district table.
    if (props.geocoder === 'amazon-location') this.function.allowGeocoding();

    const integration = new HttpLambdaIntegration('ApiIntegration', this.function.function);
    this.api = new apigwv2.HttpApi(this, 'Api', {
      apiName: 'HttpApi', // the name it has always had (it defaults to the construct id, which was HttpApi)
      description: 'Routeway API',
      // Every request not matched by a public route below goes to the `$default` route, which
      // requires a valid Cognito JWT (ID token: `aud` is the app client id).
      defaultIntegration: integration,
      defaultAuthorizer: new HttpJwtAuthorizer('CognitoJwt', props.jwtIssuer, { jwtAudience: [props.jwtAudience] }),
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
    this.url = this.stage.url;

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
  }
}
