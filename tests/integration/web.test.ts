import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../functions/api/app.js';
import { signLocalToken } from '../../shared/auth/local-keys.js';
import { logger } from '../../shared/logger.js';
import { createTokenVerifier } from '../../shared/auth/verifier.js';
import { LOCAL_AUDIENCE, LOCAL_ISSUER } from '../../shared/auth/local-keys.js';
import { body, createHarness, ORG, type Harness } from '../support/harness.js';
import { employerBody } from '../support/fixtures.js';
import { webClient } from '../support/web.js';

/** The pages, in-process: sessions, CSRF, and the same rules as the API. The browser journey is in tests/e2e. */
let h: Harness;
let web: ReturnType<typeof createApp>;
const USERS = [
  { sub: 'u-liaison-1', role: 'liaison' as const, name: 'Lia Son' },
  { sub: 'u-adviser-1', role: 'adviser' as const, name: 'Ada Viser' },
];

beforeAll(async () => {
  h = await createHarness();
  web = createApp({
    ...h.deps,
    logger,
    verifier: createTokenVerifier({
      issuer: LOCAL_ISSUER,
      audience: LOCAL_AUDIENCE,
      keys: { kind: 'local', jwks: h.keys.jwks },
      defaultOrg: ORG,
    }),
    secureCookies: false,
    localSignIn: { users: USERS, sign: (u) => signLocalToken(h.keys, { sub: u.sub, role: u.role, org: ORG }) },
  });
  await h.signIn('lia', 'liaison', { sub: 'u-liaison-1' });
  await h.call('POST', '/employers', { as: 'lia', body: employerBody({ name: 'Pennine Bakery' }) });
});

async function signInAs(as: string, sub: string) {
  const { cookie, setCookie } = await webClient(() => web).signIn(as, sub);
  expect(setCookie).toMatch(/rw_session=.*HttpOnly.*SameSite=Lax/i);
  return cookie;
}

describe('web pages', () => {
  it('sends a visitor without a session to sign in', async () => {
    const res = await web.request('/app');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/sign-in?next=%2Fapp');
    const signIn = await web.request('/sign-in');
    expect(await signIn.text()).toContain('Sign in as liaison');
  });

  it('shows a liaison officer their employers after signing in', async () => {
    const cookie = await signInAs('liaison', 'u-liaison-1');
    const res = await web.request('/app', { headers: { cookie } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('My employers');
    expect(html).toContain('Pennine Bakery');
    expect(html).toContain('govuk-frontend.min.css');
  });

  it('refuses a form post without the CSRF token', async () => {
    const cookie = await signInAs('liaison', 'u-liaison-1');
    const res = await web.request('/sign-out', { method: 'POST', headers: { cookie }, body: new URLSearchParams({}) });
    // Sign-out is harmless and needs no token; a state-changing page post does.
    expect(res.status).toBe(303);
    const post = await web.request('/app/vacancies', { method: 'POST', headers: { cookie }, body: new URLSearchParams({ title: 'x' }) });
    expect(post.status).toBe(403);
    // A token of the right length in characters but not in bytes is refused, not a 500.
    const wide = await web.request('/app/vacancies', {
      method: 'POST',
      headers: { cookie },
      body: new URLSearchParams({ csrf: 'é'.repeat(43), title: 'x' }),
    });
    expect(wide.status).toBe(403);
  });

  it('gzips pages and assets for browsers that ask, and only for them', async () => {
    const plain = await web.request('/assets/govuk-frontend.min.css');
    expect(plain.headers.get('content-encoding')).toBeNull();
    const css = await plain.text();
    const zipped = await web.request('/assets/govuk-frontend.min.css', { headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    expect(zipped.headers.get('vary')).toMatch(/accept-encoding/i);
    const bytes = Buffer.from(await zipped.arrayBuffer());
    expect(bytes.length).toBeLessThan(css.length / 4);
    expect(gunzipSync(bytes).toString('utf8')).toBe(css);
    const cookie = await signInAs('liaison', 'u-liaison-1');
    const page = await web.request('/app', { headers: { cookie, 'accept-encoding': 'gzip' } });
    expect(page.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await page.arrayBuffer())).toString('utf8')).toContain('My employers');
    // The JSON API is left as it is.
    const api = await h.call('GET', '/employers?limit=50', { as: 'lia', headers: { 'accept-encoding': 'gzip' } });
    expect(api.headers.get('content-encoding')).toBeNull();
  });

  it('serves GOV.UK Frontend assets', async () => {
    const css = await web.request('/assets/govuk-frontend.min.css');
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toContain('text/css');
    expect((await web.request('/assets/fonts/bold-b542beb274-v2.woff2')).status).toBe(200);
    expect((await web.request('/assets/..%2F..%2Fpackage.json')).status).toBe(404);
    expect((await web.request('/assets/../../package.json')).status).not.toBe(200);
  });

  it('leaves the API untouched', async () => {
    expect((await h.call('GET', '/employers', { as: 'lia' })).status).toBe(200);
    expect((await body(await h.call('GET', '/health'))).status).toBe('ok');
  });

  it('has its information pages for anyone, linked from every page', async () => {
    for (const [path, text] of [
      ['/help', 'Help and contact'],
      ['/accessibility', 'Web Content Accessibility Guidelines version 2.2 AA'],
      ['/privacy', 'Only your own adviser and administrators can see these'],
      ['/cookies', 'rw_session'],
    ] as const) {
      const res = await web.request(path);
      expect(res.status, path).toBe(200);
      expect(await res.text()).toContain(text);
    }
    const signIn = await (await web.request('/sign-in')).text();
    for (const path of ['/help', '/accessibility', '/privacy', '/cookies']) expect(signIn).toContain(`href="${path}"`);
  });
});
