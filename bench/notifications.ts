/**
 * `tsx bench/notifications.ts`: how long a state change takes to reach its recipient's notifications,
 * and what the deadline sweeper reads, against the real DynamoDB Local. It reports; it does not gate
 * (exit code is non-zero only when something fails). docs/performance.md ("Notifications and the
 * sweeper") explains the columns.
 *
 *   1. Notification latency, once per poller interval (BENCH_NOTIFY_INTERVALS, default 200 ms, what
 *      `npm start` uses, then 50 ms, what the tests use). Each run has a fresh in-memory DynamoDB
 *      Local of its own (see `freshDynamo`) with one table, and builds everything in this process as
 *      tests/support/harness.ts does (the real app via `app.request`, the DynamoDB repositories, the
 *      system clock, locally signed tokens, `startStreamPoller` → `processStreamRecords` with an
 *      in-memory email sender; the notifier on a client of its own, as its own Lambda would be):
 *        - a liaison officer creates an employer and one open vacancy with 50 positions (250 live
 *          submissions allowed); an adviser adds BENCH_NOTIFY_N + warm-up consenting green
 *          participants, all through the API; the poller then works off the setup's stream records;
 *        - BENCH_NOTIFY_WARMUP (10) untimed changes, then BENCH_NOTIFY_N (200) timed ones, one at a time:
 *          POST /vacancies/{id}/submissions with one participant; t0 = the 201 response in hand; then
 *          the adviser's notifications are read straight from the repository
 *          (`repos.notifications.list`, newest first, limit 5) every BENCH_NOTIFY_OBSERVE_MS (10) ms
 *          until the `agree-or-decline` notification linking `/submissions/{id}` is there.
 *          Latency = that read's answer − t0.
 *        - Before each change the bench waits a random 0–1 × interval, so changes land at random
 *          points of the poller's sleep, as real ones do. (When a notification has just been read,
 *          the poller has just gone back to sleep after an empty read; back to back, every change
 *          would land at the start of a sleep and wait about one full interval.
 *          BENCH_NOTIFY_BACK_TO_BACK=1 measures that instead.)
 *        - Where the time goes: the poller's handler is wrapped to stamp, per stream record, when
 *          the poller handed it over (after its GetRecords) and when its delivery finished (the
 *          records are handed to `processStreamRecords` one at a time, which is what it does with
 *          a batch anyway), so each latency splits into waiting for the poll, delivering (the
 *          notifier's reads and its one transaction) and the observer's own polling.
 *   2. The sweeper on the demo district: a fresh DynamoDB Local and table, loaded through
 *      `loadDemoData` with `generateDemoData` (seed 20261125, now, scale BENCH_SWEEP_SCALE, default 1:
 *      about 50 s on a fresh instance here; it took 4 minutes on an instance that had already served
 *      the latency runs); BENCH_SWEEP_PROPOSE (30) green consenting participants proposed through
 *      the `propose` use case at "now"; then `sweepDue` with the clock 3 working days later at 08:00
 *      UTC (the proposals' agree-by day, so they lapse; demo follow-ups due by then are announced),
 *      then once more at the same time. Every DynamoDB request
 *      the sweep makes is counted (by command) with a middleware on its own client, with the items
 *      each returned. Table size is a Scan with Select COUNT, and the pending deadlines the whole due
 *      index holds a Query with Select COUNT: both for this report only, outside the sweep.
 *   3. Prints both tables, writes bench/results/notifications.json; stops the poller and DynamoDB
 *      Local, also on error and on Ctrl-C.
 *
 * The app's own log lines are at WARN here (BENCH_LOG_LEVEL changes it): everything runs in this
 * process, and INFO would print a line per request into the report.
 *
 * Knobs (environment): BENCH_NOTIFY_N, BENCH_NOTIFY_WARMUP, BENCH_NOTIFY_INTERVALS (comma-separated
 * ms), BENCH_NOTIFY_OBSERVE_MS, BENCH_NOTIFY_BACK_TO_BACK, BENCH_NOTIFY_TIMEOUT_MS (10000),
 * BENCH_SWEEP_SCALE, BENCH_SWEEP_PROPOSE, BENCH_SKIP_LATENCY=1, BENCH_SKIP_SWEEP=1, BENCH_LOG_LEVEL.
 */
import { QueryCommand, ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { _Record } from '@aws-sdk/client-dynamodb-streams';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { cpus } from 'node:os';
import { createApp } from '../functions/api/app.js';
import { processStreamRecords, type StreamRecord } from '../functions/notifier/process.js';
import { createDocumentClient } from '../shared/adapters/dynamodb/client.js';
import { DistrictGeocoder } from '../shared/adapters/geo/district-geocoder.js';
import { POSTCODE_DISTRICTS } from '../scripts/lib/local-paths.js';

const geocoder = new DistrictGeocoder(POSTCODE_DISTRICTS);
import { ensureTable } from '../shared/adapters/dynamodb/create-table.js';
import { dynamoRepositories, dynamoStaffDirectory } from '../shared/adapters/dynamodb/index.js';
import { keys } from '../shared/adapters/dynamodb/keys.js';
import { MemoryEmailSender } from '../shared/adapters/email/local-outbox.js';
import { generateLocalKeys, LOCAL_AUDIENCE, LOCAL_ISSUER, signLocalToken } from '../shared/auth/local-keys.js';
import { createTokenVerifier } from '../shared/auth/verifier.js';
import { clockFrom, systemClock, type Clock } from '../shared/clock.js';
import type { Actor } from '../shared/domain/actor.js';
import { PIPELINE } from '../shared/domain/pipeline-rules.js';
import { addDays, addWorkingDays } from '../shared/domain/dates.js';
import { ulidGenerator } from '../shared/ids.js';
import { logger } from '../shared/logger.js';
import type { Deps } from '../shared/use-cases/deps.js';
import { propose } from '../shared/use-cases/submissions.js';
import { sweepDue, type SweepReport } from '../shared/use-cases/sweep.js';
import { freePort, startLocalDynamo, type LocalDynamo } from '../scripts/lib/local-dynamo.js';
import { startStreamPoller } from '../scripts/lib/stream-poller.js';
import { generateDemoData } from '../scripts/seed/generate.js';
import { demoDataCounts, loadDemoData } from '../scripts/seed/load.js';
import { employerBody, participantBody, vacancyBody } from '../tests/support/fixtures.js';
import {
  fmt,
  load1m,
  loadAverageLine,
  machineLine,
  nonNegativeInt,
  onCleanup,
  positiveInt,
  printTable,
  requireJava,
  roundTo,
  runBench,
  say,
  sleep,
  summary,
  writeResults,
} from './lib.js';

const N = positiveInt('BENCH_NOTIFY_N', 200);
const WARMUP = nonNegativeInt('BENCH_NOTIFY_WARMUP', 10);
const INTERVALS = (process.env.BENCH_NOTIFY_INTERVALS ?? '200,50').split(',').map((s) => {
  const n = Number(s.trim());
  if (!Number.isInteger(n) || n < 1) throw new Error(`BENCH_NOTIFY_INTERVALS must be positive integers (ms), not "${s}"`);
  return n;
});
const OBSERVE_MS = positiveInt('BENCH_NOTIFY_OBSERVE_MS', 10);
const TIMEOUT_MS = positiveInt('BENCH_NOTIFY_TIMEOUT_MS', 10_000);
const BACK_TO_BACK = process.env.BENCH_NOTIFY_BACK_TO_BACK === '1';
const SWEEP_SCALE = Number(process.env.BENCH_SWEEP_SCALE ?? 1);
const SWEEP_PROPOSE = positiveInt('BENCH_SWEEP_PROPOSE', 30);
const SKIP_SWEEP = process.env.BENCH_SKIP_SWEEP === '1';
const SKIP_LATENCY = process.env.BENCH_SKIP_LATENCY === '1';
const LOG_LEVEL = (process.env.BENCH_LOG_LEVEL ?? 'WARN') as 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'SILENT';
/** The poller's default when `npm start` (scripts/dev.ts) passes no interval. */
const DEV_INTERVAL_MS = 200;
const POSITIONS = 50;
const ORG = 'bench-org';
const DEMO_ORG = 'demo-org';
const DEMO_SEED = 20261125;

if (!(SWEEP_SCALE > 0 && SWEEP_SCALE <= 1)) throw new Error('BENCH_SWEEP_SCALE must be in (0, 1]');

const round1 = (x: number) => roundTo(x, 1);

const STATS = ['n', 'p50', 'p95', 'p99', 'max', 'min', 'mean'] as const;
type Stats = Record<(typeof STATS)[number], number>;
const stats = (samples: number[]): Stats => summary(samples, STATS, 1);

// ---------------------------------------------------------------------------------------------
// Lifecycle: the pollers, clients and DynamoDB Local of one part are stopped before the next part
// starts, and at the end (also on error and on Ctrl-C).

let dynamo: LocalDynamo | undefined;
const pollers = new Set<{ stop(): Promise<void> }>();
const clients = new Set<DynamoDBDocumentClient>();
onCleanup(stopDynamo);

async function stopDynamo(): Promise<void> {
  await Promise.all([...pollers].map((p) => p.stop().catch(() => undefined)));
  pollers.clear();
  for (const c of clients) c.destroy();
  clients.clear();
  const d = dynamo;
  dynamo = undefined;
  await d?.stop();
}

/**
 * Each part gets its own fresh in-memory DynamoDB Local: on one shared instance its writes slowed down
 * run after run (the notifier's transaction took about 11, 14 and 29 ms in three latency runs one after
 * another; loading the demo district after the latency runs took 4 minutes instead of 50 s), so
 * sharing one would make whichever part ran later look slower.
 */
async function freshDynamo(): Promise<void> {
  await stopDynamo();
  const t = performance.now();
  dynamo = await startLocalDynamo({ port: await freePort() });
  say(`  DynamoDB Local (in memory, fresh) on ${dynamo.endpoint}: ${fmt((performance.now() - t) / 1000)} s`);
}

function client(): DynamoDBDocumentClient {
  const db = createDocumentClient({ endpoint: dynamo!.endpoint });
  clients.add(db);
  return db;
}

/** Per command: requests sent, milliseconds spent (request to response, SDK included), items returned. */
type CommandTally = Record<string, { requests: number; ms: number; items: number }>;

/** Counts and times every request a client sends while `on`; `reset()` starts a new tally. */
function instrument(db: DynamoDBDocumentClient) {
  const tally = {
    on: false,
    byCommand: {} as CommandTally,
    reset() {
      this.byCommand = {};
    },
  };
  db.middlewareStack.add(
    (next, context) => async (args) => {
      const started = performance.now();
      const out = await next(args);
      if (tally.on) {
        const name = String(context.commandName ?? 'unknown').replace(/Command$/, '');
        const row = (tally.byCommand[name] ??= { requests: 0, ms: 0, items: 0 });
        row.requests++;
        row.ms += performance.now() - started;
        const o = out.output as { Count?: number; Item?: unknown };
        if (typeof o.Count === 'number') row.items += o.Count;
        else if (o.Item) row.items += 1;
      }
      return out;
    },
    { step: 'initialize', name: 'benchTally' },
  );
  return tally;
}

const roundTally = (t: CommandTally): CommandTally =>
  Object.fromEntries(Object.entries(t).map(([k, v]) => [k, { ...v, ms: round1(v.ms) }]));

// ---------------------------------------------------------------------------------------------
// 1. Notification latency

interface LatencyRun {
  pollerIntervalMs: number;
  pacing: string;
  n: number;
  warmup: number;
  observeEveryMs: number;
  /** Response in hand → the notification read back (ms). */
  latency: Stats;
  /** The POST itself (request → 201), for scale. */
  post: Stats;
  /** Response in hand → the poller handed the outbox record to the notifier (negative: before the response arrived). */
  toPickedUp: Stats;
  /** Handed over → delivered (the notifier's reads and its transaction). */
  delivering: Stats;
  /** Delivered → the observer's read that saw it. */
  observing: Stats;
  /** Wall time of the timed changes, including the random pauses between them (s). */
  totalSeconds: number;
  /** Sum of the latencies (s). */
  latencySumSeconds: number;
  /** The notifier's DynamoDB requests over the timed changes, by command (its own client, as its own Lambda would have). */
  notifierRequests: CommandTally;
  pollerErrors: number;
  deliveryFailures: number;
}

async function latencyRun(intervalMs: number, keysForRun: Awaited<ReturnType<typeof generateLocalKeys>>): Promise<LatencyRun> {
  const db = client();
  const tableName = `routeway-bench-nt-${intervalMs}-${Date.now().toString(36)}`;
  await ensureTable(db, tableName);
  const ids = ulidGenerator();
  const deps: Deps = {
    repos: dynamoRepositories(db, tableName, ids),
    clock: systemClock,
    ids,
    geocoder,
    directory: dynamoStaffDirectory(db, tableName),
  };
  // The notifier gets its own client (in AWS it is its own Lambda), so its requests can be told apart.
  const notifierDb = client();
  const notifierTally = instrument(notifierDb);
  const notifierDeps = {
    repos: dynamoRepositories(notifierDb, tableName, ids),
    clock: systemClock,
    ids,
    geocoder,
    directory: dynamoStaffDirectory(notifierDb, tableName),
    email: new MemoryEmailSender(),
  };
  const app = createApp({
    ...deps,
    logger,
    verifier: createTokenVerifier({
      issuer: LOCAL_ISSUER,
      audience: LOCAL_AUDIENCE,
      keys: { kind: 'local', jwks: keysForRun.jwks },
      defaultOrg: ORG,
    }),
  });
  const liaison = await signLocalToken(keysForRun, { sub: 'u-liaison-1', role: 'liaison', org: ORG });
  const adviserId = 'u-adviser-1';
  const adviser = await signLocalToken(keysForRun, { sub: adviserId, role: 'adviser', org: ORG });

  async function call<T>(token: string, method: string, path: string, expect: number, body?: unknown): Promise<T> {
    const res = await app.request(path, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    if (res.status !== expect) throw new Error(`${method} ${path} answered ${res.status} (expected ${expect}): ${text.slice(0, 400)}`);
    return JSON.parse(text) as T;
  }

  // Per submission: when the poller handed its outbox record over, and when its delivery finished.
  const pickedUp = new Map<string, number>();
  const delivered = new Map<string, number>();
  let lastRecordsAt = performance.now();
  let pollerErrors = 0;
  let deliveryFailures = 0;
  const poller = startStreamPoller({
    db,
    endpoint: dynamo!.endpoint,
    tableName,
    intervalMs,
    onRecords: async (records: _Record[]) => {
      const handedOver = performance.now();
      lastRecordsAt = handedOver;
      const batchItemFailures: { itemIdentifier: string }[] = [];
      // One record at a time, exactly what processStreamRecords does with the batch, so each delivery can be stamped.
      for (const r of records) {
        const submissionId = proposedSubmissionOf(r);
        if (submissionId) pickedUp.set(submissionId, handedOver);
        const out = await processStreamRecords(notifierDeps, logger, [r as StreamRecord]);
        batchItemFailures.push(...out.batchItemFailures);
        deliveryFailures += out.batchItemFailures.length;
        if (submissionId && !out.batchItemFailures.length) delivered.set(submissionId, performance.now());
      }
      lastRecordsAt = performance.now();
      return { batchItemFailures };
    },
    onError: (err) => {
      pollerErrors++;
      process.stderr.write(`stream poll failed: ${err instanceof Error ? err.message : String(err)}\n`);
    },
  });
  pollers.add(poller);

  try {
    // --- Setup, through the API -----------------------------------------------------------------
    const t = performance.now();
    // The tests' request bodies (tests/support/fixtures.ts): a Leeds warehouse employer and vacancy.
    const employer = await call<{ id: string }>(liaison, 'POST', '/employers', 201, employerBody());
    const today = systemClock.now().toISOString().slice(0, 10);
    const vacancy = await call<{ id: string }>(
      liaison,
      'POST',
      '/vacancies',
      201,
      vacancyBody(employer.id, { positions: POSITIONS, closingDate: addDays(today, 60), status: 'open' }),
    );
    const total = WARMUP + N;
    if (total > POSITIONS * PIPELINE.liveSubmissionsPerPosition)
      throw new Error(`at most ${POSITIONS * PIPELINE.liveSubmissionsPerPosition} changes fit one vacancy`);
    const participants: string[] = new Array<string>(total);
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < total) {
          const i = next++;
          participants[i] = (
            await call<{ id: string }>(
              adviser,
              'POST',
              '/participants',
              201,
              participantBody({ lastName: `Walsh${i}`, consent: { matching: true, shareWithEmployers: ['firstName', 'skills'] } }),
            )
          ).id;
        }
      }),
    );
    // Let the poller work off the setup's records before anything is timed.
    const quiet = Math.max(500, 3 * intervalMs);
    while (performance.now() - lastRecordsAt < quiet) await sleep(50);
    say(
      `  setup: employer, vacancy (${POSITIONS} positions), ${total} participants, stream drained: ${fmt((performance.now() - t) / 1000)} s`,
    );

    // --- The changes ----------------------------------------------------------------------------
    const latency: number[] = [];
    const post: number[] = [];
    const toPickedUp: number[] = [];
    const delivering: number[] = [];
    const observing: number[] = [];
    let started = 0;
    for (let i = 0; i < total; i++) {
      if (i === WARMUP) {
        started = performance.now();
        notifierTally.reset();
        notifierTally.on = true;
      }
      if (!BACK_TO_BACK) await sleep(Math.random() * intervalMs);
      const sent = performance.now();
      const out = await call<{ items: { id: string }[] }>(liaison, 'POST', `/vacancies/${vacancy.id}/submissions`, 201, {
        participantIds: [participants[i]],
      });
      const t0 = performance.now();
      const id = out.items[0]!.id;
      const link = `/submissions/${id}`;
      let seen: number | undefined;
      while (seen === undefined) {
        const page = await deps.repos.notifications.list(ORG, adviserId, { limit: 5, unreadOnly: false });
        if (page.items.some((n) => n.link === link && n.kind === 'agree-or-decline')) seen = performance.now();
        else if (performance.now() - t0 > TIMEOUT_MS)
          throw new Error(`the notification for ${link} did not appear within ${TIMEOUT_MS} ms (poller interval ${intervalMs} ms)`);
        else await sleep(OBSERVE_MS);
      }
      if (i < WARMUP) continue;
      // The observer's read can come back in the same turn of the event loop as the notifier's commit,
      // before the wrapper has stamped the delivery: give the stamp a moment to land.
      for (let k = 0; k < 50 && !delivered.has(id); k++) await sleep(1);
      latency.push(seen - t0);
      post.push(t0 - sent);
      const p = pickedUp.get(id);
      const d = delivered.get(id);
      if (p !== undefined && d !== undefined) {
        toPickedUp.push(p - t0);
        delivering.push(d - p);
        observing.push(seen - d);
      }
    }
    const totalSeconds = (performance.now() - started) / 1000;
    notifierTally.on = false;
    return {
      pollerIntervalMs: intervalMs,
      pacing: BACK_TO_BACK ? 'back to back' : `random pause 0–${intervalMs} ms before each change`,
      n: latency.length,
      warmup: WARMUP,
      observeEveryMs: OBSERVE_MS,
      latency: stats(latency),
      post: stats(post),
      toPickedUp: stats(toPickedUp),
      delivering: stats(delivering),
      observing: stats(observing),
      totalSeconds: round1(totalSeconds),
      latencySumSeconds: round1(latency.reduce((a, b) => a + b, 0) / 1000),
      notifierRequests: roundTally(notifierTally.byCommand),
      pollerErrors,
      deliveryFailures,
    };
  } finally {
    await poller.stop();
    pollers.delete(poller);
  }
}

/** The submission a `submission.proposed` outbox insert is about, or nothing. */
function proposedSubmissionOf(r: _Record): string | undefined {
  if (r.eventName !== 'INSERT' || !r.dynamodb?.NewImage) return undefined;
  const image = unmarshall(r.dynamodb.NewImage as Record<string, AttributeValue>);
  if (image.type !== 'Outbox') return undefined;
  const e = image.event as { type?: string; submissionId?: string } | undefined;
  return e?.type === 'submission.proposed' ? e.submissionId : undefined;
}

// ---------------------------------------------------------------------------------------------
// 2. The sweeper on the demo district

interface SweepRun {
  label: string;
  clock: string;
  report: Omit<SweepReport, 'failed'> & { failed: number };
  actedOn: number;
  ms: number;
  /** DynamoDB requests the sweep sent, by command, with the time they took and the items they returned (Query: Count; GetItem: 1 when found). */
  requests: CommandTally;
  /** Items all those requests returned. */
  itemsReturned: number;
}

interface SweepResult {
  scale: number;
  generated: Record<string, number>;
  generateSeconds: number;
  loadSeconds: number;
  proposed: number;
  proposeSeconds: number;
  tableItems: number;
  scanSeconds: number;
  pendingDeadlines: number;
  expectedDue: { proposals: number; followUps: number; total: number };
  runs: SweepRun[];
}

async function sweepBench(): Promise<SweepResult> {
  const db = client();
  const tableName = `routeway-bench-sweep-${Date.now().toString(36)}`;
  await ensureTable(db, tableName);
  // The sweep's own client, with a counter on every request it sends.
  const sweepDb = client();
  const tally = instrument(sweepDb);
  const ids = ulidGenerator();
  let now = new Date();
  const clock: Clock = clockFrom(() => new Date(now));
  const deps: Deps = {
    repos: dynamoRepositories(sweepDb, tableName, ids),
    clock,
    ids,
    geocoder,
    directory: dynamoStaffDirectory(sweepDb, tableName),
  };

  let t = performance.now();
  const data = generateDemoData({ seed: DEMO_SEED, now, orgId: DEMO_ORG, scale: SWEEP_SCALE });
  const generateSeconds = (performance.now() - t) / 1000;
  const generated = demoDataCounts(data);
  say(
    `  generated the demo district (scale ${SWEEP_SCALE}) in ${fmt(generateSeconds)} s: ${Object.entries(generated)
      .map(([k, v]) => `${v} ${k}`)
      .join(', ')}`,
  );
  t = performance.now();
  await loadDemoData(dynamoRepositories(db, tableName, ids), data, { onProgress: (m) => say(`    ${m}`) });
  const loadSeconds = (performance.now() - t) / 1000;
  say(`  loaded in ${fmt(loadSeconds)} s`);

  // Proposals at "now", one participant per open vacancy in turn.
  t = performance.now();
  const liaison: Actor = { sub: 'u-liaison-1', role: 'liaison', orgId: DEMO_ORG };
  const open = data.vacancies.filter((v) => v.status === 'open');
  const candidates = data.participants.filter((p) => p.status === 'active' && p.readiness === 'green' && p.consent.matching);
  if (open.length === 0 || candidates.length < SWEEP_PROPOSE)
    throw new Error('the demo data has too few open vacancies or green consenting participants');
  for (let i = 0; i < SWEEP_PROPOSE; i++) {
    await propose(deps, liaison, open[i % open.length]!.id, { participantIds: [candidates[i]!.id] });
  }
  const proposeSeconds = (performance.now() - t) / 1000;
  const today = now.toISOString().slice(0, 10);
  const sweepDay = addWorkingDays(today, PIPELINE.agreeWithinWorkingDays);
  const expectedFollowUps = data.interactions.filter((i) => i.followUpOn && i.followUpOn <= sweepDay).length;

  // For the report only: the whole table's size, and every pending deadline in the due index.
  t = performance.now();
  const tableItems = await countAll(db, { TableName: tableName });
  const pendingDeadlines = await countAll(db, {
    TableName: tableName,
    IndexName: 'GSI3',
    KeyConditionExpression: 'GSI3PK = :pk',
    ExpressionAttributeValues: { ':pk': keys.gsi3.due() },
  });
  const scanSeconds = (performance.now() - t) / 1000;

  now = new Date(`${sweepDay}T08:00:00Z`);
  const runs: SweepRun[] = [];
  for (const label of ['first sweep', 'again, same time']) {
    tally.reset();
    tally.on = true;
    const started = performance.now();
    const report = await sweepDue(deps);
    const ms = performance.now() - started;
    tally.on = false;
    runs.push({
      label,
      clock: now.toISOString(),
      report: { ...report, failed: report.failed.length },
      actedOn: report.lapsed + report.reminded + report.expired + report.checkinsDue + report.followUpsDue,
      ms: round1(ms),
      requests: roundTally(tally.byCommand),
      itemsReturned: Object.values(tally.byCommand).reduce((n, c) => n + c.items, 0),
    });
    if (report.failed.length) process.stderr.write(`sweep failed for: ${report.failed.join(', ')}\n`);
  }
  return {
    scale: SWEEP_SCALE,
    generated,
    generateSeconds: round1(generateSeconds),
    loadSeconds: round1(loadSeconds),
    proposed: SWEEP_PROPOSE,
    proposeSeconds: round1(proposeSeconds),
    tableItems,
    scanSeconds: round1(scanSeconds),
    pendingDeadlines,
    expectedDue: { proposals: SWEEP_PROPOSE, followUps: expectedFollowUps, total: SWEEP_PROPOSE + expectedFollowUps },
    runs,
  };
}

/** Select COUNT over a whole table or partition, paginated (bench-only; the app never scans). */
async function countAll(
  db: DynamoDBDocumentClient,
  input: { TableName: string; IndexName?: string; KeyConditionExpression?: string; ExpressionAttributeValues?: Record<string, unknown> },
): Promise<number> {
  let count = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const out = input.KeyConditionExpression
      ? await db.send(new QueryCommand({ ...input, Select: 'COUNT', ExclusiveStartKey: start }))
      : await db.send(new ScanCommand({ TableName: input.TableName, Select: 'COUNT', ExclusiveStartKey: start }));
    count += out.Count ?? 0;
    start = out.LastEvaluatedKey;
  } while (start);
  return count;
}

// ---------------------------------------------------------------------------------------------

function reportLatency(latency: LatencyRun[]): void {
  say("\nNotification latency: 201 response in hand → the adviser's notification read back from the repository");
  say(
    `(${N} sequential changes per row, ${BACK_TO_BACK ? 'back to back' : 'each after a random pause of 0–1 × the interval'}; notifications read every ${OBSERVE_MS} ms; ms)\n`,
  );
  printTable(
    ['poller interval', 'n', 'p50', 'p95', 'p99', 'max', 'mean', 'POST p50', 'timed s'],
    latency.map((r) => [
      `${r.pollerIntervalMs} ms${r.pollerIntervalMs === DEV_INTERVAL_MS ? ' (npm start)' : ''}`,
      String(r.n),
      fmt(r.latency.p50),
      fmt(r.latency.p95),
      fmt(r.latency.p99),
      fmt(r.latency.max),
      fmt(r.latency.mean),
      fmt(r.post.p50),
      fmt(r.totalSeconds),
    ]),
  );
  say('\nWhere it goes (p50 / p95 of each part, ms):\n');
  printTable(
    ['poller interval', 'response → poller has it', 'delivering', 'delivered → read back'],
    latency.map((r) => [
      `${r.pollerIntervalMs} ms`,
      `${fmt(r.toPickedUp.p50)} / ${fmt(r.toPickedUp.p95)}`,
      `${fmt(r.delivering.p50)} / ${fmt(r.delivering.p95)}`,
      `${fmt(r.observing.p50)} / ${fmt(r.observing.p95)}`,
    ]),
  );
  say("\nThe notifier's DynamoDB requests per delivery (timed changes; mean ms per request, SDK and loopback included):\n");
  printTable(
    ['poller interval', 'requests per delivery', 'mean ms per request'],
    latency.map((r) => [
      `${r.pollerIntervalMs} ms`,
      Object.entries(r.notifierRequests)
        .map(([k, v]) => `${fmt(v.requests / r.n, 1)} ${k}`)
        .join(', '),
      Object.entries(r.notifierRequests)
        .map(([k, v]) => `${k} ${fmt(v.ms / v.requests, 1)}`)
        .join(', '),
    ]),
  );
  const errors = latency.reduce((n, r) => n + r.pollerErrors + r.deliveryFailures, 0);
  if (errors) say(`\nnote: ${errors} poller error(s) / failed deliveries during the runs (each poller error costs a 1 s back-off)`);
}

async function main(): Promise<void> {
  const runStarted = performance.now();
  requireJava();
  logger.setLogLevel(LOG_LEVEL);

  say(
    `Routeway notifications bench: ${N} timed state changes (+${WARMUP} warm-up) per poller interval (${INTERVALS.join(', ')} ms); sweeper on the demo district`,
  );
  say(machineLine());
  const loadBefore = load1m();

  let t = performance.now();
  const signing = await generateLocalKeys();

  const latency: LatencyRun[] = [];
  for (const interval of SKIP_LATENCY ? [] : INTERVALS) {
    say(`\nNotification latency, poller interval ${interval} ms${interval === DEV_INTERVAL_MS ? ' (npm start)' : ''}:`);
    await freshDynamo();
    t = performance.now();
    const r = await latencyRun(interval, signing);
    latency.push(r);
    say(
      `  ${r.n} changes: p50 ${fmt(r.latency.p50)} ms, p95 ${fmt(r.latency.p95)} ms, max ${fmt(r.latency.max)} ms; ${fmt(r.totalSeconds)} s timed, ${fmt((performance.now() - t) / 1000)} s in all`,
    );
  }

  let sweep: SweepResult | undefined;
  if (!SKIP_SWEEP) {
    say('\nThe sweeper on the demo district:');
    await freshDynamo();
    sweep = await sweepBench();
  }
  const loadAfter = load1m();

  // --- Report ---------------------------------------------------------------------------------
  if (latency.length) reportLatency(latency);

  if (sweep) {
    const s = sweep;
    say(
      `\nThe sweeper on the demo district (scale ${s.scale}; ${s.proposed} proposals at now, swept ${PIPELINE.agreeWithinWorkingDays} working days later):\n`,
    );
    printTable(
      ['sweep', 'items in table', 'pending deadlines (due index)', 'due (expected)', 'dueRead', 'acted on', 'requests', 'items read', 'ms'],
      s.runs.map((r) => [
        r.label,
        String(s.tableItems),
        String(s.pendingDeadlines),
        r === s.runs[0] ? String(s.expectedDue.total) : '0',
        String(r.report.dueRead),
        `${r.actedOn} (${r.report.lapsed} lapsed, ${r.report.followUpsDue} follow-ups${r.report.reminded + r.report.expired + r.report.checkinsDue ? `, ${r.report.reminded + r.report.expired + r.report.checkinsDue} other` : ''})`,
        Object.entries(r.requests)
          .map(([k, v]) => `${v.requests} ${k}`)
          .join(', ') || '0',
        String(r.itemsReturned),
        fmt(r.ms, 0),
      ]),
    );
    const first = s.runs[0]!;
    say(
      `\nFirst sweep, time by request type: ${Object.entries(first.requests)
        .map(([k, v]) => `${k} ${fmt(v.ms, 0)} ms (${fmt(v.ms / v.requests, 1)} ms each)`)
        .join(', ')}; ${fmt(first.ms / Math.max(1, first.actedOn), 1)} ms per item acted on, one at a time.`,
    );
    say(
      `Items in table: Scan with Select COUNT; pending deadlines: Query COUNT of the whole due index (both for this report only, ${fmt(s.scanSeconds)} s). ` +
        `Demo data: generated in ${fmt(s.generateSeconds)} s, loaded in ${fmt(s.loadSeconds)} s; ${s.proposed} proposals in ${fmt(s.proposeSeconds)} s.`,
    );
  }

  const busiest = Math.max(loadBefore, loadAfter);
  say(`\n${loadAverageLine('', loadBefore, loadAfter)}`);
  if (busiest > cpus().length) say('  note: the machine was busy with other work (load > CPUs); expect noisier tails.');

  const totalSeconds = (performance.now() - runStarted) / 1000;
  const results = await writeResults('notifications.json', {
    loadAverage1m: { before: roundTo(loadBefore, 2), after: roundTo(loadAfter, 2) },
    config: {
      n: N,
      warmup: WARMUP,
      intervalsMs: INTERVALS,
      observeEveryMs: OBSERVE_MS,
      backToBack: BACK_TO_BACK,
      sweepScale: SWEEP_SCALE,
      sweepPropose: SWEEP_PROPOSE,
      appLogLevel: LOG_LEVEL,
    },
    latency,
    sweep: sweep ?? null,
    totalSeconds: round1(totalSeconds),
  });
  say(`\nWrote ${results}; whole run ${fmt(totalSeconds)} s`);
}

await runBench(main, 'the stream poller and DynamoDB Local');
