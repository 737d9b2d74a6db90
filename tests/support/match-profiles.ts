import fc from 'fast-check';
import { seededRng } from '../../bench/data.js';
import type { MatchContext, MatchProfile, MatchVacancy } from '../../shared/matching/types.js';
import { SHIFT_PATTERNS, WORK_DEMANDS, SECTORS } from '../../shared/domain/common.js';
import { ADJUSTMENTS } from '../../shared/domain/adjustments.js';
import { OFFENCE_CATEGORIES } from '../../shared/domain/convictions.js';
import { BACKGROUND_CHECKS } from '../../shared/domain/vacancy.js';

/** A job-ready participant who passes every constraint of `vacancy()`; tests change one thing at a time. */
export const profile = (over: Partial<MatchProfile> = {}): MatchProfile => ({
  id: '01J00000000000000000000001',
  adviserId: 'u-adviser-1',
  displayName: 'Dean W.',
  readiness: 'green',
  status: 'active',
  consentMatching: true,
  rightToWork: true,
  drivingLicence: true,
  skills: ['picking', 'stock control'],
  certifications: [{ name: 'fork lift truck', expiresOn: '2028-01-01' }],
  location: { lat: 53.77, lng: -1.53 },
  area: 'LS',
  maxTravelKm: 15,
  hours: { min: 20, max: 40 },
  shifts: ['early', 'late'],
  occupations: ['warehouse operative'],
  sectors: ['warehousing-logistics'],
  historySectors: ['retail'],
  historyRoleWords: ['shelf', 'stacker'],
  workLimits: [],
  unspentOffences: [],
  spentOffences: [],
  adjustmentTypes: [],
  unemployedSince: '2026-03-01',
  waitingSince: '2026-10-01',
  liveSubmissions: 0,
  ...over,
});

export const vacancy = (over: Partial<MatchVacancy> = {}): MatchVacancy => ({
  id: '01J0000000000000000000VAC1',
  employerId: '01J0000000000000000000EMP1',
  titleWords: ['warehouse', 'picker'],
  sector: 'warehousing-logistics',
  location: { lat: 53.79, lng: -1.55 },
  area: 'LS',
  hours: { min: 30, max: 37 },
  shifts: ['early'],
  essentialSkills: ['picking'],
  desirableSkills: ['forklift', 'stock control'],
  essentialCertifications: ['fork lift truck'],
  drivingLicenceRequired: false,
  workDemands: ['heavy-lifting'],
  validOn: '2027-01-04',
  hourlyPence: 1271,
  backgroundCheck: 'none',
  employerConditions: { openToConvictions: true, refusedOffences: [] },
  adjustmentsOffered: [],
  ...over,
});

export const context = (over: Partial<MatchContext> = {}): MatchContext => ({
  today: '2026-11-25',
  petCompleters: new Map(),
  alreadySubmitted: new Set(),
  ...over,
});

const SKILLS = [
  'picking',
  'stock control',
  'forklift',
  'customer service',
  'till',
  'cleaning',
  'food prep',
  'driving',
  'care',
  'security',
  'cscs',
  'first aid',
  'barista',
  'data entry',
  'packing',
  'loading',
];
const CERTS = ['fork lift truck', 'sia door supervisor', 'cscs green card', 'food hygiene level 2', 'first aid at work'];
const WORDS = [
  'warehouse',
  'picker',
  'cleaner',
  'care',
  'retail',
  'security',
  'driver',
  'kitchen',
  'porter',
  'barista',
  'labourer',
  'packer',
];
const AREAS = ['LS', 'BD', 'WF', 'HD', 'HX'];
const day = (from: number, span: number, r: number) =>
  new Date(Date.UTC(2020, 0, 1) + Math.floor(from + r * span) * 86_400_000).toISOString().slice(0, 10);

/** A deterministic PRNG (mulberry32, shared with the benches) for synthetic pools of any size. */
export const prng = seededRng;

/** `n` synthetic profiles spread over West Yorkshire, with realistic shares of each trait. */
export function syntheticProfiles(n: number, seed = 42): MatchProfile[] {
  const r = prng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const some = <T>(xs: readonly T[], max: number) => [...new Set(Array.from({ length: Math.floor(r() * (max + 1)) }, () => pick(xs)))];
  const out: MatchProfile[] = [];
  for (let i = 0; i < n; i++) {
    const hasHours = r() < 0.7;
    const min = 8 + Math.floor(r() * 20);
    out.push({
      id: `P${i.toString(36).padStart(8, '0')}`,
      adviserId: `u-adviser-${1 + Math.floor(r() * 50)}`,
      displayName: 'Sam P.',
      readiness: r() < 0.4 ? 'green' : r() < 0.6 ? 'amber' : r() < 0.8 ? 'green' : 'red',
      status: r() < 0.95 ? 'active' : 'placed',
      consentMatching: r() < 0.9,
      rightToWork: r() < 0.98,
      drivingLicence: r() < 0.35,
      skills: some(SKILLS, 5),
      certifications: some(CERTS, 2).map((name) => (r() < 0.5 ? { name, expiresOn: day(2000, 1200, r()) } : { name })),
      ...(r() < 0.97 ? { location: { lat: 53.6 + r() * 0.35, lng: -2.0 + r() * 0.7 } } : {}),
      area: pick(AREAS),
      maxTravelKm: 5 + Math.floor(r() * 26),
      ...(hasHours ? { hours: { min, max: min + Math.floor(r() * 25) } } : {}),
      ...(r() < 0.15 ? { hourCap: 16 } : {}),
      shifts: some(SHIFT_PATTERNS, 3),
      occupations: some(WORDS, 2).map((w) => `${w} job`),
      sectors: some(SECTORS, 2),
      historySectors: some(SECTORS, 2),
      historyRoleWords: some(WORDS, 2),
      workLimits: r() < 0.2 ? some(WORK_DEMANDS, 2) : [],
      unemployedSince: day(0, 2500, r()),
      waitingSince: day(2000, 1050, r()),
      liveSubmissions: r() < 0.1 ? 3 + Math.floor(r() * 3) : Math.floor(r() * 3),
      unspentOffences: [],
      spentOffences: [],
      adjustmentTypes: [],
    });
    // Drawn after the older traits, so those stay as they were for a seed.
    const p = out.at(-1)!;
    if (p.hourCap !== undefined) {
      p.hourCap = 8 + Math.floor(r() * 9);
      // Permitted work that ended before the context's today (2026-11-25), ends later, or has no end.
      if (r() < 0.6) p.hourCapUntil = day(2490, 120, r());
      // Half state no hours of their own, so a job a little over the cap reaches the ask.
      if (r() < 0.5) delete p.hours;
    }
    if (r() < 0.2) p.unspentOffences = [...some(OFFENCE_CATEGORIES, 2)].sort();
    if (r() < 0.2) p.spentOffences = [...some(OFFENCE_CATEGORIES, 2)].sort();
    if (r() < 0.3) p.adjustmentTypes = some(ADJUSTMENTS, 3);
  }
  return out;
}

export function syntheticVacancy(seed = 7, over: Partial<MatchVacancy> = {}): MatchVacancy {
  const r = prng(seed);
  return vacancy({
    titleWords: ['warehouse', 'picker'],
    location: { lat: 53.75 + r() * 0.1, lng: -1.6 + r() * 0.1 },
    hours: { min: 16, max: 37 },
    shifts: ['early', 'late'],
    essentialSkills: ['picking', 'packing'],
    desirableSkills: ['forklift', 'stock control', 'customer service'],
    essentialCertifications: [],
    workDemands: ['heavy-lifting'],
    ...over,
  });
}

/** fast-check: a random pool drawn from the same traits (small, for properties). */
export const arbPool = fc
  .integer({ min: 1, max: 2 ** 31 - 1 })
  .chain((seed) => fc.integer({ min: 0, max: 300 }).map((n) => ({ seed, profiles: syntheticProfiles(n, seed) })));
export const arbVacancy = fc
  .record({
    seed: fc.integer({ min: 1, max: 1000 }),
    cert: fc.constantFrom([], ['fork lift truck'], ['cscs green card', 'first aid at work']),
    driving: fc.boolean(),
    hmin: fc.integer({ min: 4, max: 30 }),
    span: fc.integer({ min: 0, max: 20 }),
    shifts: fc.subarray([...SHIFT_PATTERNS], { minLength: 0, maxLength: 3 }),
    // Often no must-haves at all, so more pairs reach the later rules (hours, convictions, adjustments).
    ess: fc.oneof(fc.constant([] as string[]), fc.subarray(SKILLS, { maxLength: 4 })),
    des: fc.subarray(SKILLS, { maxLength: 4 }),
    demands: fc.subarray([...WORK_DEMANDS], { maxLength: 2 }),
    located: fc.boolean(),
    // Pay from unknown (0) through the minimum wage to well above it: the earnings limit bites at some.
    pence: fc.constantFrom(0, 950, 1271, 1500, 2400),
    check: fc.constantFrom(...BACKGROUND_CHECKS),
    open: fc.boolean(),
    refused: fc.subarray([...OFFENCE_CATEGORIES], { maxLength: 3 }),
    offered: fc.subarray([...ADJUSTMENTS], { maxLength: 6 }),
  })
  .map((x) =>
    syntheticVacancy(x.seed, {
      hourlyPence: x.pence,
      backgroundCheck: x.check,
      employerConditions: { openToConvictions: x.open, refusedOffences: x.refused },
      adjustmentsOffered: x.offered,
      essentialCertifications: [...x.cert],
      drivingLicenceRequired: x.driving,
      hours: { min: x.hmin, max: x.hmin + x.span },
      shifts: x.shifts,
      essentialSkills: x.ess,
      desirableSkills: x.des,
      workDemands: x.demands,
      ...(x.located ? {} : { location: undefined }),
    }),
  );
