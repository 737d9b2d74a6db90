/**
 * The warm pool, measured in process on the data `bench/matching-e2e.ts` has just loaded (called from
 * it, same run, same DynamoDB Local, same table): for one vacancy, `matchesForVacancy` as the API runs
 * it, with read and write capacity from DynamoDB's own `ConsumedCapacity` (every command asks for it).
 *
 *   - GetItem: one strongly consistent GetItem of a pool profile, the floor a warm match is held to;
 *   - warm match: the same instance again and again (the log read, the vacancy and its links, ranking,
 *     explanations), interleaved with the GetItems so both see the same machine;
 *   - cold match: a new instance each time (its cells read whole, strongly consistent, then the log);
 *   - full read (before the warm pool): the catchment's key ranges and the far travellers afresh,
 *     laid out, ranked, explained;
 *   - write capacity of a participant update, with its log item and (the same update, the log item
 *     taken out of the transaction by this bench) without.
 *
 * docs/performance.md ("The warm pool") explains the rows.
 */
import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '../shared/adapters/dynamodb/client.js';
import { dynamoRepositories, dynamoStaffDirectory } from '../shared/adapters/dynamodb/index.js';
import { keys } from '../shared/adapters/dynamodb/keys.js';
import { DynamoMatchPool, farTravellerIndex } from '../shared/adapters/dynamodb/pool.js';
import { Store } from '../shared/adapters/dynamodb/store.js';
import { WarmPool } from '../shared/adapters/dynamodb/warm-pool.js';
import { DistrictGeocoder } from '../shared/adapters/geo/district-geocoder.js';
import { systemClock } from '../shared/clock.js';
import type { Actor } from '../shared/domain/actor.js';
import { EmployerCreate } from '../shared/domain/employer.js';
import { ParticipantCreate } from '../shared/domain/participant.js';
import { VacancyCreate } from '../shared/domain/vacancy.js';
import { ulidGenerator } from '../shared/ids.js';
import { buildPool } from '../shared/matching/engine.js';
import { poolCell, poolSubcell, travelsBeyondCatchment, withFarTravellers } from '../shared/matching/profile.js';
import type { MatchPoolRepository } from '../shared/ports/repositories.js';
import type { Deps } from '../shared/use-cases/deps.js';
import { createEmployer } from '../shared/use-cases/employers.js';
import { matchesForVacancy } from '../shared/use-cases/matching.js';
import { createParticipant } from '../shared/use-cases/participants.js';
import { createVacancy } from '../shared/use-cases/vacancies.js';
import * as fixtures from '../tests/support/fixtures.js';
import { syntheticProfiles } from '../tests/support/match-profiles.js';
import {
  BENCH_DB_TIMEOUTS,
  batchWriteAll,
  fmt,
  mean,
  positiveInt,
  printTable,
  roundTo,
  runBench,
  say,
  startDynamoTable,
  summary,
  writeResults,
} from './lib.js';

/** Capacity consumed by every command a client sends, reads and writes apart. */
function metered(endpoint: string) {
  const db = createDocumentClient({ endpoint, timeouts: BENCH_DB_TIMEOUTS });
  const meter = { read: 0, write: 0, stripLog: false, transactItems: 0 };
  db.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as Record<string, unknown>;
      input.ReturnConsumedCapacity = 'TOTAL';
      if (meter.stripLog && Array.isArray(input.TransactItems)) {
        const isLog = (i: { Put?: { Item?: Record<string, unknown> } }) => {
          const type = i.Put?.Item?.type as string | { S?: string } | undefined;
          return type === 'PoolChange' || (typeof type === 'object' && type?.S === 'PoolChange');
        };
        input.TransactItems = (input.TransactItems as { Put?: { Item?: Record<string, unknown> } }[]).filter((i) => !isLog(i));
      }
      if (Array.isArray(input.TransactItems)) meter.transactItems += input.TransactItems.length;
      const out = await next(args);
      const consumed = (out.output as { ConsumedCapacity?: unknown }).ConsumedCapacity;
      const units = [consumed]
        .flat()
        .reduce((s: number, c) => s + Number((c as { CapacityUnits?: number } | undefined)?.CapacityUnits ?? 0), 0);
      if (/Get|Query|Scan/.test(context.commandName ?? '')) meter.read += units;
      else meter.write += units;
      return out;
    },
    { step: 'initialize', name: 'benchCapacityMeter' },
  );
  return { db, meter };
}

/** The pool as read before the warm pool: the catchment's key ranges and the far travellers, afresh, laid out per request. */
function fullRead(pool: MatchPoolRepository): MatchPoolRepository {
  return Object.assign(Object.create(pool) as MatchPoolRepository, {
    catchment: async (orgId: string, ranges: Parameters<MatchPoolRepository['catchment']>[1]) => {
      const [near, far] = await Promise.all([pool.profilesInCells(orgId, ranges), pool.profilesTravellingFar(orgId)]);
      return { parts: [{ segment: buildPool(withFarTravellers(near, far)) }], served: 'cold' as const };
    },
  });
}

export interface WarmPoolBench {
  vacancy: string;
  profilesRead: number;
  getItem: { p50: number; p95: number; rcu: number };
  warm: { p50: number; p95: number; rcu: number; ratioToGetItem: number };
  cold: { p50: number; rcu: number };
  fullRead: { p50: number; rcu: number };
  afterWrites: { writes: number; rcu: number };
  participantUpdateWcu: { withLog: number; withoutLog: number; itemsWithLog: number; itemsWithoutLog: number };
}

/**
 * Runs the rows for one vacancy. `someone` names matchable participants to update (they are changed:
 * run this last).
 */
export async function benchWarmPool(opts: {
  endpoint: string;
  table: string;
  org: string;
  vacancyId: string;
  label: string;
  someone: string[];
  rounds?: number;
}): Promise<WarmPoolBench> {
  const { db, meter } = metered(opts.endpoint);
  const ids = ulidGenerator();
  const geocoder = new DistrictGeocoder('data/postcode-districts.csv');
  const depsWith = (client: DynamoDBDocumentClient, pool?: (repos: Deps['repos']) => MatchPoolRepository): Deps => {
    const repos = dynamoRepositories(client, opts.table, ids);
    return {
      repos: pool ? { ...repos, pool: pool(repos) } : repos,
      clock: systemClock,
      ids,
      geocoder,
      directory: dynamoStaffDirectory(client, opts.table),
    };
  };
  const freshInstance = () => {
    const store = new Store(db, opts.table);
    return depsWith(db, () => new DynamoMatchPool(store, new WarmPool(store)));
  };
  const actor: Actor = { sub: 'u-liaison-1', role: 'liaison', orgId: opts.org };
  const measure = async (deps: Deps) => {
    const [r0, t0] = [meter.read, performance.now()];
    const m = await matchesForVacancy(deps, actor, opts.vacancyId, 50);
    return { ms: performance.now() - t0, rcu: meter.read - r0, profilesRead: m.pool.profilesRead, json: JSON.stringify(m) };
  };

  // Cold and full reads: a few each, alternating; the answers must agree.
  const cold: { ms: number; rcu: number }[] = [];
  const full: { ms: number; rcu: number }[] = [];
  let answer = '';
  for (let i = 0; i < 5; i++) {
    const c = await measure(freshInstance());
    const f = await measure(depsWith(db, (repos) => fullRead(repos.pool)));
    if (c.json !== f.json) throw new Error('warm pool and full read disagree');
    answer = c.json;
    cold.push(c);
    full.push(f);
  }

  // Warm: one instance, interleaved with single GetItems of a profile.
  const person = (await depsWith(db).repos.participants.get(opts.org, opts.someone[0]!))!;
  const key = keys.poolProfile(
    opts.org,
    poolCell(person.home.location, person.home.postcode),
    poolSubcell(person.home.location),
    person.id,
  );
  const warmDeps = freshInstance();
  await measure(warmDeps);
  const warm: { ms: number; rcu: number }[] = [];
  const gets: { ms: number; rcu: number }[] = [];
  for (let i = 0; i < (opts.rounds ?? 100); i++) {
    const [r0, t0] = [meter.read, performance.now()];
    const got = await db.send(new GetCommand({ TableName: opts.table, Key: key, ConsistentRead: true }));
    if (!got.Item) throw new Error('GetItem found no profile');
    gets.push({ ms: performance.now() - t0, rcu: meter.read - r0 });
    const w = await measure(warmDeps);
    if (w.json !== answer) throw new Error('a warm match disagrees with the cold one');
    warm.push(w);
  }

  // Writes: the same kind of participant update with and without its log item.
  const update = async (id: string, n: number) => {
    const repos = depsWith(db).repos;
    const prev = (await repos.participants.get(opts.org, id))!;
    const [w0, i0] = [meter.write, meter.transactItems];
    await repos.participants.update(prev, {
      ...prev,
      skills: [...prev.skills.filter((s) => s !== 'bench'), ...(n % 2 ? ['bench'] : [])],
      version: prev.version + 1,
      updatedAt: new Date().toISOString(),
    });
    return { wcu: meter.write - w0, items: meter.transactItems - i0 };
  };
  const withLog: { wcu: number; items: number }[] = [];
  const withoutLog: { wcu: number; items: number }[] = [];
  for (const [i, id] of opts.someone.entries()) withLog.push(await update(id, i));
  // The warm instance catches up with those writes (one log read, one profile read by key each).
  const after = await measure(warmDeps);
  meter.stripLog = true;
  for (const [i, id] of opts.someone.entries()) withoutLog.push(await update(id, i + 1));
  meter.stripLog = false;

  const s = (xs: { ms: number }[]) =>
    summary(
      xs.map((x) => x.ms),
      ['p50', 'p95'],
      2,
    );
  const rcu = (xs: { rcu: number }[]) => roundTo(mean(xs.map((x) => x.rcu)), 1);
  const g = s(gets);
  const wm = s(warm);
  const result: WarmPoolBench = {
    vacancy: opts.label,
    profilesRead: JSON.parse(answer).pool.profilesRead,
    getItem: { ...g, rcu: rcu(gets) },
    warm: { ...wm, rcu: rcu(warm), ratioToGetItem: roundTo(wm.p50 / g.p50, 1) },
    cold: { p50: s(cold).p50, rcu: rcu(cold) },
    fullRead: { p50: s(full).p50, rcu: rcu(full) },
    afterWrites: { writes: opts.someone.length, rcu: roundTo(after.rcu, 1) },
    participantUpdateWcu: {
      withLog: roundTo(mean(withLog.map((x) => x.wcu)), 1),
      withoutLog: roundTo(mean(withoutLog.map((x) => x.wcu)), 1),
      itemsWithLog: roundTo(mean(withLog.map((x) => x.items)), 1),
      itemsWithoutLog: roundTo(mean(withoutLog.map((x) => x.items)), 1),
    },
  };
  say('');
  say(
    `The warm pool, in process, ${opts.label} vacancy (${result.profilesRead} profiles considered; ${gets.length} rounds; capacity from ConsumedCapacity):`,
  );
  say('');
  printTable(
    ['', 'p50 ms', 'p95 ms', 'read units'],
    [
      ['GetItem of one profile (strongly consistent)', fmt(g.p50, 2), fmt(g.p95, 2), fmt(result.getItem.rcu)],
      ['warm match (log read, vacancy and links, rank, explain)', fmt(wm.p50, 2), fmt(wm.p95, 2), fmt(result.warm.rcu)],
      ['cold match (new instance: cells whole, consistent; log)', fmt(result.cold.p50, 2), '-', fmt(result.cold.rcu)],
      ['full read, before the warm pool (ranges + far, laid out per request)', fmt(result.fullRead.p50, 2), '-', fmt(result.fullRead.rcu)],
      [`warm match just after ${opts.someone.length} participant updates`, fmt(after.ms, 2), '-', fmt(result.afterWrites.rcu)],
    ],
  );
  say('');
  say(
    `warm match p50 = ${result.warm.ratioToGetItem} × GetItem p50 (aim ≤ 5 ×); write units per participant update: ${result.participantUpdateWcu.withLog} with its log item (${result.participantUpdateWcu.itemsWithLog} items in the transaction), ${result.participantUpdateWcu.withoutLog} without (${result.participantUpdateWcu.itemsWithoutLog} items; aim ≤ 2 ×)`,
  );
  db.destroy();
  return result;
}

/**
 * Standalone (`npx tsx bench/warm-pool.ts`): the same rows on a lighter setup, for a machine too busy
 * for the end-to-end bench. DynamoDB Local in memory, one Leeds vacancy made through the use cases,
 * BENCH_WARM_PROFILES (7,000) synthetic pool profiles over West Yorkshire written as pool items (the
 * match reads nothing else of them), and ten participants made through the use case to update.
 */
async function standalone() {
  const org = 'bench-org';
  const table = `routeway-bench-warm-${Date.now().toString(36)}`;
  const { dynamo, db } = await startDynamoTable(table);
  const ids = ulidGenerator();
  const deps: Deps = {
    repos: dynamoRepositories(db, table, ids),
    directory: dynamoStaffDirectory(db, table),
    clock: systemClock,
    ids,
    geocoder: new DistrictGeocoder('data/postcode-districts.csv'),
  };
  const lia: Actor = { sub: 'u-liaison-1', role: 'liaison', orgId: org };
  const adv: Actor = { sub: 'u-adviser-1', role: 'adviser', orgId: org };
  const employer = await createEmployer(deps, lia, EmployerCreate.parse(fixtures.employerBody()));
  const vacancy = await createVacancy(
    deps,
    lia,
    VacancyCreate.parse(
      fixtures.vacancyBody(employer.id, {
        status: 'open',
        site: { postcode: 'LS1 4AP', town: 'Leeds', location: { lat: 53.7965, lng: -1.5478 } },
        essentialSkills: [],
        desirableSkills: ['picking', 'packing', 'forklift'],
        shiftPatterns: ['flexible'],
      }),
    ),
  );
  const profiles = syntheticProfiles(positiveInt('BENCH_WARM_PROFILES', 7000), 2026);
  const items = profiles.map((p) => {
    const postcode = `${p.area}1 1AA`;
    return {
      ...keys.poolProfile(org, poolCell(p.location, postcode), poolSubcell(p.location), p.id),
      type: 'MatchProfile',
      GSI1PK: keys.gsi1.poolArea(org, p.area),
      GSI1SK: keys.poolAreaEntry(p.id),
      ...(travelsBeyondCatchment(p) ? farTravellerIndex(org, p.id) : {}),
      profile: p,
    };
  });
  await batchWriteAll(db, table, items, 4);
  const someone: string[] = [];
  for (let i = 0; i < 10; i++) {
    const body = fixtures.participantBody({
      consent: { matching: true, shareWithEmployers: ['firstName', 'skills'] },
      home: { postcode: 'LS9 8AB', location: { lat: 53.8, lng: -1.52 } },
    });
    someone.push((await createParticipant(deps, adv, ParticipantCreate.parse(body))).id);
  }
  const result = await benchWarmPool({ endpoint: dynamo.endpoint, table, org, vacancyId: vacancy.id, label: 'Leeds', someone });
  say(`\nWrote ${await writeResults('warm-pool.json', { profiles: profiles.length, ...result })}`);
  db.destroy();
}

if (import.meta.url === `file://${process.argv[1]}`) await runBench(standalone, 'DynamoDB Local');
