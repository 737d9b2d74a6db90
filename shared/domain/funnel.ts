import type { OutboxEvent } from './events.js';

/**
 * The funnel from a vacancy opened to 26 weeks in work: the one definition of its stages, which event
 * counts towards which, the month each count falls in, and the groups each count is split by (for
 * creaming and parking).
 */
export const FUNNEL_COUNTERS = [
  'vacanciesOpened',
  /** Vacancies employers posted themselves, each a 48-hour callback for the account manager; made; made on time. */
  'callbacksDue',
  'callbacksMade',
  'callbacksOnTime',
  'proposed',
  'submitted',
  'interviews',
  'hires',
  /** Placements whose 13- (26-) week date has come: the denominator of the sustainment rate. */
  'reached13',
  'sustained13',
  'reached26',
  'sustained26',
  /**
   * Placements whose programme's job outcome (13 or 26 weeks by payment group, shared/domain/programmes.ts)
   * has come, and of those in work then; then each sustainment point after it that has come, and in work.
   * A placement made before outcome schedules has no job outcome or sustainment points to count.
   */
  'reachedOutcome',
  'sustainedOutcome',
  'reachedSustainment',
  'sustainedSustainment',
] as const;
export type FunnelCounter = (typeof FUNNEL_COUNTERS)[number];

export type FunnelCounts = Record<FunnelCounter, number> & { employersEngaged?: number };

export const emptyFunnel = (): FunnelCounts => ({
  vacanciesOpened: 0,
  callbacksDue: 0,
  callbacksMade: 0,
  callbacksOnTime: 0,
  proposed: 0,
  submitted: 0,
  interviews: 0,
  hires: 0,
  reached13: 0,
  sustained13: 0,
  reached26: 0,
  sustained26: 0,
  reachedOutcome: 0,
  sustainedOutcome: 0,
  reachedSustainment: 0,
  sustainedSustainment: 0,
});

/**
 * The event each stage is counted from. A callback is due when an employer posts a vacancy itself
 * (`vacancy.drafted` or `vacancy.published` saying when it is due). A milestone is reached when the sweeper announces the check-in
 * as due, or when it is recorded before that (from a week early); it is sustained when recorded in work.
 */
export const FUNNEL_EVENTS: Record<FunnelCounter, OutboxEvent['type']> = {
  vacanciesOpened: 'vacancy.published',
  callbacksDue: 'vacancy.drafted',
  callbacksMade: 'vacancy.callback-made',
  callbacksOnTime: 'vacancy.callback-made',
  proposed: 'submission.proposed',
  submitted: 'submission.submitted',
  interviews: 'submission.invited',
  hires: 'submission.hired',
  reached13: 'placement.checkin-due',
  sustained13: 'placement.checkin-recorded',
  reached26: 'placement.checkin-due',
  sustained26: 'placement.checkin-recorded',
  reachedOutcome: 'placement.checkin-due',
  sustainedOutcome: 'placement.checkin-recorded',
  reachedSustainment: 'placement.checkin-due',
  sustainedSustainment: 'placement.checkin-recorded',
};

/**
 * Groups a count is split by, from the event's group labels: the participant's (long-term unemployed,
 * readiness, adviser, payment group, referral source) and the liaison officer who put them forward. Each event also
 * counts for its employer (`employer#id`: repeat business).
 */
export const FUNNEL_GROUPS = ['ltu', 'readiness', 'adviser', 'payment', 'source', 'officer'] as const;

/** One counter to add to: in each group, in `month` (YYYY-MM; the event's own month when absent). */
export interface FunnelCount {
  counter: FunnelCounter;
  groups: string[];
  month?: string;
}

/**
 * The counters an event adds to (none, one or two) and the groups it counts in (`all` and each labelled
 * group). Everything counts in the month it happened, but a milestone, which counts in the month its date
 * fell in whenever the check-in was announced or recorded, and a callback made, which counts in the month
 * the vacancy was posted: so what was sustained (made) in a month is always a part of what reached the
 * milestone (fell due) in it, and a rate never passes 100%.
 */
export function funnelCountsFor(e: OutboxEvent): FunnelCount[] {
  const d = e.detail ?? {};
  const groups = [
    'all',
    ...FUNNEL_GROUPS.filter((g) => typeof d[g] === 'string').map((g) => `${g}#${String(d[g])}`),
    ...(e.employerId ? [`employer#${e.employerId}`] : []),
  ];
  if (e.type === 'placement.checkin-due' || e.type === 'placement.checkin-recorded') {
    const month = typeof d.dueOn === 'string' ? { month: d.dueOn.slice(0, 7) } : {};
    // Announced as due (ended ones too: they left the job, so reached and not sustained). Recorded: reached
    // too unless the sweeper had announced it already. Never counted before its date has come or it is recorded.
    const reached = e.type === 'placement.checkin-due' || d.reached === true;
    const sustained = e.type === 'placement.checkin-recorded' && d.inWork === true;
    const pairs: [reached: FunnelCounter, sustained: FunnelCounter][] = [
      ...(d.milestone === 13 ? [['reached13', 'sustained13'] as [FunnelCounter, FunnelCounter]] : []),
      ...(d.milestone === 26 ? [['reached26', 'sustained26'] as [FunnelCounter, FunnelCounter]] : []),
      ...(d.kind === 'job-outcome' ? [['reachedOutcome', 'sustainedOutcome'] as [FunnelCounter, FunnelCounter]] : []),
      ...(d.kind === 'sustainment' ? [['reachedSustainment', 'sustainedSustainment'] as [FunnelCounter, FunnelCounter]] : []),
    ];
    const counters = pairs.flatMap(([r, k]) => [...(reached ? [r] : []), ...(sustained ? [k] : [])]);
    return counters.map((counter) => ({ counter, groups, ...month }));
  }
  if (e.type === 'vacancy.drafted' || e.type === 'vacancy.published') {
    return [
      ...(e.type === 'vacancy.published' ? [{ counter: 'vacanciesOpened' as const, groups }] : []),
      ...(typeof d.callbackDue === 'string' ? [{ counter: 'callbacksDue' as const, groups }] : []),
    ];
  }
  if (e.type === 'vacancy.callback-made') {
    // In the month the vacancy was posted, as its callback was counted due.
    const month = typeof d.openedOn === 'string' ? { month: d.openedOn.slice(0, 7) } : {};
    const counters: FunnelCounter[] = ['callbacksMade', ...(d.onTime === true ? ['callbacksOnTime' as const] : [])];
    return counters.map((counter) => ({ counter, groups, ...month }));
  }
  const counter = FUNNEL_COUNTERS.find((c) => FUNNEL_EVENTS[c] === e.type);
  return counter ? [{ counter, groups }] : [];
}
