import { describe, expect, it } from 'vitest';
import { PAYMENT_GROUPS } from '../../shared/domain/participant.js';
import {
  CONTRACT_CHECKIN_WEEKS,
  DEFAULT_REVIEW_RULES,
  MILESTONE_WEEKS_MAX,
  MILESTONES_MAX,
  outcomeScheduleOf,
  PROGRAMMES,
  reviewRulesOf,
  scheduledMilestones,
} from '../../shared/domain/programmes.js';

/** The programmes' configuration (shared/domain/programmes.ts): every schedule it can give is one a placement can hold. */
describe('programmes as configuration', () => {
  it('names only real payment groups, and every schedule keeps the 13- and 26-week check-ins within the limits', () => {
    for (const p of Object.values(PROGRAMMES)) {
      expect(Object.keys(p.outcomesByPaymentGroup).filter((g) => !(PAYMENT_GROUPS as readonly string[]).includes(g))).toEqual([]);
      for (const s of [p.outcomes, ...Object.values(p.outcomesByPaymentGroup)]) {
        const weeks = scheduledMilestones(s).map((m) => m.milestone);
        expect(weeks).toEqual(expect.arrayContaining([...CONTRACT_CHECKIN_WEEKS]));
        expect(weeks.length).toBeLessThanOrEqual(MILESTONES_MAX);
        expect(Math.max(...weeks)).toBeLessThanOrEqual(MILESTONE_WEEKS_MAX);
        expect(scheduledMilestones(s).filter((m) => m.kind === 'job-outcome')).toHaveLength(1);
        expect(s.evidence.length).toBeGreaterThan(0);
      }
    }
  });

  it('falls back to the default programme, and to the programme’s own schedule for a group it does not list', () => {
    expect(reviewRulesOf(undefined)).toEqual(DEFAULT_REVIEW_RULES);
    expect(DEFAULT_REVIEW_RULES).toEqual({ noContactDays: 14, firstReviewWeeks: 12, reviewEveryWeeks: 4, readinessUnchangedWeeks: 12 });
    expect(scheduledMilestones(outcomeScheduleOf(undefined, 'jsa-18-24'))).toEqual([
      { milestone: 13, kind: 'job-outcome' },
      { milestone: 26, kind: 'check-in' },
    ]);
    expect(outcomeScheduleOf('work-programme', undefined)).toBe(PROGRAMMES['work-programme'].outcomes);
  });
});
