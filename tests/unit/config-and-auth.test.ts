import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../shared/config.js';
import { importJWK, SignJWT } from 'jose';
import { actorFromClaims, createTokenVerifier, MAX_TOKEN_AGE } from '../../shared/auth/verifier.js';
import { generateLocalKeys, LOCAL_AUDIENCE, LOCAL_ISSUER, type LocalKeys } from '../../shared/auth/local-keys.js';
import { UnauthenticatedError } from '../../shared/errors.js';

const base = {
  TABLE_NAME: 'routeway',
  AUTH_MODE: 'local',
  JWT_ISSUER: 'routeway-local',
  JWT_AUDIENCE: 'routeway-api',
  LOCAL_JWKS_PATH: '.data/jwks.json',
  DEFAULT_ORG: 'demo-org',
  EMAIL_MODE: 'local',
  LOCAL_OUTBOX_DIR: '.data/outbox',
  RATE_LIMIT_STORE: 'memory',
  POSTCODE_DISTRICTS_PATH: 'data/postcode-districts.csv',
};

describe('config', () => {
  it('parses a complete environment into a frozen object', () => {
    const c = loadConfig(base);
    expect(c.TABLE_NAME).toBe('routeway');
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('fails fast naming every missing or bad variable', () => {
    expect(() => loadConfig({ ...base, TABLE_NAME: undefined, AUTH_MODE: 'magic' })).toThrow(/TABLE_NAME.*AUTH_MODE|AUTH_MODE.*TABLE_NAME/);
  });

  it('needs a sender for SES and a folder for local email', () => {
    expect(() => loadConfig({ ...base, EMAIL_MODE: 'ses' })).toThrow(/EMAIL_FROM/);
    expect(() => loadConfig({ ...base, LOCAL_OUTBOX_DIR: undefined })).toThrow(/LOCAL_OUTBOX_DIR/);
  });

  it('has a default organisation in local mode only', () => {
    expect(() => loadConfig({ ...base, DEFAULT_ORG: undefined })).toThrow(/DEFAULT_ORG/);
    const cognito = {
      ...base,
      AUTH_MODE: 'cognito',
      JWKS_URL: 'https://idp.example/jwks.json',
      USER_POOL_ID: 'eu-west-2_AbC123',
      LOCAL_JWKS_PATH: undefined,
    };
    expect(() => loadConfig(cognito)).toThrow(/DEFAULT_ORG: not allowed/);
    expect(loadConfig({ ...cognito, DEFAULT_ORG: undefined }).DEFAULT_ORG).toBeUndefined();
  });

  it('needs the JWKS URL and the user pool (the staff directory) in cognito mode, and the key file locally', () => {
    expect(() => loadConfig({ ...base, AUTH_MODE: 'cognito' })).toThrow(/JWKS_URL/);
    expect(() => loadConfig({ ...base, AUTH_MODE: 'cognito' })).toThrow(/USER_POOL_ID: required/);
    expect(() => loadConfig({ ...base, USER_POOL_ID: 'not a pool' })).toThrow(/USER_POOL_ID: must be a user pool id/);
    expect(() => loadConfig({ ...base, LOCAL_JWKS_PATH: undefined })).toThrow(/LOCAL_JWKS_PATH/);
  });
});

describe('claims to actor', () => {
  it('reads local claims', () => {
    expect(actorFromClaims({ sub: 'u1', role: 'liaison', org: 'north-org' }, 'demo-org')).toEqual({
      sub: 'u1',
      role: 'liaison',
      orgId: 'north-org',
    });
  });

  it('reads Cognito groups and custom attributes, preferring the most privileged group', () => {
    expect(actorFromClaims({ sub: 'abc', 'cognito:groups': ['adviser', 'admin'], 'custom:org': 'prime-1' }, 'demo-org')).toEqual({
      sub: 'abc',
      role: 'admin',
      orgId: 'prime-1',
    });
    expect(actorFromClaims({ sub: 'e', 'cognito:groups': ['employer'], 'custom:employerId': 'EMP1' }, 'demo-org')).toEqual({
      sub: 'e',
      role: 'employer',
      orgId: 'demo-org',
      employerId: 'EMP1',
    });
  });

  it('refuses tokens without a role, with a bad org, or an employer without an employer', () => {
    expect(() => actorFromClaims({ sub: 'x' }, 'demo-org')).toThrow(/role/);
    expect(() => actorFromClaims({ sub: 'x', role: 'admin', org: 'BAD ORG!' }, 'demo-org')).toThrow(/organisation/);
    expect(() => actorFromClaims({ sub: 'x', role: 'employer' }, 'demo-org')).toThrow(/employer/);
    expect(() => actorFromClaims({ sub: 'x', role: 'admin' })).toThrow(/organisation/);
  });

  it('drops an employerId claim on non-employer roles', () => {
    expect(actorFromClaims({ sub: 'x', role: 'liaison', employerId: 'E' }, 'demo-org')).not.toHaveProperty('employerId');
  });
});

describe('token verification', () => {
  const sign = async (keys: LocalKeys, build: (j: SignJWT) => SignJWT) =>
    build(
      new SignJWT({ role: 'admin', org: 'north-org' })
        .setProtectedHeader({ alg: 'ES256', kid: keys.privateJwk.kid })
        .setSubject('u1')
        .setIssuer(LOCAL_ISSUER)
        .setAudience(LOCAL_AUDIENCE),
    ).sign(await importJWK(keys.privateJwk, 'ES256'));
  const verifierFor = (keys: LocalKeys, defaultOrg?: string) =>
    createTokenVerifier({
      issuer: LOCAL_ISSUER,
      audience: LOCAL_AUDIENCE,
      keys: { kind: 'local', jwks: keys.jwks },
      ...(defaultOrg ? { defaultOrg } : {}),
    });

  it('accepts a signed token with an issue time and an expiry', async () => {
    const keys = await generateLocalKeys();
    const token = await sign(keys, (j) => j.setIssuedAt().setExpirationTime('1h'));
    await expect(verifierFor(keys).verify(token)).resolves.toMatchObject({ sub: 'u1', orgId: 'north-org' });
  });

  it('refuses a validly signed token that never expires, or has no issue time', async () => {
    const keys = await generateLocalKeys();
    await expect(verifierFor(keys).verify(await sign(keys, (j) => j.setIssuedAt()))).rejects.toBeInstanceOf(UnauthenticatedError);
    await expect(verifierFor(keys).verify(await sign(keys, (j) => j.setExpirationTime('1h')))).rejects.toBeInstanceOf(UnauthenticatedError);
  });

  it(`refuses a token issued more than ${MAX_TOKEN_AGE} ago, whatever its own expiry`, async () => {
    const keys = await generateLocalKeys();
    const issued = Math.floor(Date.now() / 1000) - 13 * 3600;
    const token = await sign(keys, (j) => j.setIssuedAt(issued).setExpirationTime(issued + 30 * 24 * 3600));
    await expect(verifierFor(keys).verify(token)).rejects.toBeInstanceOf(UnauthenticatedError);
  });

  it('refuses a token without an organisation unless a local default is configured', async () => {
    const keys = await generateLocalKeys();
    const token = await new SignJWT({ role: 'admin' })
      .setProtectedHeader({ alg: 'ES256', kid: keys.privateJwk.kid })
      .setSubject('u1')
      .setIssuer(LOCAL_ISSUER)
      .setAudience(LOCAL_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(await importJWK(keys.privateJwk, 'ES256'));
    await expect(verifierFor(keys).verify(token)).rejects.toThrow(/names no organisation/);
    await expect(verifierFor(keys, 'demo-org').verify(token)).resolves.toMatchObject({ orgId: 'demo-org' });
  });
});
