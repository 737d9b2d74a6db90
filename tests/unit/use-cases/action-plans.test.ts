import { beforeEach, describe, expect, it } from 'vitest';
import { overdueSteps, PLAN_STEPS_MAX, PlanStepInput } from '../../../shared/domain/casework.js';
import * as plans from '../../../shared/use-cases/action-plans.js';
import { logContact } from '../../../shared/use-cases/contacts.js';
import { eraseParticipant, exportParticipant } from '../../../shared/use-cases/subject-rights.js';
import { fakeDeps, type FakeDeps } from '../../support/fakes/fake-deps.js';
import { admin, adviser, failureOf, liaison, ORG, otherAdviser, scenario } from '../../support/fakes/scenario.js';

/** Action plans: shared/use-cases/action-plans.ts. */
let deps: FakeDeps;
let w: ReturnType<typeof scenario>;

beforeEach(() => {
  deps = fakeDeps({ now: '2026-11-25T10:00:00Z' });
  w = scenario(deps);
});

const step = (over: Record<string, unknown> = {}) =>
  PlanStepInput.parse({ action: 'Finish the forklift course', who: 'participant', byDate: '2026-12-18', ...over });

describe('an action plan', () => {
  it('starts empty, keeps each step with who added it and when, and who marked it done; every read and write audited', async () => {
    // Prepare
    const p = await w.participant();
    const empty = await plans.getPlan(deps, adviser, p.id);
    // Act
    const a = await plans.addStep(deps, adviser, p.id, step());
    const b = await plans.addStep(deps, adviser, p.id, step({ action: 'Update the CV together', who: 'together', byDate: '2026-11-25' }));
    deps.clock.set('2026-11-27T10:00:00Z');
    const done = await plans.changeStep(deps, admin, p.id, b.id, { done: true });
    const same = await plans.changeStep(deps, admin, p.id, b.id, { done: true });
    // Assess
    expect(empty).toEqual({ participantId: p.id, steps: [] });
    expect(a).toMatchObject({ action: 'Finish the forklift course', who: 'participant', done: false, addedBy: adviser.sub });
    expect(done).toMatchObject({ done: true, doneChangedBy: admin.sub, doneChangedAt: '2026-11-27T10:00:00.000Z' });
    expect(same).toEqual(done);
    const plan = await plans.getPlan(deps, adviser, p.id);
    expect(plan.steps.map((s) => [s.action, s.done])).toEqual([
      ['Finish the forklift course', false],
      ['Update the CV together', true],
    ]);
    expect(plan).toMatchObject({ version: 3, updatedBy: admin.sub });
    const audit = (await deps.repos.participants.listAudit(ORG, p.id, { limit: 100 })).items.map((x) => `${x.action}:${x.detail?.record}`);
    expect(audit.filter((x) => x === 'casework.write:plan-step')).toHaveLength(3);
    expect(audit.filter((x) => x === 'casework.read:plan')).toHaveLength(2);
  });

  it('shows when it was last reviewed (a contact that reviewed it), and which steps are overdue', async () => {
    // Prepare
    const p = await w.participant();
    await plans.addStep(deps, adviser, p.id, step({ byDate: '2026-11-30' }));
    await logContact(deps, adviser, p.id, {
      occurredAt: '2026-11-25T09:00:00Z',
      channel: 'in-person',
      appointment: true,
      attended: true,
      review: true,
    });
    // Act
    const plan = await plans.getPlan(deps, adviser, p.id);
    // Assess
    expect(plan.lastReviewAt).toBe('2026-11-25T09:00:00Z');
    expect(overdueSteps(plan, '2026-11-30')).toEqual([]);
    expect(overdueSteps(plan, '2026-12-01').map((s) => s.action)).toEqual(['Finish the forklift course']);
  });

  it('refuses a step due in the past (naming byDate) and a step too many, changing nothing', async () => {
    // Prepare
    const p = await w.participant();
    const before = deps.snapshot();
    // Act
    const past = await failureOf(plans.addStep(deps, adviser, p.id, step({ byDate: '2026-11-24' })));
    // Assess
    expect([past.status, past.errors?.map((e) => e.path)]).toEqual([400, ['byDate']]);
    expect(deps.snapshot()).toBe(before);
    for (let i = 0; i < PLAN_STEPS_MAX; i++) await plans.addStep(deps, adviser, p.id, step({ action: `Step ${i + 1}` }));
    expect((await failureOf(plans.addStep(deps, adviser, p.id, step()))).status).toBe(409);
    expect((await failureOf(plans.changeStep(deps, adviser, p.id, '01KTEST000000000000000ZZZZ', { done: true }))).status).toBe(404);
  });

  it('keeps every step when two are added at once (the plan is version-checked)', async () => {
    const p = await w.participant();
    await Promise.all([1, 2, 3, 4].map((n) => plans.addStep(deps, adviser, p.id, step({ action: `Step ${n}` }))));
    expect((await plans.getPlan(deps, adviser, p.id)).steps.map((s) => s.action).sort()).toEqual(['Step 1', 'Step 2', 'Step 3', 'Step 4']);
  });

  it('is for their own adviser and admins only: another adviser finds them unknown, a liaison officer is refused', async () => {
    const p = await w.participant();
    expect((await failureOf(plans.getPlan(deps, otherAdviser, p.id))).status).toBe(404);
    expect((await failureOf(plans.addStep(deps, liaison, p.id, step()))).status).toBe(403);
  });

  it('is exported with them and erased with them', async () => {
    const p = await w.participant();
    await plans.addStep(deps, adviser, p.id, step({ action: 'Apply for the bakery job' }));
    const doc = await exportParticipant(deps, adviser, p.id);
    await eraseParticipant(deps, admin, p.id);
    expect(doc.actionPlan?.steps.map((s) => s.action)).toEqual(['Apply for the bakery job']);
    expect(deps.snapshot()).not.toContain('Apply for the bakery job');
  });
});
