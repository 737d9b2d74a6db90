import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';

/** Where local state lives (git-ignored). */
export const DATA_DIR = resolve(process.env.ROUTEWAY_DATA_DIR ?? '.data');
export const DB_DIR = resolve(DATA_DIR, 'dynamodb');
export const SIGNING_KEY_PATH = resolve(DATA_DIR, 'local-signing-key.json');
export const JWKS_PATH = resolve(DATA_DIR, 'jwks.json');
export const LOCAL_TABLE = 'routeway-local';
export const LOCAL_ORG = 'demo-org';
export const OUTBOX_DIR = resolve(DATA_DIR, 'outbox');
/** Written by `npm start` so `npm run sweep` can reach the running DynamoDB Local. */
export const ENDPOINT_FILE = resolve(DATA_DIR, 'dynamodb-endpoint');
/** Where `npm start`'s stream poller got to in the table stream, so a restart resumes there. */
export const STREAM_CHECKPOINT_PATH = resolve(DATA_DIR, 'stream-checkpoint.json');

/** The offline geocoder's table, shipped with the project (data/README.md); resolved from this file, whatever the working directory. */
export const POSTCODE_DISTRICTS = fileURLToPath(new URL('../../data/postcode-districts.csv', import.meta.url));
