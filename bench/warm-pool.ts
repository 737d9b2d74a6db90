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
 *     taken out of the transaction by this bench) without;
 *   - the reverse direction, vacancies for one participant (`matchesForParticipant`, the participant's
 *     page and `GET /participants/{id}/matches`), over BENCH_WARM_VACANCIES (600) synthetic open
 *     vacancies pooled over the region: warm (one instance, interleaved with GetItems), cold (a new
 *     instance: the vacancy cells read whole), and as before (each cell's partition read per request).
 *
 * docs/performance.md ("The warm pool") explains the rows.
 */
import { GetCommand, PutCommand, type DynamoDBDocumentClient, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { ensureTable } from '../shared/adapters/dynamodb/create-table.js';
import { createDocumentClient } from '../shared/adapters/dynamodb/client.js';
import { dynamoRepositories, dynamoStaffDirectory } from '../shared/adapters/dynamodb/index.js';
import { keys } from '../shared/adapters/dynamodb/keys.js';
import { DynamoMatchPool, farTravellerIndex, readPoolVacancy } from '../shared/adapters/dynamodb/pool.js';
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
import { postcodeArea } from '../shared/matching/geo.js';
import { poolCell, poolSubcell, travelsBeyondCatchment, withFarTravellers } from '../shared/matching/profile.js';
import type { MatchPoolRepository } from '../shared/ports/repositories.js';
import type { Deps } from '../shared/use-cases/deps.js';
import { createEmployer } from '../shared/use-cases/employers.js';
import { matchesForParticipant, matchesForVacancy } from '../shared/use-cases/matching.js';
import { createParticipant } from '../shared/use-cases/participants.js';
import { createVacancy } from '../shared/use-cases/vacancies.js';
import * as fixtures from '../tests/support/fixtures.js';
import { prng, syntheticProfiles, syntheticVacancy } from '../tests/support/match-profiles.js';
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
  const meter = { read: 0, write: 0, stripLog: false, transactItems: 0, lastTransaction: [] as TransactItem[] };
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
      if (Array.isArray(input.TransactItems)) {
        meter.transactItems += input.TransactItems.length;
        meter.lastTransaction = input.TransactItems as TransactItem[];
      }
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

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/**
 * The write units of a transaction, item by item, as DynamoDB Local counts them: each item (a Put's as
 * sent; an Update's, Delete's or condition check's as it now stands in the table) is put on its own
 * into an empty table of the same design with ReturnConsumedCapacity INDEXES, which charges its size
 * (1 unit a KB, rounded up) and each index it lands in. DynamoDB Local does not report a transaction's
 * units item by item (it gave 6 for the same update with and without its log item), so this is how the
 * log item's own cost is measured. A transactional write is charged twice a standard one's units
 * (DynamoDB's pricing), applied below to the table's share of each item.
 */
async function unitsByItem(db: DynamoDBDocumentClient, table: string, scratch: string, items: readonly TransactItem[]) {
  const out: { kind: string; type: string; table: number; indexes: number }[] = [];
  // The middleware may see the items before or after the document client marshals them.
  const plain = (x: Record<string, unknown> | undefined) =>
    x && typeof x.PK === 'object' ? unmarshall(x as Parameters<typeof unmarshall>[0]) : x;
  for (const i of items) {
    const kind = i.Put ? 'Put' : i.Update ? 'Update' : i.Delete ? 'Delete' : 'ConditionCheck';
    const key = plain((i.Update?.Key ?? i.Delete?.Key ?? i.ConditionCheck?.Key) as Record<string, unknown> | undefined);
    const item =
      plain(i.Put?.Item as Record<string, unknown> | undefined) ??
      (key && (await db.send(new GetCommand({ TableName: table, Key: key, ConsistentRead: true }))).Item);
    if (!item) {
      // Nothing to put (a check that it does not exist): the least an item of a transaction costs.
      out.push({ kind, type: '(absent)', table: 1, indexes: 0 });
      continue;
    }
    const res = await db.send(new PutCommand({ TableName: scratch, Item: item, ReturnConsumedCapacity: 'INDEXES' }));
    const c = res.ConsumedCapacity;
    const indexes = Object.values(c?.GlobalSecondaryIndexes ?? {}).reduce((n, x) => n + Number(x.CapacityUnits ?? 0), 0);
    out.push({ kind, type: String(item.type ?? ''), table: Number(c?.Table?.CapacityUnits ?? c?.CapacityUnits ?? 0), indexes });
  }
  return out;
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

/** The vacancy pool as read before it was kept warm: every cell's partition, per request (eventually consistent). */
function vacancyFullRead(pool: MatchPoolRepository, store: Store): MatchPoolRepository {
  return Object.assign(Object.create(pool) as MatchPoolRepository, {
    vacanciesInCells: async (orgId: string, cells: string[]) => {
      const parts = await Promise.all(
        cells.map((c) =>
          store.queryItems({
            KeyConditionExpression: 'PK = :pk',
            ExpressionAttributeValues: { ':pk': keys.vacancyPoolCell(orgId, c) },
            ExpressionAttributeNames: { '#a': 'entry' },
            ProjectionExpression: '#a',
          }),
        ),
      );
      return parts.flat().map(readPoolVacancy);
    },
  });
}

/**
 * Open vacancies as pool entries only (the reverse match reads nothing else of them), spread over the
 * north of England round Leeds, with skills, hours and shifts drawn as the synthetic profiles' are.
 */
function syntheticPoolVacancies(org: string, n: number) {
  const r = prng(4242);
  const skills = ['picking', 'packing', 'forklift', 'stock control', 'customer service', 'food prep', 'cleaning', 'cash handling'];
  return Array.from({ length: n }, (_, i) => {
    const id = `01JBENCHVAC${String(i).padStart(15, '0')}`;
    const location = { lat: 53.3 + r() * 1.2, lng: -2.6 + r() * 1.8, precision: 'district' as const };
    const pick = () => skills[Math.floor(r() * skills.length)]!;
    const match = syntheticVacancy(i + 1, {
      id,
      employerId: `01JBENCHEMP${String(i % 97).padStart(15, '0')}`,
      location,
      area: 'LS',
      essentialSkills: r() < 0.3 ? [] : [...new Set([pick(), ...(r() < 0.4 ? [pick()] : [])])],
      desirableSkills: [pick(), pick()],
      hours: { min: [8, 16, 20, 30][Math.floor(r() * 4)]!, max: 37 },
      shifts: r() < 0.5 ? ['flexible'] : ['early', 'late'],
      drivingLicenceRequired: r() < 0.1,
      workDemands: r() < 0.3 ? ['heavy-lifting'] : [],
      employerConditions: { openToConvictions: r() < 0.5, refusedOffences: r() < 0.3 ? ['theft'] : [] },
    });
    const postcode = 'LS1 1AA';
    return {
      ...keys.poolVacancy(org, poolCell(location, postcode), id),
      type: 'PoolVacancy',
      GSI1PK: keys.gsi1.vacancyPoolArea(org, postcodeArea(postcode)),
      GSI1SK: keys.vacancyPoolAreaEntry(id),
      entry: {
        match,
        title: `Vacancy ${i}`,
        employerName: `Employer ${i % 97}`,
        closingDate: '2027-06-30',
        linkedCohortIds: [],
        guaranteedInterview: false,
      },
    };
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
  /** One participant update's items, each put alone (see unitsByItem), and what that makes in transactional write units. */
  participantUpdateByItem: {
    items: { kind: string; type: string; table: number; indexes: number }[];
    transactionalUnits: number;
    logItemUnits: number;
  };
  /** Vacancies for one participant. */
  reverse: {
    vacanciesPooled: number;
    maxTravelKm: number;
    cells: number;
    vacanciesRead: number;
    listed: number;
    getItem: { p50: number; p95: number };
    warm: { p50: number; p95: number; rcu: number; ratioToGetItem: number };
    cold: { p50: number; rcu: number };
    before: { p50: number; p95: number; rcu: number };
  };
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

  // The reverse direction: vacancies for one participant who travels 60 km from Leeds.
  const vacanciesPooled = positiveInt('BENCH_WARM_VACANCIES', 600);
  await batchWriteAll(db, opts.table, syntheticPoolVacancies(opts.org, vacanciesPooled), 4);
  const adviser: Actor = { sub: 'u-adviser-1', role: 'adviser', orgId: opts.org };
  const traveller = await createParticipant(
    depsWith(db),
    adviser,
    ParticipantCreate.parse(
      fixtures.participantBody({
        home: { postcode: 'LS9 8AB', location: { lat: 53.8, lng: -1.52 } },
        skills: ['picking', 'packing', 'forklift'],
        consent: { matching: true, shareWithEmployers: ['firstName', 'skills'] },
        preferences: { occupations: ['warehouse operative'], sectors: [], maxTravelKm: 60, shifts: ['early', 'late'] },
      }),
    ),
  );
  const reverseOnce = async (deps: Deps) => {
    const [r0, t0] = [meter.read, performance.now()];
    const m = await matchesForParticipant(deps, adviser, traveller.id, 20);
    return { ms: performance.now() - t0, rcu: meter.read - r0, m, json: JSON.stringify(m) };
  };
  const store = new Store(db, opts.table);
  const beforeDeps = depsWith(db, (repos) => vacancyFullRead(repos.pool, store));
  const reverseCold: { ms: number; rcu: number }[] = [];
  const reverseAnswer = (await reverseOnce(beforeDeps)).json;
  for (let i = 0; i < 5; i++) {
    const c = await reverseOnce(freshInstance());
    if (c.json !== reverseAnswer) throw new Error('warm vacancy pool and a read of the cells disagree');
    reverseCold.push(c);
  }
  const reverseWarmDeps = freshInstance();
  const first = await reverseOnce(reverseWarmDeps);
  const reverseWarm: { ms: number; rcu: number }[] = [];
  const reverseBefore: { ms: number; rcu: number }[] = [];
  const reverseGets: { ms: number; rcu: number }[] = [];
  for (let i = 0; i < (opts.rounds ?? 100); i++) {
    const t0 = performance.now();
    await db.send(new GetCommand({ TableName: opts.table, Key: key, ConsistentRead: true }));
    reverseGets.push({ ms: performance.now() - t0, rcu: 0 });
    const w = await reverseOnce(reverseWarmDeps);
    if (w.json !== reverseAnswer) throw new Error('a warm vacancy match disagrees with a read of the cells');
    reverseWarm.push(w);
    if (i % 4 === 0) reverseBefore.push(await reverseOnce(beforeDeps));
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
  const scratch = `${opts.table}-units`;
  await ensureTable(db, scratch);
  const byItem = await unitsByItem(db, opts.table, scratch, meter.lastTransaction);
  // Transactional: twice the table's units of each item; index writes as standard writes.
  const transactional = (xs: typeof byItem) => xs.reduce((n, x) => n + 2 * x.table + x.indexes, 0);
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
  const rg = s(reverseGets);
  const rw = s(reverseWarm);
  const rb = s(reverseBefore);
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
    participantUpdateByItem: {
      items: byItem,
      transactionalUnits: transactional(byItem),
      logItemUnits: transactional(byItem.filter((x) => x.type === 'PoolChange')),
    },
    reverse: {
      vacanciesPooled,
      maxTravelKm: 60,
      cells: first.m.pool.cells.length,
      vacanciesRead: first.m.pool.vacanciesRead,
      listed: first.m.vacancies.length + first.m.couldQualify.length,
      getItem: rg,
      warm: { ...rw, rcu: rcu(reverseWarm), ratioToGetItem: roundTo(rw.p50 / rg.p50, 1) },
      cold: { p50: s(reverseCold).p50, rcu: rcu(reverseCold) },
      before: { ...rb, rcu: rcu(reverseBefore) },
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
  const pu = result.participantUpdateByItem;
  say('');
  say(
    `One participant update, item by item (each put alone with ReturnConsumedCapacity INDEXES): ${pu.items.map((x) => `${x.kind} ${x.type} ${x.table}+${x.indexes}`).join(', ')}; ` +
      `${pu.transactionalUnits} write units as a transaction (2 × table units + index units), of which the log item ${pu.logItemUnits}`,
  );
  const rv = result.reverse;
  say('');
  say(
    `Vacancies for one participant (travels ${rv.maxTravelKm} km from Leeds: ${rv.cells} vacancy-pool cells, ${rv.vacanciesRead} of ${rv.vacanciesPooled} pooled vacancies considered, ${rv.listed} listed; ${reverseWarm.length} rounds):`,
  );
  say('');
  printTable(
    ['', 'p50 ms', 'p95 ms', 'read units'],
    [
      ['GetItem of one profile (strongly consistent)', fmt(rg.p50, 2), fmt(rg.p95, 2), '1.0'],
      [
        'warm (log read, participant, sensitive part, enrolments, submissions, rank, explain)',
        fmt(rw.p50, 2),
        fmt(rw.p95, 2),
        fmt(rv.warm.rcu),
      ],
      ['cold (new instance: vacancy cells whole, consistent; log)', fmt(rv.cold.p50, 2), '-', fmt(rv.cold.rcu)],
      ['before: every cell read per request', fmt(rb.p50, 2), fmt(rb.p95, 2), fmt(rv.before.rcu)],
    ],
  );
  say('');
  say(`warm vacancies-for-a-participant p50 = ${rv.warm.ratioToGetItem} × GetItem p50`);
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
