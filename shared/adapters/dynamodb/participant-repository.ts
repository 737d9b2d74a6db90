import { Participant, ReadinessHistoryEntry, Sensitive } from '../../domain/participant.js';
import { VersionConflict } from '../../errors.js';
import type { PageRequest, ParticipantRepository } from '../../ports/repositories.js';
import type { IdGenerator } from '../../ids.js';
import { keys } from './keys.js';
import type { Store } from './store.js';

export class DynamoParticipantRepository implements ParticipantRepository {
  constructor(
    private readonly store: Store,
    private readonly ids: IdGenerator,
  ) {}

  private item(p: Participant) {
    return {
      ...keys.participant(p.orgId, p.id),
      type: 'Participant',
      GSI1PK: keys.gsi1.participantsOfAdviser(p.orgId, p.adviserId),
      GSI1SK: `${p.lastName.toLowerCase()}#${p.firstName.toLowerCase()}#${p.id}`,
      ...p,
    };
  }

  private historyItem(orgId: string, participantId: string, entry: ReadinessHistoryEntry) {
    return this.store.put(
      { ...keys.readiness(orgId, participantId, this.ids.next()), type: 'ReadinessChange', ...entry },
      'attribute_not_exists(PK)',
    );
  }

  async create(p: Participant, first: ReadinessHistoryEntry) {
    await this.store.transact(
      [this.store.put(this.item(p), 'attribute_not_exists(PK)'), this.historyItem(p.orgId, p.id, first)],
      () => new VersionConflict('id reused'),
    );
  }

  async get(orgId: string, id: string) {
    return this.store.get(keys.participant(orgId, id), Participant);
  }

  async update(prev: Participant, next: Participant) {
    await this.store.transact([this.store.putVersioned(this.item(next), prev.version)], () => new VersionConflict('participant changed'));
  }

  async changeReadiness(prev: Participant, next: Participant, entry: ReadinessHistoryEntry) {
    await this.store.transact(
      [this.store.putVersioned(this.item(next), prev.version), this.historyItem(next.orgId, next.id, entry)],
      () => new VersionConflict('participant changed'),
    );
  }

  async readinessHistory(orgId: string, id: string) {
    return this.store.queryAll(keys.participant(orgId, id).PK, 'READY#', ReadinessHistoryEntry);
  }

  async listByAdviser(orgId: string, adviserId: string, page: PageRequest) {
    return this.store.queryPage({ index: 'GSI1', partition: keys.gsi1.participantsOfAdviser(orgId, adviserId), schema: Participant, ...page });
  }

  async getSensitive(orgId: string, id: string) {
    return this.store.get(keys.sensitive(orgId, id), Sensitive);
  }

  async putSensitive(orgId: string, s: Sensitive, expectedVersion: number) {
    const item = { ...keys.sensitive(orgId, s.participantId), type: 'Sensitive', ...s };
    await this.store.transact(
      [
        {
          ConditionCheck: {
            TableName: this.store.tableName,
            Key: keys.participant(orgId, s.participantId),
            ConditionExpression: 'attribute_exists(PK)',
          },
        },
        expectedVersion === 0 ? this.store.put(item, 'attribute_not_exists(PK)') : this.store.putVersioned(item, expectedVersion),
      ],
      () => new VersionConflict('sensitive part changed'),
    );
  }
}
