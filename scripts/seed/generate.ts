/**
 * The demo district for `npm start`: a West Yorkshire Jobcentre Plus district with ~200 employers (contacts
 * and interaction history), ~300 vacancies, ~10 PET cohorts and ~3,000 participants across ~50 advisers.
 * Generated from a fixed seed, so the same seed and `now` always give the same data, and every object is a
 * plain domain object that passes its zod schema. Numbers follow the domain brief ("Numbers for realistic
 * data and scale").
 */
import type { Role } from '../../shared/domain/actor.js';
import type { AuditEntry } from '../../shared/domain/audit.js';
import type { ActionPlan, CaseContact } from '../../shared/domain/casework.js';
import type { Cohort, Enrolment } from '../../shared/domain/cohort.js';
import { normaliseEmployerName, type Contact, type Employer, type Interaction, type Pledge } from '../../shared/domain/employer.js';
import type { PAYMENT_GROUPS, Participant, REFERRAL_SOURCES, ReadinessHistoryEntry, Sensitive } from '../../shared/domain/participant.js';
import type { Vacancy } from '../../shared/domain/vacancy.js';
import type { OffenceCategory } from '../../shared/domain/convictions.js';
import {
  contactJobTitle,
  employerName,
  personName,
  INDUSTRIAL_ESTATES,
  LANGUAGES_BY_GROUP,
  PAST_EMPLOYER_KINDS,
  STREET_NAMES,
  TRAINING_PROVIDERS,
} from './names.js';
import { buildCasework } from './casework.js';
import { AREAS, VENUES, employerArea, locationNear, postcodeIn, residentArea, type Area } from './places.js';
import { Rng, ulidAt } from './random.js';
import {
  EMPLOYER_SECTOR_WEIGHTS,
  GENERAL_SKILLS,
  NATIONAL_LIVING_WAGE,
  SECTOR_PROFILES,
  type Demand,
  type OccupationTemplate,
  type Sector,
  type Shift,
} from './sectors.js';
import {
  CARING,
  COMPLETION_NOTES,
  adjustmentKindsOf,
  CONVICTIONS,
  DISABILITIES,
  EMPLOYER_NOTES,
  HEALTH_ONLY,
  HOUSING,
  SUBSTANCE,
  WITHDRAWAL_NOTES,
  interactionSummary,
  languageNote,
  kindFor,
  readinessReason,
  vacancyDescription,
  type Condition,
  type Outcome,
} from './text.js';

export const DEFAULT_SEED = 20261125;

type Stage = Employer['stage'];
type SizeBand = Employer['sizeBand'];
type Readiness = Participant['readiness'];
type VacancyStatus = Vacancy['status'];
type CohortModule = Cohort['modules'][number];
type ShareField = Participant['consent']['shareWithEmployers'][number];

export interface DemoUser {
  sub: string;
  role: Role;
  name: string;
  /** At a reserved example domain (RFC 2606): demo mail can never reach anyone. */
  email: string;
  /** Staff only: their office or team. */
  team?: string;
  /** Staff only: in the range Ofcom keeps for drama (0113 496 0000–0999). */
  phone?: string;
  /** Employer users only: the employer they act for. */
  employerId?: string;
}

export interface DemoData {
  orgId: string;
  seed: number;
  scale: number;
  /** The `now` the data was generated for (every timestamp is before it). */
  now: string;
  employers: Employer[];
  contacts: Contact[];
  interactions: Interaction[];
  pledges: Pledge[];
  vacancies: Vacancy[];
  /** `enrolledCount` and `version` are what the store holds once `enrolments` have been applied through the repository. */
  cohorts: Cohort[];
  enrolments: Enrolment[];
  /** `version` counts the writes the loader makes: one per readiness entry, plus one for a later profile update. */
  participants: Participant[];
  /** Oldest first; the first entry has `from: null`, the last ends at the participant's readiness. */
  readinessHistory: Record<string, ReadinessHistoryEntry[]>;
  sensitive: Sensitive[];
  /** One `sensitive.write` audit entry per sensitive record, written with it. */
  audit: AuditEntry[];
  /** The last eight weeks of contacts with everyone still looking for work (their summaries are on the participants). */
  caseContacts: CaseContact[];
  /** One `casework.write` audit entry per contact and per action plan, written with it. */
  caseworkAudit: AuditEntry[];
  /** Action plans (goals, steps, barriers, jobs and their history) of most people still looking for work. */
  actionPlans: ActionPlan[];
  /** The demo sign-in identities bound to this data (employer users to its demo employers). */
  users: DemoUser[];
  /**
   * Vacancies the district filled in the past, loaded still open (their closing date passed): the history
   * step (scripts/seed/history.ts) fills them through the use cases by `filledAt`, or closes them.
   */
  pastFills: { vacancyId: string; filledAt: string }[];
  /** Participants the history step hires first when a past vacancy suits them. */
  hireHints: string[];
}

const DAY = 86_400_000;
const HOUR = 3_600_000;
const MINUTE = 60_000;

const iso = (ms: number) => new Date(ms).toISOString();
const ymd = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const dayStart = (ms: number) => Math.floor(ms / DAY) * DAY;

// ---------------------------------------------------------------------------------------------------------
// Demo users: fixed identities, independent of the seed, so `npm start` can print them every time.
// ---------------------------------------------------------------------------------------------------------

export const DEMO_LIAISON_COUNT = 8;
export const DEMO_ADVISER_COUNT = 50;

/**
 * The five demo employers have fixed ids (signed up early in 2025), so an employer token can be printed
 * before the data is read. The generator gives these ids to five active employers with open vacancies
 * whenever `now` is at least 90 days after those sign-up dates.
 */
const DEMO_EMPLOYER_SIGNUPS = [
  '2025-01-13T09:30:00.000Z',
  '2025-02-10T10:15:00.000Z',
  '2025-03-17T11:05:00.000Z',
  '2025-04-07T14:20:00.000Z',
  '2025-05-12T09:45:00.000Z',
].map(Date.parse);

const usersRng = new Rng(0x0de30);
export const DEMO_EMPLOYER_IDS: readonly string[] = DEMO_EMPLOYER_SIGNUPS.map((t) => ulidAt(t, usersRng));

function uniqueNames(rng: Rng, n: number, taken: Set<string>): string[] {
  const out: string[] = [];
  while (out.length < n) {
    const { first, last } = personName(rng, { southAsianShare: 0.2, maleShare: 0.45 });
    const full = `${first} ${last}`;
    if (taken.has(full)) continue;
    taken.add(full);
    out.push(full);
  }
  return out;
}

const takenUserNames = new Set<string>(['Ruth Ackroyd']);
const liaisonNames = uniqueNames(usersRng, DEMO_LIAISON_COUNT, takenUserNames);
const adviserNames = uniqueNames(usersRng, DEMO_ADVISER_COUNT, takenUserNames);
const employerUserNames = uniqueNames(usersRng, DEMO_EMPLOYER_IDS.length, takenUserNames);

/** The demo provider's offices: advisers work from one each; liaison officers are one team. */
export const DEMO_OFFICES = ['Leeds Hunslet', 'Bradford City', 'Wakefield Westgate', 'Huddersfield', 'Halifax'] as const;

const takenEmails = new Set<string>();
/** first.last@domain, plain ASCII; a second person of the same name gets a number. */
function demoEmail(name: string, domain: string): string {
  const local = name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z\s-]+/g, '')
    .trim()
    .split(/[\s]+/)
    .join('.');
  let email = `${local}@${domain}`;
  for (let n = 2; takenEmails.has(email); n++) email = `${local}${n}@${domain}`;
  takenEmails.add(email);
  return email;
}

const STAFF_DOMAIN = 'westyorkshire-works.example.org';
let phoneLine = 0;
const demoPhone = () => `+44113496${String(phoneLine++).padStart(4, '0')}`;

export const DEMO_USERS: readonly DemoUser[] = [
  {
    sub: 'u-admin-1',
    role: 'admin',
    name: 'Ruth Ackroyd',
    email: demoEmail('Ruth Ackroyd', STAFF_DOMAIN),
    team: 'Contract management',
    phone: demoPhone(),
  },
  ...liaisonNames.map((name, i) => ({
    sub: `u-liaison-${i + 1}`,
    role: 'liaison' as const,
    name,
    email: demoEmail(name, STAFF_DOMAIN),
    team: 'Employer engagement',
    phone: demoPhone(),
  })),
  ...adviserNames.map((name, i) => ({
    sub: `u-adviser-${i + 1}`,
    role: 'adviser' as const,
    name,
    email: demoEmail(name, STAFF_DOMAIN),
    team: DEMO_OFFICES[i % DEMO_OFFICES.length]!,
    phone: demoPhone(),
  })),
  ...employerUserNames.map((name, i) => ({
    sub: `u-employer-${i + 1}`,
    role: 'employer' as const,
    name,
    email: demoEmail(name, 'employers.example.com'),
    employerId: DEMO_EMPLOYER_IDS[i]!,
  })),
];

// ---------------------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------------------

class IdMaker {
  private readonly seen = new Set<string>();
  constructor(private readonly rng: Rng) {}
  at(ms: number): string {
    for (;;) {
      const id = ulidAt(Math.floor(ms), this.rng);
      if (!this.seen.has(id)) {
        this.seen.add(id);
        return id;
      }
    }
  }
  reserve(id: string): string {
    if (this.seen.has(id)) throw new Error(`id ${id} already used`);
    this.seen.add(id);
    return id;
  }
}

/** Times during the working day (08:00–17:30, Monday to Friday), never after `now`. */
class Times {
  constructor(
    private readonly rng: Rng,
    readonly now: number,
  ) {}

  /** A working-hours moment on the day of `ms` (weekends move back to Friday), at or after `lo`, before now. */
  work(ms: number, lo = -Infinity): number {
    let d = dayStart(ms);
    const dow = new Date(d).getUTCDay();
    if (dow === 6) d -= DAY;
    if (dow === 0) d -= 2 * DAY;
    let t = d + 8 * HOUR + this.rng.int(0, 570) * MINUTE + this.rng.int(0, 59) * 1000;
    if (t < lo) t = lo + this.rng.int(1, 90) * MINUTE;
    if (t > this.now - 5 * MINUTE) t = Math.max(lo, this.now - this.rng.int(5, 120) * MINUTE);
    return Math.min(t, this.now - MINUTE);
  }

  daysAgo(min: number, max: number): number {
    return this.now - this.rng.float(min, max) * DAY;
  }
}

/** Splits `n` by shares with the largest-remainder method, then shuffles: exact proportions, random order. */
function quota<K extends string>(rng: Rng, n: number, shares: Readonly<Record<K, number>>): K[] {
  const keys = Object.keys(shares) as K[];
  const total = keys.reduce((s, k) => s + shares[k], 0);
  const exact = keys.map((k) => ({ k, x: (n * shares[k]) / total }));
  const counts = exact.map((e) => ({ k: e.k, c: Math.floor(e.x), r: e.x - Math.floor(e.x) }));
  let left = n - counts.reduce((s, c) => s + c.c, 0);
  for (const c of [...counts].sort((a, b) => b.r - a.r)) {
    if (left <= 0) break;
    c.c++;
    left--;
  }
  return rng.shuffle(counts.flatMap((c) => Array.from({ length: c.c }, () => c.k)));
}

/** Deals `total` items over `weights`, each first getting its `min`: returns a count per weight. */
function allocate(rng: Rng, total: number, weights: readonly number[], min: readonly number[]): number[] {
  const out = min.map((m) => m);
  let left = total - out.reduce((s, x) => s + x, 0);
  if (left < 0) {
    // Not enough to give everyone their minimum: give one each to as many as possible.
    const order = rng.shuffle(weights.map((_, i) => i));
    const res = weights.map(() => 0);
    for (let i = 0; i < total; i++) res[order[i % order.length]!]!++;
    return res;
  }
  const entries = weights.map((w, i) => [i, w] as const);
  while (left-- > 0) out[rng.weighted(entries)]!++;
  return out;
}

/** Lower case apart from all-capital words (CSCS, HGV, CCTV): "CSCS Labourer" → "CSCS labourer". */
function prose(title: string): string {
  return title
    .split(' ')
    .map((w) => (/^[A-Z0-9]{2,}$/.test(w) ? w : w.toLowerCase()))
    .join(' ');
}

function plural(s: string): string {
  if (/staff$/i.test(s)) return s;
  if (/y$/.test(s) && !/[aeiou]y$/.test(s)) return `${s.slice(0, -1)}ies`;
  return `${s}s`;
}

function slug(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, 'and')
    .replace(/[^a-z0-9]+/g, '')
    .slice(0, 40);
}

/** Removes keys whose value is undefined, all the way down (the store drops them anyway). */
function clean<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => clean(v)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = clean(v);
    return out as T;
  }
  return value;
}

function humanDate(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  return d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/**
 * How far someone will travel to work: drivers further than those on public transport. About one driver
 * in twenty-one (the top of the range) will drive well beyond the matching catchment, so the demo has
 * people whom vacancies outside it must still find. One draw either way, as before.
 */
function travelKm(rng: Rng, drivingLicence: boolean): number {
  if (!drivingLicence) return rng.int(5, 20);
  const km = rng.int(10, 30);
  return km === 30 ? 60 : km;
}

function pickOccupation(rng: Rng, sector: Sector): OccupationTemplate {
  const occs = SECTOR_PROFILES[sector].occupations;
  return rng.weighted(occs.map((o) => [o, o.weight ?? 1] as const));
}

function placeWord(area: Area): string {
  return /City Centre| and |Dock/.test(area.name) ? area.town : area.name;
}

// ---------------------------------------------------------------------------------------------------------
// The generator
// ---------------------------------------------------------------------------------------------------------

interface EmployerBuild {
  employer: Employer;
  area: Area;
  contacts: Contact[];
  mainJob: OccupationTemplate;
  demo: boolean;
  /** Which of DEMO_EMPLOYER_IDS (and demo employer users) this employer stands for. */
  demoIndex: number;
  repeat: boolean;
}

interface Gen {
  ids: IdMaker;
  times: Times;
  now: number;
  orgId: string;
  liaison: string[];
  advisers: string[];
  /** Participants the history step should prefer to hire (drawn as placed, or hired after a bespoke course). */
  hireHints: Set<string>;
}

export function generateDemoData(opts: { seed?: number; now: Date; orgId: string; scale?: number }): DemoData {
  const seed = opts.seed ?? DEFAULT_SEED;
  const scale = opts.scale ?? 1;
  if (!(scale > 0) || !Number.isFinite(scale)) throw new Error('scale must be a positive number');
  const now = opts.now.getTime();
  if (!Number.isFinite(now)) throw new Error('now must be a valid date');
  const root = new Rng(seed);
  const n = {
    employers: Math.max(1, Math.round(200 * scale)),
    vacancies: Math.max(1, Math.round(300 * scale)),
    cohorts: Math.max(2, Math.round(10 * scale)),
    participants: Math.max(1, Math.round(3000 * scale)),
    liaison: Math.max(2, Math.round(DEMO_LIAISON_COUNT * scale)),
    advisers: Math.max(1, Math.round(DEMO_ADVISER_COUNT * scale)),
  };
  const g: Gen = {
    ids: new IdMaker(root.fork('ids')),
    times: new Times(root.fork('times'), now),
    now,
    orgId: opts.orgId,
    liaison: Array.from({ length: n.liaison }, (_, i) => `u-liaison-${i + 1}`),
    advisers: Array.from({ length: n.advisers }, (_, i) => `u-adviser-${i + 1}`),
    hireHints: new Set(),
  };

  const employerBuilds = buildEmployers(g, root.fork('employers'), n.employers);
  const { interactions, pledges } = buildInteractions(g, root.fork('interactions'), employerBuilds);
  const vacancies = buildVacancies(g, root.fork('vacancies'), employerBuilds, n.vacancies);
  const cohorts = buildCohorts(g, root.fork('cohorts'), employerBuilds, vacancies, n.cohorts);
  const people = buildParticipants(g, root.fork('participants'), n.participants);
  const enrolments = buildEnrolments(g, root.fork('enrolments'), cohorts, people);
  // Filled vacancies are filled by the history step's real hires: here they stay open as they were.
  const pastFills = vacancies.flatMap((v, i) => {
    if (v.status !== 'filled') return [];
    const [filled] = v.statusHistory.slice(-1);
    const before = v.statusHistory.slice(0, -1);
    vacancies[i] = clean({
      ...v,
      status: 'open',
      filledPositions: 0,
      statusHistory: before,
      updatedAt: before[before.length - 1]!.at,
      version: before.length,
    });
    return [{ vacancyId: v.id, filledAt: filled!.at }];
  });
  // Last, with its own generator, so the rest of the district is the same with or without it.
  const casework = buildCasework({ now, ids: g.ids, work: (ms, lo) => g.times.work(ms, lo) }, root.fork('casework'), people);

  // The staff who appear in this data (all of them at scale 1), and the employer users whose employer is here.
  const staff = new Set(['u-admin-1', ...g.liaison, ...g.advisers]);
  const users = DEMO_USERS.filter((u) => staff.has(u.sub)).map((u) => ({ ...u }));
  DEMO_USERS.filter((u) => u.role === 'employer').forEach((u, i) => {
    const bound = employerBuilds.find((b) => b.demoIndex === i);
    if (bound) users.push({ ...u, employerId: bound.employer.id });
  });

  return clean({
    orgId: opts.orgId,
    seed,
    scale,
    now: iso(now),
    employers: employerBuilds.map((b) => b.employer),
    contacts: employerBuilds.flatMap((b) => b.contacts),
    interactions,
    pledges,
    vacancies,
    cohorts,
    enrolments,
    participants: people.map(({ participant: p }) => {
      const summary = casework.summaries.get(p.id);
      return summary ? { ...p, casework: summary } : p;
    }),
    readinessHistory: Object.fromEntries(people.map((p) => [p.participant.id, p.history])),
    sensitive: people.flatMap((p) => (p.sensitive ? [p.sensitive] : [])),
    audit: people.flatMap((p) => (p.audit ? [p.audit] : [])),
    caseContacts: casework.contacts,
    caseworkAudit: casework.audit,
    actionPlans: casework.plans,
    users,
    pastFills,
    hireHints: [...g.hireHints].sort(),
  });
}

// ---------------------------------------------------------------------------------------------------------
// Employers and contacts
// ---------------------------------------------------------------------------------------------------------

const SIZE_WEIGHTS: Partial<Record<Sector, readonly [number, number, number, number]>> = {
  'warehousing-logistics': [5, 20, 40, 35],
  'contact-centre': [0, 15, 40, 45],
  health: [5, 25, 40, 30],
  'public-sector': [0, 10, 40, 50],
  hospitality: [25, 45, 25, 5],
  construction: [20, 45, 30, 5],
  'cleaning-facilities': [20, 40, 30, 10],
  manufacturing: [5, 30, 45, 20],
  'admin-office': [30, 45, 20, 5],
  other: [30, 45, 20, 5],
};
const SIZES: readonly SizeBand[] = ['micro', 'small', 'medium', 'large'];

const STAGE_AGE_DAYS: Readonly<Record<Stage, readonly [number, number]>> = {
  prospect: [3, 150],
  contacted: [14, 300],
  engaged: [45, 700],
  active: [90, 1000],
  lapsed: [300, 1200],
};

/** Offence categories employers open to convictions still will not consider, by sector [JP C.6.1]: theft for retail, arson, sex offences, violence. */
const EXCLUSIONS_BY_SECTOR: Partial<Record<Sector, readonly OffenceCategory[]>> = {
  care: ['sexual', 'violence', 'theft', 'fraud'],
  health: ['sexual', 'violence', 'fraud'],
  security: ['violence', 'theft', 'drugs', 'fraud'],
  retail: ['theft', 'fraud'],
  'contact-centre': ['fraud'],
  'public-sector': ['sexual', 'violence'],
  transport: ['sexual', 'driving'],
  'warehousing-logistics': ['arson', 'theft'],
  manufacturing: ['arson', 'violence'],
};

function buildEmployers(g: Gen, rng: Rng, count: number): EmployerBuild[] {
  const stages = quota<Stage>(rng, count, { prospect: 25, contacted: 20, engaged: 25, active: 25, lapsed: 5 });
  const plan = stages.map((stage) => {
    const sector = rng.weightedKey(EMPLOYER_SECTOR_WEIGHTS);
    const sw = SIZE_WEIGHTS[sector] ?? [15, 35, 35, 15];
    const sizeBand = rng.weighted(SIZES.map((s, i) => [s, sw[i]!] as const));
    return { stage, sector, sizeBand, demo: false };
  });

  // Five active employers become the demo employers (fixed ids), one per popular sector where possible.
  const useFixedIds = DEMO_EMPLOYER_SIGNUPS.every((t) => t < g.now - 90 * DAY);
  const wanted: Sector[] = ['warehousing-logistics', 'care', 'hospitality', 'retail', 'security'];
  const demoSlots: number[] = [];
  for (const sector of wanted) {
    const i = plan.findIndex((p, idx) => p.stage === 'active' && p.sector === sector && !demoSlots.includes(idx));
    if (i >= 0) demoSlots.push(i);
  }
  for (let i = 0; i < plan.length && demoSlots.length < DEMO_EMPLOYER_IDS.length; i++) {
    if (plan[i]!.stage === 'active' && !demoSlots.includes(i)) demoSlots.push(i);
  }
  demoSlots.forEach((i, k) => {
    plan[i]!.demo = true;
    if (plan[i]!.sizeBand === 'micro' || plan[i]!.sizeBand === 'small') plan[i]!.sizeBand = k < 2 ? 'large' : 'medium';
  });

  const names = new Set<string>();
  const companyNumbers = new Set<string>();
  const builds: EmployerBuild[] = [];
  plan.forEach((p, i) => {
    const area = employerArea(rng);
    // Account managers work patches: neighbouring areas share an officer, with some cover across patches.
    const areaIndex = AREAS.indexOf(area);
    const patchOfficer = g.liaison[Math.floor((areaIndex * g.liaison.length) / AREAS.length)]!;
    const accountManagerId = rng.chance(0.85) ? patchOfficer : rng.pick(g.liaison);

    let name = employerName(rng, p.sector, placeWord(area));
    for (let tries = 0; names.has(normaliseEmployerName(name)) && tries < 30; tries++) name = employerName(rng, p.sector, placeWord(area));
    if (names.has(normaliseEmployerName(name))) name = `${name} (${area.name})`;
    names.add(normaliseEmployerName(name));

    const demoIndex = demoSlots.indexOf(i);
    let createdAt: number;
    let id: string;
    if (demoIndex >= 0 && useFixedIds) {
      createdAt = DEMO_EMPLOYER_SIGNUPS[demoIndex]!;
      id = g.ids.reserve(DEMO_EMPLOYER_IDS[demoIndex]!);
    } else {
      const [lo, hi] = STAGE_AGE_DAYS[p.stage];
      createdAt = g.times.work(g.times.daysAgo(lo, hi));
      id = g.ids.at(createdAt);
    }

    const industrial = ['warehousing-logistics', 'manufacturing', 'construction', 'cleaning-facilities'].includes(p.sector);
    const street = rng.pick(STREET_NAMES);
    const address = {
      ...(industrial && rng.chance(0.7)
        ? { line1: `Unit ${rng.int(1, 40)}, ${rng.pick(INDUSTRIAL_ESTATES)}`, line2: street }
        : { line1: `${rng.int(1, 240)} ${street}` }),
      town: area.town,
      postcode: postcodeIn(area, rng),
      location: locationNear(area, rng),
    };

    let companyNumber: string | undefined;
    if (p.sizeBand !== 'micro' ? rng.chance(0.75) : rng.chance(0.3)) {
      do companyNumber = `${rng.pick(['0', '0', '1'])}${rng.int(1_000_000, 9_999_999)}`;
      while (companyNumbers.has(companyNumber));
      companyNumbers.add(companyNumber);
    }

    const warm = p.stage === 'active' || p.stage === 'engaged';
    const dcWeights: readonly (readonly [Employer['commitments']['disabilityConfident'], number])[] = warm
      ? [
          ['none', 35],
          ['committed', 35],
          ['employer', 22],
          ['leader', 8],
        ]
      : [
          ['none', 65],
          ['committed', 25],
          ['employer', 8],
          ['leader', 2],
        ];
    const disabilityConfident = rng.weighted(dcWeights);
    const openToConvictions = rng.chance(warm ? 0.3 : 0.15) || (p.sector === 'construction' && rng.chance(0.3));
    const exclusionPool = EXCLUSIONS_BY_SECTOR[p.sector] ?? (['sexual', 'violence'] as const);
    const commitments: Employer['commitments'] = {
      guaranteedInterviews: rng.chance(p.stage === 'active' ? 0.45 : p.stage === 'engaged' ? 0.25 : 0.05) || p.demo,
      workTrials: rng.chance(p.stage === 'active' ? 0.35 : p.stage === 'engaged' ? 0.2 : 0.05),
      disabilityConfident,
      openToConvictions,
      convictionExclusions: openToConvictions ? rng.sample(exclusionPool, rng.int(0, Math.min(3, exclusionPool.length))).sort() : [],
      adjustmentsOffered:
        disabilityConfident !== 'none' || rng.chance(0.15)
          ? rng.sample(SECTOR_PROFILES[p.sector].adjustments, rng.int(1, disabilityConfident === 'leader' ? 3 : 2))
          : [],
      adjustmentTypesOffered: [],
    };
    commitments.adjustmentTypesOffered = adjustmentKindsOf(commitments.adjustmentsOffered);

    const employer: Employer = {
      id,
      name,
      sector: p.sector,
      sizeBand: p.sizeBand,
      companyNumber,
      address,
      stage: p.stage,
      accountManagerId,
      commitments,
      website: rng.chance(0.5) ? `https://www.${slug(name)}.example.com` : undefined,
      notes: rng.chance(0.3) ? rng.pick(EMPLOYER_NOTES) : undefined,
      orgId: g.orgId,
      createdAt: iso(createdAt),
      createdBy: accountManagerId,
      updatedAt: iso(createdAt),
      updatedBy: accountManagerId,
      version: 1,
    };
    const contacts = buildContacts(g, rng, employer, area, createdAt);
    builds.push({ employer, area, contacts, mainJob: pickOccupation(rng, p.sector), demo: p.demo, demoIndex, repeat: false });
  });
  return builds;
}

const CONTACT_ROLES = ['hiring-manager', 'hr', 'site-manager', 'other'] as const;

function buildContacts(g: Gen, rng: Rng, e: Employer, area: Area, createdAt: number): Contact[] {
  const n =
    e.stage === 'prospect'
      ? 1
      : e.sizeBand === 'micro'
        ? 1
        : e.sizeBand === 'small'
          ? rng.int(1, 2)
          : e.sizeBand === 'medium'
            ? rng.int(1, 3)
            : rng.int(2, 3);
  const domain = `${slug(e.name)}.example.com`;
  const used = new Set<string>();
  const out: Contact[] = [];
  for (let i = 0; i < n; i++) {
    const { first, last } = personName(rng, { southAsianShare: area.southAsian });
    const role: Contact['role'] =
      i === 0 && (e.sizeBand === 'micro' || e.sizeBand === 'small') && rng.chance(0.7)
        ? 'owner'
        : i === 0
          ? rng.weighted([
              ['hiring-manager', 5],
              ['hr', 3],
              ['site-manager', 2],
            ])
          : rng.pick(CONTACT_ROLES);
    let local = `${slug(first)}.${slug(last)}`;
    if (used.has(local)) local = `${local}${i + 1}`;
    used.add(local);
    const hasEmail = rng.chance(0.85);
    const phone = !hasEmail || rng.chance(0.7) ? landline(rng, area) : undefined;
    const at = createdAt + rng.int(1, 40) * MINUTE + i * MINUTE;
    out.push({
      id: g.ids.at(at),
      employerId: e.id,
      name: `${first} ${last}`,
      jobTitle: rng.chance(0.9) ? contactJobTitle(rng, role, e.sector) : undefined,
      role,
      email: hasEmail ? `${local}@${domain}` : undefined,
      phone,
      primary: i === 0,
      createdAt: iso(at),
      createdBy: e.accountManagerId,
    });
  }
  return out;
}

/** Ofcom's numbers reserved for drama: Leeds 0113 496 0xxx, and the area-less 01632 960xxx. */
function landline(rng: Rng, area: Area): string {
  const n = String(rng.int(0, 999)).padStart(3, '0');
  return area.town === 'Leeds' || rng.chance(0.3) ? `0113 496 0${n}` : `01632 960${n}`;
}

// ---------------------------------------------------------------------------------------------------------
// Interactions and pledges
// ---------------------------------------------------------------------------------------------------------

const INTERACTION_COUNTS: Readonly<Record<Stage, readonly [number, number]>> = {
  prospect: [0, 2],
  contacted: [1, 4],
  engaged: [3, 9],
  active: [5, 15],
  lapsed: [3, 8],
};

function nextOutcome(rng: Rng, stage: Stage, index: number, count: number): Outcome {
  if (index === 0) {
    if (stage === 'prospect')
      return rng.weighted([
        ['no-answer', 5],
        ['neutral', 4],
      ]);
    return rng.weighted([
      ['no-answer', 2],
      ['neutral', 5],
      ['positive', 3],
    ]);
  }
  switch (stage) {
    case 'prospect':
      return rng.weighted([
        ['no-answer', 5],
        ['neutral', 4],
      ]);
    case 'contacted':
      return rng.weighted([
        ['neutral', 4],
        ['positive', 3],
        ['no-answer', 2],
        ['follow-up-needed', 3],
      ]);
    case 'engaged':
      return rng.weighted([
        ['positive', 4],
        ['follow-up-needed', 3],
        ['neutral', 2],
        ['vacancy-taken', 2],
        ['no-answer', 1],
        ['negative', 0.5],
      ]);
    case 'active':
      return rng.weighted([
        ['vacancy-taken', 4],
        ['positive', 3],
        ['follow-up-needed', 3],
        ['neutral', 2],
        ['no-answer', 1],
        ['negative', 0.5],
      ]);
    case 'lapsed':
      return index >= count - 2
        ? rng.weighted([
            ['negative', 3],
            ['no-answer', 3],
            ['neutral', 1],
          ])
        : rng.weighted([
            ['positive', 3],
            ['vacancy-taken', 3],
            ['follow-up-needed', 2],
            ['neutral', 2],
          ]);
  }
}

function quarterEndAfter(rng: Rng, now: number): string {
  const d = new Date(now + rng.int(120, 480) * DAY);
  const y = d.getUTCFullYear();
  const q = Math.floor(d.getUTCMonth() / 3);
  return ['-03-31', '-06-30', '-09-30', '-12-31'].map((s) => `${y}${s}`)[q]!;
}

function buildInteractions(g: Gen, rng: Rng, builds: EmployerBuild[]): { interactions: Interaction[]; pledges: Pledge[] } {
  const interactions: Interaction[] = [];
  const pledges: Pledge[] = [];
  // About 15% of active employers have made a pledge: the bigger ones first.
  const active = builds.filter((b) => b.employer.stage === 'active');
  const pledgeCount = Math.round(active.length * 0.15);
  const sizeRank: Record<SizeBand, number> = { large: 0, medium: 1, small: 2, micro: 3 };
  const pledgers = new Set(
    rng
      .shuffle(active)
      .sort((a, b) => sizeRank[a.employer.sizeBand] - sizeRank[b.employer.sizeBand])
      .slice(0, pledgeCount)
      .map((b) => b.employer.id),
  );

  for (const b of builds) {
    const e = b.employer;
    const created = Date.parse(e.createdAt);
    const [min, max] = INTERACTION_COUNTS[e.stage];
    let count =
      e.stage === 'prospect'
        ? rng.weighted([
            [0, 4],
            [1, 4],
            [2, 2],
          ] as const)
        : rng.int(min, max);
    if (b.demo || pledgers.has(e.id)) count = Math.max(count, 6);
    if (count === 0) continue;

    const lo = created + HOUR;
    let hi = g.now - 10 * MINUTE;
    if (e.stage === 'lapsed') hi = Math.min(g.now - 150 * DAY, Math.max(lo + 30 * DAY, g.now - rng.int(180, 400) * DAY));
    const raw = [lo + rng.float(0, Math.min(14 * DAY, (hi - lo) / 2))];
    for (let i = 1; i < count; i++) raw.push(rng.float(lo, hi));
    raw.sort((a, b) => a - b);
    const times: number[] = [];
    for (const t of raw) {
      let w = g.times.work(t, lo);
      if (e.stage === 'lapsed') w = Math.min(w, hi);
      if (times.length && w <= times[times.length - 1]!) w = times[times.length - 1]! + rng.int(5, 90) * MINUTE;
      times.push(Math.min(w, g.now - 2 * MINUTE));
    }

    const outcomes = times.map((_, i) => nextOutcome(rng, e.stage, i, count));
    if (e.stage === 'active' && !outcomes.includes('vacancy-taken') && count > 1) outcomes[rng.int(1, count - 1)] = 'vacancy-taken';
    let pledge: Pledge | undefined;
    if (pledgers.has(e.id)) {
      // The pledge was made at a recent meeting.
      let at = times.findIndex((t, i) => i > 0 && t > g.now - 300 * DAY);
      if (at < 0) at = count - 1;
      at = rng.int(at, count - 1);
      outcomes[at] = 'pledge-made';
      const jobs = e.sizeBand === 'large' ? rng.int(20, 60) : e.sizeBand === 'medium' ? rng.int(8, 25) : rng.int(3, 8);
      const byDate = quarterEndAfter(rng, g.now);
      const madeAt = times[at]!;
      pledge = {
        id: '',
        employerId: e.id,
        description: `${jobs} ${prose(b.mainJob.title)} jobs for local jobseekers by ${humanDate(byDate)}`,
        jobsPledged: jobs,
        byDate,
        sector: e.sector,
        madeAt: iso(madeAt),
        recordedBy: e.accountManagerId,
        progress: { hires: 0, sustained: 0, percent: 0 },
      };
    }

    let lastRecorded = 0;
    const yesterday = dayStart(g.now) - DAY;
    times.forEach((t, i) => {
      const outcome = outcomes[i]!;
      const preferred = i === 0 && e.stage !== 'prospect' && outcome !== 'no-answer' && rng.chance(0.2) ? 'event' : kindFor(rng, outcome);
      const contact = b.contacts.length && rng.chance(0.75) ? rng.pick(b.contacts) : undefined;
      const isLast = i === count - 1;
      const next = times[i + 1];
      let followUp: string | undefined;
      if (isLast && e.stage !== 'lapsed' && (e.stage !== 'prospect' ? rng.chance(0.65) : rng.chance(0.3))) {
        const day = dayStart(t);
        followUp =
          rng.chance(0.35) && day + DAY <= yesterday
            ? ymd(rng.int(day / DAY + 1, yesterday / DAY) * DAY)
            : ymd(g.now + rng.int(1, 21) * DAY);
      } else if (
        !isLast &&
        (outcome === 'follow-up-needed' || ((outcome === 'positive' || outcome === 'vacancy-taken') && rng.chance(0.3)))
      ) {
        const due = dayStart(t) + rng.int(2, 10) * DAY;
        followUp = ymd(next !== undefined ? Math.min(due, dayStart(next)) : due);
      } else if (isLast && outcome === 'follow-up-needed' && e.stage !== 'lapsed') {
        followUp = ymd(g.now + rng.int(1, 14) * DAY);
      }
      const role = prose(b.mainJob.title);
      const { kind, summary } = interactionSummary(rng, preferred, outcome, {
        c: contact ? contact.name.split(' ')[0]! : 'the manager',
        role,
        roles: plural(role),
        town: b.area.town,
        n: pledge && outcome === 'pledge-made' ? pledge.jobsPledged : rng.int(2, 6),
        date: pledge ? humanDate(pledge.byDate) : '',
      });
      const recorded = Math.min(g.now - MINUTE, Math.max(lastRecorded + MINUTE, t + rng.int(0, 180) * MINUTE));
      lastRecorded = recorded;
      const recordedBy = rng.chance(0.88) ? e.accountManagerId : rng.pick(g.liaison);
      const id = g.ids.at(recorded);
      interactions.push({
        id,
        employerId: e.id,
        kind,
        occurredAt: iso(t),
        summary,
        outcome,
        contactId: contact?.id,
        followUpOn: followUp && followUp >= ymd(t) ? followUp : undefined,
        recordedBy,
        recordedAt: iso(recorded),
      });
      if (outcome === 'pledge-made' && pledge) pledges.push({ ...pledge, id: g.ids.at(recorded + 1000), recordedBy });
    });
  }
  return { interactions, pledges };
}

// ---------------------------------------------------------------------------------------------------------
// Vacancies
// ---------------------------------------------------------------------------------------------------------

const SIZE_FACTOR: Readonly<Record<SizeBand, number>> = { micro: 0.7, small: 1, medium: 1.3, large: 1.8 };

function buildVacancies(g: Gen, rng: Rng, builds: EmployerBuild[], count: number): Vacancy[] {
  const sizeRank: Record<SizeBand, number> = { large: 0, medium: 1, small: 2, micro: 3 };
  // Vacancies come from engaged and active employers (and, in the past, lapsed ones). Repeat business:
  // about 15% of those employers hold about a third of the vacancies [EZ 4.1.13].
  let holders = builds.filter((b) => ['active', 'engaged', 'lapsed'].includes(b.employer.stage));
  // A tiny district may have nobody engaged yet: then whoever there is holds the vacancies.
  if (!holders.length) holders = builds;
  const repeatCount = Math.max(1, Math.round(holders.length * 0.15));
  const candidates = [
    ...holders.filter((b) => b.demo),
    ...rng
      .shuffle(holders.filter((b) => !b.demo && b.employer.stage === 'active'))
      .sort((a, b) => sizeRank[a.employer.sizeBand] - sizeRank[b.employer.sizeBand]),
    ...rng
      .shuffle(holders.filter((b) => !b.demo && b.employer.stage !== 'active'))
      .sort((a, b) => sizeRank[a.employer.sizeBand] - sizeRank[b.employer.sizeBand]),
  ];
  const repeat = candidates.slice(0, repeatCount);
  for (const b of repeat) b.repeat = true;
  const others = holders.filter((b) => !b.repeat);
  const repeatTotal = others.length ? Math.round(count / 3) : count;
  const repeatMin = Math.max(1, Math.min(4, Math.floor(repeatTotal / repeat.length)));
  const repeatAlloc = allocate(
    rng,
    repeatTotal,
    repeat.map((b) => SIZE_FACTOR[b.employer.sizeBand]),
    repeat.map(() => repeatMin),
  );
  const stageFactor: Record<Stage, number> = { active: 1.2, engaged: 1, lapsed: 0.35, contacted: 0.2, prospect: 0.1 };
  const otherAlloc = others.length
    ? allocate(
        rng,
        count - repeatTotal,
        others.map((b) => SIZE_FACTOR[b.employer.sizeBand] * stageFactor[b.employer.stage]),
        others.map((b) => (b.employer.stage === 'active' || b.demo || (b.employer.stage === 'engaged' && rng.chance(0.7)) ? 1 : 0)),
      )
    : [];
  const plan: { b: EmployerBuild; n: number }[] = [
    ...repeat.map((b, i) => ({ b, n: repeatAlloc[i]! })),
    ...others.map((b, i) => ({ b, n: otherAlloc[i]! })),
  ];

  // Status mix across the district (mostly open); lapsed employers' vacancies are the old closed or filled ones.
  const statuses = quota<VacancyStatus>(rng, count, { open: 70, draft: 8, filled: 11, closed: 9, withdrawn: 2 });
  const takeStatus = (want: (s: VacancyStatus) => boolean, fallback: VacancyStatus): VacancyStatus => {
    const i = statuses.findIndex(want);
    return i >= 0 ? statuses.splice(i, 1)[0]! : fallback;
  };
  const lapsedStatuses = plan.flatMap(({ b, n }) =>
    b.employer.stage === 'lapsed' ? Array.from({ length: n }, () => takeStatus((s) => s === 'closed' || s === 'filled', 'closed')) : [],
  );
  const vacancies: Vacancy[] = [];
  for (const { b, n } of plan) {
    for (let i = 0; i < n; i++) {
      const status =
        b.employer.stage === 'lapsed'
          ? (lapsedStatuses.shift() ?? 'closed')
          : b.demo && i === 0
            ? takeStatus((s) => s === 'open', 'open')
            : takeStatus(() => true, 'open');
      vacancies.push(buildVacancy(g, rng, b, status));
    }
  }
  return vacancies;
}

interface Timeline {
  createdAt: number;
  history: { from: VacancyStatus | null; to: VacancyStatus; at: number; reason?: string }[];
  publishedAt?: number;
  closingDate: string;
  startDate?: string;
  status: VacancyStatus;
}

function vacancyTimeline(g: Gen, rng: Rng, want: VacancyStatus, lo: number, lapsed: boolean): Timeline {
  const t = g.times;
  const created = (minAgo: number, maxAgo: number) => t.work(Math.max(lo, t.daysAgo(minAgo, maxAgo)), lo);
  const open = (createdAt: number, draftFirst: boolean): Timeline['history'] => {
    if (!draftFirst) return [{ from: null, to: 'open', at: createdAt }];
    const pub = t.work(createdAt + rng.float(0.05, 5) * DAY, createdAt + 10 * MINUTE);
    return pub > createdAt
      ? [
          { from: null, to: 'draft', at: createdAt },
          { from: 'draft', to: 'open', at: pub },
        ]
      : [{ from: null, to: 'open', at: createdAt }];
  };
  const ago = lapsed ? ([200, 900] as const) : undefined;
  switch (want) {
    case 'draft': {
      const c = created(0.2, 10);
      return {
        createdAt: c,
        history: [{ from: null, to: 'draft', at: c }],
        closingDate: ymd(g.now + rng.int(14, 60) * DAY),
        status: 'draft',
      };
    }
    case 'open': {
      const c = created(1, 45);
      const history = open(c, rng.chance(0.4));
      const closing = g.now + rng.int(5, 60) * DAY;
      return {
        createdAt: c,
        history,
        publishedAt: history[history.length - 1]!.at,
        closingDate: ymd(closing),
        startDate: rng.chance(0.5) ? ymd(closing + rng.int(7, 28) * DAY) : undefined,
        status: 'open',
      };
    }
    case 'filled': {
      const c = created(ago?.[0] ?? 30, ago?.[1] ?? 300);
      if (c > g.now - 25 * DAY) return vacancyTimeline(g, rng, 'open', lo, false);
      const history = open(c, rng.chance(0.3));
      const pub = history[history.length - 1]!.at;
      const span = Math.max(1, Math.min(35, (g.now - pub) / DAY - 1));
      const filledAt = t.work(pub + rng.float(Math.min(7, span / 2), span) * DAY, pub + HOUR);
      history.push({
        from: 'open',
        to: 'filled',
        at: filledAt,
        reason: rng.pick(['All posts filled', 'Filled from our candidates', 'Filled; two starters from the routeway']),
      });
      return {
        createdAt: c,
        history,
        publishedAt: pub,
        closingDate: ymd(pub + rng.int(14, 42) * DAY),
        startDate: ymd(filledAt + rng.int(7, 21) * DAY),
        status: 'filled',
      };
    }
    case 'closed': {
      const c = created(ago?.[0] ?? 40, ago?.[1] ?? 400);
      if (c > g.now - 30 * DAY) return vacancyTimeline(g, rng, 'open', lo, false);
      const history = open(c, rng.chance(0.3));
      const pub = history[history.length - 1]!.at;
      const closingDay = Math.min(dayStart(pub) + rng.int(14, 28) * DAY, dayStart(g.now) - 2 * DAY);
      const closedAt = t.work(closingDay + DAY, pub + HOUR);
      history.push({
        from: 'open',
        to: 'closed',
        at: closedAt,
        reason: rng.weighted([
          ['Closing date passed', 6],
          ['Employer paused recruitment', 2.5],
          ['Enough applicants to shortlist', 1.5],
        ]),
      });
      return { createdAt: c, history, publishedAt: pub, closingDate: ymd(Math.max(closingDay, dayStart(pub))), status: 'closed' };
    }
    case 'withdrawn': {
      const c = created(10, 120);
      if (c > g.now - 5 * DAY) return vacancyTimeline(g, rng, 'open', lo, false);
      const history = open(c, false);
      const pub = history[0]!.at;
      const gone = t.work(pub + rng.float(1, Math.max(1.5, Math.min(20, (g.now - pub) / DAY - 1))) * DAY, pub + HOUR);
      history.push({
        from: 'open',
        to: 'withdrawn',
        at: gone,
        reason: rng.pick(['Employer withdrew: budget freeze', 'Role restructured', 'Filled internally']),
      });
      return { createdAt: c, history, publishedAt: pub, closingDate: ymd(pub + rng.int(21, 42) * DAY), status: 'withdrawn' };
    }
  }
}

function buildVacancy(g: Gen, rng: Rng, b: EmployerBuild, want: VacancyStatus): Vacancy {
  const e = b.employer;
  const occ = b.repeat && rng.chance(0.7) ? b.mainJob : rng.chance(0.5) ? b.mainJob : pickOccupation(rng, e.sector);
  const profile = SECTOR_PROFILES[e.sector];
  const lo = Date.parse(e.createdAt) + 2 * DAY;
  const tl = vacancyTimeline(g, rng, want, lo, e.stage === 'lapsed');

  const [hLo, hHi] = occ.hours;
  const mid = Math.round((hLo + hHi) / 2);
  const hMin = rng.int(hLo, mid);
  const hMax = rng.int(Math.max(hMin, mid), hHi);
  const shifts = rng.sample(occ.shifts, rng.int(1, Math.min(3, occ.shifts.length)));
  if (rng.chance(0.05)) shifts.push('flexible');
  const contractType = rng.weighted(profile.contracts);
  let hourly = Math.round(rng.float(occ.pay[0], occ.pay[1]) * 20) / 20;
  if (occ.pay[0] <= NATIONAL_LIVING_WAGE && rng.chance(0.4)) hourly = NATIONAL_LIVING_WAGE;
  hourly = Math.max(NATIONAL_LIVING_WAGE, Math.min(14, hourly));
  const annual = hMax >= 35 && contractType === 'permanent' && rng.chance(0.3);
  const wage = annual
    ? { amount: Math.round((hourly * hMax * 52) / 250) * 250, period: 'year' as const }
    : { amount: Math.round(hourly * 100) / 100, period: 'hour' as const };

  const demands = new Set<Demand>(occ.demands);
  if (rng.chance(0.1)) demands.add('overtime');
  const essentialCertifications = occ.certs && rng.chance(occ.certChance ?? 0) ? [...occ.certs] : [];
  const desirable = new Set(rng.sample(occ.desirable, rng.int(Math.min(1, occ.desirable.length), occ.desirable.length)));
  if (rng.chance(0.3)) desirable.add(rng.pick(GENERAL_SKILLS));
  for (const s of occ.essential) desirable.delete(s);

  const large = e.sizeBand === 'large' || e.sizeBand === 'medium';
  let site: Vacancy['site'] = { postcode: e.address.postcode, town: e.address.town, location: e.address.location };
  if (large && rng.chance(0.25)) {
    const area = employerArea(rng);
    site = { postcode: postcodeIn(area, rng), town: area.town, location: locationNear(area, rng) };
  }
  const positions = rng.weighted([
    [1, 45],
    [2, 18],
    [3, 12],
    [rng.int(4, 10), 18],
    [rng.int(11, large ? 40 : 12), large ? 7 : 1],
  ] as const);
  const qualifier =
    shifts.length === 1 && shifts[0] === 'night' && !/night/i.test(occ.title)
      ? ' (Nights)'
      : contractType === 'temporary' && e.sector === 'retail' && rng.chance(0.5)
        ? ' (Seasonal)'
        : hMax <= 20 && rng.chance(0.5)
          ? ' (Part Time)'
          : '';
  const title = `${occ.title}${qualifier}`;
  const createdBy = e.accountManagerId;
  const last = tl.history[tl.history.length - 1]!;
  const id = g.ids.at(tl.createdAt);
  return {
    id,
    employerId: e.id,
    title,
    description: rng.chance(0.85) ? vacancyDescription(rng, prose(occ.title), site.town ?? e.address.town, e.name) : undefined,
    occupation: { title: occ.title, socCode: occ.soc },
    sector: e.sector,
    site,
    positions,
    hoursPerWeek: { min: hMin, max: hMax },
    shiftPatterns: shifts,
    contractType,
    wage,
    essentialSkills: [...occ.essential],
    desirableSkills: [...desirable],
    essentialCertifications,
    drivingLicenceRequired: rng.chance(occ.driving ?? 0.03),
    backgroundCheck: occ.check ?? (rng.chance(0.05) ? 'basic-dbs' : 'none'),
    workDemands: [...demands],
    guaranteedInterview: e.commitments.guaranteedInterviews && rng.chance(0.7),
    workTrial: e.commitments.workTrials && rng.chance(0.5),
    linkedCohortIds: [],
    closingDate: tl.closingDate,
    startDate: tl.startDate,
    employerName: e.name,
    status: tl.status,
    filledPositions: tl.status === 'filled' ? positions : 0,
    publishedAt: tl.publishedAt !== undefined ? iso(tl.publishedAt) : undefined,
    statusHistory: tl.history.map((h) => ({ from: h.from, to: h.to, at: iso(h.at), by: createdBy, reason: h.reason })),
    orgId: g.orgId,
    createdAt: iso(tl.createdAt),
    createdBy,
    updatedAt: iso(last.at),
    updatedBy: createdBy,
    version: tl.history.length,
  };
}

// ---------------------------------------------------------------------------------------------------------
// PET cohorts
// ---------------------------------------------------------------------------------------------------------

interface CohortTemplate {
  title: string;
  sector: Sector;
  days: number;
  modules: readonly CohortModule[];
  certs: readonly string[];
  eligibility: string;
}

const ELIGIBLE = 'Unemployed, 18 or over, living in West Yorkshire, with the right to work in the UK';

const COHORT_TEMPLATES: readonly CohortTemplate[] = [
  {
    title: 'Warehouse and Logistics Routeway',
    sector: 'warehousing-logistics',
    days: 10,
    modules: ['induction', 'manual-handling', 'health-and-safety', 'forklift', 'employability'],
    certs: ['fork lift truck', 'manual handling'],
    eligibility: `${ELIGIBLE}; able to do physical work and early or late shifts`,
  },
  {
    title: 'Care Academy: Starting in Social Care',
    sector: 'care',
    days: 14,
    modules: ['induction', 'sector-skills', 'manual-handling', 'first-aid', 'employability'],
    certs: ['moving and handling', 'emergency first aid at work'],
    eligibility: `${ELIGIBLE}; willing to have an enhanced DBS check`,
  },
  {
    title: 'SIA Security Routeway',
    sector: 'security',
    days: 6,
    modules: ['sia-licence', 'first-aid', 'employability'],
    certs: ['sia door supervisor', 'emergency first aid at work'],
    eligibility: `${ELIGIBLE}; able to pass SIA identity and criminality checks`,
  },
  {
    title: 'CSCS Construction Starter',
    sector: 'construction',
    days: 2,
    modules: ['cscs-card', 'health-and-safety'],
    certs: ['cscs green card', 'level 1 health and safety in construction'],
    eligibility: `${ELIGIBLE}; fit for site work`,
  },
  {
    title: 'Hospitality and Catering Routeway',
    sector: 'hospitality',
    days: 10,
    modules: ['food-hygiene', 'customer-service', 'sector-skills', 'work-placement'],
    certs: ['food hygiene level 2'],
    eligibility: `${ELIGIBLE}; available evenings and weekends`,
  },
  {
    title: 'Retail Skills Routeway',
    sector: 'retail',
    days: 10,
    modules: ['customer-service', 'sector-skills', 'employability', 'work-placement'],
    certs: ['customer service level 1'],
    eligibility: ELIGIBLE,
  },
  {
    title: 'Contact Centre Academy',
    sector: 'contact-centre',
    days: 15,
    modules: ['customer-service', 'sector-skills', 'employability', 'work-placement'],
    certs: [],
    eligibility: `${ELIGIBLE}; basic keyboard skills`,
  },
  {
    title: 'Cleaning and Facilities Routeway',
    sector: 'cleaning-facilities',
    days: 5,
    modules: ['health-and-safety', 'manual-handling', 'sector-skills'],
    certs: ['coshh awareness', 'manual handling'],
    eligibility: ELIGIBLE,
  },
  {
    title: 'Healthcare Support Worker Academy',
    sector: 'health',
    days: 42,
    modules: ['induction', 'sector-skills', 'first-aid', 'manual-handling', 'work-placement'],
    certs: ['care certificate', 'basic life support'],
    eligibility: `${ELIGIBLE}; willing to have an enhanced DBS check`,
  },
  {
    title: 'Back to Work in Manufacturing',
    sector: 'manufacturing',
    days: 91,
    modules: ['induction', 'health-and-safety', 'manual-handling', 'forklift', 'work-placement', 'employability'],
    certs: ['fork lift truck', 'manual handling'],
    eligibility: `${ELIGIBLE}; unemployed 12 months or more`,
  },
];

/** Bespoke courses copy the sector course's content and add the employer's own induction and placement. */
function bespokeTemplate(sector: Sector): CohortTemplate {
  const base = COHORT_TEMPLATES.find((t) => t.sector === sector) ?? COHORT_TEMPLATES[0]!;
  const modules = [...new Set<CohortModule>([...base.modules, 'induction', 'work-placement'])];
  return { ...base, modules, days: Math.max(base.days, 10) };
}

type CohortTiming = 'past' | 'running' | 'upcoming';
const TIMING_CYCLE: readonly CohortTiming[] = [
  'past',
  'running',
  'upcoming',
  'past',
  'upcoming',
  'past',
  'running',
  'upcoming',
  'past',
  'upcoming',
];

function mondayOnOrBefore(ms: number): number {
  const d = dayStart(ms);
  const dow = new Date(d).getUTCDay();
  return d - ((dow + 6) % 7) * DAY;
}

function buildCohorts(g: Gen, rng: Rng, builds: EmployerBuild[], vacancies: Vacancy[], count: number): Cohort[] {
  const cohorts: Cohort[] = [];
  const bespokeCount = count >= 4 ? Math.round(count * 0.2) : 0;
  const byEmployer = new Map<string, Vacancy[]>();
  for (const v of vacancies) byEmployer.set(v.employerId, [...(byEmployer.get(v.employerId) ?? []), v]);

  // Bespoke courses go to large active employers with several vacancies (the bakery and NHS-trust pattern).
  const bespokeHosts = builds
    .filter((b) => b.employer.stage === 'active' && (byEmployer.get(b.employer.id)?.length ?? 0) >= 2)
    .sort(
      (a, b) =>
        (byEmployer.get(b.employer.id)?.length ?? 0) - (byEmployer.get(a.employer.id)?.length ?? 0) ||
        (a.employer.sizeBand === 'large' ? -1 : 1),
    )
    .slice(0, bespokeCount);
  const sectorTemplates = rng.shuffle(COHORT_TEMPLATES);
  const timings = Array.from({ length: count }, (_, i) => TIMING_CYCLE[i % TIMING_CYCLE.length]!);
  const venues = rng.shuffle(VENUES);

  for (let i = 0; i < count; i++) {
    const host = bespokeHosts[i];
    const tpl = host ? bespokeTemplate(host.employer.sector) : sectorTemplates[(i - bespokeHosts.length) % sectorTemplates.length]!;
    const timing = timings[i]!;
    const days = tpl.days;
    let start: number;
    if (timing === 'past') start = mondayOnOrBefore(g.now - rng.int(14, 240) * DAY - (days - 1) * DAY);
    else if (timing === 'running') {
      const monday = mondayOnOrBefore(g.now);
      start = g.now - monday < days * DAY && dayStart(g.now) > monday ? monday : dayStart(g.now) - rng.int(1, Math.max(1, days - 1)) * DAY;
    } else start = mondayOnOrBefore(g.now + rng.int(9, 60) * DAY);
    if (timing === 'upcoming' && start <= g.now) start += 7 * DAY;
    const end = start + (days - 1) * DAY;
    const venue = venues[i % venues.length]!;
    const venueArea = AREAS.find((a) => a.name === venue.area) ?? AREAS[0]!;
    const createdAt = g.times.work(Math.min(start - rng.int(21, 60) * DAY, g.now - 2 * DAY));
    const createdBy = host?.employer.accountManagerId ?? rng.pick(g.liaison);

    let linkedEmployers: EmployerBuild[];
    let linkedVacancies: Vacancy[];
    if (host) {
      linkedEmployers = [host];
      const own = byEmployer.get(host.employer.id) ?? [];
      const suitable = own.filter((v) =>
        timing === 'past' ? v.status === 'filled' || v.status === 'closed' : v.status === 'open' || v.status === 'draft',
      );
      linkedVacancies = rng.sample(suitable.length ? suitable : own, rng.int(1, 3));
    } else {
      const pool = builds.filter(
        (b) => b.employer.sector === tpl.sector && (b.employer.stage === 'active' || b.employer.stage === 'engaged'),
      );
      linkedEmployers = rng.sample(pool, rng.int(pool.length ? 1 : 0, Math.min(3, pool.length)));
      const vPool = linkedEmployers
        .flatMap((b) => byEmployer.get(b.employer.id) ?? [])
        .filter((v) => (timing === 'past' ? v.status !== 'draft' : v.status === 'open'));
      linkedVacancies = rng.sample(vPool, rng.int(0, Math.min(3, vPool.length)));
    }
    const guaranteedInterview = host
      ? true
      : linkedVacancies.length > 0 && linkedEmployers.some((b) => b.employer.commitments.guaranteedInterviews);
    const id = g.ids.at(createdAt);
    const provider = host && rng.chance(0.5) ? `${host.employer.name} with ${rng.pick(TRAINING_PROVIDERS)}` : rng.pick(TRAINING_PROVIDERS);
    for (const v of linkedVacancies) {
      v.linkedCohortIds.push(id);
      if (guaranteedInterview) v.guaranteedInterview = true;
    }
    if (host) host.employer.commitments.guaranteedInterviews = true;
    cohorts.push({
      id,
      title: host ? `${host.employer.name}: ${host.mainJob.title} Academy` : tpl.title,
      kind: host ? 'bespoke' : 'sector',
      sector: host ? host.employer.sector : tpl.sector,
      provider: provider.slice(0, 200),
      venue: `${venue.name}, ${venueArea.town} ${postcodeIn(venueArea, rng)}`,
      startDate: ymd(start),
      endDate: ymd(end),
      capacity: rng.int(10, 20),
      modules: [...tpl.modules],
      certificationsAwarded: [...tpl.certs],
      linkedEmployerIds: linkedEmployers.map((b) => b.employer.id),
      linkedVacancyIds: linkedVacancies.map((v) => v.id),
      guaranteedInterview,
      eligibility: host ? `${tpl.eligibility}. Completers are guaranteed an interview with ${host.employer.name}.` : tpl.eligibility,
      enrolledCount: 0,
      orgId: g.orgId,
      createdAt: iso(createdAt),
      createdBy,
      updatedAt: iso(createdAt),
      updatedBy: createdBy,
      version: 1,
    });
  }
  return cohorts;
}

// ---------------------------------------------------------------------------------------------------------
// Participants
// ---------------------------------------------------------------------------------------------------------

interface Person {
  participant: Participant;
  history: ReadinessHistoryEntry[];
  sensitive?: Sensitive;
  /** The audit entry the sensitive write leaves (as the use case writes it). */
  audit?: AuditEntry;
  joined: number;
}

/** Caseload sizes: most 45–55, some part-time advisers with 30–44, some heavy caseloads up to 100. */
function caseloads(rng: Rng, advisers: number, total: number): number[] {
  const raw = Array.from({ length: advisers }, () =>
    rng.weighted([
      [rng.int(45, 55), 50],
      [rng.int(30, 44), 15],
      [rng.int(56, 92), 35],
    ] as const),
  );
  const sum = raw.reduce((s, x) => s + x, 0);
  const scaled = raw.map((x) => Math.max(1, Math.floor((x * total) / sum)));
  let left = total - scaled.reduce((s, x) => s + x, 0);
  const order = rng.shuffle(scaled.map((_, i) => i));
  for (let k = 0; left > 0; k++, left--) scaled[order[k % order.length]!]!++;
  for (let k = 0; left < 0; k++) {
    const i = order[k % order.length]!;
    if (scaled[i]! > 1) {
      scaled[i]!--;
      left++;
    }
  }
  return scaled;
}

const UNEMPLOYED_BANDS: readonly (readonly [readonly [number, number], number])[] = [
  [[14, 180], 30],
  [[181, 364], 28],
  [[366, 1095], 24],
  [[1096, 2900], 18],
];

const SHIFT_WEIGHTS: readonly (readonly [Shift, number])[] = [
  ['day', 10],
  ['early', 5],
  ['late', 4],
  ['weekend', 4],
  ['night', 2],
  ['split', 1],
  ['flexible', 2],
];

/**
 * Who referred someone: mostly Jobcentre Plus in a general district; people with a conviction came far
 * more often from prison, probation or OLASS, as in Exit to Work (Joint Pilots, Table C.3: 61%), and
 * 1 in 20 is not recorded. Drawn from the person's id, not the participants' stream, so adding it
 * changed no other generated value.
 */
function referralSourceOf(id: string, convicted: boolean): (typeof REFERRAL_SOURCES)[number] | undefined {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193) >>> 0;
  const r = new Rng(h);
  return r.weighted<(typeof REFERRAL_SOURCES)[number] | undefined>(
    convicted
      ? [
          ['prison-service', 28],
          ['probation-service', 21],
          ['olass', 12],
          ['jobcentre-plus', 14],
          ['progress2work', 15],
          ['other', 5],
          [undefined, 5],
        ]
      : [
          ['jobcentre-plus', 70],
          ['self-referral', 12],
          ['progress2work', 4],
          ['other', 9],
          [undefined, 5],
        ],
  );
}

function buildParticipants(g: Gen, rng: Rng, count: number): Person[] {
  const loads = caseloads(rng, g.advisers.length, count);
  const adviserOf = rng.shuffle(loads.flatMap((n, i) => Array.from({ length: n }, () => g.advisers[i]!)));
  const sectors = Object.entries(EMPLOYER_SECTOR_WEIGHTS) as [Sector, number][];
  const people: Person[] = [];
  let permittedEndingSoon = false;

  for (let idx = 0; idx < count; idx++) {
    const adviserId = adviserOf[idx]!;
    const area = residentArea(rng);
    const { first, last, group } = personName(rng, { southAsianShare: area.southAsian, maleShare: 0.62 });
    const languages = LANGUAGES_BY_GROUP[group];
    const homeLanguage = languages.length && rng.chance(0.6) ? rng.pick(languages) : undefined;
    const readiness = rng.weightedKey<Readiness>({ green: 35, amber: 40, red: 25 });

    // Time unemployed (relative to now), and when they joined this caseload.
    const band = rng.weighted(UNEMPLOYED_BANDS);
    const unemployedDays = rng.int(band[0], band[1]);
    const unemployedSinceMs = dayStart(g.now) - unemployedDays * DAY;
    const joinedDaysAgo = rng.int(Math.min(3, unemployedDays - 1), Math.max(3, Math.min(unemployedDays - 7, 540)));
    const joined = g.times.work(g.now - joinedDaysAgo * DAY, unemployedSinceMs + DAY);

    // The sensitive part first: it shapes preferences (permitted work, school hours, limits).
    const sens = sensitiveCircumstances(rng, homeLanguage, g.now);
    // The first adviser's first participant on permitted work has it ending in three weeks: the sweeper
    // tells the adviser on the first start (the notice falls four weeks before).
    const pw = sens.record?.benefitConstraints;
    if (pw?.permittedWork && !permittedEndingSoon && adviserId === g.advisers[0]) {
      pw.until = ymd(g.now + 21 * DAY);
      permittedEndingSoon = true;
    }
    const drivingLicence = !sens.drivingBan && rng.chance(0.35);

    // Work history: back from when they became unemployed; long-term unemployed more often have none.
    const historyCount = rng.weighted([
      [0, unemployedDays > 1095 ? 30 : 12],
      [1, 30],
      [2, 30],
      [3, 17],
      [4, 8],
    ] as const);
    const workHistory: Participant['workHistory'] = [];
    let end = unemployedSinceMs - rng.int(0, 30) * DAY;
    const pastSectors: Sector[] = [];
    for (let h = 0; h < historyCount; h++) {
      const sector = rng.chance(0.5) && pastSectors.length ? rng.pick(pastSectors) : rng.weighted(sectors);
      pastSectors.push(sector);
      const occ = pickOccupation(rng, sector);
      const start = end - rng.int(90, 1800) * DAY;
      if (start < Date.parse('1995-01-01')) break;
      workHistory.push({
        role: occ.title,
        employer: rng.chance(0.35)
          ? rng.pick(PAST_EMPLOYER_KINDS[sector])
          : rng.chance(0.4)
            ? employerName(rng, sector, placeWord(residentArea(rng)))
            : undefined,
        sector,
        from: ymd(start),
        to: ymd(end),
      });
      end = start - rng.int(0, 365) * DAY;
    }

    // Preferences lean on past work, then on what is around.
    const prefSectors = [
      ...new Set<Sector>([...pastSectors.slice(0, 2), ...Array.from({ length: rng.int(1, 2) }, () => rng.weighted(sectors))]),
    ].slice(0, 3);
    const occupations = [...new Set(prefSectors.flatMap((s) => (rng.chance(0.8) ? [pickOccupation(rng, s).title.toLowerCase()] : [])))];
    let hours: Participant['preferences']['hoursPerWeek'] = rng.chance(0.7)
      ? {
          ...rng.weighted([
            [{ min: 30, max: 40 }, 4],
            [{ min: 16, max: 40 }, 3],
            [{ min: 10, max: 25 }, 2],
            [{ min: 16, max: 30 }, 2],
          ] as const),
        }
      : undefined;
    if (sens.record?.benefitConstraints?.permittedWork) hours = { min: rng.int(5, 10), max: 16 };
    if (sens.schoolHours) hours = { min: 10, max: rng.int(16, 25) };
    let shifts = [...new Set(Array.from({ length: rng.int(1, 4) }, () => rng.weighted(SHIFT_WEIGHTS)))];
    if (sens.schoolHours) shifts = ['day'];
    if (sens.record?.workLimits.includes('night-work')) shifts = shifts.filter((s) => s !== 'night');
    if (!shifts.length) shifts = ['day'];

    // Skills: from past work and wanted sectors, plus a few general ones; languages for some.
    const skills = new Set<string>();
    for (const s of new Set(pastSectors)) {
      for (const k of rng.sample(SECTOR_PROFILES[s].skills, rng.int(1, 3))) skills.add(k);
      // Someone who has done a job has most of what it insists on: the must-haves match on real skills.
      for (const occ of rng.sample(SECTOR_PROFILES[s].occupations, rng.int(1, 2)))
        for (const k of occ.essential) if (rng.chance(0.85)) skills.add(k);
    }
    for (const s of prefSectors) {
      for (const k of rng.sample(SECTOR_PROFILES[s].skills, rng.int(0, 1))) skills.add(k);
      // Preparing for a sector they want (a PET course, volunteering) gives some of its must-haves.
      for (const occ of rng.sample(SECTOR_PROFILES[s].occupations, 1)) for (const k of occ.essential) if (rng.chance(0.5)) skills.add(k);
    }
    for (const k of rng.sample(GENERAL_SKILLS, rng.int(readiness === 'red' ? 0 : 1, 3))) skills.add(k);
    if (drivingLicence && rng.chance(0.4)) skills.add('driving');
    if (homeLanguage && rng.chance(0.6)) skills.add(`speaks ${homeLanguage}`);

    // Certifications from past work; some have lapsed.
    const certifications: Participant['certifications'] = [];
    for (const s of new Set(pastSectors)) {
      for (const [name, years] of SECTOR_PROFILES[s].certifications) {
        if (!rng.chance(0.22) || certifications.some((c) => c.name === name)) continue;
        if (/licence|cpc|minibus/.test(name) && name !== 'personal licence' && !drivingLicence) continue;
        const obtained = Math.min(unemployedSinceMs, g.now - rng.int(30, 2000) * DAY);
        certifications.push({ name, expiresOn: years ? ymd(obtained + years * 365 * DAY) : undefined });
      }
    }

    // Readiness history: 1–3 judgements ending at today's.
    const entries = rng.weighted([
      [1, 50],
      [2, 35],
      [3, 15],
    ] as const);
    const path: Readiness[] = [readiness];
    while (path.length < entries) {
      const next = path[0]!;
      path.unshift(rng.pick((['green', 'amber', 'red'] as const).filter((r) => r !== next)));
    }
    const changeTimes = [joined];
    for (let k = 1; k < path.length; k++) {
      const prev = changeTimes[k - 1]!;
      const t = g.times.work(prev + rng.float(0.1, 1) * ((g.now - prev) / (path.length - k + 0.5)), prev + HOUR);
      changeTimes.push(Math.max(t, prev + MINUTE));
    }
    const history: ReadinessHistoryEntry[] = path.map((to, k) => ({
      from: k === 0 ? null : path[k - 1]!,
      to,
      reason: readinessReason(rng, k === 0 ? null : path[k - 1]!, to),
      changedBy: adviserId,
      changedAt: iso(changeTimes[k]!),
    }));
    const lastChange = changeTimes[changeTimes.length - 1]!;

    // Someone drawn as placed stays active here: their hire is made through the use cases by the history
    // step (scripts/seed/history.ts), which prefers them, so every placed person has a real placement.
    const drawn = rng.weighted([
      ['active', 92],
      ['placed', readiness === 'green' ? 12 : 1.5],
      ['exited', 3],
    ] as const);
    const status: Participant['status'] = drawn === 'placed' ? 'active' : drawn;
    // Placing or exiting someone is a later profile update (one more version); exiting starts the retention clock.
    const statusChangedAt =
      status === 'active' ? undefined : g.times.work(lastChange + rng.float(0.05, 1) * (g.now - lastChange), lastChange + MINUTE);
    const lastGreen = [...history].reverse().find((h) => h.to === 'green');
    const matching = rng.chance(readiness === 'green' ? 0.95 : readiness === 'amber' ? 0.88 : 0.7);
    const share = new Set<ShareField>();
    if (matching) {
      for (const f of ['firstName', 'skills', 'workHistory', 'certifications', 'availability'] as const) if (rng.chance(0.92)) share.add(f);
      if (drivingLicence && rng.chance(0.8)) share.add('drivingLicence');
      if (rng.chance(0.4)) share.add('programmeParticipation');
      if (sens.condition && rng.chance(0.25)) share.add('healthDisclosure');
      if (sens.conviction && rng.chance(0.2)) share.add('convictionDisclosure');
    } else if (rng.chance(0.3)) share.add('firstName');
    const home: Participant['home'] = {
      postcode: postcodeIn(area, rng),
      location: rng.chance(0.97) ? locationNear(area, rng, 3) : undefined,
    };
    const emailLocal = `${slug(first)}.${slug(last)}${rng.chance(0.5) ? rng.int(1, 99) : ''}`;
    const pg = rng.weighted<(typeof PAYMENT_GROUPS)[number] | undefined>(
      sens.record?.benefitConstraints?.permittedWork || sens.condition?.disability
        ? [
            ['esa-ex-ib', 4],
            ['new-esa-claimant', 4],
            ['esa-volunteer', 2],
            ['ib-is-volunteer', 1],
            ['uc-intensive', 2],
          ]
        : [
            ['jsa-25-plus', 30],
            ['jsa-18-24', 15],
            ['uc-intensive', 20],
            ['jsa-early-access', 5],
            ['jsa-ex-ib', 4],
            ['new-esa-claimant', 4],
            ['esa-ex-ib', 3],
            [undefined, 2],
          ],
    );

    const id = g.ids.at(joined);
    if (drawn === 'placed') g.hireHints.add(id);
    const participant: Participant = {
      id,
      firstName: first,
      lastName: last,
      adviserId,
      skills: [...skills],
      certifications,
      drivingLicence,
      rightToWork: rng.chance(0.995),
      home,
      preferences: {
        occupations,
        sectors: prefSectors,
        hoursPerWeek: hours,
        shifts,
        maxTravelKm: travelKm(rng, drivingLicence),
      },
      workHistory,
      unemployedSince: ymd(unemployedSinceMs),
      paymentGroup: pg,
      // The Work Programme's payment groups are its participants'; those without one are on Employment Zones
      // (reviewed at 10 weeks, shared/domain/programmes.ts): the demo shows both programmes' figures.
      programme: pg ? 'work-programme' : 'employment-zones',
      referralSource: referralSourceOf(id, sens.conviction !== undefined),
      email: rng.chance(0.85) ? `${emailLocal}@example.com` : undefined,
      phone: rng.chance(0.9) ? `07700 900${String(rng.int(0, 999)).padStart(3, '0')}` : undefined,
      readiness,
      status,
      consent: {
        matching,
        shareWithEmployers: [...share],
        inWorkContact: rng.chance(0.85),
        healthDisclosureText: share.has('healthDisclosure') ? sens.condition?.ownWords : undefined,
        convictionDisclosureText: share.has('convictionDisclosure')
          ? (sens.conviction?.ownWords ?? `I have a conviction: ${sens.conviction?.details.toLowerCase()}. Happy to talk about it.`)
          : undefined,
        recordedAt: iso(joined),
        recordedBy: adviserId,
      },
      orgId: g.orgId,
      createdAt: iso(joined),
      createdBy: adviserId,
      exitedAt: status === 'exited' && statusChangedAt !== undefined ? iso(statusChangedAt) : undefined,
      readySince: lastGreen?.changedAt,
      readinessSince: iso(lastChange),
      updatedAt: iso(Math.max(lastChange, statusChangedAt ?? 0)),
      updatedBy: adviserId,
      version: history.length + (statusChangedAt !== undefined ? 1 : 0),
    };
    const sensitive: Sensitive | undefined = sens.record
      ? {
          ...sens.record,
          participantId: id,
          updatedAt: iso(g.times.work(joined + rng.int(0, 14) * DAY, joined + MINUTE)),
          updatedBy: adviserId,
          version: 1,
        }
      : undefined;
    const audit: AuditEntry | undefined = sensitive
      ? {
          id: g.ids.at(Date.parse(sensitive.updatedAt)),
          subjectType: 'participant',
          subjectId: id,
          action: 'sensitive.write',
          actorSub: adviserId,
          actorRole: 'adviser',
          at: sensitive.updatedAt,
          detail: {
            fields: Object.entries(sens.record!)
              .flatMap(([k, v]) => (v === undefined ? [] : [k]))
              .sort(),
            version: 1,
          },
        }
      : undefined;
    people.push({ participant, history, sensitive, audit, joined });
  }
  return people;
}

interface Circumstances {
  record?: Omit<Sensitive, 'participantId' | 'updatedAt' | 'updatedBy' | 'version'>;
  condition?: Condition;
  conviction?: (typeof CONVICTIONS)[number];
  drivingBan: boolean;
  schoolHours: boolean;
}

/** About 40% have a sensitive record: 15% disabled, 10% with a conviction, and the rest of life's hard parts. */
function sensitiveCircumstances(rng: Rng, homeLanguage: string | undefined, now: number): Circumstances {
  const disabled = rng.chance(0.15);
  const condition = disabled ? rng.pick(DISABILITIES) : rng.chance(0.05) ? rng.pick(HEALTH_ONLY) : undefined;
  const conviction = rng.chance(0.1) ? rng.pick(CONVICTIONS) : undefined;
  const substance = rng.chance(0.03) ? rng.pick(SUBSTANCE) : undefined;
  const housing = rng.chance(0.05) ? rng.pick(HOUSING) : undefined;
  const caring = rng.chance(0.05) ? rng.pick(CARING) : undefined;
  // English-language support: for about half of those who speak another language at home.
  const language = homeLanguage && rng.chance(0.5) ? languageNote(rng, homeLanguage) : undefined;
  if (!condition && !conviction && !substance && !housing && !caring && !language) return { drivingBan: false, schoolHours: false };
  const permitted = disabled && rng.chance(0.3);
  return {
    record: {
      health: condition?.health,
      disability: condition?.disability,
      convictions: conviction
        ? {
            unspent: conviction.unspent,
            unspentOffences: conviction.unspent ? [conviction.category] : [],
            spentOffences: conviction.unspent ? [] : [conviction.category],
            ...(conviction.released
              ? { releasedOn: 'on' in conviction.released ? conviction.released.on : ymd(now - conviction.released.daysAgo * DAY) }
              : {}),
            ...(conviction.licenceDaysLeft !== undefined ? { licenceEndsOn: ymd(now + conviction.licenceDaysLeft * DAY) } : {}),
            details: conviction.details,
          }
        : undefined,
      substanceMisuse: substance,
      housing,
      caring: caring?.text,
      language,
      benefitConstraints: permitted ? { permittedWork: true, maxHoursPerWeek: 16 } : undefined,
      adjustments: condition ? [...condition.adjustments] : [],
      adjustmentTypes: condition ? adjustmentKindsOf(condition.adjustments) : [],
      workLimits: condition ? [...condition.limits] : [],
    },
    condition,
    conviction,
    drivingBan: conviction?.drivingBan ?? false,
    schoolHours: caring?.schoolHours ?? false,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Enrolments
// ---------------------------------------------------------------------------------------------------------

function buildEnrolments(g: Gen, rng: Rng, cohorts: Cohort[], people: Person[]): Enrolment[] {
  const enrolments: Enrolment[] = [];
  const used = new Set<string>();
  const certYears = new Map<string, number | undefined>();
  for (const p of Object.values(SECTOR_PROFILES)) for (const [name, years] of p.certifications) certYears.set(name, years);

  for (const c of cohorts) {
    const start = Date.parse(`${c.startDate}T09:00:00Z`);
    const end = Date.parse(`${c.endDate}T16:00:00Z`);
    const timing: CohortTiming = end < g.now ? 'past' : start <= g.now ? 'running' : 'upcoming';
    const latestJoin = timing === 'upcoming' ? g.now - 2 * DAY : start - 3 * DAY;
    const eligible = (p: Person) =>
      !used.has(p.participant.id) &&
      p.participant.status !== 'exited' &&
      (timing === 'past' || p.participant.status === 'active') &&
      p.joined < latestJoin &&
      p.participant.readiness !== 'red';
    const keen = people.filter((p) => eligible(p) && p.participant.preferences.sectors.includes(c.sector));
    const rest = people.filter((p) => eligible(p) && !p.participant.preferences.sectors.includes(c.sector));
    const places =
      timing === 'upcoming'
        ? rng.int(Math.ceil(c.capacity * 0.2), Math.ceil(c.capacity * 0.8))
        : rng.int(Math.ceil(c.capacity * 0.7), c.capacity);
    const withdrawals = timing === 'past' ? rng.int(0, 3) : timing === 'running' ? rng.int(0, 2) : rng.int(0, 1);
    const chosen = [...rng.shuffle(keen), ...rng.shuffle(rest)].slice(0, places + withdrawals);
    const withdrawnSet = new Set(rng.sample(chosen, Math.min(withdrawals, Math.max(0, chosen.length - 1))).map((p) => p.participant.id));

    let count = 0;
    let writes = 1;
    for (const person of chosen) {
      const p = person.participant;
      used.add(p.id);
      const lo = person.joined + HOUR;
      const enrolledAt =
        timing === 'upcoming'
          ? g.times.work(Math.max(lo, g.now - rng.float(0.5, 20) * DAY), lo)
          : g.times.work(Math.max(lo, start - rng.float(2, 21) * DAY), lo);
      const base: Enrolment = {
        cohortId: c.id,
        participantId: p.id,
        status: 'enrolled',
        enrolledAt: iso(enrolledAt),
        enrolledBy: p.adviserId,
        version: 1,
      };
      writes++;
      if (withdrawnSet.has(p.id)) {
        const until = timing === 'past' ? Math.min(end, g.now) : g.now - 10 * MINUTE;
        const at = Math.min(until, enrolledAt + rng.float(0.1, 1) * Math.max(HOUR, until - enrolledAt));
        enrolments.push({
          ...base,
          status: 'withdrawn',
          statusChangedAt: iso(Math.max(at, enrolledAt + MINUTE)),
          statusChangedBy: p.adviserId,
          note: rng.pick(WITHDRAWAL_NOTES),
          version: 2,
        });
        writes++;
        continue;
      }
      count++;
      if (timing !== 'past') {
        enrolments.push(base);
        continue;
      }
      enrolments.push({
        ...base,
        status: 'completed',
        statusChangedAt: iso(end),
        statusChangedBy: p.adviserId,
        note: rng.pick(COMPLETION_NOTES),
        version: 2,
      });
      // Completers hold the course's certificates; some have since been hired by the host employer.
      for (const name of c.certificationsAwarded) {
        if (p.certifications.some((x) => x.name === name)) continue;
        const years = certYears.get(name);
        p.certifications.push(clean({ name, expiresOn: years ? ymd(end + years * 365 * DAY) : undefined }));
      }
      if (c.kind === 'bespoke' && p.status === 'active' && rng.chance(0.35)) g.hireHints.add(p.id);
      p.updatedAt = iso(Math.max(Date.parse(p.updatedAt), end + HOUR));
      p.updatedBy = p.adviserId;
      p.version = person.history.length + 1;
    }
    if (count > c.capacity) throw new Error(`cohort ${c.id} over capacity`);
    c.enrolledCount = count;
    c.version = writes;
  }
  return enrolments;
}
