import { beforeEach, describe, expect, it } from 'vitest';
import { funnelCountsFor } from '../../../shared/domain/funnel.js';
import { BusinessRuleError, ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../../shared/errors.js';
import { chooseSupport } from '../../../shared/use-cases/in-work-support.js';
import { updateParticipant } from '../../../shared/use-cases/participants.js';
import { getPlacement, openCheckins, recordCheckin } from '../../../shared/use-cases/placements.js';
import { funnelReport } from '../../../shared/use-cases/reports.js';
import { sweepDue } from '../../../shared/use-cases/sweep.js';
import { fakeDeps, type FakeDeps } from '../../support/fakes/fake-deps.js';
import { admin, adviser, deliverAll, employerUser, failureOf, liaison, otherAdviser, scenario, ORG } from '../../support/fakes/scenario.js';

/** Sustainment check-ins: shared/use-cases/placements.ts. A hire starting Mon 2026-12-07 has them due 2027-03-08 and 2027-06-07. */
let deps: FakeDeps;
let w: ReturnType<typeof scenario>;

beforeEach(() => {
  deps = fakeDeps({ now: '2026-11-25T10:00:00Z' });
  w = scenario(deps);
});

async function placed() {
  const { vacancy } = await w.openVacancy({ positions: 1 });
  const p = await w.participant();
  const { placement } = await w.hired(vacancy.id, p, '2026-12-07');
  return { p, placement: placement!, vacancy };
}

describe('recording a check-in', () => {
  it('is refused more than a week before it falls due (422, naming the milestone), and writes nothing', async () => {
    // Prepare
    const { placement } = await placed();
    deps.clock.set('2027-02-28T23:00:00Z');
    const before = deps.snapshot();
    // Act
    const err = await failureOf(recordCheckin(deps, adviser, placement.id, { milestone: 13, inWork: true }));
    // Assess
    expect(err).toBeInstanceOf(BusinessRuleError);
    expect(err.errors).toEqual([{ path: 'milestone', message: 'not due until 8 March 2027' }]);
    expect(deps.snapshot()).toBe(before);
  });

  it('is recorded from a week before: in work or not, with a note, who and when; the funnel hears with group labels', async () => {
    // Prepare
    const { p, placement } = await placed();
    deps.clock.set('2027-03-01T09:00:00Z');
    // Act
    const out = await recordCheckin(deps, adviser, placement.id, { milestone: 13, inWork: true, note: 'Doing well on nights' });
    // Assess
    expect(out.checkins).toEqual([
      {
        milestone: 13,
        kind: 'job-outcome',
        dueOn: '2027-03-08',
        recorded: { inWork: true, note: 'Doing well on nights', by: 'u-adviser-1', at: '2027-03-01T09:00:00.000Z' },
        state: 'recorded',
      },
      { milestone: 26, kind: 'check-in', dueOn: '2027-06-07', state: 'upcoming' },
    ]);
    expect(await deps.repos.placements.get(ORG, placement.id)).toMatchObject({
      version: placement.version + 1,
      checkins: [{ recorded: { inWork: true } }, {}],
    });
    expect(deps.events.at(-1)).toMatchObject({
      type: 'placement.checkin-recorded',
      placementId: placement.id,
      participantId: p.id,
      detail: { milestone: 13, kind: 'job-outcome', inWork: true, readiness: 'green', adviser: 'u-adviser-1', ltu: 'yes' },
    });
  });

  it('is recorded once: a second time is 409', async () => {
    // Prepare
    const { placement } = await placed();
    deps.clock.set('2027-03-08T09:00:00Z');
    await recordCheckin(deps, adviser, placement.id, { milestone: 13, inWork: false });
    const before = deps.snapshot();
    // Act
    const err = await failureOf(recordCheckin(deps, adviser, placement.id, { milestone: 13, inWork: true }));
    // Assess
    expect(err).toBeInstanceOf(ConflictError);
    expect(err.message).toBe('The 13-week check-in is already recorded');
    expect(deps.snapshot()).toBe(before);
  });

  it('is for the participant’s own adviser (another adviser 404), liaison officers and admins; not employers (403)', async () => {
    // Prepare
    const { placement, vacancy } = await placed();
    deps.clock.set('2027-06-07T09:00:00Z');
    // Act
    const other = await failureOf(recordCheckin(deps, otherAdviser, placement.id, { milestone: 13, inWork: true }));
    const employer = await failureOf(recordCheckin(deps, employerUser(vacancy.employerId), placement.id, { milestone: 13, inWork: true }));
    const byLiaison = await recordCheckin(deps, liaison, placement.id, { milestone: 13, inWork: true });
    const byAdmin = await recordCheckin(deps, admin, placement.id, { milestone: 26, inWork: true });
    // Assess
    expect(other).toBeInstanceOf(NotFoundError);
    expect(employer).toBeInstanceOf(ForbiddenError);
    expect(byLiaison.checkins[0]!.recorded!.by).toBe('u-liaison-1');
    expect(byAdmin.checkins[1]!.recorded!.by).toBe('u-admin-1');
  });
});

describe('check-in states', () => {
  it('are upcoming, due on the day, overdue after it, recorded once recorded', async () => {
    // Prepare
    const { placement } = await placed();
    const states = async () => (await getPlacement(deps, adviser, placement.id)).checkins.map((c) => c.state);
    // Act, Assess
    deps.clock.set('2027-03-07T12:00:00Z');
    expect(await states()).toEqual(['upcoming', 'upcoming']);
    deps.clock.set('2027-03-08T12:00:00Z');
    expect(await states()).toEqual(['due', 'upcoming']);
    deps.clock.set('2027-03-09T12:00:00Z');
    expect(await states()).toEqual(['overdue', 'upcoming']);
    await recordCheckin(deps, adviser, placement.id, { milestone: 13, inWork: true });
    expect(await states()).toEqual(['recorded', 'upcoming']);
  });

  it('lists as open the check-ins recordable now for the caller’s own placed participants, most overdue first', async () => {
    // Prepare
    const { p, placement } = await placed();
    const mine = (await deps.repos.participants.get(ORG, p.id))!;
    deps.clock.set('2027-06-02T12:00:00Z');
    // Act
    const open = await openCheckins(deps, adviser, [mine]);
    const othersView = await openCheckins(deps, otherAdviser, [mine]);
    // Assess
    expect(open.map((c) => [c.placement.id, c.milestone, c.state])).toEqual([
      [placement.id, 13, 'overdue'],
      [placement.id, 26, 'upcoming'],
    ]);
    expect(othersView).toEqual([]);
  });
});

describe('outcome schedules by programme and payment group (shared/domain/programmes.ts)', () => {
  /** A hire starting Mon 2026-12-07 for a participant on `programme` in `paymentGroup`. */
  async function placedOn(programme: string, paymentGroup: string) {
    const { vacancy } = await w.openVacancy({ positions: 1 });
    const p = await w.participant({ programme, paymentGroup });
    const { placement } = await w.hired(vacancy.id, p, '2026-12-07');
    return { p, placement: placement! };
  }

  it('gives a Work Programme JSA 18–24 hire its job outcome at 26 weeks, then 13 sustainment points every 4 weeks; 13 weeks stays a check-in', async () => {
    // Act
    const { placement } = await placedOn('work-programme', 'jsa-18-24');
    // Assess: by hand, 26 + 4k for k = 1..13 is 30, 34, ..., 78; the 13-week check-in is kept (the API's contract).
    expect(placement.outcomeSchedule).toEqual({ programme: 'work-programme' });
    expect(placement.checkins.map((c) => [c.milestone, c.kind])).toEqual([
      [13, 'check-in'],
      [26, 'job-outcome'],
      ...[30, 34, 38, 42, 46, 50, 54, 58, 62, 66, 70, 74, 78].map((m) => [m, 'sustainment']),
    ]);
    // 26 weeks after Mon 7 December 2026 is Mon 7 June 2027; its window opens a week before; employer or payslip only.
    expect(placement.checkins[1]).toEqual({
      milestone: 26,
      kind: 'job-outcome',
      dueOn: '2027-06-07',
      evidence: ['employer', 'payslip'],
    });
  });

  it('gives an ESA ex-IB hire its job outcome at 13 weeks and 20 points after it (17 to 93 weeks), with 26 a check-in', async () => {
    // Act
    const { placement } = await placedOn('work-programme', 'esa-ex-ib');
    // Assess
    const weeks = placement.checkins.map((c) => c.milestone);
    expect(weeks.slice(0, 5)).toEqual([13, 17, 21, 25, 26]);
    expect(weeks.at(-1)).toBe(93);
    expect(placement.checkins.filter((c) => c.kind === 'sustainment')).toHaveLength(20);
    expect(placement.checkins.find((c) => c.milestone === 26)!.kind).toBe('check-in');
  });

  it('keeps 13- and 26-week requests working on any schedule; refuses a milestone not on it and evidence the programme does not take (400)', async () => {
    // Prepare
    const { placement } = await placedOn('work-programme', 'jsa-25-plus');
    deps.clock.set('2027-06-07T09:00:00Z');
    const before = deps.snapshot();
    // Act
    const offSchedule = await failureOf(recordCheckin(deps, adviser, placement.id, { milestone: 17, inWork: true }));
    const saidSo = await failureOf(recordCheckin(deps, adviser, placement.id, { milestone: 26, inWork: true, evidence: 'participant' }));
    const unchanged = deps.snapshot();
    const thirteen = await recordCheckin(deps, adviser, placement.id, { milestone: 13, inWork: true });
    const outcome = await recordCheckin(deps, adviser, placement.id, { milestone: 26, inWork: true, evidence: 'payslip' });
    // Assess
    expect(offSchedule).toBeInstanceOf(ValidationError);
    expect(offSchedule.errors).toEqual([{ path: 'milestone', message: expect.stringContaining('weeks 13, 26, 30') }]);
    expect(saidSo).toBeInstanceOf(ValidationError);
    expect(saidSo.errors).toEqual([{ path: 'evidence', message: expect.stringContaining('the employer confirmed it') }]);
    expect(unchanged).toBe(before);
    expect(thirteen.checkins[0]!.state).toBe('recorded');
    expect(outcome.checkins[1]).toMatchObject({ state: 'recorded', recorded: { inWork: true, evidence: 'payslip' } });
    expect(deps.events.at(-1)!.detail).toMatchObject({ milestone: 26, kind: 'job-outcome', inWork: true });
  });

  it('shows a liaison officer the 13- and 26-week check-ins only, which follow no payment group, and lets them record only those', async () => {
    // Prepare
    const { placement } = await placedOn('work-programme', 'esa-ex-ib');
    deps.clock.set('2027-04-05T09:00:00Z');
    // Act
    const seen = await getPlacement(deps, liaison, placement.id);
    const other = await failureOf(recordCheckin(deps, liaison, placement.id, { milestone: 17, inWork: true }));
    // Assess
    expect(seen.checkins.map((c) => Object.keys(c).sort())).toEqual([
      ['dueOn', 'milestone', 'state'],
      ['dueOn', 'milestone', 'state'],
    ]);
    expect(other).toBeInstanceOf(ValidationError);
    expect(other.errors).toEqual([{ path: 'milestone', message: expect.stringContaining('(weeks 13, 26)') }]);
  });

  it('does not tell a liaison officer at which later check-in someone left (it would say their payment group)', async () => {
    // Prepare: ESA ex-IB, in work at 13 weeks, left by 17 (a milestone only health-related groups have).
    const { placement } = await placedOn('work-programme', 'esa-ex-ib');
    deps.clock.set('2027-03-08T09:00:00Z');
    await recordCheckin(deps, adviser, placement.id, { milestone: 13, inWork: true });
    deps.clock.set('2027-04-05T09:00:00Z');
    await recordCheckin(deps, adviser, placement.id, { milestone: 17, inWork: false });
    // Act
    const own = await getPlacement(deps, adviser, placement.id);
    const seen = await getPlacement(deps, liaison, placement.id);
    // Assess: the adviser sees where; the liaison officer only that the 26-week check-in ended.
    expect(own.leftJob?.milestone).toBe(17);
    expect(seen.leftJob).toBeUndefined();
    expect(JSON.stringify(seen)).not.toContain('"milestone":17');
    expect(seen.checkins.map((c) => [c.milestone, c.state])).toEqual([
      [13, 'recorded'],
      [26, 'ended'],
    ]);
  });

  it('ends when a check-in records they left the job: later milestones ended (409), in-work support ended, nobody chased', async () => {
    // Prepare: ESA ex-IB from Mon 7 December 2026, so 13 weeks is Mon 8 March 2027, 17 weeks Mon 5 April.
    const { p, placement } = await placedOn('work-programme', 'esa-ex-ib');
    deps.clock.set('2027-03-08T09:00:00Z');
    // Act
    const left = await recordCheckin(deps, adviser, placement.id, { milestone: 13, inWork: false, note: 'Left after a month' });
    // Assess: every later milestone is ended; the support schedule too, keeping what was made or tried.
    expect(left.leftJob).toEqual({ milestone: 13, by: 'u-adviser-1', at: '2027-03-08T09:00:00.000Z' });
    expect(left.checkins.slice(1).every((c) => c.state === 'ended')).toBe(true);
    expect(left.support).toMatchObject({ status: 'ended', endedAt: '2027-03-08T09:00:00.000Z', contacts: [], aftercare: [] });
    const later = await failureOf(recordCheckin(deps, adviser, placement.id, { milestone: 17, inWork: true }));
    expect(later).toBeInstanceOf(ConflictError);
    const chosen = await failureOf(chooseSupport(deps, adviser, placement.id, { template: 'at-risk' }));
    expect(chosen).toBeInstanceOf(ConflictError);
    deps.clock.set('2027-04-05T09:00:00Z');
    expect(await openCheckins(deps, adviser, [(await deps.repos.participants.get(ORG, p.id))!])).toEqual([]);
    // The sweeper still counts the 17-week point as reached on its date (not sustained), and tells nobody.
    const n = deps.events.length;
    await sweepDue(deps);
    const due = deps.events.slice(n).filter((e) => e.type === 'placement.checkin-due');
    expect(due.map((e) => e.detail)).toEqual([expect.objectContaining({ milestone: 17, kind: 'sustainment', ended: true })]);
    expect(due.flatMap(funnelCountsFor).map((c) => [c.counter, c.month])).toEqual([['reachedSustainment', '2027-04']]);
    expect(deps.events.slice(n).map((e) => e.type)).not.toContain('placement.support-overdue');
    await deliverAll(deps);
    expect([...deps.repos.tables.notifications.values()].map((x) => x.notification.kind)).not.toContain('checkin-due');
  });
});

describe('leaving the job', () => {
  it('puts them back on the programme (active, matchable again); an edit cannot while a job runs, and can once none does', async () => {
    // Prepare: placed from Mon 7 December 2026; an edit back to active is refused while the job runs.
    const { p, placement } = await placed();
    deps.clock.set('2027-03-08T09:00:00Z');
    expect((await deps.repos.participants.get(ORG, p.id))!.status).toBe('placed');
    expect(await failureOf(updateParticipant(deps, adviser, p.id, { status: 'active' }))).toBeInstanceOf(ConflictError);
    // Act: the 13-week check-in says they left.
    await recordCheckin(deps, adviser, placement.id, { milestone: 13, inWork: false, note: 'Left after a month' });
    // Assess: active again, by the one who recorded it.
    const back = (await deps.repos.participants.get(ORG, p.id))!;
    expect(back).toMatchObject({ status: 'active', updatedBy: 'u-adviser-1' });
    // Were that second write lost, the adviser's edit takes them back: no placement of theirs still runs.
    await deps.repos.participants.update(back, { ...back, status: 'placed', version: back.version + 1 });
    const edited = await updateParticipant(deps, adviser, p.id, { status: 'active' });
    expect(edited.status).toBe('active');
  });

  it('leaves them placed when a check-in says they are still in work', async () => {
    const { p, placement } = await placed();
    deps.clock.set('2027-03-08T09:00:00Z');
    await recordCheckin(deps, adviser, placement.id, { milestone: 13, inWork: true });
    expect((await deps.repos.participants.get(ORG, p.id))!.status).toBe('placed');
  });
});

describe('the sustainment rate’s denominator', () => {
  it('counts only placements whose milestone has come (or is recorded): a recent hire is in neither count', async () => {
    // Prepare: two hires, from 7 December 2026 (13 weeks: 8 March 2027) and 1 March 2027 (13 weeks: 31 May).
    const { placement: early } = await placed();
    const { vacancy } = await w.openVacancy({ positions: 1 });
    await w.hired(vacancy.id, await w.participant(), '2027-03-01');
    const counts = () =>
      deps.events.flatMap(funnelCountsFor).reduce((n, c) => ({ ...n, [c.counter]: (n[c.counter] ?? 0) + 1 }), {} as Record<string, number>);
    // Act: the sweeper on 8 March announces the first's 13 weeks; it is recorded in work.
    deps.clock.set('2027-03-08T07:00:00Z');
    await sweepDue(deps);
    await recordCheckin(deps, adviser, early.id, { milestone: 13, inWork: true });
    // Assess: by hand, 1 of 1 reached; the hire of 1 March has not reached 13 weeks, so it is not in the denominator.
    expect(counts()).toMatchObject({ hires: 2, reached13: 1, sustained13: 1, reachedOutcome: 1, sustainedOutcome: 1 });
    expect(await funnelRateOn(deps)).toEqual({ sustained13Rate: 1, jobOutcomeRate: 1 });
  });
});

async function funnelRateOn(d: FakeDeps) {
  await deliverAll(d);
  const r = await funnelReport(d, admin, { from: '2027-03', to: '2027-03' });
  return { sustained13Rate: r.ratios.sustained13Rate, jobOutcomeRate: r.ratios.jobOutcomeRate };
}
