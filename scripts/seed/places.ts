/**
 * The demo district: West Yorkshire, as a Jobcentre Plus district would cover it. Each area has a real
 * outward postcode and an approximate centre; full postcodes and positions are made up around them.
 * The generated inward codes are plausible in form, not looked-up real addresses.
 */
import type { Rng } from './random.js';

export interface Area {
  /** What people call the place, e.g. "Harehills". */
  name: string;
  /** The post town written on an address, e.g. "Leeds". */
  town: string;
  outward: string;
  lat: number;
  lng: number;
  /** Relative share of the district's residents (roughly by population and claimant count). */
  weight: number;
  /** Relative share of employers' sites (town centres, retail and industrial estates weigh more). */
  employerWeight: number;
  /** Share of residents from South Asian heritage families: shapes the names drawn (rough, for plausibility). */
  southAsian: number;
}

export const DISTRICT_NAME = 'West Yorkshire';

export const AREAS: readonly Area[] = [
  { name: 'Leeds City Centre', town: 'Leeds', outward: 'LS1', lat: 53.7965, lng: -1.5478, weight: 2, employerWeight: 9, southAsian: 0.1 },
  { name: 'Leeds Dock', town: 'Leeds', outward: 'LS10', lat: 53.7905, lng: -1.5329, weight: 1, employerWeight: 3, southAsian: 0.05 },
  { name: 'Hunslet', town: 'Leeds', outward: 'LS10', lat: 53.7742, lng: -1.5323, weight: 3, employerWeight: 5, southAsian: 0.05 },
  {
    name: 'Beeston and Holbeck',
    town: 'Leeds',
    outward: 'LS11',
    lat: 53.7787,
    lng: -1.5629,
    weight: 5,
    employerWeight: 3,
    southAsian: 0.3,
  },
  { name: 'Armley', town: 'Leeds', outward: 'LS12', lat: 53.7976, lng: -1.5912, weight: 4, employerWeight: 2, southAsian: 0.08 },
  { name: 'Harehills', town: 'Leeds', outward: 'LS8', lat: 53.8137, lng: -1.5174, weight: 5, employerWeight: 1, southAsian: 0.35 },
  { name: 'Burmantofts', town: 'Leeds', outward: 'LS9', lat: 53.8044, lng: -1.5218, weight: 4, employerWeight: 2, southAsian: 0.15 },
  { name: 'Chapeltown', town: 'Leeds', outward: 'LS7', lat: 53.8196, lng: -1.5344, weight: 3, employerWeight: 1, southAsian: 0.2 },
  { name: 'Seacroft', town: 'Leeds', outward: 'LS14', lat: 53.8218, lng: -1.4596, weight: 4, employerWeight: 2, southAsian: 0.03 },
  { name: 'Cross Gates', town: 'Leeds', outward: 'LS15', lat: 53.8056, lng: -1.4527, weight: 2, employerWeight: 2, southAsian: 0.03 },
  { name: 'Bramley', town: 'Leeds', outward: 'LS13', lat: 53.8077, lng: -1.6337, weight: 3, employerWeight: 1, southAsian: 0.04 },
  { name: 'Headingley', town: 'Leeds', outward: 'LS6', lat: 53.8226, lng: -1.5779, weight: 1, employerWeight: 2, southAsian: 0.08 },
  { name: 'Morley', town: 'Morley', outward: 'LS27', lat: 53.74, lng: -1.599, weight: 2, employerWeight: 3, southAsian: 0.04 },
  { name: 'Pudsey', town: 'Pudsey', outward: 'LS28', lat: 53.7949, lng: -1.6626, weight: 2, employerWeight: 2, southAsian: 0.05 },
  { name: 'Garforth', town: 'Leeds', outward: 'LS25', lat: 53.7925, lng: -1.3878, weight: 1, employerWeight: 2, southAsian: 0.02 },
  {
    name: 'Bradford City Centre',
    town: 'Bradford',
    outward: 'BD1',
    lat: 53.7935,
    lng: -1.7522,
    weight: 2,
    employerWeight: 7,
    southAsian: 0.35,
  },
  { name: 'Barkerend', town: 'Bradford', outward: 'BD3', lat: 53.799, lng: -1.727, weight: 4, employerWeight: 1, southAsian: 0.6 },
  { name: 'Bowling', town: 'Bradford', outward: 'BD4', lat: 53.779, lng: -1.729, weight: 4, employerWeight: 3, southAsian: 0.45 },
  { name: 'Little Horton', town: 'Bradford', outward: 'BD5', lat: 53.779, lng: -1.759, weight: 4, employerWeight: 1, southAsian: 0.55 },
  { name: 'Manningham', town: 'Bradford', outward: 'BD8', lat: 53.805, lng: -1.773, weight: 4, employerWeight: 1, southAsian: 0.7 },
  { name: 'Holme Wood', town: 'Bradford', outward: 'BD4', lat: 53.772, lng: -1.714, weight: 3, employerWeight: 1, southAsian: 0.1 },
  { name: 'Shipley', town: 'Shipley', outward: 'BD18', lat: 53.833, lng: -1.771, weight: 2, employerWeight: 2, southAsian: 0.12 },
  { name: 'Keighley', town: 'Keighley', outward: 'BD21', lat: 53.867, lng: -1.909, weight: 3, employerWeight: 3, southAsian: 0.3 },
  { name: 'Bingley', town: 'Bingley', outward: 'BD16', lat: 53.849, lng: -1.838, weight: 1, employerWeight: 1, southAsian: 0.04 },
  { name: 'Wakefield', town: 'Wakefield', outward: 'WF1', lat: 53.683, lng: -1.4977, weight: 3, employerWeight: 6, southAsian: 0.06 },
  { name: 'Lupset', town: 'Wakefield', outward: 'WF2', lat: 53.679, lng: -1.533, weight: 2, employerWeight: 2, southAsian: 0.03 },
  { name: 'Normanton', town: 'Normanton', outward: 'WF6', lat: 53.698, lng: -1.417, weight: 1, employerWeight: 3, southAsian: 0.02 },
  { name: 'Castleford', town: 'Castleford', outward: 'WF10', lat: 53.725, lng: -1.356, weight: 3, employerWeight: 4, southAsian: 0.02 },
  { name: 'Pontefract', town: 'Pontefract', outward: 'WF8', lat: 53.691, lng: -1.312, weight: 2, employerWeight: 2, southAsian: 0.02 },
  { name: 'Hemsworth', town: 'Pontefract', outward: 'WF9', lat: 53.614, lng: -1.35, weight: 2, employerWeight: 1, southAsian: 0.01 },
  { name: 'Ossett', town: 'Ossett', outward: 'WF5', lat: 53.68, lng: -1.58, weight: 1, employerWeight: 1, southAsian: 0.03 },
  { name: 'Dewsbury', town: 'Dewsbury', outward: 'WF13', lat: 53.691, lng: -1.633, weight: 3, employerWeight: 3, southAsian: 0.45 },
  { name: 'Batley', town: 'Batley', outward: 'WF17', lat: 53.716, lng: -1.634, weight: 2, employerWeight: 2, southAsian: 0.4 },
  { name: 'Huddersfield', town: 'Huddersfield', outward: 'HD1', lat: 53.6458, lng: -1.785, weight: 3, employerWeight: 6, southAsian: 0.2 },
  { name: 'Deighton', town: 'Huddersfield', outward: 'HD2', lat: 53.668, lng: -1.756, weight: 2, employerWeight: 2, southAsian: 0.2 },
  { name: 'Lockwood', town: 'Huddersfield', outward: 'HD4', lat: 53.63, lng: -1.795, weight: 2, employerWeight: 1, southAsian: 0.15 },
  { name: 'Brighouse', town: 'Brighouse', outward: 'HD6', lat: 53.703, lng: -1.783, weight: 1, employerWeight: 2, southAsian: 0.05 },
  { name: 'Halifax', town: 'Halifax', outward: 'HX1', lat: 53.722, lng: -1.862, weight: 3, employerWeight: 5, southAsian: 0.25 },
  { name: 'Ovenden', town: 'Halifax', outward: 'HX3', lat: 53.743, lng: -1.868, weight: 2, employerWeight: 1, southAsian: 0.05 },
  { name: 'Elland', town: 'Elland', outward: 'HX5', lat: 53.685, lng: -1.838, weight: 1, employerWeight: 2, southAsian: 0.04 },
  {
    name: 'Sowerby Bridge',
    town: 'Sowerby Bridge',
    outward: 'HX6',
    lat: 53.709,
    lng: -1.91,
    weight: 1,
    employerWeight: 1,
    southAsian: 0.05,
  },
];

/** Letters that may end a UK postcode (the inward code never uses C, I, K, M, O or V). */
export const INWARD_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';

/** A full postcode in the area's outward code, e.g. "LS11 5QT". */
export function postcodeIn(area: Area, rng: Rng): string {
  const digit = rng.int(0, 9);
  return `${area.outward} ${digit}${rng.pick([...INWARD_LETTERS])}${rng.pick([...INWARD_LETTERS])}`;
}

/** A position a few kilometres (at most `maxKm`) around the area's centre, rounded to about 10 m. */
export function locationNear(area: Area, rng: Rng, maxKm = 2.5): { lat: number; lng: number } {
  const r = maxKm * Math.sqrt(rng.next());
  const theta = rng.next() * 2 * Math.PI;
  const dLat = (r * Math.cos(theta)) / 111.2;
  const dLng = (r * Math.sin(theta)) / (111.2 * Math.cos((area.lat * Math.PI) / 180));
  return { lat: round(area.lat + dLat, 4), lng: round(area.lng + dLng, 4) };
}

export function residentArea(rng: Rng): Area {
  return rng.weighted(AREAS.map((a) => [a, a.weight] as const));
}

export function employerArea(rng: Rng): Area {
  return rng.weighted(AREAS.map((a) => [a, a.employerWeight] as const));
}

/** Great-circle distance in kilometres. */
export function distanceKm(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

function round(x: number, dp: number): number {
  const f = 10 ** dp;
  return Math.round(x * f) / f;
}

/** Training venues for PET cohorts. */
export const VENUES: readonly { name: string; area: string }[] = [
  { name: 'Pennine Skills Centre, 14 Kirkgate', area: 'Bradford City Centre' },
  { name: 'Aire Works Training Hub, Unit 3 Dewsbury Road', area: 'Beeston and Holbeck' },
  { name: 'Calder Employment Academy, 22 Northgate', area: 'Wakefield' },
  { name: 'Colne Valley Learning Centre, 5 Market Street', area: 'Huddersfield' },
  { name: 'Halifax Works Hub, 40 Commercial Street', area: 'Halifax' },
  { name: 'Five Towns Skills Centre, Carlton Street', area: 'Castleford' },
  { name: 'Harehills Community Hub, Roundhay Road', area: 'Harehills' },
  { name: 'Keighley Enterprise Centre, Cavendish Street', area: 'Keighley' },
];
