import { beforeEach, describe, expect, it } from 'vitest';
import { REFERRAL_SOURCES } from '../../../shared/domain/participant.js';
import { referralSourceReport, referralSourceRows, suppressSmall, toCsv } from '../../../shared/use-cases/reports.js';
import { propose, recordAgreement, recordDecision, recordOutcome } from '../../../shared/use-cases/submissions.js';
import { fakeDeps, type FakeDeps } from '../../support/fakes/fake-deps.js';
import { admin, adviserOf, deliverAll, failureOf, liaison, scenario } from '../../support/fakes/scenario.js';

/** Referrals and hires by referral source, with small numbers held back: shared/use-cases/reports.ts. */
let deps: FakeDeps;
let w: ReturnType<typeof scenario>;

beforeEach(() => {
  deps = fakeDeps({ now: '2026-11-25T10:00:00Z' });
  w = scenario(deps);
});

describe('small-number suppression', () => {
  it('holds back counts of 1 to 4, and the next smallest of a column where only one is held back; zeros stay', () => {
    const rows = [
      { a: 3, b: 0, c: 1 },
      { a: 7, b: 5, c: 2 },
      { a: 12, b: 0, c: 9 },
    ];
    expect(suppressSmall(rows, ['a', 'b', 'c'])).toEqual([
      { counts: { a: null, b: 0, c: null }, suppressed: ['a', 'c'] },
      { counts: { a: null, b: 5, c: null }, suppressed: ['a', 'c'] },
      { counts: { a: 12, b: 0, c: 9 }, suppressed: [] },
    ]);
  });
});

describe('referrals and hires by referral source', () => {
  /** Put forward, agreed and invited; hired when `hire`. */
  async function through(vacancyId: string, referralSource: string | undefined, hire: boolean) {
    const p = await w.participant(referralSource ? { referralSource } : {});
    const [s] = await propose(deps, liaison, vacancyId, { participantIds: [p.id] });
    await recordAgreement(deps, adviserOf(p), s!.id, { agreed: true });
    await recordDecision(deps, liaison, s!.id, { decision: 'interview' });
    if (hire) await recordOutcome(deps, liaison, s!.id, { outcome: 'hired', startDate: '2026-12-07' });
  }

  it('counts by hand: every source listed, small counts held back in JSON and CSV, for admins only', async () => {
    // Prepare, by hand, all in November: 6 from Jobcentre Plus (3 hired), 2 from prison (1 hired),
    // 5 who came themselves (none hired), 1 with no source recorded (not hired).
    const { vacancy } = await w.openVacancy({ positions: 10 });
    for (const hire of [true, true, true, false, false, false]) await through(vacancy.id, 'jobcentre-plus', hire);
    for (const hire of [true, false]) await through(vacancy.id, 'prison-service', hire);
    for (let i = 0; i < 5; i++) await through(vacancy.id, 'self-referral', false);
    await through(vacancy.id, undefined, false);
    await deliverAll(deps);
    // Act
    const r = await referralSourceReport(deps, admin, { from: '2026-11', to: '2026-11' });
    // Assess: put forward 6, 2, 5, 1: the 2 and the 1 held back, so no secondary; hires 3 and 1 both held back.
    expect(r.sources.map((g) => g.source)).toEqual([...REFERRAL_SOURCES, 'none']);
    const row = (s: string) => r.sources.find((g) => g.source === s)!;
    expect(row('jobcentre-plus')).toMatchObject({ proposed: 6, submitted: 6, interviews: 6, hires: null, suppressed: ['hires'] });
    expect(row('prison-service')).toMatchObject({ proposed: null, interviews: null, hires: null });
    expect(row('self-referral')).toMatchObject({ proposed: 5, interviews: 5, hires: 0, suppressed: [] });
    expect(row('none')).toMatchObject({ proposed: null, hires: 0 });
    expect(row('probation-service')).toMatchObject({ proposed: 0, hires: 0, suppressed: [] });
    expect(row('jobcentre-plus').ratios.interviewsPerHire).toBeNull();
    expect(row('self-referral').ratios.submissionsPerInterview).toBe(1);
    const csv = toCsv(referralSourceRows(r));
    expect(csv.split('\n')[0]).toBe(
      'source,proposed,submitted,interviews,hires,reached13,sustained13,reached26,sustained26,submissionsPerInterview,interviewsPerHire,sustained13Rate,sustained26Rate',
    );
    expect(csv).toContain('\njobcentre-plus,6,6,6,<5,0,0,0,0,1,,,\n');
    expect(csv).toContain('\nprison-service,<5,<5,<5,<5,0,0,0,0,,,,\n');
    expect((await failureOf(referralSourceReport(deps, liaison, { from: '2026-11', to: '2026-11' }))).status).toBe(403);
  });
});
