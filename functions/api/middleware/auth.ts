import type { MiddlewareHandler } from 'hono';
import type { TokenVerifier } from '../../../shared/auth/verifier.js';
import { UnauthenticatedError } from '../../../shared/errors.js';
import type { SessionGuard } from '../../../shared/use-cases/sessions.js';
import type { AppEnv } from '../env.js';
import { guardBadTokens, type RateLimiting } from './rate-limit.js';

/**
 * Verifies the bearer token (issuer, audience, expiry, signature via the key set), checks that its
 * user's access has not been withdrawn since it was issued (deactivated, or their role changed), and
 * sets the actor. Bad tokens count against the caller's address, so guessing is slowed to a few a minute.
 */
export function authenticate(verifier: TokenVerifier, rate: RateLimiting, sessions: SessionGuard): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization');
    const match = header?.match(/^Bearer ([A-Za-z0-9._~+/=-]+)$/);
    if (!match?.[1]) {
      c.header('WWW-Authenticate', 'Bearer realm="routeway"');
      throw new UnauthenticatedError('Send a bearer token in the Authorization header');
    }
    const token = match[1];
    const { issuedAt, ...actor } = await guardBadTokens(
      rate,
      c,
      () => verifier.verify(token),
      (err) => err instanceof UnauthenticatedError,
    );
    await sessions.check(actor, issuedAt);
    c.set('actor', { ...actor, correlationId: c.get('correlationId') });
    await next();
  };
}
