/**
 * `npx tsx scripts/measure-bundle.ts`: how big the API Lambda's bundle is and how long it takes to load.
 *
 * Bundles functions/api/lambda.ts with esbuild the way the CDK `ApiFunction` construct does
 * (infra/constructs/api-function.ts: node22, ESM, minified, module→main fields, the createRequire
 * banner, nothing external: the AWS SDK v3 is bundled) into a temporary folder as index.mjs, then:
 *   - prints its size (bytes, KiB, gzip) and the ten packages contributing most (esbuild metafile);
 *   - imports it in fresh Node processes with the environment the Lambda has, and prints the
 *     import time (min / median / max), without and with the Lambda's NODE_OPTIONS=--enable-source-maps.
 * The temporary folder is removed at the end. Knob: MEASURE_RUNS (default 10).
 */
import { POSTCODE_DISTRICTS } from './lib/local-paths.js';
import type { Metafile } from 'esbuild';
import { bundleFunction } from '../infra/bundle.js';
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = fileURLToPath(new URL('..', import.meta.url));
const entry = join(root, 'functions/api/lambda.ts');
const RUNS = Number(process.env.MEASURE_RUNS ?? 10);
const ONE_MB = 1_000_000;
const ONE_MIB = 1024 * 1024;
/** Git-ignored, next to the request benchmark's results. */
const RESULTS_DIR = join(root, 'bench/results');

/**
 * The environment the deployed function starts with (values are placeholders; nothing is called at
 * import). TABLE_NAME must be at least 3 characters (shared/config.ts), as real table names are.
 */
const LAMBDA_ENV: Record<string, string> = {
  TABLE_NAME: 'routeway-x',
  AUTH_MODE: 'cognito',
  JWT_ISSUER: 'https://cognito-idp.eu-west-2.amazonaws.com/eu-west-2_x',
  JWT_AUDIENCE: 'x',
  JWKS_URL: 'https://cognito-idp.eu-west-2.amazonaws.com/eu-west-2_x/.well-known/jwks.json',
  USER_POOL_ID: 'eu-west-2_x',
  EMAIL_MODE: 'ses',
  RATE_LIMIT_STORE: 'dynamodb',
  EMAIL_FROM: 'no-reply@routeway.example',
  COGNITO_DOMAIN: 'https://routeway-x.auth.eu-west-2.amazoncognito.com',
  WEB_ASSETS_DIR: '/var/task/govuk',
  AWS_REGION: 'eu-west-2',
  POSTCODE_DISTRICTS_PATH: POSTCODE_DISTRICTS,
  POWERTOOLS_LOG_LEVEL: 'SILENT',
  POWERTOOLS_SERVICE_NAME: 'routeway',
};

const say = (line = '') => process.stdout.write(`${line}\n`);
const kib = (b: number) => `${(b / 1024).toFixed(1)} KiB`;

/** Exactly the deployed build (infra/bundle.ts), with its metafile for the breakdown below. */
async function bundle(outdir: string, sourcemap: boolean) {
  const result = await bundleFunction({ entry, outdir, sourcemap, metafile: true });
  return { outfile: join(outdir, 'index.mjs'), metafile: result.metafile };
}

/** `node_modules/@scope/name/...` → `@scope/name`; the last node_modules wins for nested copies. */
function packageOf(path: string): string {
  const parts = path.split('/');
  const at = parts.lastIndexOf('node_modules');
  if (at < 0) return '(app code)';
  const first = parts[at + 1] ?? '?';
  return first.startsWith('@') ? `${first}/${parts[at + 2] ?? '?'}` : first;
}

function contributors(meta: Metafile, outfile: string) {
  const key = Object.keys(meta.outputs).find((k) => join(root, k) === outfile || k.endsWith('index.mjs'));
  const inputs = key ? meta.outputs[key]!.inputs : {};
  const byPackage = new Map<string, { bytes: number; files: number }>();
  for (const [path, info] of Object.entries(inputs)) {
    const name = packageOf(path);
    const cur = byPackage.get(name) ?? { bytes: 0, files: 0 };
    cur.bytes += info.bytesInOutput;
    cur.files += 1;
    byPackage.set(name, cur);
  }
  const packages = [...byPackage.entries()].map(([name, v]) => ({ name, ...v })).sort((a, b) => b.bytes - a.bytes);
  const sum = (test: (path: string) => boolean) =>
    Object.entries(inputs).reduce((s, [path, info]) => s + (test(path) ? info.bytesInOutput : 0), 0);
  /** Parts the API never runs: candidates for trimming at build time (see docs/performance.md). */
  const trimmable = [
    {
      what: "zod's non-English error-message locales (zod re-exports every locale; the app uses English)",
      bytes: sum((p) => p.includes('node_modules/zod/') && p.includes('/locales/') && !p.endsWith('/locales/en.js')),
    },
    {
      what: 'AWS SDK credential providers other than env (SSO, INI/profile, STS, web identity, login; nested clients)',
      bytes: sum((p) => /@aws-sdk\/(credential-provider-(?!env)|nested-clients|token-providers)/.test(p)),
    },
    { what: 'Smithy event-stream support (DynamoDB has no event-stream operations)', bytes: sum((p) => p.includes('/event-streams/')) },
    {
      what: 'OpenAPI document generation (zod-to-openapi, zod JSON Schema): run only by /openapi.json and /docs, but part of @hono/zod-openapi',
      bytes: sum((p) => p.includes('zod-to-openapi') || /node_modules\/zod\/v4\/(core|classic)\/[a-z-]*json-schema/.test(p)),
    },
  ];
  const family = (name: string) => (name.startsWith('@') ? `${name.split('/')[0]}/*` : name);
  const byFamily = new Map<string, number>();
  for (const p of packages) byFamily.set(family(p.name), (byFamily.get(family(p.name)) ?? 0) + p.bytes);
  const families = [...byFamily.entries()].map(([name, bytes]) => ({ name, bytes })).sort((a, b) => b.bytes - a.bytes);
  return { packages, families, trimmable };
}

interface ColdStart {
  bootMs: number;
  importMs: number;
}

function coldStarts(file: string, nodeOptions?: string): ColdStart[] {
  const url = pathToFileURL(file).href;
  const code = `const t = performance.now(); await import(${JSON.stringify(url)}); const d = performance.now() - t; console.log(JSON.stringify({ bootMs: t, importMs: d })); process.exit(0);`;
  const out: ColdStart[] = [];
  for (let i = 0; i < RUNS; i++) {
    const env = { ...LAMBDA_ENV, PATH: process.env.PATH ?? '', ...(nodeOptions ? { NODE_OPTIONS: nodeOptions } : {}) };
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], { env, encoding: 'utf8', timeout: 60_000 });
    if (r.status !== 0)
      throw new Error(
        `importing the bundle failed (exit ${r.status ?? r.signal}): ${r.stderr.trim().split('\n').slice(-8).join('\n').slice(-2000)}`,
      );
    const line = r.stdout.trim().split('\n').pop() ?? '';
    out.push(JSON.parse(line) as ColdStart);
  }
  return out;
}

function summary(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
  return { min: s[0]!, median: mid, max: s[s.length - 1]! };
}

const dir = await mkdtemp(join(tmpdir(), 'routeway-bundle-'));
try {
  const nodeVersion = spawnSync(process.execPath, ['--version'], { encoding: 'utf8' }).stdout.trim();
  say(
    `Bundling functions/api/lambda.ts (esbuild, node22 ESM, minified, AWS SDK bundled); importing with ${process.execPath} (${nodeVersion})`,
  );
  if (!nodeVersion.startsWith('v22.'))
    say(`  note: the Lambda runs Node 22; this Node is ${nodeVersion}, so the import times are indicative only.`);

  const plain = await bundle(join(dir, 'plain'), false);
  const bytes = (await stat(plain.outfile)).size;
  const source = await readFile(plain.outfile);
  const gzip = gzipSync(source, { level: 9 }).length;
  const withMap = await bundle(join(dir, 'sourcemap'), true);
  const mapBytes = (await stat(`${withMap.outfile}.map`)).size;

  say('');
  say(
    `Bundle (minified, no source map): ${bytes.toLocaleString('en-GB')} bytes = ${kib(bytes)}; gzip -9: ${gzip.toLocaleString('en-GB')} bytes = ${kib(gzip)}`,
  );
  say(`Source map shipped beside it (sourcesContent off): ${mapBytes.toLocaleString('en-GB')} bytes = ${kib(mapBytes)}`);

  const { packages, families, trimmable } = contributors(plain.metafile, plain.outfile);
  say('');
  say('Top 10 packages by bytes in the bundle:');
  say(`| package | bytes | KiB | share | files |`);
  say(`|:--|--:|--:|--:|--:|`);
  const inputTotal = packages.reduce((s, p) => s + p.bytes, 0);
  for (const p of packages.slice(0, 10)) {
    say(
      `| ${p.name} | ${p.bytes.toLocaleString('en-GB')} | ${(p.bytes / 1024).toFixed(1)} | ${((p.bytes / inputTotal) * 100).toFixed(1)}% | ${p.files} |`,
    );
  }
  say('');
  say('By package family (scopes together):');
  for (const f of families.slice(0, 8))
    say(`  ${f.name.padEnd(28)} ${kib(f.bytes).padStart(10)}  ${((f.bytes / inputTotal) * 100).toFixed(1)}%`);
  say('');
  const vsMb = `${bytes > ONE_MB ? 'over' : 'under'} 1 MB and ${bytes > ONE_MIB ? 'over' : 'under'} 1 MiB`;
  say(`Bundled code the API's requests do not run, by metafile (the bundle is ${vsMb} minified):`);
  for (const t of trimmable) say(`  ${kib(t.bytes).padStart(10)}  ${t.what}`);

  say('');
  say(`Cold-start import of index.mjs, ${RUNS} fresh processes each (Lambda environment; bootMs = Node start-up before the import):`);
  const variants = [
    { label: 'no source map', runs: coldStarts(plain.outfile) },
    { label: 'with .map + NODE_OPTIONS=--enable-source-maps (as deployed)', runs: coldStarts(withMap.outfile, '--enable-source-maps') },
  ];
  say(`| variant | import min ms | import median ms | import max ms | node boot median ms |`);
  say(`|:--|--:|--:|--:|--:|`);
  const coldStart = variants.map((v) => ({
    variant: v.label,
    importMs: summary(v.runs.map((r) => r.importMs)),
    bootMs: summary(v.runs.map((r) => r.bootMs)),
  }));
  for (const c of coldStart) {
    say(
      `| ${c.variant} | ${c.importMs.min.toFixed(1)} | ${c.importMs.median.toFixed(1)} | ${c.importMs.max.toFixed(1)} | ${c.bootMs.median.toFixed(1)} |`,
    );
  }
  await mkdir(RESULTS_DIR, { recursive: true });
  await writeFile(
    join(RESULTS_DIR, 'bundle.json'),
    `${JSON.stringify({ generatedAt: new Date().toISOString(), node: nodeVersion, runs: RUNS, bytes, gzipBytes: gzip, sourceMapBytes: mapBytes, topPackages: packages.slice(0, 10), families, trimmable, coldStart }, null, 2)}\n`,
  );
  say('');
  say('Import time covers parsing and evaluating the bundle plus the module-scope work in lambda.ts (config, clients, app and');
  say("OpenAPI route registration). It does not include the Lambda runtime's own init, the first JWKS fetch or the first DynamoDB call.");
  say(`Wrote ${join(RESULTS_DIR, 'bundle.json')}`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
