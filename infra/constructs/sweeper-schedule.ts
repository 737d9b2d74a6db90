import { Duration } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { paths } from '../paths.js';
import { ApiFunction, type LogLevel } from './api-function.js';

export interface SweeperScheduleProps {
  /** The table the sweeper reads and writes (item actions, and `Query` on GSI1–GSI3). */
  readonly table: dynamodb.ITable;
  /** The app configuration `shared/config.ts` requires, the same for every function; TABLE_NAME and RETENTION_DAYS are added here. */
  readonly environment: Record<string, string>;
  /** RETENTION_DAYS: days after a participant's exit before their personal data is erased (30–3650). */
  readonly retentionDays: number;
  /**
   * Reserved concurrency of the sweeper (1 = never two sweeps at once). `undefined` reserves none,
   * for accounts whose concurrency quota leaves nothing to reserve.
   */
  readonly reservedConcurrency: number | undefined;
  /** LOG_LEVEL of the function. */
  readonly logLevel: LogLevel;
}

/**
 * The hourly sweeper: an EventBridge rule invokes functions/sweeper asynchronously; it acts on the
 * deadlines that fell due (the due index) and erases participants who exited more than
 * RETENTION_DAYS ago (both bounded per run, idempotent). One dead-letter queue catches both events
 * EventBridge could not deliver and invocations that still failed after Lambda's retries.
 */
export class SweeperSchedule extends Construct {
  readonly function: ApiFunction;
  readonly deadLetterQueue: sqs.Queue;
  readonly rule: events.Rule;

  constructor(scope: Construct, id: string, props: SweeperScheduleProps) {
    super(scope, id);

    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetterQueue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      // Marks it as a dead-letter queue (Control Tower's CT.SQS.PR.1 reads this); allowAll is SQS's default, so nothing is widened.
      redriveAllowPolicy: { redrivePermission: sqs.RedrivePermission.ALLOW_ALL },
    });
    // A stale event is not worth running once the next one is due.
    const maxEventAge = Duration.hours(1);
    this.function = new ApiFunction(this, 'Function', {
      entry: paths.sweeperEntry,
      description: 'Routeway sweeper: due deadlines and retention (EventBridge schedule)',
      logLevel: props.logLevel,
      memorySize: 512,
      timeout: Duration.minutes(5),
      reservedConcurrentExecutions: props.reservedConcurrency,
      // cdk-nag recognises the queue as a DLQ (SQS3) from this DeadLetterConfig, not from the rule target's: keep it.
      deadLetterQueue: this.deadLetterQueue,
      retryAttempts: 2,
      maxEventAge,
      environment: { ...props.environment, RETENTION_DAYS: String(props.retentionDays) },
    });
    // Query GSI3 (the due index, partition DUE), GSI2 (exited participants, their submissions,
    // placements and notifications) and GSI1 (their enrolments), GetItem, and TransactWriteItems
    // (outbox events with submission/placement/interaction updates; erasures). Never Scan.
    this.function.bindTable({ table: props.table, accessMode: 'readWrite', indexNames: ['GSI1', 'GSI2', 'GSI3'] });

    this.rule = new events.Rule(this, 'Schedule', {
      description: 'Runs the Routeway sweeper (due deadlines, retention)',
      schedule: events.Schedule.rate(Duration.hours(1)),
      targets: [
        new targets.LambdaFunction(this.function.function, {
          deadLetterQueue: this.deadLetterQueue,
          retryAttempts: 2,
          maxEventAge,
        }),
      ],
    });
  }
}
