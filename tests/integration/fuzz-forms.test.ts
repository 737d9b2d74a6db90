import { appendFileSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../support/harness.js';
import { localWebApp, webClient, type Session } from '../support/web.js';
import { seedOrg, USERS, type Seed } from '../support/fuzz-seed.js';
import { longString, Offences, pollution, protoBaseline, UNICODE_PAYLOADS, type ProtoBaseline } from '../support/fuzz-kit.js';
import { WriteGuard } from '../support/write-guard.js';

/**
 * Prototype pollution through the web pages' forms. Every `/app` form (every `web.post(` route in
 * functions/api/web, and every `<form method="post">` the pages show each role) is posted, signed in as
 * each role, with field names that walk into prototypes (`__proto__.polluted`, `constructor.prototype.
 * polluted`, `__proto__[]`, `a.__proto__.b`, `prototype.x`, with `:number`/`:boolean` suffixes), with
 * hostile values, and to ids that do not exist. After each post: no 5xx, nothing refused wrote to the
 * table (the write guard, tests/support/write-guard.ts: what the post wrote through the app's client, and
 * every 50 posts the whole table against what was seen written), the built-in prototypes are untouched,
 * and the JSON API (create, patch, list) still works in the same process (every 10th post, and after any
 * post that wrote, failed or polluted). The local sign-in form gets the same treatment, with hostile
 * `next` targets.
 *
 * Deterministic: fixed fast-check seeds; no assertion depends on timing. `FUZZ_DUMP=/tmp/forms.jsonl`
 * writes every offending post in full (url, role, fields) for replaying by hand.
 */

const SEED = 0xf0_2026;
/**
 * Posts per form route and role: with real ids, and with ids that do not exist. Every form is still posted
 * as every role; more rounds mostly repeat the same refusals (at 4 and 2 this file posted 1,714 times,
 * and the whole suite has 15 minutes on a two-core machine).
 */
const RUNS = { real: 3, missing: 1, signIn: 40 };
// A hang guard, not a speed check: the file took 165 s on a quiet machine with a Scan around every post, and 300 s beside the heaviest files.
const TIMEOUT = 600_000;
/**
 * The whole table is compared with what the write guard saw written every this many posts (each post's own
 * writes are judged as it answers; a Scan before and after every post was most of this file's time).
 */
const GUARD_EVERY = 50;
/** The API canary runs after every this many posts, and after any post that wrote, failed or polluted. */
const CANARY_EVERY = 10;
const WEB_DIR = join(import.meta.dirname, '../../functions/api/web');

type Role = keyof typeof USERS;
const ROLES = Object.keys(USERS) as Role[];

let h: Harness;
let seed: Seed;
let web: ReturnType<typeof localWebApp>;
let client: ReturnType<typeof webClient>;
let proto: ProtoBaseline;
let guard: WriteGuard;
const sessions = new Map<Role, Session>();
const apiTokens = new Map<string, string>();
const stats = { posts: 0, requests: 0, canaries: 0, pages: 0, byStatus: new Map<number, number>() };
const started = Date.now();

/** A form as a page shows it: where it posts, and its fields with the values the page put in them. */
interface PageForm {
  action: string;
  fields: [string, string][];
}
/** Form routes (`/app/vacancies/:id/publish`) and the concrete forms the crawl found for each. */
let routes: string[] = [];
const formsByRoute = new Map<string, PageForm[]>();
/** Routes built from a template this file could not expand (it must learn how, or they go unfuzzed). */
const unexpanded: string[] = [];
/** Pages that answered 5xx while crawling. */
const brokenPages: string[] = [];

const ULID_SEGMENT = /^[0-9A-HJKMNP-TV-Z]{26}(?:\.\d+)?$/;

beforeAll(async () => {
  h = await createHarness({ now: '2026-11-25T10:00:00Z' });
  seed = await seedOrg(h);
  web = localWebApp(h, [
    USERS.admin,
    USERS.liaison,
    USERS.adviser,
    { ...USERS.employer, employerId: seed.employerId },
    { ...USERS.otherEmployer, employerId: seed.otherEmployerId },
  ]);
  client = webClient(() => web);
  for (const role of ROLES) sessions.set(role, await client.signInAs(USERS[role].role, USERS[role].sub));
  apiTokens.set('liaison', await h.token('liaison', USERS.liaison.sub));

  routes = formRoutesInSource();
  expect(routes.length).toBeGreaterThanOrEqual(10);
  for (const role of ROLES) await crawl(role);
  proto = protoBaseline();
  // A refused form shows its page again, and a participant's page that shows the sensitive part logs that read.
  guard = new WriteGuard(h, { every: GUARD_EVERY, ignore: (i) => String(i.SK).startsWith('AUDIT#') && String(i.action).endsWith('.read') });
}, TIMEOUT);

afterAll(() => {
  const statuses = [...stats.byStatus.entries()]
    .sort(([a], [b]) => a - b)
    .map(([s, n]) => `${s}×${n}`)
    .join(' ');
  console.log(
    `fuzz-forms: ${stats.posts} form posts to ${routes.length} form routes (+ sign-in), ${stats.requests} requests in all ` +
      `(${stats.pages} pages crawled, ${stats.canaries} API canary rounds, ${guard?.stats.checks ?? 0} full-table checks, ` +
      `${[...h.dbCalls.values()].reduce((a, b) => a + b, 0)} database calls, ${h.dbCalls.get('Scan') ?? 0} of them Scans); post statuses ${statuses}; ` +
      `forms found on the pages for ${formsByRoute.size} routes (posted by route and real ids only: ${routes.filter((r) => !formsByRoute.has(r)).join(', ') || 'none'}); ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
});

/* ------------------------------------------------------------------------------------------------
 * Finding the forms
 * ---------------------------------------------------------------------------------------------- */

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

/**
 * Every `web.post(` / `app.post(` route of the pages under /app. Routes built in a helper
 * (`` web.post(`/app/submissions/:sid/${name}`) `` inside `const action = …`) are expanded with
 * the names that helper is called with (`action('decision', …)`).
 */
function formRoutesInSource(): string[] {
  const out = new Set<string>();
  for (const file of sourceFiles(WEB_DIR)) {
    const src = readFileSync(file, 'utf8');
    for (const m of src.matchAll(/\b(?:web|app)\.post\(\s*(['"`])(.*?)\1/g)) {
      const route = m[2]!;
      if (!route.startsWith('/app')) continue;
      const hole = /\$\{(\w+)\}/.exec(route);
      if (!hole) {
        out.add(route);
        continue;
      }
      const helper = [...src.slice(0, m.index).matchAll(/const (\w+) =/g)].at(-1)?.[1];
      const names = helper ? [...src.matchAll(new RegExp(`\\b${helper}\\(\\s*'([\\w-]+)'`, 'g'))].map((x) => x[1]!) : [];
      if (!names.length) unexpanded.push(`${file}: ${route}`);
      for (const name of names) out.add(route.replace(hole[0], name));
    }
  }
  return [...out].sort();
}

/** `/app/vacancies/01J…/publish` → `/app/vacancies/:id/publish`, to match the route it posts to. */
function routeOf(action: string): string | undefined {
  const path = action.split('?')[0]!;
  const segs = path.split('/');
  return routes.find((r) => {
    const rs = r.split('/');
    return rs.length === segs.length && rs.every((x, i) => x.startsWith(':') || x === segs[i]);
  });
}

const decode = (s: string) =>
  s
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');

function formsIn(html: string): PageForm[] {
  const out: PageForm[] = [];
  for (const m of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    const attrs = m[1]!;
    if (!/method="post"/i.test(attrs)) continue;
    const action = decode(/action="([^"]*)"/.exec(attrs)?.[1] ?? '');
    const fields: [string, string][] = [];
    for (const f of m[2]!.matchAll(/<(input|select|textarea|button)\b([^>]*)>/g)) {
      const name = /\sname="([^"]*)"/.exec(f[2]!)?.[1];
      if (!name || name === 'csrf') continue;
      let value = decode(/\svalue="([^"]*)"/.exec(f[2]!)?.[1] ?? '');
      if (f[1] === 'select') value = decode(/<option[^>]*value="([^"]*)"/.exec(m[2]!.slice(f.index! + f[0].length))?.[1] ?? '');
      fields.push([decode(name), value]);
    }
    out.push({ action, fields });
  }
  return out;
}

/** Breadth-first through the /app pages a role can reach (one page per route shape), collecting post forms. */
async function crawl(role: Role, maxPages = 45) {
  const s = sessions.get(role)!;
  const seen = new Set<string>();
  const queue = [
    '/app',
    `/app/vacancies/${seed.vacancyId}`,
    `/app/participants/${seed.participantIds[0]}`,
    `/app/employers/${seed.employerId}`,
    '/app/notifications',
    `/app/cohorts/${seed.cohortId}`,
    `/app/admin/participants/${seed.participantIds[0]}`,
    // Deep in the admin's pages, past where 45 pages of links reach: their forms are found here.
    '/app/admin/staff/new',
    '/app/admin/import',
  ];
  for (const sid of Object.values(seed.submissionIds))
    queue.push(`/app/submissions/${sid}/decision`, `/app/submissions/${sid}/interview`, `/app/submissions/${sid}/outcome`);
  while (queue.length && seen.size < maxPages) {
    const url = queue.shift()!;
    const shape =
      url
        .split('?')[0]!
        .split('/')
        .map((x) => (ULID_SEGMENT.test(x) ? ':id' : x))
        .join('/') + (url.includes('?') ? `?${[...new URLSearchParams(url.split('?')[1]).keys()].sort().join('&')}` : '');
    if (seen.has(shape)) continue;
    seen.add(shape);
    stats.pages++;
    stats.requests++;
    const page = await client.get(s, url);
    if (page.status >= 500) brokenPages.push(`${page.status} GET ${url} as ${role}`);
    if (!page.type.includes('text/html')) continue;
    for (const f of formsIn(page.html)) {
      const route = routeOf(f.action);
      if (!route) continue;
      const known = formsByRoute.get(route) ?? [];
      if (!known.some((k) => k.action === f.action)) known.push(f);
      formsByRoute.set(route, known);
    }
    for (const m of page.html.matchAll(/href="(\/app[^"#]*)"/g)) queue.push(decode(m[1]!));
  }
}

/* ------------------------------------------------------------------------------------------------
 * Hostile posts
 * ---------------------------------------------------------------------------------------------- */

const PROTO_NAMES = [
  '__proto__.polluted',
  'constructor.prototype.polluted',
  '__proto__[]',
  'a.__proto__.b',
  'prototype.x',
  '__proto__',
  'constructor',
  'prototype',
  '__proto__.__proto__.polluted',
  'x.constructor.prototype.polluted',
  'hasOwnProperty',
  'toString',
  'valueOf',
  '__defineGetter__',
  'constructor[]',
  'a.prototype.b',
  'polluted.__proto__',
];
const SUFFIXES = ['', ':number', ':boolean', '[]:number', '[]:boolean'];
const ODD_NAMES = [
  '',
  '.',
  '..',
  'a..b',
  '[]',
  'a.[]',
  ':number',
  'a:object',
  'a.b.c.d.e.f.g.h',
  longString(200, 'n'),
  'naïve',
  'a b',
  'csrf.__proto__',
];
const HOSTILE_VALUES = [
  'polluted',
  '1',
  'true',
  'on',
  '',
  ' ',
  '{"polluted":1}',
  '__proto__',
  'NaN',
  '-0',
  '1e309',
  '2026-02-30',
  '2026-12-01T10:00',
  longString(20_000, 'x'),
  ...UNICODE_PAYLOADS,
];

function hostileName(realNames: string[]): fc.Arbitrary<string> {
  const proto = fc.tuple(fc.constantFrom(...PROTO_NAMES), fc.constantFrom(...SUFFIXES)).map(([n, s]) => `${n}${s}`);
  const prefixed = realNames.length
    ? fc
        .tuple(
          fc.constantFrom(...realNames.map((n) => n.replace(/(\[\])?(:\w+)?$/, ''))),
          // The last two turn a real field into a group (`title.x`): allowed names, and a value where a
          // page expects text when the form is shown again.
          fc.constantFrom('__proto__.polluted', 'constructor.prototype.polluted', 'prototype.x', '__proto__', 'x', 'x.y'),
        )
        .map(([a, b]) => `${a}.${b}`)
    : proto;
  return fc.oneof(
    { weight: 5, arbitrary: proto },
    { weight: 3, arbitrary: prefixed },
    { weight: 1, arbitrary: fc.constantFrom(...ODD_NAMES) },
  );
}

interface Post {
  route: string;
  action: string;
  role: Role;
  kind: string;
  fields: [string, string][];
}

/** The form's own fields, then: prototype-walking names added, or every value made hostile, or both. */
function fieldsArb(base: [string, string][]): fc.Arbitrary<{ kind: string; fields: [string, string][] }> {
  const names = [...new Set(base.map(([n]) => n))];
  const extra = fc.array(fc.tuple(hostileName(names), fc.constantFrom(...HOSTILE_VALUES)), { minLength: 1, maxLength: 3 });
  const hostileValues = fc
    .array(fc.constantFrom(...HOSTILE_VALUES), { minLength: base.length, maxLength: base.length })
    .map((vs) => base.map(([n], i): [string, string] => [n, vs[i]!]));
  return fc.oneof(
    // Hostile names first, so the report's snippet of the post shows them.
    { weight: 5, arbitrary: extra.map((x) => ({ kind: 'proto-names', fields: [...x, ...base] })) },
    { weight: 2, arbitrary: extra.map((x) => ({ kind: 'proto-names-only', fields: x })) },
    { weight: 2, arbitrary: hostileValues.map((fields) => ({ kind: 'hostile-values', fields })) },
    { weight: 1, arbitrary: fc.tuple(hostileValues, extra).map(([a, b]) => ({ kind: 'both', fields: [...b, ...a] })) },
    { weight: 1, arbitrary: extra.map((x) => ({ kind: 'repeated', fields: [...x, ...base, ...x, ...base] })) },
  );
}

/** Real ids for a route's parameters (by the collection the route is under). */
function realAction(route: string): fc.Arbitrary<string> {
  const pool = (seg: string, param: string) => {
    if (param === ':sid') return Object.values(seed.submissionIds);
    if (param === ':pid') return [seed.placementId];
    if (seg === 'employers') return [seed.employerId, seed.otherEmployerId];
    if (seg === 'vacancies') return [seed.vacancyId, seed.vacancy2Id, seed.otherVacancyId];
    if (seg === 'participants') return seed.participantIds;
    if (seg === 'notifications') return Object.values(seed.notificationIds).flat();
    return ['01J00000000000000000000000'];
  };
  const segs = route.split('/');
  return fc
    .tuple(...segs.map((x, i) => (x.startsWith(':') ? fc.constantFrom(...pool(segs[i - 1]!, x)) : fc.constant(x))))
    .map((parts) => parts.join('/'));
}

const MISSING_IDS = [
  '01J00000000000000000000000',
  '7ZZZZZZZZZZZZZZZZZZZZZZZZZ',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  '%2F',
  '%00',
  longString(300, 'Z'),
  '%E2%80%AE',
  'x%0D%0Ay',
];

function postsFor(route: string, role: Role): Post[] {
  const crawled = formsByRoute.get(route) ?? [];
  const base = crawled[0]?.fields ?? [];
  const real = fc.oneof(realAction(route), ...(crawled.length ? [fc.constantFrom(...crawled.map((f) => f.action))] : []));
  const missing = fc.tuple(fc.constantFrom(...MISSING_IDS), fc.nat()).map(([id, n]) => {
    const segs = route.split('/');
    const params = segs.flatMap((x, i) => (x.startsWith(':') ? [i] : []));
    const which = params[n % params.length]!;
    return segs.map((x, i) => (i === which ? id : x)).join('/');
  });
  const key = (s: string) => [...s].reduce((a, c) => (Math.imul(a, 31) + c.charCodeAt(0)) | 0, 7);
  const sample = (actions: fc.Arbitrary<string>, n: number, tag: string) =>
    fc.sample(fc.tuple(actions, fieldsArb(base)), { seed: SEED ^ key(`${route} ${role} ${tag}`), numRuns: n }).map(([action, f]) => ({
      route,
      action: action.replace(/:[a-z]+/g, '01J00000000000000000000000'),
      role,
      kind: `${tag}:${f.kind}`,
      fields: f.fields,
    }));
  return [...sample(real, RUNS.real, 'real-id'), ...(route.includes(':') ? sample(missing, RUNS.missing, 'missing-id') : [])];
}

/* ------------------------------------------------------------------------------------------------
 * Checking after each post
 * ---------------------------------------------------------------------------------------------- */

let canaryCount = 0;
/** The employer the canary made on its first round, and its version now. */
let canary: { id: string; version: number } | undefined;
/** Every this many rounds the canary writes (a real create on the first, a real change after). */
const CANARY_WRITE_EVERY = 10;

/**
 * The JSON API in the same process and app: POST an employer, PATCH it, find it in the list. Each round
 * parses, validates and routes a JSON POST and PATCH and reads the list, which is what a polluted
 * prototype broke; it writes only every tenth round (the first creates the employer; later posts of it
 * must answer 409 with its id, and a stale If-Match 412), so the table each post is judged against stays
 * the seed's size rather than growing by an employer a post.
 */
async function canaryProblems(): Promise<string[]> {
  stats.canaries++;
  const n = ++canaryCount;
  const writes = n % CANARY_WRITE_EVERY === 1;
  const auth = { authorization: `Bearer ${apiTokens.get('liaison')}`, 'content-type': 'application/json' };
  const out: string[] = [];
  const name = 'Canary Works';
  stats.requests += 3;
  const created = await web.request('/employers', {
    method: 'POST',
    headers: auth,
    body: JSON.stringify({
      name,
      sector: 'retail',
      sizeBand: 'small',
      address: { line1: '1 Canary Row', town: 'Leeds', postcode: 'LS2 7EY' },
      accountManagerId: USERS.liaison.sub,
    }),
  });
  const createdBody = (await created.json().catch(() => ({}))) as { id?: string; existingId?: string; version?: number };
  if (!canary) {
    if (created.status !== 201 || !createdBody.id)
      return [`API canary: POST /employers answered ${created.status}: ${JSON.stringify(createdBody).slice(0, 160)}`];
    canary = { id: createdBody.id, version: createdBody.version ?? 1 };
  } else if (created.status !== 409 || createdBody.existingId !== canary.id)
    return [`API canary: POST /employers of the same employer answered ${created.status}: ${JSON.stringify(createdBody).slice(0, 160)}`];
  const { id } = canary;
  const stage = n % 2 ? 'contacted' : 'prospect';
  const patched = await web.request(`/employers/${id}`, {
    method: 'PATCH',
    headers: { ...auth, 'if-match': `"${writes ? canary.version : canary.version + 1000}"` },
    body: JSON.stringify({ stage, notes: `canary ${n}` }),
  });
  const patchedBody = (await patched.json().catch(() => ({}))) as Record<string, unknown>;
  if (patched.status !== (writes ? 200 : 412))
    out.push(`API canary: PATCH /employers/${id} answered ${patched.status}: ${JSON.stringify(patchedBody).slice(0, 160)}`);
  else if (writes) {
    if (patchedBody.stage !== stage || patchedBody.polluted !== undefined)
      out.push(`API canary: PATCH gave ${JSON.stringify(patchedBody).slice(0, 160)}`);
    canary.version = Number(patchedBody.version);
  }
  const listed = await web.request(`/employers?q=${encodeURIComponent(name)}&limit=10`, { headers: auth });
  if (listed.status !== 200) out.push(`API canary: GET /employers answered ${listed.status}: ${(await listed.text()).slice(0, 160)}`);
  else if (!((await listed.json()) as { items: { id: string }[] }).items.some((x) => x.id === id))
    out.push('API canary: the canary employer is not listed');
  return out;
}

function record(status: number) {
  stats.byStatus.set(status, (stats.byStatus.get(status) ?? 0) + 1);
}

/** Posts since the canary last ran. */
let sinceCanary = 0;
/** The post after which the canary last ran, to say where damage it finds could have come from. */
let lastCanaryAfter = '(the start)';

/**
 * Posts a form and judges what followed: no 5xx; a refused post (4xx) wrote nothing (the write guard,
 * which every `GUARD_EVERY` posts also checks the whole table); the API still works with whatever the post
 * did to the process (the canary, after every `CANARY_EVERY`th post and after any post that wrote, failed
 * or polluted a prototype); then the built-in prototypes are checked after every post (and put back, so the
 * next post is judged on its own).
 */
async function judgePost(
  offences: Offences,
  p: { route: string; action: string; role: string; kind: string; fields: [string, string][] },
  send: () => Promise<{ status: number; location: string | null; html: string }>,
) {
  await guard.before();
  stats.posts++;
  stats.requests++;
  let r: { status: number; location: string | null; html: string };
  try {
    r = await send();
  } catch (err) {
    r = { status: 0, location: null, html: `the post threw: ${(err as Error).message}` };
  }
  record(r.status);
  const label = `${p.role} ${p.action.slice(0, 80)} [${p.kind}]`;
  const problems: string[] = [];
  // Whatever the post did to the process stays in place while the table and the API are checked (that
  // is the point of the canary), and is put back afterwards whatever happens, so the next post is judged alone.
  try {
    if (r.status === 0 || r.status >= 500) problems.push(r.status ? `${r.status} server error` : r.html);
    const { problems: wrongWrites, wrote } = await guard.after(r.status, label);
    problems.push(...wrongWrites);
    if (r.location !== null && (!r.location.startsWith('/') || /^\/[\\/]/.test(r.location) || /[\r\n]/.test(r.location)))
      problems.push(`redirects off the site: Location ${JSON.stringify(r.location)}`);
    const unusual = problems.length > 0 || wrote.length > 0 || pollution(proto, { repair: false }).length > 0;
    sinceCanary++;
    if (unusual || sinceCanary >= CANARY_EVERY) {
      const since = sinceCanary > 1 ? ` (or one of the ${sinceCanary - 1} posts before it, since ${lastCanaryAfter})` : '';
      problems.push(...(await canaryProblems()).map((x) => `${x}${since}`));
      sinceCanary = 0;
      lastCanaryAfter = label;
    }
  } catch (err) {
    problems.push(`after the post, the API canary or the table check threw: ${(err as Error).message}`);
  } finally {
    problems.push(...pollution(proto).map((x) => `prototype polluted: ${x}`));
  }
  if (problems.length && process.env.FUZZ_DUMP) {
    appendFileSync(
      process.env.FUZZ_DUMP,
      `${JSON.stringify({ method: 'POST', url: p.action, role: p.role, kind: p.kind, fields: p.fields, status: r.status, problems, response: r.html.slice(0, 1500) })}\n`,
    );
  }
  const request = p.fields.map(([k, v]) => `${k}=${v.length > 24 ? `${v.slice(0, 24)}…` : v}`).join('&');
  for (const problem of problems)
    offences.add({
      method: 'POST',
      route: p.route,
      url: p.action,
      caller: p.role,
      kind: p.kind,
      status: r.status,
      problem,
      body: r.html.replace(/\s+/g, ' ').slice(0, 400),
      request,
    });
}

/** The guard's last full check, and a canary round, at the end of a test: nothing is left unjudged. */
async function finalChecks(offences: Offences) {
  const problems = [
    ...(await guard.check()),
    ...(sinceCanary ? (await canaryProblems()).map((x) => `${x} (after ${lastCanaryAfter})`) : []),
  ];
  sinceCanary = 0;
  for (const problem of problems)
    offences.add({ method: '-', route: '(end)', url: '(end)', caller: '*', kind: 'final-check', status: 0, problem });
}

/** The sign-in form as a browser gets it: its hidden token and the cookie that goes with it. */
async function signInPage(next = '/app') {
  stats.requests++;
  const page = await web.request(`/sign-in?next=${encodeURIComponent(next)}`);
  const html = await page.text();
  const csrf = /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
  const cookie = page.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return { csrf, cookie };
}

const HOSTILE_NEXT = [
  '/app\r\nSet-Cookie: pwned=1',
  '/app\r\n\r\n<script>alert(1)</script>',
  '/app\n',
  '/app\r',
  '/app%0d%0aSet-Cookie:%20pwned=1',
  '//evil.example/app',
  '/\\evil.example',
  '/app/../../evil',
  'https://evil.example/app',
  'javascript:alert(1)',
  '/app\u0000',
  '/app\u2028',
  `/app/${longString(10_000)}`,
  '/app?x=\u{1F600}',
  '/app\t',
  ' /app',
  '/app#\r\n',
  '',
];

describe('the form fuzzer', () => {
  it('finds every /app form route in the source, and a form or a real id to post to for each (and no page it crawls fails)', () => {
    expect(unexpanded).toEqual([]);
    const unreached = routes.filter((r) => !formsByRoute.has(r) && !r.includes(':'));
    expect(unreached).toEqual([]);
    expect(brokenPages).toEqual([]);
    // Most forms were found on the pages themselves (the rest are posted to real ids of the right kind).
    expect(formsByRoute.size).toBeGreaterThanOrEqual(Math.ceil(routes.length / 2));
  });

  it(
    'posts prototype-walking fields and hostile values to every form as every role: no 5xx, no pollution, the API still works',
    async () => {
      const offences = new Offences();
      for (const route of routes) {
        for (const role of ROLES) {
          const s = sessions.get(role)!;
          for (const p of postsFor(route, role)) await judgePost(offences, p, () => client.post(s, p.action, p.fields));
        }
      }
      await finalChecks(offences);
      expect(offences.size, offences.report('Form posts')).toBe(0);
    },
    TIMEOUT,
  );

  it(
    'posts hostile fields and `next` targets to the sign-in form: no 5xx, no pollution, no redirect off the site',
    async () => {
      const offences = new Offences();
      const arb = fc.tuple(
        fc.constantFrom(...ROLES),
        fc.constantFrom(...HOSTILE_NEXT),
        fc.array(fc.tuple(hostileName(['as', 'next', 'user-admin']), fc.constantFrom(...HOSTILE_VALUES)), { maxLength: 3 }),
      );
      for (const [role, next, extra] of fc.sample(arb, { seed: SEED, numRuns: RUNS.signIn })) {
        const u = USERS[role];
        const fields: [string, string][] = [['as', u.role], [`user-${u.role}`, u.sub], ['next', next], ...extra];
        await judgePost(
          offences,
          { route: '/sign-in', action: '/sign-in', role, kind: extra.length ? 'next+proto-names' : 'next', fields },
          async () => {
            const { csrf, cookie } = await signInPage();
            const res = await web.request('/sign-in', {
              method: 'POST',
              headers: { cookie },
              body: new URLSearchParams([['csrf', csrf], ...fields]),
            });
            return { status: res.status, location: res.headers.get('location'), html: await res.text() };
          },
        );
      }
      // And the sign-in page itself, asked for with each hostile `next`.
      for (const next of HOSTILE_NEXT) {
        stats.requests++;
        const res = await web.request(`/sign-in?next=${encodeURIComponent(next)}`);
        record(res.status);
        if (res.status >= 500)
          offences.add({
            method: 'GET',
            route: '/sign-in',
            url: `/sign-in?next=${encodeURIComponent(next)}`,
            caller: 'anonymous',
            kind: 'next',
            status: res.status,
            problem: `${res.status} server error`,
            body: await res.text(),
          });
      }
      await finalChecks(offences);
      expect(offences.size, offences.report('Sign-in posts')).toBe(0);
    },
    TIMEOUT,
  );

  it(
    'answers posts without a session, and sign-out with hostile fields, without a 5xx or pollution',
    async () => {
      const offences = new Offences();
      for (const route of routes) {
        const [p] = postsFor(route, 'liaison');
        await judgePost(offences, { ...p!, role: 'anonymous', kind: 'no-session' }, async () => {
          const res = await web.request(p!.action, { method: 'POST', body: new URLSearchParams(p!.fields) });
          return { status: res.status, location: res.headers.get('location'), html: await res.text() };
        });
      }
      // Last: signing out ends the sessions the other tests use.
      for (const role of ROLES) {
        const fields: [string, string][] = [
          ['__proto__.polluted', '1'],
          ['constructor.prototype.polluted:boolean', 'on'],
        ];
        await judgePost(offences, { route: '/sign-out', action: '/sign-out', role, kind: 'proto-names', fields }, () =>
          client.post(sessions.get(role)!, '/sign-out', fields),
        );
      }
      await finalChecks(offences);
      expect(offences.size, offences.report('Posts without a session')).toBe(0);
      // Every post of the file went through the write guard.
      expect(guard.stats.judged).toBe(stats.posts);
      expect(pollution(proto, { repair: false })).toEqual([]);
      expect(Object.keys(Object.prototype)).toEqual([]);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    },
    TIMEOUT,
  );
});
