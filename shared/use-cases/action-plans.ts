import type { Actor } from '../domain/actor.js';
import {
  PLAN_STEPS_MAX,
  planStepRules,
  type ActionPlan,
  type ActionPlanView,
  type PlanStep,
  type PlanStepChange,
  type PlanStepInput,
} from '../domain/casework.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import { assertParticipantWritable, requireRole } from '../policy.js';
import { withVersionRetry, type Deps } from './deps.js';
import { auditEntry } from './participants.js';

/**
 * A participant's action plan: the steps their adviser agrees with them, who takes each and by when,
 * and which are done; reviewed at the reviews the contact record keeps (`casework.lastReviewAt`). Only
 * their own adviser and admins (anyone else finds the participant unknown; a role that does no casework
 * is refused); every read and write is audited, a write in its own transaction. The plan is one item,
 * version-checked, so two changes at once cannot lose a step (the loser reads again and retries).
 */

async function ownParticipant(deps: Deps, actor: Actor, id: string, capability: 'casework:read' | 'casework:write') {
  requireRole(actor, capability);
  const p = await deps.repos.participants.get(actor.orgId, id);
  if (!p) throw new NotFoundError('participant', id);
  assertParticipantWritable(actor, p);
  return p;
}

/** Their plan with when it was last reviewed (none yet: no steps). Audited as a read of casework. */
export async function getPlan(deps: Deps, actor: Actor, participantId: string): Promise<ActionPlanView> {
  const p = await ownParticipant(deps, actor, participantId, 'casework:read');
  const plan = await deps.repos.casework.plan(actor.orgId, participantId);
  await deps.repos.participants.recordAudit(actor.orgId, auditEntry(deps, actor, participantId, 'casework.read', { record: 'plan' }));
  const lastReviewAt = p.casework?.lastReviewAt;
  return {
    ...(plan ?? { participantId, steps: [] }),
    ...(lastReviewAt ? { lastReviewAt } : {}),
  };
}

/** Adds a step (by today or later); a plan holds at most PLAN_STEPS_MAX. */
export async function addStep(deps: Deps, actor: Actor, participantId: string, input: PlanStepInput): Promise<PlanStep> {
  return withVersionRetry(async () => {
    await ownParticipant(deps, actor, participantId, 'casework:write');
    const broken = planStepRules(input, deps.clock.today());
    if (broken.length) throw new ValidationError('A step is planned for today or later', { errors: broken });
    const prev = await deps.repos.casework.plan(actor.orgId, participantId);
    if ((prev?.steps.length ?? 0) >= PLAN_STEPS_MAX)
      throw new ConflictError(`The plan already has ${PLAN_STEPS_MAX} steps: mark some done or review it first`);
    const now = deps.clock.now().toISOString();
    const step: PlanStep = { id: deps.ids.next(), ...input, done: false, addedAt: now, addedBy: actor.sub };
    const next: ActionPlan = {
      participantId,
      steps: [...(prev?.steps ?? []), step],
      updatedAt: now,
      updatedBy: actor.sub,
      version: (prev?.version ?? 0) + 1,
    };
    await deps.repos.casework.apply({
      orgId: actor.orgId,
      plan: prev ? { prev, next } : { next },
      audit: auditEntry(deps, actor, participantId, 'casework.write', { record: 'plan-step', id: step.id }),
    });
    return step;
  });
}

/** Marks a step done, or not done again; who and when are kept on the step and in the audit trail. */
export async function changeStep(
  deps: Deps,
  actor: Actor,
  participantId: string,
  stepId: string,
  change: PlanStepChange,
): Promise<PlanStep> {
  return withVersionRetry(async () => {
    await ownParticipant(deps, actor, participantId, 'casework:write');
    const prev = await deps.repos.casework.plan(actor.orgId, participantId);
    const step = prev?.steps.find((s) => s.id === stepId);
    if (!prev || !step) throw new NotFoundError('plan step', stepId);
    if (step.done === change.done) return step;
    const now = deps.clock.now().toISOString();
    const changed: PlanStep = { ...step, done: change.done, doneChangedAt: now, doneChangedBy: actor.sub };
    const next: ActionPlan = {
      ...prev,
      steps: prev.steps.map((s) => (s.id === stepId ? changed : s)),
      updatedAt: now,
      updatedBy: actor.sub,
      version: prev.version + 1,
    };
    await deps.repos.casework.apply({
      orgId: actor.orgId,
      plan: { prev, next },
      audit: auditEntry(deps, actor, participantId, 'casework.write', { record: 'plan-step', id: stepId, done: change.done }),
    });
    return changed;
  });
}
