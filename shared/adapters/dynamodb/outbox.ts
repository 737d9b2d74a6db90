import type { OutboxEvent } from '../../domain/events.js';
import { keys } from './keys.js';

export function outboxItem(e: OutboxEvent) {
  // Kept a week at most: the notifier deletes each event once it is delivered.
  return { ...keys.outbox(e.orgId, e.id), type: 'Outbox', event: e, expiresAt: Math.floor(Date.parse(e.at) / 1000) + 7 * 86400 };
}
