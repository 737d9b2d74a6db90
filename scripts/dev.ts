/**
 * `npm start`: the whole platform on one laptop. Starts the real DynamoDB Local (persisted under
 * .data/), creates the table if missing, loads the demo district once, and serves the same Hono app
 * the Lambda serves on http://localhost:3000, on the loopback interface only (PORT and HOST override;
 * a HOST other machines can reach is warned about: anyone there could sign in as anyone). Ctrl-C
 * stops everything, within a few seconds whatever is still running.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg } from 'node:os';
import { processStreamRecords, type StreamRecord } from '../functions/notifier/process.js';
import { fileCheckpointStore, startStreamPoller } from './lib/stream-poller.js';
import { listenHost, startHttpServer, type LocalHttpServer } from './lib/http-server.js';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { createApp } from '../functions/api/app.js';
import { createDocumentClient, PATIENT_DB_TIMEOUTS } from '../shared/adapters/dynamodb/client.js';
import { dynamoRepositories } from '../shared/adapters/dynamodb/index.js';
import { ensureTable } from '../shared/adapters/dynamodb/create-table.js';
import { metaKey } from '../shared/adapters/dynamodb/keys.js';
import { loadOrCreateLocalKeys, signLocalToken } from '../shared/auth/local-keys.js';
import { buildEmailSender } from '../shared/email-runtime.js';
import { buildRuntime } from '../shared/runtime.js';
import { localConfig, localMetricsEnv } from './lib/local-config.js';
import { runSweep } from '../functions/sweeper/sweep.js';
import { checkJava, freePort, portIsFree, startLocalDynamo } from './lib/local-dynamo.js';
import {
  DATA_DIR,
  DB_DIR,
  ENDPOINT_FILE,
  JWKS_PATH,
  LOCAL_ORG,
  LOCAL_TABLE,
  OUTBOX_DIR,
  SIGNING_KEY_PATH,
  STREAM_CHECKPOINT_PATH,
} from './lib/local-paths.js';
import { DEMO_USERS, generateDemoData } from './seed/generate.js';
import { seedSupplyChains, SUPPLY_CHAIN_USERS } from './seed/supply-chains.js';
import { seedHistory } from './seed/history.js';
import { seedLivePipeline } from './seed/live-pipeline.js';
import { seedMatchAlerts } from './seed/match-alerts.js';
import { seedEmployerPostings } from './seed/postings.js';
import { loadDemoData, loadDemoStaff } from './seed/load.js';
import { backfillCohortLinks } from './lib/backfill-cohort-links.js';
import { backfillFarTravellers } from './lib/backfill-far-travellers.js';
import { backfillLocations } from './lib/backfill-locations.js';

// Metrics (EMF lines) follow the log level here, not the start banner: before anything emits one.
localMetricsEnv(process.env);

const say = (line: string) => process.stdout.write(`${line}\n`);
/** Runs a step of the demo load and says how long it took, after the step's own lines. */
async function timed<T>(label: string, step: () => Promise<T>): Promise<T> {
  const from = performance.now();
  const out = await step();
  say(`  ${label}: ${((performance.now() - from) / 1000).toFixed(1)} s`);
  return out;
}
function stop(line: string): never {
  process.stderr.write(`${line}\n`);
  process.exit(1);
}

const port = Number(process.env.PORT ?? 3000);
if (!Number.isInteger(port) || port < 1 || port > 65535) stop(`PORT must be a port number, not "${process.env.PORT}".`);
const { host, warning: hostWarning } = listenHost(process.env.HOST);
if (!(await portIsFree(port, host)))
  stop(`Port ${port} is already in use on ${host}: stop what is using it, or run PORT=${port + 1} npm start.`);
const javaProblem = checkJava();
if (javaProblem) stop(javaProblem);

await mkdir(DB_DIR, { recursive: true });
const dynamo = await startLocalDynamo({ port: await freePort(), dbPath: DB_DIR }).catch((err: Error) =>
  stop(`DynamoDB Local did not start: ${err.message}`),
);

/** How long Ctrl-C waits for everything to stop before exiting regardless. */
const SHUTDOWN_GRACE_MS = 5_000;
let shuttingDown = false;
let stopPoller: (() => Promise<void>) | undefined;
let http: LocalHttpServer | undefined;
async function shutdown(code = 0) {
  if (shuttingDown) {
    // A second Ctrl-C: stop waiting.
    process.stderr.write('Stopping now.\n');
    void dynamo.stop();
    process.exit(code || 130);
  }
  shuttingDown = true;
  say('\nStopping Routeway and DynamoDB Local…');
  setTimeout(() => {
    process.stderr.write(`Something did not stop within ${SHUTDOWN_GRACE_MS / 1000} s; exiting anyway.\n`);
    void dynamo.stop();
    process.exit(code || 1);
  }, SHUTDOWN_GRACE_MS).unref();
  // Idle keep-alive connections close at once; requests in flight get a moment, then are cut.
  await Promise.all([http?.close(2_000), stopPoller?.().catch(() => undefined)]);
  await rm(ENDPOINT_FILE, { force: true });
  await dynamo.stop();
  process.exit(code);
}
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());

try {
  // The server trusts the key set written here; `npm run token` signs with the matching private key.
  const keys = await loadOrCreateLocalKeys(SIGNING_KEY_PATH, JWKS_PATH);
  const db = createDocumentClient({ endpoint: dynamo.endpoint });
  if (await ensureTable(db, LOCAL_TABLE)) say(`Created table ${LOCAL_TABLE} in ${DB_DIR}`);

  const config = localConfig(dynamo.endpoint);
  await writeFile(ENDPOINT_FILE, dynamo.endpoint);
  const runtime = {
    ...(await buildRuntime(config)),
    email: buildEmailSender(config),
    // The links in staff emails (listed at /dev/outbox) lead back here.
    appUrl: `http://localhost:${port}`,
  };
  // The demo users are the local staff directory (names, example.org addresses, teams); safe to run each start.
  const staffAdded = await loadDemoStaff(runtime.directory, { orgId: LOCAL_ORG, users: [...DEMO_USERS], now: new Date().toISOString() });
  if (staffAdded) say(`Added ${staffAdded} demo users to the staff directory`);

  // The same sweep the Lambda runs on a schedule in AWS: retention erasure (and, later, due check-ins).
  const sweep = () =>
    runSweep(runtime, { retentionDays: config.RETENTION_DAYS, logger: runtime.logger }).catch((error: unknown) =>
      runtime.logger.error('sweep failed', { error }),
    );
  setInterval(sweep, 60 * 60 * 1000).unref();

  // The first start's load writes tens of thousands of items as fast as DynamoDB Local takes them: on a busy
  // machine an answer can then take longer than the API's one second, which must fail neither the load nor
  // the notifier delivering its events meanwhile (it would retry, with an error line each time).
  const patient = {
    ...runtime,
    repos: dynamoRepositories(createDocumentClient({ endpoint: dynamo.endpoint, timeouts: PATIENT_DB_TIMEOUTS }), LOCAL_TABLE, runtime.ids),
  };

  // The table stream → the same notifier handler the Lambda runs in AWS.
  const poller = startStreamPoller({
    db,
    endpoint: dynamo.endpoint,
    tableName: LOCAL_TABLE,
    onRecords: (records) => processStreamRecords(patient, runtime.logger, records as StreamRecord[]),
    onError: (error) => runtime.logger.error('stream poll failed', { error }),
    // As the event source mapping does in AWS: a restart resumes where the last run got to.
    checkpoint: fileCheckpointStore(STREAM_CHECKPOINT_PATH),
  });
  stopPoller = () => poller.stop();

  const app = createApp({
    ...runtime,
    localOutboxDir: OUTBOX_DIR,
    // Plain HTTP on localhost: the session cookie cannot be Secure here (it is in AWS).
    secureCookies: false,
    localSignIn: {
      // The supply chains' demo users sign in to their own organisations (scripts/seed/supply-chains.ts).
      users: [...DEMO_USERS, ...SUPPLY_CHAIN_USERS],
      directoryOrg: LOCAL_ORG,
      sign: (u) =>
        signLocalToken(keys, { sub: u.sub, role: u.role, org: u.org ?? LOCAL_ORG, ...(u.employerId ? { employerId: u.employerId } : {}) }),
    },
  });
  http = await startHttpServer({ fetch: app.fetch, port, hostname: host });
  {
    const shownHost = hostWarning && host !== '0.0.0.0' && host !== '::' ? (host.includes(':') ? `[${host}]` : host) : 'localhost';
    const base = `http://${shownHost}:${port}`;
    const employer = DEMO_USERS.find((u) => u.role === 'employer');
    say('');
    say(`Routeway is running at ${base}  (sign in at ${base}/sign-in)`);
    say(`  API reference  ${base}/docs   (OpenAPI: ${base}/openapi.json)`);
    say(`  Health         ${base}/health`);
    say(`  Email outbox   ${base}/dev/outbox   (local email lands here; sign in first)`);
    say('');
    say('Get a token and call the API:');
    say('  TOKEN=$(npm run --silent token -- --role liaison --sub u-liaison-1)');
    say(`  curl -H "Authorization: Bearer $TOKEN" ${base}/employers?limit=5`);
    say(
      'Demo users: admin u-admin-1; liaison u-liaison-1..8; adviser u-adviser-1..50' +
        (employer ? `; employer ${employer.sub} (--employer ${employer.employerId})` : '') +
        '; supply chain: u-hunslet-liaison, u-calder-adviser… (--org hunslet-works / calder-futures)',
    );
    say(`Press Ctrl-C to stop (DynamoDB Local stops too; data stays in ${DATA_DIR}).`);
    say('');
    if (hostWarning) process.stderr.write(`${hostWarning}\n`);
  }
  // The stored layout's version: 2 keys match profiles by sub-cell inside their area cell; 3 records
  // offence categories and adjustments on both sides and pools the employer's terms with each open
  // vacancy. Local data of an older layout is not migrated (it is demo data); npm start says to reload it.
  const DATA_LAYOUT = 3;
  // The API answers at once; on the first start the demo district loads behind it, saying how far it has got.
  const seeded = await db.send(new GetCommand({ TableName: LOCAL_TABLE, Key: metaKey('demo-data') }));
  const started = await db.send(new GetCommand({ TableName: LOCAL_TABLE, Key: metaKey('demo-data-started') }));
  const ready = seeded.Item
    ? Number(seeded.Item.layout ?? 1) < DATA_LAYOUT
      ? Promise.resolve(
          say(
            `The data in ${DATA_DIR} was written by an older Routeway (layout ${String(seeded.Item.layout ?? 1)}, now ${DATA_LAYOUT}): matching will miss people. Delete ${DATA_DIR} and run npm start again.`,
          ),
        )
      : (async () => {
          say(`Demo data already loaded (${String(seeded.Item!.loadedAt)}); data is kept in ${DATA_DIR}`);
          // Cohorts saved before their links were items of their own get them once.
          const linked = await db.send(new GetCommand({ TableName: LOCAL_TABLE, Key: metaKey('cohort-links-backfilled') }));
          if (!linked.Item) {
            const links = await backfillCohortLinks(db, LOCAL_TABLE);
            await db.send(
              new PutCommand({
                TableName: LOCAL_TABLE,
                Item: { ...metaKey('cohort-links-backfilled'), at: new Date().toISOString(), links },
              }),
            );
          }
          // Profiles saved before people travelling beyond the catchment were indexed get the index once.
          const far = await db.send(new GetCommand({ TableName: LOCAL_TABLE, Key: metaKey('far-travellers-indexed') }));
          if (!far.Item) {
            const indexed = await backfillFarTravellers(db, LOCAL_TABLE);
            await db.send(
              new PutCommand({
                TableName: LOCAL_TABLE,
                Item: { ...metaKey('far-travellers-indexed'), at: new Date().toISOString(), indexed },
              }),
            );
          }
          // Records saved before postcodes were located (e.g. typed into the forms) are located once.
          const backfilled = await db.send(new GetCommand({ TableName: LOCAL_TABLE, Key: metaKey('locations-backfilled') }));
          if (backfilled.Item) return;
          const counts = await backfillLocations(db, LOCAL_TABLE, runtime);
          await db.send(
            new PutCommand({
              TableName: LOCAL_TABLE,
              Item: { ...metaKey('locations-backfilled'), at: new Date().toISOString(), ...counts },
            }),
          );
          if (counts.located || counts.unplaced)
            say(
              `Located ${counts.located} addresses from their postcodes${counts.unplaced ? `; ${counts.unplaced} postcodes could not be placed` : ''}.`,
            );
        })()
    : started.Item
      ? Promise.resolve(
          say(`The demo data load was interrupted last time: delete ${DATA_DIR} and run npm start again for the full district.`),
        )
      : (async () => {
          await db.send(
            new PutCommand({ TableName: LOCAL_TABLE, Item: { ...metaKey('demo-data-started'), at: new Date().toISOString() } }),
          );
          say('Loading the demo district (first start only; the API answers meanwhile)…');
          const loadStarted = performance.now();
          const cpuAtStart = { db: dynamo.cpuSeconds(), app: process.cpuUsage(), load: loadavg()[0]! };
          const data = generateDemoData({ seed: 20261125, now: new Date(), orgId: LOCAL_ORG });
          const employerUsers = new Map(DEMO_USERS.filter((u) => u.employerId).map((u) => [u.employerId!, u.sub]));
          // The district's life through the use cases, beside the last bulk phase (the participants' contacts
          // and plans, which none of these reads): step after step, each reading what the one before left.
          const lived = async () => {
            // The past first: the vacancies the district filled, filled by real hires, with their check-ins.
            await timed('History', () =>
              seedHistory(patient, LOCAL_ORG, { pastFills: data.pastFills, hireHints: data.hireHints, onProgress: (m) => say(`  ${m}`) }),
            );
            // Something for each persona to find: candidates put forward, agreed, invited, turned down.
            const live = await timed('Work in progress', () =>
              seedLivePipeline(patient, LOCAL_ORG, {
                employerIds: [...employerUsers.keys()],
                employerUsers,
                onProgress: (m) => say(`  ${m}`),
              }),
            );
            // The demo employers' own postings: callbacks made on time and late, and one waiting today.
            await timed('Postings', () => seedEmployerPostings(patient, LOCAL_ORG, { employerUsers, onProgress: (m) => say(`  ${m}`) }));
            // Match alerts waiting for the first demo advisers: a few vacancies' requirements change now.
            const changed = await timed('Match alerts', () =>
              seedMatchAlerts(patient, LOCAL_ORG, {
                advisers: ['u-adviser-1', 'u-adviser-2', 'u-adviser-3'],
                skipVacancyIds: live.vacancyIds,
              }),
            );
            say(`  ${changed.length} vacancies' requirements changed, for the advisers' match alerts`);
          };
          const { counts } = await loadDemoData(patient.repos, data, { onProgress: (m) => say(`  ${m}`), beside: lived });
          await db.send(
            new PutCommand({
              TableName: LOCAL_TABLE,
              Item: { ...metaKey('demo-data'), loadedAt: new Date().toISOString(), counts, layout: DATA_LAYOUT },
            }),
          );
          await db.send(
            new PutCommand({
              TableName: LOCAL_TABLE,
              Item: { ...metaKey('locations-backfilled'), at: new Date().toISOString(), located: 0, unplaced: 0 },
            }),
          );
          await db.send(
            new PutCommand({
              TableName: LOCAL_TABLE,
              Item: { ...metaKey('cohort-links-backfilled'), at: new Date().toISOString(), links: 0 },
            }),
          );
          await db.send(
            new PutCommand({
              TableName: LOCAL_TABLE,
              Item: { ...metaKey('far-travellers-indexed'), at: new Date().toISOString(), indexed: 0 },
            }),
          );
          say(
            `Demo district loaded: ${Object.entries(counts)
              .map(([k, v]) => `${v} ${k}`)
              .join(', ')}`,
          );
          // The figure docs/performance.md tracks: from the first write to a district ready to use, pipeline and history included.
          say(
            `Demo district ready: ${((performance.now() - loadStarted) / 1000).toFixed(1)} s of loading, ${(performance.now() / 1000).toFixed(1)} s since npm start began`,
          );
          // What it cost, whatever else the machine was doing: the wall time above stretches with the load average, CPU seconds much less.
          const dbCpu = dynamo.cpuSeconds();
          const app = process.cpuUsage(cpuAtStart.app);
          say(
            `  CPU: ${dbCpu !== undefined && cpuAtStart.db !== undefined ? `DynamoDB Local ${(dbCpu - cpuAtStart.db).toFixed(1)} s, ` : ''}Routeway ${((app.user + app.system) / 1e6).toFixed(1)} s; load average ${cpuAtStart.load.toFixed(1)} → ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} CPUs`,
          );
        })();
  // The demo supply chains, once, over the district (a district loaded before they existed gets them too).
  const chains = async () => {
    const done = await db.send(new GetCommand({ TableName: LOCAL_TABLE, Key: metaKey('supply-chains-seeded') }));
    const district = await db.send(new GetCommand({ TableName: LOCAL_TABLE, Key: metaKey('demo-data') }));
    if (done.Item || !district.Item) return;
    const wrote = await seedSupplyChains(runtime, LOCAL_ORG, { primeAdmin: 'u-admin-1', primeLiaison: 'u-liaison-1', now: new Date() });
    await db.send(
      new PutCommand({ TableName: LOCAL_TABLE, Item: { ...metaKey('supply-chains-seeded'), at: new Date().toISOString(), ...wrote } }),
    );
    say(
      `Demo supply chains: West Yorkshire Works (prime) with Hunslet Works Trust and Calder Futures; ${wrote.shared} vacancies shared, ${wrote.people} subcontractor participants, ${wrote.contacts} overlapping employer contacts`,
    );
  };
  void ready
    .then(chains)
    .then(sweep)
    .catch((err: Error) => {
      process.stderr.write(`Loading the demo data failed: ${err.message}\nDelete ${DATA_DIR} and start again.\n`);
    });
} catch (err) {
  process.stderr.write(`Routeway did not start: ${(err as Error).message}\n`);
  await shutdown(1);
}
