import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';

/** The Cognito groups Routeway maps to roles (`cognito:groups` claim), highest precedence first. */
export const ROUTEWAY_GROUPS = ['admin', 'liaison', 'adviser', 'employer'] as const;

export interface RoutewayUserPoolProps {
  /**
   * PLUS turns on Cognito threat protection (compromised-credential and adaptive-authentication
   * checks, enforced). ESSENTIALS is cheaper, for throwaway dev accounts only (cdk-nag COG8 is then
   * acknowledged).
   */
  readonly featurePlan: 'PLUS' | 'ESSENTIALS';
  /**
   * Creates the Cognito-hosted sign-in domain `<prefix>.auth.<region>.amazoncognito.com` when set
   * (the web pages sign in there). @default no domain
   */
  readonly domainPrefix?: string;
}

/**
 * Routeway's users: the Cognito user pool, its four role groups and, optionally, its hosted sign-in
 * domain. Stateful: the pool holds every user, their passwords, MFA devices and attributes, and
 * cannot be recreated, so it is deletion-protected and `RemovalPolicy.RETAIN`ed, and lives in the
 * stateful stack beside the table.
 *
 * The app client is not here: its callback URLs are the HTTP API's, so it lives in the stateless
 * stack with the API (see docs/infrastructure.md).
 *
 * Do not rename or move this construct or its children once deployed: their logical ids derive from
 * the construct path, and a new logical id for the pool means a new, empty pool.
 */
export class RoutewayUserPool extends Construct {
  readonly userPool: cognito.UserPool;
  /** The hosted sign-in domain, when `domainPrefix` was given. */
  readonly domain?: cognito.UserPoolDomain;

  constructor(scope: Construct, id: string, props: RoutewayUserPoolProps) {
    super(scope, id);

    this.userPool = new cognito.UserPool(this, 'UserPool', {
      selfSignUpEnabled: false, // staff and employers are invited by an admin
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      customAttributes: {
        // Mutable so admins can move a user; the app client (stateless stack) cannot write them.
        org: new cognito.StringAttribute({ mutable: true }),
        employerId: new cognito.StringAttribute({ mutable: true }),
        // The staff directory's office or team (adding a custom attribute to a deployed pool is allowed).
        team: new cognito.StringAttribute({ mutable: true, maxLen: 80 }),
      },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      // Every user sees health, conviction or candidate details: a second factor (an authenticator app)
      // is required of all, staff and employer users alike (docs/decisions.md).
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      featurePlan: props.featurePlan === 'PLUS' ? cognito.FeaturePlan.PLUS : cognito.FeaturePlan.ESSENTIALS,
      ...(props.featurePlan === 'PLUS' ? { standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION } : {}),
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    if (props.featurePlan !== 'PLUS') {
      Validations.of(this.userPool).acknowledge({
        id: 'AwsSolutions-COG8',
        reason:
          'Context routeway:cognitoFeaturePlan=ESSENTIALS was chosen explicitly for a throwaway/dev deployment; production uses PLUS (threat protection enforced).',
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

    if (props.domainPrefix) {
      this.domain = this.userPool.addDomain('Domain', { cognitoDomain: { domainPrefix: props.domainPrefix } });
    }
  }
}
