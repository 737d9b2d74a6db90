import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importJWK, SignJWT } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../functions/api/app.js';
import { safeNext } from '../../functions/api/web/hosted-sign-in.js';
import { LocalOutboxEmailSender } from '../../shared/adapters/email/local-outbox.js';
import { LOCAL_AUDIENCE, LOCAL_ISSUER, signLocalToken } from '../../shared/auth/local-keys.js';
import { createTokenVerifier } from '../../shared/auth/verifier.js';
import { logger } from '../../shared/logger.js';
import { createHarness, ORG, type Harness } from '../support/harness.js';
import { webClient } from '../support/web.js';

/**
 * Local mode's sign-in can make anyone anybody, so only its own page may use it (a CSRF token in a
 * SameSite=Strict cookie and the form, and no cross-site Origin); where it sends the browser afterwards
 * is always a path inside the app; and the email outbox needs a signed-in session like the pages.
 */
let h: Harness;
let web: ReturnType<typeof createApp>;
let outbox: string;
const USERS = [
  { sub: 'u-liaison-1', role: 'liaison' as const, name: 'Lia Son' },
  { sub: 'u-admin-1', role: 'admin' as const, name: 'Ad Min' },
];
const ORIGIN = 'http://localhost';

beforeAll(async () => {
  h = await createHarness();
  outbox = await mkdtemp(join(tmpdir(), 'routeway-outbox-'));
  await new LocalOutboxEmailSender(outbox).send({
    to: 'hr@pennine.example',
    subject: 'Candidates for Warehouse operative',
    text: 'Dean W. is put forward.',
  });
});
/** A fresh app for each test: sign-in attempts are rate-limited per address, and these tests make many. */
beforeEach(() => {
  web = localApp();
});

function localApp() {
  return createApp({
    ...h.deps,
    logger,
    verifier: createTokenVerifier({
      issuer: LOCAL_ISSUER,
      audience: LOCAL_AUDIENCE,
      keys: { kind: 'local', jwks: h.keys.jwks },
      defaultOrg: ORG,
    }),
    secureCookies: false,
    localOutboxDir: outbox,
    localSignIn: { users: USERS, sign: (u) => signLocalToken(h.keys, { sub: u.sub, role: u.role, org: ORG }) },
  });
}
afterAll(async () => {
  await rm(outbox, { recursive: true, force: true });
});

/** The sign-in page as a browser gets it: its form's token, the cookie that goes with it, and the `next` it carries. */
async function signInPage(next?: string) {
  const res = await web.request(`/sign-in${next === undefined ? '' : `?next=${encodeURIComponent(next)}`}`);
  expect(res.status).toBe(200);
  const html = await res.text();
  const setCookie = res.headers.getSetCookie().find((c) => c.startsWith('rw_sign_in='))!;
  return {
    token: /name="csrf" value="([^"]+)"/.exec(html)![1]!,
    next: /name="next" value="([^"]*)"/.exec(html)![1]!,
    setCookie,
    cookie: setCookie.split(';')[0]!,
  };
}

function post(fields: Record<string, string>, headers: Record<string, string> = {}) {
  return web.request('/sign-in', {
    method: 'POST',
    headers,
    body: new URLSearchParams({ as: 'admin', 'user-admin': 'u-admin-1', next: '/app', ...fields }),
  });
}

const sessionSet = (res: Response) => res.headers.getSetCookie().some((c) => c.startsWith('rw_session=') && !c.startsWith('rw_session=;'));

describe('local sign-in', () => {
  it('gives the form a random token, in an HttpOnly SameSite=Strict cookie for the sign-in page only', async () => {
    const page = await signInPage();
    expect(page.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(page.setCookie).toMatch(/HttpOnly/i);
    expect(page.setCookie).toMatch(/SameSite=Strict/i);
    expect(page.setCookie).toMatch(/Path=\/sign-in/i);
    expect(page.cookie).toBe(`rw_sign_in=${page.token}`);
    // A second sign-in tab keeps the browser's token, so the first tab's form still works.
    const again = await web.request('/sign-in', { headers: { cookie: page.cookie } });
    expect(await again.text()).toContain(`name="csrf" value="${page.token}"`);
    expect(page.token).not.toBe((await signInPage()).token);
  });

  it('signs in with the token and its cookie, from its own origin', async () => {
    const page = await signInPage();
    const res = await post({ csrf: page.token }, { cookie: page.cookie, origin: ORIGIN, 'sec-fetch-site': 'same-origin' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/app');
    expect(sessionSet(res)).toBe(true);
  });

  it('refuses a sign-in post that did not come from its own page', async () => {
    const page = await signInPage();
    const other = await signInPage();
    const refusals: [string, Response][] = [
      ['no token, no cookie (a form on another site)', await post({})],
      ['the token without its cookie (SameSite=Strict keeps it from cross-site posts)', await post({ csrf: page.token })],
      ['the cookie without the token', await post({}, { cookie: page.cookie })],
      ["another browser's token", await post({ csrf: other.token }, { cookie: page.cookie })],
      ['a token of another length', await post({ csrf: `${page.token}x` }, { cookie: page.cookie })],
      ['a token with non-ASCII characters', await post({ csrf: `${page.token.slice(0, 41)}é` }, { cookie: page.cookie })],
      ['another origin', await post({ csrf: page.token }, { cookie: page.cookie, origin: 'https://evil.example' })],
      ['the same host on another port', await post({ csrf: page.token }, { cookie: page.cookie, origin: 'http://localhost:8080' })],
      ['an opaque origin', await post({ csrf: page.token }, { cookie: page.cookie, origin: 'null' })],
      ['a cross-site fetch', await post({ csrf: page.token }, { cookie: page.cookie, 'sec-fetch-site': 'cross-site' })],
    ];
    for (const [what, res] of refusals) {
      expect(res.status, what).toBe(403);
      expect(sessionSet(res), what).toBe(false);
      expect(await res.text(), what).toContain('Sign-in refused');
    }
  });

  it('refuses a sign-out another site asks for', async () => {
    const { cookie } = await webClient(() => web).signIn('liaison', 'u-liaison-1');
    const res = await web.request('/sign-out', {
      method: 'POST',
      headers: { cookie, origin: 'https://evil.example' },
      body: new URLSearchParams({}),
    });
    expect(res.status).toBe(403);
    expect(res.headers.getSetCookie().some((c) => c.startsWith('rw_session='))).toBe(false);
    const own = await web.request('/sign-out', { method: 'POST', headers: { cookie, origin: ORIGIN }, body: new URLSearchParams({}) });
    expect(own.status).toBe(303);
  });
});

describe('where sign-in sends the browser', () => {
  const unsafe = [
    '/app\r\nSet-Cookie: x=1',
    '/app%0d%0aSet-Cookie:x=1',
    '/app/\nLocation: https://evil.example',
    'https://evil.example/app',
    '//evil.example/app',
    '/\\evil.example',
    '/app\\@evil.example',
    '/application',
    '/app/../health',
    '/app/./x/../../docs',
    '/app/%2e%2e/docs',
    ' /app',
    '/app/vacancies#top',
    '/app/"><script>',
    '',
  ];
  const safe = ['/app', '/app/', '/app/vacancies', '/app/vacancies/01JABCDEF0123456789ABCDEFG', '/app/vacancies?status=open&page=2'];

  it('the GET puts only safe paths in the form, and never answers 500', async () => {
    for (const next of unsafe) expect((await signInPage(next)).next, JSON.stringify(next)).toBe('/app');
    for (const next of safe) expect((await signInPage(next)).next, next).toBe(next.replace(/&/g, '&amp;'));
  });

  it('the POST redirects only to safe paths, and never answers 500', async () => {
    for (const next of [...unsafe, ...safe]) {
      web = localApp();
      const page = await signInPage();
      const res = await post({ csrf: page.token, next }, { cookie: page.cookie });
      expect(res.status, JSON.stringify(next)).toBe(303);
      expect(res.headers.get('location'), JSON.stringify(next)).toBe(safe.includes(next) ? next : '/app');
    }
  });

  it('the same rule, exactly, for the hosted (Cognito) sign-in', () => {
    for (const next of unsafe) expect(safeNext(next), JSON.stringify(next)).toBe('/app');
    for (const next of safe) expect(safeNext(next)).toBe(next);
    expect(safeNext(undefined)).toBe('/app');
    expect(safeNext(['/app/x'])).toBe('/app');
  });
});

describe('hosted sign-in checks the `next` carried in its flow cookie', () => {
  const ISSUER = 'https://cognito-idp.eu-west-2.amazonaws.com/eu-west-2_TEST';
  const CLIENT_ID = 'routeway-web-client';
  let hosted: ReturnType<typeof createApp>;

  beforeAll(async () => {
    const key = await importJWK(h.keys.privateJwk, 'ES256');
    const idToken = await new SignJWT({ token_use: 'id', 'cognito:groups': ['liaison'], 'custom:org': ORG })
      .setProtectedHeader({ alg: 'ES256', kid: h.keys.privateJwk.kid })
      .setIssuer(ISSUER)
      .setAudience(CLIENT_ID)
      .setSubject('cog-liaison-1')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(key);
    hosted = createApp({
      ...h.deps,
      logger,
      verifier: createTokenVerifier({ issuer: ISSUER, audience: CLIENT_ID, keys: { kind: 'local', jwks: h.keys.jwks }, defaultOrg: ORG }),
      // The token endpoint, stood in: every code is good (this test is about the cookie, not the exchange).
      hostedSignIn: { domain: 'https://auth.routeway.test', clientId: CLIENT_ID, fetch: async () => Response.json({ id_token: idToken }) },
    });
  });

  it('starts the flow with a safe `next`', async () => {
    const res = await hosted.request(`https://routeway.test/sign-in?next=${encodeURIComponent('/app\r\nSet-Cookie: x=1')}`);
    expect(res.status).toBe(302);
    const flow = res.headers
      .getSetCookie()
      .find((c) => c.startsWith('rw_oauth='))!
      .split(';')[0]!
      .slice('rw_oauth='.length);
    expect(JSON.parse(Buffer.from(flow, 'base64url').toString('utf8')).next).toBe('/app');
  });

  it('and follows only a safe `next` from a cookie it did not write', async () => {
    for (const next of ['/app\r\nSet-Cookie: x=1', 'https://evil.example/app', '/app/vacancies']) {
      const flow = Buffer.from(JSON.stringify({ state: 'st', verifier: 'v'.repeat(64), next })).toString('base64url');
      const res = await hosted.request('https://routeway.test/auth/callback?code=c&state=st', { headers: { cookie: `rw_oauth=${flow}` } });
      expect(res.status, JSON.stringify(next)).toBe(303);
      expect(res.headers.get('location')).toBe(next === '/app/vacancies' ? next : '/app');
    }
  });
});

describe('the local email outbox', () => {
  it('sends a browser without a session to sign in, and back to the outbox afterwards', async () => {
    const res = await web.request('/dev/outbox');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/sign-in?next=%2Fdev%2Foutbox');
    expect((await web.request('/dev/outbox', { headers: { cookie: 'rw_session=forged' } })).status).toBe(303);

    const page = await signInPage('/dev/outbox');
    expect(page.next).toBe('/dev/outbox');
    const signedIn = await post({ csrf: page.token, next: page.next }, { cookie: page.cookie });
    expect(signedIn.headers.get('location')).toBe('/dev/outbox');
    const cookie = signedIn.headers
      .getSetCookie()
      .find((c) => c.startsWith('rw_session='))!
      .split(';')[0]!;
    const list = await web.request('/dev/outbox', { headers: { cookie } });
    expect(list.status).toBe(200);
    expect(await list.text()).toContain('Candidates for Warehouse operative');
  });

  it('does not take a bearer token instead of the session', async () => {
    const res = await web.request('/dev/outbox', { headers: { authorization: `Bearer ${await h.token('admin', 'u-admin-1')}` } });
    expect(res.status).toBe(303);
  });

  it('does not exist without a local outbox (in AWS)', async () => {
    const res = await h.app.request('/dev/outbox');
    expect(res.status).toBe(404);
  });
});
