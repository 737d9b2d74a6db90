import { createHash, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { importJWK, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../functions/api/app.js';
import { createTokenVerifier } from '../../shared/auth/verifier.js';
import { logger } from '../../shared/logger.js';
import { createHarness, ORG, type Harness } from '../support/harness.js';

/**
 * Web sign-in in AWS mode: Cognito's hosted pages, the authorization code flow with PKCE. Cognito is
 * not reachable from here, so a small stand-in on a real port plays its two endpoints (authorize, which
 * a person would use, and token, which the app calls) and checks what Cognito checks: the client, the
 * redirect URI, a single-use code, and the PKCE verifier against the challenge.
 */
const ISSUER = 'https://cognito-idp.eu-west-2.amazonaws.com/eu-west-2_TEST';
const CLIENT_ID = 'routeway-web-client';
const APP = 'https://routeway.test';

let h: Harness;
let cognito: ServerType;
let cognitoUrl: string;
let web: ReturnType<typeof createApp>;
const codes = new Map<string, { challenge: string; redirectUri: string; claims: Record<string, unknown> }>();

async function idToken(claims: Record<string, unknown>) {
  const key = await importJWK(h.keys.privateJwk, 'ES256');
  return new SignJWT({ token_use: 'id', ...claims })
    .setProtectedHeader({ alg: 'ES256', kid: h.keys.privateJwk.kid })
    .setIssuer(ISSUER)
    .setAudience(CLIENT_ID)
    .setSubject(String(claims.sub))
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(key);
}

beforeAll(async () => {
  h = await createHarness();
  const fake = new Hono();
  // What the person does on Cognito's page: signs in; Cognito redirects back with a one-time code.
  fake.get('/oauth2/authorize', (c) => {
    const q = c.req.query();
    if (q.client_id !== CLIENT_ID || q.response_type !== 'code' || q.code_challenge_method !== 'S256') return c.text('bad request', 400);
    const code = randomUUID();
    codes.set(code, { challenge: q.code_challenge!, redirectUri: q.redirect_uri!, claims: JSON.parse(q.as_user!) });
    return c.redirect(`${q.redirect_uri}?code=${code}&state=${encodeURIComponent(q.state!)}`, 302);
  });
  fake.post('/oauth2/token', async (c) => {
    const form = await c.req.parseBody();
    const issued = codes.get(String(form.code));
    codes.delete(String(form.code)); // single use
    const verifierHash = createHash('sha256').update(String(form.code_verifier)).digest('base64url');
    if (
      !issued ||
      form.grant_type !== 'authorization_code' ||
      form.client_id !== CLIENT_ID ||
      form.redirect_uri !== issued.redirectUri ||
      verifierHash !== issued.challenge
    ) {
      return c.json({ error: 'invalid_grant' }, 400);
    }
    return c.json({ id_token: await idToken(issued.claims), access_token: 'not-used', token_type: 'Bearer', expires_in: 3600 });
  });
  await new Promise<void>((resolve) => {
    cognito = serve({ fetch: fake.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve());
  });
  cognitoUrl = `http://127.0.0.1:${(cognito.address() as AddressInfo).port}`;
  web = createApp({
    ...h.deps,
    logger,
    verifier: createTokenVerifier({ issuer: ISSUER, audience: CLIENT_ID, keys: { kind: 'local', jwks: h.keys.jwks }, defaultOrg: ORG }),
    hostedSignIn: { domain: cognitoUrl, clientId: CLIENT_ID },
  });
});

afterAll(() => new Promise<void>((resolve) => cognito.close(() => resolve())));

/** Starts sign-in at the app; returns Cognito's authorize URL and the flow cookie the app set. */
async function start(next?: string) {
  const res = await web.request(`${APP}/sign-in${next ? `?next=${encodeURIComponent(next)}` : ''}`);
  expect(res.status).toBe(302);
  const cookie = res.headers.get('set-cookie')!;
  expect(cookie).toMatch(/^rw_oauth=[^;]+;.*Path=\/auth\/callback.*HttpOnly.*Secure.*SameSite=Lax/i);
  return { authorize: new URL(res.headers.get('location')!), flowCookie: cookie.split(';')[0]! };
}

/** The person signs in on Cognito's page as `user`; returns where Cognito sends the browser back to. */
async function signInAtCognito(authorize: URL, user: Record<string, unknown>) {
  const url = new URL(authorize);
  url.searchParams.set('as_user', JSON.stringify(user));
  const res = await fetch(url, { redirect: 'manual' });
  expect(res.status).toBe(302);
  return new URL(res.headers.get('location')!);
}

const liaison = { sub: 'cog-liaison-1', 'cognito:groups': ['liaison'], 'custom:org': ORG, email: 'lia@example.org' };

describe('hosted sign-in (Cognito)', () => {
  it('sends the browser to Cognito with PKCE and state, and comes back signed in where it was going', async () => {
    const { authorize, flowCookie } = await start('/app/vacancies');
    expect(authorize.origin + authorize.pathname).toBe(`${cognitoUrl}/oauth2/authorize`);
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: CLIENT_ID,
      redirect_uri: `${APP}/auth/callback`,
      scope: 'openid email profile',
      code_challenge_method: 'S256',
    });
    expect(authorize.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]{32}$/);

    const back = await signInAtCognito(authorize, liaison);
    expect(back.origin + back.pathname).toBe(`${APP}/auth/callback`);
    const res = await web.request(back.toString(), { headers: { cookie: flowCookie } });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/app/vacancies');
    const cookies = res.headers.getSetCookie();
    const session = cookies.find((c) => c.startsWith('rw_session='))!;
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/Secure/i);
    expect(cookies.some((c) => /^rw_oauth=;/.test(c))).toBe(true); // the flow cookie is spent

    const app = await web.request(`${APP}/app`, { headers: { cookie: session.split(';')[0]! } });
    expect(app.status).toBe(200);
    expect(await app.text()).toContain('My employers');
  });

  it('refuses a callback whose state does not match the one this browser started', async () => {
    const first = await start();
    const second = await start();
    const back = await signInAtCognito(first.authorize, liaison);
    const res = await web.request(back.toString(), { headers: { cookie: second.flowCookie } });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Your sign-in has expired');
    expect(res.headers.getSetCookie().some((c) => c.startsWith('rw_session=') && !c.startsWith('rw_session=;'))).toBe(false);
    // Refused before the code was exchanged: the browser that started this sign-in can still finish it.
    expect((await web.request(back.toString(), { headers: { cookie: first.flowCookie } })).status).toBe(303);
  });

  it('refuses a callback with no flow cookie (a link from elsewhere) and a code used twice', async () => {
    const { authorize, flowCookie } = await start();
    const back = await signInAtCognito(authorize, liaison);
    expect((await web.request(back.toString())).status).toBe(400);
    // Without the cookie the app did not spend the code; with it, the first use works and a replay fails.
    expect((await web.request(back.toString(), { headers: { cookie: flowCookie } })).status).toBe(303);
    const replay = await web.request(back.toString(), { headers: { cookie: flowCookie } });
    expect(replay.status).toBe(400);
    expect(await replay.text()).toContain('not accepted');
  });

  it('signs nobody in whose account has no Routeway role', async () => {
    const { authorize, flowCookie } = await start();
    const back = await signInAtCognito(authorize, { sub: 'cog-nobody', 'custom:org': ORG });
    const res = await web.request(back.toString(), { headers: { cookie: flowCookie } });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('no Routeway role');
    expect(res.headers.getSetCookie().some((c) => c.startsWith('rw_session=') && !c.startsWith('rw_session=;'))).toBe(false);
  });

  it('follows only paths inside the app after sign-in', async () => {
    const { authorize, flowCookie } = await start('https://evil.example/app');
    const res = await web.request((await signInAtCognito(authorize, liaison)).toString(), { headers: { cookie: flowCookie } });
    expect(res.headers.get('location')).toBe('/app');
  });

  it('shows a clear page when the person cancels at Cognito', async () => {
    const { flowCookie } = await start();
    const res = await web.request(`${APP}/auth/callback?error=access_denied&state=x`, { headers: { cookie: flowCookie } });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Sign-in did not complete');
  });

  it('has no local sign-in form, and signs out through Cognito', async () => {
    const post = await web.request(`${APP}/sign-in`, {
      method: 'POST',
      body: new URLSearchParams({ as: 'admin', 'user-admin': 'u-admin-1' }),
    });
    expect(post.status).toBe(404);
    const out = await web.request(`${APP}/sign-out`, { method: 'POST', body: new URLSearchParams({}) });
    expect(out.status).toBe(303);
    const logout = new URL(out.headers.get('location')!);
    expect(logout.origin + logout.pathname).toBe(`${cognitoUrl}/logout`);
    expect(Object.fromEntries(logout.searchParams)).toEqual({ client_id: CLIENT_ID, logout_uri: `${APP}/` });
    expect(out.headers.getSetCookie().some((c) => /^rw_session=;/.test(c))).toBe(true);
  });

  it('says plainly that sign-in is not set up when the pool has no hosted domain', async () => {
    const bare = createApp({
      ...h.deps,
      logger,
      verifier: createTokenVerifier({ issuer: ISSUER, audience: CLIENT_ID, keys: { kind: 'local', jwks: h.keys.jwks }, defaultOrg: ORG }),
    });
    const res = await bare.request(`${APP}/sign-in`);
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('Sign-in is not set up');
    expect((await bare.request(`${APP}/app`)).headers.get('location')).toBe('/sign-in?next=%2Fapp');
    const out = await bare.request(`${APP}/sign-out`, { method: 'POST', body: new URLSearchParams({}) });
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toBe('/');
  });

  it('says so, without a 5xx stack, when the sign-in service does not answer', async () => {
    const down = createApp({
      ...h.deps,
      logger,
      verifier: createTokenVerifier({ issuer: ISSUER, audience: CLIENT_ID, keys: { kind: 'local', jwks: h.keys.jwks }, defaultOrg: ORG }),
      hostedSignIn: { domain: 'http://127.0.0.1:9', clientId: CLIENT_ID },
    });
    const res0 = await down.request(`${APP}/sign-in`);
    const cookie = res0.headers.get('set-cookie')!.split(';')[0]!;
    const state = new URL(res0.headers.get('location')!).searchParams.get('state')!;
    const res = await down.request(`${APP}/auth/callback?code=abc&state=${state}`, { headers: { cookie } });
    expect(res.status).toBe(502);
    expect(await res.text()).toContain('did not answer');
  });
});
