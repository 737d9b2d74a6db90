import type { Actor } from '../domain/actor.js';
import { NotFoundError } from '../errors.js';
import { requireRole } from '../policy.js';
import type { PageRequest } from '../ports/repositories.js';
import type { Deps } from './deps.js';

/** Anyone signed in reads their own inbox, newest first. */
export async function listNotifications(deps: Deps, actor: Actor, q: PageRequest & { unread?: boolean }) {
  requireRole(actor, 'notification:read');
  return deps.repos.notifications.list(actor.orgId, actor.sub, { limit: q.limit, cursor: q.cursor, unreadOnly: q.unread ?? false });
}

export async function markRead(deps: Deps, actor: Actor, id: string) {
  requireRole(actor, 'notification:read');
  const n = await deps.repos.notifications.markRead(actor.orgId, actor.sub, id, deps.clock.now().toISOString());
  if (!n) throw new NotFoundError('notification', id);
  return n;
}
