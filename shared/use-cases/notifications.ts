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

/** Most notifications marked read in one go (an inbox is read page by page; nobody has more unread). */
export const MARK_ALL_LIMIT = 500;

/** Marks every unread notification of the caller's inbox read, the newest first; how many it marked. */
export async function markAllRead(deps: Deps, actor: Actor): Promise<{ marked: number }> {
  requireRole(actor, 'notification:read');
  const inbox = inboxOf(actor);
  const at = deps.clock.now().toISOString();
  let marked = 0;
  let cursor: string | undefined;
  do {
    const page = await deps.repos.notifications.list(actor.orgId, inbox, { limit: 100, cursor, unreadOnly: true });
    for (const n of page.items) if (await deps.repos.notifications.markRead(actor.orgId, inbox, n.id, at)) marked++;
    cursor = page.nextCursor ?? undefined;
  } while (cursor && marked < MARK_ALL_LIMIT);
  return { marked };
}

export async function markRead(deps: Deps, actor: Actor, id: string) {
  requireRole(actor, 'notification:read');
  const n = await deps.repos.notifications.markRead(actor.orgId, inboxOf(actor), id, deps.clock.now().toISOString());
  if (!n) throw new NotFoundError('notification', id);
  return n;
}
