import type { MiddlewareHandler } from 'hono';
import type { TokenVerifier } from '../../../shared/auth/verifier.js';
import { UnauthenticatedError } from '../../../shared/errors.js';
import type { AppEnv } from '../env.js';

/** Verifies the bearer token (issuer, audience, expiry, signature via the key set) and sets the actor. */
export function authenticate(verifier: TokenVerifier): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization');
    const match = header?.match(/^Bearer ([A-Za-z0-9._~+/=-]+)$/);
    if (!match?.[1]) {
      c.header('WWW-Authenticate', 'Bearer realm="routeway"');
      throw new UnauthenticatedError('Send a bearer token in the Authorization header');
    }
    c.set('actor', { ...(await verifier.verify(match[1])), correlationId: c.get('correlationId') });
    await next();
  };
}
