import type { OutboxEvent } from '../../domain/events.js';
import { Placement, placementDue } from '../../domain/submission.js';
import { nextAftercare } from '../../domain/in-work-support.js';
import type { PlacementRepository } from '../../ports/repositories.js';
import { dueIndex, keys } from './keys.js';
import { outboxItem } from './outbox.js';
import { VersionConflict } from '../../errors.js';
import { parseItem, type Store } from './store.js';

/**
 * A placement as stored: by participant on GSI2, on the due index while a check-in or a support contact
 * is pending, and on its liaison officer's aftercare list (GSI1, by the prompt's date) until both prompts are done.
 */
export function placementItem(p: Placement) {
  const due = placementDue(p);
  const aftercare = nextAftercare(p.support);
  return {
    ...keys.placement(p.orgId, p.id),
    type: 'Placement',
    GSI2PK: keys.gsi2.placementsOfParticipant(p.orgId, p.participantId),
    GSI2SK: p.id,
    ...(due ? dueIndex.entry(due, p.orgId, 'PLC', p.id) : {}),
    ...(aftercare ? { GSI1PK: keys.gsi1.aftercareOfOfficer(p.orgId, aftercare.officerId), GSI1SK: `${aftercare.dueOn}#${p.id}` } : {}),
    ...p,
  };
}

export class DynamoPlacementRepository implements PlacementRepository {
  constructor(private readonly store: Store) {}

  async get(orgId: string, id: string) {
    return this.store.get(keys.placement(orgId, id), Placement);
  }

  async listOf(orgId: string, participantId: string) {
    return this.store.queryAll({ index: 'GSI2', partition: keys.gsi2.placementsOfParticipant(orgId, participantId), schema: Placement });
  }

  async aftercareDue(orgId: string, officerId: string, through: string, limit: number) {
    const items = await this.store.queryItems(
      {
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk AND GSI1SK <= :last',
        ExpressionAttributeValues: { ':pk': keys.gsi1.aftercareOfOfficer(orgId, officerId), ':last': `${through}#~` },
      },
      limit,
    );
    return items.map((i) => parseItem(Placement, i));
  }

  async update(prev: Placement, next: Placement, events: OutboxEvent[]) {
    await this.store.transact(
      [this.store.putVersioned(placementItem(next), prev.version), ...events.map((e) => this.store.put(outboxItem(e)))],
      () => new VersionConflict('placement changed'),
    );
  }
}
