import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { AuditEntry } from '../../domain/audit.js';
import { reviewReminderDue } from '../../domain/casework.js';
import type { OutboxEvent } from '../../domain/events.js';
import { ErasureRecord, Participant, permittedWorkNoticeDue, ReadinessHistoryEntry, Sensitive } from '../../domain/participant.js';
import { VersionConflict } from '../../errors.js';
import type { NewParticipant, PageRequest, ParticipantRepository } from '../../ports/repositories.js';
import type { IdGenerator } from '../../ids.js';
import { dueIndex, keys } from './keys.js';
import { outboxItem } from './outbox.js';
import { Store, type TransactItem } from './store.js';
import { participantPoolWrites } from './pool.js';
import { duplicateReference, importRefGuard } from './import-refs.js';

/** The stored item of a participant (keys and index attributes included). */
export function participantItem(p: Participant) {
  return {
    ...keys.participant(p.orgId, p.id),
    type: 'Participant',
    GSI1PK: keys.gsi1.participantsOfAdviser(p.orgId, p.adviserId),
    GSI1SK: `${p.lastName.toLowerCase()}#${p.firstName.toLowerCase()}#${p.id}`,
    // Exited participants join the retention sweep's index, ordered by when they left.
    ...(p.status === 'exited' && p.exitedAt ? { GSI2PK: keys.gsi2.exitedParticipants(), GSI2SK: `${p.exitedAt}#${p.orgId}#${p.id}` } : {}),
    // On the due index the day a review falls due and their adviser is to be reminded (reviewReminderDue).
    ...withReviewDue(p),
    ...p,
  };
}

/** The stored item of a participant's sensitive part. */
function sensitiveItem(orgId: string, s: Sensitive) {
  // While permitted work has an end date not yet announced, the sweeper finds it on the notice day.
  const noticeOn = permittedWorkNoticeDue(s);
  return {
    ...keys.sensitive(orgId, s.participantId),
    type: 'Sensitive',
    ...(noticeOn ? dueIndex.entry(noticeOn, orgId, 'PWK', s.participantId) : {}),
    ...s,
  };
}

function withReviewDue(p: Participant) {
  const due = reviewReminderDue(p);
  return due ? dueIndex.entry(due, p.orgId, 'REV', p.id) : {};
}

export class DynamoParticipantRepository implements ParticipantRepository {
  constructor(
    private readonly store: Store,
    private readonly ids: IdGenerator,
  ) {}

  private item(p: Participant) {
    return participantItem(p);
  }

  private historyItem(orgId: string, participantId: string, entry: ReadinessHistoryEntry) {
    return this.store.put(
      { ...keys.readiness(orgId, participantId, this.ids.next()), type: 'ReadinessChange', ...entry },
      'attribute_not_exists(PK)',
    );
  }

  private auditItem(orgId: string, entry: AuditEntry): TransactItem {
    return this.store.put({ ...keys.audit(orgId, entry.subjectId, entry.id), type: 'Audit', ...entry }, 'attribute_not_exists(PK)');
  }

  /**
   * The sensitive part feeds the match profile (work limits, hour cap), so a profile write also checks
   * that the sensitive part is still the one it was built from.
   */
  private async sensitiveForProfile(orgId: string, id: string): Promise<{ sensitive: Sensitive | undefined; check: TransactItem }> {
    const sensitive = await this.getSensitive(orgId, id);
    const check: TransactItem = {
      ConditionCheck: {
        TableName: this.store.tableName,
        Key: keys.sensitive(orgId, id),
        ...(sensitive
          ? {
              ConditionExpression: '#v = :v',
              ExpressionAttributeNames: { '#v': 'version' },
              ExpressionAttributeValues: { ':v': sensitive.version },
            }
          : { ConditionExpression: 'attribute_not_exists(PK)' }),
      },
    };
    return { sensitive, check };
  }

  /**
   * Every item of a new participant, whole, each with the condition the one-at-a-time writes give it: the
   * import reference's guard first (so a taken reference is the failed item 0 of a one-participant write).
   */
  private newItems({ participant: p, history, sensitive }: NewParticipant): TransactItem[] {
    if (history.length === 0 || history.at(-1)!.to !== p.readiness)
      throw new Error(`participant ${p.id}: the readiness history must end at ${p.readiness}`);
    return [
      ...importRefGuard(this.store, 'participants', p.orgId, p.externalRef, p.id),
      this.store.put(this.item(p), 'attribute_not_exists(PK)'),
      ...history.map((h) => this.historyItem(p.orgId, p.id, h)),
      ...(sensitive
        ? [this.store.put(sensitiveItem(p.orgId, sensitive.part), 'attribute_not_exists(PK)'), this.auditItem(p.orgId, sensitive.audit)]
        : []),
      // The profile is built from the participant and the sensitive part together, as putSensitive rebuilds it.
      ...participantPoolWrites(this.store, undefined, p, sensitive?.part),
    ];
  }

  async create(p: Participant, first: ReadinessHistoryEntry) {
    let refTaken = false;
    try {
      await this.store.transact(this.newItems({ participant: p, history: [first] }), (i) => {
        refTaken = i === 0 && p.externalRef !== undefined;
        return new VersionConflict('id reused');
      });
    } catch (err) {
      if (refTaken) throw await duplicateReference(this.store, 'participants', p.orgId, p.externalRef!);
      throw err;
    }
  }

  async createMany(records: readonly NewParticipant[]) {
    await this.store.transactMany(
      records.map((r) => this.newItems(r)),
      () => new VersionConflict('participant id or reference taken'),
    );
  }

  async get(orgId: string, id: string) {
    return this.store.get(keys.participant(orgId, id), Participant);
  }

  /** The writes of a participant change (version-checked record, its pool entry), for another aggregate's transaction to include. */
  async updateItems(prev: Participant, next: Participant): Promise<TransactItem[]> {
    const { sensitive, check } = await this.sensitiveForProfile(next.orgId, next.id);
    return [this.store.putVersioned(this.item(next), prev.version), check, ...participantPoolWrites(this.store, prev, next, sensitive)];
  }

  async update(prev: Participant, next: Participant, audit?: AuditEntry, events: OutboxEvent[] = []) {
    await this.store.transact(
      [
        ...(await this.updateItems(prev, next)),
        ...(audit ? [this.auditItem(next.orgId, audit)] : []),
        ...events.map((e) => this.store.put(outboxItem(e))),
      ],
      () => new VersionConflict('participant changed'),
    );
  }

  async changeReadiness(prev: Participant, next: Participant, entry: ReadinessHistoryEntry) {
    const { sensitive, check } = await this.sensitiveForProfile(next.orgId, next.id);
    await this.store.transact(
      [
        this.store.putVersioned(this.item(next), prev.version),
        check,
        this.historyItem(next.orgId, next.id, entry),
        ...participantPoolWrites(this.store, prev, next, sensitive),
      ],
      () => new VersionConflict('participant changed'),
    );
  }

  async readinessHistory(orgId: string, id: string) {
    return this.store.queryAll({
      partition: keys.participant(orgId, id).PK,
      sortPrefix: keys.participantChildPrefix.readiness,
      schema: ReadinessHistoryEntry,
    });
  }

  async listByAdviser(orgId: string, adviserId: string, page: PageRequest) {
    return this.store.queryPage({
      index: 'GSI1',
      partition: keys.gsi1.participantsOfAdviser(orgId, adviserId),
      schema: Participant,
      ...page,
    });
  }

  async getSensitive(orgId: string, id: string) {
    return this.store.get(keys.sensitive(orgId, id), Sensitive);
  }

  async putSensitive(orgId: string, s: Sensitive, expectedVersion: number, audit: AuditEntry, events: OutboxEvent[] = []) {
    const item = sensitiveItem(orgId, s);
    const participant = await this.get(orgId, s.participantId);
    if (!participant) throw new VersionConflict('participant gone');
    await this.store.transact(
      [
        {
          // The match profile is rebuilt from this participant version: it must still be current.
          ConditionCheck: {
            TableName: this.store.tableName,
            Key: keys.participant(orgId, s.participantId),
            ConditionExpression: '#v = :v',
            ExpressionAttributeNames: { '#v': 'version' },
            ExpressionAttributeValues: { ':v': participant.version },
          },
        },
        ...participantPoolWrites(this.store, participant, participant, s),
        expectedVersion === 0 ? this.store.put(item, 'attribute_not_exists(PK)') : this.store.putVersioned(item, expectedVersion),
        this.auditItem(orgId, audit),
        ...events.map((e) => this.store.put(outboxItem(e))),
      ],
      () => new VersionConflict('sensitive part changed'),
    );
  }

  async recordAudit(orgId: string, entry: AuditEntry) {
    await this.store.transact([this.auditItem(orgId, entry)], () => new VersionConflict('audit id reused'));
  }

  async listAudit(orgId: string, participantId: string, page: PageRequest) {
    return this.store.queryPage({
      partition: keys.participant(orgId, participantId).PK,
      sortPrefix: keys.participantChildPrefix.audit,
      schema: AuditEntry,
      ...page,
    });
  }

  async erase(orgId: string, p: Participant, record: ErasureRecord, audit: AuditEntry) {
    // Their readiness history and every casework item (contacts, appointments and the rest under `CW#`).
    const partition = keys.participant(orgId, p.id).PK;
    const historyKeys = [
      ...(await this.store.keysWithPrefix(partition, keys.participantChildPrefix.readiness)),
      ...(await this.store.keysWithPrefix(partition, keys.caseworkPrefix.all)),
    ];
    const del = (key: { PK: string; SK: string }): TransactItem => ({ Delete: { TableName: this.store.tableName, Key: key } });
    // The profile goes only if it is still the version the caller read; the rest follows it.
    const first: TransactItem[] = [
      {
        Delete: {
          TableName: this.store.tableName,
          Key: keys.participant(orgId, p.id),
          ConditionExpression: '#v = :v',
          ExpressionAttributeNames: { '#v': 'version' },
          ExpressionAttributeValues: { ':v': p.version },
        },
      },
      del(keys.sensitive(orgId, p.id)),
      ...participantPoolWrites(this.store, p, undefined, undefined),
      this.store.put({ ...keys.erased(orgId, p.id), type: 'Erasure', ...record }),
      this.auditItem(orgId, audit),
    ];
    const rest = historyKeys.map(del);
    // A transaction holds at most Store.maxItems: the first carries the profile; any long history follows in chunks.
    const room = Store.maxItems - first.length;
    await this.store.transact([...first, ...rest.slice(0, room)], () => new VersionConflict('participant changed'));
    for (let i = room; i < rest.length; i += Store.maxItems) {
      await this.store.transact(rest.slice(i, i + Store.maxItems), () => new VersionConflict('erasure'));
    }
  }

  async getErasure(orgId: string, participantId: string) {
    return this.store.get(keys.erased(orgId, participantId), ErasureRecord);
  }

  async exitedBefore(cutoff: string, limit: number) {
    const out = await this.store.db.send(
      new QueryCommand({
        TableName: this.store.tableName,
        IndexName: 'GSI2',
        KeyConditionExpression: 'GSI2PK = :pk AND GSI2SK < :cutoff',
        ExpressionAttributeValues: { ':pk': keys.gsi2.exitedParticipants(), ':cutoff': cutoff },
        ProjectionExpression: 'orgId, id',
        Limit: limit,
      }),
    );
    return (out.Items ?? []).map((i) => ({ orgId: String(i.orgId), id: String(i.id) }));
  }
}
