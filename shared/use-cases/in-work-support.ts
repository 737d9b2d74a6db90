import type { Actor } from '../domain/actor.js';
import type { CaseContact } from '../domain/casework.js';
import {
  buildSchedule,
  nextAftercare,
  overdueOn,
  supportState,
  type SupportChoice,
  type SupportSchedule,
  type SupportState,
} from '../domain/in-work-support.js';
import type { Participant } from '../domain/participant.js';
import type { Placement } from '../domain/submission.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import { assertParticipantWritable, ownsParticipant, requireRole } from '../policy.js';
import { withVersionRetry, type Deps } from './deps.js';
import { event } from './events.js';

/**
 * In-work support in the first weeks (docs/casework.md): the schedule a hire starts, the template the
 * adviser chooses, the contacts logged against it (in the one contact log), the sweeper's word when one
 * is overdue, and the liaison officer's employer-aftercare prompts.
 */

/** A schedule as read: each contact with its state today. */
export function withSupportState(s: SupportSchedule | undefined, today: string) {
  return s ? { ...s, contacts: s.contacts.map((c) => ({ ...c, state: supportState(c, today) })) } : undefined;
}

/** The placement, for the participant's own adviser (and admins): anyone else finds it unknown (404). */
async function ownPlacement(deps: Deps, actor: Actor, id: string): Promise<{ placement: Placement; participant: Participant }> {
  requireRole(actor, 'casework:write');
  const placement = await deps.repos.placements.get(actor.orgId, id);
  const participant = placement ? await deps.repos.participants.get(actor.orgId, placement.participantId) : undefined;
  if (!placement || !participant) throw new NotFoundError('placement', id);
  if (actor.role === 'adviser' && !ownsParticipant(actor, participant)) throw new NotFoundError('placement', id);
  assertParticipantWritable(actor, participant);
  return { placement, participant };
}

/**
 * The adviser chooses the template (again, as often as they like): contacts already made or tried keep
 * their record; the rest follow the new template. Their consent is read afresh, so someone who has since
 * chosen no contact in work has no schedule, and someone who has since agreed to it gets one. Once a
 * check-in has recorded that they left the job, the schedule has ended and stays so (409).
 */
export async function chooseSupport(deps: Deps, actor: Actor, placementId: string, input: SupportChoice) {
  return withVersionRetry(async () => {
    const { placement, participant } = await ownPlacement(deps, actor, placementId);
    if (placement.leftJob || placement.support?.status === 'ended')
      throw new ConflictError('Their in-work support has ended: a check-in recorded that they had left this job');
    const now = deps.clock.now().toISOString();
    const support = buildSchedule(placement.startDate, input.template, participant.consent, actor.sub, now, placement.support);
    const next: Placement = { ...placement, support, version: placement.version + 1 };
    await deps.repos.placements.update(placement, next, []);
    return next;
  });
}

/**
 * What logging `contact` does to the placement's schedule: the contact planned for `day` is made (one that
 * reached them) or tried once more. Refused when the placement is not theirs (400 naming the field), the
 * schedule has no such contact (400) or it is already made (409).
 */
export async function supportAfterContact(
  deps: Deps,
  orgId: string,
  participantId: string,
  placementId: string,
  day: number,
  contact: Pick<CaseContact, 'id' | 'occurredAt' | 'attended'>,
): Promise<{ prev: Placement; next: Placement }> {
  const p = await deps.repos.placements.get(orgId, placementId);
  if (p?.participantId !== participantId)
    throw new ValidationError('That is not one of their jobs', { errors: [{ path: 'placementId', message: 'not a placement of theirs' }] });
  const planned = p.support?.status === 'active' ? p.support.contacts.find((c) => c.day === day) : undefined;
  if (!planned || !p.support)
    throw new ValidationError('Their in-work support has no such contact', {
      errors: [{ path: 'supportDay', message: 'not a contact of their in-work support schedule' }],
    });
  if (planned.contactId) throw new ConflictError('That in-work support contact is already made');
  const done = contact.attended
    ? { ...planned, contactId: contact.id, madeAt: contact.occurredAt }
    : { ...planned, attempts: (planned.attempts ?? 0) + 1 };
  const support: SupportSchedule = { ...p.support, contacts: p.support.contacts.map((c) => (c.day === day ? done : c)) };
  return { prev: p, next: { ...p, support, version: p.version + 1 } };
}

/**
 * The sweeper: the support contacts that have become overdue are marked told, and the adviser hears once
 * (of the earliest, with how many are late), in the same write; undefined when nothing is newly overdue.
 */
export async function announceSupportOverdue(
  deps: Deps,
  p: Placement,
  today: string,
): Promise<{ placement: Placement; announced: boolean } | undefined> {
  if (p.support?.status !== 'active') return undefined;
  const late = p.support.contacts.filter((c) => !c.contactId && !c.overdueNotified && overdueOn(c) <= today);
  if (!late.length) return undefined;
  const days = new Set(late.map((c) => c.day));
  // No longer in this work (exited, or placed again elsewhere later): marked, nobody chased.
  const participant = await deps.repos.participants.get(p.orgId, p.participantId);
  const chase = participant?.status === 'placed';
  const next: Placement = {
    ...p,
    support: { ...p.support, contacts: p.support.contacts.map((c) => (days.has(c.day) ? { ...c, overdueNotified: true } : c)) },
    version: p.version + 1,
  };
  await deps.repos.placements.update(p, next, chase ? [overdueEvent(deps, p, late)] : []);
  return { placement: next, announced: chase };
}

function overdueEvent(deps: Deps, p: Placement, late: SupportSchedule['contacts']) {
  return event(deps, 'system', 'placement.support-overdue', {
    orgId: p.orgId,
    placementId: p.id,
    participantId: p.participantId,
    employerId: p.employerId,
    detail: { day: late[0]!.day, dueOn: late[0]!.dueOn, late: late.length },
  });
}

export interface OpenSupportContact {
  placement: Pick<Placement, 'id' | 'participantId' | 'vacancyTitle' | 'startDate'>;
  day: number;
  dueOn: string;
  state: Exclude<SupportState, 'made' | 'upcoming'>;
  way: 'any' | 'outside-work';
}

/** The support contacts due or overdue now for the caller's own placed participants among `people`, most overdue first. */
export async function openSupportContacts(
  deps: Deps,
  actor: Actor,
  people: readonly Pick<Participant, 'id' | 'status' | 'adviserId'>[],
): Promise<OpenSupportContact[]> {
  requireRole(actor, 'placement:read');
  const today = deps.clock.today();
  const placed = people.filter((p) => p.status === 'placed' && (actor.role !== 'adviser' || ownsParticipant(actor, p)));
  const lists = await Promise.all(placed.map((p) => deps.repos.placements.listOf(actor.orgId, p.id)));
  return lists
    .flat()
    .flatMap((pl) =>
      pl.support?.status === 'active'
        ? pl.support.contacts.flatMap((c): OpenSupportContact[] => {
            const state = supportState(c, today);
            return state === 'due' || state === 'overdue'
              ? [
                  {
                    placement: { id: pl.id, participantId: pl.participantId, vacancyTitle: pl.vacancyTitle, startDate: pl.startDate },
                    day: c.day,
                    dueOn: c.dueOn,
                    state,
                    way: pl.support?.way ?? 'any',
                  },
                ]
              : [];
          })
        : [],
    )
    .sort((a, b) => a.dueOn.localeCompare(b.dueOn));
}

/** Most aftercare prompts a start page lists. */
export const AFTERCARE_LISTED = 50;

export interface AftercareToDo {
  placementId: string;
  vacancyId: string;
  vacancyTitle: string;
  employerId: string;
  startDate: string;
  week: number;
  dueOn: string;
}

/** The liaison officer's employer-aftercare prompts that have come (the oldest first): call the employer. No participant's name. */
export async function aftercareToDo(deps: Deps, actor: Actor): Promise<AftercareToDo[]> {
  requireRole(actor, 'employer:engagement');
  const list = await deps.repos.placements.aftercareDue(actor.orgId, actor.sub, deps.clock.today(), AFTERCARE_LISTED);
  return list.flatMap((p) => {
    const next = nextAftercare(p.support);
    return next
      ? [
          {
            placementId: p.id,
            vacancyId: p.vacancyId,
            vacancyTitle: p.vacancyTitle,
            employerId: p.employerId,
            startDate: p.startDate,
            week: next.week,
            dueOn: next.dueOn,
          },
        ]
      : [];
  });
}

/**
 * The liaison officer (or an admin) has been in touch with the employer about the placement at `week`:
 * the prompt is done, once (again: 409). It leaves their start page in the same write.
 */
export async function markAftercareDone(deps: Deps, actor: Actor, placementId: string, week: number) {
  requireRole(actor, 'employer:engagement');
  return withVersionRetry(async () => {
    const p = await deps.repos.placements.get(actor.orgId, placementId);
    if (!p) throw new NotFoundError('placement', placementId);
    const prompt = p.support?.aftercare.find((a) => a.week === week);
    if (!prompt || !p.support)
      throw new ValidationError('There is no such aftercare prompt', {
        errors: [{ path: 'week', message: 'not an aftercare week of this placement' }],
      });
    if (prompt.doneAt) throw new ConflictError(`The week ${week} aftercare is already done`);
    if (prompt.dueOn > deps.clock.today())
      throw new ValidationError('That aftercare is not due yet', { errors: [{ path: 'week', message: 'not due yet' }] });
    const now = deps.clock.now().toISOString();
    const support: SupportSchedule = {
      ...p.support,
      aftercare: p.support.aftercare.map((a) => (a.week === week ? { ...a, doneAt: now, doneBy: actor.sub } : a)),
    };
    const next: Placement = { ...p, support, version: p.version + 1 };
    await deps.repos.placements.update(p, next, []);
    return next;
  });
}
