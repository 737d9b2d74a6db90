import type { AppLogger } from '../../shared/logger.js';
import type { Deps } from '../../shared/use-cases/deps.js';
import { sweepRetention } from '../../shared/use-cases/subject-rights.js';

/**
 * The scheduled sweeper's work, shared by the Lambda (EventBridge schedule) and the local interval
 * timer in `npm start`. Later issues add due check-ins and response deadlines here.
 */
export async function runSweep(deps: Deps, opts: { retentionDays: number; logger: AppLogger }): Promise<{ erased: number }> {
  const retention = await sweepRetention(deps, opts.retentionDays);
  if (retention.failed.length) opts.logger.error('retention erasure failed', { participantIds: retention.failed });
  opts.logger.info('sweep finished', { retentionErased: retention.erased, retentionFailed: retention.failed.length });
  // A run with failures fails, so the schedule's retry and dead-letter queue see it.
  if (retention.failed.length) throw new Error(`retention erasure failed for ${retention.failed.length} participant(s)`);
  return { erased: retention.erased };
}
