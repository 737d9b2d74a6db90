import type { Actor } from '../domain/actor.js';
import { NotFoundError } from '../errors.js';
import { ownsParticipant, requireRole } from '../policy.js';
import type { Deps } from './deps.js';
import { withCheckinState } from './placements.js';

/**
 * A participant's casework, for their own adviser and admins (policy.ownsParticipant): every submission
 * of theirs, and their placements with each check-in's state as of today. Anyone else gets a 404, so
 * a participant's progress is not shown to those who see only their profile.
 */
export async function participantCasework(deps: Deps, actor: Actor, participantId: string) {
  requireRole(actor, 'submission:read');
  requireRole(actor, 'placement:read');
  const p = await deps.repos.participants.get(actor.orgId, participantId);
  if (!p || !ownsParticipant(actor, p)) throw new NotFoundError('participant', participantId);
  const today = deps.clock.today();
  const [submissions, placements] = await Promise.all([
    deps.repos.submissions.listByParticipant(actor.orgId, participantId),
    deps.repos.placements.listOf(actor.orgId, participantId),
  ]);
  return { submissions, placements: placements.map((pl) => withCheckinState(pl, today)) };
}

export type ParticipantCasework = Awaited<ReturnType<typeof participantCasework>>;
