import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../functions/api/app.js';
import { createTokenVerifier } from '../../shared/auth/verifier.js';
import { LOCAL_AUDIENCE, LOCAL_ISSUER } from '../../shared/auth/local-keys.js';
import { logger } from '../../shared/logger.js';
import { employerBody } from '../support/fixtures.js';
import { createHarness, ORG, type Harness } from '../support/harness.js';

/** Every response says how it may be framed, sniffed, cached and which scripts it may run. */
let h: Harness;
let cookie: string;
let employerId: string;

const appWith = (secureCookies: boolean) =>
  createApp({
    ...h.deps,
    logger,
    verifier: createTokenVerifier({
      issuer: LOCAL_ISSUER,
      audience: LOCAL_AUDIENCE,
      keys: { kind: 'local', jwks: h.keys.jwks },
      defaultOrg: ORG,
    }),
    secureCookies,
  });

beforeAll(async () => {
  h = await createHarness();
  await h.signIn('lia', 'liaison', { sub: 'u-liaison-1' });
  employerId = ((await (await h.call('POST', '/employers', { as: 'lia', body: employerBody() })).json()) as { id: string }).id;
  // The browser session is the identity provider's token in a cookie.
  cookie = `rw_session=${await h.token('liaison', 'u-liaison-1')}`;
});

describe('security headers', () => {
  it('pages forbid framing, inline script and sniffing, and are never stored', async () => {
    // Act
    const res = await h.app.request('/app', { headers: { cookie } });
    // Assess
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("object-src 'none'");
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('same-origin');
    expect(res.headers.get('cache-control')).toBe('no-store');
    // Nothing on the page needs what the policy forbids: no inline script, no style attribute.
    const html = await res.text();
    expect(html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
    expect(html).not.toMatch(/\sstyle=/);
  });

  it('API answers carrying personal data are no-store; the static assets may be cached', async () => {
    const api = await h.call('GET', `/employers/${employerId}`, { as: 'lia' });
    expect(api.status).toBe(200);
    expect(api.headers.get('cache-control')).toBe('no-store');
    expect(api.headers.get('x-content-type-options')).toBe('nosniff');
    const problem = await h.call('GET', '/employers/nope', { as: 'lia' });
    expect(problem.headers.get('cache-control')).toBe('no-store');
    const css = await h.app.request('/assets/govuk-frontend.min.css');
    expect(css.status).toBe(200);
    expect(css.headers.get('cache-control')).toMatch(/max-age=\d+/);
    const startUp = await h.app.request('/assets/js-enabled.js');
    expect(startUp.status).toBe(200);
    expect(await startUp.text()).toContain('govuk-frontend-supported');
  });

  it('sends HSTS when served over HTTPS (AWS), not on plain-HTTP localhost', async () => {
    expect((await appWith(true).request('/health')).headers.get('strict-transport-security')).toMatch(/max-age=\d{7,}/);
    expect((await appWith(false).request('/health')).headers.get('strict-transport-security')).toBeNull();
  });
});
