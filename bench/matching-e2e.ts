/**
 * `npx tsx bench/matching-e2e.ts` (last step of `npm run bench`): `GET /vacancies/{id}/matches` end to
 * end, over real HTTP, against the real app in its own process and the real DynamoDB Local, with a
 * regional pool of participants. It reports; it does not gate (exit code is non-zero only when
 * something fails). docs/performance.md ("Matching end to end") explains the columns.
 *
 *   1. DynamoDB Local in memory on a free port, one fresh table; the app (bench/server.ts) in its own
 *      Node process, as bench/run.ts does.
 *   2. Generates BENCH_PARTICIPANTS (20,000) participants over the north of England (lat 53.3–55.0,
 *      lng −3.0 to −1.0): clustered round 36 towns by rough population, 8 % scattered over the
 *      region, 3 % without a location; readiness 45/35/20 % green/amber/red, 90 % consenting, 96 %
 *      active, maxTravelKm 5–30, skills from a 20-word vocabulary. Each is checked against the
 *      `Participant` schema. The first BENCH_REPO_LOAD (500) go through `participants.create` (the
 *      API's transaction: participant + first readiness entry + match profile), 32 in flight; the rest
 *      are the very same items (the repository's own item builders) sent with BatchWriteItem, which
 *      DynamoDB Local takes several times faster than transactions.
 *   3. Creates 5 employers and 10 open vacancies through the API: cities, towns and two rural sites.
 *   4. One warm-up round over the vacancies, then up to BENCH_MATCH_N (200) timed requests of
 *      `GET /vacancies/{id}/matches?limit=50` as a liaison officer, one at a time, in whole rounds over
 *      the vacancies, stopping before a round would overrun BENCH_MATCH_BUDGET_S (90 s). In every
 *      BENCH_MATCH_BASELINE_EVERY-th (2nd) round, beside each request, for the same vacancy:
 *        - raw read: the document client's Queries of the same key ranges the app reads (runs of
 *          sub-cells inside each area cell), in parallel, paginated, profile attribute only, as the
 *          repository reads them;
 *        - rank: the engine's work on those items in this process (structural check of each item,
 *          buildPool, matchVacancy with explanations, JSON of the result): no I/O.
 *      CPU used during each request by the app's process and by DynamoDB Local is read from /proc.
 *   5. Per vacancy: profilesRead (from the response) against the participants actually within 40 km
 *      (haversine over the generated data) and the total. A line starting `WARNING` is printed if
 *      profilesRead is below the matchable participants with a location within the catchment (a
 *      correctness bug: someone who should be considered is never read), differs from what the
 *      ranges read should hold, or exceeds everyone living within 40 km (the read must be bounded by
 *      the catchment).
 *   6. Writes bench/results/matching-e2e.json; stops everything, also on error and on Ctrl-C.
 *
 * Knobs (environment): BENCH_PARTICIPANTS, BENCH_REPO_LOAD, BENCH_MATCH_N, BENCH_MATCH_BUDGET_S,
 * BENCH_MATCH_BASELINE_EVERY, BENCH_LOG_LEVEL (the app's, default INFO; output discarded).
 */
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dynamoRepositories } from '../shared/adapters/dynamodb/index.js';
import { keys } from '../shared/adapters/dynamodb/keys.js';
import { participantItem } from '../shared/adapters/dynamodb/participant-repository.js';
import { participantPoolWrites, readProfile } from '../shared/adapters/dynamodb/pool.js';
import { Store } from '../shared/adapters/dynamodb/store.js';
import { generateLocalKeys, signLocalToken } from '../shared/auth/local-keys.js';
import { SECTORS, SHIFT_PATTERNS } from '../shared/domain/common.js';
import { Participant, type ReadinessHistoryEntry } from '../shared/domain/participant.js';
import type { Vacancy } from '../shared/domain/vacancy.js';
import { ulidGenerator } from '../shared/ids.js';
import { buildPool, matchVacancy } from '../shared/matching/engine.js';
import {
  cellBounds,
  coverRanges,
  geohash,
  haversineKm,
  POOL_SUBCELL_PRECISION,
  postcodeArea,
  type CellRange,
} from '../shared/matching/geo.js';
import { poolCell, toMatchVacancy } from '../shared/matching/profile.js';
import { benchWarmPool } from './warm-pool.js';
import type { MatchContext } from '../shared/matching/types.js';
import { MATCHING } from '../shared/matching/weights.js';
import { pick, seededRng, type Rng } from './data.js';
import {
  APP_LOG_LEVEL,
  bearerCaller,
  childPid,
  cpuMs,
  fmt,
  load1m,
  loadAverageLine,
  machineLine,
  mean,
  n,
  positiveInt,
  printTable,
  requireJava,
  roundTo,
  runBench,
  runPool,
  say,
  startAppServer,
  startDynamoTable,
  summary,
  writeResults,
  batchWriteAll,
} from './lib.js';

const PARTICIPANTS = positiveInt('BENCH_PARTICIPANTS', 20_000);
const N = positiveInt('BENCH_MATCH_N', 200);
const BUDGET_S = positiveInt('BENCH_MATCH_BUDGET_S', 90);
const LOAD_CONCURRENCY = 32;
/** How many participants go through the repository's transaction; the rest are batch-written (same items). */
const REPO_LOAD = Number(process.env.BENCH_REPO_LOAD ?? 500);
const BATCH_CONCURRENCY = 8;
const WARMUP_ROUNDS = 1;
/** The raw-read and rank baselines run in every BASELINE_EVERY-th timed round (they cost as much as the request). */
const BASELINE_EVERY = positiveInt('BENCH_MATCH_BASELINE_EVERY', 2);
const LIMIT = 50;
const ORG = 'bench-org';
const TABLE = `routeway-bench-mx-${Date.now().toString(36)}`;
const REGION = { latMin: 53.3, latMax: 55.0, lngMin: -3.0, lngMax: -1.0 };
const CATCHMENT_KM = MATCHING.catchmentKm;

const round2 = (x: number) => roundTo(x, 2);
const stats = (samples: number[]) => summary(samples, ['n', 'p50', 'p95', 'p99', 'mean', 'min', 'max'], 2);

// ---------------------------------------------------------------------------------------------
// The region's people: towns weighted by rough population, a Gaussian spread round each, a rural scatter.

interface Town {
  name: string;
  lat: number;
  lng: number;
  outward: string;
  /** Relative share of participants. */
  weight: number;
  /** Spread round the centre, km (one standard deviation). */
  sigmaKm: number;
}

const TOWNS: Town[] = [
  // Greater Manchester
  { name: 'Manchester', lat: 53.4808, lng: -2.2426, outward: 'M1', weight: 14, sigmaKm: 6 },
  { name: 'Salford', lat: 53.4875, lng: -2.2901, outward: 'M5', weight: 3, sigmaKm: 3 },
  { name: 'Stockport', lat: 53.4106, lng: -2.1575, outward: 'SK1', weight: 3, sigmaKm: 4 },
  { name: 'Oldham', lat: 53.5409, lng: -2.1114, outward: 'OL1', weight: 2.5, sigmaKm: 3 },
  { name: 'Rochdale', lat: 53.6097, lng: -2.1561, outward: 'OL11', weight: 2, sigmaKm: 3 },
  { name: 'Bolton', lat: 53.5769, lng: -2.4282, outward: 'BL1', weight: 3, sigmaKm: 4 },
  { name: 'Bury', lat: 53.5933, lng: -2.2966, outward: 'BL9', weight: 2, sigmaKm: 3 },
  { name: 'Wigan', lat: 53.545, lng: -2.6325, outward: 'WN1', weight: 3, sigmaKm: 4 },
  // West and South Yorkshire, York
  { name: 'Leeds', lat: 53.8008, lng: -1.5491, outward: 'LS1', weight: 12, sigmaKm: 6 },
  { name: 'Bradford', lat: 53.796, lng: -1.7594, outward: 'BD1', weight: 7, sigmaKm: 5 },
  { name: 'Wakefield', lat: 53.6833, lng: -1.4977, outward: 'WF1', weight: 3, sigmaKm: 4 },
  { name: 'Huddersfield', lat: 53.6458, lng: -1.785, outward: 'HD1', weight: 3, sigmaKm: 4 },
  { name: 'Halifax', lat: 53.7248, lng: -1.8658, outward: 'HX1', weight: 2, sigmaKm: 3 },
  { name: 'Harrogate', lat: 53.9921, lng: -1.5418, outward: 'HG1', weight: 1.5, sigmaKm: 3 },
  { name: 'York', lat: 53.96, lng: -1.0873, outward: 'YO1', weight: 3, sigmaKm: 4 },
  { name: 'Sheffield', lat: 53.3811, lng: -1.4701, outward: 'S1', weight: 9, sigmaKm: 5 },
  { name: 'Barnsley', lat: 53.5526, lng: -1.4797, outward: 'S70', weight: 2.5, sigmaKm: 3 },
  { name: 'Rotherham', lat: 53.4326, lng: -1.3635, outward: 'S60', weight: 2.5, sigmaKm: 3 },
  { name: 'Doncaster', lat: 53.5228, lng: -1.1285, outward: 'DN1', weight: 3, sigmaKm: 4 },
  // Lancashire, Cumbria
  { name: 'Preston', lat: 53.7632, lng: -2.7031, outward: 'PR1', weight: 3, sigmaKm: 4 },
  { name: 'Blackburn', lat: 53.748, lng: -2.4821, outward: 'BB1', weight: 2.5, sigmaKm: 3 },
  { name: 'Burnley', lat: 53.7893, lng: -2.24, outward: 'BB11', weight: 1.5, sigmaKm: 3 },
  { name: 'Lancaster', lat: 54.0466, lng: -2.8007, outward: 'LA1', weight: 1.5, sigmaKm: 3 },
  { name: 'Kendal', lat: 54.328, lng: -2.7463, outward: 'LA9', weight: 0.7, sigmaKm: 2 },
  { name: 'Carlisle', lat: 54.8925, lng: -2.9329, outward: 'CA1', weight: 1.5, sigmaKm: 3 },
  // The North East
  { name: 'Newcastle', lat: 54.9783, lng: -1.6178, outward: 'NE1', weight: 8, sigmaKm: 5 },
  { name: 'Gateshead', lat: 54.9527, lng: -1.6034, outward: 'NE8', weight: 3, sigmaKm: 3 },
  { name: 'Sunderland', lat: 54.9069, lng: -1.3838, outward: 'SR1', weight: 4, sigmaKm: 4 },
  { name: 'Durham', lat: 54.7753, lng: -1.5849, outward: 'DH1', weight: 2, sigmaKm: 3 },
  { name: 'Middlesbrough', lat: 54.5742, lng: -1.235, outward: 'TS1', weight: 4, sigmaKm: 4 },
  { name: 'Darlington', lat: 54.5236, lng: -1.5595, outward: 'DL1', weight: 2, sigmaKm: 3 },
  { name: 'Hexham', lat: 54.971, lng: -2.101, outward: 'NE46', weight: 0.4, sigmaKm: 2 },
  // Market towns in the Dales
  { name: 'Skipton', lat: 53.962, lng: -2.017, outward: 'BD23', weight: 0.5, sigmaKm: 2 },
  { name: 'Northallerton', lat: 54.339, lng: -1.434, outward: 'DL6', weight: 0.5, sigmaKm: 2 },
  { name: 'Barnard Castle', lat: 54.543, lng: -1.924, outward: 'DL12', weight: 0.3, sigmaKm: 2 },
  { name: 'Hawes', lat: 54.304, lng: -2.197, outward: 'DL8', weight: 0.1, sigmaKm: 2 },
];
/** Share scattered uniformly over the region (farms, villages), given the nearest town's postcode. */
const RURAL_SHARE = 0.08;
const UNLOCATED_SHARE = 0.03;
const CONSENT_SHARE = 0.9;
const ACTIVE_SHARE = 0.96;

const SKILLS = [
  'picking',
  'packing',
  'forklift',
  'customer service',
  'keyboard skills',
  'till operation',
  'personal care',
  'medication awareness',
  'food hygiene',
  'cleaning chemicals',
  'manual handling',
  'cctv',
  'stock control',
  'cash handling',
  'data entry',
  'food preparation',
  'first aid',
  'team leading',
  'welding',
  'telephone manner',
];
const CERTS = ['cscs card', 'sia licence', 'food hygiene level 2', 'first aid at work', 'forklift licence'];
const OCCUPATIONS = [
  'warehouse operative',
  'care assistant',
  'retail assistant',
  'customer service adviser',
  'kitchen porter',
  'security officer',
  'cleaner',
  'labourer',
  'food production operative',
  'admin assistant',
];
const FIRST = [
  'Dean',
  'Aisha',
  'Connor',
  'Shannon',
  'Mohammed',
  'Kayleigh',
  'Tomasz',
  'Jade',
  'Liam',
  'Amira',
  'Ryan',
  'Chloe',
  'Imran',
  'Leanne',
  'Kyle',
  'Zara',
  'Jordan',
  'Megan',
  'Bilal',
  'Gemma',
];
const LAST = [
  'Walsh',
  'Hussain',
  'Smith',
  'Kowalski',
  'Ahmed',
  'Brown',
  'Taylor',
  'Begum',
  'Wilson',
  'Khan',
  'Robinson',
  'Clarke',
  'Wright',
  'Patel',
  'Thompson',
  'Nowak',
  'Hall',
  'Ali',
  'Wood',
  'Jackson',
];
const ADVISERS = Array.from({ length: 40 }, (_, i) => `u-adviser-${i + 1}`);
const INWARD_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ'.split('');

const intIn = (rng: Rng, min: number, max: number) => min + Math.floor(rng() * (max - min + 1));
function some<T>(rng: Rng, xs: readonly T[], min: number, max: number): T[] {
  const n = intIn(rng, min, max);
  const out = new Set<T>();
  while (out.size < Math.min(n, xs.length)) out.add(pick(rng, xs));
  return [...out];
}
function gaussian(rng: Rng): number {
  const u = Math.max(rng(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const postcode = (rng: Rng, outward: string) => `${outward} ${intIn(rng, 0, 9)}${pick(rng, INWARD_LETTERS)}${pick(rng, INWARD_LETTERS)}`;
const inRegion = (lat: number, lng: number) => lat >= REGION.latMin && lat <= REGION.latMax && lng >= REGION.lngMin && lng <= REGION.lngMax;

const totalWeight = TOWNS.reduce((s, t) => s + t.weight, 0);
function pickTown(rng: Rng): Town {
  let r = rng() * totalWeight;
  for (const t of TOWNS) if ((r -= t.weight) < 0) return t;
  return TOWNS[TOWNS.length - 1]!;
}
function nearestTown(lat: number, lng: number): Town {
  let best = TOWNS[0]!;
  let bestKm = Infinity;
  for (const t of TOWNS) {
    const km = haversineKm(lat, lng, t.lat, t.lng);
    if (km < bestKm) [best, bestKm] = [t, km];
  }
  return best;
}

/** Where someone lives: near a town (most) or anywhere in the region (some); always inside it. */
function place(rng: Rng): { lat: number; lng: number; town: Town } {
  if (rng() < RURAL_SHARE) {
    const lat = REGION.latMin + rng() * (REGION.latMax - REGION.latMin);
    const lng = REGION.lngMin + rng() * (REGION.lngMax - REGION.lngMin);
    return { lat, lng, town: nearestTown(lat, lng) };
  }
  const town = pickTown(rng);
  for (;;) {
    const lat = town.lat + (gaussian(rng) * town.sigmaKm) / 111.32;
    const lng = town.lng + (gaussian(rng) * town.sigmaKm) / (111.32 * Math.cos((town.lat * Math.PI) / 180));
    if (inRegion(lat, lng)) return { lat: Math.round(lat * 1e5) / 1e5, lng: Math.round(lng * 1e5) / 1e5, town };
  }
}

interface Generated {
  participant: Participant;
  first: ReadinessHistoryEntry;
  /** Where they really live, also for the 3 % whose record has no location (they are placed by postcode area). */
  lat: number;
  lng: number;
  located: boolean;
  matchable: boolean;
}

function makeParticipant(rng: Rng, id: string, now: string, nowMs: number): Generated {
  const where = place(rng);
  const located = rng() >= UNLOCATED_SHARE;
  const adviserId = pick(rng, ADVISERS);
  const r = rng();
  const readiness = r < 0.45 ? 'green' : r < 0.8 ? 'amber' : 'red';
  const status = rng() < ACTIVE_SHARE ? 'active' : 'placed';
  const consenting = rng() < CONSENT_SHARE;
  const occupations = some(rng, OCCUPATIONS, 0, 2);
  const workHistory = Array.from({ length: intIn(rng, 0, 3) }, () => {
    const from = nowMs - intIn(rng, 400, 4000) * 86_400_000;
    return {
      role: pick(rng, OCCUPATIONS).replace(/^./, (c) => c.toUpperCase()),
      employer: `${pick(rng, LAST)} ${pick(rng, ['Ltd', 'Group', 'Services'])}`,
      ...(rng() < 0.8 ? { sector: pick(rng, SECTORS) } : {}),
      from: isoDay(from),
      to: isoDay(from + intIn(rng, 60, 900) * 86_400_000),
    };
  });
  const hoursMin = intIn(rng, 8, 30);
  const participant: Participant = {
    id,
    firstName: pick(rng, FIRST),
    lastName: pick(rng, LAST),
    adviserId,
    skills: some(rng, SKILLS, 1, 5),
    certifications:
      rng() < 0.35
        ? some(rng, CERTS, 1, 2).map((name) =>
            rng() < 0.6 ? { name, expiresOn: isoDay(nowMs + intIn(rng, -60, 900) * 86_400_000) } : { name },
          )
        : [],
    drivingLicence: rng() < 0.4,
    rightToWork: rng() < 0.97,
    home: { postcode: postcode(rng, where.town.outward), ...(located ? { location: { lat: where.lat, lng: where.lng } } : {}) },
    preferences: {
      occupations,
      sectors: some(rng, SECTORS, 0, 3),
      ...(rng() < 0.5 ? { hoursPerWeek: { min: hoursMin, max: Math.min(48, hoursMin + intIn(rng, 0, 20)) } } : {}),
      shifts: some(rng, SHIFT_PATTERNS, 1, 3),
      maxTravelKm: intIn(rng, 5, 30),
    },
    workHistory,
    unemployedSince: isoDay(nowMs - intIn(rng, 20, 2000) * 86_400_000),
    readiness,
    status,
    consent: {
      matching: consenting,
      shareWithEmployers: consenting ? ['firstName', 'skills', 'workHistory', 'certifications', 'availability'] : [],
      inWorkContact: true,
      recordedAt: now,
      recordedBy: adviserId,
    },
    ...(readiness === 'green' ? { readySince: now } : {}),
    orgId: ORG,
    createdAt: now,
    createdBy: adviserId,
    updatedAt: now,
    updatedBy: adviserId,
    version: 1,
  };
  return {
    // Checked against the stored schema, so the bench never loads what the API could not have written.
    participant: Participant.parse(participant),
    first: { from: null, to: readiness, reason: 'Initial assessment', changedBy: adviserId, changedAt: now },
    lat: where.lat,
    lng: where.lng,
    located,
    matchable: status === 'active' && consenting,
  };
}

// ---------------------------------------------------------------------------------------------
// The vacancies: five cities, four more towns, two rural sites.

interface Site {
  label: string;
  town: string;
  postcode: string;
  lat: number;
  lng: number;
  job: {
    title: string;
    socCode: string;
    sector: (typeof SECTORS)[number];
    essential: string[];
    desirable: string[];
    certs?: string[];
    shifts: string[];
    hours: [number, number];
    driving?: boolean;
  };
}

const SITES: Site[] = [
  {
    label: 'Leeds',
    town: 'Leeds',
    postcode: 'LS11 5PQ',
    lat: 53.789,
    lng: -1.556,
    job: {
      title: 'Warehouse operative',
      socCode: '9252',
      sector: 'warehousing-logistics',
      essential: ['picking'],
      desirable: ['forklift', 'packing'],
      shifts: ['early', 'late'],
      hours: [30, 40],
    },
  },
  {
    label: 'Manchester',
    town: 'Manchester',
    postcode: 'M1 2AB',
    lat: 53.4794,
    lng: -2.2453,
    job: {
      title: 'Customer service adviser',
      socCode: '7219',
      sector: 'contact-centre',
      essential: ['customer service'],
      desirable: ['keyboard skills'],
      shifts: ['day', 'flexible'],
      hours: [25, 37],
    },
  },
  {
    label: 'Newcastle',
    town: 'Newcastle upon Tyne',
    postcode: 'NE1 4XF',
    lat: 54.9738,
    lng: -1.6131,
    job: {
      title: 'Care assistant',
      socCode: '6135',
      sector: 'care',
      essential: ['personal care'],
      desirable: ['medication awareness'],
      shifts: ['early', 'late', 'weekend'],
      hours: [20, 37],
    },
  },
  {
    label: 'Sheffield',
    town: 'Sheffield',
    postcode: 'S1 2HE',
    lat: 53.38,
    lng: -1.469,
    job: {
      title: 'Retail assistant',
      socCode: '7111',
      sector: 'retail',
      essential: ['till operation'],
      desirable: ['customer service', 'cash handling'],
      shifts: ['day', 'weekend'],
      hours: [16, 30],
    },
  },
  {
    label: 'Bradford',
    town: 'Bradford',
    postcode: 'BD1 1HY',
    lat: 53.793,
    lng: -1.752,
    job: {
      title: 'Security officer',
      socCode: '9241',
      sector: 'security',
      essential: ['cctv'],
      desirable: [],
      certs: ['sia licence'],
      shifts: ['night', 'weekend'],
      hours: [36, 48],
    },
  },
  {
    label: 'Preston',
    town: 'Preston',
    postcode: 'PR1 2HE',
    lat: 53.759,
    lng: -2.699,
    job: {
      title: 'Labourer',
      socCode: '9129',
      sector: 'construction',
      essential: ['manual handling'],
      desirable: [],
      certs: ['cscs card'],
      shifts: ['day', 'early'],
      hours: [39, 45],
    },
  },
  {
    label: 'Middlesbrough',
    town: 'Middlesbrough',
    postcode: 'TS1 2AD',
    lat: 54.5745,
    lng: -1.2345,
    job: {
      title: 'Cleaner',
      socCode: '9223',
      sector: 'cleaning-facilities',
      essential: ['cleaning chemicals'],
      desirable: [],
      shifts: ['early', 'late', 'split'],
      hours: [10, 25],
    },
  },
  {
    label: 'York',
    town: 'York',
    postcode: 'YO26 4GB',
    lat: 53.962,
    lng: -1.119,
    job: {
      title: 'Food production operative',
      socCode: '8111',
      sector: 'manufacturing',
      essential: ['food hygiene'],
      desirable: ['manual handling'],
      shifts: ['early', 'late', 'night'],
      hours: [37, 42],
    },
  },
  {
    label: 'Hawes (rural)',
    town: 'Hawes',
    postcode: 'DL8 3QL',
    lat: 54.304,
    lng: -2.197,
    job: {
      title: 'Kitchen porter',
      socCode: '9263',
      sector: 'hospitality',
      essential: ['food hygiene'],
      desirable: ['food preparation'],
      shifts: ['late', 'weekend', 'split'],
      hours: [20, 40],
    },
  },
  {
    label: 'Barnard Castle (rural)',
    town: 'Barnard Castle',
    postcode: 'DL12 8AB',
    lat: 54.543,
    lng: -1.924,
    job: {
      title: 'Care assistant',
      socCode: '6135',
      sector: 'care',
      essential: ['personal care'],
      desirable: [],
      shifts: ['early', 'late', 'weekend'],
      hours: [20, 37],
      driving: true,
    },
  },
];

const EMPLOYERS = [
  { name: 'Aire Valley Logistics Ltd', sector: 'warehousing-logistics', postcode: 'LS10 1AB', town: 'Leeds', lat: 53.78, lng: -1.53 },
  { name: 'Irwell Contact Centres Ltd', sector: 'contact-centre', postcode: 'M1 1AA', town: 'Manchester', lat: 53.48, lng: -2.24 },
  { name: 'Tyne Care Homes Group', sector: 'care', postcode: 'NE1 1AA', town: 'Newcastle upon Tyne', lat: 54.97, lng: -1.61 },
  { name: 'Pennine Facilities Services', sector: 'cleaning-facilities', postcode: 'S1 1AA', town: 'Sheffield', lat: 53.38, lng: -1.47 },
  { name: 'Dales Hospitality and Sons', sector: 'hospitality', postcode: 'DL8 3AA', town: 'Hawes', lat: 54.3, lng: -2.19 },
] as const;

function employerBody(e: (typeof EMPLOYERS)[number]) {
  return {
    name: e.name,
    sector: e.sector,
    sizeBand: 'large',
    address: { line1: '1 Station Road', town: e.town, postcode: e.postcode, location: { lat: e.lat, lng: e.lng } },
    accountManagerId: 'u-liaison-1',
  };
}

function vacancyBody(s: Site, employerId: string, closingDate: string) {
  return {
    employerId,
    title: s.job.title,
    description: `${s.job.title} in ${s.town}. Full training given.`,
    occupation: { title: s.job.title, socCode: s.job.socCode },
    sector: s.job.sector,
    site: { postcode: s.postcode, town: s.town, location: { lat: s.lat, lng: s.lng } },
    positions: 5,
    hoursPerWeek: { min: s.job.hours[0], max: s.job.hours[1] },
    shiftPatterns: s.job.shifts,
    contractType: 'permanent',
    wage: { amount: 12.75, period: 'hour' },
    essentialSkills: s.job.essential,
    desirableSkills: s.job.desirable,
    essentialCertifications: s.job.certs ?? [],
    drivingLicenceRequired: s.job.driving ?? false,
    closingDate,
    status: 'open',
  };
}

// ---------------------------------------------------------------------------------------------
// Which of the cells read actually reach the 40 km circle.

/** Distance from a point to the nearest point of a cell (0 inside); the clamp is exact enough at this scale. */
function kmToCell(lat: number, lng: number, hash: string): number {
  const c = cellBounds(hash);
  return haversineKm(lat, lng, Math.min(c.latHi, Math.max(c.latLo, lat)), Math.min(c.lngHi, Math.max(c.lngLo, lng)));
}

// ---------------------------------------------------------------------------------------------

interface VacancyRun {
  site: Site;
  vacancy: Vacancy;
  cells: string[];
  /** The key ranges the app reads (recomputed here the way shared/use-cases/matching.ts does). */
  ranges: CellRange[];
  queries: number;
  profilesRead: number;
  eligible: number;
  candidates: number;
  nearlyReady: number;
  responseBytes: number;
  /** Size of the pool items read, as JSON (close to DynamoDB's own item-size measure). */
  itemBytes: number;
  app: number[];
  /** CPU ms the app's server process used during each request. */
  appCpu: number[];
  /** CPU ms DynamoDB Local (Java) used during each app request. */
  appJavaCpu: number[];
  raw: number[];
  /** CPU ms of this (bench) process during each raw read: the SDK's HTTP, JSON and unmarshalling. */
  rawCpu: number[];
  rawJavaCpu: number[];
  rank: number[];
}

/** What shared/use-cases/matching.ts reads for a vacancy: the circle's sub-cell runs, and the postcode area's unlocated entries. */
function rangesFor(v: { site: { postcode: string; location?: { lat: number; lng: number } } }): CellRange[] {
  const loc = v.site.location!;
  return [...coverRanges(loc.lat, loc.lng, CATCHMENT_KM), { cell: poolCell(undefined, v.site.postcode) }];
}

async function rawRead(db: DynamoDBDocumentClient, ranges: CellRange[]) {
  const parts = await Promise.all(
    ranges.map(async (r) => {
      const out: Record<string, unknown>[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const page = await db.send(
          new QueryCommand({
            TableName: TABLE,
            KeyConditionExpression: r.from ? 'PK = :pk AND SK BETWEEN :lo AND :hi' : 'PK = :pk',
            ExpressionAttributeValues: {
              ':pk': keys.poolCell(ORG, r.cell),
              ...(r.from ? { ':lo': `P#${r.from}#`, ':hi': `P#${r.to}#~` } : {}),
            },
            ProjectionExpression: 'profile',
            ExclusiveStartKey: start,
          }),
        );
        out.push(...(page.Items ?? []));
        start = page.LastEvaluatedKey;
      } while (start);
      return out;
    }),
  );
  return parts.flat();
}

async function main(): Promise<void> {
  const runStarted = performance.now();
  requireJava();
  say(
    `Routeway matching end to end: ${PARTICIPANTS.toLocaleString('en-GB')} participants, ${SITES.length} vacancies, ${N} timed GET /vacancies/{id}/matches?limit=${LIMIT}`,
  );
  say(machineLine());

  let t = performance.now();
  const { dynamo, db } = await startDynamoTable(TABLE);
  const signing = await generateLocalKeys();
  const server = await startAppServer({ endpoint: dynamo.endpoint, table: TABLE, jwks: signing.jwks, org: ORG });
  say(`DynamoDB Local (in memory) + app server (separate process) on ${server.base}: ${fmt((performance.now() - t) / 1000)} s`);

  const call = bearerCaller(server.base, await signLocalToken(signing, { sub: 'u-liaison-1', role: 'liaison', org: ORG }));

  // --- Participants, through the repository -----------------------------------------------------
  t = performance.now();
  const rng = seededRng(20261125);
  const ids = ulidGenerator();
  const nowMs = Date.now();
  const now = new Date(nowMs).toISOString();
  const people = Array.from({ length: PARTICIPANTS }, () => makeParticipant(rng, ids.next(), now, nowMs));
  const genSeconds = (performance.now() - t) / 1000;
  const repos = dynamoRepositories(db, TABLE, ids);
  // The first REPO_LOAD go through the repository (the API's own transaction: participant + first
  // readiness entry + match profile), which also gives the real per-create rate; the rest are written
  // as the very same items (built by the repository's own item builders) with BatchWriteItem, which
  // DynamoDB Local takes several times faster than transactions, to keep the run within minutes.
  const repoCount = Math.min(PARTICIPANTS, REPO_LOAD);
  t = performance.now();
  await runPool(repoCount, LOAD_CONCURRENCY, (i) => repos.participants.create(people[i]!.participant, people[i]!.first));
  const repoSeconds = (performance.now() - t) / 1000;
  say(
    `  ${repoCount.toLocaleString('en-GB')} through participants.create (one transaction each, ${LOAD_CONCURRENCY} in flight): ${fmt(repoSeconds)} s, ${fmt(repoCount / repoSeconds, 0)} /s`,
  );
  const store = new Store(db, TABLE);
  const items = people
    .slice(repoCount)
    .flatMap((g) => [
      participantItem(g.participant),
      { ...keys.readiness(ORG, g.participant.id, ids.next()), type: 'ReadinessChange', ...g.first },
      ...participantPoolWrites(store, undefined, g.participant, undefined).map((w) => w.Put!.Item),
    ]);
  const t2 = performance.now();
  await batchWriteAll(db, TABLE, items, BATCH_CONCURRENCY);
  const batchSeconds = (performance.now() - t2) / 1000;
  const batchCount = PARTICIPANTS - repoCount;
  say(
    `  ${batchCount.toLocaleString('en-GB')} as the same items with BatchWriteItem (${BATCH_CONCURRENCY} batches of 25 items in flight): ${fmt(batchSeconds)} s, ${fmt(batchCount / batchSeconds, 0)} participants/s`,
  );
  const loadSeconds = (performance.now() - t) / 1000;
  const matchableCount = people.filter((p) => p.matchable).length;
  say(
    `Loaded ${PARTICIPANTS.toLocaleString('en-GB')} participants: ${fmt(loadSeconds)} s in all, ${fmt(PARTICIPANTS / loadSeconds, 0)} /s ` +
      `(generating them: ${fmt(genSeconds)} s); ` +
      `${matchableCount.toLocaleString('en-GB')} matchable (active + consenting), ${people.filter((p) => !p.located).length} without a location`,
  );

  // --- Employers and vacancies, through the API ----------------------------------------------
  t = performance.now();
  const employerIds: string[] = [];
  for (const e of EMPLOYERS) employerIds.push((JSON.parse(await call('POST', '/employers', 201, employerBody(e))) as { id: string }).id);
  const closingDate = isoDay(nowMs + 60 * 86_400_000);
  const runs: VacancyRun[] = [];
  for (const [i, site] of SITES.entries()) {
    const vacancy = JSON.parse(
      await call('POST', '/vacancies', 201, vacancyBody(site, employerIds[i % employerIds.length]!, closingDate)),
    ) as Vacancy;
    runs.push({
      site,
      vacancy,
      cells: [],
      ranges: [],
      queries: 0,
      profilesRead: 0,
      eligible: 0,
      candidates: 0,
      nearlyReady: 0,
      responseBytes: 0,
      itemBytes: 0,
      app: [],
      appCpu: [],
      appJavaCpu: [],
      raw: [],
      rawCpu: [],
      rawJavaCpu: [],
      rank: [],
    });
  }
  say(`Created ${EMPLOYERS.length} employers and ${SITES.length} open vacancies through the API: ${fmt((performance.now() - t) / 1000)} s`);

  // --- Measure ---------------------------------------------------------------------------------
  const ctx: MatchContext = { today: new Date().toISOString().slice(0, 10), petCompleters: new Map(), alreadySubmitted: new Set() };
  let rawItemCountMismatch = '';
  const javaPid = childPid('java');
  const serverPid = server.pid;
  /** One app request; then, in a baseline round, the raw read of the same cells and the in-process rank. */
  async function once(r: VacancyRun, timed: boolean, baselines: boolean) {
    let cpu0 = { app: cpuMs(serverPid), java: cpuMs(javaPid) };
    let t0 = performance.now();
    const text = await call('GET', `/vacancies/${r.vacancy.id}/matches?limit=${LIMIT}`, 200);
    const appMs = performance.now() - t0;
    const appCpu = { app: cpuMs(serverPid) - cpu0.app, java: cpuMs(javaPid) - cpu0.java };
    const body = JSON.parse(text) as {
      candidates: unknown[];
      nearlyReady: unknown[];
      fairness: { eligible: number };
      pool: { cells: string[]; ranges: number; profilesRead: number };
    };
    Object.assign(r, {
      cells: body.pool.cells,
      ranges: rangesFor(r.vacancy),
      queries: body.pool.ranges,
      profilesRead: body.pool.profilesRead,
      eligible: body.fairness.eligible,
      candidates: body.candidates.length,
      nearlyReady: body.nearlyReady.length,
      responseBytes: Buffer.byteLength(text),
    });
    if (timed) {
      r.app.push(appMs);
      r.appCpu.push(appCpu.app);
      r.appJavaCpu.push(appCpu.java);
    }
    if (!baselines) return;
    const self0 = process.cpuUsage();
    cpu0 = { app: 0, java: cpuMs(javaPid) };
    t0 = performance.now();
    const items = await rawRead(db, r.ranges);
    const rawMs = performance.now() - t0;
    const self = process.cpuUsage(self0);
    const rawJava = cpuMs(javaPid) - cpu0.java;
    r.itemBytes ||= items.reduce((sum, it) => sum + Buffer.byteLength(JSON.stringify(it)), 0);
    if (items.length !== body.pool.profilesRead)
      rawItemCountMismatch ||= `${r.site.label}: the raw read found ${items.length} items, the app read ${body.pool.profilesRead}`;
    t0 = performance.now();
    const profiles = items.map(readProfile);
    JSON.stringify(matchVacancy(buildPool(profiles), toMatchVacancy(r.vacancy), ctx, LIMIT));
    const rankMs = performance.now() - t0;
    if (timed) {
      r.raw.push(rawMs);
      r.rawCpu.push((self.user + self.system) / 1000);
      r.rawJavaCpu.push(rawJava);
      r.rank.push(rankMs);
    }
  }

  t = performance.now();
  for (let round = 0; round < WARMUP_ROUNDS; round++) for (const r of runs) await once(r, false, true);
  say(
    `Warm-up (${WARMUP_ROUNDS} round${WARMUP_ROUNDS === 1 ? '' : 's'} over the ${runs.length} vacancies, with baselines): ${fmt((performance.now() - t) / 1000)} s`,
  );

  // Timed: whole rounds over the vacancies (so each gets the same number), baselines every BASELINE_EVERY-th
  // round; the budget is checked between rounds.
  const loadBefore = load1m();
  t = performance.now();
  let done = 0;
  let stoppedEarly = false;
  // A round's cost, by kind (with / without baselines), to stop before a round would overrun the budget.
  const lastRoundS = new Map<boolean, number>();
  for (let round = 0; done < N; round++) {
    const withBaselines = round % BASELINE_EVERY === 0;
    const elapsed = (performance.now() - t) / 1000;
    if (round > 0 && elapsed + (lastRoundS.get(withBaselines) ?? lastRoundS.get(!withBaselines) ?? 0) > BUDGET_S) {
      stoppedEarly = true;
      break;
    }
    const started = performance.now();
    for (const r of runs) {
      if (done >= N) break;
      await once(r, true, withBaselines);
      done++;
    }
    lastRoundS.set(withBaselines, (performance.now() - started) / 1000);
  }
  const measureSeconds = (performance.now() - t) / 1000;
  const loadAfter = load1m();
  say(
    `Timed ${done} requests (baselines every ${BASELINE_EVERY === 1 ? '' : `${BASELINE_EVERY}nd `}round) in ${fmt(measureSeconds)} s` +
      `${stoppedEarly ? ` — stopped at the ${BUDGET_S} s budget before the ${N} asked for (BENCH_MATCH_BUDGET_S)` : ''}`,
  );

  // --- Ground truth from the generated data ----------------------------------------------------
  const cellOf = people.map((p) => (p.located ? geohash(p.lat, p.lng, 4) : `AREA-${postcodeArea(p.participant.home.postcode)}`));
  const subOf = people.map((p) => (p.located ? geohash(p.lat, p.lng, POOL_SUBCELL_PRECISION) : '-'));
  const inRanges = (ranges: CellRange[], i: number) =>
    ranges.some((g) => g.cell === cellOf[i] && (!g.from || (g.from <= subOf[i]! && subOf[i]! <= g.to!)));
  const rows = runs.map((r) => {
    const { lat, lng } = r.site;
    let within = 0,
      matchableWithin = 0,
      matchableWithinLocated = 0,
      expectedRead = 0,
      wholeCellRead = 0,
      reachable = 0,
      unlocatedMissed = 0;
    const cellSet = new Set(r.cells);
    const exactCells = new Set(r.cells.filter((c) => c.startsWith('AREA-') || kmToCell(lat, lng, c) <= CATCHMENT_KM));
    for (const [i, p] of people.entries()) {
      const km = haversineKm(lat, lng, p.lat, p.lng);
      if (km <= CATCHMENT_KM) {
        within++;
        if (p.matchable) {
          matchableWithin++;
          if (p.located) matchableWithinLocated++;
          else if (!cellSet.has(cellOf[i]!)) unlocatedMissed++;
        }
      }
      if (!p.matchable) continue;
      if (inRanges(r.ranges, i)) expectedRead++;
      if (cellSet.has(cellOf[i]!)) wholeCellRead++;
      if (p.located && km <= p.participant.preferences.maxTravelKm) reachable++;
    }
    const app = stats(r.app),
      raw = stats(r.raw),
      rank = stats(r.rank);
    return {
      vacancy: r.site.label,
      job: r.site.job.title,
      vacancyId: r.vacancy.id,
      cells: r.cells.length,
      cellsReachingCircle: exactCells.size,
      queries: r.queries,
      profilesRead: r.profilesRead,
      expectedProfilesRead: expectedRead,
      /** What reading the whole of each cell would read (the pool layout before sub-cell ranges). */
      profilesReadWholeCells: wholeCellRead,
      participantsWithin40km: within,
      matchableWithin40km: matchableWithin,
      matchableWithin40kmLocated: matchableWithinLocated,
      matchableWithinOwnMaxTravel: reachable,
      /** Matchable people with no location on record who live within 40 km but under another postcode area: never read. */
      unlocatedWithin40kmNotRead: unlocatedMissed,
      totalParticipants: PARTICIPANTS,
      readPerMatchableInCatchment: round2(r.profilesRead / Math.max(1, matchableWithinLocated)),
      eligible: r.eligible,
      candidates: r.candidates,
      nearlyReady: r.nearlyReady,
      responseBytes: r.responseBytes,
      itemsReadKiB: round2(r.itemBytes / 1024),
      avgProfileItemBytes: Math.round(r.itemBytes / Math.max(1, r.profilesRead)),
      appMs: app,
      rawReadMs: raw,
      rankMs: rank,
      cpuMsMean: {
        appServerDuringRequest: round2(mean(r.appCpu)),
        dynamoLocalDuringRequest: round2(mean(r.appJavaCpu)),
        benchProcessDuringRawRead: round2(mean(r.rawCpu)),
        dynamoLocalDuringRawRead: round2(mean(r.rawJavaCpu)),
      },
    };
  });
  const all = (k: 'app' | 'raw' | 'rank' | 'appCpu' | 'appJavaCpu' | 'rawCpu' | 'rawJavaCpu') => runs.flatMap((r) => r[k]);
  const overall = {
    app: { ...stats(all('app')), cpuMsMean: { ownProcess: round2(mean(all('appCpu'))), dynamoLocal: round2(mean(all('appJavaCpu'))) } },
    rawRead: { ...stats(all('raw')), cpuMsMean: { ownProcess: round2(mean(all('rawCpu'))), dynamoLocal: round2(mean(all('rawJavaCpu'))) } },
    rank: stats(all('rank')),
  };

  // --- Report ----------------------------------------------------------------------------------
  say('');
  say(`What each vacancy reads (total participants ${n(PARTICIPANTS)}, ${n(matchableCount)} of them matchable):`);
  say('');
  printTable(
    [
      'vacancy',
      'cells / queries',
      'profilesRead',
      'share of all',
      'matchable ≤40 km',
      'all ≤40 km',
      'read ÷ matchable ≤40 km',
      'whole-cell read',
      'within own max travel',
      'eligible',
      'listed',
    ],
    rows.map((w) => [
      w.vacancy,
      `${w.cells} / ${w.queries}`,
      n(w.profilesRead),
      `${fmt((100 * w.profilesRead) / PARTICIPANTS)} %`,
      n(w.matchableWithin40kmLocated),
      n(w.participantsWithin40km),
      `×${fmt(w.readPerMatchableInCatchment, 2)}`,
      n(w.profilesReadWholeCells),
      n(w.matchableWithinOwnMaxTravel),
      n(w.eligible),
      `${w.candidates} + ${w.nearlyReady}`,
    ]),
  );
  say('');
  say('matchable = active and consenting, with a location (the 40 km bound profilesRead must meet); all = anyone living there;');
  say(
    'queries = key ranges read (runs of the sub-cells the circle reaches inside each cell); whole-cell read = what reading every named cell whole would read (the layout before sub-cell ranges);',
  );
  say(
    "within own max travel = matchable and no further than their own maxTravelKm (the distance rule's survivors); listed = candidates + nearly ready.",
  );
  say('');
  say(
    `Latency per vacancy (ms; ${done / runs.length} timed requests each, one at a time; baselines in every ${BASELINE_EVERY === 1 ? '' : `${BASELINE_EVERY}nd `}round; CPU = mean CPU ms used during a request):`,
  );
  say('');
  printTable(
    [
      'vacancy',
      'profilesRead',
      'MiB read',
      'app p50',
      'app p95',
      'raw read p50',
      'rank p50',
      'app − read − rank',
      'app CPU',
      'DDB Local CPU',
      'response KiB',
    ],
    rows.map((w) => [
      w.vacancy,
      n(w.profilesRead),
      fmt(w.itemsReadKiB / 1024, 2),
      fmt(w.appMs.p50),
      fmt(w.appMs.p95),
      fmt(w.rawReadMs.p50),
      fmt(w.rankMs.p50),
      fmt(w.appMs.p50 - w.rawReadMs.p50 - w.rankMs.p50),
      fmt(w.cpuMsMean.appServerDuringRequest, 0),
      fmt(w.cpuMsMean.dynamoLocalDuringRequest, 0),
      fmt(w.responseBytes / 1024),
    ]),
  );
  say('');
  say('All vacancies together:');
  say('');
  printTable(
    ['what', 'n', 'p50 ms', 'p95 ms', 'p99 ms', 'mean ms', 'max ms', 'CPU ms: own process', 'CPU ms: DDB Local'],
    [
      [`GET /vacancies/{id}/matches?limit=${LIMIT} (app, over HTTP)`, overall.app, overall.app.cpuMsMean] as const,
      [
        '[baseline] raw Query of the pool cells (document client, parallel, paginated)',
        overall.rawRead,
        overall.rawRead.cpuMsMean,
      ] as const,
      ['[baseline] rank + explain in process (check items, buildPool, matchVacancy, JSON)', overall.rank, undefined] as const,
    ].map(([name, s, c]) => [
      name,
      `${s.n}`,
      fmt(s.p50, 2),
      fmt(s.p95, 2),
      fmt(s.p99, 2),
      fmt(s.mean, 2),
      fmt(s.max, 2),
      c ? fmt(c.ownProcess, 0) : '',
      c ? fmt(c.dynamoLocal, 0) : '',
    ]),
  );
  say('');
  say("own process: the app's server process for the request, this process (SDK: HTTP, JSON, unmarshalling) for the raw read.");
  say(
    'app − read − rank: what is left of the app median (HTTP, auth, the vacancy / cohorts / submissions reads, building the response and its JSON).',
  );

  let warnings = 0;
  for (const w of rows) {
    if (w.profilesRead < w.matchableWithin40km) {
      // Unlocated people are read by postcode area, so only the located ones are a hard bound.
      if (w.profilesRead < w.matchableWithin40kmLocated) {
        warnings++;
        say(
          `WARNING: ${w.vacancy}: profilesRead ${w.profilesRead} < ${w.matchableWithin40kmLocated} matchable participants with a location within ${CATCHMENT_KM} km — someone in the catchment is never read (correctness bug)`,
        );
      }
    }
    if (w.profilesRead !== w.expectedProfilesRead) {
      warnings++;
      say(
        `WARNING: ${w.vacancy}: profilesRead ${w.profilesRead} ≠ ${w.expectedProfilesRead} matchable participants stored in the ranges read (pool out of step with the participants?)`,
      );
    }
    if (w.profilesRead > w.participantsWithin40km) {
      warnings++;
      say(
        `WARNING: ${w.vacancy}: profilesRead ${w.profilesRead} > ${w.participantsWithin40km} participants within ${CATCHMENT_KM} km — the read is not bounded by the catchment`,
      );
    }
  }
  if (rawItemCountMismatch) {
    warnings++;
    say(`WARNING: ${rawItemCountMismatch}`);
  }
  say(
    `Matchable participants with no location on record who live within ${CATCHMENT_KM} km, and how many of them are not read ` +
      `(another postcode area than the vacancy's): ` +
      rows
        .map((w) => `${w.vacancy} ${w.matchableWithin40km - w.matchableWithin40kmLocated} / ${w.unlocatedWithin40kmNotRead} not read`)
        .join(', '),
  );
  if (!warnings) {
    say(
      `Check: every vacancy read at least every matchable participant with a location within ${CATCHMENT_KM} km, exactly what its ranges hold, ` +
        `and no more profiles than there are participants within ${CATCHMENT_KM} km.`,
    );
  }
  say(loadAverageLine('measuring', loadBefore, loadAfter));

  // The warm pool in process, on the same table, for the densest vacancy (it updates a few participants: last).
  const leeds = runs.find((r) => r.site.label === 'Leeds')!;
  const warmPool = await benchWarmPool({
    endpoint: dynamo.endpoint,
    table: TABLE,
    org: ORG,
    vacancyId: leeds.vacancy.id,
    label: leeds.site.label,
    someone: people
      .filter((p) => p.matchable && p.located)
      .slice(0, 10)
      .map((p) => p.participant.id),
    rounds: positiveInt('BENCH_WARM_ROUNDS', 100),
  });

  const totalSeconds = (performance.now() - runStarted) / 1000;
  const results = await writeResults('matching-e2e.json', {
    loadAverage1m: { before: round2(loadBefore), after: round2(loadAfter) },
    config: {
      participants: PARTICIPANTS,
      vacancies: SITES.length,
      timedRequests: done,
      requested: N,
      stoppedEarly,
      warmupRounds: WARMUP_ROUNDS,
      limit: LIMIT,
      catchmentKm: CATCHMENT_KM,
      region: REGION,
      loadConcurrency: LOAD_CONCURRENCY,
      appLogLevel: APP_LOG_LEVEL,
    },
    load: {
      seconds: round2(loadSeconds),
      perSecond: round2(PARTICIPANTS / loadSeconds),
      generateSeconds: round2(genSeconds),
      throughRepository: {
        participants: repoCount,
        seconds: round2(repoSeconds),
        perSecond: round2(repoCount / repoSeconds),
        concurrency: LOAD_CONCURRENCY,
      },
      batchWritten: {
        participants: batchCount,
        seconds: round2(batchSeconds),
        perSecond: round2(batchCount / batchSeconds),
        concurrency: BATCH_CONCURRENCY,
      },
      matchable: matchableCount,
      unlocated: people.filter((p) => !p.located).length,
    },
    overall,
    vacancies: rows,
    warmPool,
    warnings,
    totalSeconds: round2(totalSeconds),
  });
  say(`\nWrote ${results}; whole run ${fmt(totalSeconds)} s`);
  db.destroy();
}

await runBench(main);
