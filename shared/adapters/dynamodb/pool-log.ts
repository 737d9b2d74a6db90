import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { decodeTime, monotonicFactory } from 'ulid';
import { keys } from './keys.js';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/**
 * The pool change log: an append-only record of which pool entries each transaction changed, so an
 * instance that keeps pools in memory can catch up with one strongly consistent Query instead of
 * reading the pool again (docs/matching.md, "The warm pool").
 *
 * It is written by `Store.transact` itself: any transaction that puts, updates or deletes a pool entry
 * gets one log item more, so no writer can change a profile and forget to say so. An entry names the
 * participant or vacancy and the cells touched (a geohash-4 cell, about 20 × 39 km, or a postcode area)
 * and, for a profile, the sub-cell of its key: no profile, nothing from the sensitive part. Entries expire by TTL.
 */
export const POOL_LOG = {
  /** How long an entry is kept (DynamoDB's TTL removes it some time after). */
  ttlSeconds: 2 * 86_400,
  /**
   * Every read goes this far back before the last one began, so an entry whose transaction got its ULID
   * before the last read but committed after it is still seen. A transaction commits within the client's
   * bounded retries (three attempts of a second each, docs/architecture.md); the rest is clock skew.
   */
  lookbackMs: 15_000,
  /**
   * A cache last brought up to date longer ago than this reloads instead (well inside the TTL, so no
   * entry it needs can have expired).
   */
  maxGapMs: 12 * 3_600_000,
} as const;

/**
 * One pool entry a transaction changed: whose, and the cell it was in or is now in. A profile's entry
 * also names its sub-cell (`-` when unlocated), so a reader can get that very item by its key, and says
 * when the profile put is a far traveller's (read by every located vacancy, wherever it lives); entries
 * written before the sub-cell was logged have neither, and make a warm pool read what they touch again.
 */
export interface PoolChange {
  kind: 'P' | 'V';
  id: string;
  cell: string;
  sub?: string;
  /** The profile written is indexed as someone who travels further than the catchment. */
  far?: true;
}

/** A log entry as read back: its ULID (time order) and what changed. */
export interface PoolLogEntry {
  ulid: string;
  at: number;
  changes: PoolChange[];
}

const nextUlid = monotonicFactory();
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function keyOf(item: TransactItem): { PK: unknown; SK: unknown } | undefined {
  if (item.Put) return item.Put.Item as { PK: unknown; SK: unknown };
  return (item.Delete?.Key ?? item.Update?.Key) as { PK: unknown; SK: unknown } | undefined;
}

/**
 * The log item for a transaction's pool writes (a condition check changes nothing, so it is not one),
 * or undefined when it writes none. A transaction belongs to one organisation.
 */
export function poolLogItem(items: readonly TransactItem[], tableName: string, now = Date.now()): TransactItem | undefined {
  const changes: PoolChange[] = [];
  let orgId: string | undefined;
  for (const item of items) {
    const key = keyOf(item);
    const entry = key && keys.poolEntryOf(key);
    if (!entry) continue;
    if (orgId !== undefined && orgId !== entry.orgId) throw new Error('A transaction writes the pools of two organisations');
    orgId = entry.orgId;
    // A profile put with the far-travellers index: a warm pool must take it in wherever it lives.
    const far = entry.kind === 'P' && item.Put?.Item?.GSI2PK === keys.gsi2.farTravellers(entry.orgId);
    const had = changes.find((c) => c.kind === entry.kind && c.id === entry.id && c.cell === entry.cell && c.sub === entry.sub);
    if (had) {
      if (far) had.far = true;
      continue;
    }
    changes.push({
      kind: entry.kind,
      id: entry.id,
      cell: entry.cell,
      ...(entry.sub !== undefined ? { sub: entry.sub } : {}),
      ...(far ? { far: true as const } : {}),
    });
  }
  if (!orgId) return undefined;
  const ulid = nextUlid(now);
  return {
    Put: {
      TableName: tableName,
      Item: {
        ...keys.poolLog(orgId, day(decodeTime(ulid)), ulid),
        type: 'PoolChange',
        changes,
        expiresAt: Math.floor(now / 1000) + POOL_LOG.ttlSeconds,
      },
    },
  };
}

/** The days (UTC) a log read from `from` to `to` must query, oldest first. */
export function logDays(from: number, to: number): string[] {
  const days: string[] = [];
  for (let t = Date.parse(day(from)); t <= to; t += 86_400_000) days.push(day(t));
  return days;
}

/** A stored log item read back; anything malformed is refused rather than trusted. */
export function readLogEntry(item: Record<string, unknown>): PoolLogEntry {
  const ulid = item.SK;
  const changes = item.changes;
  const ok =
    typeof ulid === 'string' &&
    Array.isArray(changes) &&
    changes.every(
      (c: Record<string, unknown>) =>
        (c.kind === 'P' || c.kind === 'V') &&
        typeof c.id === 'string' &&
        typeof c.cell === 'string' &&
        (c.sub === undefined || typeof c.sub === 'string') &&
        (c.far === undefined || c.far === true),
    );
  if (!ok) throw new Error(`Malformed pool log item ${String(ulid)}`);
  return { ulid, at: decodeTime(ulid), changes: changes as PoolChange[] };
}
