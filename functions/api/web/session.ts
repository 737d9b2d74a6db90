import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { TokenVerifier } from '../../../shared/auth/verifier.js';
import type { Actor } from '../../../shared/domain/actor.js';
import { ForbiddenError, UnauthenticatedError } from '../../../shared/errors.js';
import type { SessionGuard } from '../../../shared/use-cases/sessions.js';
import type { AppEnv } from '../env.js';
import { countUser, guardBadTokens, type RateLimiting } from '../middleware/rate-limit.js';
import { checkFieldNames } from './forms.js';

export const SESSION_COOKIE = 'rw_session';

/**
 * The browser session is the identity provider's token in a Secure, HttpOnly, SameSite=Lax cookie,
 * verified on every request exactly as a bearer token is. The CSRF token is derived from it (an HMAC
 * keyed by the token), so a page's forms carry a value no other site can know or reuse.
 */
export function csrfFor(token: string): string {
  return createHmac('sha256', token).update('routeway-csrf').digest('base64url');
}

export function startSession(c: Context, token: string, secure: boolean) {
  setCookie(c, SESSION_COOKIE, token, { httpOnly: true, secure, sameSite: 'Lax', path: '/', maxAge: 8 * 3600 });
}

export function endSession(c: Context) {
  deleteCookie(c, SESSION_COOKIE, { path: '/' });
}

export interface WebVariables {
  actor: Actor;
  csrf: string;
}

/** Pages need a session: without one (or with an expired one) the browser goes to sign in. */
export function requireSession(
  verifier: TokenVerifier,
  rate: RateLimiting,
  sessions: SessionGuard,
): MiddlewareHandler<AppEnv & { Variables: { csrf: string } }> {
  return async (c, next) => {
    // Registered on '/app' and '/app/*', which Hono both matches for '/app': check (and count) once.
    if (c.get('actor')) return next();
    const token = getCookie(c, SESSION_COOKIE);
    // A bad session cookie counts against the address like a bad bearer token.
    // A user whose access was withdrawn since signing in (deactivated, or given another role) signs in again.
    const actor = token
      ? await guardBadTokens(
          rate,
          c,
          () => verifier.verify(token),
          (err) => err instanceof UnauthenticatedError,
        )
          .then(async ({ issuedAt, ...actor }) => {
            await sessions.check(actor, issuedAt);
            return actor;
          })
          .catch((err: unknown) => {
            if (err instanceof UnauthenticatedError) return undefined;
            throw err;
          })
      : undefined;
    if (!token || !actor) {
      endSession(c);
      return c.redirect(`/sign-in?next=${encodeURIComponent(new URL(c.req.url).pathname)}`, 303);
    }
    c.set('actor', { ...actor, correlationId: c.get('correlationId') });
    await countUser(rate, actor);
    c.set('csrf', csrfFor(token));
    if (c.req.method === 'POST') {
      // Parsed with `all` so repeated fields (checkboxes) stay lists for the page handler, which gets this cached parse.
      const form = await c.req.parseBody({ all: true });
      // Compared as bytes: a token of the right length in characters but not in bytes must not throw.
      const sent = Buffer.from(typeof form.csrf === 'string' ? form.csrf : '');
      const want = Buffer.from(csrfFor(token));
      if (sent.length !== want.length || !timingSafeEqual(sent, want)) {
        return c.text('The form has expired or did not come from Routeway. Go back, reload the page and try again.', 403);
      }
      // Every page's form is key-checked once, here, before any page handler reads it.
      checkFieldNames(form);
    }
    await next();
  };
}

/** Liaison officers and admins: those the staff pages (taking vacancies, putting people forward) are for. */
export const isStaff = (actor: Actor) => actor.role === 'liaison' || actor.role === 'admin';

/** Only liaison officers and admins work on the staff pages; others get the GOV.UK 403 page. */
export function staffOnly(actor: Actor): void {
  if (!isStaff(actor)) throw new ForbiddenError(`Your role (${actor.role}) may not use this page`);
}
