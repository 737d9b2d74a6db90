import { Aws, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/**
 * What the functions emit (shared/metrics.ts; the CDK app imports no app code, so the names are
 * written again here and tests/infra checks the two lists agree).
 */
export const APP_METRICS = {
  namespace: 'Routeway',
  service: 'routeway',
  api: { requests: 'Requests', latency: 'RequestLatency', matchesServed: 'MatchesServed' },
  business: ['MatchesServed', 'SubmissionsProposed', 'Hires'],
  notifier: ['NotificationsDelivered', 'EmailsSent', 'DeliveryFailures'],
  sweeper: [
    'SweepDueRead',
    'SweepLapsed',
    'SweepReminded',
    'SweepExpired',
    'SweepCheckinsDue',
    'SweepSupportOverdue',
    'SweepFollowUpsDue',
    'SweepCallbacksDue',
    'SweepPermittedWorkEnding',
    'SweepTrialResultsDue',
    'SweepChased',
    'SweepVacancyWithdrawals',
    'SweepOfferReminders',
    'SweepOffersLapsed',
    'SweepAppointmentReminders',
    'SweepReviewReminders',
    'SweepDigests',
    'SweepFailed',
    'RetentionErased',
    'RetentionFailures',
  ],
} as const;

/** The alarms' thresholds (docs/infrastructure.md, "Alarms", says what to do when each fires). */
export const ALARM_THRESHOLDS = {
  /** Messages in a dead-letter queue: any at all. */
  deadLetterMessages: 1,
  /** Errors or throttles of a function in 5 minutes: any at all. */
  functionErrors: 1,
  functionThrottles: 1,
  /** The notifier's stream iterator age, in ms: over a minute behind, for 10 minutes. */
  iteratorAgeMs: 60_000,
  /** The API's 5xx answers as a share of all its answers, in %, over 5 minutes. */
  api5xxPercent: 1,
  /** The API's p95 latency (API Gateway's, end to end), in ms, for 15 minutes. */
  apiLatencyP95Ms: 2_000,
} as const;

const FIVE_MINUTES = Duration.minutes(5);

export interface MonitoredFunction {
  /** Short name for alarm ids and dashboard labels: `Api`, `Sweeper`, `Notifier`. */
  readonly label: string;
  readonly function: lambda.IFunction;
}

export interface MonitoredQueue {
  /** Short name for alarm ids and dashboard labels. */
  readonly label: string;
  readonly queue: sqs.IQueue;
}

export interface ObservabilityProps {
  /** The HTTP API whose 5xx rate and latency are alarmed on (API Gateway's metrics, by ApiId). */
  readonly httpApi: apigwv2.IHttpApi;
  /** Each function: Errors and Throttles alarms, and errors/throttles/duration on the dashboard. */
  readonly functions: readonly MonitoredFunction[];
  /** Each dead-letter queue: an alarm on any visible message. */
  readonly deadLetterQueues: readonly MonitoredQueue[];
  /** The stream consumer (the notifier): an alarm on its iterator age. */
  readonly streamConsumer: lambda.IFunction;
  /** Subscribes this address to the alarm topic (it must confirm by email). @default no subscription */
  readonly alarmEmail?: string;
}

/**
 * Alarms, the topic they notify and one dashboard. Every alarm sends both ALARM and OK to the topic
 * (encrypted with its own key, TLS-only). An operator subscribes to the topic (context
 * `routeway:alarmEmail`, or any SNS subscription); the topic ARN is a stack output.
 */
export class Observability extends Construct {
  readonly key: kms.Key;
  readonly topic: sns.Topic;
  readonly alarms: cloudwatch.Alarm[] = [];
  readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: ObservabilityProps) {
    super(scope, id);
    const stackName = Stack.of(this).stackName;

    // A customer-managed key: CloudWatch can publish to a topic encrypted with the AWS-managed
    // aws/sns key only if that key's policy allowed it, which it does not (and cannot be changed).
    // It protects alarm messages in transit through SNS only, so it goes with the stack.
    this.key = new kms.Key(this, 'TopicKey', {
      description: `Encrypts ${stackName}'s alarm topic (CloudWatch alarms publish to it)`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.DESTROY,
      pendingWindow: Duration.days(7),
    });
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudWatchAlarmsPublishToTheEncryptedTopic',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'], // in a key policy, `*` is this key
      }),
    );
    // Control Tower's CT.KMS.PR.3: grants on this key only for AWS services (none is needed at all).
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'GrantsOnlyForAwsServices',
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: ['kms:CreateGrant'],
        resources: ['*'],
        conditions: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' } },
      }),
    );

    this.topic = new sns.Topic(this, 'AlarmTopic', {
      displayName: `${stackName} alarms`,
      masterKey: this.key,
      enforceSSL: true,
    });
    // The topic's own policy replaces SNS's default one, so CloudWatch is let in explicitly, for this account's alarms only.
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudWatchAlarmsOfThisAccount',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: {
          StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
          ArnLike: { 'aws:SourceArn': `arn:${Aws.PARTITION}:cloudwatch:${Aws.REGION}:${Aws.ACCOUNT_ID}:alarm:*` },
        },
      }),
    );
    if (props.alarmEmail) this.topic.addSubscription(new subscriptions.EmailSubscription(props.alarmEmail));
    const notify = new SnsAction(this.topic);

    const alarm = (
      alarmId: string,
      description: string,
      options: Omit<cloudwatch.CreateAlarmOptions, 'alarmName' | 'alarmDescription'>,
      metric: cloudwatch.IMetric,
    ) => {
      const a = new cloudwatch.Alarm(this, alarmId, {
        metric,
        alarmName: `${stackName}-${alarmId}`,
        alarmDescription: `${description} Runbook: docs/infrastructure.md, "Alarms".`,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        ...options,
      });
      a.addAlarmAction(notify);
      a.addOkAction(notify);
      this.alarms.push(a);
      return a;
    };

    for (const { label, queue } of props.deadLetterQueues) {
      alarm(
        `${label}DeadLetterQueueNotEmpty`,
        `The ${label.toLowerCase()} dead-letter queue holds a message: work that failed every retry.`,
        {
          threshold: ALARM_THRESHOLDS.deadLetterMessages,
          evaluationPeriods: 1,
          comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        },
        queue.metricApproximateNumberOfMessagesVisible({ period: FIVE_MINUTES, statistic: cloudwatch.Stats.MAXIMUM }),
      );
    }

    for (const { label, function: fn } of props.functions) {
      alarm(
        `${label}FunctionErrors`,
        `The ${label.toLowerCase()} function failed (an unhandled error or a timeout).`,
        {
          threshold: ALARM_THRESHOLDS.functionErrors,
          evaluationPeriods: 1,
          comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        },
        fn.metricErrors({ period: FIVE_MINUTES, statistic: cloudwatch.Stats.SUM }),
      );
      alarm(
        `${label}FunctionThrottles`,
        `The ${label.toLowerCase()} function was throttled (no concurrency left for it).`,
        {
          threshold: ALARM_THRESHOLDS.functionThrottles,
          evaluationPeriods: 1,
          comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        },
        fn.metricThrottles({ period: FIVE_MINUTES, statistic: cloudwatch.Stats.SUM }),
      );
    }

    const iteratorAge = props.streamConsumer.metric('IteratorAge', { period: FIVE_MINUTES, statistic: cloudwatch.Stats.MAXIMUM });
    alarm(
      'NotifierIteratorAge',
      'The notifier is more than a minute behind the table stream (for 10 minutes): notifications and emails are late.',
      {
        threshold: ALARM_THRESHOLDS.iteratorAgeMs,
        evaluationPeriods: 2,
        datapointsToAlarm: 2,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      },
      iteratorAge,
    );

    const api5xx = props.httpApi.metricServerError({ period: FIVE_MINUTES, statistic: cloudwatch.Stats.SUM, label: '5xx' });
    const api4xx = props.httpApi.metricClientError({ period: FIVE_MINUTES, statistic: cloudwatch.Stats.SUM, label: '4xx' });
    const apiRequests = props.httpApi.metricCount({ period: FIVE_MINUTES, statistic: cloudwatch.Stats.SUM, label: 'requests' });
    const api5xxRate = new cloudwatch.MathExpression({
      expression: 'IF(requests > 0, 100 * errors / requests, 0)',
      usingMetrics: { errors: api5xx, requests: apiRequests },
      period: FIVE_MINUTES,
      label: '5xx rate (%)',
    });
    alarm(
      'Api5xxRate',
      `Over ${ALARM_THRESHOLDS.api5xxPercent} % of the API's answers in 5 minutes were 5xx.`,
      {
        threshold: ALARM_THRESHOLDS.api5xxPercent,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      },
      api5xxRate,
    );
    // Without a label in the alarm (a labelled metric becomes a metric-math query there), with one on the dashboard.
    const latency = (statistic: string, label?: string) =>
      props.httpApi.metricLatency({ period: FIVE_MINUTES, statistic, ...(label ? { label } : {}) });
    alarm(
      'ApiLatencyP95',
      `The API's p95 latency was over ${ALARM_THRESHOLDS.apiLatencyP95Ms / 1000} s for 15 minutes.`,
      {
        threshold: ALARM_THRESHOLDS.apiLatencyP95Ms,
        evaluationPeriods: 3,
        datapointsToAlarm: 3,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      },
      latency('p95'),
    );

    const appMetric = (metricName: string, period = FIVE_MINUTES) =>
      new cloudwatch.Metric({
        namespace: APP_METRICS.namespace,
        metricName,
        dimensionsMap: { service: APP_METRICS.service },
        statistic: cloudwatch.Stats.SUM,
        period,
        label: metricName,
      });
    const perFunction = (title: string, metric: (fn: lambda.IFunction) => cloudwatch.IMetric) =>
      new cloudwatch.GraphWidget({ title, width: 8, left: props.functions.map(({ function: fn }) => metric(fn)) });
    const requestsByRoute = new cloudwatch.MathExpression({
      expression: `SEARCH('{${APP_METRICS.namespace},route,service,statusClass} MetricName="${APP_METRICS.api.requests}"', 'Sum', 300)`,
      usingMetrics: {},
      label: '',
    });

    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: stackName,
      defaultInterval: Duration.hours(12),
      widgets: [
        [new cloudwatch.AlarmStatusWidget({ title: 'Alarms', alarms: this.alarms, width: 24, height: 4 })],
        [
          new cloudwatch.GraphWidget({ title: 'API answers', width: 8, left: [apiRequests, api4xx, api5xx] }),
          new cloudwatch.GraphWidget({ title: 'API 5xx rate (%)', width: 8, left: [api5xxRate] }),
          new cloudwatch.GraphWidget({ title: 'API latency (ms)', width: 8, left: [latency('p50', 'p50'), latency('p95', 'p95')] }),
        ],
        [new cloudwatch.GraphWidget({ title: 'Requests by route and status class', width: 24, left: [requestsByRoute] })],
        [
          perFunction('Function errors', (fn) => fn.metricErrors({ period: FIVE_MINUTES, statistic: cloudwatch.Stats.SUM })),
          perFunction('Function throttles', (fn) => fn.metricThrottles({ period: FIVE_MINUTES, statistic: cloudwatch.Stats.SUM })),
          perFunction('Function duration p95 (ms)', (fn) => fn.metricDuration({ period: FIVE_MINUTES, statistic: 'p95' })),
        ],
        [
          new cloudwatch.GraphWidget({
            title: 'Dead-letter queue depth',
            width: 12,
            left: props.deadLetterQueues.map(({ label, queue }) =>
              queue.metricApproximateNumberOfMessagesVisible({ period: FIVE_MINUTES, statistic: cloudwatch.Stats.MAXIMUM, label }),
            ),
          }),
          new cloudwatch.GraphWidget({ title: 'Notifier iterator age (ms)', width: 12, left: [iteratorAge] }),
        ],
        [
          new cloudwatch.GraphWidget({ title: 'Matches, proposals, hires', width: 8, left: APP_METRICS.business.map((m) => appMetric(m)) }),
          new cloudwatch.GraphWidget({ title: 'Notifier deliveries', width: 8, left: APP_METRICS.notifier.map((m) => appMetric(m)) }),
          new cloudwatch.GraphWidget({
            title: 'Sweeper (per hourly run)',
            width: 8,
            left: APP_METRICS.sweeper.map((m) => appMetric(m, Duration.hours(1))),
          }),
        ],
      ],
    });
  }
}
