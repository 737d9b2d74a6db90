/**
 * Runs the sweeper by hand against the running `npm start`, optionally as of another day:
 *   npm run sweep -- --now 2027-01-15
 * Reminders, expiries, lapsed proposals, check-ins and follow-ups due by then are processed exactly as
 * the scheduled sweeper would; the notifier in `npm start` then delivers what they announce.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { clockFrom } from '../shared/clock.js';
import { buildRuntime } from '../shared/runtime.js';
import { localConfig } from './lib/local-config.js';
import { runSweep } from '../functions/sweeper/sweep.js';
import { ENDPOINT_FILE } from './lib/local-paths.js';

const { values } = parseArgs({ options: { now: { type: 'string' } } });
const now = values.now ? new Date(`${values.now}${values.now.length === 10 ? 'T09:00:00Z' : ''}`) : new Date();
if (Number.isNaN(now.getTime())) {
  process.stderr.write('--now must be a date (YYYY-MM-DD) or date-time\n');
  process.exit(2);
}
const endpoint = await readFile(ENDPOINT_FILE, 'utf8').catch(() => undefined);
if (!endpoint) {
  process.stderr.write('Start the platform first (npm start): the sweep runs against its database.\n');
  process.exit(1);
}
const config = localConfig(endpoint.trim(), 'WARN');
const runtime = await buildRuntime(config);
const result = await runSweep(
  { ...runtime, clock: clockFrom(() => now) },
  { retentionDays: config.RETENTION_DAYS, logger: runtime.logger },
).catch((err: Error) => {
  process.stderr.write(`${err.message}\n`);
  process.exit(1);
});
process.stdout.write(`Swept as of ${now.toISOString()}: ${JSON.stringify(result.due)}; retention erased ${result.erased}\n`);
