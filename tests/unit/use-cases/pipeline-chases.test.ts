import { beforeEach, describe, expect, it } from 'vitest';
import { listNotifications } from '../../../shared/use-cases/notifications.js';
import { makeOffer, recordTrialResult, respondToOffer, scheduleTrial } from '../../../shared/use-cases/offers.js';
import { sweepDue } from '../../../shared/use-cases/sweep.js';
import { fakeDeps, type FakeDeps } from '../../support/fakes/fake-deps.js';
import { adviserOf, deliverAll, employerUser, liaison, ORG, scenario } from '../../support/fakes/scenario.js';

/**
 * Nothing waits for ever after a trial or an accepted offer: the sweeper chases, once each, through the
 * due index (`submissionDue`): a trial's result again after its first request, a decision after a passed
 * trial, and the hire (or the position back) once an accepted offer's start date has come.
 */
let deps: FakeDeps;
let w: ReturnType<typeof scenario>;

beforeEach(() => {
  deps = fakeDeps({ now: '2026-11-25T10:00:00Z' });
  w = scenario(deps);
});

const typesSince = (n: number) => deps.events.slice(n).map((e) => e.type);
const titles = async () => (await listNotifications(deps, liaison, { limit: 100 })).items.map((n) => n.title);

describe('the sweeper chases', () => {
  it('a trial result still missing 5 working days after it was asked for, once', async () => {
    const { vacancy, employer } = await w.openVacancy();
    const s = await w.atInterview(vacancy.id, await w.participant());
    await scheduleTrial(deps, employerUser(employer.id), s.id, { startsOn: '2026-11-25', endsOn: '2026-11-26', place: 'Depot' });
    deps.clock.set('2026-11-27T02:00:00Z');
    await sweepDue(deps); // the first request
    const n = deps.events.length;
    deps.clock.set('2026-12-03T02:00:00Z');
    expect((await sweepDue(deps)).chased).toBe(0);
    deps.clock.set('2026-12-04T02:00:00Z');
    expect((await sweepDue(deps)).chased).toBe(1);
    expect((await sweepDue(deps)).chased).toBe(0);
    expect(typesSince(n).filter((t) => t.startsWith('submission.'))).toEqual(['submission.trial-result-overdue']);
    await deliverAll(deps);
    expect(await titles()).toContain('Still no work trial result: Dean Walsh for Warehouse operative at Hartley Logistics 1');
  });

  it('a decision after a passed trial, and then the hire once the accepted offer’s start date has come', async () => {
    const { vacancy, employer } = await w.openVacancy();
    const emp = employerUser(employer.id);
    const p = await w.participant();
    const s = await w.atInterview(vacancy.id, p);
    await scheduleTrial(deps, emp, s.id, { startsOn: '2026-11-25', endsOn: '2026-11-25', place: 'Depot' });
    await recordTrialResult(deps, emp, s.id, { result: 'passed' });
    deps.clock.set('2026-12-01T02:00:00Z');
    expect((await sweepDue(deps)).chased).toBe(0);
    deps.clock.set('2026-12-02T02:00:00Z');
    const n = deps.events.length;
    expect((await sweepDue(deps)).chased).toBe(1);
    expect(typesSince(n)).toContain('submission.decision-due');
    await makeOffer(deps, emp, s.id, { startDate: '2026-12-14', respondBy: '2026-12-04' });
    await respondToOffer(deps, adviserOf(p), s.id, { accepted: true });
    deps.clock.set('2026-12-13T02:00:00Z');
    expect((await sweepDue(deps)).chased).toBe(0);
    deps.clock.set('2026-12-14T02:00:00Z');
    const m = deps.events.length;
    expect((await sweepDue(deps)).chased).toBe(1);
    expect(typesSince(m).filter((t) => t.startsWith('submission.'))).toEqual(['submission.hire-due']);
    expect((await sweepDue(deps)).chased).toBe(0);
    await deliverAll(deps);
    expect(await titles()).toContain(
      'Record the hire or give the position back: Dean Walsh for Warehouse operative at Hartley Logistics 1',
    );
    const adviserInbox = (await listNotifications(deps, adviserOf(p), { limit: 100 })).items.map((x) => x.title);
    expect(adviserInbox).toContain('Has Dean Walsh started? Warehouse operative at Hartley Logistics 1');
    expect((await deps.repos.submissions.get(ORG, s.id))!.state).toBe('offer-accepted');
  });
});
