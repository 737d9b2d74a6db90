import { Stack, type StackProps } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import { RoutewayTable } from '../constructs/routeway-table.js';

/**
 * Stateful stack: everything that holds data we cannot recreate. Today that is the one table.
 * Kept apart from the API stack so the API can be torn down and redeployed freely.
 */
export class DataStack extends Stack {
  readonly table: dynamodb.Table;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    this.table = new RoutewayTable(this, 'RoutewayTable').table;
  }
}
