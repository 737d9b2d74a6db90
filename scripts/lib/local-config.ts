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
