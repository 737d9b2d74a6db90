import type { AppLogger } from '../../shared/logger.js';
import type { Deps } from '../../shared/use-cases/deps.js';
import { sweepRetention } from '../../shared/use-cases/subject-rights.js';

/**
 * The scheduled sweeper's work, shared by the Lambda (EventBridge schedule) and the local interval
 * timer in `npm start`. Later issues add due check-ins and response deadlines here.
 */
export async function runSweep(deps: Deps, opts: { retentionDays: number; logger: AppLogger }): Promise<{ erased: number }> {
  const retention = await sweepRetention(deps, opts.retentionDays);
  opts.logger.info('sweep finished', { retentionErased: retention.erased });
  return { erased: retention.erased };
}
