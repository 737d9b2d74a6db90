import { createHash } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import type { Clock } from '../../../shared/clock.js';
import type { Actor } from '../../../shared/domain/actor.js';
import { TooManyRequestsError } from '../../../shared/errors.js';
import type { RateLimiter, RateLimits, RateScope } from '../../../shared/ports/rate-limiter.js';
import type { AppEnv } from '../env.js';

/** The limiter, its limits and the clock it counts windows by. */
export interface RateLimiting {
  limiter: RateLimiter;
  limits: RateLimits;
  clock: Clock;
}

/**
 * The caller's network address: API Gateway's `sourceIp` in Lambda (set by AWS, not by the client),
 * the socket's peer locally. Headers such as X-Forwarded-For are never trusted.
 */
export function clientAddress<E extends AppEnv>(c: Context<E>): string {
  const env = c.env as
    | { event?: { requestContext?: { http?: { sourceIp?: string } } }; incoming?: { socket?: { remoteAddress?: string } } }
    | undefined;
  return env?.event?.requestContext?.http?.sourceIp ?? env?.incoming?.socket?.remoteAddress ?? 'unknown';
}

/** Counters are keyed by a hash, so the table holds no addresses or user ids in clear. */
const callerKey = (raw: string) => createHash('sha256').update(raw).digest('base64url').slice(0, 22);

async function hit(r: RateLimiting, scope: RateScope, caller: string, limit: number, what: string) {
  const d = await r.limiter.hit(scope, callerKey(caller), limit, r.clock.now().getTime());
  if (!d.ok) throw new TooManyRequestsError(d.retryAfterSeconds, `${what}; wait ${d.retryAfterSeconds} s and try again.`);
}

/** Counts one request of a signed-in user (API and pages share one count). */
export const countUser = (r: RateLimiting, actor: Pick<Actor, 'orgId' | 'sub'>) =>
  hit(r, 'user', `${actor.orgId}/${actor.sub}`, r.limits.userPerWindow, 'Too many requests from your account');

/** A signed-in user's requests, after authentication. */
export function limitUser(r: RateLimiting): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await countUser(r, c.get('actor'));
    await next();
  };
}

/** Sign-in attempts from one address. */
export function limitSignIn(r: RateLimiting): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (c.req.method === 'POST' || c.req.path === '/auth/callback')
      await hit(r, 'sign-in', clientAddress(c), r.limits.signInPerWindow, 'Too many sign-in attempts from your address');
    await next();
  };
}

/**
 * Bad tokens from one address: an address that has sent too many in this window is answered 429
 * before its token is even checked; each new failure counts.
 */
export async function guardBadTokens<T, E extends AppEnv>(
  r: RateLimiting,
  c: Context<E>,
  verify: () => Promise<T>,
  isBadToken: (err: unknown) => boolean,
): Promise<T> {
  const address = callerKey(clientAddress(c));
  const d = await r.limiter.peek('bad-token', address, r.limits.badTokensPerWindow, r.clock.now().getTime());
  if (!d.ok)
    throw new TooManyRequestsError(
      d.retryAfterSeconds,
      `Too many invalid tokens from your address; wait ${d.retryAfterSeconds} s and try again.`,
    );
  try {
    return await verify();
  } catch (err) {
    if (isBadToken(err)) await r.limiter.hit('bad-token', address, r.limits.badTokensPerWindow, r.clock.now().getTime());
    throw err;
  }
}
