import { appendFileSync } from 'node:fs';
import fc from 'fast-check';
import { BatchWriteCommand, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { SignJWT, importJWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateLocalKeys, LOCAL_AUDIENCE, LOCAL_ISSUER, signLocalToken } from '../../shared/auth/local-keys.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { dynamoEndpoint } from '../support/dynamo-endpoint.js';
import { employerBody } from '../support/fixtures.js';
import { body, createHarness, ORG, type Harness } from '../support/harness.js';
import { seedOrg, type Seed } from '../support/fuzz-seed.js';
import {
  acceptsEmptyObject,
  badQueryValues,
  dotted,
  encodeLoosely,
  fieldsOf,
  forgedCursorsDoubtful,
  forgedCursorsRejected,
  invalidBody,
  longString,
  Offences,
  operationsOf,
  oversizedAnything,
  pollution,
  protoBaseline,
  resolver,
  responseProblems,
  seen,
  toJsonText,
  typesOf,
  UNICODE_PAYLOADS,
  validArb,
  withAt,
  type Gen,
  type OpenApiDoc,
  type Operation,
  type ProtoBaseline,
  type Seen,
} from '../support/fuzz-kit.js';
import { WriteGuard } from '../support/write-guard.js';

/**
 * The standing adversarial fuzzer, driven by the app's own /openapi.json: for every operation and every
 * kind of caller it sends requests built from the operation's schemas and then broken one field at a
 * time (wrong types, out of range, oversized, hostile unicode, prototype keys at every level), malformed
 * or mistyped bodies, hostile path ids, bad limits and forged cursors, against a small organisation
 * seeded through the API so real ids reach deep code. Every answer must be < 500; every 4xx a problem
 * (+json with type, title, status, detail); every 400 for a field must name it; no refused request may
 * write to the table (the write guard, tests/support/write-guard.ts: what each request wrote through the
 * app's client, and every 50 requests the whole table against what was seen written); and afterwards the
 * process must be healthy and unpolluted.
 *
 * Deterministic: a fixed fast-check seed per operation and caller; no assertion depends on timing.
 * `FUZZ_DUMP=/tmp/offences.jsonl npx vitest run tests/integration/fuzz-openapi.test.ts` writes every
 * offending request in full (method, url, headers without the token, body) for replaying by hand.
 */

const SEED = 0x5eed_2026;
/** Requests per operation and caller: refused ones (signed-in callers / anonymous and forged), then valid-ish ones. */
const RUNS = { reject: 6, rejectUnsigned: 3, wild: 4 };
const TIMEOUT = 300_000;
/**
 * The whole table is compared with what the write guard saw written every this many requests (each request's
 * own writes are judged as it answers): a Scan around every request was half this file's time.
 */
const GUARD_EVERY = 50;

type Caller = 'admin' | 'liaison' | 'adviser' | 'employer' | 'otherEmployer' | 'anonymous' | 'forged';
const SIGNED: Caller[] = ['admin', 'liaison', 'adviser', 'employer', 'otherEmployer'];
const UNSIGNED: Caller[] = ['anonymous', 'forged'];

interface Req {
  op: Operation;
  caller: Caller;
  url: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
  kind: string;
  reject: boolean;
  field?: string;
  unparseable?: boolean;
}

let h: Harness;
let seed: Seed;
let ops: Operation[];
let gen: Gen;
let proto: ProtoBaseline;
let guard: WriteGuard;
const tokens = new Map<Caller, string>();
let forgedAuth: Record<string, string>[] = [];
/** Real cursors (decoded) each list issued, by operation key, and the callers it issued them to. */
const realCursors = new Map<string, Record<string, string>[]>();
const pagedFor = new Map<string, Set<Caller>>();
const stats = {
  sent: 0,
  reject: 0,
  wild: 0,
  replays: 0,
  throttled: 0,
  byStatus: new Map<number, number>(),
  msByOp: new Map<string, number>(),
  sampleMs: 0,
  statusByOp: new Map<string, Map<string, number>>(),
};
const started = Date.now();

let baselineCanary: Awaited<ReturnType<typeof canary>>;

/** What an ordinary client does: health, create an employer, read it, find it in the list, change it. */
async function canary(name: string) {
  const health = (await h.app.request('/health')).status;
  const created = await h.call('POST', '/employers', {
    as: 'liaison',
    body: employerBody({ name, address: { line1: '1 Canary Row', town: 'Leeds', postcode: 'LS2 7EY' } }),
  });
  const id = created.status === 201 ? ((await body(created)).id as string) : 'none';
  const read = await h.call('GET', `/employers/${id}`, { as: 'liaison' });
  const got = read.status === 200 ? await body(read) : {};
  const listed = await h.call('GET', `/employers?q=${encodeURIComponent(name)}&limit=100`, { as: 'liaison' });
  const items = listed.status === 200 ? (await body<{ items: { id: string }[] }>(listed)).items : [];
  const patch = (await h.call('PATCH', `/employers/${id}`, { as: 'liaison', body: { stage: 'contacted' } })).status;
  return {
    health,
    create: created.status,
    read: got.name === name ? read.status : -read.status,
    listed: items.some((e) => e.id === id),
    patch,
  };
}

const hash = (s: string) => [...s].reduce((a, c) => (Math.imul(a, 31) + c.charCodeAt(0)) | 0, 7);

beforeAll(async () => {
  h = await createHarness({ now: '2026-11-25T10:00:00Z' });
  seed = await seedOrg(h);
  const docRes = await h.app.request('/openapi.json');
  expect(docRes.status).toBe(200);
  const doc = (await docRes.json()) as OpenApiDoc;
  ops = operationsOf(doc);
  expect(ops.length).toBeGreaterThan(40);
  gen = { resolve: resolver(doc), hints };

  tokens.set('admin', await h.token('admin', 'u-admin-1'));
  tokens.set('liaison', await h.token('liaison', 'u-liaison-1'));
  tokens.set('adviser', await h.token('adviser', 'u-adviser-1'));
  tokens.set('employer', await h.token('employer', 'u-employer-1', { employerId: seed.employerId }));
  tokens.set('otherEmployer', await h.token('employer', 'u-employer-9', { employerId: seed.otherEmployerId }));
  forgedAuth = await forgedAuthorizations();

  // Real cursors, from every list with two or more items for some caller: the material for forgeries.
  for (const op of ops.filter((o) => o.method === 'GET' && o.query.some((q) => q.name === 'cursor'))) {
    const found: Record<string, string>[] = [];
    pagedFor.set(op.key, new Set());
    for (const caller of SIGNED) {
      const url = `${fillPath(op, (name) => realIds(op, name)[0]!)}?limit=1${op.path === '/participants' ? '&adviserId=u-adviser-1' : ''}`;
      const res = await h.app.request(url, { headers: authOf(caller) });
      if (res.status !== 200) continue;
      const next = ((await res.json()) as { nextCursor?: string | null }).nextCursor;
      if (next) {
        found.push(JSON.parse(Buffer.from(next, 'base64url').toString('utf8')) as Record<string, string>);
        pagedFor.get(op.key)!.add(caller);
      }
    }
    realCursors.set(op.key, found);
  }
  expect([...realCursors.values()].filter((c) => c.length).length).toBeGreaterThanOrEqual(6);
  baselineCanary = await canary('Canary Baseline Ltd');
  expect(baselineCanary).toEqual({ health: 200, create: 201, read: 200, listed: true, patch: 200 });
  proto = protoBaseline();
  guard = new WriteGuard(h, { every: GUARD_EVERY });
}, TIMEOUT);

afterAll(() => {
  if (process.env.FUZZ_VERBOSE) {
    // How deep each operation got: the answers it gave, for the must-refuse and the valid-ish requests.
    for (const [op, m] of stats.statusByOp)
      console.log(
        `${op.padEnd(48)} ${[...m.entries()]
          .sort()
          .map(([k, n]) => `${k}×${n}`)
          .join(' ')}`,
      );
  }
  const statuses = [...stats.byStatus.entries()]
    .sort(([a], [b]) => a - b)
    .map(([s, n]) => `${s}×${n}`)
    .join(' ');
  console.log(
    `fuzz-openapi: ${stats.sent} requests over ${ops?.length ?? 0} operations (${stats.reject} must-refuse, ${stats.wild} valid-ish, ${stats.replays} replays to minimise a 5xx); ` +
      `${stats.throttled} throttled (429); statuses ${statuses}; ${((Date.now() - started) / 1000).toFixed(1)} s, of which requests ${([...stats.msByOp.values()].reduce((a, b) => a + b, 0) / 1000).toFixed(1)} s, ${guard?.stats.checks ?? 0} full-table checks ${((guard?.stats.snapshotMs ?? 0) / 1000).toFixed(1)} s, generating ${(stats.sampleMs / 1000).toFixed(1)} s; ` +
      `${[...h.dbCalls.values()].reduce((a, b) => a + b, 0)} database calls (${h.dbCalls.get('Scan') ?? 0} of them Scans); slowest operations: ${[
        ...stats.msByOp.entries(),
      ]
        .sort(([, a], [, b]) => b - a)
        .slice(0, 4)
        .map(([k, ms]) => `${k} ${(ms / 1000).toFixed(1)} s`)
        .join(', ')}`,
  );
});

/* ------------------------------------------------------------------------------------------------
 * Callers
 * ---------------------------------------------------------------------------------------------- */

function authOf(caller: Caller, forgedIndex = 0): Record<string, string> {
  if (caller === 'anonymous') return {};
  if (caller === 'forged') return forgedAuth[forgedIndex % forgedAuth.length]!;
  return { authorization: `Bearer ${tokens.get(caller)}` };
}

/** Authorization headers that must all answer 401: garbage, foreign keys, alg none, tampering, expiry, odd claims. */
async function forgedAuthorizations(): Promise<Record<string, string>[]> {
  const key = await importJWK(h.keys.privateJwk, 'ES256');
  const now = Math.floor(Date.now() / 1000);
  const sign = (claims: Record<string, unknown>, opts: { exp?: number; iat?: number; aud?: string; iss?: string } = {}) => {
    let jwt = new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', kid: h.keys.privateJwk.kid })
      .setSubject('u-admin-1')
      .setIssuer(opts.iss ?? LOCAL_ISSUER)
      .setAudience(opts.aud ?? LOCAL_AUDIENCE);
    if (opts.iat !== 0) jwt = jwt.setIssuedAt(opts.iat ?? now);
    if (opts.exp !== 0) jwt = jwt.setExpirationTime(opts.exp ?? now + 600);
    return jwt.sign(key);
  };
  const real = tokens.get('liaison')!;
  const [head, , sig] = real.split('.');
  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const tampered = `${head}.${b64({ sub: 'u-admin-1', role: 'admin', org: ORG, iss: LOCAL_ISSUER, aud: LOCAL_AUDIENCE, iat: now, exp: now + 600 })}.${sig}`;
  const algNone = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: 'u-admin-1', role: 'admin', org: ORG, iss: LOCAL_ISSUER, aud: LOCAL_AUDIENCE, iat: now, exp: now + 600 })}.`;
  const stranger = await signLocalToken(await generateLocalKeys(), { sub: 'u-admin-1', role: 'admin', org: ORG });
  const tokensOut = [
    'abc.def.ghi',
    tampered,
    algNone,
    stranger,
    await sign({ role: 'admin', org: ORG }, { exp: now - 60, iat: now - 3600 }),
    await sign({ role: 'admin', org: ORG }, { aud: 'someone-else' }),
    await sign({ role: 'admin', org: ORG }, { iss: 'https://evil.example' }),
    await sign({ role: 'admin', org: ORG }, { exp: 0 }),
    await sign({ role: '__proto__', org: ORG }),
    await sign({ role: 'constructor', org: ORG }),
    await sign({ role: 'admin', org: '__proto__' }),
    await sign({ role: 'admin', org: { __proto__: { polluted: 1 } } }),
    await sign({ role: 'employer', org: ORG }),
    longString(20_000, 'A'),
  ];
  return [
    ...tokensOut.map((t) => ({ authorization: `Bearer ${t}` })),
    { authorization: 'Basic dXNlcjpwYXNz' },
    { authorization: 'Bearer' },
    { authorization: `Bearer  ${real}` },
    { authorization: `${real}` },
    { authorization: `Bearer ${real}x` },
  ];
}

/* ------------------------------------------------------------------------------------------------
 * Real ids and field hints
 * ---------------------------------------------------------------------------------------------- */

/** Operations that would wreck the seeded records others rely on: they get participants of their own. */
const destructive = (op: Operation) =>
  op.key === 'DELETE /participants/{id}'
    ? 'erase'
    : ['PATCH /participants/{id}', 'PUT /participants/{id}/consent', 'POST /participants/{id}/transfer'].includes(op.key)
      ? 'edit'
      : undefined;

function realIds(op: Operation, param: string): string[] {
  const p = op.path;
  if (param === 'participantId') return seed.participantIds.slice(0, 2);
  if (p.startsWith('/employers/')) return [seed.employerId, seed.otherEmployerId];
  if (p.startsWith('/vacancies/')) return [seed.vacancyId, seed.vacancy2Id, seed.otherVacancyId];
  if (p.startsWith('/cohorts/')) return [seed.cohortId, seed.cohort2Id];
  if (p.startsWith('/participants/')) {
    const d = destructive(op);
    return d ? [seed.sacrificial[d]] : seed.participantIds;
  }
  if (p.startsWith('/submissions/')) return Object.values(seed.submissionIds);
  if (p.startsWith('/placements/')) return [seed.placementId];
  if (p.startsWith('/notifications/')) return Object.values(seed.notificationIds).flat();
  return ['01J00000000000000000000000'];
}

function allRealIds(): string[] {
  return [
    seed.employerId,
    seed.otherEmployerId,
    seed.contactId,
    seed.vacancyId,
    seed.otherVacancyId,
    seed.cohortId,
    ...seed.participantIds,
    ...Object.values(seed.submissionIds),
    seed.placementId,
    ...Object.values(seed.notificationIds).flat().slice(0, 3),
  ];
}

/** Fields whose schema alone cannot make a useful value: real ids, real users, real postcodes. */
function hints(name: string, path: (string | number)[]): fc.Arbitrary<unknown> | undefined {
  const P = seed.participantIds;
  switch (name) {
    case 'employerId':
      return fc.constantFrom(seed.employerId, seed.employerId, seed.otherEmployerId);
    case 'participantId':
      return fc.constantFrom(P[1]!, P[2]!, P[3]!, P[0]!);
    case 'participantIds':
      return fc.subarray([...P, seed.sacrificial.edit], { minLength: 1, maxLength: 2 });
    case 'vacancyId':
      return fc.constantFrom(seed.vacancyId, seed.vacancy2Id);
    case 'contactId':
      return fc.constant(seed.contactId);
    case 'linkedCohortIds':
      return fc.constantFrom([], [seed.cohortId]);
    case 'linkedEmployerIds':
      return fc.constantFrom([], [seed.employerId]);
    case 'linkedVacancyIds':
      return fc.constantFrom([], [seed.vacancyId]);
    case 'accountManagerId':
      return fc.constant('u-liaison-1');
    case 'adviserId':
      return fc.constant('u-adviser-1');
    case 'toAdviserId':
      return fc.constantFrom('u-adviser-2', 'u-adviser-1');
    case 'postcode':
      return fc.constantFrom('LS1 4AP', 'ls11 5pq', 'WF1 1HX', 'M1 1AE', 'SW1A 1AA');
    case 'occurredAt':
      return fc.constantFrom('2026-11-20T09:30:00Z', '2026-11-24T16:45:00Z', '2026-11-25T10:00:00Z');
    case 'followUpOn':
      return fc.constantFrom('2026-12-07', '2027-01-11');
    case 'from':
      return path[0] === '?' ? fc.constantFrom('2026-01', '2026-06') : undefined;
    case 'to':
      return path[0] === '?' ? fc.constantFrom('2026-11', '2026-12') : undefined;
    default:
      return undefined;
  }
}

/* ------------------------------------------------------------------------------------------------
 * Building requests
 * ---------------------------------------------------------------------------------------------- */

const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;
/** Path ids that name nothing: encoded separators, NUL, CR/LF, invalid UTF-8, prototype names, numbers. */
const HOSTILE_IDS = [
  '%2F',
  'a%2Fb',
  '%00',
  'x%0D%0Ay',
  '%ED%A0%80',
  '%FF%FE',
  '%F0%9F%A6%84',
  '%25',
  '%20',
  '%2e%2e%2fhealth',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '%3Cscript%3E',
  '*',
  "'%20OR%201=1",
  'null',
  'undefined',
  '0',
  '-1',
  'NaN',
  '%22%7D',
];

function fillPath(op: Operation, value: (name: string) => string): string {
  return op.path.replace(/\{(\w+)\}/g, (_m, name: string) => value(name));
}

const realPathArb = (op: Operation) =>
  fc.record(
    Object.fromEntries(op.pathParams.map((p) => [p.name, fc.constantFrom(...realIds(op, p.name)).map(encodeLoosely)])),
  ) as fc.Arbitrary<Record<string, string>>;

/** A query string the schema accepts (and the use cases: /participants names whose caseload). */
function validQueryArb(op: Operation): fc.Arbitrary<Record<string, string>> {
  const limit = op.query.some((q) => q.name === 'limit')
    ? fc.option(fc.constantFrom('1', '2', '25', '100'), { nil: undefined })
    : fc.constant(undefined);
  // Lists filter by one thing at a time (/employers refuses two); /participants always names whose caseload.
  const filters = op.query.filter((q) => !['limit', 'cursor'].includes(q.name));
  const required = op.path === '/participants' ? filters.filter((q) => q.name === 'adviserId') : [];
  const optional = filters.filter((q) => !required.includes(q));
  const value = (q: (typeof filters)[number]) => validArb(gen, q.schema, ['?', q.name]).map((v) => [q.name, String(v)] as const);
  const one = optional.length ? fc.option(fc.oneof(...optional.map(value)), { nil: undefined }) : fc.constant(undefined);
  return fc.tuple(limit, one, fc.tuple(...required.map(value))).map(([l, f, req]) => ({
    ...(l !== undefined ? { limit: l } : {}),
    ...(f ? { [f[0]]: f[1] } : {}),
    ...Object.fromEntries(req),
  }));
}

const qs = (q: Record<string, string>) => {
  const parts = Object.entries(q).map(([k, v]) => `${encodeLoosely(k)}=${encodeLoosely(v)}`);
  return parts.length ? `?${parts.join('&')}` : '';
};

const jsonHeaders = (caller: Caller, forged: number, extra: Record<string, string> = {}) => ({
  ...authOf(caller, forged),
  'content-type': 'application/json',
  ...extra,
});

/** The pieces of one request before it is broken: path ids, query, body, which forged token. */
interface Base {
  path: Record<string, string>;
  query: Record<string, string>;
  body: unknown;
  forged: number;
}

function baseArb(op: Operation): fc.Arbitrary<Base> {
  return fc.record({
    path: realPathArb(op),
    query: validQueryArb(op),
    body: op.body ? validArb(gen, op.body) : fc.constant(undefined),
    forged: fc.nat(),
  });
}

function assemble(op: Operation, caller: Caller, b: Base, over: Partial<Req> & { kind: string; reject: boolean }): Req {
  const url = fillPath(op, (n) => b.path[n]!) + qs(b.query);
  const hasBody = op.body && op.method !== 'GET';
  return {
    op,
    caller,
    url,
    headers: hasBody ? jsonHeaders(caller, b.forged) : authOf(caller, b.forged),
    ...(hasBody ? { body: toJsonText(b.body) } : {}),
    ...over,
  };
}

const MALFORMED_JSON = [
  '{',
  '{"name": "x",',
  '{"name": "x",}',
  "{'name': 'x'}",
  'undefined',
  '{"a":1}{"b":2}',
  '[1,2',
  '\u0000',
  '{"a":"\\u12"}',
  'NaN',
  '{"__proto__":',
  '{"a": 01}',
  '\uFEFF\uFEFF{}',
  '{"a":1e}',
  `${'['.repeat(50_000)}`,
  '{"a": "\u0000',
  'tru',
];
const WRONG_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=xyz',
  'application/xml',
  'text/json',
  'application/jsonx',
  'application/javascript',
  'application/octet-stream',
  'text/html; charset=utf-8',
  'json',
];

/** Requests that must all be refused (4xx) and change nothing. */
function rejectArb(op: Operation, caller: Caller): fc.Arbitrary<Req> | undefined {
  if (!op.secured && (caller === 'anonymous' || caller === 'forged')) return undefined;
  const arbs: fc.Arbitrary<Req>[] = [];
  const base = baseArb(op);
  const r = (fn: (b: Base) => fc.Arbitrary<Req>) => arbs.push(base.chain(fn));

  if (op.secured && (caller === 'anonymous' || caller === 'forged')) {
    // Anything at all from a caller without a valid token: 401.
    return base.map((b) =>
      assemble(op, caller, b, { kind: caller === 'forged' ? `auth:forged#${b.forged % forgedAuth.length}` : 'auth:none', reject: true }),
    );
  }
  const hasBodyMethod = ['POST', 'PUT', 'PATCH'].includes(op.method);
  if (op.body) {
    const schema = op.body;
    const emptyOk = acceptsEmptyObject(gen, schema);
    // One field broken by its schema (the bulk of the run).
    for (let i = 0; i < 4; i++) {
      r((b) =>
        invalidBody(gen, schema, b.body).map((m) =>
          assemble(op, caller, { ...b, body: m.body }, { kind: m.kind, reject: true, field: m.field }),
        ),
      );
    }
    r((b) =>
      fc.constantFrom<unknown>([], [b.body], 'a string', 42, null, true, rawDeep(3000)).map((v) =>
        assemble(op, caller, b, {
          kind: 'body:root-not-object',
          reject: true,
          field: '(body)',
          body: typeof v === 'string' && v.startsWith('[[') ? v : toJsonText(v),
        }),
      ),
    );
    r((b) =>
      fc
        .constantFrom('{"__proto__": {"polluted": 1}}', '{"constructor": {"prototype": {"polluted": 1}}}', '{"prototype": {"polluted": 1}}')
        .map((text) => {
          const merged = JSON.parse(text) as Record<string, unknown>;
          const key = Object.keys(merged)[0]!;
          const body = withAt(b.body, [], { addKey: key, value: merged[key] });
          return assemble(op, caller, b, { kind: 'body:proto-root', reject: true, field: key, body: toJsonText(body) });
        }),
    );
    r((b) =>
      fc
        .constantFrom(...MALFORMED_JSON)
        .map((text) => assemble(op, caller, b, { kind: 'body:malformed-json', reject: true, unparseable: true, body: text })),
    );
    r((b) =>
      fc.constantFrom(...WRONG_TYPES).map((type) =>
        assemble(op, caller, b, {
          kind: 'body:wrong-content-type',
          reject: true,
          headers: { ...authOf(caller, b.forged), 'content-type': type },
        }),
      ),
    );
    r((b) =>
      fc.constant(
        assemble(op, caller, b, {
          kind: 'body:no-content-type',
          reject: true,
          headers: authOf(caller, b.forged),
          body: new TextEncoder().encode(toJsonText(b.body)),
        }),
      ),
    );
    r((b) =>
      fc.integer({ min: 256 * 1024 + 1, max: 600_000 }).map((n) =>
        assemble(op, caller, b, {
          kind: 'body:oversized',
          reject: true,
          body: toJsonText({ ...(b.body as object), notes: longString(n) }),
        }),
      ),
    );
    if (!emptyOk) {
      r((b) => fc.constant(assemble(op, caller, b, { kind: 'body:empty', reject: true, unparseable: true, body: '' })));
      r((b) =>
        fc.constant(
          assemble(op, caller, b, {
            kind: 'body:none',
            reject: true,
            unparseable: true,
            headers: authOf(caller, b.forged),
            body: undefined,
          }),
        ),
      );
    }
  } else if (hasBodyMethod) {
    // The operation takes no body: one sent anyway is not silently ignored.
    r((b) =>
      fc
        .constantFrom<unknown>({ zzz: 1 }, JSON.parse('{"__proto__": {"polluted": 1}}'), { read: false }, [1], 'x')
        .map((v) =>
          assemble(op, caller, b, { kind: 'body:unexpected', reject: true, headers: jsonHeaders(caller, b.forged), body: toJsonText(v) }),
        ),
    );
  }
  for (const q of op.query) {
    // A list that pages for this caller must refuse a cursor it never issued (one that does not page may ignore it).
    const cursor = q.name === 'cursor';
    if (cursor && !pagedFor.get(op.key)?.has(caller)) continue;
    const bad = cursor ? forgedCursorsRejected(realCursors.get(op.key) ?? [], 'other-org', ORG) : badQueryValues(q);
    if (!bad.length) continue;
    // A forged cursor goes to the very list that issued the real ones (no filter), so nothing else can refuse it.
    const others = (b: Base) => (cursor ? (op.path === '/participants' ? { adviserId: 'u-adviser-1' } : {}) : b.query);
    r((b) =>
      fc
        .constantFrom(...bad)
        .map((v) =>
          assemble(op, caller, { ...b, query: { ...others(b), [q.name]: v } }, { kind: `query:${q.name}`, reject: true, field: q.name }),
        ),
    );
  }
  if (op.pathParams.length) {
    const wrongType = (name: string) => allRealIds().filter((id) => !realIds(op, name).includes(id));
    r((b) =>
      fc
        .tuple(
          fc.constantFrom(...op.pathParams.map((p) => p.name)),
          fc.oneof(
            fc.stringMatching(ULID).map((v) => ({ v, k: 'unknown-ulid' })),
            fc
              .string({ unit: 'binary', minLength: 1, maxLength: 64 })
              .filter((s) => !['.', '..'].includes(s))
              .map((v) => ({ v: encodeLoosely(v), k: 'random' })),
            fc.integer({ min: 65, max: 10_000 }).map((n) => ({ v: longString(n, 'Z'), k: 'huge' })),
            fc.constantFrom(...HOSTILE_IDS).map((v) => ({ v, k: 'hostile' })),
            fc.constantFrom(...wrongType(op.pathParams[0]!.name)).map((v) => ({ v, k: 'other-type' })),
          ),
        )
        .map(([name, { v, k }]) => {
          // An id of another kind of record is only "wrong" where no record of that kind can be named.
          const value = k === 'other-type' && realIds(op, name).includes(v) ? `${v}X` : v;
          return assemble(op, caller, { ...b, path: { ...b.path, [name]: value } }, { kind: `path:${k}`, reject: true });
        }),
    );
  }
  if (op.headers.includes('if-match')) {
    r((b) =>
      fc
        .constantFrom('banana', '"abc"', 'W/"', '"1"x', '"-1"', '"99999"', '"999999999"', '"1e3"', longString(5000, '9'))
        .map((v) =>
          assemble(op, caller, b, { kind: 'header:if-match', reject: true, headers: { ...jsonHeaders(caller, b.forged), 'if-match': v } }),
        ),
    );
  }
  if (op.headers.includes('idempotency-key')) {
    r((b) =>
      fc.constantFrom('short', 'has space in it', longString(129), 'key/with/slash', '_proto_', 'ÿÿÿÿÿÿÿÿÿ', 'a\tb\tc\td\te').map((v) =>
        assemble(op, caller, b, {
          kind: 'header:idempotency-key',
          reject: true,
          field: 'Idempotency-Key',
          headers: { ...jsonHeaders(caller, b.forged), 'idempotency-key': v },
        }),
      ),
    );
  }
  return arbs.length ? fc.oneof(...arbs) : undefined;
}

/** `[[[…]]]` nested `depth` deep: valid JSON, but not an object. */
function rawDeep(depth: number) {
  return `${'['.repeat(depth)}${']'.repeat(depth)}`;
}

/** Valid-ish requests, boundaries and odd-but-legal forms: any answer < 500 will do, but a refusal must change nothing. */
function wildArb(op: Operation, caller: Caller): fc.Arbitrary<Req> {
  const base = baseArb(op);
  const arbs: fc.Arbitrary<Req>[] = [];
  const r = (weight: number, fn: (b: Base) => fc.Arbitrary<Req>) => arbs.push(...Array.from({ length: weight }, () => base.chain(fn)));
  r(4, (b) => fc.constant(assemble(op, caller, b, { kind: 'valid', reject: false })));
  if (op.pathParams.length) {
    // Real ids, lightly altered: case, surrounding space, a trailing slash.
    r(1, (b) =>
      fc
        .tuple(fc.constantFrom(...op.pathParams.map((p) => p.name)), fc.constantFrom('%20', '%0A', '/', '%2F', '.json', 'lower'))
        .map(([name, alt]) => {
          const id = b.path[name]!;
          return assemble(
            op,
            caller,
            { ...b, path: { ...b.path, [name]: alt === 'lower' ? id.toLowerCase() : `${id}${alt}` } },
            { kind: `path:real-id${alt}`, reject: false },
          );
        }),
    );
  }
  r(1, (b) =>
    fc
      .oneof(
        fc.stringMatching(/^[A-Za-z0-9._:-]{8,128}$/),
        fc.constantFrom('', '__proto__', 'constructor', 'prototype.polluted', '________'),
      )
      .map((key) =>
        assemble(op, caller, b, {
          kind: `valid+idempotency-key${key ? '' : ' (empty)'}`,
          reject: false,
          headers: { ...jsonHeaders(caller, b.forged), 'idempotency-key': key },
        }),
      ),
  );
  if (op.body) {
    const schema = op.body;
    r(2, (b) => {
      const nodes = fieldsOf(gen, schema, b.body).filter((n) => n.optional);
      if (!nodes.length) return fc.constant(assemble(op, caller, b, { kind: 'valid', reject: false }));
      return fc
        .constantFrom(...nodes)
        .map((n) =>
          assemble(
            op,
            caller,
            { ...b, body: withAt(b.body, n.path, { delete: true }) },
            { kind: `body:drop-optional ${dotted(n.path)}`, reject: false },
          ),
        );
    });
    r(2, (b) => {
      const nodes = fieldsOf(gen, schema, b.body).filter(
        (n) => n.path.length && typesOf(n.schema, gen.resolve)?.has('string') && !n.schema.enum,
      );
      if (!nodes.length) return fc.constant(assemble(op, caller, b, { kind: 'valid', reject: false }));
      return fc
        .tuple(fc.constantFrom(...nodes), fc.oneof(fc.constantFrom(...UNICODE_PAYLOADS), oversizedAnything))
        .map(([n, s]) =>
          assemble(
            op,
            caller,
            { ...b, body: withAt(b.body, n.path, { set: s }) },
            { kind: `body:hostile-string ${dotted(n.path)}`, reject: false },
          ),
        );
    });
    r(1, (b) =>
      fc
        .constantFrom(
          'application/json; charset=utf-8',
          'APPLICATION/JSON',
          'application/vnd.api+json',
          'application/merge-patch+json',
          'application/json;charset=UTF-16',
          'application/json ; x=y',
        )
        .map((type) =>
          assemble(op, caller, b, {
            kind: `body:content-type ${type}`,
            reject: false,
            headers: { ...authOf(caller, b.forged), 'content-type': type },
          }),
        ),
    );
    r(1, (b) => {
      // Bytes that are not UTF-8 inside a string value.
      const text = toJsonText(b.body);
      const i = text.indexOf('":"');
      const bytes = Buffer.concat([
        Buffer.from(i > 0 ? text.slice(0, i + 3) : text.slice(0, -1)),
        Buffer.from([0xff, 0xfe, 0xc0, 0xaf, 0xed, 0xa0, 0x80]),
        Buffer.from(i > 0 ? text.slice(i + 3) : text.slice(-1)),
      ]);
      return fc.constant(
        assemble(op, caller, b, { kind: 'body:invalid-utf8', reject: false, unparseable: true, body: new Uint8Array(bytes) }),
      );
    });
  }
  if (op.headers.includes('if-match')) {
    r(1, (b) =>
      fc.constantFrom('*', '"1"', 'W/"1"', '1', ' "2" ').map((v) =>
        assemble(op, caller, b, {
          kind: 'header:if-match-valid',
          reject: false,
          headers: { ...jsonHeaders(caller, b.forged), 'if-match': v },
        }),
      ),
    );
  }
  r(1, (b) =>
    fc
      .constantFrom(
        '__proto__=1',
        '__proto__[polluted]=1',
        'constructor[prototype][polluted]=1',
        'prototype=x',
        'toString=1&hasOwnProperty=1',
        'limit=5&limit=abc',
        'a=%E0%A4%A',
        '%zz=1',
        'x=%00%0d%0a',
      )
      .map((extra) => {
        const req = assemble(op, caller, b, { kind: `query:extra ${extra}`, reject: false });
        return { ...req, url: `${req.url}${req.url.includes('?') ? '&' : '?'}${extra}` };
      }),
  );
  const limit = op.query.find((q) => q.name === 'limit');
  if (limit)
    r(1, (b) =>
      fc
        .constantFrom('1', '100', '0x10', '+5', '05', '1e1', ' 7 ', '50.0')
        .map((v) => assemble(op, caller, { ...b, query: { ...b.query, limit: v } }, { kind: `query:limit ${v}`, reject: false })),
    );
  if (op.query.some((q) => q.name === 'cursor')) {
    const paged = pagedFor.get(op.key)?.has(caller);
    const doubtful = [
      ...forgedCursorsDoubtful(realCursors.get(op.key) ?? []),
      ...(paged ? [] : forgedCursorsRejected(realCursors.get(op.key) ?? [], 'other-org', ORG).slice(0, 12)),
    ];
    if (doubtful.length)
      r(3, (b) =>
        fc
          .constantFrom(...doubtful)
          .map((c) =>
            assemble(
              op,
              caller,
              { ...b, query: { ...b.query, cursor: c } },
              { kind: 'query:cursor-doctored', reject: false, field: 'cursor' },
            ),
          ),
      );
  }
  return fc.oneof(...arbs);
}

/* ------------------------------------------------------------------------------------------------
 * Sending and judging
 * ---------------------------------------------------------------------------------------------- */

/**
 * Sends a request. A 429 (the per-caller limiter: 600 a minute per user, a few bad tokens a minute per
 * address) is judged like any answer (problem+json with Retry-After), then the harness clock, which the
 * limiter counts windows by, moves past the window and the request goes again, so the fuzzing reaches
 * past the limiter. The one-minute steps do not matter to the dates the use cases reason about.
 */
async function send(req: Req, offences?: Offences): Promise<Seen> {
  let r = await sendOnce(req);
  for (let tries = 0; r.status === 429 && tries < 3; tries++) {
    stats.throttled++;
    if (offences) judge(offences, req, r);
    const wait = Number(r.retryAfter);
    h.clock.set(new Date(h.clock.now().getTime() + ((Number.isFinite(wait) && wait > 0 ? wait : 60) + 1) * 1000));
    r = await sendOnce(req);
  }
  return r;
}

async function sendOnce(req: Req): Promise<Seen> {
  stats.sent++;
  const init: RequestInit = { method: req.op.method, headers: req.headers };
  if (req.body !== undefined) init.body = req.body;
  let r: Seen;
  const t0 = performance.now();
  try {
    r = await seen(await h.app.request(req.url, init));
  } catch (err) {
    r = { status: 0, contentType: '', retryAfter: null, text: `the request threw: ${(err as Error).message}` };
  } finally {
    // Pollution is noted and put back at once, before anything else runs in a polluted process.
    for (const p of pollution(proto)) pendingPollution.push(`${p} (${where(req)})`);
  }
  stats.msByOp.set(req.op.key, (stats.msByOp.get(req.op.key) ?? 0) + performance.now() - t0);
  const perOp = stats.statusByOp.get(req.op.key) ?? new Map<string, number>();
  const tag = `${req.reject ? 'refuse' : 'wild'}:${r.status}`;
  perOp.set(tag, (perOp.get(tag) ?? 0) + 1);
  stats.statusByOp.set(req.op.key, perOp);
  stats.byStatus.set(r.status, (stats.byStatus.get(r.status) ?? 0) + 1);
  return r;
}

const bodyText = (b: Req['body']) => (b === undefined ? undefined : typeof b === 'string' ? b : `<${b.length} bytes>`);

function judge(offences: Offences, req: Req, r: Seen, extra: string[] = [], minimal?: string) {
  // A throttled answer (429) is acceptable only as a problem with Retry-After; it proves nothing else.
  const expectation = r.status === 429 ? { reject: false } : { reject: req.reject, field: req.field, unparseable: req.unparseable };
  const problems = [...(r.status === 0 ? [r.text] : responseProblems(r, expectation)), ...extra];
  if (problems.length && process.env.FUZZ_DUMP) {
    // Every offending request in full, one JSON line each, to replay by hand (tokens left out).
    const { authorization: _auth, ...headers } = req.headers;
    void _auth;
    const raw = req.body === undefined ? undefined : typeof req.body === 'string' ? req.body : Buffer.from(req.body).toString('base64');
    appendFileSync(
      process.env.FUZZ_DUMP,
      `${JSON.stringify({ method: req.op.method, url: req.url, caller: req.caller, kind: req.kind, headers, body: raw, bodyIsBase64: typeof req.body !== 'string' && req.body !== undefined, status: r.status, problems, response: r.text.slice(0, 2000) })}\n`,
    );
  }
  for (const problem of problems) {
    offences.add({
      method: req.op.method,
      route: req.op.path,
      url: req.url,
      caller: req.caller,
      kind: req.kind,
      status: r.status,
      problem,
      body: r.text,
      request: minimal ? `(minimised) ${minimal}` : bodyText(req.body),
    });
  }
}

/**
 * For a 5xx on a JSON body: leave out what can be left out (optional fields, array items) while the
 * answer stays 5xx, so the report shows the smallest body that still fails. Bounded, and once per route.
 */
const minimisedRoutes = new Set<string>();
async function minimise(req: Req, status: number): Promise<string | undefined> {
  if (typeof req.body !== 'string' || minimisedRoutes.has(req.op.key) || !req.op.body) return undefined;
  let current: unknown;
  try {
    current = JSON.parse(req.body);
  } catch {
    return undefined;
  }
  if (!current || typeof current !== 'object') return undefined;
  minimisedRoutes.add(req.op.key);
  let tries = 0;
  for (let progress = true; progress && tries < 60; ) {
    progress = false;
    // Leave out optional fields and list items; failing that, make a required string plain ("x").
    const all = fieldsOf(gen, req.op.body, current).filter((n) => n.path.length);
    const steps = [
      ...all
        .filter((n) => n.optional || typeof n.path.at(-1) === 'number')
        .reverse()
        .map((n) => ({ n, change: { delete: true } as const })),
      ...all
        .filter((n) => typeof n.value === 'string' && n.value !== 'x' && (n.value as string).length > 1)
        .map((n) => ({ n, change: { set: 'x' } })),
    ];
    for (const { n, change } of steps) {
      if (tries++ >= 60) break;
      const candidate = withAt(current, n.path, change);
      const cleaned = JSON.parse(
        JSON.stringify(candidate, (_k, v: unknown) => (Array.isArray(v) ? v.filter((x) => x !== undefined && x !== null) : v)),
      ) as unknown;
      stats.replays++;
      const r = await send({ ...req, body: toJsonText(cleaned) });
      if (r.status >= 500 && (status !== 503 || r.status === 503)) {
        current = cleaned;
        progress = true;
        break;
      }
    }
  }
  return toJsonText(current);
}

const pendingPollution: string[] = [];
function checkPollution(offences: Offences, where: string) {
  for (const p of [...pendingPollution.splice(0), ...pollution(proto)])
    offences.add({ method: '-', route: where, url: where, caller: '-', kind: 'pollution', status: 0, problem: `prototype polluted: ${p}` });
}

const where = (req: Req) => `after ${req.op.method} ${req.url.slice(0, 80)} as ${req.caller} [${req.kind}]`;

/**
 * Sends one request and judges it: its answer, what it wrote if it was refused (the write guard), and the
 * built-in prototypes. Every `GUARD_EVERY` requests the guard also checks the whole table.
 */
async function sendJudged(req: Req, offences: Offences): Promise<Seen> {
  await guard.before();
  const r = await send(req, offences);
  const { problems } = await guard.after(r.status, where(req));
  judge(offences, req, r, problems, r.status >= 500 ? await minimise(req, r.status) : undefined);
  checkPollution(offences, where(req));
  return r;
}

/** The guard's last full check of a test: whatever changed since the previous one must have been seen written. */
async function finalCheck(offences: Offences) {
  for (const problem of await guard.check())
    offences.add({ method: '-', route: '(table)', url: '(table)', caller: '*', kind: 'write-guard', status: 0, problem });
}

function sample(arb: fc.Arbitrary<Req>, key: string, n: number): Req[] {
  const t0 = performance.now();
  const out = fc.sample(arb, { seed: SEED ^ hash(key), numRuns: n });
  stats.sampleMs += performance.now() - t0;
  return out;
}

describe('the OpenAPI fuzzer', () => {
  it('has a write guard that names what a refused request wrote, and finds a change made round its recorder', async () => {
    const probe = new WriteGuard(h, { every: 1_000 });
    const T = h.tableName;
    const k = (n: number) => ({ PK: `GUARD#${n}`, SK: 'x' });
    await probe.before();
    // A refused request, and meanwhile every kind of write through the app's client (and an allowed idempotency record).
    const refused = await h.call('POST', '/employers', { as: 'liaison', body: { name: 42 } });
    await h.db.send(new PutCommand({ TableName: T, Item: { ...k(1), type: 'Guard' } }));
    await h.db.send(new UpdateCommand({ TableName: T, Key: k(1), UpdateExpression: 'SET n = :n', ExpressionAttributeValues: { ':n': 1 } }));
    await h.db.send(
      new TransactWriteCommand({ TransactItems: [{ Put: { TableName: T, Item: k(2) } }, { Delete: { TableName: T, Key: k(1) } }] }),
    );
    await h.db.send(new BatchWriteCommand({ RequestItems: { [T]: [{ PutRequest: { Item: k(3) } }, { DeleteRequest: { Key: k(2) } }] } }));
    await h.db.send(new PutCommand({ TableName: T, Item: { PK: 'IDEM#guard', SK: 'IDEM' } }));
    expect(refused.status).toBe(400);
    expect((await probe.after(refused.status, 'probe')).problems).toEqual([
      'refused (400) but wrote: PutItem GUARD#1|x, UpdateItem GUARD#1|x, TransactWriteItems GUARD#2|x, TransactWriteItems GUARD#1|x, BatchWriteItem GUARD#3|x, BatchWriteItem GUARD#2|x',
    ]);
    // A write that failed its condition wrote nothing; an accepted request may write.
    await probe.before();
    await expect(
      h.db.send(new PutCommand({ TableName: T, Item: k(3), ConditionExpression: 'attribute_not_exists(PK)' })),
    ).rejects.toThrow();
    expect((await probe.after(409, 'probe')).problems).toEqual([]);
    await probe.before();
    await h.db.send(new PutCommand({ TableName: T, Item: k(5) }));
    expect((await probe.after(201, 'probe')).problems).toEqual([]);
    // Round the recorder: another client's write is found by the full check; what the recorder saw is not.
    const other = createDocumentClient({ endpoint: dynamoEndpoint() });
    await other.send(new PutCommand({ TableName: T, Item: k(4) }));
    other.destroy();
    const found = await probe.check();
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/: \+GUARD#4\|x$/);
    // The table as it was, for the fuzzing.
    await h.db.send(new BatchWriteCommand({ RequestItems: { [T]: [3, 4, 5].map((n) => ({ DeleteRequest: { Key: k(n) } })) } }));
    h.takeWrites();
  });

  it(
    'refuses every broken request with a clean 4xx problem that names the field, and changes nothing',
    async () => {
      const offences = new Offences();
      for (const op of ops) {
        for (const caller of [...SIGNED, ...UNSIGNED]) {
          const arb = rejectArb(op, caller);
          if (!arb) continue;
          const reqs = sample(arb, `reject ${op.key} ${caller}`, UNSIGNED.includes(caller) ? RUNS.rejectUnsigned : RUNS.reject);
          stats.reject += reqs.length;
          for (const req of reqs) await sendJudged(req, offences);
        }
      }
      await finalCheck(offences);
      expect(offences.size, offences.report('Refused requests')).toBe(0);
    },
    TIMEOUT,
  );

  it(
    'answers valid-ish, boundary and odd-but-legal requests without a 5xx, and what it refuses changes nothing',
    async () => {
      const offences = new Offences();
      // Reads first, then writes, erasure last: the seeded records stay reachable as long as possible.
      const order = (op: Operation) => (op.method === 'GET' ? 0 : op.method === 'DELETE' ? 2 : 1);
      for (const op of [...ops].sort((a, b) => order(a) - order(b))) {
        const reqs = SIGNED.flatMap((caller) => sample(wildArb(op, caller), `wild ${op.key} ${caller}`, RUNS.wild));
        stats.wild += reqs.length;
        for (const req of reqs) await sendJudged(req, offences);
      }
      await finalCheck(offences);
      expect(offences.size, offences.report('Valid-ish requests')).toBe(0);
      // Every request of both tests went through the guard.
      expect(guard.stats.judged).toBe(stats.reject + stats.wild);
    },
    TIMEOUT,
  );

  it(
    'leaves the process healthy: built-in prototypes untouched, /health answers, a normal create and list still work',
    async () => {
      expect(pollution(proto, { repair: false })).toEqual([]);
      expect(Object.keys(Object.prototype)).toEqual([]);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(([] as unknown as Record<string, unknown>).polluted).toBeUndefined();
      // Had the fuzzing used up a caller's share of the rate limit, an ordinary client would come back after the window.
      h.clock.set(new Date(h.clock.now().getTime() + 61_000));
      expect(await canary('Canary Provisions Ltd')).toEqual(baselineCanary);
      const health = await h.app.request('/health');
      expect(await health.json()).toEqual({ status: 'ok' });
    },
    TIMEOUT,
  );
});
