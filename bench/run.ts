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
import { cpus } from 'node:os';
import { keys } from '../shared/adapters/dynamodb/keys.js';
import { generateLocalKeys, signLocalToken } from '../shared/auth/local-keys.js';
import { ulidGenerator } from '../shared/ids.js';
import { routewayClient, type components } from '../client/index.js';
import { employerBody, pick, seededRng, vacancyBody } from './data.js';
import {
  APP_LOG_LEVEL,
  bearerCaller,
  fmt as fmtTo,
  load1m,
  loadAverageLine,
  machineLine,
  percentile,
  positiveInt,
  printTable,
  requireJava,
  roundTo,
  runBench,
  runPool,
  say,
  startAppServer,
  startDynamoTable,
  writeResults,
} from './lib.js';

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
type EmployerCreate = components['schemas']['EmployerCreate'];
type VacancyCreate = components['schemas']['VacancyCreate'];

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
    say(
      `  ${row.name.padEnd(44)} c=${concurrency}  p50 ${row.p50.toFixed(2)} ms  p95 ${row.p95.toFixed(2)} ms  ${row.rps.toFixed(0)} req/s`,
    );
    return row;
  });
}

// ---------------------------------------------------------------------------------------------

/** Two decimals unless told otherwise (the other benches default to one). */
const fmt = (x: number, digits = 2) => fmtTo(x, digits);

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

const round3 = (x: number) => roundTo(x, 3);

function printRows(rows: Row[]): void {
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
  printTable(header, body, [0, header.length - 1]);
}

async function main(): Promise<void> {
  const runStarted = performance.now();
  requireJava();

  say(`Routeway bench: ${N} timed requests per operation (+${WARMUP} warm-up), concurrency 1 and ${CONCURRENCY}`);
  say(machineLine());

  let t = performance.now();
  const { dynamo, db } = await startDynamoTable(TABLE);
  say(`DynamoDB Local (in memory) on ${dynamo.endpoint}, table ${TABLE}: ${fmt((performance.now() - t) / 1000, 1)} s`);

  t = performance.now();
  const signing = await generateLocalKeys();
  const { base, floorPort } = await startAppServer({ endpoint: dynamo.endpoint, table: TABLE, jwks: signing.jwks, org: ORG });
  const floorUrl = `http://127.0.0.1:${floorPort}/`;
  say(`App server (separate process) on ${base}, HTTP floor on :${floorPort}: ${fmt((performance.now() - t) / 1000, 1)} s`);

  // A liaison officer may read employers and take vacancies: the everyday caller of both endpoints.
  const token = await signLocalToken(signing, { sub: 'u-liaison-1', role: 'liaison', org: ORG });
  const call = bearerCaller(base, token);
  // The seed goes through the typed client (client/, generated from the OpenAPI document), as another
  // team's code would call the API; the timed requests stay bare fetch (`call`), so the figures hold no
  // work of the client's own.
  const api = routewayClient({ baseUrl: base, token });
  const answered = <T>(r: { data?: T; error?: unknown; response: Response }): T => {
    if (r.data === undefined) throw new Error(`${r.response.url} answered ${r.response.status}: ${JSON.stringify(r.error).slice(0, 400)}`);
    return r.data;
  };

  // --- Seed -----------------------------------------------------------------------------------
  t = performance.now();
  const rng = seededRng(20261125);
  const employerBodies = Array.from({ length: EMPLOYERS }, (_, i) => employerBody(rng, i));
  const employerIds: string[] = new Array<string>(EMPLOYERS);
  await runPool(EMPLOYERS, CONCURRENCY, async (i) => {
    employerIds[i] = answered(await api.POST('/employers', { body: employerBodies[i] as EmployerCreate })).id;
  });
  const seededVacancies: Record<string, unknown>[] = new Array<Record<string, unknown>>(VACANCIES);
  const seedBodies = Array.from({ length: VACANCIES }, () => vacancyBody(rng, pick(rng, employerIds)));
  await runPool(VACANCIES, CONCURRENCY, async (i) => {
    seededVacancies[i] = answered(await api.POST('/vacancies', { body: seedBodies[i] as VacancyCreate }));
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
    floor: {
      name: 'HTTP floor: node:http, no app',
      kind: 'baseline',
      what: 'GET to a bare node:http server in the app process: transport and fetch only',
    },
    app404: {
      name: 'app, no DB: GET /bench-unknown (404)',
      kind: 'baseline',
      what: 'Authenticated GET of an unknown route: every middleware (logging, body limit, JWT verify, JSON, idempotency) and the 404 problem, no database call',
      baseline: 'HTTP floor: node:http, no app',
    },
    ddbGet: {
      name: 'DynamoDB GetCommand (employer)',
      kind: 'baseline',
      what: 'Document-client GetCommand, consistent read, of a random seeded employer item; no HTTP, no app',
    },
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
  const loadBefore = load1m();
  say(`\nSequential (one request at a time), ${ROUNDS} interleaved rounds:`);
  rows.push(...(await measureAll(entries, 1)));
  if (CONCURRENCY > 1) {
    say(`\n${CONCURRENCY} in flight, ${ROUNDS} interleaved rounds:`);
    rows.push(...(await measureAll(entries, CONCURRENCY)));
  }
  const loadAfter = load1m();

  // --- Report ---------------------------------------------------------------------------------
  say('');
  printRows(rows);
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
  say(loadAverageLine('measuring', loadBefore, loadAfter));
  if (busiest > cpus().length) {
    say(`  note: the machine was busy with other work (load > CPUs); expect noisier tails. Re-run on a quiet machine for figures to keep.`);
  }

  const totalSeconds = (performance.now() - runStarted) / 1000;
  const results = await writeResults('latest.json', {
    loadAverage1m: { before: round3(loadBefore), after: round3(loadAfter) },
    config: {
      n: N,
      warmup: WARMUP,
      rounds: ROUNDS,
      concurrency: CONCURRENCY,
      employers: EMPLOYERS,
      vacancies: VACANCIES,
      appLogLevel: APP_LOG_LEVEL,
    },
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
  });
  say(`\nWrote ${results}; whole run ${fmt(totalSeconds, 1)} s`);
  db.destroy();
}

await runBench(main);
