import type { AppLogger } from '../../shared/logger.js';
import { counts, METRIC, metrics as processMetrics, publishMetrics, sweepMetricName, type MetricsSink } from '../../shared/metrics.js';
import type { Deps } from '../../shared/use-cases/deps.js';
import { sweepRetention } from '../../shared/use-cases/subject-rights.js';
import { sweepDue, type SweepReport } from '../../shared/use-cases/sweep.js';

/** The report's counts as metrics: each number as it is, each list (e.g. `failed`) by its length. */
export function sweepCounts(due: SweepReport): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [field, value] of Object.entries(due)) {
    if (typeof value === 'number') out[sweepMetricName(field)] = value;
    else if (Array.isArray(value)) out[sweepMetricName(field)] = value.length;
  }
  return out;
}

/**
 * The scheduled sweeper's work, shared by the Lambda (EventBridge schedule) and the local interval
 * timer in `npm start`. Later issues add due check-ins and response deadlines here. Publishes the
 * counts of its report (and of retention) as metrics at the end of the run, failed or not.
 */
export async function runSweep(
  deps: Deps,
  opts: { retentionDays: number; logger: AppLogger; metrics?: MetricsSink },
): Promise<{ erased: number; due: SweepReport }> {
  const tally: Record<string, number> = {};
  try {
    const due = await sweepDue(deps);
    Object.assign(tally, sweepCounts(due));
    opts.logger.info('deadlines swept', { ...due, failed: due.failed.length });
    const retention = await sweepRetention(deps, opts.retentionDays);
    tally[METRIC.retentionErased] = retention.erased;
    tally[METRIC.retentionFailures] = retention.failed.length;
    if (retention.failed.length) opts.logger.error('retention erasure failed', { participantIds: retention.failed });
    opts.logger.info('sweep finished', { retentionErased: retention.erased, retentionFailed: retention.failed.length });
    // A run with failures fails, so the schedule's retry and dead-letter queue see it.
    const failures = retention.failed.length + due.failed.length;
    if (failures) throw new Error(`sweep failed for ${failures} item(s)`);
    return { erased: retention.erased, due };
  } finally {
    publishMetrics(opts.metrics ?? processMetrics, counts(tally));
  }
}
