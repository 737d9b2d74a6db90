import type { Actor } from '../../../../../shared/domain/actor.js';
import { ForbiddenError, NotFoundError } from '../../../../../shared/errors.js';
import { Id } from '../../../../../shared/domain/common.js';
import { ADMIN_TASK_LABELS } from '../../labels.js';

/* Who the administration pages are for, and the participant references they take. */

/** Only admins use the administration pages; anyone else gets the GOV.UK 403 page. */
export function adminOnly(actor: Actor): void {
  if (actor.role !== 'admin') throw new ForbiddenError(`Your role (${actor.role}) may not use the administration pages`);
}

/**
 * A participant's own adviser does some of an admin's jobs for them (transfer, export, audit trail), as
 * the API lets them: admins and advisers pass, the use case then finds another adviser's participant unknown.
 */
export function adminOrAdviser(actor: Actor): void {
  if (actor.role !== 'admin' && actor.role !== 'adviser') throw new ForbiddenError(`Your role (${actor.role}) may not use this page`);
}

/** Where the pages about one participant's rights are: under administration for admins, under their page for their adviser. */
export const rightsBase = (actor: Actor, id: string) =>
  actor.role === 'admin' ? `/app/admin/participants/${id}` : `/app/participants/${id}`;

/** The menu entry those pages sit under. */
export const rightsNav = (actor: Actor) => (actor.role === 'admin' ? '/app/admin' : '/app');

/** A participant reference in an address: a ULID, or the page does not exist (nothing is looked up). */
export function participantRef(id: string): string {
  if (!Id.safeParse(id).success) throw new NotFoundError('participant', id.slice(0, 40));
  return id;
}

/** The tasks that start by finding a participant (their pages are `/app/admin/participants/{id}/{task}`). */
export type ParticipantTask = keyof typeof ADMIN_TASK_LABELS;

export const taskOf = (s: string | undefined): ParticipantTask | undefined =>
  s !== undefined && Object.hasOwn(ADMIN_TASK_LABELS, s) ? (s as ParticipantTask) : undefined;
