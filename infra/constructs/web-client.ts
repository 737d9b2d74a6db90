import { Duration } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';

export interface WebClientProps {
  /** The user pool the client signs users in to (the stateful stack's, passed by reference). */
  readonly userPool: cognito.IUserPool;
  /**
   * The API's base URL, ending with `/` (a token, e.g. a `Lazy` of the stage URL when the API is
   * created after this client). Callback `<apiUrl>auth/callback`, sign-out URL `<apiUrl>`.
   */
  readonly apiUrl: string;
  /** OAuth callback URLs besides `<apiUrl>auth/callback` (their origins become sign-out URLs too). */
  readonly extraCallbackUrls: readonly string[];
}

/**
 * The app client the web pages and API callers sign in with: public (no secret), authorization code
 * (the app adds PKCE) and SRP, one-hour ID and access tokens. Its id is the audience
 * the JWT authorizer and the app check.
 *
 * Stateless: it holds no users, only configuration, and it points at the HTTP API's URL, so it lives
 * in the stateless stack (in the stateful one the pool's stack would reference the API's and the API's
 * the pool's: a cycle). Replacing it changes the client id and ends existing sessions, nothing more.
 */
export class WebClient extends Construct {
  readonly userPoolClient: cognito.UserPoolClient;

  constructor(scope: Construct, id: string, props: WebClientProps) {
    super(scope, id);

    this.userPoolClient = new cognito.UserPoolClient(this, 'Client', {
      userPool: props.userPool,
      generateSecret: false,
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
        callbackUrls: [`${props.apiUrl}auth/callback`, ...props.extraCallbackUrls],
        logoutUrls: [props.apiUrl, ...props.extraCallbackUrls.map((u) => new URL('/', u).toString())],
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
  }
}
