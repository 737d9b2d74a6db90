import type { z } from 'zod';
import type { Actor } from '../domain/actor.js';
import type { Participant } from '../domain/participant.js';
import { checkinOpensOn, withCheckinRecorded, type CheckinInput, type Placement } from '../domain/submission.js';
import { CONTRACT_CHECKIN_WEEKS, EVIDENCE_LABELS } from '../domain/programmes.js';
import { BusinessRuleError, ConflictError, NotFoundError, ValidationError } from '../errors.js';
import { ownsParticipant, requireRole } from '../policy.js';
import { longDate } from '../domain/dates.js';
import { withVersionRetry, type Deps } from './deps.js';
import { event } from './events.js';
import { groupLabels } from './submissions.js';
import { withSupportState } from './in-work-support.js';

async function reachable(deps: Deps, actor: Actor, id: string, capability: 'placement:read' | 'placement:checkin'): Promise<Placement> {
  requireRole(actor, capability);
  const p = await deps.repos.placements.get(actor.orgId, id);
  if (!p) throw new NotFoundError('placement', id);
  if (actor.role === 'adviser') {
    const participant = await deps.repos.participants.get(actor.orgId, p.participantId);
    if (!participant || !ownsParticipant(actor, participant)) throw new NotFoundError('placement', id);
  }
  return p;
}

/** A placement with each check-in's state: recorded, ended (they had left the job), due (from its date), or overdue. */
export type CheckinState = 'recorded' | 'ended' | 'overdue' | 'due' | 'upcoming';
export function withCheckinState(p: Placement, today: string) {
  const state = (c: Placement['checkins'][number]): CheckinState =>
    c.recorded ? 'recorded' : c.ended ? 'ended' : c.dueOn < today ? 'overdue' : c.dueOn === today ? 'due' : 'upcoming';
  return { ...p, checkins: p.checkins.map((c) => ({ ...c, state: state(c) })), support: withSupportState(p.support, today) };
}

/**
 * A placement as the caller may read it: a liaison officer sees the employer's aftercare of its support
 * schedule, not the participant's contacts or how they asked to be contacted.
 */
function viewFor(actor: Actor, p: ReturnType<typeof withCheckinState>) {
  if (actor.role !== 'liaison') return p;
  // The milestones after 13 and 26 weeks, and which is the job outcome, follow the payment group (ESA or
  // JSA, say), which only their own adviser and admins may know: a liaison officer sees the two check-ins.
  const checkins = p.checkins.filter((c) => isContractCheckin(c.milestone)).map(({ kind: _k, evidence: _e, opensOn: _o, ...c }) => c);
  // Which check-in they left at says the same (a 17-week check-in is an ESA group's): only at 13 or 26 weeks is it shown.
  const { leftJob, ...rest } = p;
  const left = leftJob && isContractCheckin(leftJob.milestone) ? { leftJob } : {};
  if (!p.support) return { ...rest, ...left, checkins };
  const { aftercare, liaisonId, chosenBy, chosenAt } = p.support;
  return { ...rest, ...left, checkins, support: { aftercare, ...(liaisonId ? { liaisonId } : {}), chosenBy, chosenAt } };
}

const isContractCheckin = (m: number) => (CONTRACT_CHECKIN_WEEKS as readonly number[]).includes(m);

/** The day a check-in can be recorded from (a week before its date, unless its programme says otherwise). */
export const recordableFrom = checkinOpensOn;

export interface OpenCheckin {
  placement: Pick<Placement, 'id' | 'participantId' | 'vacancyTitle' | 'startDate'>;
  milestone: number;
  kind: Placement['checkins'][number]['kind'];
  dueOn: string;
  state: CheckinState;
}

/**
 * The check-ins that can be recorded now (from a week before their date, overdue included) for the
 * caller's own participants among `people` (an adviser's caseload page), most overdue first.
 */
export async function openCheckins(
  deps: Deps,
  actor: Actor,
  people: readonly Pick<Participant, 'id' | 'status' | 'adviserId'>[],
): Promise<OpenCheckin[]> {
  requireRole(actor, 'placement:read');
  const today = deps.clock.today();
  const placed = people.filter((p) => p.status === 'placed' && (actor.role !== 'adviser' || ownsParticipant(actor, p)));
  const lists = await Promise.all(placed.map((p) => deps.repos.placements.listOf(actor.orgId, p.id)));
  return lists
    .flat()
    .map((pl) => withCheckinState(pl, today))
    .flatMap((pl) =>
      pl.checkins
        .filter((c) => !c.recorded && !c.ended && recordableFrom(c) <= today)
        .map((c) => ({
          placement: { id: pl.id, participantId: pl.participantId, vacancyTitle: pl.vacancyTitle, startDate: pl.startDate },
          milestone: c.milestone,
          kind: c.kind,
          dueOn: c.dueOn,
          state: c.state,
        })),
    )
    .sort((a, b) => a.dueOn.localeCompare(b.dueOn));
}

export async function getPlacement(deps: Deps, actor: Actor, id: string) {
  const p = await reachable(deps, actor, id, 'placement:read');
  return viewFor(actor, withCheckinState(p, deps.clock.today()));
}

/**
 * Sustainment evidence, recorded once, for a milestone on the placement's schedule, from the day it opens
 * (a week before its date unless the programme says otherwise), with evidence the programme accepts. Not
 * in work: the schedule ends there (`withCheckinRecorded`), so nothing later is due or chased.
 */
export async function recordCheckin(deps: Deps, actor: Actor, id: string, input: z.infer<typeof CheckinInput>) {
  const recorded = await withVersionRetry(async () => {
    const p = await reachable(deps, actor, id, 'placement:checkin');
    // A liaison officer records the 13- and 26-week check-ins only: the rest of the schedule follows the payment group.
    const c =
      actor.role === 'liaison' && !isContractCheckin(input.milestone) ? undefined : p.checkins.find((x) => x.milestone === input.milestone);
    if (!c) {
      const on = (actor.role === 'liaison' ? [...CONTRACT_CHECKIN_WEEKS] : p.checkins.map((x) => x.milestone)).join(', ');
      throw new ValidationError(`This placement has no ${input.milestone}-week milestone`, {
        errors: [{ path: 'milestone', message: `must be one of this placement’s milestones (weeks ${on})` }],
      });
    }
    if (c.recorded) throw new ConflictError(`The ${input.milestone}-week check-in is already recorded`);
    if (c.ended)
      throw new ConflictError(`The ${input.milestone}-week check-in is ended: an earlier check-in recorded that they had left the job`);
    if (input.evidence && c.evidence && !c.evidence.includes(input.evidence)) {
      const accepted = c.evidence.map((e) => EVIDENCE_LABELS[e].toLowerCase()).join('; ');
      throw new ValidationError('The programme does not accept that evidence', {
        errors: [{ path: 'evidence', message: `must be one the programme accepts: ${accepted}` }],
      });
    }
    const today = deps.clock.today();
    if (today < recordableFrom(c)) {
      throw new BusinessRuleError(
        `The ${input.milestone}-week check-in falls due on ${longDate(c.dueOn)}; it can be recorded from ${longDate(recordableFrom(c))}`,
        {
          errors: [{ path: 'milestone', message: `not due until ${longDate(c.dueOn)}` }],
        },
      );
    }
    const now = deps.clock.now().toISOString();
    const next = withCheckinRecorded(p, input, actor.sub, now);
    const participant = await deps.repos.participants.get(actor.orgId, p.participantId);
    await deps.repos.placements.update(p, next, [
      event(deps, actor, 'placement.checkin-recorded', {
        orgId: p.orgId,
        placementId: p.id,
        submissionId: p.submissionId,
        vacancyId: p.vacancyId,
        employerId: p.employerId,
        participantId: p.participantId,
        // Not yet announced as due: this record is when the milestone counts as reached.
        detail: {
          milestone: input.milestone,
          ...(c.kind ? { kind: c.kind } : {}),
          dueOn: c.dueOn,
          reached: !c.notified,
          inWork: input.inWork,
          ...(participant ? groupLabels(participant, today) : {}),
        },
      }),
    ]);
    return { next, view: viewFor(actor, withCheckinState(next, today)) };
  });
  if (!input.inWork) await backOnTheProgramme(deps, actor, recorded.next);
  return recorded.view;
}

/**
 * They left the job: back on the programme as `active`, so they are matched again as their readiness
 * and consent allow (a placed participant is never matched, and an edit cannot make them active). A
 * second write after the check-in's: if it is lost, a later "left the job" check-in or none changes
 * nothing, so the adviser's edit takes them back instead (updateParticipant allows it once no placement
 * of theirs is still running). Not while another placement of theirs still runs.
 */
async function backOnTheProgramme(deps: Deps, actor: Actor, ended: Placement) {
  await withVersionRetry(async () => {
    const current = await deps.repos.participants.get(ended.orgId, ended.participantId);
    if (current?.status !== 'placed') return;
    // The placements index may not show this check-in yet: the one just written stands for itself.
    const others = (await deps.repos.placements.listOf(ended.orgId, ended.participantId)).filter((x) => x.id !== ended.id);
    if (others.some((x) => !x.leftJob)) return;
    await deps.repos.participants.update(current, {
      ...current,
      status: 'active',
      updatedAt: deps.clock.now().toISOString(),
      updatedBy: actor.sub,
      version: current.version + 1,
    });
  });
}
