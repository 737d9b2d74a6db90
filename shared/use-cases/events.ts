import type { Actor } from '../domain/actor.js';
import type { EventType, OutboxEvent } from '../domain/events.js';
import type { Submission } from '../domain/submission.js';
import type { Vacancy } from '../domain/vacancy.js';
import type { Deps } from './deps.js';

/**
 * The one way use cases make an outbox event: an id, the time, who did it (or the system), and the
 * subject's ids. The repositories write it in the same transaction as the change it announces.
 */
export function event(
  deps: Pick<Deps, 'ids' | 'clock'>,
  actor: Actor | 'system',
  type: EventType,
  fields: Omit<OutboxEvent, 'id' | 'type' | 'at' | 'actorSub' | 'orgId'> & { orgId: string },
): OutboxEvent {
  return { id: deps.ids.next(), type, at: deps.clock.now().toISOString(), actorSub: actor === 'system' ? 'system' : actor.sub, ...fields };
}

/** The ids a submission's events carry. */
export function subjectOf(s: Submission) {
  return { orgId: s.orgId, submissionId: s.id, vacancyId: s.vacancyId, employerId: s.employerId, participantId: s.participantId };
}

/** A vacancy that became open (created open, published from draft, or reopened) announces it: the funnel counts vacancies opened. */
export function publishedEvent(
  deps: Pick<Deps, 'ids' | 'clock'>,
  actor: Actor | 'system',
  v: Vacancy,
  detail?: OutboxEvent['detail'],
): OutboxEvent {
  return event(deps, actor, 'vacancy.published', {
    orgId: v.orgId,
    vacancyId: v.id,
    employerId: v.employerId,
    ...(detail ? { detail } : {}),
  });
}

/**
 * A new vacancy announces itself whoever takes it: `vacancy.published` when created open,
 * `vacancy.drafted` when created as a draft. One an employer posted itself says when its callback is due.
 */
export function intakeEvent(deps: Pick<Deps, 'ids' | 'clock'>, actor: Actor, v: Vacancy, callbackDue?: string): OutboxEvent {
  const detail = callbackDue ? { callbackDue } : undefined;
  return v.status === 'open'
    ? publishedEvent(deps, actor, v, detail)
    : event(deps, actor, 'vacancy.drafted', { orgId: v.orgId, vacancyId: v.id, employerId: v.employerId, ...(detail ? { detail } : {}) });
}

const STATUS_EVENTS = { closed: 'vacancy.closed', filled: 'vacancy.filled', withdrawn: 'vacancy.withdrawn' } as const;

/**
 * A vacancy's change of status (to closed, filled or withdrawn; open is `publishedEvent`, with
 * `reopened` when it was closed or filled): the account manager and the employer hear, in the notifier.
 */
export function statusEvent(
  deps: Pick<Deps, 'ids' | 'clock'>,
  actor: Actor | 'system',
  v: Vacancy,
  to: keyof typeof STATUS_EVENTS,
): OutboxEvent {
  return event(deps, actor, STATUS_EVENTS[to], { orgId: v.orgId, vacancyId: v.id, employerId: v.employerId, detail: byWhom(actor) });
}

/** Whether the employer made the change itself (its own inbox then hears nothing of it). */
export const byWhom = (actor: Actor | 'system') => ({ byEmployer: actor !== 'system' && actor.role === 'employer' });
