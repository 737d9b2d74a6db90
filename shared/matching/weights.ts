import { LONG_TERM_UNEMPLOYED_DAYS, PERMITTED_WORK } from '../domain/participant.js';

/**
 * The matching engine's weights: the one documented place they live (docs/matching.md explains each).
 * Positive maxima add up to 100, so a score reads as "points out of 100".
 *
 * Fairness by construction: no protected characteristic (age, sex, ethnicity, disability, health,
 * convictions), payment group, benefit type or likely outcome payment is an input to any factor. Two
 * facts from the sensitive part enter as practical fit, never as who someone is: whether the employer
 * offers the adjustments they need (a factor), and the employer's own conditions on convictions (a hard
 * constraint, docs/matching.md).
 *
 * Rebalanced when `adjustments` came in (5 points): preference 15 → 12 and desirable skills 10 → 8, the
 * two soft factors with the most points; must-haves, training and the fairness boosts are unchanged.
 */
export const WEIGHTS = {
  /** Share of the employer's must-have skills the candidate has. */
  essentialSkills: 30,
  /** Share of the nice-to-have skills. */
  desirableSkills: 8,
  /** The job is one they asked for (occupation), or in a sector they chose. */
  preference: 12,
  /** They have done this kind of work, or worked in this sector. */
  workHistory: 10,
  /** Nearer is better, relative to how far they said they would travel. */
  distance: 10,
  /** How much of the job's hours range sits inside the hours they want. */
  hoursFit: 5,
  /** Share of the adjustments they need that the employer offers (full marks when they need none). */
  adjustments: 5,
  /** Completed a PET cohort linked to this vacancy or employer (the strongest single signal). */
  petCompletion: 10,
  /** Time waiting since they became job-ready or were last put forward (full after 180 days). */
  waitingTime: 5,
  /** Bounded exposure boost for the long-term unemployed (12+ months), against creaming. */
  longTermUnemployed: 5,
} as const;

export const MATCHING = {
  /** Days without work that count as long-term unemployed. */
  longTermUnemployedDays: LONG_TERM_UNEMPLOYED_DAYS,
  /** Days of waiting that earn the full waiting-time points. */
  waitingFullDays: 180,
  /** A participant already in this many live submissions is damped... */
  dampAtLiveSubmissions: 3,
  /** ...losing this share of their points, so one person is not put forward everywhere at once. */
  dampShare: 0.3,
  /** Points for distance when either side has no location: neither rewarded nor punished. */
  unknownDistanceShare: 0.5,
  /** How far around a vacancy the pool is read (km); no participant travels further than this. */
  catchmentKm: 40,
  /** Certificates expiring within this many days of the valid-on date are flagged as a gap. */
  expiringSoonDays: 60,
  /** Permitted work: the weekly earnings limit (pence, after tax and NI) the job's pay is held to with the hour cap. */
  permittedWorkWeeklyEarningsLimitPence: PERMITTED_WORK.weeklyEarningsLimitPence,
  /** A job whose minimum hours exceed what permitted work allows by at most this many comes back as could-qualify. */
  askAboutHoursWithin: 4,
} as const;

export type Weights = typeof WEIGHTS;
