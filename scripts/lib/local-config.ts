import { LOCAL_AUDIENCE, LOCAL_ISSUER } from '../../shared/auth/local-keys.js';
import { loadConfig, type Config } from '../../shared/config.js';
import { JWKS_PATH, LOCAL_ORG, LOCAL_TABLE, OUTBOX_DIR, POSTCODE_DISTRICTS } from './local-paths.js';

/** The configuration `npm start` (and scripts that join it) run with: the same schema AWS uses. */
export function localConfig(endpoint: string, logLevel = process.env.LOG_LEVEL ?? 'WARN'): Config {
  return loadConfig({
    ...process.env,
    TABLE_NAME: LOCAL_TABLE,
    DYNAMODB_ENDPOINT: endpoint,
    AUTH_MODE: 'local',
    JWT_ISSUER: LOCAL_ISSUER,
    JWT_AUDIENCE: LOCAL_AUDIENCE,
    LOCAL_JWKS_PATH: JWKS_PATH,
    DEFAULT_ORG: LOCAL_ORG,
    EMAIL_MODE: 'local',
    LOCAL_OUTBOX_DIR: OUTBOX_DIR,
    LOG_LEVEL: logLevel,
    // One process: the counters live in its memory.
    RATE_LIMIT_STORE: 'memory',
    POSTCODE_DISTRICTS_PATH: POSTCODE_DISTRICTS,
  });
}

/**
 * `npm start` keeps its metrics out of the terminal. Powertools writes each flush as one EMF JSON line on
 * stdout: in Lambda that is how CloudWatch gets them, but here they buried the start banner and the demo
 * load's progress. Locally they are telemetry among the logs, so they follow the log level: shown with
 * `LOG_LEVEL=INFO` or `DEBUG` (the default here is `WARN`), and whenever `POWERTOOLS_METRICS_DISABLED` says so
 * (`POWERTOOLS_METRICS_DISABLED=false npm start` shows them at any level). Run before the first metric.
 */
export function localMetricsEnv(env: NodeJS.ProcessEnv): void {
  const level = (env.LOG_LEVEL ?? 'WARN').trim().toUpperCase();
  if (env.POWERTOOLS_METRICS_DISABLED === undefined && level !== 'INFO' && level !== 'DEBUG') env.POWERTOOLS_METRICS_DISABLED = 'true';
}
