import { Aws, Duration, Validations } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { paths } from '../paths.js';
import { ApiFunction, type LogLevel } from './api-function.js';

/** How the notifier reads the table stream. */
export const NOTIFIER_STREAM = {
  batchSize: 25,
  retryAttempts: 5,
  /** Older records are given up on (to the dead-letter queue); well inside the stream's 24 h retention. */
  maxRecordAge: Duration.hours(6),
} as const;

export interface NotifierPipelineProps {
  /** The table whose stream (NEW_AND_OLD_IMAGES) carries the outbox inserts; the notifier also reads and writes it (no index). */
  readonly table: dynamodb.ITable;
  /** The app configuration `shared/config.ts` requires, the same for every function; TABLE_NAME is added here. */
  readonly environment: Record<string, string>;
  /**
   * The sender of the notifier's emails (EMAIL_FROM): the role may `ses:SendEmail` from this address
   * only. Must be an SES-verified identity (the address, or its domain) in the stack's region.
   */
  readonly emailFrom: string;
  /** LOG_LEVEL of the function. */
  readonly logLevel: LogLevel;
}

/**
 * Outbox → stream → notifier: the table stream, filtered to outbox inserts, invokes functions/notifier,
 * which turns each outbox event into in-app notifications, emails (SES) and funnel counts, committed
 * together with a processed marker and the outbox item's deletion, so a redelivered record does
 * nothing twice. A record that keeps failing ends in the dead-letter queue (docs/pipeline.md).
 */
export class NotifierPipeline extends Construct {
  readonly function: ApiFunction;
  /** The stream mapping's on-failure destination. */
  readonly deadLetterQueue: sqs.Queue;
  readonly eventSource: DynamoEventSource;

  constructor(scope: Construct, id: string, props: NotifierPipelineProps) {
    super(scope, id);

    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetterQueue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      // Marks it as a dead-letter queue (Control Tower's CT.SQS.PR.1 reads this); allowAll is SQS's default, so nothing is widened.
      redriveAllowPolicy: { redrivePermission: sqs.RedrivePermission.ALLOW_ALL },
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        "This queue IS a dead-letter queue: the on-failure destination of the notifier's stream event source mapping. " +
        'cdk-nag only recognises a DLQ from a RedrivePolicy or a function DeadLetterConfig, and a stream-invoked function has no asynchronous DLQ.',
    });

    this.function = new ApiFunction(this, 'Function', {
      entry: paths.notifierEntry,
      description: 'Routeway notifier: outbox events from the table stream to notifications and email',
      logLevel: props.logLevel,
      memorySize: 512,
      // A batch of 25 events, each a few reads, up to three emails and one transaction.
      timeout: Duration.minutes(1),
      environment: props.environment,
      // The event source below grants dynamodb:ListStreams on `*`, next to X-Ray's two actions.
      wildcardResourceReason:
        'dynamodb:ListStreams, which Lambda needs to poll a DynamoDB stream and which IAM cannot scope to a resource (DynamoEventSource grants it on *); ' +
        "the record-reading actions are scoped to this table's stream ARN.",
    });
    // GetItem (processed markers, submissions, participants, vacancies, employers, placements), Query on
    // the base table (an employer's contacts), PutItem/DeleteItem (email claims) and TransactWriteItems
    // (notifications, counters, the processed marker, the outbox delete). No index is queried.
    this.function.bindTable({ table: props.table, accessMode: 'readWrite', indexNames: [] });

    this.eventSource = new DynamoEventSource(props.table, {
      // A new (or replaced) mapping starts from the oldest record the stream still holds (24 h), so
      // outbox events written before it existed are delivered, not skipped as LATEST would;
      // re-reading already delivered ones is harmless (processed markers).
      startingPosition: lambda.StartingPosition.TRIM_HORIZON,
      batchSize: NOTIFIER_STREAM.batchSize,
      reportBatchItemFailures: true, // the handler returns { batchItemFailures }
      bisectBatchOnError: true,
      retryAttempts: NOTIFIER_STREAM.retryAttempts,
      maxRecordAge: NOTIFIER_STREAM.maxRecordAge,
      onFailure: new SqsDlq(this.deadLetterQueue),
      // Only outbox inserts invoke it (not their TTL/delivery removals, nor any other item).
      filters: [
        lambda.FilterCriteria.filter({
          eventName: lambda.FilterRule.isEqual('INSERT'),
          dynamodb: { NewImage: { type: { S: lambda.FilterRule.isEqual('Outbox') } } },
        }),
      ],
    });
    this.function.function.addEventSource(this.eventSource);
    // The event source grants stream read: DescribeStream/GetRecords/GetShardIterator on this stream,
    // and ListStreams, which has no resource-level permissions (acknowledged by ApiFunction, above).

    // SES v2 SendEmail, from EMAIL_FROM only. The resource is every identity of this account and
    // region, narrowed by the ses:FromAddress condition: SES authorises the send against the identity
    // that verifies the sender (the address or its domain) and, while the account is in the SES
    // sandbox, against each recipient's identity as well, so a single sender-identity ARN would
    // refuse sandbox sends. Nothing else (no SendRawEmail, so no arbitrary headers; no identity admin).
    // Pseudo-parameters rather than formatArn: the ARN (and so the acknowledged finding) is the same
    // whether or not the stack's environment is known at synthesis.
    const sesIdentities = `arn:${Aws.PARTITION}:ses:${Aws.REGION}:${Aws.ACCOUNT_ID}:identity/*`;
    this.function.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['ses:SendEmail'],
        resources: [sesIdentities],
        conditions: { StringEquals: { 'ses:FromAddress': props.emailFrom } },
      }),
    );
    Validations.of(this.function.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ses:<AWS::Region>:<AWS::AccountId>:identity/*]',
      reason:
        "ses:SendEmail on this account and region's identities, conditioned on ses:FromAddress = EMAIL_FROM: SES checks the sender's " +
        "identity (address or domain) and, in the SES sandbox, every recipient's identity, so it cannot be one identity ARN.",
    });
  }
}
