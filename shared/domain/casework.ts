import { z } from 'zod';
import { Count, FreeText, Id, Int, IsoDate, IsoDateTime, Tag, Text, UserId, Version } from './common.js';
import { addDays } from './dates.js';
import { reviewRulesOf, type ReviewRules } from './programmes.js';

/**
 * Casework with a participant: each contact an adviser has with them (a planned appointment or not,
 * attended or not, by which channel, with a note), and the appointments planned ahead. The note and an
 * appointment's purpose are personal data: only the participant's own adviser and admins read them, each
 * read and write is audited, and they are exported and erased with the participant (docs/privacy.md).
 */

export const CONTACT_CHANNELS = ['in-person', 'phone', 'video', 'email', 'text-message', 'letter'] as const;
export const ContactChannel = z.enum(CONTACT_CHANNELS);
export type ContactChannel = z.infer<typeof ContactChannel>;

/** A channel as an option, and as a sentence says it ("by phone"): pages and notification texts alike. */
export const CHANNEL_LABELS: Record<ContactChannel, [option: string, words: string]> = {
  'in-person': ['In person', 'in person'],
  phone: ['Phone', 'by phone'],
  video: ['Video call', 'by video call'],
  email: ['Email', 'by email'],
  'text-message': ['Text message', 'by text message'],
  letter: ['Letter', 'by letter'],
};

/** A channel as a sentence says it, for a value read back from an event (anything unknown as it is). */
export const channelWords = (channel: string): string =>
  Object.hasOwn(CHANNEL_LABELS, channel) ? CHANNEL_LABELS[channel as ContactChannel][1] : channel;

/** How far ahead of the server's clock a contact may be said to have happened (a device clock a little fast). */
export const CONTACT_CLOCK_SKEW_MS = 5 * 60_000;

export const ContactInput = z
  .strictObject({
    occurredAt: IsoDateTime,
    channel: ContactChannel,
    /** A planned appointment (true), or contact made some other way: a call, a message, a drop-in (false). */
    appointment: z.boolean(),
    /** An appointment: whether they came. Any other contact: whether it reached them. */
    attended: z.boolean(),
    /** The planned appointment this records: it is then no longer waiting for an outcome. */
    appointmentId: Id.optional(),
    /** Their plan was reviewed at this contact (it must have reached them): the review rules start again. */
    review: z.boolean().optional(),
    /** The job whose in-work support schedule this contact counts towards, with `supportDay`. */
    placementId: Id.optional(),
    /** The planned in-work support contact it is (days after their first day of work, as the schedule lists). */
    supportDay: Int(1, 400).optional(),
    note: FreeText(2000).optional(),
  })
  .superRefine((c, ctx) => {
    if ((c.placementId === undefined) !== (c.supportDay === undefined))
      ctx.addIssue({
        code: 'custom',
        path: [c.placementId === undefined ? 'placementId' : 'supportDay'],
        message: 'an in-work support contact names both the job (placementId) and the contact (supportDay)',
      });
    if (c.appointmentId && !c.appointment)
      ctx.addIssue({ code: 'custom', path: ['appointment'], message: 'a contact that records a planned appointment is an appointment' });
    if (c.review && !c.attended)
      ctx.addIssue({ code: 'custom', path: ['review'], message: 'a review needs them there: one that did not reach them reviews nothing' });
  })
  .meta({ id: 'ContactInput' });
export type ContactInput = z.infer<typeof ContactInput>;

export const CaseContact = z
  .object({
    id: Id,
    participantId: Id,
    occurredAt: IsoDateTime,
    channel: ContactChannel,
    appointment: z.boolean(),
    attended: z.boolean(),
    appointmentId: Id.optional(),
    review: z.boolean().optional(),
    /** The in-work support contact it was, if any. */
    placementId: Id.optional(),
    supportDay: Int(1, 400).optional(),
    /** The adviser's words: personal data (own adviser and admins; gone at erasure). */
    note: FreeText(2000).optional(),
    recordedBy: UserId,
    recordedAt: IsoDateTime,
  })
  .meta({ id: 'CaseContact' });
export type CaseContact = z.infer<typeof CaseContact>;

export const AppointmentInput = z
  .strictObject({
    at: IsoDateTime,
    channel: ContactChannel,
    /** What it is for, in the adviser's words ("Review the action plan"): personal data, like a note. */
    purpose: Text(300),
  })
  .meta({ id: 'AppointmentInput' });
export type AppointmentInput = z.infer<typeof AppointmentInput>;

export const APPOINTMENT_STATUSES = ['planned', 'recorded', 'cancelled'] as const;

export const Appointment = z
  .object({
    id: Id,
    participantId: Id,
    /** The adviser it was planned with: the one reminded. */
    adviserId: UserId,
    at: IsoDateTime,
    channel: ContactChannel,
    purpose: Text(300),
    status: z.enum(APPOINTMENT_STATUSES),
    /** The day the adviser is reminded (the day before); absent when it was planned less than a day ahead. */
    remindOn: IsoDate.optional(),
    remindedAt: IsoDateTime.optional(),
    /** The contact that recorded it. */
    contactId: Id.optional(),
    cancelledAt: IsoDateTime.optional(),
    cancelledBy: UserId.optional(),
    createdAt: IsoDateTime,
    createdBy: UserId,
    version: Version,
  })
  .meta({ id: 'Appointment' });
export type Appointment = z.infer<typeof Appointment>;

/**
 * What the participant record keeps of their casework, for the caseload and the review rules: dates and a
 * count, never a note.
 */
export const CaseworkSummary = z
  .object({
    /** The last contact that reached them (an appointment they came to, or a call that got through). */
    lastContactAt: IsoDateTime.optional(),
    /** The last contact tried, whether or not it reached them. */
    lastAttemptAt: IsoDateTime.optional(),
    contactsLogged: Count.optional(),
    /** The last contact at which their plan was reviewed (it resets the review rules' clocks). */
    lastReviewAt: IsoDateTime.optional(),
    /** The earliest planned appointment not yet recorded or cancelled (it may have passed: then it is to record). */
    nextAppointmentAt: IsoDateTime.optional(),
    /** The latest review due date their adviser has been reminded of (by the sweeper): each due date once. */
    reviewRemindedFor: IsoDate.optional(),
  })
  .meta({ id: 'CaseworkSummary' });
export type CaseworkSummary = z.infer<typeof CaseworkSummary>;

/** The field errors of a contact as logged `now` (ISO), none when it is fine. */
export function contactRules(input: Pick<ContactInput, 'occurredAt'>, now: string): { path: string; message: string }[] {
  return Date.parse(input.occurredAt) > Date.parse(now) + CONTACT_CLOCK_SKEW_MS
    ? [{ path: 'occurredAt', message: 'must not be in the future: log a contact once it has happened, or plan an appointment' }]
    : [];
}

/** The field errors of an appointment planned `now`, none when it is fine. */
export function appointmentRules(input: Pick<AppointmentInput, 'at'>, now: string): { path: string; message: string }[] {
  return Date.parse(input.at) <= Date.parse(now) ? [{ path: 'at', message: 'must be in the future' }] : [];
}

/** The day the adviser is reminded of an appointment (the day before it), unless that day has already come. */
export function appointmentReminderOn(at: string, today: string): string | undefined {
  const day = addDays(at.slice(0, 10), -1);
  return day > today ? day : undefined;
}

const later = (a: string | undefined, b: string) => (a && a > b ? a : b);

/** The summary after a contact is logged. */
export function summaryAfterContact(
  s: CaseworkSummary | undefined,
  c: Pick<CaseContact, 'occurredAt' | 'attended' | 'review'>,
): CaseworkSummary {
  return {
    ...s,
    lastAttemptAt: later(s?.lastAttemptAt, c.occurredAt),
    ...(c.attended ? { lastContactAt: later(s?.lastContactAt, c.occurredAt) } : {}),
    ...(c.attended && c.review ? { lastReviewAt: later(s?.lastReviewAt, c.occurredAt) } : {}),
    contactsLogged: (s?.contactsLogged ?? 0) + 1,
  };
}

/** The summary with its next appointment taken from the appointments as they now stand. */
export function withNextAppointment(s: CaseworkSummary | undefined, appointments: readonly Appointment[]): CaseworkSummary {
  const next = appointments
    .filter((a) => a.status === 'planned')
    .map((a) => a.at)
    .sort()[0];
  const { nextAppointmentAt: _n, ...rest } = s ?? {};
  return { ...rest, ...(next ? { nextAppointmentAt: next } : {}) };
}

/** The day an appointment waits on the due index for its reminder: planned, with a reminder day, not yet reminded. */
export function appointmentReminderDue(a: Pick<Appointment, 'status' | 'remindOn' | 'remindedAt'>): string | undefined {
  return a.status === 'planned' && a.remindOn && !a.remindedAt ? a.remindOn : undefined;
}

/* Reviews: who is being left alone ------------------------------------------------------------- */

/**
 * The rules that put a participant on their adviser's "needs a review" list are their programme's
 * (`reviewRulesOf`, shared/domain/programmes.ts: each figure with its source; the default programme's are
 * `DEFAULT_REVIEW_RULES`, as Routeway has always had them).
 */
export type { ReviewRules };

export const REVIEW_REASONS = ['no-contact', 'review-due', 'readiness-unchanged'] as const;
export type ReviewReason = (typeof REVIEW_REASONS)[number];

/** Why someone needs a review, in words, with their programme's figures: the caseload and the reminder say it so. */
export function reviewReasonLabel(reason: ReviewReason, rules: ReviewRules): string {
  switch (reason) {
    case 'no-contact':
      return `No contact that reached them in ${rules.noContactDays} days`;
    case 'review-due':
      return `Action plan not reviewed (first at ${rules.firstReviewWeeks} weeks, then every ${rules.reviewEveryWeeks})`;
    case 'readiness-unchanged':
      return `Amber or red for ${rules.readinessUnchangedWeeks} weeks without a review`;
  }
}

/** What the review rules read of a participant. */
type Reviewable = {
  status: string;
  /** Their programme: its review rules apply (the default programme's without one). */
  programme?: string | undefined;
  readiness: string;
  createdAt: string;
  readinessSince?: string | undefined;
  casework?: CaseworkSummary | undefined;
};

/**
 * The day each rule falls due for a participant still looking for work (active; placed and exited
 * people are not on the list): no contact that reached them since the last one (or since they joined),
 * no review of their plan, amber or red unchanged.
 */
export function reviewDueDates(p: Reviewable, rules: ReviewRules = reviewRulesOf(p.programme)): { reason: ReviewReason; dueOn: string }[] {
  if (p.status !== 'active') return [];
  const day = (iso: string) => iso.slice(0, 10);
  const s = p.casework;
  const out: { reason: ReviewReason; dueOn: string }[] = [
    { reason: 'no-contact', dueOn: addDays(day(s?.lastContactAt ?? p.createdAt), rules.noContactDays) },
    {
      reason: 'review-due',
      dueOn: s?.lastReviewAt
        ? addDays(day(s.lastReviewAt), rules.reviewEveryWeeks * 7)
        : addDays(day(p.createdAt), rules.firstReviewWeeks * 7),
    },
  ];
  if (p.readiness !== 'green') {
    const since = [p.readinessSince ?? p.createdAt, s?.lastReviewAt]
      .filter((x): x is string => !!x)
      .sort()
      .at(-1)!;
    out.push({ reason: 'readiness-unchanged', dueOn: addDays(day(since), rules.readinessUnchangedWeeks * 7) });
  }
  return out;
}

/** The rules a participant has broken by `today`, each with the day it fell due (earliest first). */
export function reviewReasons(p: Reviewable, today: string, rules: ReviewRules = reviewRulesOf(p.programme)) {
  return reviewDueDates(p, rules)
    .filter((r) => r.dueOn <= today)
    .sort((a, b) => a.dueOn.localeCompare(b.dueOn));
}

/**
 * The day the sweeper reminds their adviser that a review falls due: the earliest due date of any rule
 * (their programme's review rules) after the last one reminded, so each due date is reminded once and a contact that
 * moves the dates on brings a reminder again when the new date comes. None for someone not looking for
 * work. The participant's record is on the due index on this day (its only deadline the rules set).
 */
export function reviewReminderDue(p: Reviewable, rules: ReviewRules = reviewRulesOf(p.programme)): string | undefined {
  const after = p.casework?.reviewRemindedFor;
  return reviewDueDates(p, rules)
    .map((r) => r.dueOn)
    .filter((d) => !after || d > after)
    .sort()[0];
}

/* Action plans ---------------------------------------------------------------------------------- */

/**
 * The plan an adviser agrees with the participant: steps, who takes each, by when, and whether it is
 * done (Employment Zones 000 §3.1.35; Work Programme 003 §8.1), reviewed at the reviews above (a
 * contact with `review: true`). A step's words are personal data, like a contact's note.
 */
export const PLAN_STEP_OWNERS = ['participant', 'adviser', 'together'] as const;
export const PlanStepOwner = z.enum(PLAN_STEP_OWNERS);
export type PlanStepOwner = z.infer<typeof PlanStepOwner>;

/** Who takes a step, as a page says it. */
export const PLAN_STEP_OWNER_LABELS: Record<PlanStepOwner, string> = {
  participant: 'The participant',
  adviser: 'Their adviser',
  together: 'Both, together',
};

/** Most steps one plan holds: a plan to work from, not a diary. */
export const PLAN_STEPS_MAX = 40;

/**
 * What stands between a participant and work, as the reports list them: a fixed list, so a manager can
 * count which barriers plans address and a plan says the same thing in every office. The sources:
 * skills and experience, caring, health, housing and debt (Work Programme 003 §13, "Addressing individual
 * barriers to work"); transport, confidence and motivation, the value of work against benefits (Employment
 * Zones 000 §3.1.15); drugs, alcohol and mental health, the benefit trap (000 §14); literacy, numeracy and
 * English (000 §2.2, "ESOL, literacy and numeracy"); clothes and travel for work (003 §13.1, note 62);
 * a criminal record (Joint Pilots 002); job search and applications (003 Table 2.1).
 */
export const BARRIERS = [
  'skills-qualifications',
  'work-experience',
  'basic-skills',
  'job-search',
  'confidence-motivation',
  'transport',
  'caring',
  'health',
  'mental-health',
  'substance-misuse',
  'housing',
  'debt',
  'better-off-on-benefits',
  'criminal-record',
  'clothes-equipment',
] as const;
export const Barrier = z.enum(BARRIERS).meta({ description: 'A barrier to work, from the fixed list the reports name' });
export type Barrier = z.infer<typeof Barrier>;

/** Each barrier as a page lists it. */
export const BARRIER_LABELS: Record<Barrier, string> = {
  'skills-qualifications': 'Skills or qualifications for the work they want',
  'work-experience': 'Little or no recent work experience',
  'basic-skills': 'Reading, writing, numbers or English',
  'job-search': 'Job search, applications and interviews',
  'confidence-motivation': 'Confidence or motivation',
  transport: 'Getting to work: transport or its cost',
  caring: 'Caring responsibilities or childcare',
  health: 'A health condition or disability',
  'mental-health': 'Mental health',
  'substance-misuse': 'Drugs or alcohol',
  housing: 'Housing',
  debt: 'Debt or money problems',
  'better-off-on-benefits': 'Worried about being worse off in work',
  'criminal-record': 'A criminal record',
  'clothes-equipment': 'Clothes, tools or equipment for work',
};

export const PlanStepInput = z
  .strictObject({
    /** What will be done, in the words agreed ("Finish the forklift course"). */
    action: Text(300),
    who: PlanStepOwner,
    byDate: IsoDate,
    /** The goal it works towards (one of the plan's). */
    goalId: Id.optional(),
    /** The barrier it addresses (one from the list). */
    barrier: Barrier.optional(),
  })
  .meta({ id: 'PlanStepInput' });
export type PlanStepInput = z.infer<typeof PlanStepInput>;

export const PlanStepChange = z.strictObject({ done: z.boolean() }).meta({ id: 'PlanStepChange' });
export type PlanStepChange = z.infer<typeof PlanStepChange>;

export const PlanStep = z
  .object({
    id: Id,
    action: Text(300),
    who: PlanStepOwner,
    byDate: IsoDate,
    goalId: Id.optional(),
    barrier: Barrier.optional(),
    done: z.boolean(),
    addedAt: IsoDateTime,
    addedBy: UserId,
    /** The last change to whether it is done: who and when (each change is in the audit trail too). */
    doneChangedAt: IsoDateTime.optional(),
    doneChangedBy: UserId.optional(),
  })
  .meta({ id: 'PlanStep' });
export type PlanStep = z.infer<typeof PlanStep>;

/** Most goals one plan holds. */
export const PLAN_GOALS_MAX = 10;

export const PlanGoalInput = z
  .strictObject({
    /** What they are working towards, in the words agreed ("A warehouse job with regular hours"). */
    goal: Text(300),
    /** When they hope to reach it (today or later), if a date was agreed. */
    byDate: IsoDate.optional(),
  })
  .meta({ id: 'PlanGoalInput' });
export type PlanGoalInput = z.infer<typeof PlanGoalInput>;

export const PlanGoalChange = z.strictObject({ achieved: z.boolean() }).meta({ id: 'PlanGoalChange' });
export type PlanGoalChange = z.infer<typeof PlanGoalChange>;

export const PlanGoal = z
  .object({
    id: Id,
    goal: Text(300),
    byDate: IsoDate.optional(),
    achieved: z.boolean(),
    addedAt: IsoDateTime,
    addedBy: UserId,
    achievedChangedAt: IsoDateTime.optional(),
    achievedChangedBy: UserId.optional(),
  })
  .meta({ id: 'PlanGoal' });
export type PlanGoal = z.infer<typeof PlanGoal>;

/** The barriers the plan addresses: the whole list as it now stands (it replaces the last). */
export const PlanBarriersInput = z.strictObject({ barriers: z.array(Barrier).max(BARRIERS.length) }).meta({ id: 'PlanBarriersInput' });
export type PlanBarriersInput = z.infer<typeof PlanBarriersInput>;

/** Most ideal and transitional jobs a plan names: a direction, not a search. */
export const PLAN_IDEAL_JOBS_MAX = 3;
export const PLAN_TRANSITIONAL_JOBS_MAX = 5;

/**
 * The jobs the plan aims at (Employment Zones 000 §3.1.35): the "ideal" job they aspire to and the
 * "transitional" jobs "on the route to getting the ideal job". Each is an occupation, in the words
 * matching compares with a vacancy's title; both feed the participant's preferred occupations.
 */
export const PlanJobsInput = z
  .strictObject({
    idealJobs: z.array(Tag).max(PLAN_IDEAL_JOBS_MAX),
    transitionalJobs: z.array(Tag).max(PLAN_TRANSITIONAL_JOBS_MAX),
  })
  .meta({ id: 'PlanJobsInput' });
export type PlanJobsInput = z.infer<typeof PlanJobsInput>;

export const PLAN_CHANGES = [
  'step-added',
  'step-done',
  'step-not-done',
  'goal-added',
  'goal-achieved',
  'goal-not-achieved',
  'barriers-changed',
  'jobs-changed',
] as const;
export type PlanChangeKind = (typeof PLAN_CHANGES)[number];

/** One change to the plan: who, when, what (the goal or step, or the barriers or jobs as they became). */
export const PlanHistoryEntry = z
  .object({
    at: IsoDateTime,
    by: UserId,
    change: z.enum(PLAN_CHANGES),
    /** The goal or step changed. */
    itemId: Id.optional(),
    barriers: z.array(Barrier).max(BARRIERS.length).optional(),
    idealJobs: z.array(Tag).max(PLAN_IDEAL_JOBS_MAX).optional(),
    transitionalJobs: z.array(Tag).max(PLAN_TRANSITIONAL_JOBS_MAX).optional(),
  })
  .meta({ id: 'PlanHistoryEntry' });
export type PlanHistoryEntry = z.infer<typeof PlanHistoryEntry>;

/**
 * Most changes the plan itself keeps (latest last). About two years of weekly changes; an older one
 * drops off the plan's history but stays in the participant's audit trail, which records every write.
 */
export const PLAN_HISTORY_MAX = 400;

export const ActionPlan = z
  .object({
    participantId: Id,
    goals: z.array(PlanGoal).max(PLAN_GOALS_MAX).default([]),
    steps: z.array(PlanStep).max(PLAN_STEPS_MAX),
    barriers: z.array(Barrier).max(BARRIERS.length).default([]),
    idealJobs: z.array(Tag).max(PLAN_IDEAL_JOBS_MAX).default([]),
    transitionalJobs: z.array(Tag).max(PLAN_TRANSITIONAL_JOBS_MAX).default([]),
    /** Each change with who and when, oldest first (a plan stored before this had none: it starts empty). */
    history: z.array(PlanHistoryEntry).max(PLAN_HISTORY_MAX).default([]),
    updatedAt: IsoDateTime,
    updatedBy: UserId,
    version: Version,
  })
  .meta({ id: 'ActionPlan' });
export type ActionPlan = z.infer<typeof ActionPlan>;

/** The field errors of a step added `today` to `plan`, none when it is fine. */
export function planStepRules(
  input: Pick<PlanStepInput, 'byDate' | 'goalId'>,
  today: string,
  plan?: Pick<ActionPlan, 'goals'>,
): { path: string; message: string }[] {
  return [
    ...(input.byDate < today ? [{ path: 'byDate', message: 'must be today or later' }] : []),
    ...(input.goalId && !(plan?.goals ?? []).some((g) => g.id === input.goalId)
      ? [{ path: 'goalId', message: 'must be one of the plan’s goals' }]
      : []),
  ];
}

/** The field errors of a goal added `today`, none when it is fine. */
export function planGoalRules(input: Pick<PlanGoalInput, 'byDate'>, today: string): { path: string; message: string }[] {
  return input.byDate !== undefined && input.byDate < today ? [{ path: 'byDate', message: 'must be today or later' }] : [];
}

/** The plan's history with one more change (the oldest dropped beyond PLAN_HISTORY_MAX). */
export const withChange = (history: readonly PlanHistoryEntry[], entry: PlanHistoryEntry): PlanHistoryEntry[] =>
  [...history, entry].slice(-PLAN_HISTORY_MAX);

/** The plan's jobs, ideal first, each once. */
export const planJobs = (p: Pick<ActionPlan, 'idealJobs' | 'transitionalJobs'> | undefined): string[] => [
  ...new Set([...(p?.idealJobs ?? []), ...(p?.transitionalJobs ?? [])]),
];

/** Steps not done whose date has passed by `today`: what a review goes through first. */
export const overdueSteps = (plan: Pick<ActionPlan, 'steps'> | undefined, today: string) =>
  (plan?.steps ?? []).filter((s) => !s.done && s.byDate < today);

/** The plan as read: no stamps before its first step; when it was last reviewed (the contact record's). */
export const ActionPlanView = ActionPlan.partial({ updatedAt: true, updatedBy: true, version: true })
  .extend({ lastReviewAt: IsoDateTime.optional() })
  .meta({ id: 'ActionPlanView' });
export type ActionPlanView = z.infer<typeof ActionPlanView>;
