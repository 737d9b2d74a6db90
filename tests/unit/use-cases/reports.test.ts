import { beforeEach, describe, expect, it } from 'vitest';
import { logInteraction } from '../../../shared/use-cases/employers.js';
import { recordCheckin } from '../../../shared/use-cases/placements.js';
import { funnelReport } from '../../../shared/use-cases/reports.js';
import { sweepDue } from '../../../shared/use-cases/sweep.js';
import { fakeDeps, type FakeDeps } from '../../support/fakes/fake-deps.js';
import { adviser, deliverAll, liaison, scenario } from '../../support/fakes/scenario.js';

/** The funnel's numbers against a district small enough to count by hand: shared/use-cases/reports.ts. */
let deps: FakeDeps;
let w: ReturnType<typeof scenario>;

beforeEach(() => {
  deps = fakeDeps({ now: '2026-10-05T10:00:00Z' });
  w = scenario(deps);
});

const call = (employerId: string, occurredAt: string) =>
  logInteraction(deps, liaison, employerId, { kind: 'call', occurredAt, summary: 'Talked about the spring intake', outcome: 'positive' });

describe('the funnel counts what happened in the period', () => {
  it('employers engaged: each employer in contact in the period once (a call that happened then, or a vacancy opened); not everyone engaged now', async () => {
    // Prepare: in October, Hartley 1 opens a vacancy; in November Hartley 2 is called twice and
    // Hartley 1 once; Hartley 3 was called in September only.
    const one = await w.employer({ stage: 'active' });
    const two = await w.employer({ stage: 'engaged' });
    const three = await w.employer({ stage: 'active' });
    await w.vacancy(one.id);
    deps.clock.set('2026-11-25T10:00:00Z');
    await call(two.id, '2026-11-02T10:00:00Z');
    await call(two.id, '2026-11-20T10:00:00Z');
    await call(one.id, '2026-11-21T10:00:00Z');
    await call(three.id, '2026-09-15T10:00:00Z');
    await deliverAll(deps);
    // Act
    const [nov, octToNov, sepToNov, december] = await Promise.all(
      [
        { from: '2026-11', to: '2026-11' },
        { from: '2026-10', to: '2026-11' },
        { from: '2026-09', to: '2026-11' },
        { from: '2026-12', to: '2026-12' },
      ].map((q) => funnelReport(deps, liaison, q)),
    );
    // Assess: counted by hand.
    expect([nov!.employersEngaged, octToNov!.employersEngaged, sepToNov!.employersEngaged, december!.employersEngaged]).toEqual([
      2, 2, 3, 0,
    ]);
    expect([nov!.vacanciesOpened, octToNov!.vacanciesOpened]).toEqual([0, 1]);
  });

  it('the sustainment rates divide only by placements whose milestone has come, in the month it fell in', async () => {
    // Prepare: three hires on 25 November 2026. A starts 7 December (13 weeks on 8 March 2027) and is
    // recorded in work early, on 1 March; B starts the same day, the sweeper announces it due on 8 March,
    // and it is recorded on 2 April as not in work; C starts 4 January (13 weeks on 5 April).
    deps.clock.set('2026-11-25T10:00:00Z');
    const hire = async (start: string) => {
      const { vacancy } = await w.openVacancy({ positions: 1 });
      return (await w.hired(vacancy.id, await w.participant(), start)).placement!;
    };
    const a = await hire('2026-12-07');
    const b = await hire('2026-12-07');
    await hire('2027-01-04');
    deps.clock.set('2027-03-01T09:00:00Z');
    await recordCheckin(deps, adviser, a.id, { milestone: 13, inWork: true });
    deps.clock.set('2027-03-08T07:00:00Z');
    await sweepDue(deps);
    deps.clock.set('2027-04-02T09:00:00Z');
    await recordCheckin(deps, adviser, b.id, { milestone: 13, inWork: false });
    await deliverAll(deps);
    // Act: up to March (C's milestone not yet come), and up to April (C's come, nothing recorded).
    const toMarch = await funnelReport(deps, liaison, { from: '2026-11', to: '2027-03' });
    const march = await funnelReport(deps, liaison, { from: '2027-03', to: '2027-03' });
    deps.clock.set('2027-04-06T09:00:00Z');
    await sweepDue(deps);
    await deliverAll(deps);
    const toApril = await funnelReport(deps, liaison, { from: '2026-11', to: '2027-04' });
    // Assess: 1 of the 2 that reached 13 weeks by March (not 1 of 3 hires); then 1 of 3.
    expect(toMarch).toMatchObject({ hires: 3, reached13: 2, sustained13: 1, ratios: { sustained13Rate: 0.5, sustained26Rate: null } });
    // B's "not in work", recorded in April, still belongs to March, when its milestone fell.
    expect(march).toMatchObject({ hires: 0, reached13: 2, sustained13: 1, ratios: { sustained13Rate: 0.5 } });
    expect(toApril).toMatchObject({ reached13: 3, sustained13: 1, ratios: { sustained13Rate: 0.33 } });
  });
});
