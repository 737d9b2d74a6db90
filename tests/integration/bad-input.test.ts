import { beforeAll, describe, expect, it } from 'vitest';
import { SignJWT, importJWK } from 'jose';
import { body, createHarness, type Harness } from '../support/harness.js';
import { cohortBody, employerBody, participantBody, vacancyBody } from '../support/fixtures.js';
import { generateLocalKeys, LOCAL_AUDIENCE, LOCAL_ISSUER, signLocalToken } from '../../shared/auth/local-keys.js';

/**
 * "What bad input gets" (API.md): every kind of bad request answers a 4xx problem+json that names
 * every bad field, and leaves the table exactly as it was.
 */
let h: Harness;
let employerId: string;
let vacancyId: string;
let cohortId: string;
let participantId: string;

beforeAll(async () => {
  h = await createHarness({ now: '2026-11-25T10:00:00Z' });
  await h.signIn('lia', 'liaison');
  await h.signIn('adv', 'adviser');
  employerId = (await body(await h.call('POST', '/employers', { as: 'lia', body: employerBody() }))).id as string;
  vacancyId = (await body(await h.call('POST', '/vacancies', { as: 'lia', body: vacancyBody(employerId) }))).id as string;
  cohortId = (await body(await h.call('POST', '/cohorts', { as: 'lia', body: cohortBody({ capacity: 1 }) }))).id as string;
  participantId = (await body(await h.call('POST', '/participants', { as: 'adv', body: participantBody() }))).id as string;
  await h.call('POST', `/cohorts/${cohortId}/enrolments`, { as: 'adv', body: { participantId } });
});

interface Case {
  name: string;
  method: string;
  path: () => string;
  as?: string;
  body?: () => unknown;
  headers?: Record<string, string>;
  status: number;
  /** Field paths the problem must name (exactly these). */
  fields?: string[];
}

const cases: Case[] = [
  {
    name: 'oversized body',
    method: 'POST',
    path: () => '/employers',
    as: 'lia',
    body: () => JSON.stringify(employerBody({ notes: 'x'.repeat(300 * 1024) })),
    status: 413,
  },
  { name: 'malformed JSON', method: 'POST', path: () => '/employers', as: 'lia', body: () => '{"name": "Acme",', status: 400 },
  {
    name: 'two byte order marks before the JSON (one is allowed, RFC 8259 §8.1)',
    method: 'POST',
    path: () => '/employers',
    as: 'lia',
    body: () => `\uFEFF\uFEFF${JSON.stringify(employerBody())}`,
    status: 400,
  },
  {
    name: 'a body that is not UTF-8',
    method: 'POST',
    path: () => '/employers',
    as: 'lia',
    body: () => {
      const text = new TextEncoder().encode(JSON.stringify(employerBody({ name: 'Acme#' })));
      text[text.indexOf(0x23)] = 0xff; // a lone byte no UTF-8 text holds, where the '#' was
      return text;
    },
    status: 400,
    fields: ['(body)'],
  },
  {
    name: 'wrong content type',
    method: 'POST',
    path: () => '/employers',
    as: 'lia',
    body: () => 'name=Acme',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    status: 415,
  },
  {
    name: 'wrong types, every field named',
    method: 'POST',
    path: () => '/employers',
    as: 'lia',
    body: () => employerBody({ name: 42, sizeBand: 7, address: { line1: '', town: 'Leeds', postcode: 'NOT A POSTCODE' } }),
    status: 400,
    fields: ['address.line1', 'address.postcode', 'name', 'sizeBand'],
  },
  {
    name: 'unknown enum values',
    method: 'POST',
    path: () => '/vacancies',
    as: 'lia',
    body: () => vacancyBody(employerId, { contractType: 'gig', shiftPatterns: ['day', 'graveyard'], sector: 'piracy' }),
    status: 400,
    fields: ['contractType', 'sector', 'shiftPatterns.1'],
  },
  {
    name: 'impossible range: hours min above max',
    method: 'POST',
    path: () => '/vacancies',
    as: 'lia',
    body: () => vacancyBody(employerId, { hoursPerWeek: { min: 40, max: 16 } }),
    status: 400,
    fields: ['hoursPerWeek.min'],
  },
  {
    name: 'impossible range: cohort ends before it starts',
    method: 'POST',
    path: () => '/cohorts',
    as: 'lia',
    body: () => cohortBody({ startDate: '2027-03-01', endDate: '2027-02-01' }),
    status: 400,
    fields: ['endDate'],
  },
  {
    name: 'unknown fields rejected, not ignored',
    method: 'POST',
    path: () => '/participants',
    as: 'adv',
    body: () => ({ ...participantBody(), favouriteColour: 'blue', home: { postcode: 'LS1 1AA', floor: 3 } }),
    status: 400,
    fields: ['favouriteColour', 'home.floor'],
  },
  {
    name: 'missing required fields',
    method: 'POST',
    path: () => '/vacancies',
    as: 'lia',
    body: () => ({ employerId }),
    status: 400,
    fields: ['closingDate', 'contractType', 'hoursPerWeek', 'occupation', 'positions', 'sector', 'shiftPatterns', 'site', 'title', 'wage'],
  },
  {
    name: 'not a real date',
    method: 'POST',
    path: () => '/vacancies',
    as: 'lia',
    body: () => vacancyBody(employerId, { closingDate: '2026-02-30' }),
    status: 400,
    fields: ['closingDate'],
  },
  { name: 'unknown id', method: 'GET', path: () => '/employers/01J00000000000000000000000', as: 'lia', status: 404 },
  {
    name: 'update of an unknown id',
    method: 'PATCH',
    path: () => '/vacancies/01J00000000000000000000000',
    as: 'lia',
    body: () => ({ title: 'x' }),
    status: 404,
  },
  {
    name: 'foreign id in a body',
    method: 'POST',
    path: () => `/cohorts/${cohortId}/enrolments`,
    as: 'lia',
    body: () => ({ participantId: '01J00000000000000000000000' }),
    status: 400,
    fields: ['participantId'],
  },
  {
    name: 'over-capacity enrolment',
    method: 'POST',
    path: () => `/cohorts/${cohortId}/enrolments`,
    as: 'adv',
    body: async () => ({ participantId: (await body(await h.call('POST', '/participants', { as: 'adv', body: participantBody() }))).id }),
    status: 409,
  },
  {
    name: 'bad query parameter',
    method: 'GET',
    path: () => '/employers?limit=1000&stage=famous',
    as: 'lia',
    status: 400,
    fields: ['limit', 'stage'],
  },
  {
    name: 'empty PATCH',
    method: 'PATCH',
    path: () => `/vacancies/${vacancyId}`,
    as: 'lia',
    body: () => ({}),
    status: 400,
    fields: ['(body)'],
  },
  {
    name: 'malformed If-Match',
    method: 'PATCH',
    path: () => `/vacancies/${vacancyId}`,
    as: 'lia',
    body: () => ({ title: 'x' }),
    headers: { 'if-match': 'banana' },
    status: 400,
    fields: ['If-Match'],
  },
  {
    name: 'stale If-Match',
    method: 'PATCH',
    path: () => `/vacancies/${vacancyId}`,
    as: 'lia',
    body: () => ({ title: 'x' }),
    headers: { 'if-match': '"99"' },
    status: 412,
  },
  { name: 'no token', method: 'GET', path: () => '/employers', status: 401 },
  { name: 'not a bearer token', method: 'GET', path: () => '/employers', headers: { authorization: 'Basic dXNlcjpwYXNz' }, status: 401 },
  { name: 'garbage token', method: 'GET', path: () => '/employers', headers: { authorization: 'Bearer abc.def.ghi' }, status: 401 },
];

describe('bad input changes nothing and answers a clear 4xx', () => {
  it.each(cases)('$name → $status', async (c) => {
    // Prepare: a payload built now may itself create things (a fresh participant), so snapshot after it.
    const payload = c.body ? await c.body() : undefined;
    const before = await h.snapshot();
    // Act
    const res = await h.call(c.method, c.path(), { as: c.as, body: payload, headers: c.headers });
    // Assess
    expect(res.status).toBe(c.status);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const problem = await body<{ status: number; title: string; detail: string; type: string; errors?: { path: string }[] }>(res);
    expect(problem).toMatchObject({
      status: c.status,
      type: expect.stringMatching(/^https:\/\//),
      title: expect.any(String),
      detail: expect.any(String),
    });
    if (c.fields) expect([...new Set(problem.errors?.map((e) => e.path))].sort()).toEqual(c.fields);
    expect(await h.snapshot()).toBe(before);
  });

  it('accepts one byte order mark before the JSON, as RFC 8259 §8.1 allows', async () => {
    const res = await h.call('POST', '/employers', { as: 'lia', body: `\uFEFF${JSON.stringify(employerBody({ name: 'Bom Ltd' }))}` });
    expect(res.status).toBe(201);
    expect((await body(res)).name).toBe('Bom Ltd');
  });

  it('rejects expired tokens, tokens for another audience, and tokens signed by an unknown key', async () => {
    const key = await importJWK(h.keys.privateJwk, 'ES256');
    const sign = (aud: string, exp: number) =>
      new SignJWT({ role: 'liaison', org: 'test-org' })
        .setProtectedHeader({ alg: 'ES256', kid: h.keys.privateJwk.kid })
        .setSubject('u-liaison-1')
        .setIssuer(LOCAL_ISSUER)
        .setAudience(aud)
        .setIssuedAt(exp - 3600)
        .setExpirationTime(exp)
        .sign(key);
    const now = Math.floor(Date.now() / 1000);
    const expired = await sign(LOCAL_AUDIENCE, now - 60);
    const otherAudience = await sign('someone-else', now + 600);
    const strangerKey = await signLocalToken(await generateLocalKeys(), { sub: 'u-liaison-1', role: 'liaison' });
    for (const token of [expired, otherAudience, strangerKey]) {
      const res = await h.call('GET', '/employers', { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(401);
    }
    const good = await sign(LOCAL_AUDIENCE, now + 600);
    expect((await h.call('GET', '/employers', { headers: { authorization: `Bearer ${good}` } })).status).toBe(200);
  });

  it('refuses a token without a role, and an employer token without an employer', async () => {
    const noRole = await signLocalToken(h.keys, { sub: 'x', role: 'wizard' as never });
    expect((await h.call('GET', '/employers', { headers: { authorization: `Bearer ${noRole}` } })).status).toBe(401);
    const noEmployer = await signLocalToken(h.keys, { sub: 'x', role: 'employer' });
    expect((await h.call('GET', '/employers', { headers: { authorization: `Bearer ${noEmployer}` } })).status).toBe(401);
  });

  it('refuses a cursor it never issued (wrong or extra attributes, another partition, another range, not strings) with 400 naming it', async () => {
    // Prepare: a real cursor from a list that pages.
    for (const name of ['Cursor One Ltd', 'Cursor Two Ltd', 'Cursor Three Ltd'])
      await h.call('POST', '/employers', { as: 'lia', body: employerBody({ name, stage: 'prospect' }) });
    const first = (await (await h.call('GET', '/employers?stage=prospect&limit=1', { as: 'lia' })).json()) as { nextCursor: string };
    const real = JSON.parse(Buffer.from(first.nextCursor, 'base64url').toString('utf8')) as Record<string, string>;
    const enc = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const pk = Object.keys(real).find((k) => k.startsWith('GSI') && k.endsWith('PK'))!;
    const forged = [
      enc({ ...real, extra: 'x' }),
      enc({ PK: real.PK, SK: real.SK }),
      enc({ ...real, [pk]: real[pk]!.replace('test-org', 'other-org') }),
      enc({ ...real, SK: 1 }),
      enc({ ...real, SK: { S: 'x' } }),
      enc([real]),
      enc('x'.repeat(3000)),
      'not base64 at all!',
      Buffer.from('{"PK":').toString('base64url'),
    ];
    for (const cursor of forged) {
      // Act
      const res = await h.call('GET', `/employers?stage=prospect&limit=1&cursor=${encodeURIComponent(cursor)}`, { as: 'lia' });
      // Assess
      expect(res.status).toBe(400);
      expect((await res.json()) as { errors: { path: string }[] }).toMatchObject({ errors: [{ path: 'cursor' }] });
    }
    // The real one still pages.
    expect((await h.call('GET', `/employers?stage=prospect&limit=1&cursor=${first.nextCursor}`, { as: 'lia' })).status).toBe(200);
  });
});
