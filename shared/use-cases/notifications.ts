import type { Actor } from '../domain/actor.js';
import { NotFoundError } from '../errors.js';
import { requireRole } from '../policy.js';
import type { PageRequest } from '../ports/repositories.js';
import type { Deps } from './deps.js';

/** Anyone signed in reads their own inbox, newest first. */
/**
 * Whose inbox a caller reads: staff their own; an employer's users share their employer's inbox (the
 * notifications are about that employer's vacancies, never name a participant, and any of its users
 * may act on them).
 */
export function inboxOf(actor: Actor): string {
  return actor.role === 'employer' ? employerInbox(actor.employerId!) : actor.sub;
}

export const employerInbox = (employerId: string) => `employer:${employerId}`;

export async function listNotifications(deps: Deps, actor: Actor, q: PageRequest & { unread?: boolean }) {
  requireRole(actor, 'notification:read');
  return deps.repos.notifications.list(actor.orgId, inboxOf(actor), { limit: q.limit, cursor: q.cursor, unreadOnly: q.unread ?? false });
}

export async function markRead(deps: Deps, actor: Actor, id: string) {
  requireRole(actor, 'notification:read');
  const n = await deps.repos.notifications.markRead(actor.orgId, inboxOf(actor), id, deps.clock.now().toISOString());
  if (!n) throw new NotFoundError('notification', id);
  return n;
}
