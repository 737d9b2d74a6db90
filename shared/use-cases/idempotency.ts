import type { Actor } from '../domain/actor.js';
import { BusinessRuleError, ConflictError, ValidationError } from '../errors.js';
import type { IdempotencyRecord } from '../ports/repositories.js';
import type { Deps } from './deps.js';

/** What a client may send as an `Idempotency-Key`. */
export const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{8,128}$/;
/** How long a key and its first response are kept. */
export const TTL_SECONDS = 24 * 3600;
/**
 * An in-progress claim holds this long: longer than the API function's 10 s timeout, so only a request
 * that is certainly dead loses its claim, and its retry then runs instead of getting 409 for a day.
 */
export const LOCK_SECONDS = 15;

export type StoredResponse = NonNullable<IdempotencyRecord['response']>;

/**
 * The rules of `Idempotency-Key` on creates. The first request claims the key before it runs, so two
 * concurrent retries cannot both create: the answer is `run` (go ahead), or `replay` with the stored
 * first response. The same key with a different request is refused (422); one still running is a 409.
 */
export async function claimRequest(
  deps: Deps,
  actor: Actor,
  key: string,
  requestHash: string,
): Promise<{ run: true } | { run: false; replay: StoredResponse }> {
  if (!IDEMPOTENCY_KEY.test(key)) {
    throw new ValidationError('The Idempotency-Key header is malformed', {
      errors: [{ path: 'Idempotency-Key', message: 'use 8–128 letters, digits or . _ : - (a UUID is ideal)' }],
    });
  }
  const existing = await deps.repos.idempotency.claim(actor.orgId, actor.sub, key, {
    requestHash,
    ttlSeconds: TTL_SECONDS,
    lockSeconds: LOCK_SECONDS,
    nowMs: deps.clock.now().getTime(),
  });
  if (!existing) return { run: true };
  if (existing.requestHash !== requestHash) throw new BusinessRuleError('This Idempotency-Key was used for a different request');
  if (existing.status !== 'done' || !existing.response)
    throw new ConflictError('A request with this Idempotency-Key is still being processed; retry shortly');
  return { run: false, replay: existing.response };
}

/** The create answered: its response is kept for replays. */
export async function completeRequest(deps: Deps, actor: Actor, key: string, response: StoredResponse): Promise<void> {
  await deps.repos.idempotency.complete(actor.orgId, actor.sub, key, response);
}

/** The create failed: the key is free again, so the client may retry. */
export async function releaseRequest(deps: Deps, actor: Actor, key: string): Promise<void> {
  await deps.repos.idempotency.release(actor.orgId, actor.sub, key);
}
