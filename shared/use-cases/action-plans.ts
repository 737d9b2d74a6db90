import type { Actor } from '../domain/actor.js';
import type { AuditEntry } from '../domain/audit.js';
import {
  PLAN_GOALS_MAX,
  PLAN_STEPS_MAX,
  planGoalRules,
  planJobs,
  planStepRules,
  withChange,
  type ActionPlan,
  type ActionPlanView,
  type PlanBarriersInput,
  type PlanGoal,
  type PlanGoalChange,
  type PlanGoalInput,
  type PlanHistoryEntry,
  type PlanJobsInput,
  type PlanStep,
  type PlanStepChange,
  type PlanStepInput,
} from '../domain/casework.js';
import { occupationsWithPlanJobs, type Participant } from '../domain/participant.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import { assertParticipantWritable, requireRole } from '../policy.js';
import { withVersionRetry, type Deps } from './deps.js';
import { auditEntry } from './participants.js';

/**
 * A participant's action plan: the goals and steps their adviser agrees with them (who takes each step
 * and by when, which are done), the barriers it addresses and the ideal and transitional jobs it aims at
 * (these feed their preferred occupations, so matching follows the plan); reviewed at the reviews the
 * contact record keeps (`casework.lastReviewAt`). Only their own adviser and admins (anyone else finds
 * the participant unknown; a role that does no casework is refused); every read and write is audited, a
 * write in its own transaction with the plan's history entry (who, when, what). The plan is one item,
 * version-checked, so two changes at once cannot lose one (the loser reads again and retries).
 */

async function ownParticipant(deps: Deps, actor: Actor, id: string, capability: 'casework:read' | 'casework:write') {
  requireRole(actor, capability);
  const p = await deps.repos.participants.get(actor.orgId, id);
  if (!p) throw new NotFoundError('participant', id);
  assertParticipantWritable(actor, p);
  return p;
}

/** Their plan with when it was last reviewed (none yet: empty, without stamps). Audited as a read of casework. */
export async function getPlan(deps: Deps, actor: Actor, participantId: string): Promise<ActionPlanView> {
  const p = await ownParticipant(deps, actor, participantId, 'casework:read');
  const plan = await deps.repos.casework.plan(actor.orgId, participantId);
  await deps.repos.participants.recordAudit(actor.orgId, auditEntry(deps, actor, participantId, 'casework.read', { record: 'plan' }));
  return view(p, participantId, plan);
}

function view(p: Participant, participantId: string, plan: ActionPlan | undefined): ActionPlanView {
  const lastReviewAt = p.casework?.lastReviewAt;
  return {
    ...(plan ?? { participantId, goals: [], steps: [], barriers: [], idealJobs: [], transitionalJobs: [], history: [] }),
    ...(lastReviewAt ? { lastReviewAt } : {}),
  };
}

interface Edit<T> {
  /** The plan after the change (its stamps and history are added here). */
  plan: Omit<ActionPlan, 'participantId' | 'updatedAt' | 'updatedBy' | 'version' | 'history'>;
  entry: Omit<PlanHistoryEntry, 'at' | 'by'>;
  audit: NonNullable<AuditEntry['detail']>;
  result: T;
  /** The participant record as it must change with it (their preferred occupations), if at all. */
  participant?: Participant;
}

/**
 * One change to the plan, read afresh on each try: `edit` says what it becomes (or `undefined` for no
 * change, answered with `same`), and it is written with its history entry and audit entry at once.
 */
async function changePlan<T>(
  deps: Deps,
  actor: Actor,
  participantId: string,
  edit: (prev: ActionPlan | undefined, p: Participant, now: string) => Edit<T> | { same: T },
): Promise<{ result: T; plan: ActionPlanView }> {
  return withVersionRetry(async () => {
    const p = await ownParticipant(deps, actor, participantId, 'casework:write');
    const prev = await deps.repos.casework.plan(actor.orgId, participantId);
    const now = deps.clock.now().toISOString();
    const e = edit(prev, p, now);
    if ('same' in e) return { result: e.same, plan: view(p, participantId, prev) };
    const next: ActionPlan = {
      participantId,
      ...e.plan,
      history: withChange(prev?.history ?? [], { at: now, by: actor.sub, ...e.entry }),
      updatedAt: now,
      updatedBy: actor.sub,
      version: (prev?.version ?? 0) + 1,
    };
    await deps.repos.casework.apply({
      orgId: actor.orgId,
      plan: prev ? { prev, next } : { next },
      ...(e.participant ? { participant: { prev: p, next: e.participant } } : {}),
      audit: auditEntry(deps, actor, participantId, 'casework.write', e.audit),
    });
    return { result: e.result, plan: view(e.participant ?? p, participantId, next) };
  });
}

const partsOf = (prev: ActionPlan | undefined) => ({
  goals: prev?.goals ?? [],
  steps: prev?.steps ?? [],
  barriers: prev?.barriers ?? [],
  idealJobs: prev?.idealJobs ?? [],
  transitionalJobs: prev?.transitionalJobs ?? [],
});

/** Adds a step (by today or later, towards one of the plan's goals if it names one); a plan holds at most PLAN_STEPS_MAX. */
export async function addStep(deps: Deps, actor: Actor, participantId: string, input: PlanStepInput): Promise<PlanStep> {
  return (
    await changePlan<PlanStep>(deps, actor, participantId, (prev, _p, now) => {
      const broken = planStepRules(input, deps.clock.today(), prev);
      if (broken.length) throw new ValidationError('The step cannot be added as it is', { errors: broken });
      if ((prev?.steps.length ?? 0) >= PLAN_STEPS_MAX)
        throw new ConflictError(`The plan already has ${PLAN_STEPS_MAX} steps: mark some done or review it first`);
      const step: PlanStep = { id: deps.ids.next(), ...input, done: false, addedAt: now, addedBy: actor.sub };
      const parts = partsOf(prev);
      return {
        plan: { ...parts, steps: [...parts.steps, step] },
        entry: { change: 'step-added', itemId: step.id },
        audit: { record: 'plan-step', id: step.id },
        result: step,
      };
    })
  ).result;
}

/** Marks a step done, or not done again; who and when are kept on the step, in the plan's history and in the audit trail. */
export async function changeStep(
  deps: Deps,
  actor: Actor,
  participantId: string,
  stepId: string,
  change: PlanStepChange,
): Promise<PlanStep> {
  return (
    await changePlan<PlanStep>(deps, actor, participantId, (prev, _p, now) => {
      const step = prev?.steps.find((s) => s.id === stepId);
      if (!prev || !step) throw new NotFoundError('plan step', stepId);
      if (step.done === change.done) return { same: step };
      const changed: PlanStep = { ...step, done: change.done, doneChangedAt: now, doneChangedBy: actor.sub };
      return {
        plan: { ...partsOf(prev), steps: prev.steps.map((s) => (s.id === stepId ? changed : s)) },
        entry: { change: change.done ? 'step-done' : 'step-not-done', itemId: stepId },
        audit: { record: 'plan-step', id: stepId, done: change.done },
        result: changed,
      };
    })
  ).result;
}

/** Adds a goal (its date, if any, today or later); a plan holds at most PLAN_GOALS_MAX. */
export async function addGoal(deps: Deps, actor: Actor, participantId: string, input: PlanGoalInput): Promise<PlanGoal> {
  return (
    await changePlan<PlanGoal>(deps, actor, participantId, (prev, _p, now) => {
      const broken = planGoalRules(input, deps.clock.today());
      if (broken.length) throw new ValidationError('A goal’s date is today or later', { errors: broken });
      if ((prev?.goals.length ?? 0) >= PLAN_GOALS_MAX)
        throw new ConflictError(`The plan already has ${PLAN_GOALS_MAX} goals: mark some achieved or review it first`);
      const goal: PlanGoal = { id: deps.ids.next(), ...input, achieved: false, addedAt: now, addedBy: actor.sub };
      const parts = partsOf(prev);
      return {
        plan: { ...parts, goals: [...parts.goals, goal] },
        entry: { change: 'goal-added', itemId: goal.id },
        audit: { record: 'plan-goal', id: goal.id },
        result: goal,
      };
    })
  ).result;
}

/** Marks a goal achieved, or not achieved again. */
export async function changeGoal(
  deps: Deps,
  actor: Actor,
  participantId: string,
  goalId: string,
  change: PlanGoalChange,
): Promise<PlanGoal> {
  return (
    await changePlan<PlanGoal>(deps, actor, participantId, (prev, _p, now) => {
      const goal = prev?.goals.find((g) => g.id === goalId);
      if (!prev || !goal) throw new NotFoundError('plan goal', goalId);
      if (goal.achieved === change.achieved) return { same: goal };
      const changed: PlanGoal = { ...goal, achieved: change.achieved, achievedChangedAt: now, achievedChangedBy: actor.sub };
      return {
        plan: { ...partsOf(prev), goals: prev.goals.map((g) => (g.id === goalId ? changed : g)) },
        entry: { change: change.achieved ? 'goal-achieved' : 'goal-not-achieved', itemId: goalId },
        audit: { record: 'plan-goal', id: goalId, achieved: change.achieved },
        result: changed,
      };
    })
  ).result;
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** Sets the barriers the plan addresses (the whole list, each once, in the order given). */
export async function setBarriers(deps: Deps, actor: Actor, participantId: string, input: PlanBarriersInput): Promise<ActionPlanView> {
  const barriers = [...new Set(input.barriers)];
  return (
    await changePlan(deps, actor, participantId, (prev) => {
      const parts = partsOf(prev);
      if (prev && sameList(parts.barriers, barriers)) return { same: undefined };
      return {
        plan: { ...parts, barriers },
        entry: { change: 'barriers-changed', barriers },
        audit: { record: 'plan-barriers' },
        result: undefined,
      };
    })
  ).plan;
}

/**
 * Sets the ideal and transitional jobs, and with them the participant's preferred occupations in the
 * same transaction (so the change reaches matching through the pool change log like any profile edit):
 * a job taken off the plan comes off their occupations, a new one goes on. Too many occupations in all
 * is a 400 naming the jobs.
 */
export async function setJobs(deps: Deps, actor: Actor, participantId: string, input: PlanJobsInput): Promise<ActionPlanView> {
  const idealJobs = [...new Set(input.idealJobs)];
  const transitionalJobs = [...new Set(input.transitionalJobs)].filter((j) => !idealJobs.includes(j));
  return (
    await changePlan(deps, actor, participantId, (prev, p, now) => {
      const parts = partsOf(prev);
      if (prev && sameList(parts.idealJobs, idealJobs) && sameList(parts.transitionalJobs, transitionalJobs)) return { same: undefined };
      const occupations = occupationsWithPlanJobs(p.preferences.occupations, planJobs(prev), planJobs({ idealJobs, transitionalJobs }));
      if (!occupations)
        throw new ValidationError('Their preferences cannot hold that many occupations', {
          errors: [{ path: 'transitionalJobs', message: 'with their other preferred occupations, more than 20: remove some first' }],
        });
      const changed = !sameList(occupations, p.preferences.occupations);
      return {
        plan: { ...parts, idealJobs, transitionalJobs },
        entry: { change: 'jobs-changed', idealJobs, transitionalJobs },
        audit: { record: 'plan-jobs', ...(changed ? { preferences: 'occupations' } : {}) },
        result: undefined,
        ...(changed
          ? {
              participant: {
                ...p,
                preferences: { ...p.preferences, occupations },
                updatedAt: now,
                updatedBy: actor.sub,
                version: p.version + 1,
              },
            }
          : {}),
      };
    })
  ).plan;
}
