import { loadConfig } from '../../shared/config.js';
import { buildRuntime } from '../../shared/runtime.js';
import { runSweep } from './sweep.js';

const config = loadConfig(process.env);
const runtime = await buildRuntime(config);

/** Invoked by an EventBridge schedule. */
export const handler = async () => runSweep(runtime, { retentionDays: config.RETENTION_DAYS, logger: runtime.logger });
