/**
 * What the benches share: knobs from the environment, DynamoDB Local and the app's server process
 * (bench/server.ts), stopping everything they start (on success, on error and on Ctrl-C), worker pools,
 * percentile summaries, CPU time from /proc, Markdown tables, and the results JSON under bench/results/.
 */
import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { fork } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { arch, cpus, loadavg, platform, release, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { createDocumentClient, PATIENT_DB_TIMEOUTS } from '../shared/adapters/dynamodb/client.js';
import { ensureTable } from '../shared/adapters/dynamodb/create-table.js';
import { checkJava, freePort, startLocalDynamo, type LocalDynamo } from '../scripts/lib/local-dynamo.js';

// ---------------------------------------------------------------------------------------------
// Knobs (environment)

function envInt(name: string, fallback: number, min: 0 | 1): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be ${min ? 'a positive integer' : 'a whole number'}, not "${raw}"`);
  return n;
}

export const positiveInt = (name: string, fallback: number) => envInt(name, fallback, 1);
export const nonNegativeInt = (name: string, fallback: number) => envInt(name, fallback, 0);

/** The app server's log level (BENCH_LOG_LEVEL; default INFO, as deployed). Its output is discarded. */
export const APP_LOG_LEVEL = process.env.BENCH_LOG_LEVEL ?? 'INFO';

// ---------------------------------------------------------------------------------------------
// Output

export const say = (line = '') => process.stdout.write(`${line}\n`);
export const fmt = (x: number, digits = 1) => (Number.isFinite(x) ? x.toFixed(digits) : '-');
export const roundTo = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;
/** A count with thousands separators. */
export const n = (x: number) => x.toLocaleString('en-GB');
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Prints a Markdown table; the columns in `left` (indexes) are left-aligned, the others right-aligned. */
export function printTable(header: string[], rows: string[][], left: readonly number[] = [0]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (left.includes(i) ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join(' | ')} |`;
  say(line(header));
  say(`|${widths.map((w, i) => (left.includes(i) ? `:${'-'.repeat(w + 1)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`);
  for (const r of rows) say(line(r));
}

// ---------------------------------------------------------------------------------------------
// Statistics

/** Nearest-rank percentile of sorted samples. */
export function percentile(sorted: readonly number[], p: number): number {
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[idx] ?? NaN;
}

export const mean = (xs: readonly number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : NaN);

export type Stat = 'n' | 'p50' | 'p95' | 'p99' | 'mean' | 'min' | 'max';

/** The statistics asked for, in the order asked (that is their order in the JSON), rounded to `digits` decimals. */
export function summary<K extends Stat>(samples: readonly number[], stats: readonly K[], digits: number): Record<K, number> {
  const sorted = [...samples].sort((a, b) => a - b);
  const all: Record<Stat, number> = {
    n: samples.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    mean: mean(samples),
    min: sorted[0] ?? NaN,
    max: sorted[sorted.length - 1] ?? NaN,
  };
  return Object.fromEntries(stats.map((k) => [k, k === 'n' ? all.n : roundTo(all[k], digits)])) as Record<K, number>;
}

/**
 * Runs `op(0)` … `op(count − 1)` with at most `concurrency` in flight; after the first failure it starts
 * no more and throws that failure once those in flight are done. With `samples`, `samples[i]` is the
 * time `op(i)` took (ms).
 */
export async function runPool(count: number, concurrency: number, op: (i: number) => Promise<unknown>, samples?: number[]): Promise<void> {
  let next = 0;
  let failure: { err: unknown } | undefined;
  const worker = async () => {
    while (next < count && !failure) {
      const i = next++;
      try {
        const t0 = performance.now();
        await op(i);
        if (samples) samples[i] = performance.now() - t0;
      } catch (err) {
        failure ??= { err };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  if (failure) throw failure.err;
}

// ---------------------------------------------------------------------------------------------
// CPU time from /proc (Linux)

const CLOCK_TICKS = 100;

/** CPU time (user + system) a process has used, in ms; NaN where unavailable. */
export function cpuMs(pid: number | undefined): number {
  if (!pid) return NaN;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return NaN;
  }
}

/** The pid of our direct child running `comm` (DynamoDB Local's java). */
export function childPid(comm: string): number | undefined {
  try {
    for (const d of readdirSync('/proc')) {
      if (!/^[0-9]+$/.test(d)) continue;
      try {
        const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
        const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        if (name === comm && ppid === process.pid) return Number(d);
      } catch {
        // gone meanwhile
      }
    }
  } catch {
    // no /proc
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// The machine, and the results file

/** `Node v…, 2 × <CPU model>, linux <release>`: the second line every bench prints. */
export function machineLine(): string {
  return `Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${platform()} ${release()}`;
}

/** The 1-minute load average. */
export const load1m = () => loadavg()[0] ?? 0;

/** `Load average (1 min) before/after <during>: 0.52 / 1.87 on 2 CPUs`. */
export function loadAverageLine(during: string, before: number, after: number): string {
  return `Load average (1 min) before/after${during ? ` ${during}` : ''}: ${fmt(before, 2)} / ${fmt(after, 2)} on ${cpus().length} CPUs`;
}

/** Writes bench/results/<name> (`generatedAt` and `machine` first, then `result`); returns its path. */
export async function writeResults(name: string, result: Record<string, unknown>): Promise<string> {
  const path = fileURLToPath(new URL(`./results/${name}`, import.meta.url));
  const machine = {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model.trim(),
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    platform: `${platform()} ${release()} ${arch()}`,
    node: process.version,
  };
  await mkdir(new URL('./results/', import.meta.url), { recursive: true });
  await writeFile(path, `${JSON.stringify({ generatedAt: new Date().toISOString(), machine, ...result }, null, 2)}\n`);
  return path;
}

// ---------------------------------------------------------------------------------------------
// Lifecycle: whatever is registered with `onCleanup` is stopped, last started first, when the bench
// ends, fails or is interrupted.

const stops: (() => Promise<void> | void)[] = [];
let cleaning: Promise<void> | undefined;
let interrupted = false;

export function onCleanup(stop: () => Promise<void> | void): void {
  stops.push(stop);
}

function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    for (let stop = stops.pop(); stop; stop = stops.pop()) await stop();
  })();
  return cleaning;
}

/**
 * Runs a bench's `main`, then stops everything registered; on SIGINT / SIGTERM says it is stopping
 * `what` and exits 130. Exits 1 (after a stack trace) if `main` fails, 0 otherwise.
 */
export async function runBench(main: () => Promise<void>, what = 'the server and DynamoDB Local'): Promise<never> {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      interrupted = true;
      say(`\n${signal}: stopping ${what}…`);
      void cleanup().finally(() => process.exit(130));
    });
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
}

// ---------------------------------------------------------------------------------------------
// DynamoDB Local and the app server

/** DynamoDB Local needs Java 17+: fail at once, plainly, when it is missing. */
export function requireJava(): void {
  const problem = checkJava();
  if (problem) throw new Error(problem);
}

/**
 * The bench's own clients wait longer than the app's: on a busy shared machine a slow answer from
 * DynamoDB Local while loading must not end the run (the app's requests keep the production timeouts).
 */
export const BENCH_DB_TIMEOUTS = PATIENT_DB_TIMEOUTS;

/** Puts items with BatchWriteItem, 25 a request, `concurrency` requests in flight, retrying what comes back unprocessed. */
export async function batchWriteAll(db: DynamoDBDocumentClient, table: string, items: readonly unknown[], concurrency: number) {
  await runPool(Math.ceil(items.length / 25), concurrency, async (b) => {
    let pending: Record<string, unknown>[] = items.slice(b * 25, b * 25 + 25).map((Item) => ({ PutRequest: { Item } }));
    for (let attempt = 0; pending.length; attempt++) {
      if (attempt > 8) throw new Error('BatchWriteItem kept returning unprocessed items');
      if (attempt) await sleep(20 * 2 ** attempt);
      const out = await db.send(new BatchWriteCommand({ RequestItems: { [table]: pending as never } }));
      pending = (out.UnprocessedItems?.[table] ?? []) as Record<string, unknown>[];
    }
  });
}

/** DynamoDB Local in memory on a free port (stopped at cleanup), with one fresh table. */
export async function startDynamoTable(table: string): Promise<{ dynamo: LocalDynamo; db: DynamoDBDocumentClient }> {
  const dynamo = await startLocalDynamo({ port: await freePort() });
  onCleanup(() => dynamo.stop());
  const db = createDocumentClient({ endpoint: dynamo.endpoint, timeouts: BENCH_DB_TIMEOUTS });
  await ensureTable(db, table);
  return { dynamo, db };
}

export interface AppServer {
  /** http://127.0.0.1:<port> of the app. */
  base: string;
  /** The bare node:http server beside it, the HTTP floor. */
  floorPort: number;
  pid: number | undefined;
}

/**
 * The app (bench/server.ts) in its own Node process on a free loopback port, so the load generator
 * does not share its event loop; resolves once it reports its ports. Stopped at cleanup (and killed if
 * this process exits without cleaning up).
 */
export function startAppServer(opts: { endpoint: string; table: string; jwks: unknown; org: string }): Promise<AppServer> {
  const child = fork(fileURLToPath(new URL('./server.ts', import.meta.url)), [], {
    execPath: process.execPath,
    execArgv: ['--import', import.meta.resolve('tsx')],
    env: {
      ...process.env,
      BENCH_DYNAMO_ENDPOINT: opts.endpoint,
      BENCH_TABLE: opts.table,
      BENCH_JWKS: JSON.stringify(opts.jwks),
      BENCH_ORG: opts.org,
      BENCH_LOG_LEVEL: APP_LOG_LEVEL,
    },
    // The app's log lines go nowhere (they are still formatted and written, as in Lambda).
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  onCleanup(async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      if (child.connected) child.disconnect();
      else child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 3000).unref();
    });
  });
  // Last resort if we die without running cleanup: never leave the server process behind.
  process.once('exit', () => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the bench server did not start within 30 s: ${stderr.trim()}`)), 30_000);
    child.once('message', (m) => {
      clearTimeout(timer);
      const ports = m as { appPort: number; floorPort: number };
      resolve({ base: `http://127.0.0.1:${ports.appPort}`, floorPort: ports.floorPort, pid: child.pid });
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the bench server exited (${code ?? signal}) before it was ready: ${stderr.trim()}`));
    });
  });
}

/**
 * `call(method, path, expect, body?)`: a request to the app as the bearer of `token` (JSON body if
 * given); the response text, or an error unless the status is `expect`.
 */
export function bearerCaller(base: string, token: string) {
  const auth = { authorization: `Bearer ${token}` };
  const jsonAuth = { ...auth, 'content-type': 'application/json' };
  return async (method: string, path: string, expect: number, body?: unknown): Promise<string> => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: body === undefined ? auth : jsonAuth,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    if (res.status !== expect) throw new Error(`${method} ${path} answered ${res.status} (expected ${expect}): ${text.slice(0, 400)}`);
    return text;
  };
}
