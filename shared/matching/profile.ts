import type { Employer } from '../domain/employer.js';
import { OFFENCE_CATEGORIES, type OffenceCategory } from '../domain/convictions.js';
import { ADJUSTMENTS } from '../domain/adjustments.js';
import { PERMITTED_WORK, type Participant, type Sensitive } from '../domain/participant.js';
import type { Vacancy } from '../domain/vacancy.js';
import { geohash, POOL_SUBCELL_PRECISION, postcodeArea } from './geo.js';
import { words } from './evaluate.js';
import type { MatchProfile, MatchVacancy } from './types.js';
import { MATCHING } from './weights.js';

/** Only active participants who consent to be matched are in any matching pool. */
export function isMatchable(p: Participant): boolean {
  return p.status === 'active' && p.consent.matching;
}

/** Open vacancies are in the reverse pool (suggestions for participants). */
export function isSuggestable(v: Vacancy): boolean {
  return v.status === 'open';
}

/** The pool partition of a place: a geohash cell of ~20 × 39 km, or the postcode area when there is no location. */
export function poolCell(location: { lat: number; lng: number } | undefined, postcode: string): string {
  return location ? geohash(location.lat, location.lng, 4) : `AREA-${postcodeArea(postcode)}`;
}

/**
 * Whether a pooled profile must also be found from beyond the catchment: located, and willing to travel
 * further than the radius every vacancy reads around itself. Such profiles are indexed once more (the
 * far-travellers index) so a vacancy finds them wherever they live; there are few of them.
 */
export const travelsBeyondCatchment = (p: Pick<MatchProfile, 'location' | 'maxTravelKm'>): boolean =>
  p.location !== undefined && p.maxTravelKm > MATCHING.catchmentKm;

/**
 * The profiles a located vacancy considers: everyone its catchment's ranges read, and everyone who will
 * travel further than the catchment wherever they live (the engine still holds each to their own
 * limit), once each.
 */
export function withFarTravellers(near: readonly MatchProfile[], far: readonly MatchProfile[]): MatchProfile[] {
  const seen = new Set(near.map((p) => p.id));
  return [...near, ...far.filter((p) => !seen.has(p.id))];
}

/** The sub-cell that orders an entry inside its pool partition (`-` for entries with no location). */
export function poolSubcell(location: { lat: number; lng: number } | undefined): string {
  return location ? geohash(location.lat, location.lng, POOL_SUBCELL_PRECISION) : '-';
}

const once = <T extends string>(order: readonly T[], xs: readonly T[]) => order.filter((x) => xs.includes(x));

/** Offence categories of unspent and of spent convictions; an unspent conviction recorded before categories were counts as `other`. */
function offencesOf(s: Sensitive | undefined): { unspent: OffenceCategory[]; spent: OffenceCategory[] } {
  const c = s?.convictions;
  if (!c) return { unspent: [], spent: [] };
  const unspent = once(OFFENCE_CATEGORIES, c.unspentOffences ?? []);
  return { unspent: c.unspent && unspent.length === 0 ? ['other'] : unspent, spent: once(OFFENCE_CATEGORIES, c.spentOffences ?? []) };
}

/**
 * The compact profile the engine ranks. Facts from the sensitive part (work limits, the permitted-work
 * hour cap and its end, offence categories, adjustments needed) enter here and nowhere else visible:
 * the profile is never returned to a client.
 */
export function toMatchProfile(p: Participant, s: Sensitive | undefined): MatchProfile {
  const b = s?.benefitConstraints;
  const permittedCap = b?.permittedWork ? (b.maxHoursPerWeek ?? PERMITTED_WORK.defaultHoursCap) : undefined;
  const offences = offencesOf(s);
  const waiting = [p.readySince, p.lastPutForwardAt, p.createdAt]
    .filter((x): x is string => !!x)
    .sort()
    .at(-1)!;
  return {
    id: p.id,
    adviserId: p.adviserId,
    displayName: `${p.firstName} ${p.lastName.slice(0, 1)}.`,
    readiness: p.readiness,
    status: p.status,
    consentMatching: p.consent.matching,
    rightToWork: p.rightToWork,
    drivingLicence: p.drivingLicence,
    skills: [...new Set(p.skills)],
    certifications: p.certifications.map((c) => (c.expiresOn ? { name: c.name, expiresOn: c.expiresOn } : { name: c.name })),
    ...(p.home.location ? { location: p.home.location } : {}),
    area: postcodeArea(p.home.postcode),
    maxTravelKm: p.preferences.maxTravelKm,
    ...(p.preferences.hoursPerWeek ? { hours: p.preferences.hoursPerWeek } : {}),
    ...(permittedCap !== undefined ? { hourCap: permittedCap, ...(b?.until ? { hourCapUntil: b.until } : {}) } : {}),
    shifts: p.preferences.shifts,
    occupations: p.preferences.occupations,
    sectors: p.preferences.sectors,
    historySectors: [...new Set(p.workHistory.flatMap((w) => (w.sector ? [w.sector] : [])))],
    historyRoleWords: [...new Set(p.workHistory.flatMap((w) => words(w.role)))],
    workLimits: s?.workLimits ?? [],
    unspentOffences: offences.unspent,
    spentOffences: offences.spent,
    adjustmentTypes: once(ADJUSTMENTS, s?.adjustmentTypes ?? []),
    unemployedSince: p.unemployedSince,
    waitingSince: waiting.slice(0, 10),
    liveSubmissions: p.liveSubmissions ?? 0,
  };
}

/** Pay in whole pence an hour: a weekly wage is spread over the job's most hours, a yearly one over 52 such weeks. */
export function hourlyPence(v: Pick<Vacancy, 'wage' | 'hoursPerWeek'>): number {
  const hours = Math.max(1, v.hoursPerWeek.max);
  const perHour = v.wage.period === 'hour' ? v.wage.amount : v.wage.period === 'week' ? v.wage.amount / hours : v.wage.amount / 52 / hours;
  return Math.round(perHour * 100);
}

/** What matching needs of an employer: its conditions on convictions and the adjustments it offers. */
export type EmployerTerms = Pick<Employer, 'commitments'>;

/** An employer's terms as the match vacancy holds them. */
export function employerTermsOf(e: EmployerTerms | undefined): Pick<MatchVacancy, 'employerConditions' | 'adjustmentsOffered'> {
  const c = e?.commitments;
  return {
    employerConditions: {
      openToConvictions: c?.openToConvictions ?? true,
      refusedOffences: once(OFFENCE_CATEGORIES, c?.convictionExclusions ?? []),
    },
    adjustmentsOffered: once(ADJUSTMENTS, c?.adjustmentTypesOffered ?? []),
  };
}

/**
 * What the engine ranks a vacancy by, from the vacancy and its employer. Without the employer (a caller
 * checking must-haves only) no employer condition is applied and no adjustment is offered; every ranking
 * and every pool entry is built with it.
 */
export function toMatchVacancy(v: Vacancy, employer?: EmployerTerms): MatchVacancy {
  return {
    id: v.id,
    employerId: v.employerId,
    titleWords: [...new Set([...words(v.title), ...words(v.occupation.title)])],
    sector: v.sector,
    ...(v.site.location ? { location: v.site.location } : {}),
    area: postcodeArea(v.site.postcode),
    hours: v.hoursPerWeek,
    shifts: v.shiftPatterns,
    essentialSkills: v.essentialSkills,
    desirableSkills: v.desirableSkills,
    essentialCertifications: v.essentialCertifications,
    drivingLicenceRequired: v.drivingLicenceRequired,
    workDemands: v.workDemands,
    validOn: v.startDate ?? v.closingDate,
    hourlyPence: hourlyPence(v),
    backgroundCheck: v.backgroundCheck,
    ...employerTermsOf(employer),
  };
}
