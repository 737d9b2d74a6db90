import { beforeEach, describe, expect, it } from 'vitest';
import { ReadinessChange } from '../../../shared/domain/participant.js';
import { ConflictError, ForbiddenError, NotFoundError, PreconditionFailedError } from '../../../shared/errors.js';
import { changeReadiness, readinessHistory } from '../../../shared/use-cases/participants.js';
import { propose } from '../../../shared/use-cases/submissions.js';
import { fakeDeps, type FakeDeps } from '../../support/fakes/fake-deps.js';
import { admin, adviser, failureOf, liaison, otherAdviser, scenario, ORG } from '../../support/fakes/scenario.js';

/** Job readiness: shared/use-cases/participants.ts `changeReadiness`. */
let deps: FakeDeps;
let w: ReturnType<typeof scenario>;

beforeEach(() => {
  deps = fakeDeps({ now: '2026-11-25T10:00:00Z' });
  w = scenario(deps);
});

describe('changing readiness', () => {
  it('changes it and appends a history entry: from, to, the reason, who and when', async () => {
    // Prepare
    const p = await w.participant({ readiness: 'amber', readinessReason: 'Needs interview practice' });
    deps.clock.set('2026-11-26T09:00:00Z');
    // Act
    const { participant, change } = await changeReadiness(deps, adviser, p.id, { readiness: 'red', reason: 'Housing crisis' });
    // Assess
    expect(change).toEqual({
      from: 'amber',
      to: 'red',
      reason: 'Housing crisis',
      changedBy: 'u-adviser-1',
      changedAt: '2026-11-26T09:00:00.000Z',
    });
    expect(participant).toMatchObject({
      readiness: 'red',
      version: p.version + 1,
      updatedAt: '2026-11-26T09:00:00.000Z',
      updatedBy: 'u-adviser-1',
    });
    expect(await deps.repos.participants.get(ORG, p.id)).toEqual(participant);
    expect(await readinessHistory(deps, adviser, p.id)).toEqual([
      { from: null, to: 'amber', reason: 'Needs interview practice', changedBy: 'u-adviser-1', changedAt: '2026-11-25T10:00:00.000Z' },
      change,
    ]);
  });

  it('needs a reason (the request schema)', () => {
    // Prepare, Act
    const parsed = ReadinessChange.safeParse({ readiness: 'green' });
    const blank = ReadinessChange.safeParse({ readiness: 'green', reason: '   ' });
    // Assess
    expect(parsed.error?.issues.map((i) => i.path.join('.'))).toEqual(['reason']);
    expect(blank.success).toBe(false);
  });

  it('to green starts the wait for a suggestion (readySince) and makes them proposable; leaving green keeps the date', async () => {
    // Prepare
    const p = await w.participant({ readiness: 'amber' });
    const { vacancy } = await w.openVacancy();
    expect(p).not.toHaveProperty('readySince');
    deps.clock.set('2026-11-27T08:00:00Z');
    // Act
    const green = await changeReadiness(deps, adviser, p.id, { readiness: 'green', reason: 'Mock interviews done' });
    deps.clock.set('2026-11-30T08:00:00Z');
    const amber = await changeReadiness(deps, adviser, p.id, { readiness: 'amber', reason: 'Setback' });
    // Assess
    expect(green.participant.readySince).toBe('2026-11-27T08:00:00.000Z');
    expect(amber.participant.readySince).toBe('2026-11-27T08:00:00.000Z');
    expect((await failureOf(propose(deps, liaison, vacancy.id, { participantIds: [p.id] }))).errors).toEqual([
      { path: 'participantIds.0', message: 'not job-ready (amber)' },
    ]);
    await changeReadiness(deps, adviser, p.id, { readiness: 'green', reason: 'Back on track' });
    expect(await propose(deps, liaison, vacancy.id, { participantIds: [p.id] })).toHaveLength(1);
    expect(await deps.repos.participants.get(ORG, p.id)).toMatchObject({ readySince: '2026-11-30T08:00:00.000Z' });
  });

  it('to the readiness they already have is 409, and writes nothing', async () => {
    // Prepare
    const p = await w.participant({ readiness: 'green' });
    const before = deps.snapshot();
    // Act
    const err = await failureOf(changeReadiness(deps, adviser, p.id, { readiness: 'green', reason: 'Still ready' }));
    // Assess
    expect(err).toBeInstanceOf(ConflictError);
    expect(err.message).toBe('Readiness is already green');
    expect(deps.snapshot()).toBe(before);
  });

  it('with a stale If-Match is 412 and writes nothing; with the current one it goes through', async () => {
    // Prepare
    const p = await w.participant({ readiness: 'amber' });
    await changeReadiness(deps, adviser, p.id, { readiness: 'red', reason: 'First' });
    const before = deps.snapshot();
    // Act
    const stale = await failureOf(changeReadiness(deps, adviser, p.id, { readiness: 'green', reason: 'Second' }, p.version));
    const afterStale = deps.snapshot();
    const ok = await changeReadiness(deps, adviser, p.id, { readiness: 'green', reason: 'Second' }, p.version + 1);
    // Assess
    expect(stale).toBeInstanceOf(PreconditionFailedError);
    expect(stale.status).toBe(412);
    expect(afterStale).toBe(before);
    expect(ok.participant.version).toBe(p.version + 2);
  });

  it('is only the own adviser’s (another adviser 404, a liaison officer 403) or an admin’s', async () => {
    // Prepare
    const p = await w.participant({ readiness: 'amber' });
    const before = deps.snapshot();
    // Act
    const other = await failureOf(changeReadiness(deps, otherAdviser, p.id, { readiness: 'green', reason: 'x' }));
    const officer = await failureOf(changeReadiness(deps, liaison, p.id, { readiness: 'green', reason: 'x' }));
    const afterRefusals = deps.snapshot();
    const byAdmin = await changeReadiness(deps, admin, p.id, { readiness: 'green', reason: 'Checked' });
    // Assess
    expect(other).toBeInstanceOf(NotFoundError);
    expect(officer).toBeInstanceOf(ForbiddenError);
    expect(afterRefusals).toBe(before);
    expect(byAdmin.change.changedBy).toBe('u-admin-1');
  });

  it('of an unknown participant is 404', async () => {
    // Prepare: nothing stored
    // Act
    const err = await failureOf(changeReadiness(deps, adviser, '01KTEST00000000000000000ZZZ', { readiness: 'green', reason: 'x' }));
    // Assess
    expect(err).toBeInstanceOf(NotFoundError);
  });
});
