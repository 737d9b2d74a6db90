import type { Participant, Sensitive } from '../domain/participant.js';
import type { Vacancy } from '../domain/vacancy.js';
import { geohash, POOL_SUBCELL_PRECISION, postcodeArea } from './geo.js';
import { words } from './evaluate.js';
import type { MatchProfile, MatchVacancy } from './types.js';

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

/** The sub-cell that orders an entry inside its pool partition (`-` for entries with no location). */
export function poolSubcell(location: { lat: number; lng: number } | undefined): string {
  return location ? geohash(location.lat, location.lng, POOL_SUBCELL_PRECISION) : '-';
}

/**
 * The compact profile the engine ranks. Facts from the sensitive part (work limits, the permitted-work
 * hour cap) enter here and nowhere else visible: the profile is never returned to a client.
 */
export function toMatchProfile(p: Participant, s: Sensitive | undefined): MatchProfile {
  const permittedCap = s?.benefitConstraints?.permittedWork ? (s.benefitConstraints.maxHoursPerWeek ?? 16) : undefined;
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
    ...(permittedCap !== undefined ? { hourCap: permittedCap } : {}),
    shifts: p.preferences.shifts,
    occupations: p.preferences.occupations,
    sectors: p.preferences.sectors,
    historySectors: [...new Set(p.workHistory.flatMap((w) => (w.sector ? [w.sector] : [])))],
    historyRoleWords: [...new Set(p.workHistory.flatMap((w) => words(w.role)))],
    workLimits: s?.workLimits ?? [],
    unemployedSince: p.unemployedSince,
    waitingSince: waiting.slice(0, 10),
    liveSubmissions: p.liveSubmissions ?? 0,
  };
}

export function toMatchVacancy(v: Vacancy): MatchVacancy {
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
  };
}
