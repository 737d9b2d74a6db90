import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CfnResource } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type RoutewayApp } from '../../infra/app.js';
import { ALARM_THRESHOLDS, APP_METRICS } from '../../infra/constructs/observability.js';
import { paths } from '../../infra/paths.js';
import { runSweep } from '../../functions/sweeper/sweep.js';
import { METRIC, METRICS_NAMESPACE, METRICS_SERVICE, type MetricsSink } from '../../shared/metrics.js';
import { fakeDeps } from '../support/fakes/fake-deps.js';

/**
 * Telemetry in AWS: active tracing, the alarms and the topic they notify, the dashboard. Synthesised
 * without bundling (the functions' code does not change the template's shape; stacks.test.ts bundles).
 */
const cdkJson = JSON.parse(readFileSync(join(paths.root, 'cdk.json'), 'utf8')) as { context: Record<string, unknown> };
const outdirs: string[] = [];

function synthesise(extra: Record<string, unknown> = {}): RoutewayApp & { template: Template } {
  const outdir = mkdtempSync(join(tmpdir(), 'routeway-obs-'));
  outdirs.push(outdir);
  const built = buildApp({
    outdir,
    context: { ...cdkJson.context, '@aws-cdk/core:appMode': 'inmemory', 'aws:cdk:bundling-stacks': [], ...extra },
  });
  built.app.synth(); // throws with the report if cdk-nag finds anything unacknowledged
  return { ...built, template: Template.fromStack(built.apiStack) };
}

const logicalId = (construct: IConstruct) => {
  const cfn = (construct.node.defaultChild ?? construct) as CfnResource;
  return cfn.stack.getLogicalId(cfn);
};

type Alarm = { Properties: Record<string, unknown> & { AlarmName: string } };

let main: RoutewayApp & { template: Template };
let api: Template;
let alarms: Record<string, Alarm['Properties']>;

beforeAll(() => {
  main = synthesise();
  api = main.template;
  alarms = Object.fromEntries(
    (Object.values(api.findResources('AWS::CloudWatch::Alarm')) as Alarm[]).map((a) => [a.Properties.AlarmName, a.Properties]),
  );
});

afterAll(() => {
  for (const dir of outdirs) rmSync(dir, { recursive: true, force: true });
});

const functions = () => [main.apiStack.httpApi.function, main.apiStack.sweeper.function, main.apiStack.notifier.function];
const topicRef = () => ({ Ref: logicalId(main.apiStack.observability.topic) });

describe('tracing', () => {
  it('traces every function actively, and each role may put X-Ray data (on *, its only possible resource)', () => {
    const fns = api.findResources('AWS::Lambda::Function');
    expect(Object.keys(fns)).toHaveLength(3);
    for (const f of functions()) {
      expect(fns[logicalId(f.function)]!.Properties.TracingConfig, f.node.path).toEqual({ Mode: 'Active' });
      const policies = Object.values(api.findResources('AWS::IAM::Policy')) as {
        Properties: { Roles: { Ref: string }[]; PolicyDocument: { Statement: { Action: string | string[]; Resource: unknown }[] } };
      }[];
      const statements = policies
        .filter((p) => p.Properties.Roles.some((r) => r.Ref === logicalId(f.role)))
        .flatMap((p) => p.Properties.PolicyDocument.Statement);
      // CDK merges statements on the same resource: the notifier's `*` statement also holds dynamodb:ListStreams.
      const xray = statements.filter((st) => [st.Action].flat().some((a) => a.startsWith('xray:')));
      expect(xray, f.node.path).toHaveLength(1);
      expect(xray[0]).toMatchObject({ Effect: 'Allow', Resource: '*' });
      expect(
        [xray[0]!.Action]
          .flat()
          .filter((a) => a.startsWith('xray:'))
          .sort(),
        f.node.path,
      ).toEqual(['xray:PutTelemetryRecords', 'xray:PutTraceSegments']);
    }
  });
});

describe('alarm topic', () => {
  it('is encrypted with its own rotating key, which CloudWatch may use and which grants only to AWS services', () => {
    api.resourceCountIs('AWS::SNS::Topic', 1);
    const keyId = logicalId(main.apiStack.observability.key);
    api.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] } });
    api.resourceCountIs('AWS::KMS::Key', 1);
    const key = api.findResources('AWS::KMS::Key')[keyId]!;
    expect(key.Properties).toMatchObject({ EnableKeyRotation: true, PendingWindowInDays: 7 });
    // It only protects alarm messages in flight: it goes with the (stateless) stack.
    expect(key.DeletionPolicy).toBe('Delete');
    const statements = key.Properties.KeyPolicy.Statement as Record<string, unknown>[];
    expect(statements).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          Effect: 'Allow',
          Principal: { Service: 'cloudwatch.amazonaws.com' },
          Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
          Resource: '*',
        }),
        expect.objectContaining({
          Effect: 'Deny',
          Principal: { AWS: '*' },
          Action: 'kms:CreateGrant',
          Condition: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' } },
        }),
      ]),
    );
  });

  it('refuses non-TLS requests and lets CloudWatch publish only for alarms of this account', () => {
    api.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [topicRef()],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: 'sns:Publish',
            Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } }, ArnLike: Match.anyValue() },
          }),
        ]),
      },
    });
  });

  it('is a stack output, and routeway:alarmEmail subscribes an address (none by default; a bad one fails synthesis)', () => {
    api.hasOutput('AlarmTopicArn', { Value: topicRef() });
    api.resourceCountIs('AWS::SNS::Subscription', 0);
    const withEmail = synthesise({ 'routeway:alarmEmail': 'ops@routeway.example' });
    withEmail.template.resourceCountIs('AWS::SNS::Subscription', 1);
    withEmail.template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@routeway.example',
      TopicArn: { Ref: logicalId(withEmail.apiStack.observability.topic) },
    });
    expect(() => buildApp({ context: { ...cdkJson.context, 'routeway:alarmEmail': 'ops' } })).toThrow(
      /routeway:alarmEmail must be an email address/,
    );
  });
});

describe('alarms', () => {
  it('are exactly these eleven, each notifying the topic of ALARM and OK, actions on, missing data not breaching', () => {
    expect(Object.keys(alarms).sort()).toEqual(
      [
        'SweeperDeadLetterQueueNotEmpty',
        'NotifierDeadLetterQueueNotEmpty',
        'ApiFunctionErrors',
        'ApiFunctionThrottles',
        'SweeperFunctionErrors',
        'SweeperFunctionThrottles',
        'NotifierFunctionErrors',
        'NotifierFunctionThrottles',
        'NotifierIteratorAge',
        'Api5xxRate',
        'ApiLatencyP95',
      ]
        .map((n) => `RoutewayApi-${n}`)
        .sort(),
    );
    for (const [name, a] of Object.entries(alarms)) {
      expect(a.AlarmActions, name).toEqual([topicRef()]);
      expect(a.OKActions, name).toEqual([topicRef()]);
      expect(a.ActionsEnabled, name).not.toBe(false);
      expect(a.TreatMissingData, name).toBe('notBreaching');
      expect(a.AlarmDescription, name).toContain('docs/infrastructure.md');
    }
  });

  it('fire on any message in either dead-letter queue', () => {
    for (const [label, queue] of [
      ['Sweeper', main.apiStack.sweeper.deadLetterQueue],
      ['Notifier', main.apiStack.notifier.deadLetterQueue],
    ] as const) {
      expect(alarms[`RoutewayApi-${label}DeadLetterQueueNotEmpty`]).toMatchObject({
        Namespace: 'AWS/SQS',
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [logicalId(queue), 'QueueName'] } }],
        Statistic: 'Maximum',
        Period: 300,
        Threshold: ALARM_THRESHOLDS.deadLetterMessages,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        EvaluationPeriods: 1,
      });
    }
  });

  it('fire on any error or throttle of each function', () => {
    for (const [label, fn] of [
      ['Api', main.apiStack.httpApi.function],
      ['Sweeper', main.apiStack.sweeper.function],
      ['Notifier', main.apiStack.notifier.function],
    ] as const) {
      for (const metric of ['Errors', 'Throttles']) {
        expect(alarms[`RoutewayApi-${label}Function${metric}`], `${label} ${metric}`).toMatchObject({
          Namespace: 'AWS/Lambda',
          MetricName: metric,
          Dimensions: [{ Name: 'FunctionName', Value: { Ref: logicalId(fn.function) } }],
          Statistic: 'Sum',
          Period: 300,
          Threshold: 1,
          ComparisonOperator: 'GreaterThanOrEqualToThreshold',
          EvaluationPeriods: 1,
        });
      }
    }
  });

  it("fire when the notifier's stream iterator age stays over a minute", () => {
    expect(alarms['RoutewayApi-NotifierIteratorAge']).toMatchObject({
      Namespace: 'AWS/Lambda',
      MetricName: 'IteratorAge',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: logicalId(main.apiStack.notifier.function.function) } }],
      Statistic: 'Maximum',
      Threshold: 60_000,
      ComparisonOperator: 'GreaterThanThreshold',
      EvaluationPeriods: 2,
      DatapointsToAlarm: 2,
    });
  });

  it("fire when over 1 % of the API's answers are 5xx (a metric-math rate of API Gateway's 5xx over Count)", () => {
    const a = alarms['RoutewayApi-Api5xxRate']!;
    expect(a).toMatchObject({ Threshold: 1, ComparisonOperator: 'GreaterThanThreshold', EvaluationPeriods: 1 });
    const queries = a.Metrics as { Id: string; Expression?: string; ReturnData?: boolean; MetricStat?: Record<string, unknown> }[];
    const expression = queries.find((q) => q.Expression);
    expect(expression).toMatchObject({ Expression: 'IF(requests > 0, 100 * errors / requests, 0)' });
    expect(expression!.ReturnData).not.toBe(false);
    const apiId = { Ref: logicalId(main.apiStack.httpApi.api) };
    const stat = (id: string) => queries.find((q) => q.Id === id)!;
    for (const [id, metricName] of [
      ['errors', '5xx'],
      ['requests', 'Count'],
    ] as const) {
      expect(stat(id)).toMatchObject({
        ReturnData: false,
        MetricStat: {
          Metric: { Namespace: 'AWS/ApiGateway', MetricName: metricName, Dimensions: [{ Name: 'ApiId', Value: apiId }] },
          Period: 300,
          Stat: 'Sum',
        },
      });
    }
  });

  it("fire when the API's p95 latency stays over 2 s for 15 minutes", () => {
    expect(alarms['RoutewayApi-ApiLatencyP95']).toMatchObject({
      Namespace: 'AWS/ApiGateway',
      MetricName: 'Latency',
      Dimensions: [{ Name: 'ApiId', Value: { Ref: logicalId(main.apiStack.httpApi.api) } }],
      ExtendedStatistic: 'p95',
      Period: 300,
      Threshold: 2_000,
      ComparisonOperator: 'GreaterThanThreshold',
      EvaluationPeriods: 3,
      DatapointsToAlarm: 3,
    });
  });
});

/** The dashboard's JSON body, its CloudFormation references written as `{Ref:…}` / `{GetAtt:…}` (no quotes, so it still parses). */
function dashboardBody(): { widgets: { type: string; properties: Record<string, unknown> }[] } {
  const [dashboard] = Object.values(api.findResources('AWS::CloudWatch::Dashboard'));
  const body = dashboard!.Properties.DashboardBody as string | { 'Fn::Join': [string, unknown[]] };
  if (typeof body === 'string') return JSON.parse(body);
  const text = body['Fn::Join'][1]
    .map((part) => {
      if (typeof part === 'string') return part;
      const p = part as { Ref?: string; 'Fn::GetAtt'?: string[] };
      return p.Ref ? `{Ref:${p.Ref}}` : `{GetAtt:${(p['Fn::GetAtt'] ?? []).join('.')}}`;
    })
    .join('');
  return JSON.parse(text);
}

describe('dashboard', () => {
  it("is one dashboard: the alarms, the API's answers, 5xx rate and latency, each function, the queues, the stream and the app's metrics", () => {
    api.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
    api.hasOutput('DashboardName', Match.anyValue());
    const { widgets } = dashboardBody();
    const byTitle = new Map(widgets.map((w) => [w.properties.title as string, w]));
    expect([...byTitle.keys()]).toEqual([
      'Alarms',
      'API answers',
      'API 5xx rate (%)',
      'API latency (ms)',
      'Requests by route and status class',
      'Function errors',
      'Function throttles',
      'Function duration p95 (ms)',
      'Dead-letter queue depth',
      'Notifier iterator age (ms)',
      'Matches, proposals, hires',
      'Notifier deliveries',
      'Sweeper (per hourly run)',
    ]);
    // Every alarm is on the status widget.
    expect((byTitle.get('Alarms')!.properties.alarms as string[]).length).toBe(11);

    const text = (title: string) => JSON.stringify(byTitle.get(title)!.properties);
    expect(text('API latency (ms)')).toMatch(/"stat":"p50"[\s\S]*"stat":"p95"/);
    expect(text('API 5xx rate (%)')).toContain('IF(requests > 0, 100 * errors / requests, 0)');
    for (const title of ['Function errors', 'Function throttles', 'Function duration p95 (ms)']) {
      for (const f of functions()) expect(text(title), `${title}: ${f.node.path}`).toContain(`{Ref:${logicalId(f.function)}}`);
    }
    for (const q of [main.apiStack.sweeper.deadLetterQueue, main.apiStack.notifier.deadLetterQueue]) {
      expect(text('Dead-letter queue depth')).toContain(`{GetAtt:${logicalId(q)}.QueueName}`);
    }
    expect(text('Notifier iterator age (ms)')).toContain('IteratorAge');
    expect(text('Requests by route and status class')).toContain(
      `SEARCH('{Routeway,route,service,statusClass} MetricName=\\"Requests\\"', 'Sum', 300)`,
    );
    const appMetrics = (title: string) =>
      (byTitle.get(title)!.properties.metrics as unknown[][]).map((m) => {
        expect(m.slice(0, 2), title).toEqual([expect.any(String), expect.any(String)]);
        expect(m.slice(2, 4), title).toEqual(['service', 'routeway']);
        expect(m[0], title).toBe('Routeway');
        return m[1];
      });
    expect(appMetrics('Matches, proposals, hires')).toEqual(['MatchesServed', 'SubmissionsProposed', 'Hires']);
    expect(appMetrics('Notifier deliveries')).toEqual(['NotificationsDelivered', 'EmailsSent', 'DeliveryFailures']);
    expect(appMetrics('Sweeper (per hourly run)')).toEqual([...APP_METRICS.sweeper]);
  });

  it('charts the metrics the functions emit, by the names, namespace and service they emit them under', async () => {
    expect(APP_METRICS.namespace).toBe(METRICS_NAMESPACE);
    expect(APP_METRICS.service).toBe(METRICS_SERVICE);
    const emitted = new Set<string>(Object.values(METRIC));
    for (const name of [...Object.values(APP_METRICS.api), ...APP_METRICS.business, ...APP_METRICS.notifier]) {
      expect(emitted.has(name), name).toBe(true);
    }
    // The sweeper's names come from its report: run it once, against empty fakes, and collect them.
    const names: string[] = [];
    const sink: MetricsSink = { addDimension: () => undefined, addMetric: (n) => names.push(n), publishStoredMetrics: () => undefined };
    const silent = {
      info: () => {},
      warn: () => {},
      error: () => {},
      debug: () => {},
      appendKeys: () => {},
      resetKeys: () => {},
      addContext: () => {},
    };
    await runSweep(fakeDeps(), { retentionDays: 730, logger: silent, metrics: sink });
    expect(names.sort()).toEqual([...APP_METRICS.sweeper].sort());
  });
});
