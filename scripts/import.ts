/**
 * Bulk import from the command line, against the running `npm start`:
 *   npm run import -- participants people.csv [--dry-run] [--result result.csv] [--as u-admin-1]
 * Checks every row, creates those that pass through the same use cases as the API (as the admin named by
 * `--as`), draws a progress bar, and writes the result file (row → created / duplicate / error, with the
 * fields) beside the input unless `--result` says where. The column format is in docs/import.md and
 * `npm run import -- participants --template` prints the template.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { createDocumentClient, PATIENT_DB_TIMEOUTS } from '../shared/adapters/dynamodb/client.js';
import { dynamoRepositories } from '../shared/adapters/dynamodb/index.js';
import { IMPORT_KINDS, ImportKind } from '../shared/domain/bulk-import.js';
import { DomainError } from '../shared/errors.js';
import { buildRuntime } from '../shared/runtime.js';
import { importRecords, importResultCsv, importTemplateFor, type ImportProgress } from '../shared/use-cases/bulk-import.js';
import { localConfig } from './lib/local-config.js';
import { ENDPOINT_FILE, LOCAL_ORG, LOCAL_TABLE } from './lib/local-paths.js';

const usage = `Usage: npm run import -- ${IMPORT_KINDS.join('|')} <file.csv> [--dry-run] [--result <out.csv>] [--as <admin id>]
       npm run import -- ${IMPORT_KINDS.join('|')} --template`;
const fail = (msg: string, code = 2): never => {
  process.stderr.write(`${msg}\n`);
  process.exit(code);
};

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'dry-run': { type: 'boolean', default: false },
    result: { type: 'string' },
    as: { type: 'string', default: 'u-admin-1' },
    template: { type: 'boolean', default: false },
  },
});
const kind = ImportKind.safeParse(positionals[0]);
if (!kind.success) fail(usage);
const actor = { sub: values.as!, role: 'admin' as const, orgId: LOCAL_ORG };
if (values.template) {
  process.stdout.write(importTemplateFor(actor, kind.data!));
  process.exit(0);
}
const file = positionals[1] ?? fail(usage);
const csv = await readFile(file, 'utf8').catch((err: Error) => fail(`Cannot read ${file}: ${err.message}`, 1));
const endpoint = (await readFile(ENDPOINT_FILE, 'utf8').catch(() => undefined))?.trim();
if (!endpoint) fail('Start the platform first (npm start): the import writes to its database.', 1);

const runtime = await buildRuntime(localConfig(endpoint!, 'WARN'));
// Thousands of writes as fast as DynamoDB Local takes them: a slow answer on a busy machine is not a failure.
const deps = {
  ...runtime,
  repos: dynamoRepositories(createDocumentClient({ endpoint, timeouts: PATIENT_DB_TIMEOUTS }), LOCAL_TABLE, runtime.ids),
};

const started = performance.now();
const tty = process.stderr.isTTY;
let lastDrawn = 0;
/** A bar on a terminal (redrawn in place), a line every tenth otherwise (CI logs, pipes). */
function progress(p: ImportProgress) {
  const now = performance.now();
  const last = p.done === p.total;
  if (tty) {
    if (!last && now - lastDrawn < 100) return;
    lastDrawn = now;
    const width = 30;
    const filled = Math.round((p.done / Math.max(1, p.total)) * width);
    const label = p.phase === 'checking' ? 'Checking' : 'Creating';
    process.stderr.write(`\r${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${p.done}/${p.total}${last ? '\n' : ''}`);
  } else if (last || p.done % Math.max(1, Math.ceil(p.total / 10)) === 0) {
    process.stderr.write(`${p.phase === 'checking' ? 'Checked' : 'Created'} ${p.done}/${p.total}\n`);
  }
}

try {
  const report = await importRecords(deps, actor, kind.data!, csv, { dryRun: values['dry-run']!, onProgress: progress });
  const out = values.result ?? file.replace(/(\.csv)?$/i, values['dry-run'] ? '.dry-run-result.csv' : '.result.csv');
  await writeFile(out, importResultCsv(report));
  const c = report.counts;
  const secs = ((performance.now() - started) / 1000).toFixed(1);
  process.stdout.write(
    report.dryRun
      ? `Dry run, nothing written: ${c.valid} rows would be created, ${c.duplicate} duplicates, ${c.error} rows with errors (${secs} s).\n`
      : `Imported ${kind.data}: ${c.created} created, ${c.duplicate} duplicates, ${c.error} rows with errors (${secs} s).\n`,
  );
  for (const r of report.rows.filter((x) => x.outcome === 'error').slice(0, 20))
    process.stdout.write(
      `  line ${r.line}${r.reference ? ` (${r.reference})` : ''}: ${r.errors.map((e) => `${e.path} ${e.message}`).join('; ')}\n`,
    );
  if (c.error > 20) process.stdout.write(`  … and ${c.error - 20} more\n`);
  process.stdout.write(`Result file: ${out}\n`);
  process.exit(c.error ? 1 : 0);
} catch (err) {
  if (err instanceof DomainError)
    fail(`${err.message}${err.errors?.length ? `:\n${err.errors.map((e) => `  ${e.path} ${e.message}`).join('\n')}` : ''}`, 1);
  throw err;
}
