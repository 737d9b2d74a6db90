import { dynamoEndpoint } from '../support/dynamo-endpoint.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DB_TIMEOUTS } from '../../shared/adapters/dynamodb/client.js';
import type { createApp } from '../../functions/api/app.js';
import { body, createHarness, type Harness } from '../support/harness.js';
import { employerBody, participantBody, vacancyBody } from '../support/fixtures.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';
import { localWebApp } from '../support/web.js';
import { LOCK_SECONDS } from '../../shared/use-cases/idempotency.js';
import { SESSION_COOKIE } from '../../functions/api/web/session.js';

/**
 * Real faults, no mocks: a TCP proxy sits between the app's database client (with the production
 * timeouts) and the run's DynamoDB Local, and stalls or cuts the connection. Every kind of request must
 * then answer 503 with Retry-After (never 500, never hang), tell nothing of the internals, and the same
 * app must recover by itself once the database is back, with nothing half-written.
 */

/** Only a "did it hang" guard: far beyond the ~3 s (3 attempts × 1 s, plus backoff) a stalled call should take. */
const HANG_CEILING_MS = 20_000;
const LONG = 180_000;

type Kind = 'get-employer' | 'list-employers' | 'create-employer' | 'patch-employer' | 'matches' | 'page' | 'health' | 'retry-create';

interface Observed {
  phase: string;
  kind: Kind;
  status: number | 'hung';
  ms: number;
  type: string;
  retryAfter: string | null;
  text: string;
}

let proxy: TcpProxy;
let h: Harness;
let web: ReturnType<typeof createApp>;
let cookie: string;
let employerId: string;
let patchedId: string;
let vacancyId: string;
let before: string;
const observed: Observed[] = [];
/** Idempotency keys (and the employer names they create) first sent while the database was away. */
const faultCreates: { key: string; name: string; phase: string }[] = [];
let createSeq = 0;
/** Fault scenarios run (stalled, cut, stalled then cut). */
let faults = 0;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function timed(phase: string, kind: Kind, send: () => Response | Promise<Response>): Promise<Observed> {
  const start = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<'hung'>((r) => {
    timer = setTimeout(() => r('hung'), HANG_CEILING_MS);
  });
  try {
    const res = await Promise.race([Promise.resolve().then(send), hung]);
    const o: Observed =
      res === 'hung'
        ? { phase, kind, status: 'hung', ms: performance.now() - start, type: '', retryAfter: null, text: '' }
        : {
            phase,
            kind,
            status: res.status,
            type: res.headers.get('content-type') ?? '',
            retryAfter: res.headers.get('retry-after'),
            text: await res.text(),
            ms: performance.now() - start,
          };
    observed.push(o);
    return o;
  } finally {
    clearTimeout(timer);
  }
}

const api =
  (method: string, path: string, o: { body?: unknown; headers?: Record<string, string> } = {}) =>
  () =>
    h.call(method, path, { as: 'lia', ...o });

/** One of every kind of request, all at once. */
async function batch(phase: string): Promise<Observed[]> {
  const etag = `"${(await currentVersion(patchedId)) ?? 1}"`;
  const name = `Fault Bakery ${++createSeq}`;
  const key = `db-fault-${createSeq}-${Date.now().toString(36)}`;
  faultCreates.push({ key, name, phase });
  return Promise.all([
    timed(phase, 'get-employer', api('GET', `/employers/${employerId}`)),
    timed(phase, 'list-employers', api('GET', '/employers?limit=5')),
    timed(phase, 'create-employer', api('POST', '/employers', { body: employerBody({ name }), headers: { 'idempotency-key': key } })),
    timed(
      phase,
      'patch-employer',
      api('PATCH', `/employers/${patchedId}`, { body: { notes: `changed during ${phase}` }, headers: { 'if-match': etag } }),
    ),
    timed(phase, 'matches', api('GET', `/vacancies/${vacancyId}/matches?limit=20`)),
    timed(phase, 'page', () => web.request('/app', { headers: { cookie } })),
    timed(phase, 'health', () => h.app.request('/health')),
  ]);
}

/** The patched employer's version for If-Match: read through the app while the proxy passes, the last one known otherwise. */
let knownVersion: number | undefined;
async function currentVersion(id: string): Promise<number | undefined> {
  if (proxy.mode !== 'pass') return knownVersion;
  const res = await h.call('GET', `/employers/${id}`, { as: 'lia' });
  if (res.status === 200) knownVersion = Number(JSON.parse(res.headers.get('etag') ?? '"0"'));
  return knownVersion;
}

/** What a 503 body must never say: stacks, socket codes, SDK error names or messages, where the database is. */
function expectNoInternals(o: Observed) {
  const where = `${o.phase} ${o.kind}`;
  for (const bad of [
    /ECONN[A-Z]+/,
    /ETIMEDOUT/,
    /EPIPE/,
    /TimeoutError/,
    /AbortError/,
    /@smithy|node-http-handler|requestTimeout/,
    /DynamoDB|DescribeTable|GetItem|PutItem|TransactWrite/i,
    /\bat [^\s]+ \(?[^\s]*:\d+:\d+\)?/,
    /\.ts:\d+/,
    /127\.0\.0\.1|localhost:\d+/,
    /routeway-test-/,
    /"stack"|"cause"/,
  ]) {
    expect(o.text, `${where}: the body says ${bad}`).not.toMatch(bad);
  }
  expect(o.text, `${where}: names the database's address`).not.toContain(`:${proxy.port}`);
}

/** Every answer of a batch taken while the database is away: 503, with Retry-After, problem+json (pages: a GOV.UK page). */
function expectUnavailable(batchOut: Observed[]) {
  for (const o of batchOut) {
    const where = `${o.phase} ${o.kind}`;
    expect(o.status, `${where} hung (no answer within ${HANG_CEILING_MS} ms)`).not.toBe('hung');
    expect(o.status, `${where} answered ${o.status}: ${o.text.slice(0, 300)}`).toBe(503);
    expect(o.retryAfter, `${where}: no Retry-After`).toMatch(/^\d+$/);
    if (o.kind === 'page') {
      expect(o.type).toMatch(/^text\/html/);
      expect(o.text).toContain('govuk-template');
      expect(o.text).toContain('Sorry, the service is busy');
      expect(o.text.match(/<h1\b/g)).toHaveLength(1);
    } else {
      expect(o.type).toBe('application/problem+json');
      const p = JSON.parse(o.text) as { status: number; type: string; title: string; detail: string };
      expect(p).toMatchObject({ status: 503, type: 'https://routeway.dev/problems/unavailable' });
      expect(p.detail).toBeTruthy();
    }
    expectNoInternals(o);
  }
}

function printLatencies(phase: string, batchOut: Observed[]) {
  const parts = batchOut.map((o) => `${o.kind} ${o.status} ${Math.round(o.ms)}ms`);
  console.log(`db-faults ${phase}: ${parts.join(', ')}`);
}

/** Heals the proxy and polls /health until the same app says the table answers again (bounded). */
async function healAndWait(phase: string): Promise<void> {
  await proxy.heal();
  const deadline = Date.now() + 60_000;
  for (let i = 0; ; i++) {
    const o = await timed(`${phase}/heal`, 'health', () => h.app.request('/health'));
    if (o.status === 200) return;
    if (Date.now() > deadline) throw new Error(`/health still ${o.status} a minute after healing (${i + 1} polls)`);
    await sleep(250);
  }
}

/**
 * Retries a create first sent during a fault, as a client would: one employer, the same answer to every
 * later retry. A stalled create's key claim can reach the database after the request gave up (the proxy
 * delivers what it held when it heals, as a network that comes back does); that claim holds for
 * LOCK_SECONDS, during which a retry is told 409 "still being processed; retry shortly", and after
 * which the retry runs. The app clock is moved on past the lock for that.
 */
async function expectRetryCreatesOnce(c: { key: string; name: string; phase: string }) {
  const send = api('POST', '/employers', { body: employerBody({ name: c.name }), headers: { 'idempotency-key': c.key } });
  let first = await timed('retry', 'retry-create', send);
  if (first.status === 409) {
    expect(JSON.parse(first.text).detail, `${c.phase}: ${first.text}`).toMatch(/still being processed/);
    console.log(
      `db-faults: the ${c.phase} create's key was claimed after all (its claim arrived late): 409 until the ${LOCK_SECONDS} s lock lapses`,
    );
    h.clock.set(new Date(h.clock.now().getTime() + (LOCK_SECONDS + 1) * 1000));
    first = await timed('retry', 'retry-create', send);
  }
  expect(first.status, `${c.phase}: the retried create answered ${first.status}: ${first.text.slice(0, 300)}`).toBe(201);
  const second = await timed('retry', 'retry-create', send);
  expect(second.status).toBe(201);
  const id = JSON.parse(first.text).id as string;
  expect(JSON.parse(second.text).id).toBe(id);
  const got = await timed('retry', 'get-employer', api('GET', `/employers/${id}`));
  expect(got.status).toBe(200);
  expect(JSON.parse(got.text)).toMatchObject({ id, name: c.name, address: { postcode: 'LS11 5PQ' } });
  const list = await timed('retry', 'list-employers', api('GET', '/employers?limit=100'));
  expect((JSON.parse(list.text) as { items: { name: string }[] }).items.filter((i) => i.name === c.name)).toHaveLength(1);
}

beforeAll(async () => {
  proxy = await startTcpProxy(dynamoEndpoint());
  // The app talks only to the proxy, with the production timeouts (not the harness's lenient ones).
  h = await createHarness({ endpoint: proxy.endpoint, timeouts: DEFAULT_DB_TIMEOUTS });
  web = localWebApp(h, [{ sub: 'u-liaison-1', role: 'liaison', name: 'Lia Son' }]);
  await h.signIn('lia', 'liaison', { sub: 'u-liaison-1' });
  await h.signIn('adv', 'adviser', { sub: 'u-adviser-1' });
  // A little data, written through the proxy while it passes.
  const e = await h.call('POST', '/employers', { as: 'lia', body: employerBody({ name: 'Kirkgate Bakery' }) });
  expect(e.status).toBe(201);
  employerId = (await body(e)).id as string;
  const e2 = await h.call('POST', '/employers', {
    as: 'lia',
    body: employerBody({ name: 'Aire Valley Foods', address: { line1: '1 Dock St', town: 'Leeds', postcode: 'LS10 1JF' } }),
  });
  expect(e2.status).toBe(201);
  patchedId = (await body(e2)).id as string;
  const v = await h.call('POST', '/vacancies', {
    as: 'lia',
    body: vacancyBody(employerId, {
      status: 'open',
      site: { postcode: 'LS1 4AP', town: 'Leeds', location: { lat: 53.7965, lng: -1.5478 } },
    }),
  });
  expect(v.status).toBe(201);
  vacancyId = (await body(v)).id as string;
  for (const [lat, lng] of [
    [53.8, -1.52],
    [53.78, -1.56],
  ] as const) {
    const p = await h.call('POST', '/participants', {
      as: 'adv',
      body: participantBody({
        consent: { matching: true, shareWithEmployers: ['firstName', 'skills'] },
        preferences: { occupations: ['warehouse'], sectors: ['warehousing-logistics'], maxTravelKm: 20, shifts: [] },
        home: { postcode: 'LS9 8AB', location: { lat, lng } },
      }),
    });
    expect(p.status).toBe(201);
  }
  // Signed in as the local sign-in page signs in: the session cookie is the user's token (web/session.ts).
  cookie = `${SESSION_COOKIE}=${await h.token('liaison', 'u-liaison-1')}`;
  // Everything answers through the proxy before any fault.
  const ok = await batch('before');
  for (const o of ok) {
    const expected = o.kind === 'create-employer' ? 201 : 200;
    expect(o.status, `before ${o.kind}: ${o.text.slice(0, 300)}`).toBe(expected);
  }
  faultCreates.pop(); // that create succeeded: it is not one of the fault's
  expect((JSON.parse(ok.find((o) => o.kind === 'matches')!.text) as { candidates: unknown[] }).candidates.length).toBeGreaterThan(0);
  await currentVersion(patchedId);
  before = await h.snapshot();
}, LONG);

afterAll(async () => {
  await proxy?.close();
  const statuses = [...new Set(observed.map((o) => o.status))];
  const count = (st: number | 'hung') => observed.filter((o) => o.status === st).length;
  const others = statuses.filter((st) => ![200, 201, 503, 500, 'hung'].includes(st)).map((st) => `${count(st)}×${st}`);
  const byKind = [...new Set(observed.map((o) => o.kind))]
    .map((k) => {
      const mine = observed.filter((o) => o.kind === k);
      const tally = [...new Set(mine.map((o) => o.status))].map((st) => `${mine.filter((o) => o.status === st).length}×${st}`);
      return `${k} ${mine.length} (${tally.join(' ')})`;
    })
    .join(', ');
  console.log(`db-faults: requests per kind: ${byKind}; injected ${proxy?.stats.stalls ?? 0} stalls, ${proxy?.stats.cuts ?? 0} cuts`);
  console.log(
    `db-faults: ${faults} faults, ${observed.length} requests: ${count(503)}×503, ${count(200) + count(201)}×2xx, ${count(500)}×500, ${count('hung')} hung` +
      (others.length ? `, ${others.join(', ')}` : ''),
  );
});

describe('the database stalls, vanishes, and comes back', () => {
  it(
    'stalled (connections accepted, nothing answered): every kind of request answers 503 with Retry-After, none hangs',
    async () => {
      faults++;
      proxy.stall();
      let out: Observed[];
      try {
        out = await batch('stalled');
        printLatencies('stalled', out);
      } finally {
        await healAndWait('stalled');
      }
      expectUnavailable(out);
    },
    LONG,
  );

  it(
    'cut (connections reset, new ones refused): every kind of request answers 503, not 500, none hangs',
    async () => {
      // Warm the client's keep-alive pool so the cut has open connections to reset.
      expect((await timed('cut/warm', 'get-employer', api('GET', `/employers/${employerId}`))).status).toBe(200);
      expect(proxy.openConnections()).toBeGreaterThan(0);
      faults++;
      await proxy.cut();
      let out: Observed[];
      try {
        out = await batch('cut');
        printLatencies('cut', out);
      } finally {
        await healAndWait('cut');
      }
      expectUnavailable(out);
    },
    LONG,
  );

  it(
    'stalled, then cut while the requests are waiting on it: every request still answers 503, none hangs',
    async () => {
      faults++;
      proxy.stall();
      let out: Observed[];
      try {
        const running = batch('stall-then-cut');
        await sleep(500);
        await proxy.cut();
        out = await running;
        printLatencies('stall-then-cut', out);
      } finally {
        await healAndWait('stall-then-cut');
      }
      expectUnavailable(out);
    },
    LONG,
  );

  it(
    'healed: the same app answers 200 again, the data from before is intact, and nothing is half-written',
    async () => {
      // Nothing the faulted requests did is left in the table (idempotency records aside, which the snapshot skips).
      expect(await h.snapshot()).toBe(before);
      const after = await batch('healed');
      faultCreates.pop(); // this create ran on a healthy database
      printLatencies('healed', after);
      for (const o of after) {
        const expected = o.kind === 'create-employer' ? 201 : 200;
        expect(o.status, `healed ${o.kind}: ${o.text.slice(0, 300)}`).toBe(expected);
      }
      const e = JSON.parse(after.find((o) => o.kind === 'get-employer')!.text) as { name: string };
      expect(e.name).toBe('Kirkgate Bakery');
      const m = JSON.parse(after.find((o) => o.kind === 'matches')!.text) as { candidates: unknown[] };
      expect(m.candidates.length).toBe(2);
      expect(after.find((o) => o.kind === 'page')!.text).toContain('Kirkgate Bakery');
    },
    LONG,
  );

  it(
    'a create that got 503 during a fault is not half-written: its employer exists completely or not at all',
    async () => {
      expect(faultCreates.map((c) => c.phase)).toEqual(['stalled', 'cut', 'stall-then-cut']);
      const list = await timed('after', 'list-employers', api('GET', '/employers?limit=100'));
      expect(list.status).toBe(200);
      const items = (JSON.parse(list.text) as { items: { id: string; name: string }[] }).items;
      for (const c of faultCreates) {
        const found = items.filter((i) => i.name === c.name);
        expect(found.length, c.name).toBeLessThanOrEqual(1);
        if (found.length) {
          const got = await timed('after', 'get-employer', api('GET', `/employers/${found[0]!.id}`));
          expect(got.status).toBe(200);
          expect(JSON.parse(got.text)).toMatchObject({ name: c.name, address: { postcode: 'LS11 5PQ' }, accountManagerId: 'u-liaison-1' });
        }
      }
      // The table holds what it held before the faults, plus only the one create made after healing.
      expect(items.map((i) => i.name).sort()).toEqual(['Aire Valley Foods', 'Fault Bakery 1', 'Fault Bakery 5', 'Kirkgate Bakery']);
    },
    LONG,
  );

  it(
    'a create that got 503 during a fault, retried with its Idempotency-Key after healing, creates the record exactly once',
    async () => {
      for (const c of faultCreates) await expectRetryCreatesOnce(c);
    },
    LONG,
  );
});
