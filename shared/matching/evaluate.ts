import { ADJUSTMENT_LABELS, ADJUSTMENTS, type Adjustment } from '../domain/adjustments.js';
import { CHECK_LABELS, CHECK_SEES_SPENT, OFFENCE_CATEGORIES, OFFENCE_LABELS, type OffenceCategory } from '../domain/convictions.js';
import { epochDay } from '../domain/dates.js';
import { haversineKm } from './geo.js';
import type { Evaluation, ExclusionReason, FactorResult, MatchContext, MatchProfile, MatchVacancy } from './types.js';
import { MATCHING, WEIGHTS } from './weights.js';

/**
 * The reference evaluation of one participant against one vacancy: hard constraints, factors and
 * their explanation in plain words. The fast engine (`engine.ts`) must agree with it exactly; it is
 * also what ranks vacancies for one participant, where the pool is small.
 */

export const DAY_MS = 86_400_000;
export { epochDay };

/** Points in tenths for a fraction of a factor's weight. Both engines call exactly this. */
export const tenths = (weight: number, fraction: number): number => Math.round(weight * 10 * fraction);

export const fractions = {
  coverage: (matched: number, required: number) => (required === 0 ? 1 : matched / required),
  preference: (occupation: boolean, sector: boolean, statedAny: boolean) => (occupation ? 1 : sector ? 0.6 : statedAny ? 0 : 0.5),
  workHistory: (role: boolean, sector: boolean) => (role ? 1 : sector ? 0.6 : 0),
  distance: (km: number | undefined, maxTravelKm: number) =>
    km === undefined ? MATCHING.unknownDistanceShare : Math.max(0, 1 - km / Math.max(1, maxTravelKm)),
  hours: (vMin: number, vMax: number, pMin: number | undefined, pMax: number | undefined) => {
    if (pMin === undefined || pMax === undefined) return 1;
    if (vMax === vMin) return vMin >= pMin && vMin <= pMax ? 1 : 0;
    return Math.max(0, Math.min(vMax, pMax) - Math.max(vMin, pMin)) / (vMax - vMin);
  },
  waiting: (days: number) => Math.min(1, Math.max(0, days) / MATCHING.waitingFullDays),
};

export const dampTenths = (subtotal: number, liveSubmissions: number) =>
  liveSubmissions >= MATCHING.dampAtLiveSubmissions ? -Math.round(subtotal * MATCHING.dampShare) : 0;

const STOP = new Set(['and', 'the', 'for', 'with', 'assistant', 'operative', 'worker', 'staff', 'team', 'member', 'general']);
/**
 * A small memo for pure functions of short strings the explanations call for every listed pair (an
 * occupation's words, a date's day number): the same few hundred values recur across candidates. Cleared
 * when full, so it stays bounded.
 */
function memo<T>(f: (s: string) => T, max = 4096): (s: string) => T {
  const seen = new Map<string, T>();
  return (s) => {
    let r = seen.get(s);
    if (r === undefined) {
      if (seen.size >= max) seen.clear();
      seen.set(s, (r = f(s)));
    }
    return r;
  };
}

/** Words that carry meaning in a job title or occupation tag. */
export function words(text: string): string[] {
  return [
    ...new Set(
      text
        .toLowerCase()
        .split(/[^a-z0-9]+/)
        .filter((w) => w.length >= 3 && !STOP.has(w)),
    ),
  ];
}
// Occupation tags and dates recur across candidates (the arrays are shared: never changed).
const occupationWords: (tag: string) => readonly string[] = memo(words);
const day = memo(epochDay);

const FLEXIBLE = 'flexible';

/** Hard constraints in order, cheapest first; the first failure is the reason counted. */
export function hardConstraint(
  p: MatchProfile,
  v: MatchVacancy,
  ctx: MatchContext,
  distanceKm: number | undefined,
): ExclusionReason | undefined {
  if (!p.consentMatching) return 'no-matching-consent';
  if (p.status !== 'active') return 'not-active';
  if (p.readiness === 'red') return 'not-job-ready';
  if (ctx.alreadySubmitted.has(p.id)) return 'already-submitted';
  if (!p.rightToWork) return 'no-right-to-work';
  if (v.drivingLicenceRequired && !p.drivingLicence) return 'no-driving-licence';
  if (v.essentialCertifications.some((cert) => !holdsValid(p, cert, v.validOn))) return 'missing-certification';
  // Must-haves rule out: two or more missing, or one for someone not yet job-ready. One missing for a
  // job-ready candidate makes them "could qualify" (evaluatePair), not a candidate.
  const missing = missingEssentials(p, v).length;
  if (missing >= 2 || (missing === 1 && p.readiness !== 'green')) return 'missing-essential-skills';
  // Permitted work: the job's minimum hours over what it allows rule out, unless by a little for a
  // job-ready candidate with no other gap: they could qualify by asking the employer (evaluatePair).
  const allowed = permittedHours(p, v, ctx.today);
  if (allowed !== undefined && v.hours.min > allowed && !(missing === 0 && p.readiness === 'green' && hoursAsk(allowed, v.hours.min)))
    return 'hours';
  if (p.hours && (v.hours.min > p.hours.max || v.hours.max < p.hours.min)) return 'hours';
  if (p.shifts.length > 0 && v.shifts.length > 0 && !p.shifts.includes(FLEXIBLE) && !v.shifts.includes(FLEXIBLE)) {
    if (!v.shifts.some((s) => p.shifts.includes(s))) return 'shifts';
  }
  if (v.workDemands.some((d) => p.workLimits.includes(d))) return 'work-demands';
  if (distanceKm !== undefined && distanceKm > p.maxTravelKm) return 'too-far';
  // Last, so it counts only people who would otherwise be suggested; and never says which or why.
  if (failsEmployerConditions(p, v)) return 'employer-conditions';
  return undefined;
}

/** Whole hours a week the permitted-work earnings limit allows at an hourly pay (no limit when the pay is unknown). */
export const earningsHours = (hourlyPence: number): number =>
  hourlyPence > 0 ? Math.floor(MATCHING.permittedWorkWeeklyEarningsLimitPence / hourlyPence) : Number.POSITIVE_INFINITY;

/**
 * Hours a week permitted work allows the participant at this job on `today`: the hour cap, and no more
 * than the earnings limit allows at the job's pay. Undefined when no cap applies (none, or it has ended).
 */
export function permittedHours(p: Pick<MatchProfile, 'hourCap' | 'hourCapUntil'>, v: Pick<MatchVacancy, 'hourlyPence'>, today: string) {
  if (p.hourCap === undefined || (p.hourCapUntil !== undefined && p.hourCapUntil < today)) return undefined;
  return Math.min(p.hourCap, earningsHours(v.hourlyPence));
}

/** The job's minimum hours exceed what is allowed, but by a little: worth asking the employer about `allowed` hours. Both engines call this. */
export const hoursAsk = (allowed: number, minHours: number): boolean =>
  minHours > allowed && allowed >= 1 && minHours - allowed <= MATCHING.askAboutHoursWithin;

/** The convictions the vacancy's check sees: unspent ones, and spent ones too for a standard or enhanced DBS check. */
function countedOffences(p: Pick<MatchProfile, 'unspentOffences' | 'spentOffences'>, v: Pick<MatchVacancy, 'backgroundCheck'>) {
  return CHECK_SEES_SPENT[v.backgroundCheck] ? [...p.unspentOffences, ...p.spentOffences] : p.unspentOffences;
}

/** Whether the employer's conditions rule the participant out: not open to convictions at all, or one in a refused category. */
export function failsEmployerConditions(p: MatchProfile, v: MatchVacancy): boolean {
  const counted = countedOffences(p, v);
  if (counted.length === 0) return false;
  if (!v.employerConditions.openToConvictions) return true;
  return counted.some((c) => v.employerConditions.refusedOffences.includes(c));
}

const sentence = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const inOrder = (xs: Iterable<OffenceCategory>) => OFFENCE_CATEGORIES.filter((c) => new Set(xs).has(c));

/**
 * Which of the employer's conditions rules the participant out, in plain words: for the participant's
 * own adviser only ("The employer does not consider arson convictions", "A standard DBS check sees spent
 * convictions"). Empty when none does. Nobody else is ever told which or why.
 */
export function employerConditionReasons(p: MatchProfile, v: MatchVacancy): string[] {
  if (!failsEmployerConditions(p, v)) return [];
  const seesSpent = CHECK_SEES_SPENT[v.backgroundCheck];
  const check = `${sentence(CHECK_LABELS[v.backgroundCheck])} sees spent convictions`;
  if (!v.employerConditions.openToConvictions) {
    return ['The employer does not consider people with convictions', ...(p.unspentOffences.length === 0 && seesSpent ? [check] : [])];
  }
  const refused = new Set(v.employerConditions.refusedOffences);
  const unspent = inOrder(p.unspentOffences.filter((c) => refused.has(c)));
  const spent = seesSpent ? inOrder(p.spentOffences.filter((c) => refused.has(c) && !unspent.includes(c))) : [];
  return [
    ...inOrder([...unspent, ...spent]).map((c) => `The employer does not consider ${OFFENCE_LABELS[c]} convictions`),
    ...(spent.length ? [check] : []),
  ];
}

const NO_ADJUSTMENTS: { needed: Adjustment[]; met: Adjustment[]; missing: Adjustment[] } = Object.freeze({
  needed: Object.freeze([]) as unknown as Adjustment[],
  met: Object.freeze([]) as unknown as Adjustment[],
  missing: Object.freeze([]) as unknown as Adjustment[],
});
/** The adjustments they need (each once, in the list's order), and which of them the employer offers (shared, never to be changed). */
export function adjustmentFit(p: Pick<MatchProfile, 'adjustmentTypes'>, v: Pick<MatchVacancy, 'adjustmentsOffered'>) {
  // Most need none: the usual answer without walking the list.
  if (p.adjustmentTypes.length === 0) return NO_ADJUSTMENTS;
  const needed = ADJUSTMENTS.filter((a) => p.adjustmentTypes.includes(a));
  const met = needed.filter((a) => v.adjustmentsOffered.includes(a));
  return { needed, met, missing: needed.filter((a) => !met.includes(a)) };
}

/** The vacancy's must-have skills the participant does not have (each once). */
export function missingEssentials(p: MatchProfile, v: MatchVacancy): string[] {
  return [...new Set(v.essentialSkills)].filter((s) => !p.skills.includes(s));
}

/** Whether the participant holds the certificate, still valid on the date (it may have no expiry). */
function holdsValid(p: Pick<MatchProfile, 'certifications'>, cert: string, validOn: string): boolean {
  const held = p.certifications.find((c) => c.name === cert);
  return held !== undefined && (held.expiresOn === undefined || held.expiresOn >= validOn);
}

/** The vacancy's essential certificates the participant does not hold, or holds expiring before the date it needs them on. */
export function missingCertifications(
  p: Pick<MatchProfile, 'certifications'>,
  v: Pick<MatchVacancy, 'essentialCertifications' | 'validOn'>,
) {
  return v.essentialCertifications.filter((cert) => !holdsValid(p, cert, v.validOn));
}

export function distanceOf(p: MatchProfile, v: MatchVacancy): number | undefined {
  return p.location && v.location ? haversineKm(v.location.lat, v.location.lng, p.location.lat, p.location.lng) : undefined;
}

interface Parts {
  essential: { matched: string[]; missing: string[]; t: number };
  desirable: { matched: string[]; missing: string[]; t: number };
  preference: { occupation: boolean; sector: boolean; stated: boolean; t: number };
  history: { role: boolean; sector: boolean; t: number };
  distance: { km: number | undefined; t: number };
  hours: { fraction: number; t: number };
  adjustments: { needed: Adjustment[]; met: Adjustment[]; missing: Adjustment[]; t: number };
  pet: { completer: boolean; guaranteed: boolean; cohort?: string; t: number };
  waiting: { days: number; t: number };
  ltu: { days: number; yes: boolean; t: number };
  damp: { live: number; t: number };
}

/** The wanted skills they have and those they lack, in the vacancy's order (none wanted: one shared empty pair). */
const EMPTY: readonly string[] = Object.freeze([]);
function splitSkills(have: readonly string[], wanted: readonly string[], weight: number) {
  if (wanted.length === 0) return { matched: EMPTY as string[], missing: EMPTY as string[], t: tenths(weight, 1) };
  const matched: string[] = [];
  const missing: string[] = [];
  for (const s of wanted) (have.includes(s) ? matched : missing).push(s);
  return { matched, missing, t: tenths(weight, fractions.coverage(matched.length, wanted.length)) };
}

/**
 * Every factor of one eligible pair, with its points. Called for each listed candidate on every match
 * (150 a request), so each part is built once, with no copies: the allocation is most of its cost.
 */
function parts(p: MatchProfile, v: MatchVacancy, ctx: MatchContext, km: number | undefined): Parts {
  const essential = splitSkills(p.skills, v.essentialSkills, WEIGHTS.essentialSkills);
  const desirable = splitSkills(p.skills, v.desirableSkills, WEIGHTS.desirableSkills);
  const occupation = p.occupations.some((o) => occupationWords(o).some((w) => v.titleWords.includes(w)));
  const prefSector = p.sectors.includes(v.sector);
  const stated = p.occupations.length > 0 || p.sectors.length > 0;
  const role = p.historyRoleWords.some((w) => v.titleWords.includes(w));
  const histSector = p.historySectors.includes(v.sector);
  const hoursFraction = fractions.hours(v.hours.min, v.hours.max, p.hours?.min, p.hours?.max);
  const adj = adjustmentFit(p, v);
  const pet = ctx.petCompleters.get(p.id);
  const today = day(ctx.today);
  const waitingDays = today - day(p.waitingSince);
  const unemployedDays = today - day(p.unemployedSince);
  const ltu = unemployedDays >= MATCHING.longTermUnemployedDays;
  const preferenceT = tenths(WEIGHTS.preference, fractions.preference(occupation, prefSector, stated));
  const historyT = tenths(WEIGHTS.workHistory, fractions.workHistory(role, histSector));
  const distanceT = tenths(WEIGHTS.distance, fractions.distance(km, p.maxTravelKm));
  const hoursT = tenths(WEIGHTS.hoursFit, hoursFraction);
  const adjustmentsT = tenths(WEIGHTS.adjustments, fractions.coverage(adj.met.length, adj.needed.length));
  const petT = pet ? tenths(WEIGHTS.petCompletion, 1) : 0;
  const waitingT = tenths(WEIGHTS.waitingTime, fractions.waiting(waitingDays));
  const ltuT = ltu ? tenths(WEIGHTS.longTermUnemployed, 1) : 0;
  const subtotal = essential.t + desirable.t + preferenceT + historyT + distanceT + hoursT + adjustmentsT + petT + waitingT + ltuT;
  return {
    essential,
    desirable,
    preference: { occupation, sector: prefSector, stated, t: preferenceT },
    history: { role, sector: histSector, t: historyT },
    distance: { km, t: distanceT },
    hours: { fraction: hoursFraction, t: hoursT },
    adjustments: { needed: adj.needed, met: adj.met, missing: adj.missing, t: adjustmentsT },
    pet: { completer: !!pet, guaranteed: !!pet?.guaranteedInterview, cohort: pet?.cohortTitle, t: petT },
    waiting: { days: waitingDays, t: waitingT },
    ltu: { days: unemployedDays, yes: ltu, t: ltuT },
    damp: { live: p.liveSubmissions, t: dampTenths(subtotal, p.liveSubmissions) },
  };
}

const sumTenths = (x: Parts) =>
  x.essential.t +
  x.desirable.t +
  x.preference.t +
  x.history.t +
  x.distance.t +
  x.hours.t +
  x.adjustments.t +
  x.pet.t +
  x.waiting.t +
  x.ltu.t +
  x.damp.t;

/** Eligibility and score of one pair (no words: the hot path of the reference ranking). */
export function evaluatePair(p: MatchProfile, v: MatchVacancy, ctx: MatchContext): Evaluation {
  const km = distanceOf(p, v);
  const excluded = hardConstraint(p, v, ctx, km);
  const longTermUnemployed = day(ctx.today) - day(p.unemployedSince) >= MATCHING.longTermUnemployedDays;
  if (excluded)
    return {
      excluded,
      nearlyReady: false,
      couldQualify: false,
      scoreTenths: 0,
      guaranteedInterview: false,
      longTermUnemployed,
      distanceKm: km,
    };
  const x = parts(p, v, ctx, km);
  const [missing] = missingEssentials(p, v);
  // Past the constraints, a cap still over the job's minimum hours means asking about fewer hours.
  const allowed = permittedHours(p, v, ctx.today);
  const ask = allowed !== undefined && v.hours.min > allowed ? allowed : undefined;
  return {
    nearlyReady: p.readiness === 'amber',
    couldQualify: missing !== undefined || ask !== undefined,
    ...(missing !== undefined
      ? { couldQualifyBecause: 'missing-skill' as const, missingEssentialSkill: missing }
      : ask !== undefined
        ? { couldQualifyBecause: 'hours' as const, askAboutHours: ask }
        : {}),
    scoreTenths: sumTenths(x),
    guaranteedInterview: x.pet.guaranteed,
    longTermUnemployed,
    distanceKm: km,
  };
}

/** A distance between district centres, not addresses: said as approximate. */
const approximate = (p: MatchProfile, v: MatchVacancy) => p.location?.precision === 'district' || v.location?.precision === 'district';

const list = (xs: string[]) => (xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs.at(-1)}`);
const pts = (t: number) => t / 10;

/**
 * Who reads an explanation. Liaison officers (the vacancy's side) are told a gap exists, never what
 * the sensitive part holds; the participant's own adviser is told which adjustments and why.
 */
export type Audience = 'liaison' | 'adviser';

const adjustmentWords = (xs: readonly Adjustment[]) => list(xs.map((a) => ADJUSTMENT_LABELS[a]));

/** The explanation of an eligible pair: every factor with its points and a sentence, and the gaps, worded for who reads it. */
export function explain(
  p: MatchProfile,
  v: MatchVacancy,
  ctx: MatchContext,
  audience: Audience = 'liaison',
  // The ranking has worked it out already (the same haversine), when it ranked them.
  km: number | undefined = distanceOf(p, v),
): { factors: FactorResult[]; gaps: string[] } {
  const x = parts(p, v, ctx, km);
  const adviser = audience === 'adviser';
  const adj = x.adjustments;
  const factors: FactorResult[] = [
    {
      factor: 'essential-skills',
      contribution: pts(x.essential.t),
      detail:
        v.essentialSkills.length === 0
          ? 'The job lists no must-have skills'
          : `Has ${x.essential.matched.length} of ${v.essentialSkills.length} must-have skills${x.essential.matched.length ? ` (${list(x.essential.matched)})` : ''}`,
    },
    {
      factor: 'desirable-skills',
      contribution: pts(x.desirable.t),
      detail:
        v.desirableSkills.length === 0
          ? 'The job lists no nice-to-have skills'
          : `Has ${x.desirable.matched.length} of ${v.desirableSkills.length} nice-to-have skills${x.desirable.matched.length ? ` (${list(x.desirable.matched)})` : ''}`,
    },
    {
      factor: 'preference',
      contribution: pts(x.preference.t),
      detail: x.preference.occupation
        ? 'This is the kind of job they asked for'
        : x.preference.sector
          ? 'In a sector they chose'
          : x.preference.stated
            ? 'Not a job or sector they asked for'
            : 'They have not stated job preferences yet',
    },
    {
      factor: 'work-history',
      contribution: pts(x.history.t),
      detail: x.history.role
        ? 'Has done this kind of work before'
        : x.history.sector
          ? 'Has worked in this sector'
          : 'No related work history recorded',
    },
    {
      factor: 'distance',
      contribution: pts(x.distance.t),
      detail:
        km === undefined
          ? 'Distance unknown (no location on one side)'
          : approximate(p, v)
            ? `About ${km.toFixed(0)} km from home (from postcode districts, good to a few km); will travel up to ${p.maxTravelKm} km`
            : `${km.toFixed(1)} km from home; will travel up to ${p.maxTravelKm} km`,
    },
    {
      factor: 'hours-fit',
      contribution: pts(x.hours.t),
      detail: p.hours
        ? `${Math.round(x.hours.fraction * 100)}% of the job's ${v.hours.min}–${v.hours.max} hours is within the ${p.hours.min}–${p.hours.max} they want`
        : 'No hours preference stated',
    },
    {
      factor: 'adjustments',
      contribution: pts(adj.t),
      detail:
        adj.needed.length === 0
          ? 'No adjustments recorded as needed'
          : adj.missing.length === 0
            ? adviser
              ? `The employer offers the adjustments they need (${adjustmentWords(adj.met)})`
              : 'The employer offers the adjustments they need'
            : adviser
              ? `The employer offers ${adj.met.length} of the ${adj.needed.length} adjustments they need`
              : 'The employer does not list every adjustment they need',
    },
    {
      factor: 'pet-completion',
      contribution: pts(x.pet.t),
      detail: x.pet.completer
        ? `Completed ${x.pet.cohort ?? 'a linked training cohort'}${x.pet.guaranteed ? ', which guarantees an interview' : ''}`
        : 'Has not completed a training cohort linked to this job or employer',
    },
    {
      factor: 'waiting-time',
      contribution: pts(x.waiting.t),
      detail: `Waiting ${Math.max(0, x.waiting.days)} days since last job-ready or put forward`,
    },
    {
      factor: 'long-term-unemployed',
      contribution: pts(x.ltu.t),
      detail: x.ltu.yes ? `Out of work ${Math.floor(x.ltu.days / 30)} months: fair-exposure boost` : 'Out of work under 12 months',
    },
  ];
  if (x.damp.t !== 0) {
    factors.push({
      factor: 'already-put-forward',
      contribution: pts(x.damp.t),
      detail: `Already in ${x.damp.live} live submissions: lowered so others get a chance too`,
    });
  }
  const gaps: string[] = [];
  if (x.essential.missing.length === 1)
    gaps.push(`Missing one must-have skill: ${x.essential.missing[0]}. They could qualify with it: training may close the gap`);
  else if (x.essential.missing.length) gaps.push(`Missing must-have skills: ${list(x.essential.missing)}`);
  if (x.desirable.missing.length) gaps.push(`Missing nice-to-have skills: ${list(x.desirable.missing)}`);
  if (km === undefined) gaps.push('Distance unknown: check travel with the participant');
  const soon = day(v.validOn) + MATCHING.expiringSoonDays;
  for (const cert of v.essentialCertifications) {
    const held = p.certifications.find((c) => c.name === cert);
    if (held?.expiresOn && day(held.expiresOn) <= soon) gaps.push(`${cert} expires on ${held.expiresOn}`);
  }
  if (p.hours && x.hours.fraction < 1) gaps.push(`Some of the job's hours fall outside the ${p.hours.min}–${p.hours.max} they want`);
  const allowed = permittedHours(p, v, ctx.today);
  if (allowed !== undefined && v.hours.min > allowed)
    gaps.push(
      `Could qualify: ask the employer about ${allowed} hours a week (the job asks for at least ${v.hours.min})${adviser ? ': that is what their permitted work allows' : ''}`,
    );
  if (adj.missing.length)
    gaps.push(
      adviser
        ? `Adjustments they need that the employer does not list: ${adjustmentWords(adj.missing)}. Ask the employer: it may still make them`
        : 'Some adjustments they need are not among those the employer lists: their adviser knows which',
    );
  if (p.readiness === 'amber') gaps.push('Nearly job-ready (amber): check with their adviser');
  return { factors, gaps };
}
