import type { AppLogger } from '../../shared/logger.js';
import type { Deps } from '../../shared/use-cases/deps.js';
import { sweepRetention } from '../../shared/use-cases/subject-rights.js';
import { sweepDue, type SweepReport } from '../../shared/use-cases/sweep.js';

/**
 * The scheduled sweeper's work, shared by the Lambda (EventBridge schedule) and the local interval
 * timer in `npm start`. Later issues add due check-ins and response deadlines here.
 */
export async function runSweep(
  deps: Deps,
  opts: { retentionDays: number; logger: AppLogger },
): Promise<{ erased: number; due: SweepReport }> {
  const due = await sweepDue(deps);
  opts.logger.info('deadlines swept', { ...due, failed: due.failed.length });
  const retention = await sweepRetention(deps, opts.retentionDays);
  if (retention.failed.length) opts.logger.error('retention erasure failed', { participantIds: retention.failed });
  opts.logger.info('sweep finished', { retentionErased: retention.erased, retentionFailed: retention.failed.length });
  // A run with failures fails, so the schedule's retry and dead-letter queue see it.
  const failures = retention.failed.length + due.failed.length;
  if (failures) throw new Error(`sweep failed for ${failures} item(s)`);
  return { erased: retention.erased, due };
}
