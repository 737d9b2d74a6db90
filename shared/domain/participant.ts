import { ExternalRef } from './bulk-import.js';
import { z } from 'zod';
import {
  Audit,
  Decimal,
  GeoPoint,
  HoursRange,
  Id,
  Int,
  Count,
  FreeText,
  Phone,
  Version,
  IsoDate,
  IsoDateTime,
  Postcode,
  Sector,
  ShiftPattern,
  Tag,
  Text,
  UserId,
  WorkDemand,
} from './common.js';
import { Adjustment } from './adjustments.js';
import { BenefitCircumstancesRecord } from './better-off.js';
import { CaseworkSummary } from './casework.js';
import { OFFENCE_CATEGORIES, OffenceCategory } from './convictions.js';
import { addDays, daysBetween } from './dates.js';
import { PROGRAMME_IDS } from './programmes.js';

export const READINESS = ['green', 'amber', 'red'] as const;
export const Readiness = z.enum(READINESS).meta({
  description: "The adviser's judgement of job readiness: green = job-ready (matched), amber = nearly, red = not yet",
});
export type Readiness = z.infer<typeof Readiness>;
export const PARTICIPANT_STATUSES = ['active', 'placed', 'exited'] as const;
/** Work Programme payment groups: stored as a fact for reporting, never a ranking input. */
export const PAYMENT_GROUPS = [
  'jsa-18-24',
  'jsa-25-plus',
  'jsa-early-access',
  'jsa-ex-ib',
  'esa-volunteer',
  'new-esa-claimant',
  'esa-ex-ib',
  'ib-is-volunteer',
  'uc-intensive',
] as const;

/**
 * Who referred the participant to the programme (the sources of Exit to Work's inward referrals, Joint
 * Pilots Table C.3, plus people who came of their own accord). Prison, probation and OLASS (the offender
 * learning service) say the person has a conviction, so it is kept as the payment group is: for their own
 * adviser and admins only, never a ranking input, and counted only in a report for admins.
 */
export const REFERRAL_SOURCES = [
  'jobcentre-plus',
  'prison-service',
  'probation-service',
  'olass',
  'progress2work',
  'self-referral',
  'other',
] as const;

/** Profile fields a participant may let employers see when put forward. */
export const SHAREABLE_FIELDS = [
  'firstName',
  'skills',
  'workHistory',
  'certifications',
  'availability',
  'drivingLicence',
  'healthDisclosure',
  'convictionDisclosure',
  'programmeParticipation',
] as const;

export const Certification = z
  .strictObject({
    name: Tag,
    expiresOn: IsoDate.optional(),
    awardedOn: IsoDate.optional(),
    /** Where it came from, when Routeway recorded it: the PET cohort that awarded it. */
    awardedByCohortId: Id.optional(),
  })
  .meta({ id: 'Certification' });
export const WorkHistoryEntry = z
  .strictObject({
    role: Text(200),
    employer: Text(200).optional(),
    sector: Sector.optional(),
    from: IsoDate,
    to: IsoDate.optional(),
  })
  .refine((w) => !w.to || w.to >= w.from, { message: 'end must not be before start', path: ['to'] })
  .meta({ id: 'WorkHistoryEntry' });
/** Most occupations a participant's preferences hold. */
export const OCCUPATIONS_MAX = 20;

export const Preferences = z
  .strictObject({
    occupations: z.array(Tag).max(OCCUPATIONS_MAX).default([]),
    sectors: z.array(Sector).max(14).default([]),
    hoursPerWeek: HoursRange.optional(),
    shifts: z.array(ShiftPattern).max(7).default([]),
    maxTravelKm: Decimal(0, 200).default(15),
  })
  .meta({ id: 'Preferences' });

export const Consent = z
  .strictObject({
    matching: z.boolean(),
    shareWithEmployers: z.array(z.enum(SHAREABLE_FIELDS)).max(SHAREABLE_FIELDS.length),
    inWorkContact: z.boolean().default(true),
    /** In work, whether they may be contacted at their workplace; false: by phone or outside work only. */
    inWorkContactAtWork: z.boolean().optional(),
    /** The participant's own words, shown to employers only if the matching disclosure field is shared. */
    healthDisclosureText: FreeText(1000).optional(),
    convictionDisclosureText: FreeText(1000).optional(),
  })
  .meta({ id: 'ConsentInput' });
export const ConsentRecord = z
  .object({
    matching: z.boolean(),
    shareWithEmployers: z.array(z.enum(SHAREABLE_FIELDS)).max(SHAREABLE_FIELDS.length),
    inWorkContact: z.boolean(),
    inWorkContactAtWork: z.boolean().optional(),
    healthDisclosureText: FreeText(1000).optional(),
    convictionDisclosureText: FreeText(1000).optional(),
    recordedAt: IsoDateTime,
    recordedBy: UserId,
  })
  .meta({ id: 'Consent' });

const profileFields = {
  externalRef: ExternalRef.optional(),
  firstName: Text(100),
  lastName: Text(100),
  adviserId: UserId,
  skills: z.array(Tag).max(50),
  certifications: z.array(Certification).max(30),
  drivingLicence: z.boolean(),
  rightToWork: z.boolean(),
  home: z.strictObject({ postcode: Postcode, location: GeoPoint.optional() }),
  preferences: Preferences,
  workHistory: z.array(WorkHistoryEntry).max(30),
  unemployedSince: IsoDate,
  paymentGroup: z.enum(PAYMENT_GROUPS).optional(),
  /** The programme they are on (shared/domain/programmes.ts): its outcome schedule and review rules. Absent: the default. */
  programme: z.enum(PROGRAMME_IDS).optional(),
  referralSource: z.enum(REFERRAL_SOURCES).optional(),
  email: z.email().max(254).optional(),
  phone: Phone.optional(),
};

export const ParticipantCreate = z
  .strictObject({
    ...profileFields,
    skills: profileFields.skills.default([]),
    certifications: profileFields.certifications.default([]),
    drivingLicence: z.boolean().default(false),
    workHistory: profileFields.workHistory.default([]),
    preferences: Preferences.default({ occupations: [], sectors: [], shifts: [], maxTravelKm: 15 }),
    /** Defaults to the calling adviser. */
    adviserId: UserId.optional(),
    readiness: Readiness.default('amber'),
    readinessReason: Text(500).default('Initial assessment'),
    consent: Consent.default({ matching: false, shareWithEmployers: [], inWorkContact: true }),
  })
  .meta({ id: 'ParticipantCreate' });
export type ParticipantCreate = z.infer<typeof ParticipantCreate>;

/** Readiness and caseload moves are explicit actions with their own routes, not PATCH fields. */
export const ParticipantPatch = z
  .strictObject({
    firstName: profileFields.firstName,
    lastName: profileFields.lastName,
    skills: profileFields.skills,
    certifications: profileFields.certifications,
    drivingLicence: profileFields.drivingLicence,
    rightToWork: profileFields.rightToWork,
    home: profileFields.home,
    preferences: Preferences,
    workHistory: profileFields.workHistory,
    unemployedSince: profileFields.unemployedSince,
    paymentGroup: z.enum(PAYMENT_GROUPS).nullable(),
    programme: z.enum(PROGRAMME_IDS).nullable(),
    referralSource: z.enum(REFERRAL_SOURCES).nullable(),
    email: z.email().max(254).nullable(),
    phone: profileFields.phone.nullable(),
    status: z.enum(['active', 'exited']),
  })
  .partial()
  .refine((p) => Object.keys(p).length > 0, { message: 'nothing to change' })
  .meta({ id: 'ParticipantPatch' });
export type ParticipantPatch = z.infer<typeof ParticipantPatch>;

export const Participant = z
  .object({
    id: Id,
    ...profileFields,
    readiness: Readiness,
    status: z.enum(PARTICIPANT_STATUSES),
    consent: ConsentRecord,
    /** Set when the participant leaves the programme; the retention clock starts here. */
    exitedAt: IsoDateTime.optional(),
    /** When they last became job-ready (green): the start of their wait for a suggestion. */
    readySince: IsoDateTime.optional(),
    /** When their readiness was last judged to change (or first judged): the review rules' "unchanged for N weeks". */
    readinessSince: IsoDateTime.optional(),
    /** Dates and a count from their casework (contacts, appointments, reviews): never a note. For their own adviser and admins. */
    casework: CaseworkSummary.optional(),
    /** When they were last put forward to an employer, and how many submissions are live now. */
    lastPutForwardAt: IsoDateTime.optional(),
    liveSubmissions: Count.optional(),
    /** Skills as typed that are not in the skills list: kept in `skills`, flagged here; matching cannot use them until an admin adds them. */
    skillsUnrecognised: z.array(Tag).max(50).optional(),
    ...Audit,
  })
  .meta({ id: 'Participant' });
export type Participant = z.infer<typeof Participant>;

export const ReadinessChange = z.strictObject({ readiness: Readiness, reason: Text(500) }).meta({ id: 'ReadinessChange' });
export const ReadinessHistoryEntry = z
  .object({
    from: Readiness.nullable(),
    to: Readiness,
    reason: Text(500),
    changedBy: UserId,
    changedAt: IsoDateTime,
  })
  .meta({ id: 'ReadinessHistoryEntry' });
export type ReadinessHistoryEntry = z.infer<typeof ReadinessHistoryEntry>;

/** The sensitive part: stored as its own item; only the participant's own adviser and admins read or write it. */
export const SensitiveInput = z
  .strictObject({
    health: FreeText(2000).optional(),
    disability: FreeText(2000).optional(),
    /**
     * Convictions as facts the participant agreed to record: whether any is unspent, each offence
     * category spent or unspent under the Rehabilitation of Offenders Act, the last release from custody
     * and when the licence ends. Matching applies them against employers' conditions; nobody else sees them.
     */
    convictions: z
      .strictObject({
        unspent: z.boolean(),
        unspentOffences: z.array(OffenceCategory).max(OFFENCE_CATEGORIES.length).default([]),
        spentOffences: z.array(OffenceCategory).max(OFFENCE_CATEGORIES.length).default([]),
        releasedOn: IsoDate.optional(),
        licenceEndsOn: IsoDate.optional(),
        details: FreeText(2000).optional(),
      })
      .optional(),
    substanceMisuse: FreeText(2000).optional(),
    housing: FreeText(2000).optional(),
    caring: FreeText(2000).optional(),
    language: FreeText(500).optional(),
    benefitConstraints: z
      .strictObject({
        permittedWork: z.boolean(),
        maxHoursPerWeek: Int(0, 48).optional(),
        until: IsoDate.optional(),
      })
      .optional(),
    /** Adjustments they need, in their words. */
    adjustments: z.array(Text(300)).max(20).default([]),
    /** The same needs in the shared vocabulary employers' offers use: what matching compares. */
    adjustmentTypes: z.array(Adjustment).max(20).default([]),
    workLimits: z.array(WorkDemand).max(20).default([]),
  })
  .meta({ id: 'SensitiveInput' });
export type SensitiveInput = z.infer<typeof SensitiveInput>;
export const Sensitive = SensitiveInput.extend({
  participantId: Id,
  /** The permitted-work end date the adviser has been told about (4 weeks ahead), so they are told once. */
  permittedWorkNoticeFor: IsoDate.optional(),
  /**
   * What the better-off estimate needs (household, benefits, limited capability for work): written only
   * by its own request (`PUT /participants/{id}/benefit-circumstances`), kept by a write of the rest.
   */
  benefitCircumstances: BenefitCircumstancesRecord.optional(),
  updatedAt: IsoDateTime,
  updatedBy: UserId,
  version: Version,
}).meta({ id: 'Sensitive' });
export type Sensitive = z.infer<typeof Sensitive>;

/**
 * Consent as recorded, from what the participant chose: a disclosure is shared only in their own words
 * (the text is required to share it, and kept only while shared). Errors name the fields under `at`.
 */
export function recordedConsent(
  input: z.infer<typeof Consent>,
  by: string,
  now: string,
  at = '',
): { consent: z.infer<typeof ConsentRecord> } | { errors: { path: string; message: string }[] } {
  const wantsHealth = input.shareWithEmployers.includes('healthDisclosure');
  const wantsConviction = input.shareWithEmployers.includes('convictionDisclosure');
  const errors = [
    ...(wantsHealth && !input.healthDisclosureText
      ? [{ path: `${at}healthDisclosureText`, message: "required when sharing a health disclosure: the participant's own words" }]
      : []),
    ...(wantsConviction && !input.convictionDisclosureText
      ? [{ path: `${at}convictionDisclosureText`, message: "required when sharing a conviction disclosure: the participant's own words" }]
      : []),
  ];
  if (errors.length) return { errors };
  return {
    consent: {
      matching: input.matching,
      shareWithEmployers: [...new Set(input.shareWithEmployers)],
      inWorkContact: input.inWorkContact,
      ...(input.inWorkContact && input.inWorkContactAtWork !== undefined ? { inWorkContactAtWork: input.inWorkContactAtWork } : {}),
      ...(wantsHealth ? { healthDisclosureText: input.healthDisclosureText } : {}),
      ...(wantsConviction ? { convictionDisclosureText: input.convictionDisclosureText } : {}),
      recordedAt: now,
      recordedBy: by,
    },
  };
}

/** Out of work this many days or more is long-term unemployed. */
export const LONG_TERM_UNEMPLOYED_DAYS = 365;

/**
 * Long-term unemployed on `today`: the one definition the ranking's fair exposure, the funnel's and
 * fairness report's groups and the erasure counts all use, so they agree on a boundary day.
 */
export function isLongTermUnemployed(p: Pick<Participant, 'unemployedSince'>, today: string): boolean {
  return daysBetween(p.unemployedSince, today) >= LONG_TERM_UNEMPLOYED_DAYS;
}

/**
 * Permitted work: the rules a participant on it works under. The earnings limit is the permitted work
 * higher limit (£ a week, after tax and National Insurance), set each April; docs/matching.md names the
 * source and the year of the figure.
 */
export const PERMITTED_WORK = {
  /** Hours a week when the adviser records no cap of their own ("less than 16 hours" in the rules). */
  defaultHoursCap: 16,
  /** The permitted work higher limit for 2026/27, in pence a week. */
  weeklyEarningsLimitPence: 20_350,
  /** The tax year the limit is for. */
  earningsLimitYear: '2026/27',
  /** The adviser is told this many days before a participant's permitted-work period ends. */
  noticeDays: 28,
} as const;

/** The permitted-work hour cap in force on `today`, if any: after the end date it no longer applies. */
export function permittedWorkCap(s: Pick<SensitiveInput, 'benefitConstraints'> | undefined, today?: string): number | undefined {
  const b = s?.benefitConstraints;
  if (!b?.permittedWork || (today !== undefined && b.until !== undefined && b.until < today)) return undefined;
  return b.maxHoursPerWeek ?? PERMITTED_WORK.defaultHoursCap;
}

/** The day the adviser is told that permitted work is ending, while it is still to tell; else undefined. */
export function permittedWorkNoticeDue(s: Pick<Sensitive, 'benefitConstraints' | 'permittedWorkNoticeFor'>): string | undefined {
  const b = s.benefitConstraints;
  if (!b?.permittedWork || !b.until || s.permittedWorkNoticeFor === b.until) return undefined;
  return addDays(b.until, -PERMITTED_WORK.noticeDays);
}

/**
 * Rules of a sensitive part that need today's date, for writing it (field errors, none when it is fine):
 * unspent offences need "unspent" said; a conviction is not spent while its licence runs; a licence does
 * not end before the release it follows. (Unspent with no category recorded is allowed, as before
 * categories existed: matching counts it as `other`.)
 */
export function sensitiveRules(s: SensitiveInput, today: string): { path: string; message: string }[] {
  const c = s.convictions;
  if (!c) return [];
  const errors: { path: string; message: string }[] = [];
  if (c.unspentOffences.length > 0 && !c.unspent)
    errors.push({ path: 'convictions.unspent', message: 'must be yes when an offence is recorded as unspent' });
  if (c.licenceEndsOn && c.licenceEndsOn >= today && !c.unspent)
    errors.push({ path: 'convictions.unspent', message: 'a conviction is not spent while its licence runs: say it is unspent' });
  if (c.releasedOn && c.licenceEndsOn && c.licenceEndsOn < c.releasedOn)
    errors.push({ path: 'convictions.licenceEndsOn', message: 'must not be before the release date' });
  return errors;
}

/** The minimal facts liaison officers may see about a participant's sensitive part (the hour cap in force `today`, when given). */
export function derivedFacts(s: SensitiveInput | undefined, today?: string): { adjustmentsNeeded: boolean; maxHoursPerWeek?: number } {
  if (!s) return { adjustmentsNeeded: false };
  const cap = permittedWorkCap(s, today);
  return {
    adjustmentsNeeded: s.adjustments.length > 0 || (s.adjustmentTypes ?? []).length > 0,
    ...(cap !== undefined ? { maxHoursPerWeek: cap } : {}),
  };
}

export const CaseloadTransfer = z.strictObject({ toAdviserId: UserId, reason: Text(500) }).meta({ id: 'CaseloadTransfer' });

/** What is left of an erased participant: no personal data, only what anonymous counts need. */
export const ErasureRecord = z
  .object({
    participantId: Id,
    erasedAt: IsoDateTime,
    erasedBy: UserId,
    reason: z.enum(['request', 'retention']),
    /** Coarse, non-identifying facts kept for reporting counts. */
    counts: z.object({ status: z.enum(PARTICIPANT_STATUSES), readiness: Readiness, longTermUnemployed: z.boolean() }),
  })
  .meta({ id: 'ErasureRecord' });
export type ErasureRecord = z.infer<typeof ErasureRecord>;

/**
 * A participant's preferred occupations once the action plan's ideal and transitional jobs (shared/domain/casework.ts) change from `before` to `after`: a job the
 * plan no longer names is taken out, a new one put in (once, the lists being lower case already), the
 * rest kept as they were. Undefined when that would be more than preferences hold.
 */
export function occupationsWithPlanJobs(
  occupations: readonly string[],
  before: readonly string[],
  after: readonly string[],
): string[] | undefined {
  const dropped = new Set(before.filter((j) => !after.includes(j)));
  const kept = occupations.filter((o) => !dropped.has(o));
  const next = [...kept, ...after.filter((j) => !kept.includes(j))];
  const unique = [...new Set(next)];
  return unique.length > OCCUPATIONS_MAX ? undefined : unique;
}
