import { Metrics } from '@aws-lambda-powertools/metrics';

/**
 * Routeway's metrics: Powertools Metrics, which writes each flush as one CloudWatch embedded metric
 * format (EMF) line on stdout. In Lambda, CloudWatch turns those lines into metrics; locally
 * (`npm start`) the same lines appear among the logs. The CDK app's dashboard and alarms
 * (infra/constructs/observability.ts) name the same namespace, service and metrics; a test checks
 * that the two lists agree.
 */
export const METRICS_NAMESPACE = 'Routeway';
/** The `service` dimension Powertools puts on every metric. */
export const METRICS_SERVICE = 'routeway';

/** Every metric name Routeway emits (the sweeper's are derived from its report: see `sweepMetricName`). */
export const METRIC = {
  /** API and pages: one per request, by `route` (method and route template) and `statusClass` (2xx…5xx). */
  requests: 'Requests',
  /** API and pages: time spent in the app for the request, same dimensions as `Requests`. */
  requestLatency: 'RequestLatency',
  /** API: a 2xx answer to GET /vacancies/{id}/matches or GET /participants/{id}/matches. */
  matchesServed: 'MatchesServed',
  /** Notifier: a `submission.proposed` event delivered (once per proposal, however it was made). */
  submissionsProposed: 'SubmissionsProposed',
  /** Notifier: a `submission.hired` event delivered. */
  hires: 'Hires',
  /** Notifier: an outbox event delivered: its notifications, emails and counts committed (redeliveries not counted). */
  notificationsDelivered: 'NotificationsDelivered',
  /** Notifier: an email handed to the sender (SES in AWS) without error. */
  emailsSent: 'EmailsSent',
  /** Notifier: a stream record that failed (it is retried, then dead-lettered) or could not be read. */
  deliveryFailures: 'DeliveryFailures',
  /** Sweeper: retention erasures done, and those that failed. */
  retentionErased: 'RetentionErased',
  retentionFailures: 'RetentionFailures',
} as const;

/** The sweeper's metric for one count of its report: `lapsed` → `SweepLapsed`, `failed` (a list) → `SweepFailed`. */
export const sweepMetricName = (field: string) => `Sweep${field.charAt(0).toUpperCase()}${field.slice(1)}`;

export type MetricUnitName = 'Count' | 'Milliseconds';

export interface MetricEntry {
  name: string;
  unit: MetricUnitName;
  value: number;
}

/** What emitters need of Powertools' `Metrics`, so tests can pass a fake sink. */
export interface MetricsSink {
  addDimension(name: string, value: string): unknown;
  addMetric(name: string, unit: MetricUnitName, value: number): unknown;
  publishStoredMetrics(): unknown;
}

const TRUE = new Set(['1', 'true', 'yes', 'on', 'y']);

/**
 * Whether metrics stay silent. `POWERTOOLS_METRICS_DISABLED` decides when it is set (as it does for
 * Powertools); otherwise they are off under vitest (`VITEST` is set in every test worker and in what
 * the tests spawn, so `npm test` output carries no EMF lines) and, as Powertools' own default, when
 * `POWERTOOLS_DEV` is true. `npm start` follows its log level (scripts/lib/local-config.ts, `localMetricsEnv`).
 */
export function metricsDisabled(env: NodeJS.ProcessEnv = process.env): boolean {
  const flag = env.POWERTOOLS_METRICS_DISABLED?.trim().toLowerCase();
  if (flag) return TRUE.has(flag);
  if (env.VITEST) return true;
  return TRUE.has(env.POWERTOOLS_DEV?.trim().toLowerCase() ?? '');
}

const NO_METRICS: MetricsSink = {
  addDimension: () => undefined,
  addMetric: () => undefined,
  publishStoredMetrics: () => undefined,
};

export function createMetrics(env: NodeJS.ProcessEnv = process.env): MetricsSink {
  return metricsDisabled(env) ? NO_METRICS : new Metrics({ namespace: METRICS_NAMESPACE, serviceName: METRICS_SERVICE });
}

/** A sink made at its first use: the environment is read then, not when this module is first imported. */
function lazily(make: () => MetricsSink): MetricsSink {
  let sink: MetricsSink | undefined;
  const get = () => {
    sink ??= make();
    return sink;
  };
  return {
    addDimension: (name, value) => get().addDimension(name, value),
    addMetric: (name, unit, value) => get().addMetric(name, unit, value),
    publishStoredMetrics: () => get().publishStoredMetrics(),
  };
}

/**
 * The one metrics object of the process: each Lambda function has its own (and `npm start` one for all
 * three). Made at its first use, so `npm start` can settle its environment first (`localMetricsEnv`).
 */
export const metrics: MetricsSink = lazily(() => createMetrics());

/**
 * Adds the dimensions and the metrics and flushes them as one EMF line, all in one synchronous step:
 * with one metrics object per process, nothing of another request or batch can slip in between
 * (which is why emitters count in local variables and call this once, at the end). Nothing to
 * publish publishes nothing.
 */
export function publishMetrics(sink: MetricsSink, entries: readonly MetricEntry[], dimensions: Record<string, string> = {}): void {
  if (entries.length === 0) return;
  for (const [name, value] of Object.entries(dimensions)) sink.addDimension(name, value);
  for (const e of entries) sink.addMetric(e.name, e.unit, e.value);
  sink.publishStoredMetrics();
}

/** Counts as metric entries (unit Count), in the order given. */
export const counts = (values: Record<string, number>): MetricEntry[] =>
  Object.entries(values).map(([name, value]) => ({ name, unit: 'Count', value }));
