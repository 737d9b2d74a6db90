import { beforeEach, describe, expect, it } from 'vitest';
import { BusinessRuleError, ConflictError, ForbiddenError, NotFoundError } from '../../../shared/errors.js';
import { getPlacement, openCheckins, recordCheckin } from '../../../shared/use-cases/placements.js';
import { fakeDeps, type FakeDeps } from '../../support/fakes/fake-deps.js';
import { admin, adviser, employerUser, failureOf, liaison, otherAdviser, scenario, ORG } from '../../support/fakes/scenario.js';

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
        dueOn: '2027-03-08',
        recorded: { inWork: true, note: 'Doing well on nights', by: 'u-adviser-1', at: '2027-03-01T09:00:00.000Z' },
        state: 'recorded',
      },
      { milestone: 26, dueOn: '2027-06-07', state: 'upcoming' },
    ]);
    expect(await deps.repos.placements.get(ORG, placement.id)).toMatchObject({
      version: placement.version + 1,
      checkins: [{ recorded: { inWork: true } }, {}],
    });
    expect(deps.events.at(-1)).toMatchObject({
      type: 'placement.checkin-recorded',
      placementId: placement.id,
      participantId: p.id,
      detail: { milestone: 13, inWork: true, readiness: 'green', adviser: 'u-adviser-1', ltu: 'yes' },
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
