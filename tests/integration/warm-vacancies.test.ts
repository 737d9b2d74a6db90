import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { body, createHarness, ORG, type Harness } from '../support/harness.js';
import { employerBody, participantBody, vacancyBody } from '../support/fixtures.js';
import { keys } from '../../shared/adapters/dynamodb/keys.js';
import { DynamoMatchPool, readPoolVacancy } from '../../shared/adapters/dynamodb/pool.js';
import { Store } from '../../shared/adapters/dynamodb/store.js';
import { WarmPool } from '../../shared/adapters/dynamodb/warm-pool.js';
import type { Actor } from '../../shared/domain/actor.js';
import type { MatchPoolRepository } from '../../shared/ports/repositories.js';
import type { Deps } from '../../shared/use-cases/deps.js';
import { matchesForParticipant } from '../../shared/use-cases/matching.js';

/**
 * The warm vacancy pool (vacancies for a participant) against real DynamoDB Local: after every vacancy
 * or employer write of a random sequence, the answer of an instance that kept its vacancy cells in
 * memory is a fresh instance's and a direct read of the cells', field for field (vacancies, scores,
 * factors, could-qualify, ruled out, exclusion counts, vacancies read).
 */
let h: Harness;
let store: Store;
const employers: string[] = [];
const vacancies: string[] = [];
const people: string[] = [];
const adviser: Actor = { sub: 'u-adviser-1', role: 'adviser', orgId: ORG };

/** Sites: Leeds, Wakefield, Bradford, York (another cell, in reach of a long journey), and one with no location. */
const SITES = [
  { postcode: 'LS1 4AP', town: 'Leeds', location: { lat: 53.7965, lng: -1.5478 } },
  { postcode: 'WF1 1AA', town: 'Wakefield', location: { lat: 53.68, lng: -1.5 } },
  { postcode: 'BD1 1AA', town: 'Bradford', location: { lat: 53.79, lng: -1.75 } },
  { postcode: 'YO1 7HH', town: 'York', location: { lat: 53.96, lng: -1.08 } },
];
const SKILLS = ['picking', 'packing', 'forklift', 'stock control'];

/**
 * The vacancy pool as read before it was kept warm: each cell's partition afresh (once for the instance:
 * it answers for one state of the table).
 */
function fullRead(pool: MatchPoolRepository): MatchPoolRepository {
  const read = new Map<string, ReturnType<Store['queryItems']>>();
  const cell = (orgId: string, c: string) => {
    const pk = keys.vacancyPoolCell(orgId, c);
    if (!read.has(pk)) read.set(pk, store.queryItems({ KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': pk } }));
    return read.get(pk)!;
  };
  return Object.assign(Object.create(pool) as MatchPoolRepository, {
    vacanciesInCells: async (orgId: string, cells: string[]) => {
      const parts = await Promise.all(cells.map((c) => cell(orgId, c)));
      return parts.flat().map(readPoolVacancy);
    },
  });
}

const withPool = (pool: MatchPoolRepository): Deps => ({ ...h.deps, repos: { ...h.deps.repos, pool } });

/** For each participant: nothing is written between their answers, so one cold instance and one full read serve them all. */
async function expectWarmEqualsCold(warm: Deps = h.deps) {
  const cold = withPool(new DynamoMatchPool(store, new WarmPool(store)));
  const full = withPool(fullRead(h.deps.repos.pool));
  for (const id of people) {
    const [w, fresh, read] = await Promise.all([
      matchesForParticipant(warm, adviser, id, 20),
      matchesForParticipant(cold, adviser, id, 20),
      matchesForParticipant(full, adviser, id, 20),
    ]);
    expect(w).toEqual(read);
    expect(fresh).toEqual(read);
  }
}

async function createVacancy(site: number, skills: string[], employer: number) {
  const res = await h.call('POST', '/vacancies', {
    as: 'lia',
    body: vacancyBody(employers[employer % employers.length]!, {
      status: 'open',
      site: SITES[site % SITES.length],
      essentialSkills: skills.slice(0, 1),
      desirableSkills: skills.slice(1),
      shiftPatterns: ['flexible'],
    }),
  });
  expect(res.status, await res.clone().text()).toBe(201);
  vacancies.push((await body(res)).id as string);
}

async function change(kind: string, which: number, n: number) {
  const id = vacancies[which % vacancies.length]!;
  const patch = (payload: unknown) => h.call('PATCH', `/vacancies/${id}`, { as: 'lia', body: payload });
  let res: Response;
  switch (kind) {
    case 'move':
      res = await patch({ site: SITES[n % SITES.length] });
      break;
    case 'skills':
      res = await patch({ essentialSkills: SKILLS.filter((_, i) => (n >> i) & 1).slice(0, 2) });
      break;
    case 'title':
      res = await patch({ title: ['Picker', 'Warehouse operative', 'Forklift driver'][n % 3] });
      break;
    case 'close':
      res = await patch({ status: ['closed', 'withdrawn'][n % 2] });
      break;
    case 'terms':
      // The employer's conditions on convictions: its open vacancies' pool entries are rewritten.
      res = await h.call('PATCH', `/employers/${employers[n % employers.length]}`, {
        as: 'lia',
        body: { commitments: { openToConvictions: n % 2 === 0, convictionExclusions: n % 3 ? ['theft'] : [] } },
      });
      break;
    default:
      res = await h.call('POST', `/vacancies/${id}/submissions`, { as: 'lia', body: { participantIds: [people[n % people.length]] } });
  }
  expect(res.status, `${kind}: ${await res.clone().text()}`).toBeLessThan(500);
}

const arbStep = fc.oneof(
  fc.record({ op: fc.constant('create' as const), site: fc.nat(8), skills: fc.subarray(SKILLS), employer: fc.nat(3) }),
  fc.record({
    op: fc.constant('change' as const),
    kind: fc.constantFrom('move', 'move', 'skills', 'title', 'close', 'terms', 'submit'),
    which: fc.nat(),
    n: fc.nat(64),
  }),
);

beforeAll(async () => {
  h = await createHarness({ now: '2026-11-25T10:00:00Z' });
  store = new Store(h.db, h.tableName);
  await h.signIn('lia', 'liaison');
  await h.signIn('adv', 'adviser', { sub: 'u-adviser-1' });
  for (let i = 0; i < 2; i++)
    employers.push(
      (await body(await h.call('POST', '/employers', { as: 'lia', body: employerBody({ name: `Employer ${i}` }) }))).id as string,
    );
  // A Leeds participant who travels 20 km (with a spent conviction), and one in Wakefield who travels 50 (reaching York).
  for (const [home, travel] of [
    [{ postcode: 'LS9 8AB', location: { lat: 53.8, lng: -1.52 } }, 20],
    [{ postcode: 'WF1 2AA', location: { lat: 53.69, lng: -1.49 } }, 50],
  ] as const) {
    const res = await h.call('POST', '/participants', {
      as: 'adv',
      body: participantBody({
        home,
        skills: ['picking', 'packing'],
        readiness: 'green',
        consent: { matching: true, shareWithEmployers: ['firstName', 'skills'] },
        preferences: { occupations: ['warehouse'], sectors: [], maxTravelKm: travel, shifts: [] },
      }),
    });
    expect(res.status).toBe(201);
    people.push((await body(res)).id as string);
  }
  const spent = await h.call('PUT', `/participants/${people[0]}/sensitive`, {
    as: 'adv',
    body: { convictions: { unspent: false, spentOffences: ['theft'] } },
  });
  expect(spent.status, await spent.clone().text()).toBeLessThan(300);
  for (let i = 0; i < 4; i++) await createVacancy(i, ['picking', 'packing'], i);
}, 60_000);

describe('the warm vacancy pool', () => {
  it('answers as a read of the cells after every vacancy and employer write of a random sequence', async () => {
    await expectWarmEqualsCold();
    const pool = h.deps.repos.pool as DynamoMatchPool;
    expect(pool).toBeInstanceOf(DynamoMatchPool);
    await fc.assert(
      fc.asyncProperty(fc.array(arbStep, { minLength: 2, maxLength: 4 }), async (steps) => {
        for (const s of steps) {
          if (s.op === 'create') await createVacancy(s.site, s.skills, s.employer);
          else await change(s.kind, s.which, s.n);
          await expectWarmEqualsCold();
        }
      }),
      { numRuns: 2 },
    );
  }, 120_000);

  it('reads each cell once, then only the log, and reads afresh when the log cannot be read', async () => {
    let failLog = false;
    const flaky = new Store(h.db, h.tableName);
    const queryItems = flaky.queryItems.bind(flaky);
    flaky.queryItems = (input, max) => {
      if (failLog && String(input.ExpressionAttributeValues?.[':pk']).includes('#POOLLOG#')) return Promise.reject(new Error('log down'));
      return queryItems(input, max);
    };
    const warm = new WarmPool(flaky);
    const deps = withPool(new DynamoMatchPool(flaky, warm));
    await expectWarmEqualsCold(deps);
    const loads = warm.stats.cellLoads;
    const logReads = warm.stats.logReads;
    await expectWarmEqualsCold(deps);
    expect(warm.stats.cellLoads).toBe(loads);
    expect(warm.stats.logReads).toBe(logReads + people.length);
    // A vacancy moved into a held cell is in the next answer.
    await change('move', 0, 1);
    await expectWarmEqualsCold(deps);
    failLog = true;
    await expectWarmEqualsCold(deps);
    expect(warm.stats.fallbacks).toBe(people.length);
  }, 60_000);
});
