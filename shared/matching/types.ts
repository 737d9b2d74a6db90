import type { Adjustment } from '../domain/adjustments.js';
import type { OffenceCategory } from '../domain/convictions.js';
import type { Readiness } from '../domain/participant.js';
import type { BACKGROUND_CHECKS } from '../domain/vacancy.js';

/** A located place, and how precisely (a district centre is good to a few kilometres; see data/README.md). */
export interface Place {
  lat: number;
  lng: number;
  precision?: 'postcode' | 'district' | 'given';
}

/**
 * The compact match profile of one participant: what the engine needs, nothing more. It is kept in step
 * with the participant (same transaction) and is never returned to any client: it carries facts from
 * the sensitive part (work limits, the permitted-work hour cap and its end, offence categories of
 * convictions, adjustments needed) that only the matching engine may use.
 */
export interface MatchProfile {
  id: string;
  adviserId: string;
  /** For the liaison officer's candidate summary: first name and last initial only. */
  displayName: string;
  readiness: Readiness;
  status: 'active' | 'placed' | 'exited';
  consentMatching: boolean;
  rightToWork: boolean;
  drivingLicence: boolean;
  skills: string[];
  certifications: { name: string; expiresOn?: string }[];
  location?: Place;
  /** Postcode area (LS, BD…): the fallback locality when there is no location. */
  area: string;
  maxTravelKm: number;
  hours?: { min: number; max: number };
  /** Permitted-work limit on weekly hours, from the sensitive part; its earnings limit comes with it. */
  hourCap?: number;
  /** The last day the cap applies (permitted work ends); no end when absent. */
  hourCapUntil?: string;
  shifts: string[];
  occupations: string[];
  sectors: string[];
  historySectors: string[];
  historyRoleWords: string[];
  /** Work demands the participant cannot meet, from the sensitive part. */
  workLimits: string[];
  /** Offence categories of unspent convictions, and of spent ones (each once), from the sensitive part. */
  unspentOffences: OffenceCategory[];
  spentOffences: OffenceCategory[];
  /** Adjustments they need (the shared vocabulary), from the sensitive part. */
  adjustmentTypes: Adjustment[];
  unemployedSince: string;
  /** When they last became job-ready, or were last put forward: the start of their current wait. */
  waitingSince: string;
  liveSubmissions: number;
}

/** What the engine needs of a vacancy. */
export interface MatchVacancy {
  id: string;
  employerId: string;
  titleWords: string[];
  sector: string;
  location?: Place;
  area: string;
  hours: { min: number; max: number };
  shifts: string[];
  essentialSkills: string[];
  desirableSkills: string[];
  essentialCertifications: string[];
  drivingLicenceRequired: boolean;
  workDemands: string[];
  /** Certifications must be valid on this date (the start date, else the closing date). */
  validOn: string;
  /** Pay in pence an hour (a weekly wage over the job's most hours, a yearly one over 52 weeks of them): for the permitted-work earnings limit. */
  hourlyPence: number;
  /** The vacancy's background check: whether spent convictions count. */
  backgroundCheck: (typeof BACKGROUND_CHECKS)[number];
  /** The employer's conditions on convictions. */
  employerConditions: { openToConvictions: boolean; refusedOffences: OffenceCategory[] };
  /** Adjustments the employer offers (the shared vocabulary). */
  adjustmentsOffered: Adjustment[];
}

export interface MatchContext {
  /** Today, ISO date. */
  today: string;
  /** Completers of a PET cohort linked to this vacancy or its employer, and whether it guarantees an interview. */
  petCompleters: ReadonlyMap<string, { guaranteedInterview: boolean; cohortTitle: string }>;
  /** Participants already submitted to this vacancy. */
  alreadySubmitted: ReadonlySet<string>;
}

export const EXCLUSION_REASONS = [
  'no-matching-consent',
  'not-active',
  'not-job-ready',
  'already-submitted',
  'no-right-to-work',
  'no-driving-licence',
  'missing-certification',
  'missing-essential-skills',
  'hours',
  'shifts',
  'work-demands',
  'too-far',
  'employer-conditions',
] as const;
export type ExclusionReason = (typeof EXCLUSION_REASONS)[number];

export const FACTORS = [
  'essential-skills',
  'desirable-skills',
  'preference',
  'work-history',
  'distance',
  'hours-fit',
  'adjustments',
  'pet-completion',
  'waiting-time',
  'long-term-unemployed',
  'already-put-forward',
] as const;
export type Factor = (typeof FACTORS)[number];

export interface FactorResult {
  factor: Factor;
  /** Points, to one decimal; a candidate's contributions sum exactly to its score. */
  contribution: number;
  detail: string;
}

export interface Evaluation {
  /** Excluded, with the first hard constraint failed; or eligible. */
  excluded?: ExclusionReason;
  /** Amber candidates who pass every other constraint. */
  nearlyReady: boolean;
  /**
   * Job-ready candidates who pass every constraint but one thing: they could qualify. Either one must-have
   * skill is missing (named), or the job's minimum hours exceed what permitted work allows by a little
   * (ask the employer about `askAboutHours`). Never both.
   */
  couldQualify: boolean;
  couldQualifyBecause?: 'missing-skill' | 'hours';
  missingEssentialSkill?: string;
  askAboutHours?: number;
  /** Score in tenths of a point (integer), so sums are exact. */
  scoreTenths: number;
  guaranteedInterview: boolean;
  longTermUnemployed: boolean;
  distanceKm?: number;
}
