import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { IdempotencyRecord, IdempotencyStore } from '../../ports/repositories.js';
import { keys } from './keys.js';
import type { Store } from './store.js';

/**
 * Idempotency records: claimed before the create runs (so two concurrent retries cannot both create),
 * completed with the first response, released when the create fails so the client may retry.
 * DynamoDB TTL removes them after a day.
 */
export class DynamoIdempotencyStore implements IdempotencyStore {
  constructor(private readonly store: Store) {}

  async claim(orgId: string, sub: string, key: string, requestHash: string, ttlSeconds: number): Promise<IdempotencyRecord | undefined> {
    const k = keys.idempotency(orgId, sub, key);
    try {
      await this.store.db.send(
        new PutCommand({
          TableName: this.store.tableName,
          Item: { ...k, type: 'Idempotency', status: 'in-progress', requestHash, expiresAt: Math.floor(Date.now() / 1000) + ttlSeconds },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
      return undefined;
    } catch (err) {
      if (!this.store.isConditionFailure(err)) throw err;
      const existing = await this.store.getRaw(k);
      if (!existing) return this.claim(orgId, sub, key, requestHash, ttlSeconds);
      return {
        status: existing.status as IdempotencyRecord['status'],
        requestHash: String(existing.requestHash),
        response: existing.response as IdempotencyRecord['response'],
      };
    }
  }

  async complete(orgId: string, sub: string, key: string, response: NonNullable<IdempotencyRecord['response']>) {
    await this.store.db.send(
      new UpdateCommand({
        TableName: this.store.tableName,
        Key: keys.idempotency(orgId, sub, key),
        UpdateExpression: 'SET #s = :done, #r = :resp',
        ExpressionAttributeNames: { '#s': 'status', '#r': 'response' },
        ExpressionAttributeValues: { ':done': 'done', ':resp': response },
      }),
    );
  }

  async release(orgId: string, sub: string, key: string) {
    await this.store.db.send(new DeleteCommand({ TableName: this.store.tableName, Key: keys.idempotency(orgId, sub, key) }));
  }
}
