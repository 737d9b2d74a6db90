/**
 * Made-up but realistic request bodies for the benchmark: varied names, sectors, postcodes and
 * vacancy shapes, drawn from a seeded generator so every run sends the same mix.
 */
import { SECTORS } from '../shared/domain/common.js';

export type Rng = () => number;

/** mulberry32: small, fast, seedable; plenty for picking test data. */
export function seededRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)] as T;
const int = (rng: Rng, min: number, max: number) => min + Math.floor(rng() * (max - min + 1));

const PLACES = [
  { town: 'Leeds', outward: 'LS1', lat: 53.7965, lng: -1.5478 },
  { town: 'Leeds', outward: 'LS10', lat: 53.7742, lng: -1.5323 },
  { town: 'Leeds', outward: 'LS11', lat: 53.7787, lng: -1.5629 },
  { town: 'Leeds', outward: 'LS12', lat: 53.7976, lng: -1.5912 },
  { town: 'Leeds', outward: 'LS9', lat: 53.8044, lng: -1.5218 },
  { town: 'Morley', outward: 'LS27', lat: 53.74, lng: -1.599 },
  { town: 'Bradford', outward: 'BD1', lat: 53.7938, lng: -1.7521 },
  { town: 'Bradford', outward: 'BD4', lat: 53.778, lng: -1.715 },
  { town: 'Wakefield', outward: 'WF1', lat: 53.6833, lng: -1.4977 },
  { town: 'Huddersfield', outward: 'HD1', lat: 53.6458, lng: -1.785 },
  { town: 'Halifax', outward: 'HX1', lat: 53.7248, lng: -1.8658 },
  { town: 'Dewsbury', outward: 'WF13', lat: 53.691, lng: -1.633 },
] as const;

const INWARD_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';
const NAME_A = [
  'Hartley',
  'Aire',
  'Calder',
  'Pennine',
  'Kirkgate',
  'Northgate',
  'Wharfe',
  'Holbeck',
  'Ridings',
  'Canal',
  'Brunswick',
  'Granary',
];
const NAME_B = [
  'Logistics',
  'Care Homes',
  'Foods',
  'Security',
  'Cleaning',
  'Retail',
  'Hotels',
  'Builders',
  'Contact Centre',
  'Engineering',
];
const NAME_C = ['Ltd', 'Limited', 'Group', 'Services', 'and Sons', 'plc'];
const STREETS = [
  'Canal Wharf',
  'Kirkstall Road',
  'Dewsbury Road',
  'Leeds Road',
  'Westgate',
  'Manningham Lane',
  'Station Road',
  'Market Street',
];
const MANAGERS = ['u-liaison-1', 'u-liaison-2', 'u-liaison-3', 'u-liaison-4', 'u-liaison-5'];
const STAGES = ['prospect', 'contacted', 'engaged', 'active', 'lapsed'] as const;
const SIZES = ['micro', 'small', 'medium', 'large'] as const;

const JOBS = [
  { title: 'Warehouse operative', socCode: '9252', skills: ['picking', 'packing'] },
  { title: 'Care assistant', socCode: '6135', skills: ['personal care', 'medication awareness'] },
  { title: 'Security officer', socCode: '9241', skills: ['sia licence', 'cctv'] },
  { title: 'Kitchen porter', socCode: '9263', skills: ['food hygiene'] },
  { title: 'Customer service adviser', socCode: '7219', skills: ['customer service', 'keyboard skills'] },
  { title: 'Retail assistant', socCode: '7111', skills: ['till operation', 'customer service'] },
  { title: 'Cleaner', socCode: '9223', skills: ['cleaning chemicals'] },
  { title: 'Labourer', socCode: '9129', skills: ['cscs card', 'manual handling'] },
] as const;
const SHIFTS = ['day', 'early', 'late', 'night', 'weekend', 'split', 'flexible'] as const;
const CONTRACTS = ['permanent', 'fixed-term', 'temporary', 'apprenticeship'] as const;

function postcode(rng: Rng, outward: string): string {
  return `${outward} ${int(rng, 0, 9)}${pick(rng, INWARD_LETTERS.split(''))}${pick(rng, INWARD_LETTERS.split(''))}`;
}

const jitter = (rng: Rng) => (rng() - 0.5) * 0.04;

/** A valid `POST /employers` body; `i` keeps names (and so the duplicate guards) unique. */
export function employerBody(rng: Rng, i: number) {
  const place = pick(rng, PLACES);
  const body: Record<string, unknown> = {
    name: `${pick(rng, NAME_A)} ${pick(rng, NAME_B)} ${pick(rng, NAME_C)} ${i + 1}`,
    sector: pick(rng, SECTORS),
    sizeBand: pick(rng, SIZES),
    stage: pick(rng, STAGES),
    address: {
      line1: `${int(rng, 1, 240)} ${pick(rng, STREETS)}`,
      town: place.town,
      postcode: postcode(rng, place.outward),
      location: { lat: place.lat + jitter(rng), lng: place.lng + jitter(rng) },
    },
    accountManagerId: pick(rng, MANAGERS),
  };
  if (rng() < 0.6) body.companyNumber = String(10_000_000 + i * 7919).slice(0, 8);
  if (rng() < 0.5) body.website = `https://example-${i + 1}.co.uk`;
  if (rng() < 0.4) {
    body.commitments = {
      guaranteedInterviews: rng() < 0.5,
      workTrials: rng() < 0.5,
      disabilityConfident: pick(rng, ['none', 'committed', 'employer', 'leader'] as const),
      openToConvictions: rng() < 0.3,
      convictionExclusions: [],
      adjustmentsOffered: rng() < 0.5 ? ['flexible start times', 'quiet break room'] : [],
    };
  }
  return body;
}

function isoDaysFromNow(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/** A valid `POST /vacancies` body for one employer: closing dates in the future, so `open` is allowed. */
export function vacancyBody(rng: Rng, employerId: string) {
  const job = pick(rng, JOBS);
  const place = pick(rng, PLACES);
  const min = int(rng, 8, 30);
  const shifts = [...new Set([pick(rng, SHIFTS), pick(rng, SHIFTS)])];
  return {
    employerId,
    title: job.title,
    description: `Join our ${place.town} team as a ${job.title.toLowerCase()}. Full training given; uniform provided; paid breaks.`,
    occupation: { title: job.title, socCode: job.socCode },
    sector: pick(rng, SECTORS),
    site: {
      postcode: postcode(rng, place.outward),
      town: place.town,
      location: { lat: place.lat + jitter(rng), lng: place.lng + jitter(rng) },
    },
    positions: int(rng, 1, 12),
    hoursPerWeek: { min, max: Math.min(48, min + int(rng, 0, 16)) },
    shiftPatterns: shifts,
    contractType: pick(rng, CONTRACTS),
    wage: { amount: Math.round((12.21 + rng() * 4) * 100) / 100, period: 'hour' },
    essentialSkills: [...job.skills],
    desirableSkills: rng() < 0.5 ? ['forklift'] : [],
    drivingLicenceRequired: rng() < 0.2,
    guaranteedInterview: rng() < 0.4,
    closingDate: isoDaysFromNow(int(rng, 14, 90)),
    status: rng() < 0.7 ? 'open' : 'draft',
  };
}
