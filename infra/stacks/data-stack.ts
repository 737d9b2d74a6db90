import { Stack, type StackProps } from 'aws-cdk-lib';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import { RoutewayTable } from '../constructs/routeway-table.js';
import { RoutewayUserPool } from '../constructs/user-pool.js';

export interface DataStackProps extends StackProps {
  /**
   * The user pool's feature plan: PLUS (threat protection enforced) or ESSENTIALS (throwaway dev
   * accounts only).
   */
  readonly cognitoFeaturePlan: 'PLUS' | 'ESSENTIALS';
  /** Creates the hosted sign-in domain `<prefix>.auth.<region>.amazoncognito.com` when set. @default none */
  readonly cognitoDomainPrefix?: string;
}

/**
 * Stateful stack: everything that holds data we cannot recreate, each retained on delete and
 * deletion-protected: the table (every Routeway item) and the Cognito user pool (every user), with
 * the pool's groups and hosted sign-in domain. Kept apart from the API stack so that stack can be
 * torn down and redeployed freely; the API stack takes these by reference.
 */
export class DataStack extends Stack {
  readonly table: dynamodb.Table;
  readonly userPool: cognito.UserPool;
  /** The hosted sign-in domain, when `cognitoDomainPrefix` was given. */
  readonly userPoolDomain?: cognito.UserPoolDomain;

  constructor(scope: Construct, id: string, props: DataStackProps) {
    super(scope, id, props);
    this.table = new RoutewayTable(this, 'RoutewayTable').table;
    const users = new RoutewayUserPool(this, 'RoutewayUserPool', {
      featurePlan: props.cognitoFeaturePlan,
      ...(props.cognitoDomainPrefix ? { domainPrefix: props.cognitoDomainPrefix } : {}),
    });
    this.userPool = users.userPool;
    if (users.domain) this.userPoolDomain = users.domain;
  }
}
