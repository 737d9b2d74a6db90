import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../shared/config.js';
import { actorFromClaims } from '../../shared/auth/verifier.js';

const base = {
  TABLE_NAME: 'routeway',
  AUTH_MODE: 'local',
  JWT_ISSUER: 'routeway-local',
  JWT_AUDIENCE: 'routeway-api',
  LOCAL_JWKS_PATH: '.data/jwks.json',
  DEFAULT_ORG: 'demo-org',
  EMAIL_MODE: 'local',
  LOCAL_OUTBOX_DIR: '.data/outbox',
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

  it('needs the JWKS URL in cognito mode and the key file locally', () => {
    expect(() => loadConfig({ ...base, AUTH_MODE: 'cognito' })).toThrow(/JWKS_URL/);
    expect(() => loadConfig({ ...base, LOCAL_JWKS_PATH: undefined })).toThrow(/LOCAL_JWKS_PATH/);
  });
});

describe('claims to actor', () => {
  it('reads local claims', () => {
    expect(actorFromClaims({ sub: 'u1', role: 'liaison', org: 'north-org' }, 'demo-org')).toEqual({ sub: 'u1', role: 'liaison', orgId: 'north-org' });
  });

  it('reads Cognito groups and custom attributes, preferring the most privileged group', () => {
    expect(
      actorFromClaims({ sub: 'abc', 'cognito:groups': ['adviser', 'admin'], 'custom:org': 'prime-1' }, 'demo-org'),
    ).toEqual({ sub: 'abc', role: 'admin', orgId: 'prime-1' });
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
  });

  it('drops an employerId claim on non-employer roles', () => {
    expect(actorFromClaims({ sub: 'x', role: 'liaison', employerId: 'E' }, 'demo-org')).not.toHaveProperty('employerId');
  });
});
