import type { OutboxEvent } from '../../domain/events.js';
import { Placement } from '../../domain/submission.js';
import type { PlacementRepository } from '../../ports/repositories.js';
import { dueIndex, keys } from './keys.js';
import { outboxItem } from './outbox.js';
import { VersionConflict } from '../../errors.js';
import type { Store } from './store.js';

/** The placement's next check-in not yet recorded or announced, for the sweeper's due index. */
export function placementDue(p: Placement): string | undefined {
  return p.checkins.find((c) => !c.recorded && !c.notified)?.dueOn;
}

/** A placement as stored: by participant on GSI2, and on the due index while a check-in is pending. */
export function placementItem(p: Placement) {
  const due = placementDue(p);
  return {
    ...keys.placement(p.orgId, p.id),
    type: 'Placement',
    GSI2PK: keys.gsi2.placementsOfParticipant(p.orgId, p.participantId),
    GSI2SK: p.id,
    ...(due ? dueIndex.entry(due, p.orgId, 'PLC', p.id) : {}),
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

  async update(prev: Placement, next: Placement, events: OutboxEvent[]) {
    await this.store.transact(
      [this.store.putVersioned(placementItem(next), prev.version), ...events.map((e) => this.store.put(outboxItem(e)))],
      () => new VersionConflict('placement changed'),
    );
  }
}
