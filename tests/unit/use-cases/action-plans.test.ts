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
    expect(empty).toEqual({ participantId: p.id, goals: [], steps: [], barriers: [], idealJobs: [], transitionalJobs: [], history: [] });
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

  it('keeps goals, steps towards them, barriers and jobs, each change in its history with who and when', async () => {
    // Prepare
    const p = await w.participant();
    // Act
    const goal = await plans.addGoal(deps, adviser, p.id, { goal: 'A warehouse job with regular hours', byDate: '2027-03-31' });
    const s = await plans.addStep(deps, adviser, p.id, step({ goalId: goal.id, barrier: 'skills-qualifications' }));
    deps.clock.set('2026-11-26T10:00:00Z');
    await plans.setBarriers(deps, admin, p.id, { barriers: ['transport', 'skills-qualifications', 'transport'] });
    const again = await plans.setBarriers(deps, admin, p.id, { barriers: ['transport', 'skills-qualifications'] });
    await plans.changeStep(deps, adviser, p.id, s.id, { done: true });
    await plans.changeGoal(deps, adviser, p.id, goal.id, { achieved: true });
    await plans.changeGoal(deps, adviser, p.id, goal.id, { achieved: false });
    // Assess
    expect(again.barriers).toEqual(['transport', 'skills-qualifications']);
    const plan = await plans.getPlan(deps, adviser, p.id);
    expect(plan.goals).toMatchObject([{ goal: 'A warehouse job with regular hours', achieved: false, achievedChangedBy: adviser.sub }]);
    expect(plan.steps).toMatchObject([{ goalId: goal.id, barrier: 'skills-qualifications', done: true }]);
    expect(plan.history.map((h) => [h.change, h.by, h.at.slice(0, 10), h.itemId ?? h.barriers?.join(' ')])).toEqual([
      ['goal-added', adviser.sub, '2026-11-25', goal.id],
      ['step-added', adviser.sub, '2026-11-25', s.id],
      ['barriers-changed', admin.sub, '2026-11-26', 'transport skills-qualifications'],
      ['step-done', adviser.sub, '2026-11-26', s.id],
      ['goal-achieved', adviser.sub, '2026-11-26', goal.id],
      ['goal-not-achieved', adviser.sub, '2026-11-26', goal.id],
    ]);
    const audit = (await deps.repos.participants.listAudit(ORG, p.id, { limit: 100 })).items.map((x) => `${x.action}:${x.detail?.record}`);
    expect(audit.filter((x) => x === 'casework.write:plan-goal')).toHaveLength(3);
    expect(audit.filter((x) => x === 'casework.write:plan-barriers')).toHaveLength(1);
  });

  it('refuses a step towards a goal the plan does not have and a goal dated in the past, naming the field and changing nothing', async () => {
    const p = await w.participant();
    const before = deps.snapshot();
    const noGoal = await failureOf(plans.addStep(deps, adviser, p.id, step({ goalId: '01KTEST000000000000000ZZZZ' })));
    const past = await failureOf(plans.addGoal(deps, adviser, p.id, { goal: 'A job', byDate: '2026-11-24' }));
    expect([noGoal.status, noGoal.errors?.map((e) => e.path)]).toEqual([400, ['goalId']]);
    expect([past.status, past.errors?.map((e) => e.path)]).toEqual([400, ['byDate']]);
    expect(deps.snapshot()).toBe(before);
    expect((await failureOf(plans.changeGoal(deps, adviser, p.id, '01KTEST000000000000000ZZZZ', { achieved: true }))).status).toBe(404);
  });

  it('feeds its ideal and transitional jobs into their preferred occupations, taking off a job it no longer names', async () => {
    // Prepare
    const p = await w.participant({ preferences: { occupations: ['cleaner'], sectors: [], shifts: [], maxTravelKm: 15 } });
    // Act
    await plans.setJobs(deps, adviser, p.id, { idealJobs: ['forklift driver'], transitionalJobs: ['warehouse operative', 'cleaner'] });
    const first = (await deps.repos.participants.get(ORG, p.id))!;
    const view = await plans.setJobs(deps, adviser, p.id, { idealJobs: ['forklift driver'], transitionalJobs: ['picker packer'] });
    const second = (await deps.repos.participants.get(ORG, p.id))!;
    // Assess
    expect(first.preferences.occupations).toEqual(['cleaner', 'forklift driver', 'warehouse operative']);
    // 'cleaner' was theirs before the plan named it, and the plan has taken it off again: the plan's word is the last.
    expect(second.preferences.occupations).toEqual(['forklift driver', 'picker packer']);
    expect(second.version).toBe(p.version + 2);
    expect(view).toMatchObject({ idealJobs: ['forklift driver'], transitionalJobs: ['picker packer'] });
    expect(view.history.map((h) => [h.change, h.transitionalJobs])).toEqual([
      ['jobs-changed', ['warehouse operative', 'cleaner']],
      ['jobs-changed', ['picker packer']],
    ]);
  });

  it('refuses jobs that would take their preferred occupations past 20 (naming the jobs), changing nothing', async () => {
    const many = Array.from({ length: 19 }, (_, i) => `occupation ${i + 1}`);
    const p = await w.participant({ preferences: { occupations: many, sectors: [], shifts: [], maxTravelKm: 15 } });
    const before = deps.snapshot();
    const f = await failureOf(plans.setJobs(deps, adviser, p.id, { idealJobs: ['chef'], transitionalJobs: ['kitchen porter'] }));
    expect([f.status, f.errors?.map((e) => e.path)]).toEqual([400, ['transitionalJobs']]);
    expect(deps.snapshot()).toBe(before);
  });

  it('exports its history and jobs with them and erases them with them', async () => {
    const p = await w.participant();
    await plans.setJobs(deps, adviser, p.id, { idealJobs: ['lighthouse keeper'], transitionalJobs: [] });
    await plans.addGoal(deps, adviser, p.id, { goal: 'Keep the light burning' });
    const doc = await exportParticipant(deps, adviser, p.id);
    await eraseParticipant(deps, admin, p.id);
    expect(doc.actionPlan).toMatchObject({ idealJobs: ['lighthouse keeper'], goals: [{ goal: 'Keep the light burning' }] });
    expect(doc.actionPlan?.history).toHaveLength(2);
    expect(deps.snapshot()).not.toContain('lighthouse keeper');
    expect(deps.snapshot()).not.toContain('Keep the light burning');
  });
});
