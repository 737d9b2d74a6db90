import type { OutboxEvent } from './events.js';

/**
 * The funnel from a vacancy opened to 26 weeks in work: the one definition of its stages, which event
 * counts towards which, and the groups each count is split by (for creaming and parking).
 */
export const FUNNEL_COUNTERS = ['vacanciesOpened', 'proposed', 'submitted', 'interviews', 'hires', 'sustained13', 'sustained26'] as const;
export type FunnelCounter = (typeof FUNNEL_COUNTERS)[number];

export type FunnelCounts = Record<FunnelCounter, number> & { employersEngaged?: number };

export const emptyFunnel = (): FunnelCounts => ({
  vacanciesOpened: 0,
  proposed: 0,
  submitted: 0,
  interviews: 0,
  hires: 0,
  sustained13: 0,
  sustained26: 0,
});

/** The event each stage is counted from (sustainment: a check-in that found them in work). */
export const FUNNEL_EVENTS: Record<FunnelCounter, OutboxEvent['type']> = {
  vacanciesOpened: 'vacancy.published',
  proposed: 'submission.proposed',
  submitted: 'submission.submitted',
  interviews: 'submission.invited',
  hires: 'submission.hired',
  sustained13: 'placement.checkin-recorded',
  sustained26: 'placement.checkin-recorded',
};

/** Participant groups a count is split by, from the event's group labels. */
export const FUNNEL_GROUPS = ['ltu', 'readiness', 'adviser'] as const;

/** The counter an event adds to, if any, and the groups it counts in (`all` and each labelled group). */
export function funnelCountFor(e: OutboxEvent): { counter: FunnelCounter; groups: string[] } | undefined {
  const counter: FunnelCounter | undefined =
    e.type === 'placement.checkin-recorded'
      ? e.detail?.inWork === true
        ? e.detail.milestone === 13
          ? 'sustained13'
          : 'sustained26'
        : undefined
      : FUNNEL_COUNTERS.find((c) => FUNNEL_EVENTS[c] === e.type);
  if (!counter) return undefined;
  const d = e.detail ?? {};
  return { counter, groups: ['all', ...FUNNEL_GROUPS.filter((g) => typeof d[g] === 'string').map((g) => `${g}#${String(d[g])}`)] };
}
