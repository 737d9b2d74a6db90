/*
 * The programmes Routeway runs, as configuration: for each, the outcome schedule a placement gets (by
 * payment group) and the review rules that put a participant on their adviser's "needs a review" list.
 * One place for every figure, each with its source (seed numbers as in shared/seeds/README.md) or marked
 * as our assumption. A participant's programme is on their profile (`programme`); without one they are on
 * `standard`, whose figures are those Routeway used before programmes were configurable.
 *
 * This module imports no other domain module (participant.ts and casework.ts import it), so the payment
 * groups are keyed by name here; tests/unit/programmes.test.ts checks each is one of PAYMENT_GROUPS.
 */

export const PROGRAMME_IDS = ['standard', 'work-programme', 'employment-zones'] as const;
export type ProgrammeId = (typeof PROGRAMME_IDS)[number];
export const DEFAULT_PROGRAMME: ProgrammeId = 'standard';

/** What shows that someone is still in work at a milestone. */
export const EVIDENCE_KINDS = ['participant', 'employer', 'payslip'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];
export const EVIDENCE_LABELS: Record<EvidenceKind, string> = {
  participant: 'They told us',
  employer: 'The employer confirmed it',
  payslip: 'We saw a payslip',
};

/**
 * A milestone's kind: the programme's job outcome, a sustainment point after it, or one of the 13- and
 * 26-week check-ins every placement has (the API's contract: a hire creates both, whatever the programme).
 */
export const MILESTONE_KINDS = ['check-in', 'job-outcome', 'sustainment'] as const;
export type MilestoneKind = (typeof MILESTONE_KINDS)[number];

/** The weeks every placement is checked at (API contract: `POST /placements/{id}/checkins` with 13 or 26 keeps working). */
export const CONTRACT_CHECKIN_WEEKS = [13, 26] as const;

/** The longest schedule, in milestones: the two check-ins, the job outcome and up to 26 sustainment points. */
export const MILESTONES_MAX = 30;
/** The latest milestone any schedule may set, in weeks from the start (three years: past any programme's two). */
export const MILESTONE_WEEKS_MAX = 156;

export interface OutcomeSchedule {
  /** Weeks in work from the start date to the job outcome. */
  jobOutcomeWeeks: number;
  /** Then a sustainment point every this many weeks ... */
  sustainmentEveryWeeks: number;
  /** ... this many times (0: none). */
  sustainments: number;
  /** A milestone can be recorded from this many days before its date (overdue the day after it). */
  recordFromDaysBefore: number;
  /** The evidence the programme accepts that someone is in work (the first is the page's suggestion). */
  evidence: readonly EvidenceKind[];
}

export interface ReviewRules {
  /** No contact that reached them in this many days. */
  noContactDays: number;
  /** The first review of the action plan this many weeks after they joined ... */
  firstReviewWeeks: number;
  /** ... then every this many weeks after the last. */
  reviewEveryWeeks: number;
  /** Amber or red unchanged since the last judgement or review for this many weeks. */
  readinessUnchangedWeeks: number;
}

export interface Programme {
  name: string;
  /** Where its figures come from, in a sentence. */
  source: string;
  reviewRules: ReviewRules;
  /** The schedule for a payment group not listed (or none recorded). */
  outcomes: OutcomeSchedule;
  outcomesByPaymentGroup: Readonly<Record<string, OutcomeSchedule>>;
}

/**
 * The review rules Routeway has always had (docs/casework.md):
 * - `noContactDays` 14: "at a minimum, to have fortnightly contact with all participants on their
 *   caseloads" (Work Programme 003, §7.2.1).
 * - `firstReviewWeeks` 12: "most clients who enter work do so within 10-12 weeks"; those who go beyond
 *   "have their action plan reviewed to take a different tack" (Employment Zones 000, §2.3.8).
 * - `reviewEveryWeeks` 4: "review and update plans fortnightly or monthly" (003, §8.1.4): the monthly end.
 * - `readinessUnchangedWeeks` 12: as long as the first review waits (our assumption, on 000 §2.3.8).
 */
export const DEFAULT_REVIEW_RULES: ReviewRules = Object.freeze({
  noContactDays: 14,
  firstReviewWeeks: 12,
  reviewEveryWeeks: 4,
  readinessUnchangedWeeks: 12,
});

const ANY_EVIDENCE: readonly EvidenceKind[] = EVIDENCE_KINDS;

/** 13 and 26 weeks, nothing after: what every placement had before schedules were configurable. */
const CHECKINS_ONLY: OutcomeSchedule = Object.freeze({
  jobOutcomeWeeks: 13,
  sustainmentEveryWeeks: 4,
  sustainments: 0,
  recordFromDaysBefore: 7,
  evidence: ANY_EVIDENCE,
});

/**
 * Work Programme (003, §1.1.1): "a 'job outcome' payment will be triggered after a participant has been
 * in work for a number of weeks (13 to 26 weeks, depending on the target group)"; "further 'sustainment'
 * payments are payable (on a regular four-weekly basis, subject to a variable cap on the number of
 * payments) after a trigger point when the participant has been in work for a longer period (17 to 30
 * weeks...)": the job outcome plus four weeks. Which groups wait 26 weeks (the JSA groups) and 13 (the
 * harder to help: ex-IB, ESA, IB/IS), and each cap, are our assumption pending the contract's own table:
 * the report gives only the range and "a variable cap"; both caps end within the two years a participant
 * stays on the programme (003, §1.1.2). Sustainment is evidenced by the employer or a payslip.
 */
const WP_JSA: OutcomeSchedule = Object.freeze({
  jobOutcomeWeeks: 26,
  sustainmentEveryWeeks: 4,
  sustainments: 13,
  recordFromDaysBefore: 7,
  evidence: ['employer', 'payslip'] as const,
});
const WP_HARDER_TO_HELP: OutcomeSchedule = Object.freeze({ ...WP_JSA, jobOutcomeWeeks: 13, sustainments: 20 });

export const PROGRAMMES: Readonly<Record<ProgrammeId, Programme>> = Object.freeze({
  standard: {
    name: 'Routeway standard',
    source: 'Routeway’s defaults: check-ins at 13 and 26 weeks; review rules as docs/casework.md sets out.',
    reviewRules: DEFAULT_REVIEW_RULES,
    outcomes: CHECKINS_ONLY,
    outcomesByPaymentGroup: {},
  },
  'work-programme': {
    name: 'Work Programme',
    source: 'Work Programme evaluation (003): job outcome at 13 or 26 weeks by payment group, then sustainment every 4 weeks (§1.1.1).',
    reviewRules: DEFAULT_REVIEW_RULES,
    outcomes: WP_JSA,
    outcomesByPaymentGroup: {
      'jsa-18-24': WP_JSA,
      'jsa-25-plus': WP_JSA,
      'jsa-early-access': WP_JSA,
      'jsa-ex-ib': WP_HARDER_TO_HELP,
      'esa-volunteer': WP_HARDER_TO_HELP,
      'new-esa-claimant': WP_HARDER_TO_HELP,
      'esa-ex-ib': WP_HARDER_TO_HELP,
      'ib-is-volunteer': WP_HARDER_TO_HELP,
      'uc-intensive': WP_JSA,
    },
  },
  /**
   * Employment Zones (000): the outcome payment at 13 weeks in work (DOMAIN.md, [EZ 1.4]), checked again
   * at 26. Its plans are reviewed at the start of the "10-12 weeks" (000, §2.3.8), and amber or red
   * unchanged as long (our assumption, as for the default).
   */
  'employment-zones': {
    name: 'Employment Zones',
    source: 'Employment Zones evaluation (000): outcome at 13 weeks in work; plans reviewed after 10 weeks (§2.3.8).',
    reviewRules: Object.freeze({ ...DEFAULT_REVIEW_RULES, firstReviewWeeks: 10, readinessUnchangedWeeks: 10 }),
    outcomes: CHECKINS_ONLY,
    outcomesByPaymentGroup: {},
  },
});

const programme = (id: string | undefined): Programme => PROGRAMMES[(id ?? DEFAULT_PROGRAMME) as ProgrammeId] ?? PROGRAMMES.standard;

/** The programme's name as a page says it. */
export const programmeName = (id: string | undefined): string => programme(id).name;

/** The review rules of a participant's programme (the default programme's without one). */
export const reviewRulesOf = (id: string | undefined): ReviewRules => programme(id).reviewRules;

/** The outcome schedule of a programme for a payment group. */
export const outcomeScheduleOf = (id: string | undefined, paymentGroup: string | undefined): OutcomeSchedule =>
  (paymentGroup ? programme(id).outcomesByPaymentGroup[paymentGroup] : undefined) ?? programme(id).outcomes;

export interface ScheduledMilestone {
  milestone: number;
  kind: MilestoneKind;
}

/**
 * The milestones of a schedule, in weeks, earliest first: the job outcome, its sustainment points, and
 * the 13- and 26-week check-ins whatever else falls (one of them may be the job outcome itself).
 */
export function scheduledMilestones(s: OutcomeSchedule): ScheduledMilestone[] {
  const sustainment = Array.from({ length: s.sustainments }, (_, i) => s.jobOutcomeWeeks + (i + 1) * s.sustainmentEveryWeeks);
  const weeks = [...new Set([...CONTRACT_CHECKIN_WEEKS, s.jobOutcomeWeeks, ...sustainment])]
    .filter((w) => w <= MILESTONE_WEEKS_MAX)
    .sort((a, b) => a - b)
    .slice(0, MILESTONES_MAX);
  return weeks.map((milestone) => ({
    milestone,
    kind: milestone === s.jobOutcomeWeeks ? 'job-outcome' : sustainment.includes(milestone) ? 'sustainment' : 'check-in',
  }));
}
