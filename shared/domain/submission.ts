import { z } from 'zod';
import { endedSupport, SupportSchedule, supportDue } from './in-work-support.js';
import {
  FreeText,
  HoursRange,
  Id,
  Int,
  IsoDate,
  IsoDateTime,
  OrgId,
  Said,
  Sector,
  ShiftPattern,
  Tag,
  Text,
  UserId,
  Version,
} from './common.js';
import { addDays, addWorkingDays, daysBetween } from './dates.js';
import { SHAREABLE_FIELDS } from './participant.js';
import {
  EVIDENCE_KINDS,
  MILESTONE_KINDS,
  MILESTONE_WEEKS_MAX,
  MILESTONES_MAX,
  PROGRAMME_IDS,
  scheduledMilestones,
  type EvidenceKind,
  type OutcomeSchedule,
} from './programmes.js';
import { PIPELINE } from './pipeline-rules.js';

export const SUBMISSION_STATES = [
  'proposed',
  'submitted',
  'declined',
  'lapsed',
  'interview',
  'rejected',
  'expired',
  /** A work trial is arranged (or under way) after the interview. */
  'trial',
  'trial-passed',
  'trial-failed',
  /** The employer has offered the job; the participant's answer is due by `offer.respondBy`. */
  'offered',
  'offer-accepted',
  'offer-declined',
  'hired',
  'not-hired',
  'withdrawn',
] as const;
export const SubmissionState = z.enum(SUBMISSION_STATES);
export type SubmissionState = z.infer<typeof SubmissionState>;

/** States in which a submission still holds a place on the vacancy's shortlist. */
export const LIVE_STATES: readonly SubmissionState[] = [
  'proposed',
  'submitted',
  'interview',
  'trial',
  'trial-passed',
  'offered',
  'offer-accepted',
];
/** States in which the employer may see the candidate. */
export const EMPLOYER_VISIBLE_STATES: readonly SubmissionState[] = [
  'submitted',
  'interview',
  'rejected',
  'expired',
  'trial',
  'trial-passed',
  'trial-failed',
  'offered',
  'offer-accepted',
  'offer-declined',
  'hired',
  'not-hired',
];

/**
 * The pipeline as a state machine: the only moves a submission makes (docs/pipeline.md draws it). After
 * the interview a work trial is optional and so is the offer: a hire straight from the interview (the
 * first API's path) stays open, as does a hire after a passed trial, but once an offer is made the hire
 * waits for its acceptance. Every live state may be withdrawn; terminal states move nowhere.
 */
export const SUBMISSION_TRANSITIONS: Record<SubmissionState, readonly SubmissionState[]> = {
  proposed: ['submitted', 'declined', 'lapsed', 'withdrawn'],
  submitted: ['interview', 'rejected', 'expired', 'withdrawn'],
  interview: ['trial', 'offered', 'hired', 'not-hired', 'withdrawn'],
  trial: ['trial-passed', 'trial-failed', 'withdrawn'],
  'trial-passed': ['offered', 'hired', 'not-hired', 'withdrawn'],
  offered: ['offer-accepted', 'offer-declined', 'not-hired', 'withdrawn'],
  'offer-accepted': ['hired', 'not-hired', 'withdrawn'],
  declined: [],
  lapsed: [],
  rejected: [],
  expired: [],
  'trial-failed': [],
  'offer-declined': [],
  hired: [],
  'not-hired': [],
  withdrawn: [],
};

/** Whether a submission may move from one state to another. */
export const mayMove = (from: SubmissionState, to: SubmissionState): boolean => SUBMISSION_TRANSITIONS[from].includes(to);

/** The states a submission may reach `to` from. */
export const statesLeadingTo = (to: SubmissionState): SubmissionState[] =>
  SUBMISSION_STATES.filter((from) => SUBMISSION_TRANSITIONS[from].includes(to));

export const REJECTION_REASONS = ['skills', 'experience', 'availability', 'location', 'position-filled', 'other'] as const;
export const NOT_HIRED_REASONS = [
  'interview-performance',
  'did-not-attend',
  'offer-declined',
  /** The employer took back an offer not yet answered. */
  'offer-withdrawn',
  /** The offer was accepted but they did not start. */
  'did-not-start',
  'position-filled',
  'other',
] as const;
/** Why a work trial did not lead on: the employer's (or liaison officer's) reason, from a fixed list. */
export const TRIAL_FAIL_REASONS = ['skills', 'attendance', 'not-suited', 'left-trial', 'position-filled', 'other'] as const;
/**
 * Why an offer was turned down, as the participant gave it. `no-response` is the system's: the offer
 * lapsed unanswered (nobody may choose it). None names a health or personal fact: "their own
 * circumstances" stands for all of those.
 */
export const OFFER_DECLINE_REASONS = [
  'hours',
  'pay',
  'travel',
  'contract',
  'another-job',
  'own-circumstances',
  'no-response',
  'other',
] as const;
export const OFFER_DECLINE_CHOICES = OFFER_DECLINE_REASONS.filter((r) => r !== 'no-response') as Exclude<
  (typeof OFFER_DECLINE_REASONS)[number],
  'no-response'
>[];
/** Why Routeway itself withdrew a live submission. */
export const WITHDRAWAL_REASONS = [
  'consent-withdrawn',
  'position-filled',
  'vacancy-withdrawn',
  'participant-placed',
  'participant-erased',
] as const;
export type WithdrawalReason = (typeof WITHDRAWAL_REASONS)[number];

export const SubmissionCreate = z
  .strictObject({ participantIds: z.array(Id).min(1).max(15), note: FreeText(1000).optional() })
  .refine((x) => new Set(x.participantIds).size === x.participantIds.length, { message: 'each participant once', path: ['participantIds'] })
  .meta({ id: 'SubmissionCreate' });

export const AgreementInput = z.strictObject({ agreed: z.boolean(), note: FreeText(1000).optional() }).meta({ id: 'AgreementInput' });

export const DecisionInput = z
  .strictObject({
    decision: z.enum(['interview', 'reject']),
    reasonCode: z.enum(REJECTION_REASONS).optional(),
    note: FreeText(1000).optional(),
  })
  .superRefine((d, ctx) => {
    if (d.decision === 'reject' && !d.reasonCode)
      ctx.addIssue({ code: 'custom', path: ['reasonCode'], message: 'a rejection needs a reason code' });
    if (d.reasonCode === 'other' && !d.note)
      ctx.addIssue({ code: 'custom', path: ['note'], message: "say why when the reason is 'other'" });
  })
  .meta({ id: 'DecisionInput' });

/** A liaison officer lifts a guaranteed interview, so the employer may decide either way: the reason is audited. */
export const GuaranteeOverrideInput = z.strictObject({ reason: Text(1000) }).meta({ id: 'GuaranteeOverrideInput' });

/**
 * Why a submission is guaranteed an interview: the vacancy offers one to every candidate who meets its
 * must-haves, or the participant completed a pre-employment training cohort linked to the vacancy or
 * its employer that guarantees its completers one. `meetsMustHaves` is the check made when they were
 * put forward (every essential skill, every essential certificate valid on the start or closing date):
 * only then does the guarantee bind the employer.
 */
export const GUARANTEE_SOURCES = ['vacancy', 'cohort'] as const;
export const Guarantee = z
  .object({
    source: z.enum(GUARANTEE_SOURCES),
    cohortId: Id.optional(),
    cohortTitle: Text(200).optional(),
    meetsMustHaves: z.boolean(),
  })
  .meta({ id: 'Guarantee' });
export type Guarantee = z.infer<typeof Guarantee>;

export const InterviewInput = z
  .strictObject({ at: IsoDateTime, place: Text(300), note: FreeText(1000).optional() })
  .meta({ id: 'InterviewInput' });

export const OutcomeInput = z
  .strictObject({
    outcome: z.enum(['hired', 'not-hired', 'withdrawn']),
    startDate: IsoDate.optional(),
    reasonCode: z.enum(NOT_HIRED_REASONS).optional(),
    note: FreeText(1000).optional(),
  })
  .superRefine((o, ctx) => {
    if (o.outcome === 'hired' && !o.startDate) ctx.addIssue({ code: 'custom', path: ['startDate'], message: 'a hire needs a start date' });
    if (o.outcome !== 'hired' && o.startDate)
      ctx.addIssue({ code: 'custom', path: ['startDate'], message: 'only a hire has a start date' });
    if (o.outcome === 'not-hired' && !o.reasonCode)
      ctx.addIssue({ code: 'custom', path: ['reasonCode'], message: 'say why they were not hired' });
  })
  .meta({ id: 'OutcomeInput' });

const Note = FreeText(1000).optional();

/** A work trial after the interview: its first and last days and where (at most `PIPELINE.maxTrialDays` long). */
export const TrialInput = z
  .strictObject({ startsOn: IsoDate, endsOn: IsoDate, place: Text(300), note: Note })
  .superRefine((t, ctx) => {
    if (t.endsOn < t.startsOn) ctx.addIssue({ code: 'custom', path: ['endsOn'], message: 'must be on or after the first day' });
    else if (daysBetween(t.startsOn, t.endsOn) + 1 > PIPELINE.maxTrialDays)
      ctx.addIssue({ code: 'custom', path: ['endsOn'], message: `a work trial lasts at most ${PIPELINE.maxTrialDays} days` });
  })
  .meta({ id: 'TrialInput' });

/** How the work trial went: passed, or failed with a reason code. */
export const TrialResultInput = z
  .strictObject({ result: z.enum(['passed', 'failed']), reasonCode: z.enum(TRIAL_FAIL_REASONS).optional(), note: Note })
  .superRefine((r, ctx) => {
    if (r.result === 'failed' && !r.reasonCode)
      ctx.addIssue({ code: 'custom', path: ['reasonCode'], message: 'say why the trial did not work out' });
    if (r.result === 'passed' && r.reasonCode)
      ctx.addIssue({ code: 'custom', path: ['reasonCode'], message: 'only a trial that did not work out has a reason' });
    if (r.reasonCode === 'other' && !r.note)
      ctx.addIssue({ code: 'custom', path: ['note'], message: "say why when the reason is 'other'" });
  })
  .meta({ id: 'TrialResultInput' });

/**
 * The employer offers the job: the start date proposed, and the day the answer is due (by default
 * `PIPELINE.offerResponseWorkingDays` working days on; at most `PIPELINE.offerResponseMaxDays` days).
 */
export const OfferInput = z
  .strictObject({ startDate: IsoDate.optional(), respondBy: IsoDate.optional(), note: Note })
  .meta({ id: 'OfferInput' });

/** The participant's answer to an offer: accepted, or declined with a reason code. */
export const OfferResponseInput = z
  .strictObject({ accepted: z.boolean(), reasonCode: z.enum(OFFER_DECLINE_CHOICES).optional(), note: Note })
  .superRefine((r, ctx) => {
    if (!r.accepted && !r.reasonCode) ctx.addIssue({ code: 'custom', path: ['reasonCode'], message: 'say why the offer was turned down' });
    if (r.accepted && r.reasonCode)
      ctx.addIssue({ code: 'custom', path: ['reasonCode'], message: 'only an offer turned down has a reason' });
    if (r.reasonCode === 'other' && !r.note)
      ctx.addIssue({ code: 'custom', path: ['note'], message: "say why when the reason is 'other'" });
  })
  .meta({ id: 'OfferResponseInput' });

/** The stable, meaningless reference employers know a candidate by (`candidateRef`). */
export const CandidateRef = z
  .string()
  .max(8)
  .regex(/^C-[0-9A-HJKMNP-TV-Z]{6}$/, { message: 'must be a candidate reference' });

/** What an employer sees of a candidate: only the fields the participant consented to share, frozen at agreement. */
export const EmployerView = z
  .object({
    candidateRef: CandidateRef,
    firstName: Text(100).optional(),
    skills: z.array(Tag).max(50).optional(),
    workHistory: z
      .array(z.object({ role: Text(200), sector: Sector.optional(), from: IsoDate, to: IsoDate.optional() }))
      .max(30)
      .optional(),
    certifications: z
      .array(z.object({ name: Tag, expiresOn: IsoDate.optional() }))
      .max(30)
      .optional(),
    availability: z.object({ hoursPerWeek: HoursRange.optional(), shifts: z.array(ShiftPattern).max(7) }).optional(),
    drivingLicence: z.boolean().optional(),
    healthDisclosure: FreeText(1000).optional(),
    convictionDisclosure: FreeText(1000).optional(),
    programmeParticipation: Said(200).optional(),
    sharedFields: z.array(z.enum(SHAREABLE_FIELDS)).max(SHAREABLE_FIELDS.length),
  })
  .meta({ id: 'EmployerCandidateView' });
export type EmployerView = z.infer<typeof EmployerView>;

const Stamp = { by: UserId, at: IsoDateTime };

export const Submission = z
  .object({
    id: Id,
    orgId: OrgId,
    vacancyId: Id,
    vacancyTitle: Text(200),
    employerId: Id,
    participantId: Id,
    adviserId: UserId,
    proposedBy: UserId,
    candidateRef: CandidateRef,
    state: SubmissionState,
    /** Put forward with a guaranteed interview (from the vacancy or a linked cohort); `guarantee` says why. */
    guaranteedInterview: z.boolean(),
    guarantee: Guarantee.optional(),
    /** A liaison officer lifted the guarantee: the employer may decide either way. The reason goes at erasure. */
    guaranteeOverride: z.object({ reason: Text(1000).optional(), ...Stamp }).optional(),
    note: FreeText(1000).optional(),
    proposedAt: IsoDateTime,
    /** The adviser must answer by this date (working days), or the proposal lapses. */
    agreeBy: IsoDate,
    agreement: z.object({ agreed: z.boolean(), note: FreeText(1000).optional(), ...Stamp }).optional(),
    employerView: EmployerView.optional(),
    /** The employer should decide by this date; a reminder goes then, and it expires after a second period. */
    respondBy: IsoDate.optional(),
    expiresOn: IsoDate.optional(),
    reminderSentAt: IsoDateTime.optional(),
    decision: z
      .object({
        decision: z.enum(['interview', 'reject']),
        reasonCode: z.enum(REJECTION_REASONS).optional(),
        note: FreeText(1000).optional(),
        ...Stamp,
      })
      .optional(),
    interview: z
      .object({ at: IsoDateTime, place: Text(300), note: FreeText(1000).optional(), bookedBy: UserId, bookedAt: IsoDateTime })
      .optional(),
    outcome: z
      .object({
        outcome: z.enum(['hired', 'not-hired', 'withdrawn']),
        startDate: IsoDate.optional(),
        /** Why they were not hired, or why Routeway withdrew the submission. */
        reasonCode: z.enum([...new Set([...NOT_HIRED_REASONS, ...WITHDRAWAL_REASONS])]).optional(),
        note: FreeText(1000).optional(),
        ...Stamp,
      })
      .optional(),
    /** A work trial after the interview; `result` once it is over. Notes go at erasure. */
    trial: z
      .object({
        startsOn: IsoDate,
        endsOn: IsoDate,
        place: Text(300),
        note: FreeText(1000).optional(),
        bookedBy: UserId,
        bookedAt: IsoDateTime,
        /** The sweeper has asked for the result (the day after the trial ended). */
        reminderSentAt: IsoDateTime.optional(),
        /** Still no result `chaseAfterWorkingDays` after that: the sweeper asked again (once). */
        chasedAt: IsoDateTime.optional(),
        /** Passed, and neither an offer nor an outcome `chaseAfterWorkingDays` later: the sweeper asked for one (once). */
        decisionReminderSentAt: IsoDateTime.optional(),
        result: z
          .object({ passed: z.boolean(), reasonCode: z.enum(TRIAL_FAIL_REASONS).optional(), note: FreeText(1000).optional(), ...Stamp })
          .optional(),
      })
      .optional(),
    /**
     * The job offer: a reminder goes on `respondBy` and, still unanswered, it lapses on `lapsesOn`
     * (declined, `no-response`). `response` is the participant's answer, recorded by their adviser, the
     * employer or a liaison officer. Notes go at erasure.
     */
    offer: z
      .object({
        startDate: IsoDate.optional(),
        respondBy: IsoDate,
        lapsesOn: IsoDate,
        note: FreeText(1000).optional(),
        ...Stamp,
        reminderSentAt: IsoDateTime.optional(),
        /** Accepted, and no hire recorded by the start date: the sweeper asked for the hire or the position back (once). */
        hireReminderSentAt: IsoDateTime.optional(),
        response: z
          .object({
            accepted: z.boolean(),
            reasonCode: z.enum(OFFER_DECLINE_REASONS).optional(),
            note: FreeText(1000).optional(),
            ...Stamp,
          })
          .optional(),
      })
      .optional(),
    placementId: Id.optional(),
    /** Every change of state, oldest first: a submission moves forward only, so a handful at most. */
    history: z
      .array(
        z.object({
          from: SubmissionState.nullable(),
          to: SubmissionState,
          at: IsoDateTime,
          by: UserId,
          reason: FreeText(1000).optional(),
          /** Something recorded that is not a change of state (from and to are the same). */
          action: z.enum(['guarantee-override']).optional(),
        }),
      )
      .max(20),
    version: Version,
  })
  .meta({ id: 'Submission' });
export type Submission = z.infer<typeof Submission>;

/** The weeks a check-in may name: any milestone of a schedule (13 and 26 are on every one). */
export const Milestone = Int(1, MILESTONE_WEEKS_MAX).meta({
  description: 'Weeks in work from the start date: 13 or 26 on every placement; others as its programme’s outcome schedule sets',
});
export const CheckinInput = z
  .strictObject({
    milestone: Milestone,
    inWork: z.boolean(),
    /** What shows they are in work (one the programme accepts for this milestone). */
    evidence: z.enum(EVIDENCE_KINDS).optional(),
    note: FreeText(1000).optional(),
  })
  .meta({ id: 'CheckinInput' });

export const Checkin = z.object({
  milestone: Milestone,
  /** Absent on placements made before schedules: a check-in. */
  kind: z.enum(MILESTONE_KINDS).optional(),
  dueOn: IsoDate,
  /** Recordable from this day (absent: a week before `dueOn`). */
  opensOn: IsoDate.optional(),
  /** The evidence the programme accepts (absent: any). */
  evidence: z.array(z.enum(EVIDENCE_KINDS)).max(EVIDENCE_KINDS.length).optional(),
  /** The sweeper has announced it as due. */
  notified: z.boolean().optional(),
  /** A check-in recorded that they had left the job before this one: nothing to record, counted as reached and not sustained. */
  ended: z.boolean().optional(),
  recorded: z
    .object({ inWork: z.boolean(), evidence: z.enum(EVIDENCE_KINDS).optional(), note: FreeText(1000).optional(), ...Stamp })
    .optional(),
});
export type Checkin = z.infer<typeof Checkin>;

export const Placement = z
  .object({
    id: Id,
    orgId: OrgId,
    submissionId: Id,
    vacancyId: Id,
    vacancyTitle: Text(200),
    employerId: Id,
    participantId: Id,
    adviserId: UserId,
    startDate: IsoDate,
    /**
     * The programme its outcome schedule came from, at the hire (absent before schedules: 13 and 26 weeks). Not
     * the payment group, which is for their own adviser and admins only (the milestones themselves are for them too).
     */
    outcomeSchedule: z.object({ programme: z.enum(PROGRAMME_IDS) }).optional(),
    /** The milestones, earliest first: the 13- and 26-week check-ins, and the programme's job outcome and sustainment points. */
    checkins: z.array(Checkin).max(MILESTONES_MAX),
    /** A check-in recorded that they had left the job: the schedule (and in-work support) ended then. */
    leftJob: z.object({ milestone: Milestone, ...Stamp }).optional(),
    /** In-work support in the first weeks (docs/casework.md); absent on placements made before it existed. */
    support: SupportSchedule.optional(),
    createdAt: IsoDateTime,
    version: Version,
  })
  .meta({ id: 'Placement' });
export type Placement = z.infer<typeof Placement>;

/**
 * The placement's next deadline for the sweeper's due index: its next check-in not yet recorded or
 * announced, or the day its next support contact not yet made becomes overdue, whichever comes first.
 */
export function placementDue(p: Pick<Placement, 'checkins' | 'support'>): string | undefined {
  // An ended milestone still waits for its date: the sweeper counts it as reached then (the funnel's denominator).
  const checkin = p.checkins.find((c) => !c.recorded && !c.notified)?.dueOn;
  return [checkin, supportDue(p.support)].filter((d): d is string => !!d).sort()[0];
}

/** A notification's id: its event's id and the recipient's place in it (`01J….0`). */
export const NotificationId = z
  .string()
  .max(64)
  .regex(/^[A-Za-z0-9._:-]+$/, { message: 'must be a notification id' });

export const Notification = z
  .object({
    /** The event's id and the recipient's place in it: sortable by time, stable across redelivery. */
    id: NotificationId,
    userId: UserId,
    kind: z
      .string()
      .max(40)
      .regex(/^[a-z0-9-]+$/, { message: 'must be a notification kind' }),
    /** Composed from the record's names and titles, each bounded where it is written. */
    title: Said(1000),
    body: Said(4000),
    /** A path of this service to what it is about. */
    link: z
      .string()
      .max(200)
      .regex(/^\/[A-Za-z0-9/_-]*$/, { message: 'must be a path' })
      .optional(),
    createdAt: IsoDateTime,
    readAt: IsoDateTime.optional(),
  })
  .meta({ id: 'Notification' });
export type Notification = z.infer<typeof Notification>;

/** A stable, meaningless reference employers use for a candidate (no id, no name). */
export function candidateRef(submissionId: string): string {
  return `C-${submissionId.slice(-6)}`;
}

/** The guarantee binds the employer: guaranteed an interview, and the candidate met the must-haves when put forward. */
export function guaranteeBinds(s: Pick<Submission, 'guaranteedInterview' | 'guarantee'>): boolean {
  return s.guaranteedInterview && s.guarantee?.meetsMustHaves === true;
}

/** The employer may not reject without an interview: the guarantee binds and no liaison officer has lifted it. */
export function rejectionBarred(s: Pick<Submission, 'guaranteedInterview' | 'guarantee' | 'guaranteeOverride'>): boolean {
  return guaranteeBinds(s) && !s.guaranteeOverride;
}

/**
 * The guarantee in words (no participant identity): why this candidate is guaranteed an interview, and
 * whether it binds. The employer's view says it to the employer ("you"); the liaison officer's page
 * says it of the employer. A submission stored before guarantees were recorded says only that it has one.
 */
export function guaranteeWords(
  s: Pick<Submission, 'guaranteedInterview' | 'guarantee' | 'guaranteeOverride'>,
  audience: 'employer' | 'staff' = 'employer',
): string | undefined {
  if (!s.guaranteedInterview) return undefined;
  const g = s.guarantee;
  if (!g) return 'This candidate was put forward with a guaranteed interview.';
  const toEmployer = audience === 'employer';
  const why =
    g.source === 'vacancy'
      ? toEmployer
        ? 'you offer an interview to every candidate for this vacancy who meets its must-haves'
        : 'the vacancy offers an interview to every candidate who meets its must-haves'
      : `they completed ${g.cohortTitle ? `“${g.cohortTitle}”, ` : ''}pre-employment training that guarantees its completers an interview with ${toEmployer ? 'you' : 'this employer'}`;
  const either = toEmployer ? 'you may decide either way' : 'the employer may decide either way';
  if (!g.meetsMustHaves)
    return `This candidate would be guaranteed an interview (${why}), but when they were put forward they did not meet every must-have, so ${either}.`;
  if (s.guaranteeOverride)
    return `This candidate was guaranteed an interview (${why}), but a liaison officer has lifted the guarantee, so ${either}.`;
  return `This candidate is guaranteed an interview: ${why}, and they meet ${g.source === 'vacancy' ? 'them' : 'the must-haves'}. ${
    toEmployer
      ? 'Invite them to interview; if you cannot, ask your liaison officer.'
      : 'The employer cannot reject them without an interview unless a liaison officer lifts the guarantee, with a reason.'
  }`;
}

/** The rule a barred rejection breaks, as the API and the pages name it. */
export const GUARANTEE_RULE = 'guaranteed-interview';

/**
 * A submission moved to another state: the history records from where, when, by whom and (a code or
 * words) why. A move the state machine does not allow is a bug in the caller (use cases check the state
 * first and answer 409), so it throws rather than writing a history nobody could explain.
 */
export function transition(s: Submission, to: SubmissionState, by: string, at: string, reason?: string): Submission {
  if (!mayMove(s.state, to)) throw new Error(`A submission cannot move from ${s.state} to ${to}`);
  return { ...s, state: to, history: [...s.history, { from: s.state, to, at, by, ...(reason ? { reason } : {}) }], version: s.version + 1 };
}

/** A work trial's result is asked for the day after its last day. */
export const trialResultDueOn = (t: { endsOn: string }): string => addDays(t.endsOn, 1);

const chase = (date: string) => addWorkingDays(date, PIPELINE.chaseAfterWorkingDays, PIPELINE.bankHolidays);
/** A trial's result still not recorded this long after it was asked for: asked again. */
export const trialChaseOn = (t: { endsOn: string }): string => chase(trialResultDueOn(t));
/** A passed trial with neither an offer nor an outcome by then: the liaison officer and the employer are asked to decide. */
export const trialDecisionDueOn = (r: { at: string }): string => chase(r.at.slice(0, 10));
/**
 * An accepted offer holds a position: by its start date (or, with none, a while after the yes) the hire
 * should be recorded, or the position given back.
 */
export const hireDueOn = (o: { startDate?: string; response?: { at: string } }): string =>
  o.startDate ?? chase((o.response?.at ?? '').slice(0, 10));

/**
 * A submission's next deadline, for the sweeper's due index: the adviser's answer to a proposal, the
 * employer's decision (reminder, then expiry), the result of a work trial (asked for the day after its
 * last day), the participant's answer to an offer (reminder, then it lapses). None once it is met.
 */
export function submissionDue(s: Submission): string | undefined {
  if (s.state === 'proposed') return s.agreeBy;
  if (s.state === 'submitted') return s.reminderSentAt ? s.expiresOn : s.respondBy;
  if (s.state === 'trial' && s.trial && !s.trial.reminderSentAt) return trialResultDueOn(s.trial);
  if (s.state === 'trial' && s.trial && !s.trial.chasedAt) return trialChaseOn(s.trial);
  if (s.state === 'trial-passed' && s.trial?.result && !s.trial.decisionReminderSentAt) return trialDecisionDueOn(s.trial.result);
  if (s.state === 'offered' && s.offer) return s.offer.reminderSentAt ? s.offer.lapsesOn : s.offer.respondBy;
  if (s.state === 'offer-accepted' && s.offer?.response && !s.offer.hireReminderSentAt) return hireDueOn(s.offer);
  return undefined;
}

/** A placement's milestones from a start date on an outcome schedule. */
export function milestonesFrom(startDate: string, s: OutcomeSchedule): Checkin[] {
  return scheduledMilestones(s).map(({ milestone, kind }) => {
    const dueOn = addDays(startDate, milestone * 7);
    // Only what differs from the defaults is stored: a week's window, any evidence.
    return {
      milestone,
      kind,
      dueOn,
      ...(s.recordFromDaysBefore === 7 ? {} : { opensOn: addDays(dueOn, -s.recordFromDaysBefore) }),
      ...(s.evidence.length === EVIDENCE_KINDS.length ? {} : { evidence: [...s.evidence] }),
    };
  });
}

/** The day a milestone can be recorded from. */
export const checkinOpensOn = (c: Pick<Checkin, 'dueOn' | 'opensOn'>): string => c.opensOn ?? addDays(c.dueOn, -7);

/**
 * A check-in recorded: its record, and if it says they are no longer in work, every later milestone not
 * recorded is ended (nothing left to record; the sweeper still counts each as reached on its date, not
 * sustained) and so is the in-work support (no more contacts due, no employer aftercare prompts left).
 */
export function withCheckinRecorded(
  p: Placement,
  record: { milestone: number; inWork: boolean; evidence?: EvidenceKind | undefined; note?: string | undefined },
  by: string,
  at: string,
): Placement {
  const { milestone, inWork, evidence, note } = record;
  const left = !inWork;
  return {
    ...p,
    checkins: p.checkins.map((x) =>
      x.milestone === milestone
        ? { ...x, recorded: { inWork, ...(evidence ? { evidence } : {}), ...(note ? { note } : {}), by, at } }
        : left && x.milestone > milestone && !x.recorded
          ? { ...x, ended: true }
          : x,
    ),
    ...(left ? { leftJob: { milestone, by, at }, ...(p.support ? { support: endedSupport(p.support, at) } : {}) } : {}),
    version: p.version + 1,
  };
}
