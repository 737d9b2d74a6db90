import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { tableDesign } from '../../shared/adapters/dynamodb/table-design.js';

/**
 * The one Routeway table, with its key schema and indexes taken from the shared table design
 * (the same source the local/test table creator uses, so the two cannot drift).
 *
 * Deliberately takes no props: the secure, durable settings (on-demand billing, point-in-time
 * recovery, AWS-managed KMS encryption, NEW_AND_OLD_IMAGES stream, deletion protection, RETAIN)
 * are not knobs anyone can forget or turn off at a call site.
 *
 * Why `Table` and not `TableV2`: `TableV2` synthesises `AWS::DynamoDB::GlobalTable`, which the
 * cdk-nag DynamoDB rules (e.g. AwsSolutions-DDB3, point-in-time recovery) do not inspect: they
 * only look at `AWS::DynamoDB::Table`. We need no replicas, and `Table` matches the plain
 * CreateTable the local creator issues. Switching later is a resource-type change (retain +
 * import), so the choice is made once, here.
 */
export class RoutewayTable extends Construct {
  readonly table: dynamodb.Table;

  constructor(scope: Construct, id: string) {
    super(scope, id);

    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: { name: tableDesign.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: tableDesign.sortKey, type: dynamodb.AttributeType.STRING },
      timeToLiveAttribute: tableDesign.timeToLiveAttribute,
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      stream: dynamodb.StreamViewType.NEW_AND_OLD_IMAGES,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    for (const gsi of tableDesign.globalSecondaryIndexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: gsi.indexName,
        partitionKey: { name: gsi.partitionKey, type: dynamodb.AttributeType.STRING },
        sortKey: { name: gsi.sortKey, type: dynamodb.AttributeType.STRING },
        projectionType: dynamodb.ProjectionType.ALL,
      });
    }
  }

  /** Index names, for callers that build index-scoped IAM statements. */
  get indexNames(): string[] {
    return tableDesign.globalSecondaryIndexes.map((g) => g.indexName);
  }
}
