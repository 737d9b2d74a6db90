import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { DueItem, DueRepository } from '../../ports/repositories.js';
import { keys } from './keys.js';
import type { Store } from './store.js';

const KINDS: Record<string, DueItem['kind']> = { SUB: 'submission', PLC: 'placement', INT: 'follow-up' };

/** The due index (GSI3, partition `DUE`): every pending deadline keyed `date#org#kind#id`. */
export class DynamoDueRepository implements DueRepository {
  constructor(private readonly store: Store) {}

  async dueOnOrBefore(date: string, limit: number): Promise<DueItem[]> {
    return this.query('GSI3SK <= :last', { ':last': `${date}#~` }, limit);
  }

  async dueBetween(from: string, to: string, limit: number): Promise<DueItem[]> {
    return this.query('GSI3SK BETWEEN :first AND :last', { ':first': `${from}#`, ':last': `${to}#~` }, limit);
  }

  private async query(range: string, values: Record<string, string>, limit: number): Promise<DueItem[]> {
    const out: DueItem[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.store.db.send(
        new QueryCommand({
          TableName: this.store.tableName,
          IndexName: 'GSI3',
          KeyConditionExpression: `GSI3PK = :pk AND ${range}`,
          ExpressionAttributeValues: { ':pk': keys.gsi3.due(), ...values },
          ProjectionExpression: 'GSI3SK',
          Limit: limit - out.length,
          ExclusiveStartKey: start,
        }),
      );
      for (const i of page.Items ?? []) {
        const [dueOn, orgId, kind, a, b] = String(i.GSI3SK).split('#');
        const k = kind ? KINDS[kind] : undefined;
        if (!dueOn || !orgId || !k || !a) continue;
        out.push(k === 'follow-up' ? { dueOn, orgId, kind: k, employerId: a, id: b ?? '' } : { dueOn, orgId, kind: k, id: a });
      }
      start = page.LastEvaluatedKey;
    } while (start && out.length < limit);
    return out;
  }
}
