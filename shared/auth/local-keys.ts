import { exportJWK, generateKeyPair, importJWK, SignJWT, type JSONWebKeySet, type JWK } from 'jose';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Role } from '../domain/actor.js';

/** Local mode only: the signing key pair the local server trusts, kept under `.data/`. */
export interface LocalKeys {
  privateJwk: JWK;
  jwks: JSONWebKeySet;
}

export const LOCAL_ISSUER = 'routeway-local';
export const LOCAL_AUDIENCE = 'routeway-api';

export async function generateLocalKeys(): Promise<LocalKeys> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const kid = `local-${Date.now().toString(36)}`;
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: 'ES256' };
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' };
  return { privateJwk, jwks: { keys: [publicJwk] } };
}

/** Reads the local key pair, creating it on first use. `jwksPath` is the public key set the server reads. */
export async function loadOrCreateLocalKeys(privatePath: string, jwksPath: string): Promise<LocalKeys> {
  try {
    const privateJwk = JSON.parse(await readFile(privatePath, 'utf8')) as JWK;
    const jwks = JSON.parse(await readFile(jwksPath, 'utf8')) as JSONWebKeySet;
    return { privateJwk, jwks };
  } catch {
    const keys = await generateLocalKeys();
    await mkdir(dirname(privatePath), { recursive: true });
    await writeFile(privatePath, JSON.stringify(keys.privateJwk), { mode: 0o600 });
    await writeFile(jwksPath, JSON.stringify(keys.jwks));
    return keys;
  }
}

export interface TokenClaims {
  sub: string;
  role: Role;
  org?: string;
  employerId?: string;
  name?: string;
}

export async function signLocalToken(keys: LocalKeys, claims: TokenClaims, ttlSeconds = 8 * 3600): Promise<string> {
  const key = await importJWK(keys.privateJwk, 'ES256');
  const { sub, ...rest } = claims;
  return new SignJWT({ ...rest })
    .setProtectedHeader({ alg: 'ES256', kid: keys.privateJwk.kid })
    .setSubject(sub)
    .setIssuer(LOCAL_ISSUER)
    .setAudience(LOCAL_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(key);
}
