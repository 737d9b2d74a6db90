import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ulid } from 'ulid';
import { PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { body, createHarness, ORG, type Harness } from '../support/harness.js';
import { employerBody, participantBody, vacancyBody } from '../support/fixtures.js';
import { keys } from '../../shared/adapters/dynamodb/keys.js';
import { DynamoMatchPool } from '../../shared/adapters/dynamodb/pool.js';
import { POOL_LOG } from '../../shared/adapters/dynamodb/pool-log.js';
import { Store } from '../../shared/adapters/dynamodb/store.js';
import { WarmPool } from '../../shared/adapters/dynamodb/warm-pool.js';
import type { Actor } from '../../shared/domain/actor.js';
import { buildPool } from '../../shared/matching/engine.js';
import { geohash, type CellRange } from '../../shared/matching/geo.js';
import { withFarTravellers } from '../../shared/matching/profile.js';
import type { MatchPoolRepository } from '../../shared/ports/repositories.js';
import type { Deps } from '../../shared/use-cases/deps.js';
import { matchesForVacancy } from '../../shared/use-cases/matching.js';

/**
 * The warm pool against real DynamoDB Local: after every write, of every kind, the answer from an
 * instance that has kept its pool in memory is the answer a full read gives, field for field
 * (candidates, scores, factors, gaps, exclusion counts, fairness shares, profiles read).
 */
let h: Harness;
let store: Store;
let employerId: string;
const vacancies: string[] = [];
const liaison: Actor = { sub: 'u-liaison-1', role: 'liaison', orgId: ORG };

const LEEDS = { lat: 53.7965, lng: -1.5478 };
/** Places round the two vacancies: inside both catchments, inside one, on the edge, outside, and in other cells. */
const PLACES = [
  { postcode: 'LS9 8AB', location: { lat: 53.8, lng: -1.52 } },
  { postcode: 'LS27 0AA', location: { lat: 53.74, lng: -1.6 } },
  { postcode: 'WF1 1AA', location: { lat: 53.68, lng: -1.5 } },
  { postcode: 'BD1 1AA', location: { lat: 53.79, lng: -1.75 } },
  { postcode: 'HG1 1AA', location: { lat: 53.99, lng: -1.54 } },
  { postcode: 'YO1 7HH', location: { lat: 53.96, lng: -1.08 } },
  { postcode: 'HD1 1AA', location: { lat: 53.645, lng: -1.785 } },
  { postcode: 'S1 1AA', location: { lat: 53.38, lng: -1.47 } },
  { postcode: 'LS1 4AP' },
];
const SKILLS = ['picking', 'packing', 'forklift', 'stock control'];

/**
 * The pool as it was read before the warm pool: the catchment's key ranges (a query each) and the far
 * travellers, afresh, laid out then. Each range and the far travellers are read once for the instance,
 * which answers for one state of the table: vacancies whose catchments share a range share its read.
 */
function fullRead(pool: MatchPoolRepository): MatchPoolRepository {
  const near = new Map<string, ReturnType<MatchPoolRepository['profilesInCells']>>();
  let far: ReturnType<MatchPoolRepository['profilesTravellingFar']> | undefined;
  const range = (orgId: string, r: CellRange) => {
    const key = JSON.stringify(r);
    if (!near.has(key)) near.set(key, pool.profilesInCells(orgId, [r]));
    return near.get(key)!;
  };
  return Object.assign(Object.create(pool) as MatchPoolRepository, {
    catchment: async (orgId: string, ranges: CellRange[]) => {
      far ??= pool.profilesTravellingFar(orgId);
      const [inCells, travelling] = await Promise.all([Promise.all(ranges.map((r) => range(orgId, r))), far]);
      return { parts: [{ segment: buildPool(withFarTravellers(inCells.flat(), travelling)) }], served: 'cold' as const };
    },
  });
}

const withPool = (pool: MatchPoolRepository): Deps => ({ ...h.deps, repos: { ...h.deps.repos, pool } });

/**
 * The warm answer (h.deps keeps its pool across the whole file), a cold instance's, and a full read's, for
 * every vacancy. Nothing is written between the vacancies' answers, so one cold instance (made here) serves
 * them all, as one full read does each range: what they read is the table as it stands.
 */
async function expectWarmEqualsCold(warm: Deps = h.deps) {
  const cold = withPool(new DynamoMatchPool(store, new WarmPool(store)));
  const full = withPool(fullRead(h.deps.repos.pool));
  for (const id of vacancies) {
    const [w, fresh, read] = await Promise.all([
      matchesForVacancy(warm, liaison, id, 50),
      matchesForVacancy(cold, liaison, id, 50),
      matchesForVacancy(full, liaison, id, 50),
    ]);
    expect(w).toEqual(read);
    expect(fresh).toEqual(read);
  }
}

const people: { id: string; version: number }[] = [];

async function create(x: { place: number; skills: string[]; readiness: string; consent: boolean; travel: number }) {
  const res = await h.call('POST', '/participants', {
    as: 'adv',
    body: participantBody({
      home: PLACES[x.place],
      skills: x.skills,
      readiness: x.readiness,
      consent: { matching: x.consent, shareWithEmployers: ['firstName', 'skills'] },
      preferences: { occupations: ['warehouse'], sectors: [], maxTravelKm: x.travel, shifts: [] },
    }),
  });
  expect(res.status).toBe(201);
  people.push({ id: (await body(res)).id as string, version: 1 });
}

/** A write of some kind to someone already there; some are refused (a 4xx), none may fail. */
async function change(kind: string, who: number, n: number) {
  const p = people[who % people.length]!;
  const call = (method: string, path: string, payload?: unknown, as = 'adv') =>
    h.call(method, path, { as, ...(payload === undefined ? {} : { body: payload }) });
  let res: Response;
  switch (kind) {
    case 'move':
      res = await call('PATCH', `/participants/${p.id}`, { home: PLACES[n % PLACES.length] });
      break;
    case 'skills':
      res = await call('PATCH', `/participants/${p.id}`, { skills: SKILLS.filter((_, i) => (n >> i) & 1) });
      break;
    case 'travel':
      res = await call('PATCH', `/participants/${p.id}`, {
        preferences: { occupations: ['warehouse'], sectors: [], maxTravelKm: [5, 20, 40, 80, 120][n % 5], shifts: [] },
      });
      break;
    case 'consent':
      res = await call('PUT', `/participants/${p.id}/consent`, { matching: n % 2 === 0, shareWithEmployers: [] });
      break;
    case 'readiness':
      res = await call('POST', `/participants/${p.id}/readiness`, { readiness: ['green', 'amber', 'red'][n % 3], reason: 'Reviewed' });
      break;
    case 'sensitive':
      res = await call('PUT', `/participants/${p.id}/sensitive`, { workLimits: n % 2 ? ['heavy-lifting'] : [] });
      break;
    case 'submit':
      res = await call('POST', `/vacancies/${vacancies[n % vacancies.length]}/submissions`, { participantIds: [p.id] }, 'lia');
      break;
    default:
      res = await call('DELETE', `/participants/${p.id}`, undefined, 'adm');
  }
  expect(res.status, `${kind}: ${await res.clone().text()}`).toBeLessThan(500);
}

const arbCreate = fc.record({
  place: fc.integer({ min: 0, max: PLACES.length - 1 }),
  skills: fc.subarray(SKILLS),
  readiness: fc.constantFrom('green', 'green', 'amber', 'red'),
  consent: fc.boolean(),
  // Some will travel further than the catchment: every located vacancy considers them, wherever they live.
  travel: fc.constantFrom(5, 20, 40, 80),
});
const arbStep = fc.oneof(
  arbCreate.map((x) => ({ op: 'create' as const, x })),
  fc.record({
    op: fc.constant('change' as const),
    kind: fc.constantFrom('move', 'skills', 'travel', 'consent', 'readiness', 'sensitive', 'submit', 'submit', 'erase'),
    who: fc.nat(),
    n: fc.nat(64),
  }),
);

beforeAll(async () => {
  h = await createHarness({ now: '2026-11-25T10:00:00Z' });
  store = new Store(h.db, h.tableName);
  await h.signIn('lia', 'liaison');
  await h.signIn('adv', 'adviser', { sub: 'u-adviser-1' });
  await h.signIn('adm', 'admin');
  employerId = (await body(await h.call('POST', '/employers', { as: 'lia', body: employerBody() }))).id as string;
  for (const site of [
    { postcode: 'LS1 4AP', location: LEEDS },
    { postcode: 'WF1 1AA', location: { lat: 53.68, lng: -1.5 } },
  ]) {
    const res = await h.call('POST', '/vacancies', {
      as: 'lia',
      body: vacancyBody(employerId, { status: 'open', site, positions: 20, desirableSkills: ['packing', 'forklift'] }),
    });
    expect(res.status).toBe(201);
    vacancies.push((await body(res)).id as string);
  }
  for (let i = 0; i < 6; i++) await create({ place: i, skills: ['picking'], readiness: 'green', consent: true, travel: 40 });
}, 60_000);

describe('the warm pool', () => {
  it('answers as a full read after every write of a random sequence', async () => {
    await expectWarmEqualsCold();
    await fc.assert(
      fc.asyncProperty(fc.array(arbStep, { minLength: 4, maxLength: 9 }), async (steps) => {
        for (const s of steps) {
          if (s.op === 'create') await create(s.x);
          else await change(s.kind, s.who, s.n);
          await expectWarmEqualsCold();
        }
      }),
      { numRuns: 5 },
    );
  }, 600_000);

  it('sees every write that landed, when writes and matches run at once', async () => {
    const writes = Array.from({ length: 12 }, (_, i) =>
      i % 3 === 0
        ? create({ place: i % PLACES.length, skills: ['picking', 'packing'], readiness: 'green', consent: true, travel: 40 })
        : change(['skills', 'move', 'travel', 'readiness', 'consent'][i % 5]!, i * 7, i),
    );
    const matches = vacancies.flatMap((id) => [1, 2, 3].map(() => matchesForVacancy(h.deps, liaison, id, 50)));
    await Promise.all([...writes, ...matches]);
    await expectWarmEqualsCold();
  }, 120_000);

  it('reads the cell again for a log entry written before entries named the sub-cell', async () => {
    await create({ place: 0, skills: ['picking'], readiness: 'green', consent: true, travel: 40 });
    await expectWarmEqualsCold();
    const p = people.at(-1)!;
    const place = PLACES[0]!.location!;
    const cell = geohash(place.lat, place.lng, 4);
    const key = keys.poolProfile(ORG, cell, geohash(place.lat, place.lng, 6), p.id);
    const item = (await store.getRaw(key))!;
    const id = ulid();
    // A profile change and an old-style log entry (no sub-cell), in one transaction.
    await h.db.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: h.tableName, Item: { ...item, profile: { ...(item.profile as object), skills: ['picking', 'forklift'] } } } },
          {
            Put: {
              TableName: h.tableName,
              Item: {
                ...keys.poolLog(ORG, new Date().toISOString().slice(0, 10), id),
                type: 'PoolChange',
                changes: [{ kind: 'P', id: p.id, cell }],
              },
            },
          },
        ],
      }),
    );
    const m = await matchesForVacancy(h.deps, liaison, vacancies[0]!, 50);
    expect(m.candidates.find((c) => c.participantId === p.id)?.summary.skills).toEqual(['picking', 'forklift']);
    await expectWarmEqualsCold();
  }, 60_000);

  it('starts again when its last log read is older than the log can be trusted to hold, and falls back to a full read when the log cannot be read', async () => {
    let now = Date.now();
    let failLog = false;
    const flaky = new Store(h.db, h.tableName);
    const queryItems = flaky.queryItems.bind(flaky);
    flaky.queryItems = (input, max) => {
      if (failLog && String(input.ExpressionAttributeValues?.[':pk']).includes('#POOLLOG#')) return Promise.reject(new Error('log down'));
      return queryItems(input, max);
    };
    const warm = new WarmPool(flaky, () => now);
    const deps = withPool(new DynamoMatchPool(flaky, warm));
    await expectWarmEqualsCold(deps);
    const loads = warm.stats.cellLoads;
    await expectWarmEqualsCold(deps);
    expect(warm.stats.cellLoads).toBe(loads);
    // A write no log entry names (as if its entry had expired): only a reload finds it.
    const items = await store.queryItems({
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': keys.poolCell(ORG, geohash(LEEDS.lat, LEEDS.lng, 4)) },
    });
    const item = items[0]!;
    const before = item.profile as { drivingLicence: boolean };
    await h.db.send(
      new PutCommand({
        TableName: h.tableName,
        Item: { ...item, profile: { ...before, drivingLicence: !before.drivingLicence, skills: ['packing'] } },
      }),
    );
    now += POOL_LOG.maxGapMs + 1;
    await expectWarmEqualsCold(deps);
    expect(warm.stats.cellLoads).toBeGreaterThan(loads);
    // The log cannot be read: the answer is still a full read's, and says so.
    failLog = true;
    const res = await deps.repos.pool.catchment(ORG, [{ cell: geohash(LEEDS.lat, LEEDS.lng, 4) }]);
    expect(res.served).toBe('cold');
    expect(warm.stats.fallbacks).toBe(1);
    await expectWarmEqualsCold(deps);
  }, 60_000);
});
