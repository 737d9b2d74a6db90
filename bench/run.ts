/**
 * `npm run bench`: request latency of the real app over real HTTP against the real DynamoDB Local,
 * next to baselines measured in the same run on the same machine, so the figures are comparable
 * wherever it runs. It reports; it does not gate (exit code is non-zero only when something fails).
 *
 *   1. DynamoDB Local in memory on a free port, one fresh table.
 *   2. The app (bench/server.ts) in its own Node process on a free loopback port, with a bare
 *      node:http server beside it as the HTTP floor.
 *   3. Seeds 200 employers and 400 vacancies through the HTTP API.
 *   4. Measures each operation: warm-up (50), then BENCH_N (1,000) timed requests, one at a time and
 *      then 8 in flight; the timed requests of all operations are interleaved in 5 rounds.
 *   5. Prints the table, writes bench/results/latest.json, stops everything (also on error / Ctrl-C).
 *
 * Knobs (environment): BENCH_N (default 1000), BENCH_WARMUP (50), BENCH_CONCURRENCY (8),
 * BENCH_LOG_LEVEL (the app's log level, default INFO as deployed; output is discarded).
 */
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { fork, type ChildProcess } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { arch, cpus, loadavg, platform, release, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { createDocumentClient } from '../shared/adapters/dynamodb/client.js';
import { ensureTable } from '../shared/adapters/dynamodb/create-table.js';
import { keys } from '../shared/adapters/dynamodb/keys.js';
import { generateLocalKeys, signLocalToken } from '../shared/auth/local-keys.js';
import { ulidGenerator } from '../shared/ids.js';
import { checkJava, freePort, startLocalDynamo, type LocalDynamo } from '../scripts/lib/local-dynamo.js';
import { employerBody, pick, seededRng, vacancyBody } from './data.js';

const N = positiveInt('BENCH_N', 1000);
const WARMUP = positiveInt('BENCH_WARMUP', 50);
/** Timed requests are taken in this many interleaved slices per operation. */
const ROUNDS = 5;
const CONCURRENCY = positiveInt('BENCH_CONCURRENCY', 8);
const EMPLOYERS = 200;
const VACANCIES = 400;
const ORG = 'bench-org';
const TABLE = `routeway-bench-${Date.now().toString(36)}`;
const GET_P95_TARGET_MS = 50;
const RESULTS = fileURLToPath(new URL('./results/latest.json', import.meta.url));

function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, not "${raw}"`);
  return n;
}

const say = (line = '') => process.stdout.write(`${line}\n`);

// ---------------------------------------------------------------------------------------------
// Measuring

interface Row {
  name: string;
  kind: 'app' | 'baseline';
  /** What it is, in a few words, for the JSON and the doc. */
  what: string;
  concurrency: number;
  n: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  min: number;
  max: number;
  /** Completed requests per second of wall time over the timed phase. */
  rps: number;
  /** The row this one is compared with, by name. */
  baseline?: string;
}

type Op = (i: number) => Promise<unknown>;

/** Nearest-rank percentile of sorted samples. */
function percentile(sorted: number[], p: number): number {
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[idx] ?? NaN;
}

async function runPool(count: number, concurrency: number, op: Op, samples?: number[]): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const t0 = performance.now();
      await op(i);
      if (samples) samples[i] = performance.now() - t0;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}

type Spec = { name: string; kind: Row['kind']; what: string; baseline?: string };

/**
 * Measures every operation at one concurrency, interleaved: each operation warms up, then the timed
 * requests run in ROUNDS slices taken in turn (op A 200, op B 200, …, op A 200, …), so a slow spell
 * on the machine (other processes, JIT, Java GC) lands on the app and its baselines alike.
 */
async function measureAll(entries: { spec: Spec; op: Op }[], concurrency: number): Promise<Row[]> {
  for (const e of entries) await runPool(WARMUP, concurrency, (i) => e.op(-1 - i));
  const state = entries.map(() => ({ samples: [] as number[], wall: 0 }));
  const slice = Math.ceil(N / ROUNDS);
  for (let done = 0; done < N; done += slice) {
    const count = Math.min(slice, N - done);
    for (const [k, e] of entries.entries()) {
      const st = state[k]!;
      const samples = new Array<number>(count);
      const started = performance.now();
      await runPool(count, concurrency, e.op, samples);
      st.wall += performance.now() - started;
      st.samples.push(...samples);
    }
  }
  return entries.map((e, k) => {
    const { samples, wall } = state[k]!;
    const sorted = [...samples].sort((a, b) => a - b);
    const row: Row = {
      ...e.spec,
      concurrency,
      n: samples.length,
      p50: percentile(sorted, 50),
      p95: percentile(sorted, 95),
      p99: percentile(sorted, 99),
      mean: samples.reduce((sum, x) => sum + x, 0) / samples.length,
      min: sorted[0] ?? NaN,
      max: sorted[sorted.length - 1] ?? NaN,
      rps: samples.length / (wall / 1000),
    };
    say(`  ${row.name.padEnd(44)} c=${concurrency}  p50 ${row.p50.toFixed(2)} ms  p95 ${row.p95.toFixed(2)} ms  ${row.rps.toFixed(0)} req/s`);
    return row;
  });
}

// ---------------------------------------------------------------------------------------------
// Lifecycle: everything started here is stopped in `cleanup`, also on error and on Ctrl-C.

let dynamo: LocalDynamo | undefined;
let server: ChildProcess | undefined;
let cleaning: Promise<void> | undefined;
let interrupted = false;

function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    if (server && server.exitCode === null && server.signalCode === null) {
      const s = server;
      await new Promise<void>((resolve) => {
        s.once('exit', () => resolve());
        if (s.connected) s.disconnect();
        else s.kill('SIGTERM');
        setTimeout(() => s.kill('SIGKILL'), 3000).unref();
      });
    }
    await dynamo?.stop();
  })();
  return cleaning;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    interrupted = true;
    say(`\n${signal}: stopping the server and DynamoDB Local…`);
    void cleanup().finally(() => process.exit(130));
  });
}
// Last resort if we die without running cleanup: never leave the server process behind.
process.once('exit', () => {
  if (server && server.exitCode === null) server.kill('SIGKILL');
});

function startServer(env: Record<string, string>): Promise<{ appPort: number; floorPort: number }> {
  const child = fork(fileURLToPath(new URL('./server.ts', import.meta.url)), [], {
    execPath: process.execPath,
    execArgv: ['--import', import.meta.resolve('tsx')],
    env: { ...process.env, ...env },
    // The app's log lines go nowhere (they are still formatted and written, as in Lambda).
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  server = child;
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the bench server did not start within 30 s: ${stderr.trim()}`)), 30_000);
    child.once('message', (m) => {
      clearTimeout(timer);
      resolve(m as { appPort: number; floorPort: number });
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the bench server exited (${code ?? signal}) before it was ready: ${stderr.trim()}`));
    });
  });
}

// ---------------------------------------------------------------------------------------------

function fmt(x: number, digits = 2): string {
  return Number.isFinite(x) ? x.toFixed(digits) : '-';
}

interface Overhead {
  baseline: string;
  /** App p50 minus baseline p50, ms. */
  p50DiffMs: number;
  /** App p50 divided by baseline p50. */
  p50Ratio: number;
}

function overheadOf(row: Row, rows: Row[]): Overhead | undefined {
  if (!row.baseline) return undefined;
  const base = rows.find((r) => r.name === row.baseline && r.concurrency === row.concurrency);
  if (!base) return undefined;
  return { baseline: base.name, p50DiffMs: row.p50 - base.p50, p50Ratio: row.p50 / base.p50 };
}

function overhead(row: Row, rows: Row[]): string {
  const o = overheadOf(row, rows);
  if (!o) return '';
  return `${o.p50DiffMs >= 0 ? '+' : ''}${fmt(o.p50DiffMs)} ms (×${fmt(o.p50Ratio, 1)}) vs ${o.baseline}`;
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

function printTable(rows: Row[]): void {
  const header = ['operation', 'conc', 'n', 'p50 ms', 'p95 ms', 'p99 ms', 'mean ms', 'req/s', 'overhead (p50) vs baseline'];
  const body = rows.map((r) => [
    `${r.kind === 'baseline' ? '[baseline] ' : ''}${r.name}`,
    String(r.concurrency),
    String(r.n),
    fmt(r.p50),
    fmt(r.p95),
    fmt(r.p99),
    fmt(r.mean),
    fmt(r.rps, 0),
    overhead(r, rows),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] ?? '').length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (i === 0 || i === cells.length - 1 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join(' | ')} |`;
  say(line(header));
  say(`|${widths.map((w, i) => (i === 0 || i === widths.length - 1 ? `:${'-'.repeat(w + 1)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`);
  for (const b of body) say(line(b));
}

async function main(): Promise<void> {
  const runStarted = performance.now();
  const javaProblem = checkJava();
  if (javaProblem) throw new Error(javaProblem);

  say(`Routeway bench: ${N} timed requests per operation (+${WARMUP} warm-up), concurrency 1 and ${CONCURRENCY}`);
  say(`Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${platform()} ${release()}`);

  let t = performance.now();
  dynamo = await startLocalDynamo({ port: await freePort() });
  const db = createDocumentClient({ endpoint: dynamo.endpoint });
  await ensureTable(db, TABLE);
  say(`DynamoDB Local (in memory) on ${dynamo.endpoint}, table ${TABLE}: ${fmt((performance.now() - t) / 1000, 1)} s`);

  t = performance.now();
  const signing = await generateLocalKeys();
  const ports = await startServer({
    BENCH_DYNAMO_ENDPOINT: dynamo.endpoint,
    BENCH_TABLE: TABLE,
    BENCH_JWKS: JSON.stringify(signing.jwks),
    BENCH_ORG: ORG,
    BENCH_LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'INFO',
  });
  const base = `http://127.0.0.1:${ports.appPort}`;
  const floorUrl = `http://127.0.0.1:${ports.floorPort}/`;
  say(`App server (separate process) on ${base}, HTTP floor on :${ports.floorPort}: ${fmt((performance.now() - t) / 1000, 1)} s`);

  // A liaison officer may read employers and take vacancies: the everyday caller of both endpoints.
  const token = await signLocalToken(signing, { sub: 'u-liaison-1', role: 'liaison', org: ORG });
  const auth = { authorization: `Bearer ${token}` };
  const jsonAuth = { ...auth, 'content-type': 'application/json' };

  async function call(method: string, path: string, expect: number, body?: unknown): Promise<string> {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: body === undefined ? auth : jsonAuth,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    if (res.status !== expect) throw new Error(`${method} ${path} answered ${res.status} (expected ${expect}): ${text.slice(0, 400)}`);
    return text;
  }

  // --- Seed -----------------------------------------------------------------------------------
  t = performance.now();
  const rng = seededRng(20261125);
  const employerBodies = Array.from({ length: EMPLOYERS }, (_, i) => employerBody(rng, i));
  const employerIds: string[] = new Array<string>(EMPLOYERS);
  await runPool(EMPLOYERS, CONCURRENCY, async (i) => {
    employerIds[i] = (JSON.parse(await call('POST', '/employers', 201, employerBodies[i])) as { id: string }).id;
  });
  const seededVacancies: Record<string, unknown>[] = new Array<Record<string, unknown>>(VACANCIES);
  const seedBodies = Array.from({ length: VACANCIES }, () => vacancyBody(rng, pick(rng, employerIds)));
  await runPool(VACANCIES, CONCURRENCY, async (i) => {
    seededVacancies[i] = JSON.parse(await call('POST', '/vacancies', 201, seedBodies[i])) as Record<string, unknown>;
  });
  say(`Seeded ${EMPLOYERS} employers and ${VACANCIES} vacancies through the API: ${fmt((performance.now() - t) / 1000, 1)} s`);

  // Bodies for the timed creates, made up front so generating them is not timed.
  const createBodies = Array.from({ length: 4 * (N + WARMUP) }, () => vacancyBody(rng, pick(rng, employerIds)));
  let createCursor = 0;
  const nextCreateBody = () => createBodies[createCursor++ % createBodies.length];
  const randomEmployer = () => pick(rng, employerIds);

  // The raw write: the same transaction the vacancy repository sends (employer must exist + put
  // the vacancy item with its index keys), with an item of the same shape and size.
  const ids = ulidGenerator();
  const template = seededVacancies[0]!;
  const rawVacancyTransaction = () => {
    const employerId = randomEmployer();
    const v: Record<string, unknown> & { id: string } = { ...template, id: ids.next(), employerId };
    return new TransactWriteCommand({
      TransactItems: [
        { ConditionCheck: { TableName: TABLE, Key: keys.employer(ORG, employerId), ConditionExpression: 'attribute_exists(PK)' } },
        {
          Put: {
            TableName: TABLE,
            Item: {
              ...keys.vacancy(ORG, v.id),
              type: 'Vacancy',
              GSI1PK: keys.gsi1.vacanciesOfEmployer(ORG, employerId),
              GSI1SK: `${String(v.status)}#${v.id}`,
              GSI2PK: keys.gsi2.vacanciesByStatus(ORG, String(v.status)),
              GSI2SK: `${String(v.closingDate)}#${v.id}`,
              ...v,
            },
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        },
      ],
    });
  };
  const rawGet = (id: string) => db.send(new GetCommand({ TableName: TABLE, Key: keys.employer(ORG, id), ConsistentRead: true }));

  // --- Operations -----------------------------------------------------------------------------
  const specs = {
    floor: { name: 'HTTP floor: node:http, no app', kind: 'baseline', what: 'GET to a bare node:http server in the app process: transport and fetch only' },
    app404: {
      name: 'app, no DB: GET /bench-unknown (404)',
      kind: 'baseline',
      what: 'Authenticated GET of an unknown route: every middleware (logging, body limit, JWT verify, JSON, idempotency) and the 404 problem, no database call',
      baseline: 'HTTP floor: node:http, no app',
    },
    ddbGet: { name: 'DynamoDB GetCommand (employer)', kind: 'baseline', what: 'Document-client GetCommand, consistent read, of a random seeded employer item; no HTTP, no app' },
    ddbTx: {
      name: 'DynamoDB TransactWrite (check+put)',
      kind: 'baseline',
      what: 'TransactWriteCommand: ConditionCheck on the employer + Put of a vacancy-sized item, as the repository sends',
    },
    ddbGetTx: {
      name: 'DynamoDB Get + TransactWrite',
      kind: 'baseline',
      what: 'The database work of one vacancy create, back to back: GetCommand of the employer, then the TransactWrite',
    },
    get: {
      name: 'GET /employers/{id}',
      kind: 'app',
      what: 'Read a random seeded employer (200, ETag)',
      baseline: 'DynamoDB GetCommand (employer)',
    },
    post: {
      name: 'POST /vacancies',
      kind: 'app',
      what: 'Take a vacancy for a random seeded employer (201); no Idempotency-Key',
      baseline: 'DynamoDB Get + TransactWrite',
    },
  } satisfies Record<string, { name: string; kind: Row['kind']; what: string; baseline?: string }>;

  const ops: Record<keyof typeof specs, Op> = {
    floor: async () => {
      const res = await fetch(floorUrl);
      await res.text();
      if (res.status !== 200) throw new Error(`HTTP floor answered ${res.status}`);
    },
    app404: () => call('GET', '/bench-unknown', 404),
    ddbGet: async () => {
      const out = await rawGet(randomEmployer());
      if (!out.Item) throw new Error('a seeded employer is missing');
    },
    ddbTx: () => db.send(rawVacancyTransaction()),
    ddbGetTx: async () => {
      await rawGet(randomEmployer());
      await db.send(rawVacancyTransaction());
    },
    get: () => call('GET', `/employers/${randomEmployer()}`, 200),
    post: () => call('POST', '/vacancies', 201, nextCreateBody()),
  };

  const rows: Row[] = [];
  const order: (keyof typeof specs)[] = ['floor', 'app404', 'ddbGet', 'get', 'ddbTx', 'ddbGetTx', 'post'];
  const entries = order.map((k) => ({ spec: specs[k] as Spec, op: ops[k] }));
  const loadBefore = loadavg()[0] ?? 0;
  say(`\nSequential (one request at a time), ${ROUNDS} interleaved rounds:`);
  rows.push(...(await measureAll(entries, 1)));
  if (CONCURRENCY > 1) {
    say(`\n${CONCURRENCY} in flight, ${ROUNDS} interleaved rounds:`);
    rows.push(...(await measureAll(entries, CONCURRENCY)));
  }
  const loadAfter = loadavg()[0] ?? 0;

  // --- Report ---------------------------------------------------------------------------------
  say('');
  printTable(rows);
  const getSeq = rows.find((r) => r.name === specs.get.name && r.concurrency === 1)!;
  const get404 = rows.find((r) => r.name === specs.app404.name && r.concurrency === 1)!;
  const getDb = rows.find((r) => r.name === specs.ddbGet.name && r.concurrency === 1)!;
  const floor = rows.find((r) => r.name === specs.floor.name && r.concurrency === 1)!;
  say('');
  say(
    `GET /employers/{id} p95 (sequential) = ${fmt(getSeq.p95)} ms; target < ${GET_P95_TARGET_MS} ms locally: ` +
      `${getSeq.p95 < GET_P95_TARGET_MS ? 'within target' : 'OVER target'}`,
  );
  say(
    `  p50 split, roughly: HTTP floor ${fmt(floor.p50)} + app middleware (404 − floor) ${fmt(get404.p50 - floor.p50)} + ` +
      `DynamoDB get ${fmt(getDb.p50)} + the rest (routing, zod parse, JSON) ${fmt(getSeq.p50 - get404.p50 - getDb.p50)} ms`,
  );

  const busiest = Math.max(loadBefore, loadAfter);
  say(`Load average (1 min) before/after measuring: ${fmt(loadBefore)} / ${fmt(loadAfter)} on ${cpus().length} CPUs`);
  if (busiest > cpus().length) {
    say(`  note: the machine was busy with other work (load > CPUs); expect noisier tails. Re-run on a quiet machine for figures to keep.`);
  }

  const totalSeconds = (performance.now() - runStarted) / 1000;
  await mkdir(new URL('./results/', import.meta.url), { recursive: true });
  await writeFile(
    RESULTS,
    `${JSON.stringify(
      {
        generatedAt: new Date().toISOString(),
        machine: {
          cpus: cpus().length,
          cpuModel: cpus()[0]?.model.trim(),
          memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
          platform: `${platform()} ${release()} ${arch()}`,
          node: process.version,
        },
        loadAverage1m: { before: round3(loadBefore), after: round3(loadAfter) },
        config: { n: N, warmup: WARMUP, rounds: ROUNDS, concurrency: CONCURRENCY, employers: EMPLOYERS, vacancies: VACANCIES, appLogLevel: process.env.BENCH_LOG_LEVEL ?? 'INFO' },
        getP95TargetMs: GET_P95_TARGET_MS,
        getP95WithinTarget: getSeq.p95 < GET_P95_TARGET_MS,
        rows: rows.map((r) => {
          const o = overheadOf(r, rows);
          return {
            ...r,
            ...Object.fromEntries((['p50', 'p95', 'p99', 'mean', 'min', 'max', 'rps'] as const).map((k) => [k, round3(r[k])])),
            ...(o ? { overhead: { ...o, p50DiffMs: round3(o.p50DiffMs), p50Ratio: round3(o.p50Ratio) } } : {}),
          };
        }),
        totalSeconds: Math.round(totalSeconds * 10) / 10,
      },
      null,
      2,
    )}\n`,
  );
  say(`\nWrote ${RESULTS}; whole run ${fmt(totalSeconds, 1)} s`);
  db.destroy();
}

let failed = false;
try {
  await main();
} catch (err) {
  failed = true;
  // After Ctrl-C the requests in flight fail as the server goes; that is not worth a stack trace.
  if (!interrupted) process.stderr.write(`\nbench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
} finally {
  await cleanup();
}
process.exit(interrupted ? 130 : failed ? 1 : 0);
