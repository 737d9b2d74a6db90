import { PreconditionFailedError, VersionConflict } from '../errors.js';
import type { Clock } from '../clock.js';
import type { Actor } from '../domain/actor.js';
import type { Page } from '../domain/common.js';
import type { IdGenerator } from '../ids.js';
import type { Geocoder } from '../ports/geocoder.js';
import type { Repositories } from '../ports/repositories.js';
import type { StaffDirectory } from '../ports/staff-directory.js';

/** What every use case receives: its ports, never a client or a table name. */
export interface Deps {
  repos: Repositories;
  clock: Clock;
  ids: IdGenerator;
  /** Postcodes to places (the district table offline; a full-postcode geocoder where configured). */
  geocoder: Geocoder;
  /** Who works here: names, addresses, roles (the Cognito user pool in AWS; the table locally). */
  directory: StaffDirectory;
}

/** The stamp every new aggregate carries: its organisation, who made it and when, at version 1. */
export function newRecordStamp(actor: Pick<Actor, 'orgId' | 'sub'>, now: string) {
  return { orgId: actor.orgId, createdAt: now, createdBy: actor.sub, updatedAt: now, updatedBy: actor.sub, version: 1 };
}

/** Every item of a paged list, page after page (for bounded lists a use case needs whole). */
export async function allPages<T>(page: (req: { limit: number; cursor?: string }) => Promise<Page<T>>): Promise<T[]> {
  const all: T[] = [];
  let cursor: string | undefined;
  do {
    const p = await page({ limit: 100, ...(cursor ? { cursor } : {}) });
    all.push(...p.items);
    cursor = p.nextCursor ?? undefined;
  } while (cursor);
  return all;
}

/** Expected-version handling for updates: the caller's If-Match, or whatever we just read. */
export function checkExpectedVersion(current: number, ifMatch: number | undefined): void {
  if (ifMatch !== undefined && ifMatch !== current) throw new PreconditionFailedError();
}

/** Applies a PATCH: `null` clears an optional field, absent leaves it. */
export function applyPatch<T extends object>(current: T, patch: Record<string, unknown>): T {
  const next: Record<string, unknown> = { ...(current as Record<string, unknown>) };
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) continue;
    if (v === null) delete next[k];
    else next[k] = v;
  }
  return next as T;
}

/**
 * Read-modify-write with optimistic concurrency. When the caller gave an expected version (If-Match),
 * a mismatch is theirs to resolve (412, raised by `checkExpectedVersion` on the fresh read). Without
 * one, a lost race is retried on fresh data so concurrent updates are never lost.
 */
export async function withVersionRetry<T>(attempt: () => Promise<T>, retries = 10): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await attempt();
    } catch (err) {
      if (!(err instanceof VersionConflict) || i >= retries) throw err;
      // Exponential backoff with full jitter, capped: twenty writers of one vacancy (each hire also
      // cancels the others' transactions as conflicts) spread out instead of colliding round after round,
      // which with a short linear wait on a loaded machine could leave only one of two positions filled.
      await new Promise((r) => setTimeout(r, 5 + Math.random() * Math.min(RETRY_CAP_MS, 10 * 2 ** i)));
    }
  }
}
/** The longest one wait between attempts may be: ten retries wait about two seconds at most in all. */
const RETRY_CAP_MS = 320;
