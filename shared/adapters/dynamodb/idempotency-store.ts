import { randomUUID } from 'node:crypto';
import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { IdempotencyClaim, IdempotencyRecord, IdempotencyStore } from '../../ports/repositories.js';
import { keys } from './keys.js';
import type { Store } from './store.js';

/**
 * Idempotency records: claimed before the create runs (so two concurrent retries cannot both create),
 * completed with the first response, released when the create fails so the client may retry. An
 * in-progress claim holds only for its lock (longer than the function timeout, as Powertools'
 * idempotency does), so a request that died after claiming does not block its retries for a day.
 * DynamoDB TTL removes records after a day; one past its expiry is treated as gone before then.
 */
export class DynamoIdempotencyStore implements IdempotencyStore {
  constructor(private readonly store: Store) {}

  async claim(orgId: string, sub: string, key: string, c: IdempotencyClaim): Promise<IdempotencyRecord | undefined> {
    const k = keys.idempotency(orgId, sub, key);
    const nowSeconds = Math.floor(c.nowMs / 1000);
    // This claim's own mark: if the Put timed out after landing, the SDK's retry fails its condition
    // against our own record, and the mark tells us the claim is ours rather than someone else's.
    const claimToken = c.claimToken ?? randomUUID();
    try {
      await this.store.db.send(
        new PutCommand({
          TableName: this.store.tableName,
          Item: {
            ...k,
            type: 'Idempotency',
            status: 'in-progress',
            requestHash: c.requestHash,
            claimToken,
            lockedUntilMs: c.nowMs + c.lockSeconds * 1000,
            expiresAt: nowSeconds + c.ttlSeconds,
          },
          // Free, expired (TTL deletes lazily, so an expired record may still be there), or a claim whose request died.
          ConditionExpression: 'attribute_not_exists(PK) OR expiresAt < :nowS OR (#s = :inProgress AND lockedUntilMs < :nowMs)',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':nowS': nowSeconds, ':nowMs': c.nowMs, ':inProgress': 'in-progress' },
        }),
      );
      return undefined;
    } catch (err) {
      if (!this.store.isConditionFailure(err)) throw err;
      const existing = await this.store.getRaw(k);
      // Gone (released or expired) between the two calls: claim again.
      if (!existing) return this.claim(orgId, sub, key, { ...c, claimToken });
      if (existing.claimToken === claimToken && existing.status === 'in-progress') return undefined;
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
