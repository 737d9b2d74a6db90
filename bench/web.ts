/**
 * `tsx bench/web.ts` (part of `npm run bench`): the liaison officer's vacancy page with its ranked
 * matches, `GET /app/vacancies/{id}` (the server-rendered GOV.UK page whose "Suggested candidates" are
 * `matchesForVacancy(…, 20)`), against the full demo district. It reports; it does not gate (exit code
 * is non-zero only when something fails). docs/performance.md ("The vacancy page") explains the tables.
 *
 *   1. DynamoDB Local in memory on a free port, one fresh table; the app (bench/server.ts, the same
 *      `createApp` the Lambda and `npm start` serve, pages included) in its own Node process on a
 *      free loopback port, as bench/run.ts and bench/matching-e2e.ts do.
 *   2. Loads the demo district `npm start` loads (`generateDemoData`, seed 20261125, now: 200
 *      employers, 300 vacancies, 10 cohorts, 3,000 participants) through `loadDemoData`, i.e. through
 *      the repositories; a minute or two.
 *   3. Asks the JSON API once for the matches of BENCH_WEB_SURVEY (60) of the 210 open vacancies,
 *      evenly spread (`GET /vacancies/{id}/matches`, limit 20 as the page asks), and picks
 *      BENCH_WEB_VACANCIES (5) with differing numbers of matches: the Leeds (biggest city) vacancy with
 *      the most people eligible, then the rest at evenly spaced ranks of "eligible" (fewest to most).
 *   4. Page weight: the HTML of the Leeds page and everything a browser loads with it: the
 *      `<link rel=stylesheet|icon>` and `<script src>` of the HTML, the modules those scripts import,
 *      and the CSS's `url(...)` references a browser would fetch (fonts: the woff2 of each
 *      `@font-face`; other images only if an element on the page has the classes of the rule that
 *      names them). Each is fetched over HTTP (node:http, `Accept-Encoding: gzip, deflate, br`, so the
 *      bytes counted are the bytes sent); the gzip size is computed with node:zlib (level 6, the usual
 *      on-the-fly level) when the server sent it uncompressed.
 *   5. Render time: BENCH_WEB_WARMUP (2) untimed rounds, then BENCH_WEB_N (30) timed rounds over the
 *      chosen vacancies, one request at a time; in each round, for each vacancy, the page (signed-in
 *      browser session: the `rw_session` cookie holding a locally signed token, as the local sign-in
 *      sets it) and its same-run baseline, the JSON API's `GET /vacancies/{id}/matches?limit=20` (bearer
 *      token, same actor), in alternating order. Both are the vacancy's account manager, a liaison
 *      officer (liaison officers may see every vacancy of their organisation; shared/policy.ts). CPU
 *      used by the app's process and by DynamoDB Local during each request is read from /proc.
 *   6. Prints the tables, writes bench/results/web.json; stops everything, also on error and Ctrl-C.
 *
 * Knobs (environment): BENCH_WEB_N, BENCH_WEB_WARMUP, BENCH_WEB_VACANCIES, BENCH_WEB_SURVEY, BENCH_LOG_LEVEL (the app's,
 * default INFO as deployed; its output is discarded).
 */
import { request as httpRequest } from 'node:http';
import { brotliDecompressSync, gunzipSync, gzipSync, inflateSync } from 'node:zlib';
import { dynamoRepositories } from '../shared/adapters/dynamodb/index.js';
import { generateLocalKeys, signLocalToken, type LocalKeys } from '../shared/auth/local-keys.js';
import { ulidGenerator } from '../shared/ids.js';
import { generateDemoData } from '../scripts/seed/generate.js';
import { loadDemoData } from '../scripts/seed/load.js';
import {
  APP_LOG_LEVEL,
  childPid,
  cpuMs,
  fmt,
  load1m,
  loadAverageLine,
  machineLine,
  mean,
  n,
  nonNegativeInt,
  positiveInt,
  printTable,
  requireJava,
  roundTo,
  runBench,
  runPool,
  say,
  startAppServer,
  startDynamoTable,
  summary,
  writeResults,
} from './lib.js';

const N = positiveInt('BENCH_WEB_N', 30);
const WARMUP = nonNegativeInt('BENCH_WEB_WARMUP', 2);
const PICK = positiveInt('BENCH_WEB_VACANCIES', 5);
/** How many open vacancies to ask the matches of when choosing (evenly spread; all 210 take about a minute). */
const SURVEY = positiveInt('BENCH_WEB_SURVEY', 60);
/** What the page asks `matchesForVacancy` for (functions/api/web/pages/vacancies.tsx), and the API's default. */
const LIMIT = 20;
const ORG = 'bench-org';
const DEMO_SEED = 20261125;
const BIG_CITY = 'Leeds';
const SURVEY_CONCURRENCY = 2;
const GZIP_LEVEL = 6;
const TABLE = `routeway-bench-web-${Date.now().toString(36)}`;

const round2 = (x: number) => roundTo(x, 2);
const kib = (bytes: number) => fmt(bytes / 1024, 1);
const stats = (samples: number[]) => summary(samples, ['n', 'p50', 'p95', 'max', 'mean', 'min'], 2);

// ---------------------------------------------------------------------------------------------
// Page weight: what goes over the wire, exactly, with node:http (fetch would decompress silently).

interface Transfer {
  url: string;
  status: number;
  /** Body bytes as sent (compressed if the server compressed). */
  wireBytes: number;
  /** Status line and headers, as sent (approximately: HTTP/1.1 framing rebuilt from rawHeaders). */
  headerBytes: number;
  contentEncoding: string | undefined;
  contentType: string;
  cacheControl: string | undefined;
  /** The decoded body. */
  body: Buffer;
}

function fetchRaw(url: string, headers: Record<string, string>): Promise<Transfer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers: { 'accept-encoding': 'gzip, deflate, br', ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const wire = Buffer.concat(chunks);
        const enc = res.headers['content-encoding'];
        const body =
          enc === 'gzip' ? gunzipSync(wire) : enc === 'br' ? brotliDecompressSync(wire) : enc === 'deflate' ? inflateSync(wire) : wire;
        let headerBytes = `HTTP/1.1 ${res.statusCode} ${res.statusMessage}\r\n`.length + 2;
        for (let i = 0; i < res.rawHeaders.length; i += 2)
          headerBytes += Buffer.byteLength(`${res.rawHeaders[i]}: ${res.rawHeaders[i + 1]}\r\n`);
        resolve({
          url,
          status: res.statusCode ?? 0,
          wireBytes: wire.length,
          headerBytes,
          contentEncoding: enc,
          contentType: String(res.headers['content-type'] ?? ''),
          cacheControl: res.headers['cache-control'],
          body,
        });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

interface Asset {
  path: string;
  /** Why a browser loads it. */
  via: string;
  kind: 'html' | 'css' | 'js' | 'font' | 'image';
}

/** `<link rel=stylesheet|icon|preload|modulepreload>`, `<script src>` and `<img src>` of a page. */
function htmlAssets(html: string): Asset[] {
  const out: Asset[] = [];
  const attr = (tag: string, name: string) => new RegExp(`\\s${name}\\s*=\\s*("([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
  const val = (m: RegExpExecArray | null) => (m ? (m[2] ?? m[3] ?? m[4] ?? '') : undefined);
  for (const m of html.matchAll(/<link\b[^>]*>/gi)) {
    const rel = (val(attr(m[0], 'rel')) ?? '').toLowerCase().split(/\s+/);
    const href = val(attr(m[0], 'href'));
    if (!href) continue;
    if (rel.includes('stylesheet')) out.push({ path: href, via: '<link rel="stylesheet">', kind: 'css' });
    else if (rel.includes('icon')) out.push({ path: href, via: '<link rel="icon">', kind: 'image' });
    else if (rel.includes('modulepreload') || rel.includes('preload'))
      out.push({ path: href, via: `<link rel="${rel.join(' ')}">`, kind: href.endsWith('.css') ? 'css' : 'js' });
  }
  for (const m of html.matchAll(/<script\b[^>]*>/gi)) {
    const src = val(attr(m[0], 'src'));
    if (src) out.push({ path: src, via: `<script${/type\s*=\s*"?module/i.test(m[0]) ? ' type="module"' : ''} src>`, kind: 'js' });
  }
  for (const m of html.matchAll(/<img\b[^>]*>/gi)) {
    const src = val(attr(m[0], 'src'));
    if (src && !src.startsWith('data:')) out.push({ path: src, via: '<img src>', kind: 'image' });
  }
  return out;
}

/** Static and dynamic imports of an ES module (what the browser fetches next). */
function jsImports(js: string): string[] {
  const out = new Set<string>();
  for (const m of js.matchAll(/(?:^|[;\s}])(?:import|export)\s*(?:[\w*${}\s,]+?\s*from\s*)?["']([^"']+)["']/g)) out.add(m[1]!);
  for (const m of js.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g)) out.add(m[1]!);
  return [...out];
}

/** Every class name the page's elements carry. */
function pageClasses(html: string): Set<string> {
  const out = new Set<string>();
  for (const m of html.matchAll(/\sclass\s*=\s*"([^"]*)"/gi)) for (const c of m[1]!.split(/\s+/)) if (c) out.add(c);
  return out;
}

interface CssRef {
  path: string;
  kind: 'font' | 'image';
  fetched: boolean;
  why: string;
}

/**
 * The `url(...)` references of a stylesheet, and whether a browser would fetch each for this page:
 * fonts, the woff2 source of each `@font-face` (every browser that runs the page's module script reads
 * woff2, and stops at the first format it supports); anything else, if some selector of the rule that
 * names it has all its classes on the page (a selector with no class is assumed to match).
 */
function cssRefs(css: string, classes: Set<string>): CssRef[] {
  const text = css.replace(/\/\*[\s\S]*?\*\//g, '');
  const out: CssRef[] = [];
  const seen = new Set<string>();
  for (const face of text.matchAll(/@font-face\s*\{([^}]*)\}/g)) {
    const srcs = [...face[1]!.matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)\s*format\(\s*["']?([\w-]+)["']?\s*\)/g)];
    for (const s of srcs) {
      const key = `font ${s[1]}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const woff2 = s[2] === 'woff2';
      out.push({
        path: s[1]!,
        kind: 'font',
        fetched: woff2,
        why: woff2 ? '@font-face (woff2)' : `@font-face fallback (${s[2]}): not fetched, woff2 is`,
      });
    }
  }
  const withoutFaces = text.replace(/@font-face\s*\{[^}]*\}/g, (m) => ' '.repeat(m.length));
  const decision = new Map<string, CssRef>();
  for (const m of withoutFaces.matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)/g)) {
    const path = m[1]!;
    if (path.startsWith('data:')) continue;
    const open = withoutFaces.lastIndexOf('{', m.index);
    const before = Math.max(
      withoutFaces.lastIndexOf('}', open),
      withoutFaces.lastIndexOf('{', open - 1),
      withoutFaces.lastIndexOf(';', open),
    );
    const selectors = withoutFaces
      .slice(before + 1, open)
      .split(',')
      .map((s) => s.trim());
    const match = selectors.find((sel) => {
      const cls = [...sel.matchAll(/\.((?:\\.|[\w-])+)/g)].map((c) => c[1]!.replace(/\\(.)/g, '$1'));
      return cls.every((c) => classes.has(c));
    });
    const prev = decision.get(path);
    if (prev?.fetched) continue;
    decision.set(path, {
      path,
      kind: 'image',
      fetched: match !== undefined,
      why: match !== undefined ? `background of ${match}` : `only for ${selectors.join(', ')}: no such element on the page`,
    });
  }
  return [...out, ...decision.values()];
}

interface WeightRow {
  path: string;
  kind: Asset['kind'];
  via: string;
  status: number;
  contentType: string;
  contentEncoding: string | null;
  cacheControl: string | null;
  rawBytes: number;
  wireBytes: number;
  gzipBytes: number;
  headerBytes: number;
}

async function pageWeight(base: string, pagePath: string, cookie: string) {
  const rows: WeightRow[] = [];
  const gz = (b: Buffer) => gzipSync(b, { level: GZIP_LEVEL }).length;
  const add = (a: Asset, t: Transfer) => {
    if (t.status !== 200) throw new Error(`GET ${a.path} (${a.via}) answered ${t.status}`);
    rows.push({
      path: a.path,
      kind: a.kind,
      via: a.via,
      status: t.status,
      contentType: t.contentType,
      contentEncoding: t.contentEncoding ?? null,
      cacheControl: t.cacheControl ?? null,
      rawBytes: t.body.length,
      wireBytes: t.wireBytes,
      gzipBytes: t.contentEncoding === 'gzip' ? t.wireBytes : gz(t.body),
      headerBytes: t.headerBytes,
    });
  };
  const page = await fetchRaw(`${base}${pagePath}`, { cookie });
  add({ path: pagePath, via: 'the page', kind: 'html' }, page);
  const html = page.body.toString('utf8');
  const classes = pageClasses(html);
  const queue = htmlAssets(html);
  const notFetched: CssRef[] = [];
  const done = new Set<string>();
  while (queue.length) {
    const a = queue.shift()!;
    const url = new URL(a.path, `${base}${pagePath}`);
    if (done.has(url.pathname)) continue;
    done.add(url.pathname);
    const t = await fetchRaw(url.href, {});
    add({ ...a, path: url.pathname }, t);
    if (a.kind === 'css') {
      for (const r of cssRefs(t.body.toString('utf8'), classes)) {
        if (r.fetched) queue.push({ path: new URL(r.path, url).pathname, via: `${url.pathname.split('/').pop()}: ${r.why}`, kind: r.kind });
        else notFetched.push({ ...r, path: new URL(r.path, url).pathname });
      }
    } else if (a.kind === 'js') {
      for (const imp of jsImports(t.body.toString('utf8')))
        queue.push({ path: new URL(imp, url).pathname, via: `import in ${url.pathname.split('/').pop()}`, kind: 'js' });
    }
  }
  return { rows, notFetched, html };
}

// ---------------------------------------------------------------------------------------------

interface Matches {
  candidates: unknown[];
  nearlyReady: unknown[];
  fairness: { eligible: number };
  pool: { cells: string[]; profilesRead: number };
}

interface Chosen {
  id: string;
  label: string;
  town: string;
  why: string;
  liaison: string;
  profilesRead: number;
  eligible: number;
  candidates: number;
  nearlyReady: number;
  htmlBytes: number;
  htmlGzipBytes: number;
  jsonBytes: number;
  page: number[];
  pageCpu: number[];
  pageJavaCpu: number[];
  api: number[];
  apiCpu: number[];
  apiJavaCpu: number[];
}

async function main(): Promise<void> {
  const runStarted = performance.now();
  requireJava();
  say(
    `Routeway vacancy page (GET /app/vacancies/{id}) on the demo district: page weight, and render time against GET /vacancies/{id}/matches?limit=${LIMIT}`,
  );
  say(machineLine());

  let t = performance.now();
  const { dynamo, db } = await startDynamoTable(TABLE);
  const signing: LocalKeys = await generateLocalKeys();
  const server = await startAppServer({ endpoint: dynamo.endpoint, table: TABLE, jwks: signing.jwks, org: ORG });
  const base = server.base;
  say(`DynamoDB Local (in memory) + app server (separate process) on ${base}: ${fmt((performance.now() - t) / 1000)} s`);

  // --- The demo district, through the repositories --------------------------------------------
  t = performance.now();
  const data = generateDemoData({ seed: DEMO_SEED, now: new Date(), orgId: ORG });
  const genSeconds = (performance.now() - t) / 1000;
  say(`Loading the demo district (seed ${DEMO_SEED}; generated in ${fmt(genSeconds)} s) through loadDemoData, a minute or two…`);
  const loaded = await loadDemoData(dynamoRepositories(db, TABLE, ulidGenerator()), data, { onProgress: (m) => say(`  ${m}`) });
  const loadSeconds = loaded.ms / 1000;
  say(
    `Loaded in ${fmt(loadSeconds)} s: ${Object.entries(loaded.counts)
      .map(([k, v]) => `${n(v)} ${k}`)
      .join(', ')}`,
  );

  // --- Who asks: the vacancy's account manager, a liaison officer -------------------------------
  const tokens = new Map<string, Promise<string>>();
  const tokenFor = (sub: string) => {
    let tok = tokens.get(sub);
    if (!tok) tokens.set(sub, (tok = signLocalToken(signing, { sub, role: 'liaison', org: ORG })));
    return tok;
  };
  const liaisonSubs = new Set(data.users.filter((u) => u.role === 'liaison').map((u) => u.sub));
  const managerOf = new Map(data.employers.map((e) => [e.id, e.accountManagerId]));
  const liaisonFor = (employerId: string) => {
    const m = managerOf.get(employerId);
    return m && liaisonSubs.has(m) ? m : 'u-liaison-1';
  };

  async function api(sub: string, id: string): Promise<{ text: string; body: Matches }> {
    const res = await fetch(`${base}/vacancies/${id}/matches?limit=${LIMIT}`, {
      headers: { authorization: `Bearer ${await tokenFor(sub)}` },
    });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`GET /vacancies/${id}/matches answered ${res.status}: ${text.slice(0, 400)}`);
    return { text, body: JSON.parse(text) as Matches };
  }
  async function page(sub: string, id: string): Promise<string> {
    const res = await fetch(`${base}/app/vacancies/${id}`, {
      headers: { cookie: `rw_session=${await tokenFor(sub)}` },
      redirect: 'manual',
    });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`GET /app/vacancies/${id} answered ${res.status}: ${text.slice(0, 400)}`);
    if (!text.includes('Suggested candidates')) throw new Error(`GET /app/vacancies/${id}: no "Suggested candidates" on the page`);
    return text;
  }

  // --- Survey every open vacancy's matches, and choose -----------------------------------------
  t = performance.now();
  const openAll = data.vacancies.filter((v) => v.status === 'open');
  const town = (v: (typeof openAll)[number]) => v.site.town ?? data.employers.find((e) => e.id === v.employerId)?.address.town ?? '?';
  const step = Math.max(1, openAll.length / SURVEY);
  const open = Array.from({ length: Math.min(SURVEY, openAll.length) }, (_, i) => openAll[Math.floor(i * step)]!);
  const firstInCity = openAll.find((v) => town(v) === BIG_CITY);
  if (firstInCity && !open.some((v) => town(v) === BIG_CITY)) open.push(firstInCity);
  const survey: {
    v: (typeof open)[number];
    eligible: number;
    listed: number;
    candidates: number;
    nearlyReady: number;
    profilesRead: number;
  }[] = [];
  await runPool(open.length, SURVEY_CONCURRENCY, async (i) => {
    const v = open[i]!;
    const { body } = await api(liaisonFor(v.employerId), v.id);
    survey.push({
      v,
      eligible: body.fairness.eligible,
      candidates: body.candidates.length,
      nearlyReady: body.nearlyReady.length,
      listed: body.candidates.length + body.nearlyReady.length,
      profilesRead: body.pool.profilesRead,
    });
  });
  const surveySeconds = (performance.now() - t) / 1000;
  const byEligible = [...survey].sort((a, b) => a.eligible - b.eligible || a.listed - b.listed || a.v.id.localeCompare(b.v.id));
  const eligibleRange = `${byEligible[0]?.eligible ?? 0}–${byEligible[byEligible.length - 1]?.eligible ?? 0}`;
  say(
    `Asked for the matches of ${open.length === openAll.length ? 'all' : `${open.length} of the`} ${openAll.length} open vacancies (evenly spread; ${SURVEY_CONCURRENCY} in flight): ${fmt(surveySeconds)} s; eligible per vacancy ${eligibleRange}, profiles read ${Math.min(...survey.map((s) => s.profilesRead))}–${Math.max(...survey.map((s) => s.profilesRead))}`,
  );
  const chosenSurvey: { s: (typeof survey)[number]; why: string }[] = [];
  const city = byEligible.filter((s) => town(s.v) === BIG_CITY);
  const cityTop = city[city.length - 1];
  if (cityTop) chosenSurvey.push({ s: cityTop, why: `${BIG_CITY} (biggest city), most eligible there` });
  const rest = byEligible.filter((s) => s !== cityTop);
  const want = Math.min(PICK - chosenSurvey.length, rest.length);
  for (let k = 0; k < want; k++) {
    const idx = want === 1 ? rest.length - 1 : Math.round((k * (rest.length - 1)) / (want - 1));
    const s = rest[idx]!;
    if (!chosenSurvey.some((c) => c.s === s))
      chosenSurvey.push({
        s,
        why: k === 0 ? 'fewest eligible' : k === want - 1 ? 'most eligible' : `eligible rank ${idx + 1} of ${rest.length}`,
      });
  }
  const chosen: Chosen[] = chosenSurvey.map(({ s, why }) => ({
    id: s.v.id,
    label: `${s.v.title} (${town(s.v)})`,
    town: town(s.v),
    why,
    liaison: liaisonFor(s.v.employerId),
    profilesRead: s.profilesRead,
    eligible: s.eligible,
    candidates: s.candidates,
    nearlyReady: s.nearlyReady,
    htmlBytes: 0,
    htmlGzipBytes: 0,
    jsonBytes: 0,
    page: [],
    pageCpu: [],
    pageJavaCpu: [],
    api: [],
    apiCpu: [],
    apiJavaCpu: [],
  }));
  for (const c of chosen)
    say(
      `  ${c.label}: ${c.eligible} eligible, ${c.candidates} + ${c.nearlyReady} listed, ${c.profilesRead} profiles read (${c.why}; as ${c.liaison})`,
    );

  // --- Page weight (the Leeds page) ------------------------------------------------------------
  const weighed = chosen[0]!;
  const weight = await pageWeight(base, `/app/vacancies/${weighed.id}`, `rw_session=${await tokenFor(weighed.liaison)}`);
  const htmlRow = weight.rows[0]!;
  const serverCompresses = weight.rows.some((r) => r.contentEncoding);
  const listedOnPage = (weight.html.match(/name="participantIds\[\]"/g) ?? []).length;
  if (listedOnPage !== weighed.candidates)
    throw new Error(`the page lists ${listedOnPage} candidates to choose from, the API ${weighed.candidates}`);

  // --- Render time ---------------------------------------------------------------------------
  const javaPid = childPid('java');
  const serverPid = server.pid;
  async function once(c: Chosen, which: 'page' | 'api', timed: boolean) {
    const cpu0 = { app: cpuMs(serverPid), java: cpuMs(javaPid) };
    const t0 = performance.now();
    const text = which === 'page' ? await page(c.liaison, c.id) : (await api(c.liaison, c.id)).text;
    const ms = performance.now() - t0;
    const appCpu = cpuMs(serverPid) - cpu0.app;
    const javaCpu = cpuMs(javaPid) - cpu0.java;
    if (which === 'page') {
      c.htmlBytes = Buffer.byteLength(text);
      c.htmlGzipBytes ||= gzipSync(text, { level: GZIP_LEVEL }).length;
    } else c.jsonBytes = Buffer.byteLength(text);
    if (!timed) return;
    (which === 'page' ? c.page : c.api).push(ms);
    (which === 'page' ? c.pageCpu : c.apiCpu).push(appCpu);
    (which === 'page' ? c.pageJavaCpu : c.apiJavaCpu).push(javaCpu);
  }
  const round = async (r: number, timed: boolean) => {
    for (const c of chosen) {
      const order: ('page' | 'api')[] = r % 2 === 0 ? ['page', 'api'] : ['api', 'page'];
      for (const w of order) await once(c, w, timed);
    }
  };
  t = performance.now();
  for (let r = 0; r < WARMUP; r++) await round(r, false);
  say(`Warm-up (${WARMUP} rounds of page + API over ${chosen.length} vacancies): ${fmt((performance.now() - t) / 1000)} s`);
  const loadBefore = load1m();
  t = performance.now();
  for (let r = 0; r < N; r++) {
    await round(r, true);
    if ((r + 1) % 10 === 0 && r + 1 < N) say(`  ${r + 1}/${N} rounds (${fmt((performance.now() - t) / 1000)} s)`);
  }
  const timedSeconds = (performance.now() - t) / 1000;
  const loadAfter = load1m();
  say(`Timed: ${N} rounds, ${n(N * chosen.length * 2)} requests one at a time: ${fmt(timedSeconds)} s`);

  // --- Report ----------------------------------------------------------------------------------
  const sum = (rows: WeightRow[], k: 'rawBytes' | 'gzipBytes' | 'wireBytes' | 'headerBytes') => rows.reduce((s, r) => s + r[k], 0);
  const assets = weight.rows.slice(1);
  const byKind = (kind: Asset['kind']) => weight.rows.filter((r) => r.kind === kind);
  say('');
  say(
    `Page weight of ${weighed.label} as ${weighed.liaison} (${weighed.candidates} candidates + ${weighed.nearlyReady} nearly ready listed; ` +
      `bytes of the bodies; the server ${serverCompresses ? 'compresses some responses (wire = as sent)' : `sends everything uncompressed, so "gzip" is node:zlib level ${GZIP_LEVEL} of each body`}):`,
  );
  say('');
  printTable(
    ['resource', 'type', 'loaded by', 'raw bytes', 'raw KiB', 'gzip bytes', 'gzip KiB', 'Cache-Control'],
    [
      ...weight.rows.map((r) => [
        r.path,
        r.kind,
        r.via,
        n(r.rawBytes),
        kib(r.rawBytes),
        n(r.gzipBytes),
        kib(r.gzipBytes),
        r.cacheControl ?? '(none)',
      ]),
      ...(['css', 'js', 'font', 'image'] as const).map((k) => [
        `all ${k}`,
        '',
        '',
        n(sum(byKind(k), 'rawBytes')),
        kib(sum(byKind(k), 'rawBytes')),
        n(sum(byKind(k), 'gzipBytes')),
        kib(sum(byKind(k), 'gzipBytes')),
        '',
      ]),
      [
        'assets (everything but the HTML)',
        '',
        '',
        n(sum(assets, 'rawBytes')),
        kib(sum(assets, 'rawBytes')),
        n(sum(assets, 'gzipBytes')),
        kib(sum(assets, 'gzipBytes')),
        '',
      ],
      [
        '**first visit: HTML + assets**',
        '',
        `${weight.rows.length} requests`,
        n(sum(weight.rows, 'rawBytes')),
        kib(sum(weight.rows, 'rawBytes')),
        n(sum(weight.rows, 'gzipBytes')),
        kib(sum(weight.rows, 'gzipBytes')),
        '',
      ],
    ],
  );
  say('');
  say(
    `Response headers add ${n(sum(weight.rows, 'headerBytes'))} bytes over the ${weight.rows.length} responses (not counted above); wire bytes as sent: ${n(sum(weight.rows, 'wireBytes'))}.`,
  );
  for (const r of weight.notFetched) say(`Referenced but not fetched: ${r.path} (${r.why})`);
  say('');
  const all = (k: 'page' | 'api' | 'pageCpu' | 'apiCpu' | 'pageJavaCpu' | 'apiJavaCpu') => chosen.flatMap((c) => c[k]);
  say(
    `Render time per vacancy (ms; ${N} timed requests of each, one at a time, page and API interleaved; CPU = mean CPU ms of the app's process / DynamoDB Local per request):`,
  );
  say('');
  printTable(
    [
      'vacancy',
      'profiles read',
      'eligible',
      'listed',
      'HTML KiB',
      'HTML gzip KiB',
      'JSON KiB',
      'page p50',
      'page p95',
      'page max',
      'API p50',
      'API p95',
      'API max',
      'page − API (p50)',
      'CPU page',
      'CPU API',
      'DDB CPU page / API',
    ],
    chosen.map((c) => {
      const p = stats(c.page);
      const a = stats(c.api);
      return [
        c.label,
        n(c.profilesRead),
        n(c.eligible),
        `${c.candidates} + ${c.nearlyReady}`,
        kib(c.htmlBytes),
        kib(c.htmlGzipBytes),
        kib(c.jsonBytes),
        fmt(p.p50),
        fmt(p.p95),
        fmt(p.max),
        fmt(a.p50),
        fmt(a.p95),
        fmt(a.max),
        `${p.p50 - a.p50 >= 0 ? '+' : '−'}${fmt(Math.abs(p.p50 - a.p50))}`,
        fmt(mean(c.pageCpu), 0),
        fmt(mean(c.apiCpu), 0),
        `${fmt(mean(c.pageJavaCpu), 0)} / ${fmt(mean(c.apiJavaCpu), 0)}`,
      ];
    }),
  );
  say('');
  const overall = {
    page: { ...stats(all('page')), cpuMsMean: { appServer: round2(mean(all('pageCpu'))), dynamoLocal: round2(mean(all('pageJavaCpu'))) } },
    api: { ...stats(all('api')), cpuMsMean: { appServer: round2(mean(all('apiCpu'))), dynamoLocal: round2(mean(all('apiJavaCpu'))) } },
  };
  printTable(
    ['what', 'n', 'p50 ms', 'p95 ms', 'max ms', 'mean ms', 'CPU ms: app', 'CPU ms: DDB Local'],
    [
      ['**GET /app/vacancies/{id}** (page, session cookie)', overall.page] as const,
      [`[baseline] GET /vacancies/{id}/matches?limit=${LIMIT} (JSON API, bearer token)`, overall.api] as const,
    ].map(([name, s]) => [
      name,
      `${s.n}`,
      fmt(s.p50, 1),
      fmt(s.p95, 1),
      fmt(s.max, 1),
      fmt(s.mean, 1),
      fmt(s.cpuMsMean.appServer, 0),
      fmt(s.cpuMsMean.dynamoLocal, 0),
    ]),
  );
  say('');
  say(
    `Page − API, all vacancies: p50 ${fmt(overall.page.p50 - overall.api.p50)} ms, mean ${fmt(overall.page.mean - overall.api.mean)} ms; app CPU per request ${fmt(overall.page.cpuMsMean.appServer - overall.api.cpuMsMean.appServer)} ms more for the page.`,
  );
  say(loadAverageLine('the timed rounds', loadBefore, loadAfter));

  const totalSeconds = (performance.now() - runStarted) / 1000;
  const results = await writeResults('web.json', {
    loadAverage1m: { before: round2(loadBefore), after: round2(loadAfter) },
    config: {
      timedRounds: N,
      warmupRounds: WARMUP,
      vacancies: chosen.length,
      limit: LIMIT,
      demoSeed: DEMO_SEED,
      gzipLevel: GZIP_LEVEL,
      appLogLevel: APP_LOG_LEVEL,
    },
    load: { seconds: round2(loadSeconds), generateSeconds: round2(genSeconds), counts: loaded.counts },
    survey: {
      openVacancies: openAll.length,
      asked: open.length,
      seconds: round2(surveySeconds),
      eligible: byEligible.map((s) => s.eligible),
    },
    pageWeight: {
      vacancy: weighed.label,
      path: htmlRow.path,
      serverCompresses,
      resources: weight.rows,
      notFetched: weight.notFetched,
      totals: {
        requests: weight.rows.length,
        rawBytes: sum(weight.rows, 'rawBytes'),
        gzipBytes: sum(weight.rows, 'gzipBytes'),
        wireBytes: sum(weight.rows, 'wireBytes'),
        headerBytes: sum(weight.rows, 'headerBytes'),
        assetsRawBytes: sum(assets, 'rawBytes'),
        assetsGzipBytes: sum(assets, 'gzipBytes'),
      },
    },
    render: {
      overall,
      vacancies: chosen.map((c) => ({
        id: c.id,
        label: c.label,
        why: c.why,
        liaison: c.liaison,
        profilesRead: c.profilesRead,
        eligible: c.eligible,
        candidates: c.candidates,
        nearlyReady: c.nearlyReady,
        htmlBytes: c.htmlBytes,
        htmlGzipBytes: c.htmlGzipBytes,
        jsonBytes: c.jsonBytes,
        pageMs: stats(c.page),
        apiMs: stats(c.api),
        cpuMsMean: {
          pageApp: round2(mean(c.pageCpu)),
          apiApp: round2(mean(c.apiCpu)),
          pageDynamoLocal: round2(mean(c.pageJavaCpu)),
          apiDynamoLocal: round2(mean(c.apiJavaCpu)),
        },
      })),
    },
    totalSeconds: round2(totalSeconds),
  });
  say(`\nWrote ${results}; whole run ${fmt(totalSeconds)} s`);
  db.destroy();
}

await runBench(main);
