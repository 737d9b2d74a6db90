import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../functions/api/app.js';
import { DynamoRateLimiter } from '../../shared/adapters/dynamodb/rate-limiter.js';
import { Store } from '../../shared/adapters/dynamodb/store.js';
import { MemoryRateLimiter } from '../../shared/adapters/memory/rate-limiter.js';
import { LOCAL_AUDIENCE, LOCAL_ISSUER } from '../../shared/auth/local-keys.js';
import { createTokenVerifier } from '../../shared/auth/verifier.js';
import { logger } from '../../shared/logger.js';
import type { RateLimiter, RateLimits } from '../../shared/ports/rate-limiter.js';
import { createHarness, ORG, type Harness } from '../support/harness.js';

/** One caller cannot use up everyone's share: per user, and per address for sign-in and bad tokens. */
let h: Harness;
const LIMITS: RateLimits = { userPerWindow: 5, signInPerWindow: 2, badTokensPerWindow: 3, windowSeconds: 60 };

const appWith = (limiter: RateLimiter, limits = LIMITS) =>
  createApp({
    ...h.deps,
    logger,
    verifier: createTokenVerifier({
      issuer: LOCAL_ISSUER,
      audience: LOCAL_AUDIENCE,
      keys: { kind: 'local', jwks: h.keys.jwks },
      defaultOrg: ORG,
    }),
    secureCookies: false,
    rateLimiting: { limiter, limits, clock: h.clock },
    localSignIn: { users: [{ sub: 'u-liaison-1', role: 'liaison', name: 'Lia Son' }], sign: async () => h.token('liaison', 'u-liaison-1') },
  });

/** A request from a given network address, as @hono/node-server passes the socket to the app. */
const from = (address: string) => ({ incoming: { socket: { remoteAddress: address } } });
const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

beforeAll(async () => {
  h = await createHarness();
});

describe('per-caller limits', () => {
  it('answers a user over their limit 429 with Retry-After, leaves others alone, and lets them in again next window', async () => {
    // Prepare
    const app = appWith(new MemoryRateLimiter(60));
    const [busy, other] = [await h.token('liaison', 'u-liaison-1'), await h.token('liaison', 'u-liaison-2')];
    // Act
    const statuses = [];
    for (let i = 0; i < 7; i++) statuses.push((await app.request('/employers', bearer(busy), from('198.51.100.1'))).status);
    const over = await app.request('/employers', bearer(busy), from('198.51.100.1'));
    // Assess
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    expect(over.status).toBe(429);
    expect(over.headers.get('content-type')).toContain('application/problem+json');
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await over.json()).toMatchObject({ status: 429, title: 'Too many requests' });
    expect((await app.request('/employers', bearer(other), from('198.51.100.1'))).status).toBe(200);
    h.clock.set(new Date(h.clock.now().getTime() + 60_000));
    expect((await app.request('/employers', bearer(busy), from('198.51.100.1'))).status).toBe(200);
  });

  it('slows token guessing: after a few bad tokens an address waits, even with a good token; other addresses do not', async () => {
    const app = appWith(new MemoryRateLimiter(60));
    const good = await h.token('liaison', 'u-liaison-3');
    const bad = [];
    for (let i = 0; i < 3; i++) bad.push((await app.request('/employers', bearer(`${good}x${i}`), from('203.0.113.9'))).status);
    expect(bad).toEqual([401, 401, 401]);
    const blocked = await app.request('/employers', bearer(good), from('203.0.113.9'));
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('retry-after')).toBeTruthy();
    expect((await app.request('/employers', bearer(good), from('203.0.113.10'))).status).toBe(200);
    // A bad session cookie on the pages counts the same way.
    const page = await app.request('/app', { headers: { cookie: 'rw_session=forged' } }, from('203.0.113.9'));
    expect(page.status).toBe(429);
  });

  it('limits sign-in attempts per address, with a GOV.UK page', async () => {
    const app = appWith(new MemoryRateLimiter(60));
    const attempt = () =>
      app.request(
        '/sign-in',
        { method: 'POST', body: new URLSearchParams({ as: 'liaison', 'user-liaison': 'nobody' }) },
        from('192.0.2.44'),
      );
    const statuses = [(await attempt()).status, (await attempt()).status];
    const third = await attempt();
    expect(statuses.every((s) => s !== 429)).toBe(true);
    expect(third.status).toBe(429);
    expect(third.headers.get('retry-after')).toBeTruthy();
    expect(await third.text()).toContain('Too many requests');
  });

  it('counts pages and API calls of one user together', async () => {
    const app = appWith(new MemoryRateLimiter(60));
    const token = await h.token('liaison', 'u-liaison-4');
    for (let i = 0; i < 5; i++)
      expect((await app.request('/app', { headers: { cookie: `rw_session=${token}` } }, from('198.51.100.7'))).status).toBe(200);
    const page = await app.request('/app', { headers: { cookie: `rw_session=${token}` } }, from('198.51.100.7'));
    expect(page.status).toBe(429);
    expect(await page.text()).toContain('Too many requests');
    expect((await app.request('/employers', bearer(token), from('198.51.100.7'))).status).toBe(429);
  });

  it('in AWS every instance shares the counters in the table', async () => {
    // Prepare: two "Lambda instances" (two apps) over the same table.
    const limiter = () => new DynamoRateLimiter(new Store(h.db, h.tableName), 60);
    const [a, b] = [appWith(limiter()), appWith(limiter())];
    const token = await h.token('liaison', 'u-liaison-5');
    // Act: five requests spread over both, all at once, then a sixth.
    const first = await Promise.all([a, b, a, b, a].map((app) => app.request('/employers', bearer(token), from('198.51.100.8'))));
    const sixth = await b.request('/employers', bearer(token), from('198.51.100.8'));
    // Assess
    expect(first.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(sixth.status).toBe(429);
  });

  it('documents 429 with Retry-After in the OpenAPI document', async () => {
    const doc = (await (await h.app.request('/openapi.json')).json()) as {
      paths: Record<string, Record<string, { responses: Record<string, { headers?: Record<string, unknown> }> }>>;
    };
    const op = doc.paths['/employers']!.get!;
    expect(op.responses['429']?.headers).toHaveProperty('Retry-After');
    expect(op.responses['503']?.headers).toHaveProperty('Retry-After');
  });
});
