import { createLocalJWKSet, createRemoteJWKSet, jwtVerify, type JSONWebKeySet, type JWTPayload } from 'jose';
import { ROLES, type Actor, type Role } from '../domain/actor.js';
import { ORG_ID } from '../domain/common.js';
import { UnauthenticatedError } from '../errors.js';

export interface TokenVerifier {
  /** The actor the token names, and when it was issued (epoch seconds), for the session check. */
  verify(token: string): Promise<Actor & { issuedAt?: number }>;
}

export interface VerifierOptions {
  issuer: string;
  audience: string;
  /** A key set held in memory (local) or the URL of one (Cognito). */
  keys: { kind: 'local'; jwks: JSONWebKeySet } | { kind: 'remote'; url: string };
  /** Local mode only: the organisation of a token that names none. In AWS a token without one is refused. */
  defaultOrg?: string;
}

/** The longest a token is honoured after it was issued, whatever its own expiry says (Cognito's ID tokens last an hour). */
export const MAX_TOKEN_AGE = '12h';

const ROLE_PRIORITY: readonly Role[] = ['admin', 'liaison', 'adviser', 'employer'];

/**
 * Maps verified claims to an actor. Locally signed tokens carry `role`, `org`, `employerId`; Cognito
 * ID tokens carry groups in `cognito:groups` and custom attributes `custom:org`, `custom:employerId`.
 */
export function actorFromClaims(claims: JWTPayload, defaultOrg?: string): Actor {
  const sub = typeof claims.sub === 'string' ? claims.sub : undefined;
  const groups = Array.isArray(claims['cognito:groups']) ? (claims['cognito:groups'] as unknown[]) : [];
  const claimed = typeof claims.role === 'string' ? claims.role : ROLE_PRIORITY.find((r) => groups.includes(r));
  const role = ROLES.find((r) => r === claimed);
  const org = (claims.org ?? claims['custom:org'] ?? defaultOrg) as unknown;
  const employerId = (claims.employerId ?? claims['custom:employerId']) as unknown;
  if (!sub) throw new UnauthenticatedError('The token has no subject');
  if (!role) throw new UnauthenticatedError('The token carries no Routeway role');
  if (org === undefined) throw new UnauthenticatedError('The token names no organisation');
  if (typeof org !== 'string' || !ORG_ID.test(org)) throw new UnauthenticatedError('The token carries an invalid organisation');
  if (role === 'employer' && (typeof employerId !== 'string' || employerId.length === 0)) {
    throw new UnauthenticatedError('An employer token must name its employer');
  }
  return { sub, role, orgId: org, ...(role === 'employer' ? { employerId: employerId as string } : {}) };
}

export function createTokenVerifier(opts: VerifierOptions): TokenVerifier {
  const keySet = opts.keys.kind === 'local' ? createLocalJWKSet(opts.keys.jwks) : createRemoteJWKSet(new URL(opts.keys.url));
  return {
    async verify(token) {
      let payload: JWTPayload;
      try {
        // A token without an expiry (or an issue time) would be good for ever: both are required, and no
        // token is honoured more than MAX_TOKEN_AGE after it was issued.
        ({ payload } = await jwtVerify(token, keySet, {
          issuer: opts.issuer,
          audience: opts.audience,
          clockTolerance: 5,
          requiredClaims: ['exp', 'iat', 'sub'],
          maxTokenAge: MAX_TOKEN_AGE,
        }));
      } catch {
        // Which check failed is not the caller's business beyond "sign in again".
        throw new UnauthenticatedError('The token is invalid or has expired');
      }
      return { ...actorFromClaims(payload, opts.defaultOrg), ...(typeof payload.iat === 'number' ? { issuedAt: payload.iat } : {}) };
    },
  };
}
