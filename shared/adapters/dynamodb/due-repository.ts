import type { OutboxEvent } from '../../domain/events.js';
import type { DueItem, DueRepository } from '../../ports/repositories.js';
import { outboxItem } from './outbox.js';
import { dueIndex, keys } from './keys.js';
import type { Store } from './store.js';

/** The due index (GSI3, partition `DUE`): every pending deadline keyed `date#org#kind#id`. */
export class DynamoDueRepository implements DueRepository {
  constructor(private readonly store: Store) {}

  async dueOnOrBefore(date: string, limit: number): Promise<DueItem[]> {
    return this.query('GSI3SK <= :last', { ':last': dueIndex.through(date) }, limit);
  }

  async dueBetween(from: string, to: string, limit: number): Promise<DueItem[]> {
    return this.query('GSI3SK BETWEEN :first AND :last', { ':first': dueIndex.from(from), ':last': dueIndex.through(to) }, limit);
  }

  private async query(range: string, values: Record<string, string>, limit: number): Promise<DueItem[]> {
    const items = await this.store.queryItems(
      {
        IndexName: 'GSI3',
        KeyConditionExpression: `GSI3PK = :pk AND ${range}`,
        ExpressionAttributeValues: { ':pk': keys.gsi3.due(), ...values },
        ProjectionExpression: 'GSI3SK, notificationKind, headline',
      },
      limit,
    );
    return items.flatMap((i) => {
      const entry = dueIndex.parse(String(i.GSI3SK));
      if (!entry) return [];
      if (entry.kind !== 'digest' || typeof i.notificationKind !== 'string') return entry;
      return { ...entry, notificationKind: i.notificationKind, ...(typeof i.headline === 'string' ? { headline: i.headline } : {}) };
    });
  }

  async takeDigest(orgId: string, userId: string, entries: DueItem[], event: OutboxEvent) {
    let taken = true;
    try {
      await this.store.transact(
        [
          ...entries.map((d) => ({
            Delete: {
              TableName: this.store.tableName,
              Key: keys.digestEntry(orgId, userId, d.id),
              ConditionExpression: 'attribute_exists(PK)',
            },
          })),
          this.store.put(outboxItem(event), 'attribute_not_exists(PK)'),
        ],
        () => {
          taken = false;
          return new Error('digest already taken');
        },
      );
    } catch (err) {
      if (!taken) return false;
      throw err;
    }
    return true;
  }
}
