import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { windowOf, type RateDecision, type RateLimiter, type RateScope } from '../../ports/rate-limiter.js';
import { keys } from './keys.js';
import type { Store } from './store.js';

/**
 * Fixed-window counters in the table, shared by every Lambda instance: one atomic `ADD` per counted
 * request (about one write unit), the item expiring by TTL a window after its window ends. Callers are
 * hashed into the key by the middleware, never stored as they came (no addresses in the table).
 */
export class DynamoRateLimiter implements RateLimiter {
  constructor(
    private readonly store: Store,
    private readonly windowSeconds: number,
  ) {}

  async hit(scope: RateScope, caller: string, limit: number, nowMs: number): Promise<RateDecision> {
    const w = windowOf(nowMs, this.windowSeconds);
    const out = await this.store.db.send(
      new UpdateCommand({
        TableName: this.store.tableName,
        Key: keys.rateWindow(scope, caller, w.start),
        UpdateExpression: 'ADD hits :one SET expiresAt = if_not_exists(expiresAt, :exp)',
        ExpressionAttributeValues: { ':one': 1, ':exp': Math.floor(w.start / 1000) + 2 * this.windowSeconds },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return Number(out.Attributes?.hits ?? 0) <= limit ? { ok: true } : { ok: false, retryAfterSeconds: w.retryAfterSeconds };
  }

  async peek(scope: RateScope, caller: string, limit: number, nowMs: number): Promise<RateDecision> {
    const w = windowOf(nowMs, this.windowSeconds);
    const out = await this.store.db.send(
      new GetCommand({ TableName: this.store.tableName, Key: keys.rateWindow(scope, caller, w.start), ConsistentRead: false }),
    );
    return Number(out.Item?.hits ?? 0) < limit ? { ok: true } : { ok: false, retryAfterSeconds: w.retryAfterSeconds };
  }
}
