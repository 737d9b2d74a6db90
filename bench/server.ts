/**
 * The benchmark's server process: the real Routeway app (same `createApp` the Lambda and `npm start`
 * serve) on `@hono/node-server`, plus a bare `node:http` server in the same process as the HTTP floor.
 * Started by `startAppServer` (bench/lib.ts; for bench/run.ts, matching-e2e.ts and web.ts) as a child
 * process so the load generator does not share its event loop; it reports its ports over the IPC
 * channel and exits when the parent disconnects.
 *
 * Environment (set by startAppServer): BENCH_DYNAMO_ENDPOINT, BENCH_TABLE, BENCH_JWKS (JSON), BENCH_ORG,
 * BENCH_LOG_LEVEL (default INFO, what the Lambda runs with; output goes to the parent's /dev/null).
 */
import { serve } from '@hono/node-server';
import type { JSONWebKeySet } from 'jose';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../functions/api/app.js';
import { createDocumentClient } from '../shared/adapters/dynamodb/client.js';
import { DistrictGeocoder } from '../shared/adapters/geo/district-geocoder.js';
import { POSTCODE_DISTRICTS } from '../scripts/lib/local-paths.js';
import { dynamoRepositories, dynamoStaffDirectory } from '../shared/adapters/dynamodb/index.js';
import { LOCAL_AUDIENCE, LOCAL_ISSUER } from '../shared/auth/local-keys.js';
import { createTokenVerifier } from '../shared/auth/verifier.js';
import { systemClock } from '../shared/clock.js';
import { ulidGenerator } from '../shared/ids.js';
import { logger } from '../shared/logger.js';
import { BENCH_DB_TIMEOUTS } from './lib.js';

function need(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`bench/server.ts: ${name} is not set (start it through a bench, e.g. bench/run.ts)`);
  return v;
}

if (!process.send) throw new Error('bench/server.ts must be started by a bench, e.g. bench/run.ts (it needs an IPC channel)');

const level = (process.env.BENCH_LOG_LEVEL ?? 'INFO') as 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'SILENT';
logger.setLogLevel(level);

// The bench's timeouts, not the Lambda's one second an attempt: on a loaded two-core box one page of a
// cold cell read from DynamoDB Local can take longer, and a 503 would end the run (they change nothing
// unless an attempt would have timed out).
const db = createDocumentClient({ endpoint: need('BENCH_DYNAMO_ENDPOINT'), timeouts: BENCH_DB_TIMEOUTS });
const ids = ulidGenerator();
const app = createApp({
  repos: dynamoRepositories(db, need('BENCH_TABLE'), ids),
  directory: dynamoStaffDirectory(db, need('BENCH_TABLE')),
  geocoder: new DistrictGeocoder(POSTCODE_DISTRICTS),
  clock: systemClock,
  ids,
  logger,
  verifier: createTokenVerifier({
    issuer: LOCAL_ISSUER,
    audience: LOCAL_AUDIENCE,
    keys: { kind: 'local', jwks: JSON.parse(need('BENCH_JWKS')) as JSONWebKeySet },
    defaultOrg: need('BENCH_ORG'),
  }),
});

const appServer = await new Promise<{ server: ReturnType<typeof serve>; port: number }>((resolve) => {
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => resolve({ server, port: info.port }));
});

// The HTTP floor: what a request costs with no framework, no auth and no database.
const FLOOR_BODY = JSON.stringify({ status: 'ok' });
const floor: Server = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(FLOOR_BODY) });
  res.end(FLOOR_BODY);
});
await new Promise<void>((resolve) => floor.listen(0, '127.0.0.1', resolve));

process.send({ appPort: appServer.port, floorPort: (floor.address() as AddressInfo).port });

// When the bench goes away (normally or not), so do we.
process.on('disconnect', () => {
  appServer.server.close();
  floor.close();
  db.destroy();
  process.exit(0);
});
