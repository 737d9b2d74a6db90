import { beforeEach, describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError, PreconditionFailedError } from '../../../shared/errors.js';
import { getParticipant } from '../../../shared/use-cases/participants.js';
import { recordCheckin } from '../../../shared/use-cases/placements.js';
import { transferCaseload } from '../../../shared/use-cases/subject-rights.js';
import { recordAgreement } from '../../../shared/use-cases/submissions.js';
import { fakeDeps, type FakeDeps } from '../../support/fakes/fake-deps.js';
import { adviser, failureOf, otherAdviser, scenario, ORG } from '../../support/fakes/scenario.js';

/** Caseload transfer: shared/use-cases/subject-rights.ts `transferCaseload`, and `moveToAdviser` for what follows the participant. */
let deps: FakeDeps;
let w: ReturnType<typeof scenario>;

beforeEach(() => {
  deps = fakeDeps({ now: '2026-11-25T10:00:00Z' });
  w = scenario(deps);
});

describe('a caseload transfer', () => {
  it('moves the participant, audited, and their submissions and placements name the new adviser', async () => {
    // Prepare: a proposal that ended when they were hired elsewhere, and the hire with its placement.
    const p = await w.participant();
    const waiting = await w.proposed((await w.openVacancy()).vacancy.id, p);
    const { submission: hired, placement } = await w.hired((await w.openVacancy({ positions: 1 })).vacancy.id, p);
    const ended = (await deps.repos.submissions.get(ORG, waiting.id))!;
    expect(ended).toMatchObject({ state: 'withdrawn' });
    // Act
    const moved = await transferCaseload(deps, adviser, p.id, { toAdviserId: otherAdviser.sub, reason: 'Office move' });
    // Assess: the participant and the audit trail
    expect(moved).toMatchObject({ adviserId: 'u-adviser-2', updatedBy: 'u-adviser-1' });
    expect(await deps.repos.participants.get(ORG, p.id)).toMatchObject({ adviserId: 'u-adviser-2' });
    const trail = (await deps.repos.participants.listAudit(ORG, p.id, { limit: 10 })).items;
    expect(trail.map((e) => [e.action, e.actorSub, e.detail])).toEqual([
      ['caseload.transfer', 'u-adviser-1', { fromAdviserId: 'u-adviser-1', toAdviserId: 'u-adviser-2' }],
    ]);
    // Assess: what follows them
    expect(await deps.repos.submissions.get(ORG, waiting.id)).toMatchObject({
      adviserId: 'u-adviser-2',
      state: 'withdrawn',
      version: ended.version + 1,
    });
    expect(await deps.repos.submissions.get(ORG, hired.id)).toMatchObject({ adviserId: 'u-adviser-2', state: 'hired' });
    expect(await deps.repos.placements.get(ORG, placement!.id)).toMatchObject({
      adviserId: 'u-adviser-2',
      version: placement!.version + 1,
    });
  });

  it('hands the work over: the old adviser loses sight of them, the new one answers and records check-ins', async () => {
    // Prepare: one participant with a proposal waiting, another in work; both move.
    const p = await w.participant();
    const waiting = await w.proposed((await w.openVacancy()).vacancy.id, p);
    const q = await w.participant({ lastName: 'Placed' });
    const { placement } = await w.hired((await w.openVacancy({ positions: 1 })).vacancy.id, q);
    await transferCaseload(deps, adviser, p.id, { toAdviserId: otherAdviser.sub, reason: 'Office move' });
    await transferCaseload(deps, adviser, q.id, { toAdviserId: otherAdviser.sub, reason: 'Office move' });
    deps.clock.set('2027-03-08T09:00:00Z');
    // Act
    const oldSees = await failureOf(getParticipant(deps, adviser, p.id));
    const oldAnswers = await failureOf(recordAgreement(deps, adviser, waiting.id, { agreed: true }));
    const oldChecksIn = await failureOf(recordCheckin(deps, adviser, placement!.id, { milestone: 13, inWork: true }));
    const newAnswers = await recordAgreement(deps, otherAdviser, waiting.id, { agreed: false });
    const newChecksIn = await recordCheckin(deps, otherAdviser, placement!.id, { milestone: 13, inWork: true });
    // Assess
    expect([oldSees, oldAnswers, oldChecksIn].map((e) => e.constructor)).toEqual([NotFoundError, NotFoundError, NotFoundError]);
    expect(newAnswers.state).toBe('declined');
    expect(newChecksIn.checkins[0]).toMatchObject({ recorded: { inWork: true, by: 'u-adviser-2' } });
  });

  it('to the caseload they are already on is 409; for someone else’s participant 404; with a stale If-Match 412', async () => {
    // Prepare
    const p = await w.participant();
    const before = deps.snapshot();
    // Act
    const same = await failureOf(transferCaseload(deps, adviser, p.id, { toAdviserId: adviser.sub, reason: 'x' }));
    const notMine = await failureOf(transferCaseload(deps, otherAdviser, p.id, { toAdviserId: otherAdviser.sub, reason: 'x' }));
    const stale = await failureOf(transferCaseload(deps, adviser, p.id, { toAdviserId: otherAdviser.sub, reason: 'x' }, p.version + 1));
    // Assess
    expect(same).toBeInstanceOf(ConflictError);
    expect(same.message).toBe('The participant is already on that caseload');
    expect(notMine).toBeInstanceOf(NotFoundError);
    expect(stale).toBeInstanceOf(PreconditionFailedError);
    expect(deps.snapshot()).toBe(before);
  });
});
