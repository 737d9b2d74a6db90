import { TransactionCanceledException, ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  type DynamoDBDocumentClient,
  type QueryCommandInput,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { z } from 'zod';
import { ValidationError, VersionConflict } from '../../errors.js';
import { CONTROL_CHARACTERS, type Page } from '../../domain/common.js';
import { poolLogItem } from './pool-log.js';
import { tableDesign, type IndexName } from './table-design.js';

export type Key = { PK: string; SK: string };
export type Item = Record<string, unknown>;
export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** Attributes that belong to the storage layout, not the domain object. */
const STORAGE_ATTRS = ['PK', 'SK', 'GSI1PK', 'GSI1SK', 'GSI2PK', 'GSI2SK', 'GSI3PK', 'GSI3SK', 'type', 'expiresAt'];

export function stripKeys(item: Item): Item {
  const out: Item = {};
  for (const [k, v] of Object.entries(item)) if (!STORAGE_ATTRS.includes(k)) out[k] = v;
  return out;
}

/** Every string in a stored value with its control characters shown as U+FFFD (see parseItem). */
function withoutControlCharacters(v: unknown): unknown {
  if (typeof v === 'string') return v.replace(CONTROL_CHARACTERS, '\uFFFD');
  if (Array.isArray(v)) return v.map(withoutControlCharacters);
  if (v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, withoutControlCharacters(x)]));
  }
  return v;
}

/**
 * Parses a stored item into a domain object; a stored item that no longer fits its schema is a bug, not bad
 * input. One exception: text saved before control characters were refused (PRINTABLE in domain/common.ts)
 * is read with them shown as U+FFFD, so such a record stays readable (and is saved so when next written).
 */
export function parseItem<S extends z.ZodType>(schema: S, item: Item): z.infer<S> {
  const fields = stripKeys(item);
  const parsed = schema.safeParse(fields);
  return parsed.success ? parsed.data : schema.parse(withoutControlCharacters(fields));
}

/** Opaque cursors: the last evaluated key, base64url JSON. */
export function encodeCursor(key: Record<string, unknown> | undefined): string | null {
  return key ? Buffer.from(JSON.stringify(key)).toString('base64url') : null;
}

const badCursor = () =>
  new ValidationError('The cursor is not one this list issued', {
    errors: [{ path: 'cursor', message: 'unknown or expired cursor; start again without it' }],
  });

/**
 * A cursor is only ever one this list issued: exactly the key attributes of the table (and of the
 * index, when the list reads one), each a short string, in the list's own partition and sort-key range.
 * Anything else (wrong or extra attributes, another partition, another range) is a 400, never passed
 * to the database, so a forged cursor cannot make it fail (500) or read from elsewhere.
 */
function decodeCursor(
  cursor: string,
  expect: { attrs: readonly string[]; partitionAttr: string; partition: string; sortAttr: string; sortPrefix?: string },
): Record<string, string> {
  if (cursor.length > 2048 || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw badCursor();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badCursor();
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw badCursor();
  const entries = Object.entries(parsed);
  const wanted = new Set(expect.attrs);
  const ok =
    entries.length === wanted.size &&
    entries.every(([k, v]) => wanted.has(k) && typeof v === 'string' && v.length > 0 && v.length <= 1024) &&
    (parsed as Record<string, string>)[expect.partitionAttr] === expect.partition &&
    (expect.sortPrefix === undefined || (parsed as Record<string, string>)[expect.sortAttr]!.startsWith(expect.sortPrefix));
  if (!ok) throw badCursor();
  return parsed as Record<string, string>;
}

export interface QueryPageInput<S extends z.ZodType> {
  index?: IndexName;
  partition: string;
  /** Restrict the sort key to those starting with this prefix. */
  sortPrefix?: string;
  limit: number;
  cursor?: string;
  forward?: boolean;
  schema: S;
  filter?: Pick<QueryCommandInput, 'FilterExpression' | 'ExpressionAttributeValues' | 'ExpressionAttributeNames'>;
}

export class Store {
  /** The items a caller may put in one transaction: DynamoDB's 100, less one for the pool change log. */
  static readonly maxItems = 99;

  constructor(
    readonly db: DynamoDBDocumentClient,
    readonly tableName: string,
  ) {}

  async getRaw(key: Key, consistent = true): Promise<Item | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: consistent }));
    return out.Item;
  }

  async get<S extends z.ZodType>(key: Key, schema: S): Promise<z.infer<S> | undefined> {
    const item = await this.getRaw(key);
    return item ? parseItem(schema, item) : undefined;
  }

  /** One page of a Query on the table or an index, returning parsed domain objects. */
  async queryPage<S extends z.ZodType>(q: QueryPageInput<S>): Promise<Page<z.infer<S>>> {
    const design = q.index ? tableDesign.globalSecondaryIndexes.find((g) => g.indexName === q.index) : undefined;
    const pkAttr = design ? design.partitionKey : tableDesign.partitionKey;
    const skAttr = design ? design.sortKey : tableDesign.sortKey;
    const names: Record<string, string> = { '#pk': pkAttr, ...(q.filter?.ExpressionAttributeNames ?? {}) };
    const values: Record<string, unknown> = { ':pk': q.partition, ...(q.filter?.ExpressionAttributeValues ?? {}) };
    let condition = '#pk = :pk';
    if (q.sortPrefix !== undefined) {
      names['#sk'] = skAttr;
      values[':skp'] = q.sortPrefix;
      condition += ' AND begins_with(#sk, :skp)';
    }
    const items: z.infer<S>[] = [];
    const attrs = design ? [tableDesign.partitionKey, tableDesign.sortKey, pkAttr, skAttr] : [pkAttr, skAttr];
    let startKey = q.cursor
      ? decodeCursor(q.cursor, { attrs, partitionAttr: pkAttr, partition: q.partition, sortAttr: skAttr, sortPrefix: q.sortPrefix })
      : undefined;
    // With a filter, a page may come back short; keep reading until the page is full or the partition ends.
    do {
      const out = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: q.index,
          KeyConditionExpression: condition,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          FilterExpression: q.filter?.FilterExpression,
          ExclusiveStartKey: startKey,
          Limit: q.limit - items.length,
          ScanIndexForward: q.forward ?? true,
        }),
      );
      for (const it of out.Items ?? []) items.push(parseItem(q.schema, it));
      startKey = out.LastEvaluatedKey as Record<string, string> | undefined;
    } while (startKey && items.length < q.limit);
    return { items, nextCursor: encodeCursor(startKey) };
  }

  /** Every item a query reaches, page after page, parsed (bounded collections only: a vacancy's submissions, an employer's contacts…). */
  async queryAll<S extends z.ZodType>(q: Omit<QueryPageInput<S>, 'limit' | 'cursor'>): Promise<z.infer<S>[]> {
    const all: z.infer<S>[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.queryPage({ ...q, limit: 100, cursor });
      all.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return all;
  }

  /**
   * Every raw item of a Query, page after page, up to `max`: for projections and key-only reads
   * (pool profiles, index entries, counters) that are not whole domain objects.
   */
  async queryItems(
    input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey' | 'Limit'>,
    max = Number.POSITIVE_INFINITY,
  ): Promise<Item[]> {
    const out: Item[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const left = max - out.length;
      const page = await this.db.send(
        new QueryCommand({
          ...input,
          TableName: this.tableName,
          ExclusiveStartKey: start,
          ...(Number.isFinite(left) ? { Limit: left } : {}),
        }),
      );
      out.push(...((page.Items ?? []) as Item[]));
      start = page.LastEvaluatedKey;
    } while (start && out.length < max);
    return out;
  }

  /** The keys (only) of every item in a partition whose sort key has the prefix. */
  async keysWithPrefix(partition: string, sortPrefix: string): Promise<Key[]> {
    const items = await this.queryItems({
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
      ExpressionAttributeValues: { ':pk': partition, ':p': sortPrefix },
      ProjectionExpression: 'PK, SK',
    });
    return items.map((i) => ({ PK: String(i.PK), SK: String(i.SK) }));
  }

  /**
   * Runs a transaction. When it is cancelled because a condition failed, `onConditionFailed` is given the
   * index of the first failed item to turn into a domain error; anything else is rethrown. A transaction
   * that changes a pool entry also appends its pool change log item, after the caller's items (so their
   * indexes stay as given): the one place that rule lives (pool-log.ts). Callers keep one item of a
   * transaction's 100 free for it (`Store.maxItems`).
   */
  async transact(items: TransactItem[], onConditionFailed: (index: number) => Error): Promise<void> {
    const log = poolLogItem(items, this.tableName);
    try {
      await this.db.send(new TransactWriteCommand({ TransactItems: log ? [...items, log] : items }));
    } catch (err) {
      if (err instanceof TransactionCanceledException) {
        const reasons = err.CancellationReasons ?? [];
        const failed = reasons.findIndex((r) => r.Code === 'ConditionalCheckFailed');
        if (failed >= 0) throw onConditionFailed(failed);
        if (reasons.some((r) => r.Code === 'TransactionConflict')) throw new VersionConflict('transaction conflict');
      }
      throw err;
    }
  }

  /**
   * Writes groups of items, each group all or nothing, packed into as few transactions as hold them:
   * DynamoDB Local's cost is per request far more than per item (docs/performance.md, "The first start"),
   * and DynamoDB's too is one round trip. A group never spans two transactions, and no transaction names
   * one item twice (DynamoDB refuses that): a group that would is put in the next. A failed condition
   * fails that transaction (and stops there) with `onConditionFailed`'s error; those before it stay written.
   */
  async transactMany(groups: readonly TransactItem[][], onConditionFailed: () => Error): Promise<void> {
    for (const pack of packTransactions(groups)) await this.transact(pack, onConditionFailed);
  }

  /**
   * One more record under a cap, counted on `key`'s item in the same transaction as the record itself; the
   * counter starts at what the caller read where none was kept yet. Its condition fails at the cap.
   */
  countUnderCap(key: Key, field: string, cap: { max: number; existing: number }): TransactItem {
    return {
      Update: {
        TableName: this.tableName,
        Key: key,
        UpdateExpression: 'SET #n = if_not_exists(#n, :existing) + :one, #type = :type',
        ConditionExpression: '(attribute_not_exists(#n) AND :existing < :max) OR #n < :max',
        ExpressionAttributeNames: { '#n': field, '#type': 'type' },
        ExpressionAttributeValues: { ':existing': cap.existing, ':one': 1, ':max': cap.max, ':type': 'Counts' },
      },
    };
  }

  put(item: Item, condition?: string): TransactItem {
    return { Put: { TableName: this.tableName, Item: item, ...(condition ? { ConditionExpression: condition } : {}) } };
  }

  /** A Put that replaces an aggregate only if it is still at `expectedVersion`. */
  putVersioned(item: Item & { version: number }, expectedVersion: number): TransactItem {
    return {
      Put: {
        TableName: this.tableName,
        Item: item,
        ConditionExpression: 'attribute_exists(PK) AND #v = :expected',
        ExpressionAttributeNames: { '#v': 'version' },
        ExpressionAttributeValues: { ':expected': expectedVersion },
      },
    };
  }

  isConditionFailure(err: unknown): boolean {
    return err instanceof ConditionalCheckFailedException;
  }
}

/** The item a transaction item writes or checks, as one string. */
function itemKey(item: TransactItem): string {
  const key = (item.Put?.Item ?? item.Update?.Key ?? item.Delete?.Key ?? item.ConditionCheck?.Key) as Key | undefined;
  if (!key) throw new Error('A transaction item without a key');
  return `${key.PK}\u0000${key.SK}`;
}

/**
 * Groups packed in order into transactions of at most `max` items, each group whole. An identical
 * condition check two groups share (the same employer checked at the same version) is made once; any
 * other second touch of an item starts the next transaction.
 */
export function packTransactions(groups: readonly TransactItem[][], max = Store.maxItems): TransactItem[][] {
  const packs: TransactItem[][] = [];
  let pack: TransactItem[] = [];
  let held = new Map<string, string>();
  for (const group of groups) {
    const fresh = new Map<string, string>();
    for (const item of group) {
      const k = itemKey(item);
      if (fresh.has(k)) throw new Error(`A group names ${k} twice`);
      fresh.set(k, item.ConditionCheck ? JSON.stringify(item) : '');
    }
    if (fresh.size > max) throw new Error('A group holds more items than one transaction');
    const shared = [...fresh].filter(([k]) => held.has(k));
    const clash = shared.some(([k, check]) => !check || held.get(k) !== check);
    if (pack.length && (clash || pack.length + fresh.size - shared.length > max)) {
      packs.push(pack);
      pack = [];
      held = new Map();
    }
    for (const item of group) {
      const k = itemKey(item);
      if (held.has(k)) continue;
      held.set(k, fresh.get(k)!);
      pack.push(item);
    }
  }
  if (pack.length) packs.push(pack);
  return packs;
}
