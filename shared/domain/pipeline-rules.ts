import type { BankHolidayRegion } from './bank-holidays.js';

/**
 * The shortlist-to-sustainment rules in one place (docs/pipeline.md explains each).
 */
export const PIPELINE = {
  /** A vacancy never has more live submissions than this many per position ("fewer, better submissions"). */
  liveSubmissionsPerPosition: 5,
  /** Working days the adviser has to answer a proposal before it lapses. */
  agreeWithinWorkingDays: 3,
  /** Working days the employer has to decide (a vacancy may set its own); then a reminder. */
  employerResponseWorkingDays: 10,
  /** Working days after the reminder before an undecided submission expires. */
  expireAfterReminderWorkingDays: 10,
  /** The longest work trial, in calendar days from its first day to its last (six weeks: 30 working days). */
  maxTrialDays: 42,
  /** Working days the participant has to answer a job offer, unless the employer sets a date. */
  offerResponseWorkingDays: 5,
  /** The furthest an employer may set the answer to an offer, in calendar days. */
  offerResponseMaxDays: 30,
  /** Working days after the reminder before an unanswered offer lapses (declined, `no-response`). */
  offerLapseAfterReminderWorkingDays: 5,
  /**
   * Working days after which the sweeper chases what is still waiting: a work trial's result (after the
   * first request), a decision after a passed trial, and the hire after an accepted offer with no start date.
   */
  chaseAfterWorkingDays: 5,
  /** The bank holidays working-day deadlines skip: the programme's calendar (GOV.UK's rules, shared/domain/bank-holidays.ts). */
  bankHolidays: 'england-and-wales' as BankHolidayRegion,
  /** Working days an account manager has to call back an employer who posted a vacancy themselves (the 48-hour callback). */
  callbackWithinWorkingDays: 2,
  /** Most participants in one shortlist request (each needs several items in one transaction). */
  maxPerRequest: 15,
  /**
   * Most live submissions a filled or withdrawn vacancy withdraws in its own transaction: each takes at
   * most 4 items (the submission, the participant and their pool entry, the event), the vacancy's own
   * change at most 9 (a hire: its submission, participant and pool entry, placement, the vacancy and its
   * pool entry, the callback, two events), so 20 × 4 + 9 stays inside DynamoDB's 100. More than this, or
   * fewer found than the vacancy counts, and the vacancy is marked `withdrawing` for the sweeper.
   */
  withdrawInVacancyTransaction: 20,
} as const;
