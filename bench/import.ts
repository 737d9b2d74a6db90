/**
 * The bulk import at scale: a participants file of the demo district's people (3,000 rows by default)
 * through the same use case as `npm run import` and `POST /imports/participants` (`importRecords`),
 * against DynamoDB Local in memory: a dry run, the import, the same file again. Beside it, in the same
 * run, the floor under the import: the very items it wrote (captured as it sent them), written again to
 * a fresh DynamoDB Local each as raw `TransactWriteItems` packed and in flight as the import sent them, and
 * as raw `BatchWriteItem` (25 a request, 8 in flight, no conditions). `tsx bench/import.ts` (part of `npm run bench`).
 *
 * Knobs: BENCH_IMPORT_ROWS (default 3000, at most the district's participants), BENCH_IMPORT_CONCURRENCY
 * (the import's `concurrency`, default 8: four transactions in flight).
 */
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoRepositories, dynamoStaffDirectory } from '../shared/adapters/dynamodb/index.js';
import type { TransactItem } from '../shared/adapters/dynamodb/store.js';
import { DistrictGeocoder } from '../shared/adapters/geo/district-geocoder.js';
import { clockFrom } from '../shared/clock.js';
import { ulidGenerator } from '../shared/ids.js';
import { importRecords, type ImportReport } from '../shared/use-cases/bulk-import.js';
import type { Deps } from '../shared/use-cases/deps.js';
import { generateDemoData } from '../scripts/seed/generate.js';
import { PARTICIPANTS_IMPORT_HEADER, participantImportRow } from '../scripts/seed/import-file.js';
import { POSTCODE_DISTRICTS } from '../scripts/lib/local-paths.js';
import {
  batchWriteAll,
  fmt,
  load1m,
  loadAverageLine,
  machineLine,
  n,
  positiveInt,
  printTable,
  requireJava,
  roundTo,
  runBench,
  runPool,
  say,
  startDynamoTable,
  writeResults,
} from './lib.js';

const ORG = 'bench-org';
const NOW = new Date('2026-11-25T10:00:00Z');
const CONCURRENCY = positiveInt('BENCH_IMPORT_CONCURRENCY', 8);

interface Row {
  what: string;
  rows: number;
  requests: Record<string, number>;
  wallMs: number;
  rowsPerSecond: number;
  jvmCpuMs: number;
  nodeCpuMs: number;
}

async function main() {
  requireJava();
  const people = generateDemoData({ now: NOW, orgId: ORG }).participants;
  const ROWS = positiveInt('BENCH_IMPORT_ROWS', 3000);
  if (ROWS > people.length) throw new Error(`BENCH_IMPORT_ROWS: the demo district has ${people.length} participants`);
  const csv = `${PARTICIPANTS_IMPORT_HEADER}\n${people
    .slice(0, ROWS)
    .map((p, i) => participantImportRow(p, `PX-${i}`))
    .join('\n')}\n`;

  say(`Bulk import bench: ${n(ROWS)} participants rows, concurrency ${CONCURRENCY}, DynamoDB Local in memory`);
  say(machineLine());
  const loadBefore = load1m();
  const table = 'bench-import';
  const { dynamo, db } = await startDynamoTable(table);
  /** The DynamoDB Local being measured (each baseline gets its own). */
  let jvm = dynamo;
  const jvmMs = () => (jvm.cpuSeconds() ?? Number.NaN) * 1000;

  // Every request by command name, and each transaction's items as the repositories built them.
  const sent: string[] = [];
  const transactions: TransactItem[][] = [];
  db.middlewareStack.add(
    (next, context) => (args) => {
      sent.push(context.commandName ?? '?');
      const items = (args.input as { TransactItems?: TransactItem[] }).TransactItems;
      if (items) transactions.push(structuredClone(items));
      return next(args);
    },
    { step: 'initialize', name: 'benchCapture' },
  );

  const ids = ulidGenerator();
  const deps: Deps = {
    repos: dynamoRepositories(db, table, ids),
    directory: dynamoStaffDirectory(db, table),
    geocoder: new DistrictGeocoder(POSTCODE_DISTRICTS),
    clock: clockFrom(() => NOW),
    ids,
  };
  const admin = { sub: 'u-admin-1', role: 'admin' as const, orgId: ORG };

  const results: Row[] = [];
  const measure = async <T>(what: string, rows: number, run: () => Promise<T>, counted?: Record<string, number>): Promise<T> => {
    sent.length = 0;
    const j0 = jvmMs();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const out = await run();
    const wallMs = performance.now() - t0;
    const c1 = process.cpuUsage(c0);
    const requests: Record<string, number> = {};
    for (const c of sent) requests[c.replace(/Command$/, '')] = (requests[c.replace(/Command$/, '')] ?? 0) + 1;
    results.push({
      what,
      rows,
      requests: counted ?? requests,
      wallMs: roundTo(wallMs, 0),
      rowsPerSecond: roundTo((rows * 1000) / wallMs, 1),
      jvmCpuMs: roundTo(jvmMs() - j0, 0),
      nodeCpuMs: roundTo((c1.user + c1.system) / 1000, 0),
    });
    say(`  ${what}: ${fmt(wallMs / 1000)} s`);
    return out;
  };
  const expectCounts = (report: ImportReport, want: Partial<ImportReport['counts']>) => {
    for (const [k, v] of Object.entries(want))
      if (report.counts[k as keyof ImportReport['counts']] !== v)
        throw new Error(`the import counted ${JSON.stringify(report.counts)}, expected ${JSON.stringify(want)}`);
  };

  const dry = await measure('import, dry run (check every row)', ROWS, () =>
    importRecords(deps, admin, 'participants', csv, { dryRun: true, concurrency: CONCURRENCY }),
  );
  expectCounts(dry, { valid: ROWS, error: 0 });
  transactions.length = 0;
  const first = await measure('import (check, then create)', ROWS, () =>
    importRecords(deps, admin, 'participants', csv, { dryRun: false, concurrency: CONCURRENCY }),
  );
  expectCounts(first, { created: ROWS, error: 0 });
  const written = transactions.splice(0);
  const again = await measure('import, the same file again (all duplicates)', ROWS, () =>
    importRecords(deps, admin, 'participants', csv, { dryRun: false, concurrency: CONCURRENCY }),
  );
  expectCounts(again, { duplicate: ROWS, error: 0 });

  // The baselines: the same items, each on a DynamoDB Local of its own, started fresh with one empty
  // table as the import's was, the one before stopped (on the import's JVM, after it, the raw transactions
  // ran many times slower than the import had: one stalled for over a minute at 3,000 rows), with no use
  // case around them. The transactions go as the import packed them, four in flight.
  const items = written.flat();
  const fresh = async (name: string) => {
    await jvm.stop();
    const started = await startDynamoTable(name);
    jvm = started.dynamo;
    return started.db;
  };
  const rawDb = await fresh(table);
  await measure(
    `[baseline] raw TransactWrite of the same ${n(items.length)} items`,
    ROWS,
    () =>
      runPool(written.length, Math.max(1, Math.ceil(CONCURRENCY / 2)), (i) =>
        rawDb.send(new TransactWriteCommand({ TransactItems: written[i]! })),
      ),
    { TransactWriteItems: written.length },
  );
  const batchDb = await fresh(table);
  const puts = items.flatMap((i) => (i.Put ? [i.Put.Item] : []));
  await measure(`[baseline] raw BatchWrite of its ${n(puts.length)} puts`, ROWS, () => batchWriteAll(batchDb, table, puts, CONCURRENCY), {
    'BatchWriteItem (retries not counted)': Math.ceil(puts.length / 25),
  });
  const loadAfter = load1m();

  say('');
  printTable(
    ['what', 'rows', 'requests', 'wall', 'rows/s', 'JVM CPU', 'Node CPU'],
    results.map((r) => [
      r.what,
      n(r.rows),
      Object.entries(r.requests)
        .map(([c, k]) => `${n(k)} ${c}`)
        .join(', '),
      `${fmt(r.wallMs / 1000)} s`,
      fmt(r.rowsPerSecond, 0),
      `${fmt(r.jvmCpuMs / 1000)} s`,
      `${fmt(r.nodeCpuMs / 1000)} s`,
    ]),
    [0, 2],
  );
  const importRow = results[1]!;
  const rawRow = results[3]!;
  say('');
  say(
    `The import wrote ${n(items.length)} items in ${n(written.length)} transactions (${fmt(items.length / ROWS)} a row, ` +
      `${fmt(ROWS / written.length)} rows a transaction); the same transactions alone took ` +
      `${fmt((100 * rawRow.jvmCpuMs) / importRow.jvmCpuMs, 0)} % of its JVM CPU (the comparable figure: wall time follows the load).`,
  );
  say(loadAverageLine('the run', loadBefore, loadAfter));
  const path = await writeResults('import.json', {
    config: { rows: ROWS, concurrency: CONCURRENCY },
    loadAverage: { before: roundTo(loadBefore, 2), after: roundTo(loadAfter, 2) },
    written: { items: items.length, transactions: written.length },
    results,
  });
  say(`Results: ${path}`);
}

await runBench(main, 'DynamoDB Local');
