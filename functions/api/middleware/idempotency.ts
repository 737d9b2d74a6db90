import type { MiddlewareHandler } from 'hono';
import { createHash } from 'node:crypto';
import { BusinessRuleError, ConflictError, ValidationError } from '../../../shared/errors.js';
import type { Clock } from '../../../shared/clock.js';
import type { IdempotencyStore } from '../../../shared/ports/repositories.js';
import type { AppEnv } from '../env.js';

const KEY = /^[A-Za-z0-9._:-]{8,128}$/;
const TTL_SECONDS = 24 * 3600;
/**
 * An in-progress claim holds this long: longer than the API function's 10 s timeout, so only a request
 * that is certainly dead loses its claim, and its retry then runs instead of getting 409 for a day.
 */
export const LOCK_SECONDS = 15;
const REPLAYED_HEADERS = ['content-type', 'etag', 'location'];

/**
 * `Idempotency-Key` on creates: the first request claims the key before it runs, so two concurrent
 * retries cannot both create; a replay returns the stored first response; the same key with a
 * different request is refused (422); a failed create releases the key so the client can retry.
 */
export function idempotent(store: IdempotencyStore, clock: Clock): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const key = c.req.header('idempotency-key');
    if (key === undefined || c.req.method !== 'POST') return next();
    if (!KEY.test(key)) {
      throw new ValidationError('The Idempotency-Key header is malformed', {
        errors: [{ path: 'Idempotency-Key', message: 'use 8–128 letters, digits or . _ : - (a UUID is ideal)' }],
      });
    }
    const actor = c.get('actor');
    const body = await c.req.text();
    const hash = createHash('sha256').update(`${c.req.method} ${new URL(c.req.url).pathname}\n${body}`).digest('hex');
    const existing = await store.claim(actor.orgId, actor.sub, key, { requestHash: hash, ttlSeconds: TTL_SECONDS, lockSeconds: LOCK_SECONDS, nowMs: clock.now().getTime() });
    if (existing) {
      if (existing.requestHash !== hash) {
        throw new BusinessRuleError('This Idempotency-Key was used for a different request');
      }
      if (existing.status !== 'done' || !existing.response) {
        throw new ConflictError('A request with this Idempotency-Key is still being processed; retry shortly');
      }
      const { status, body: stored, headers } = existing.response;
      return new Response(stored, { status, headers: { ...headers, 'Idempotent-Replayed': 'true' } });
    }
    try {
      await next();
    } catch (err) {
      await store.release(actor.orgId, actor.sub, key);
      throw err;
    }
    // Errors thrown downstream are turned into responses by onError before we see them here.
    if (c.res.status >= 200 && c.res.status < 300) {
      const headers: Record<string, string> = {};
      for (const h of REPLAYED_HEADERS) {
        const v = c.res.headers.get(h);
        if (v) headers[h] = v;
      }
      await store.complete(actor.orgId, actor.sub, key, { status: c.res.status, body: await c.res.clone().text(), headers });
    } else {
      await store.release(actor.orgId, actor.sub, key);
    }
  };
}
