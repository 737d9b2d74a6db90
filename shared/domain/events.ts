import { z } from 'zod';

/**
 * Outbox events: written in the same transaction as the change they announce; the table stream carries
 * them to the notifier, which turns them into notifications, emails and funnel counts exactly once.
 * They carry ids and codes only; texts are composed at delivery from what each recipient may see.
 */
export const EVENT_TYPES = [
  'submission.proposed',
  'submission.submitted',
  'submission.declined',
  'submission.lapsed',
  'submission.invited',
  'submission.rejected',
  'submission.reminder',
  'submission.expired',
  'submission.interview-booked',
  'submission.trial-scheduled',
  'submission.trial-passed',
  'submission.trial-failed',
  'submission.trial-result-due',
  /** A trial's result still not recorded after the first request: asked again (once). */
  'submission.trial-result-overdue',
  /** A passed trial with neither an offer nor an outcome: the liaison officer and the employer are asked to decide. */
  'submission.decision-due',
  /** An accepted offer whose start date has come with no hire recorded: record it or give the position back. */
  'submission.hire-due',
  'submission.offered',
  'submission.offer-reminder',
  'submission.offer-accepted',
  'submission.offer-declined',
  'submission.hired',
  'submission.not-hired',
  'submission.withdrawn',
  'submission.guarantee-overridden',
  'placement.checkin-recorded',
  'placement.checkin-due',
  /** In-work support contacts have become overdue (docs/casework.md): detail `day`, `dueOn` of the earliest, `late` how many. */
  'placement.support-overdue',
  'vacancy.published',
  'vacancy.drafted',
  /** An open vacancy whose requirements changed (what matching reads of it): advisers may hear of new matches. */
  'vacancy.requirements-changed',
  /** A vacancy's status changed to closed, filled (by a hire or marked so) or withdrawn: its account manager and the employer hear. */
  'vacancy.closed',
  'vacancy.filled',
  'vacancy.withdrawn',
  'vacancy.callback-due',
  'vacancy.callback-made',
  'employer.follow-up-due',
  'participant.permitted-work-ending',
  'casework.contact-logged',
  'casework.appointment-reminder',
  /** A review falls due for a participant (their programme's review rules): detail `dueOn` and the `reasons` broken by then (comma-separated). */
  'casework.review-due',
  /** A caseload transfer: detail `fromAdviserId`, `toAdviserId` (staff user ids). */
  'participant.transferred',
  /** A participant withdrawn from a cohort: detail `cohortId`. */
  'enrolment.withdrawn',
  /** An admin handed a leaver's participants or employer accounts to this member of staff (`staffId`). */
  'staff.work-handed-over',
  /** The day's notifications a member of staff (`staffId`) asked to have in one email: counts by kind in `detail`. */
  'staff.digest',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const OutboxEvent = z.object({
  id: z.string(),
  orgId: z.string(),
  type: z.enum(EVENT_TYPES),
  at: z.string(),
  actorSub: z.string(),
  submissionId: z.string().optional(),
  placementId: z.string().optional(),
  vacancyId: z.string().optional(),
  employerId: z.string().optional(),
  participantId: z.string().optional(),
  /** Events about a member of staff themselves (work handed to them, their daily email): who. */
  staffId: z.string().optional(),
  /** Codes and small facts (reason codes, milestones, group labels for counting); never personal data. */
  detail: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
});
export type OutboxEvent = z.infer<typeof OutboxEvent>;
