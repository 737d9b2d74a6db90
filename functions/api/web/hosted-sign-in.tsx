import { createHash, randomBytes } from 'node:crypto';
import type { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { TokenVerifier } from '../../../shared/auth/verifier.js';
import type { AppLogger } from '../../../shared/logger.js';
import type { AppEnv } from '../env.js';
import { Layout } from './layout.js';
import { endSession, startSession } from './session.js';

/**
 * Sign-in through Cognito's hosted (managed login) pages: the OAuth 2.0 authorization code flow with
 * PKCE for a public client (no secret in the Lambda). The ID token Cognito returns becomes the session
 * cookie, verified on every request exactly as a bearer token is.
 */
export interface HostedSignIn {
  /** The user pool domain, e.g. `https://routeway-dev.auth.eu-west-2.amazoncognito.com`. */
  domain: string;
  /** The app client id (also the ID token's audience). */
  clientId: string;
  /** For tests: the HTTP client used for the token endpoint. */
  fetch?: typeof fetch;
}

/** The short-lived cookie that carries the flow's state and PKCE verifier from /sign-in to the callback. */
const FLOW_COOKIE = 'rw_oauth';
const FLOW_TTL_SECONDS = 600;
const CALLBACK = '/auth/callback';

const b64url = (buf: Buffer) => buf.toString('base64url');
export const pkceChallenge = (verifier: string) => b64url(createHash('sha256').update(verifier).digest());

/**
 * Where to go after sign-in: a path inside the app, of unreserved URL characters only (a query may
 * also carry `=`, `&`, `+` and %-escapes), with no `.` or `..` segment. Anything else, another site, a
 * header-breaking CR/LF or a path that climbs out of /app, is /app. `also` names further exact paths.
 */
const NEXT_PATH = /^\/app(?:\/[A-Za-z0-9\-._~/]*)?(?:\?[A-Za-z0-9\-._~=&+%]*)?$/;
export function safeNext(next: unknown, also: readonly string[] = []): string {
  if (typeof next !== 'string') return '/app';
  if (also.includes(next)) return next;
  if (!NEXT_PATH.test(next)) return '/app';
  const path = next.split('?')[0]!;
  return path.split('/').some((segment) => segment === '.' || segment === '..') ? '/app' : next;
}

interface Flow {
  state: string;
  verifier: string;
  next: string;
}

function readFlow(raw: string | undefined): Flow | undefined {
  if (!raw) return undefined;
  try {
    const flow = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Partial<Flow>;
    // The cookie comes back from the browser: its `next` is checked again, like the query it came from.
    if (typeof flow.state === 'string' && typeof flow.verifier === 'string' && typeof flow.next === 'string')
      return { ...(flow as Flow), next: safeNext(flow.next) };
  } catch {
    // A tampered or truncated cookie is the same as none.
  }
  return undefined;
}

function Problem({ title, children }: { title: string; children: string }) {
  return (
    <Layout title={title}>
      <h1 class="govuk-heading-l">{title}</h1>
      <p class="govuk-body">{children}</p>
      <p class="govuk-body">
        <a class="govuk-link" href="/sign-in">
          Try signing in again
        </a>
      </p>
    </Layout>
  );
}

export function hostedSignInRoutes<E extends AppEnv>(
  web: Hono<E>,
  opts: { hosted: HostedSignIn; verifier: TokenVerifier; logger: AppLogger; secure: boolean },
): void {
  const { hosted, verifier, logger, secure } = opts;
  const domain = hosted.domain.replace(/\/+$/, '');
  const doFetch = hosted.fetch ?? fetch;
  const redirectUri = (url: string) => new URL(CALLBACK, url).toString();

  web.get('/sign-in', (c) => {
    const flow: Flow = { state: b64url(randomBytes(24)), verifier: b64url(randomBytes(48)), next: safeNext(c.req.query('next')) };
    setCookie(c, FLOW_COOKIE, Buffer.from(JSON.stringify(flow)).toString('base64url'), {
      httpOnly: true,
      secure,
      sameSite: 'Lax', // sent on the top-level redirect back from Cognito
      path: CALLBACK,
      maxAge: FLOW_TTL_SECONDS,
    });
    const authorize = new URL(`${domain}/oauth2/authorize`);
    authorize.search = new URLSearchParams({
      response_type: 'code',
      client_id: hosted.clientId,
      redirect_uri: redirectUri(c.req.url),
      scope: 'openid email profile',
      state: flow.state,
      code_challenge: pkceChallenge(flow.verifier),
      code_challenge_method: 'S256',
    }).toString();
    return c.redirect(authorize.toString(), 302);
  });

  web.get(CALLBACK, async (c) => {
    const flow = readFlow(getCookie(c, FLOW_COOKIE));
    deleteCookie(c, FLOW_COOKIE, { path: CALLBACK });
    const { code, state, error } = c.req.query();
    if (error) {
      logger.warn('hosted sign-in refused', { oauthError: error });
      return c.html(<Problem title="Sign-in did not complete">The sign-in service did not sign you in. Nothing was changed.</Problem>, 400);
    }
    if (!flow || !code || !state || state !== flow.state) {
      return c.html(
        <Problem title="Your sign-in has expired">
          The sign-in took too long or was started in another window, so Routeway could not trust it.
        </Problem>,
        400,
      );
    }
    let idToken: string | undefined;
    try {
      const res = await doFetch(`${domain}/oauth2/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          client_id: hosted.clientId,
          code,
          redirect_uri: redirectUri(c.req.url),
          code_verifier: flow.verifier,
        }).toString(),
        signal: AbortSignal.timeout(5000),
      });
      if (res.ok) idToken = ((await res.json()) as { id_token?: unknown }).id_token as string | undefined;
      else logger.warn('hosted sign-in token exchange refused', { status: res.status });
    } catch (err) {
      logger.error('hosted sign-in token endpoint unreachable', { error: err as Error });
      return c.html(
        <Problem title="Sorry, there is a problem with the service">
          The sign-in service did not answer. Try again in a few minutes.
        </Problem>,
        502,
      );
    }
    if (typeof idToken !== 'string') {
      return c.html(
        <Problem title="Your sign-in has expired">The sign-in code was not accepted (it may have been used already).</Problem>,
        400,
      );
    }
    try {
      await verifier.verify(idToken);
    } catch {
      // Signed in with Cognito, but not a Routeway user: no group (role), or an employer without an employer.
      return c.html(
        <Problem title="You cannot use Routeway yet">
          Your account has no Routeway role. Ask your Routeway administrator to add you to a group.
        </Problem>,
        403,
      );
    }
    startSession(c, idToken, secure);
    return c.redirect(flow.next, 303);
  });

  web.post('/sign-out', (c) => {
    endSession(c);
    const logout = new URL(`${domain}/logout`);
    logout.search = new URLSearchParams({ client_id: hosted.clientId, logout_uri: new URL('/', c.req.url).toString() }).toString();
    return c.redirect(logout.toString(), 303);
  });
}
