import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context, Hono } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { WiredAppDeps } from '../deps.js';
export type { LocalSignIn } from '../deps.js';
import type { WebEnv } from './context.js';
import { hostedSignInRoutes, safeNext } from './hosted-sign-in.js';
import { Layout } from './layout.js';
import { endSession, startSession } from './session.js';
import * as staff from '../../../shared/use-cases/staff.js';

/** The local sign-in form's own CSRF token: a random value in a cookie only this site's pages send back, and in the form. */
const SIGN_IN_CSRF_COOKIE = 'rw_sign_in';
const SIGN_IN_CSRF = /^[A-Za-z0-9_-]{43}$/;

/** The sign-in form's token: the browser's existing one (so two open sign-in tabs both work), or a new one. */
function signInCsrf(c: Context, secure: boolean): string {
  const existing = getCookie(c, SIGN_IN_CSRF_COOKIE);
  const token = existing && SIGN_IN_CSRF.test(existing) ? existing : randomBytes(32).toString('base64url');
  setCookie(c, SIGN_IN_CSRF_COOKIE, token, { httpOnly: true, secure, sameSite: 'Strict', path: '/sign-in', maxAge: 3600 });
  return token;
}

function signInCsrfMatches(c: Context, sent: unknown): boolean {
  const want = getCookie(c, SIGN_IN_CSRF_COOKIE);
  if (!want || !SIGN_IN_CSRF.test(want) || typeof sent !== 'string') return false;
  const [a, b] = [Buffer.from(sent), Buffer.from(want)];
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A post another site's page made: its Origin is not ours, or the browser says it is cross-site. */
function crossSite(c: Context): boolean {
  const origin = c.req.header('origin');
  if (origin !== undefined && origin !== new URL(c.req.url).origin) return true;
  return c.req.header('sec-fetch-site') === 'cross-site';
}

function signInRefused(c: Context) {
  return c.html(
    <Layout title="Sign-in refused">
      <h1 class="govuk-heading-l">Sign-in refused</h1>
      <p class="govuk-body">The sign-in form has expired or did not come from Routeway, so nobody was signed in.</p>
      <p class="govuk-body">
        <a class="govuk-link" href="/sign-in">
          Go to the sign-in page
        </a>
      </p>
    </Layout>,
    403,
  );
}

/**
 * Signing in and out: the local demo sign-in (local mode), Cognito's hosted pages (AWS with a user
 * pool domain), or a page saying sign-in is not set up (AWS without one).
 */
export function signInRoutes(web: Hono<WebEnv>, deps: WiredAppDeps): void {
  const secure = deps.secureCookies ?? true;
  if (deps.localSignIn) {
    const local = deps.localSignIn;
    // Locally, the outbox is a page too: after signing in, a browser sent from it goes back there.
    const localNext = (next: unknown) => safeNext(next, deps.localOutboxDir ? ['/dev/outbox'] : []);
    // The demo users, as the directory has them now (a changed role, someone added); a deactivated one is not offered.
    const localUsers = async () => {
      if (!local.directoryOrg) return local.users;
      const held = await staff.signInList(deps, local.directoryOrg);
      const byId = new Map(held.map((m) => [m.sub, m]));
      const known = local.users.filter((u) => !byId.has(u.sub) || byId.get(u.sub)!.active).map((u) => byId.get(u.sub) ?? u);
      return [...known, ...held.filter((m) => m.active && !local.users.some((u) => u.sub === m.sub))];
    };
    web.get('/sign-in', async (c) => {
      const users = await localUsers();
      const next = localNext(c.req.query('next'));
      const csrf = signInCsrf(c, secure);
      const groups = (['liaison', 'employer', 'adviser', 'admin'] as const).map((role) => ({
        role,
        users: users.filter((u) => u.role === role),
      }));
      return c.html(
        <Layout title="Sign in">
          <h1 class="govuk-heading-l">Sign in</h1>
          <p class="govuk-body">Local demo: choose who to be. (In AWS, sign-in is through the Cognito user pool.)</p>
          <form method="post" action="/sign-in">
            <input type="hidden" name="next" value={next} />
            <input type="hidden" name="csrf" value={csrf} />
            {groups.map((g) => (
              <div class="govuk-form-group">
                <label class="govuk-label govuk-label--s" for={`user-${g.role}`}>
                  {g.role === 'liaison'
                    ? 'Employer liaison officers'
                    : g.role === 'adviser'
                      ? 'Advisers'
                      : g.role === 'employer'
                        ? 'Employers'
                        : 'Administrators'}
                </label>
                <select class="govuk-select" id={`user-${g.role}`} name={`user-${g.role}`}>
                  {g.users.slice(0, 60).map((u) => (
                    <option value={u.sub}>
                      {u.name} ({u.sub})
                    </option>
                  ))}
                </select>
                <button
                  class="govuk-button govuk-button--secondary govuk-!-margin-left-2"
                  name="as"
                  value={g.role}
                  type="submit"
                  data-module="govuk-button"
                >
                  Sign in as {g.role}
                </button>
              </div>
            ))}
          </form>
        </Layout>,
      );
    });
    web.post('/sign-in', async (c) => {
      // Signing in as anyone is this page's whole point, so only this page may do it: a form another
      // site makes the browser post (login CSRF, and locally that can be admin) is refused.
      if (crossSite(c)) return signInRefused(c);
      const form = await c.req.parseBody();
      if (!signInCsrfMatches(c, form.csrf)) return signInRefused(c);
      const role = String(form.as ?? '');
      const sub = String(form[`user-${role}`] ?? '');
      const user = (await localUsers()).find((u) => u.role === role && u.sub === sub);
      if (!user) return c.redirect('/sign-in', 303);
      startSession(c, await local.sign(user), secure);
      return c.redirect(localNext(form.next), 303);
    });
  }

  if (deps.localSignIn) {
    web.post('/sign-out', (c) => {
      // Harmless, so no token; but another site may not sign the browser out either.
      if (crossSite(c)) return c.text('Sign-out refused: the request did not come from Routeway.', 403);
      endSession(c);
      return c.redirect('/sign-in', 303);
    });
  } else if (deps.hostedSignIn) {
    hostedSignInRoutes(web, { hosted: deps.hostedSignIn, verifier: deps.verifier, logger: deps.logger, secure });
  } else {
    // Cognito mode without a hosted sign-in domain (context routeway:cognitoDomainPrefix unset): say so.
    web.get('/sign-in', (c) =>
      c.html(
        <Layout title="Sign-in is not set up">
          <h1 class="govuk-heading-l">Sign-in is not set up</h1>
          <p class="govuk-body">
            This deployment has no sign-in pages. Its operator deploys with the context value routeway:cognitoDomainPrefix to turn them on.
            The API still accepts bearer tokens.
          </p>
        </Layout>,
        503,
      ),
    );
    web.post('/sign-out', (c) => {
      endSession(c);
      return c.redirect('/', 303);
    });
  }
}
