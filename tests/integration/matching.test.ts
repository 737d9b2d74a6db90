import { beforeAll, describe, expect, it } from 'vitest';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { body, createHarness, type Harness } from '../support/harness.js';
import { cohortBody, employerBody, participantBody, vacancyBody } from '../support/fixtures.js';
import { geohash, POOL_SUBCELL_PRECISION } from '../../shared/matching/geo.js';

/** Matching against real DynamoDB Local: who comes back, and how the pool follows each change. */
let h: Harness;
let employerId: string;
let vacancyId: string;

interface Matches {
  candidates: {
    participantId: string;
    score: number;
    guaranteedInterview: boolean;
    factors: { factor: string; contribution: number }[];
    gaps: string[];
    summary: { name: string };
  }[];
  nearlyReady: { participantId: string }[];
  excluded: Record<string, number>;
  fairness: { eligible: number; longTermUnemployedShareOfEligible: number; longTermUnemployedShareOfList: number };
  pool: { cells: string[]; profilesRead: number };
}

const LEEDS = { lat: 53.7965, lng: -1.5478 };
const matchable = (over: Record<string, unknown> = {}) =>
  participantBody({
    readiness: 'green',
    consent: { matching: true, shareWithEmployers: ['firstName', 'skills'] },
    skills: ['picking', 'packing'],
    preferences: { occupations: ['warehouse'], sectors: ['warehousing-logistics'], maxTravelKm: 20, shifts: [] },
    ...over,
  });

async function add(over: Record<string, unknown> = {}, as = 'adv'): Promise<string> {
  const res = await h.call('POST', '/participants', { as, body: matchable(over) });
  expect(res.status).toBe(201);
  return (await body(res)).id as string;
}

async function matches(id = vacancyId, as = 'lia'): Promise<Matches> {
  const res = await h.call('GET', `/vacancies/${id}/matches?limit=50`, { as });
  expect(res.status).toBe(200);
  return body<Matches>(res);
}

const ids = (m: Matches) => m.candidates.map((c) => c.participantId);

beforeAll(async () => {
  h = await createHarness({ now: '2026-11-25T10:00:00Z' });
  await h.signIn('lia', 'liaison');
  await h.signIn('adv', 'adviser', { sub: 'u-adviser-1' });
  await h.signIn('adv2', 'adviser', { sub: 'u-adviser-2' });
  await h.signIn('adm', 'admin');
  employerId = (await body(await h.call('POST', '/employers', { as: 'lia', body: employerBody() }))).id as string;
  vacancyId = (
    await body(
      await h.call('POST', '/vacancies', {
        as: 'lia',
        body: vacancyBody(employerId, {
          status: 'open',
          site: { postcode: 'LS1 4AP', location: LEEDS },
          essentialSkills: ['picking'],
          desirableSkills: ['packing', 'forklift'],
          workDemands: ['heavy-lifting'],
          shiftPatterns: ['early'],
        }),
      }),
    )
  ).id as string;
});

describe('GET /vacancies/{id}/matches', () => {
  it('returns participants in the catchment, ranked and explained, and leaves out those far away', async () => {
    const near = await add({ home: { postcode: 'LS9 8AB', location: { lat: 53.8, lng: -1.52 } } });
    const farther = await add({ skills: ['picking'], home: { postcode: 'LS27 0AA', location: { lat: 53.74, lng: -1.6 } } });
    const york = await add({ home: { postcode: 'YO1 7HH', location: { lat: 53.96, lng: -1.08 } } });
    const london = await add({ home: { postcode: 'SW1A 1AA', location: { lat: 51.5, lng: -0.14 } } });
    const m = await matches();
    expect(ids(m)).toEqual([near, farther]);
    // York is 35 km away: in the catchment's cells but beyond their 20 km travel limit. London is never read.
    expect(m.excluded['too-far']).toBe(1);
    expect(ids(m)).not.toContain(york);
    expect(ids(m)).not.toContain(london);
    expect(m.pool.profilesRead).toBe(3);
    const top = m.candidates[0]!;
    expect(Math.round(top.factors.reduce((s, f) => s + f.contribution * 10, 0))).toBe(Math.round(top.score * 10));
    expect(top.summary.name).toBe('Dean W.');
  });

  it('follows readiness, consent and sensitive limits at once, without revealing the limits', async () => {
    const p = await add({ home: { postcode: 'LS6 1AA', location: { lat: 53.82, lng: -1.57 } } });
    expect(ids(await matches())).toContain(p);

    await h.call('POST', `/participants/${p}/readiness`, { as: 'adv', body: { readiness: 'amber', reason: 'Missed two appointments' } });
    let m = await matches();
    expect(ids(m)).not.toContain(p);
    expect(m.nearlyReady.map((c) => c.participantId)).toContain(p);

    await h.call('POST', `/participants/${p}/readiness`, { as: 'adv', body: { readiness: 'green', reason: 'Back on track' } });
    expect(ids(await matches())).toContain(p);

    await h.call('PUT', `/participants/${p}/sensitive`, {
      as: 'adv',
      body: { health: 'Back injury SECRET-BACK', workLimits: ['heavy-lifting'] },
    });
    m = await matches();
    expect(ids(m)).not.toContain(p);
    expect(m.excluded['work-demands']).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(m)).not.toContain('SECRET-BACK');
    await h.call('PUT', `/participants/${p}/sensitive`, { as: 'adv', body: { health: 'Recovered' } });
    expect(ids(await matches())).toContain(p);

    // Withdrawing consent removes them from every pool at once.
    await h.call('PUT', `/participants/${p}/consent`, { as: 'adv', body: { matching: false, shareWithEmployers: [] } });
    m = await matches();
    expect(ids(m)).not.toContain(p);
    expect(m.nearlyReady.map((c) => c.participantId)).not.toContain(p);
    const poolItems = await h.db.send(
      new QueryCommand({
        TableName: h.tableName,
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk',
        ExpressionAttributeValues: { ':pk': 'O#test-org#POOLAREA#LS' },
      }),
    );
    expect((poolItems.Items ?? []).map((i) => (i.profile as { id: string }).id)).not.toContain(p);
  });

  it('follows a move of home and an erasure', async () => {
    const p = await add({ home: { postcode: 'LS8 1AA', location: { lat: 53.82, lng: -1.51 } } });
    expect(ids(await matches())).toContain(p);
    await h.call('PATCH', `/participants/${p}`, {
      as: 'adv',
      body: { home: { postcode: 'M1 1AE', location: { lat: 53.48, lng: -2.24 } } },
    });
    expect(ids(await matches())).not.toContain(p);
    await h.call('PATCH', `/participants/${p}`, {
      as: 'adv',
      body: { home: { postcode: 'LS8 1AA', location: { lat: 53.82, lng: -1.51 } } },
    });
    expect(ids(await matches())).toContain(p);
    // A move inside the same area cell to another sub-cell re-keys the one profile entry.
    await h.call('PATCH', `/participants/${p}`, {
      as: 'adv',
      body: { home: { postcode: 'LS8 2AA', location: { lat: 53.84, lng: -1.47 } } },
    });
    expect(ids(await matches()).filter((x) => x === p)).toHaveLength(1);
    const entries = await h.db.send(
      new QueryCommand({
        TableName: h.tableName,
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk',
        ExpressionAttributeValues: { ':pk': 'O#test-org#POOLAREA#LS' },
      }),
    );
    const mine = (entries.Items ?? []).filter((i) => (i.profile as { id: string }).id === p);
    expect(mine.map((i) => i.SK)).toEqual([`P#${geohash(53.84, -1.47, POOL_SUBCELL_PRECISION)}#${p}`]);
    expect((await h.call('DELETE', `/participants/${p}`, { as: 'adm' })).status).toBe(204);
    expect(ids(await matches())).not.toContain(p);
  });

  it('lists a guaranteed-interview PET completer first and says why', async () => {
    const cohort = await body(
      await h.call('POST', '/cohorts', {
        as: 'lia',
        body: cohortBody({ guaranteedInterview: true, linkedEmployerIds: [employerId], startDate: '2026-11-16', endDate: '2026-11-27' }),
      }),
    );
    // Weak on everything but the must-have, and completed the employer's own course.
    const completer = await add({
      skills: ['picking'],
      preferences: { occupations: [], sectors: [], maxTravelKm: 20 },
      home: { postcode: 'LS10 1AB', location: { lat: 53.78, lng: -1.54 } },
    });
    expect((await h.call('POST', `/cohorts/${cohort.id}/enrolments`, { as: 'adv', body: { participantId: completer } })).status).toBe(201);
    expect(ids(await matches())[0]).not.toBe(completer);
    expect(
      (await h.call('PATCH', `/cohorts/${cohort.id}/enrolments/${completer}`, { as: 'adv', body: { status: 'completed' } })).status,
    ).toBe(200);
    const m = await matches();
    expect(m.candidates[0]).toMatchObject({ participantId: completer, guaranteedInterview: true });
    expect(m.candidates[0]!.factors.find((f) => f.factor === 'pet-completion')).toMatchObject({ contribution: 10 });
  });

  it('reports the long-term unemployed shares', async () => {
    const m = await matches();
    expect(m.fairness.eligible).toBe(m.candidates.length);
    expect(m.fairness.longTermUnemployedShareOfEligible).toBeGreaterThanOrEqual(0);
    expect(m.fairness.longTermUnemployedShareOfList).toBeLessThanOrEqual(1);
  });

  it('locates a vacancy given only its postcode and reads the cells around it, with distances said to be approximate', async () => {
    const v = await body(
      await h.call('POST', '/vacancies', {
        as: 'lia',
        body: vacancyBody(employerId, { status: 'open', site: { postcode: 'LS2 7EW' }, workDemands: [] }),
      }),
    );
    const m = await matches(v.id as string);
    expect(m.pool.cells.some((c) => c.startsWith('area:'))).toBe(false);
    expect(m.candidates.length).toBeGreaterThan(0);
    expect(m.candidates.some((c) => c.gaps.includes('Distance unknown: check travel with the participant'))).toBe(false);
    expect(
      m.candidates.every((c) =>
        /^About \d+ km/.test((c.factors.find((f) => f.factor === 'distance') as { detail?: string } | undefined)?.detail ?? ''),
      ),
    ).toBe(true);
  });

  it('is for liaison officers and admins only', async () => {
    expect((await h.call('GET', `/vacancies/${vacancyId}/matches`, { as: 'adv' })).status).toBe(403);
    expect((await h.call('GET', `/vacancies/${vacancyId}/matches`, { as: 'adm' })).status).toBe(200);
    expect((await h.call('GET', '/vacancies/01J00000000000000000000000/matches', { as: 'lia' })).status).toBe(404);
    expect((await h.call('GET', `/vacancies/${vacancyId}/matches?limit=500`, { as: 'lia' })).status).toBe(400);
  });
});

describe('GET /participants/{id}/matches', () => {
  it('suggests open vacancies that suit the participant, with reasons, to their own adviser', async () => {
    const p = await add({ home: { postcode: 'LS7 1AA', location: { lat: 53.82, lng: -1.54 } } });
    const draft = await body(
      await h.call('POST', '/vacancies', {
        as: 'lia',
        body: vacancyBody(employerId, { title: 'Draft picker', site: { postcode: 'LS1 4AP', location: LEEDS } }),
      }),
    );
    const res = await h.call('GET', `/participants/${p}/matches`, { as: 'adv' });
    expect(res.status).toBe(200);
    const m = await body<{
      vacancies: { vacancyId: string; score: number; factors: unknown[]; title: string }[];
      excluded: Record<string, number>;
    }>(res);
    expect(m.vacancies.map((v) => v.vacancyId)).toContain(vacancyId);
    expect(m.vacancies.map((v) => v.vacancyId)).not.toContain(draft.id);
    expect(m.vacancies[0]!.factors.length).toBeGreaterThan(0);

    // Their stated limits hold: a shift they cannot do removes the suggestion.
    await h.call('PATCH', `/participants/${p}`, {
      as: 'adv',
      body: { preferences: { occupations: ['warehouse'], sectors: [], maxTravelKm: 20, shifts: ['night'] } },
    });
    const after = await body<{ vacancies: { vacancyId: string }[]; excluded: Record<string, number> }>(
      await h.call('GET', `/participants/${p}/matches`, { as: 'adv' }),
    );
    expect(after.vacancies.map((v) => v.vacancyId)).not.toContain(vacancyId);
    expect(after.excluded.shifts).toBeGreaterThanOrEqual(1);

    expect((await h.call('GET', `/participants/${p}/matches`, { as: 'adv2' })).status).toBe(404);
    expect((await h.call('GET', `/participants/${p}/matches`, { as: 'lia' })).status).toBe(403);
  });

  it('drops a vacancy from suggestions once it closes', async () => {
    const p = await add({ home: { postcode: 'LS7 1AA', location: { lat: 53.82, lng: -1.54 } } });
    const v = await body(
      await h.call('POST', '/vacancies', {
        as: 'lia',
        body: vacancyBody(employerId, {
          status: 'open',
          title: 'Closing picker',
          site: { postcode: 'LS1 4AP', location: LEEDS },
          workDemands: [],
        }),
      }),
    );
    const before = await body<{ vacancies: { vacancyId: string }[] }>(
      await h.call('GET', `/participants/${p}/matches?limit=100`, { as: 'adv' }),
    );
    expect(before.vacancies.map((x) => x.vacancyId)).toContain(v.id);
    await h.call('PATCH', `/vacancies/${v.id}`, { as: 'lia', body: { status: 'closed' } });
    const after = await body<{ vacancies: { vacancyId: string }[] }>(
      await h.call('GET', `/participants/${p}/matches?limit=100`, { as: 'adv' }),
    );
    expect(after.vacancies.map((x) => x.vacancyId)).not.toContain(v.id);
  });
});
