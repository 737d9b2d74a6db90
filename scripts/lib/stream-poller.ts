import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** Where a stream poller got to: the last processed sequence number of each shard of one stream. */
export interface StreamPosition {
  streamArn: string;
  shards: Record<string, string>;
}

/** Keeps a poller's position across restarts, as a Lambda event source mapping keeps its own. */
export interface StreamCheckpointStore {
  /** The saved position, or undefined when there is none (first start). */
  load(): Promise<StreamPosition | undefined>;
  save(position: StreamPosition): Promise<void>;
}

/**
 * A checkpoint in a small JSON file. Each save writes a temporary file beside it and renames it over
 * the old one, so a crash mid-write leaves the previous position, never half a file. A missing or
 * unreadable file is no position (the poller starts from the oldest record, which is always safe).
 */
export function fileCheckpointStore(path: string): StreamCheckpointStore {
  return {
    async load() {
      const text = await readFile(path, 'utf8').catch(() => undefined);
      if (!text) return undefined;
      try {
        const parsed = JSON.parse(text) as Partial<StreamPosition>;
        if (typeof parsed.streamArn !== 'string' || !parsed.shards || typeof parsed.shards !== 'object') return undefined;
        const shards = Object.fromEntries(Object.entries(parsed.shards).filter((e): e is [string, string] => typeof e[1] === 'string'));
        return { streamArn: parsed.streamArn, shards };
      } catch {
        return undefined;
      }
    },
    async save(position) {
      await mkdir(dirname(path), { recursive: true });
      const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
      try {
        await writeFile(tmp, `${JSON.stringify(position, null, 2)}\n`);
        await rename(tmp, path);
      } catch (err) {
        await rm(tmp, { force: true });
        throw err;
      }
    },
  };
}

/**
 * The streams API answered, and refused the position (AWS says TrimmedDataAccessException or
 * ValidationException; DynamoDB Local answers a position it does not have with a 500
 * InternalFailure), as opposed to not answering at all, which is worth retrying as it is.
 */
const refused = (err: unknown) => (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode !== undefined;

/**
 * Locally there is no Lambda event source mapping: this polls DynamoDB Local's table stream and hands
 * each batch to the same handler the notifier Lambda runs. Without a `checkpoint` it starts every shard
 * from the oldest record kept (the handler is idempotent, so records seen before do no harm, but a
 * long-lived local table makes that slow). With one, like the event source mapping, it records the last
 * record processed per shard after each batch and resumes just after it on the next start; shards it
 * has no position for, and positions the stream refuses (trimmed away, or from another stream), start
 * from the oldest record.
 */
export function startStreamPoller(opts: {
  db: DynamoDBDocumentClient;
  endpoint: string;
  tableName: string;
  intervalMs?: number;
  onRecords: (records: _Record[]) => Promise<{ batchItemFailures: { itemIdentifier: string }[] }>;
  onError?: (err: unknown) => void;
  checkpoint?: StreamCheckpointStore;
}): { stop(): Promise<void> } {
  const streams = new DynamoDBStreamsClient({
    endpoint: opts.endpoint,
    region: 'eu-west-2',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const iterators = new Map<string, string | undefined>();
  /** The last sequence number processed per shard (what the checkpoint holds). */
  const processed = new Map<string, string>();
  let stopped = false;
  let wake: (() => void) | undefined;
  const pause = (ms: number) =>
    new Promise<void>((r) => {
      const t = setTimeout(r, ms);
      wake = () => {
        clearTimeout(t);
        r();
      };
    });

  async function startingIterator(streamArn: string, shardId: string): Promise<string | undefined> {
    const after = processed.get(shardId);
    if (after) {
      try {
        const it = await streams.send(
          new GetShardIteratorCommand({
            StreamArn: streamArn,
            ShardId: shardId,
            ShardIteratorType: 'AFTER_SEQUENCE_NUMBER',
            SequenceNumber: after,
          }),
        );
        return it.ShardIterator;
      } catch (err) {
        if (!refused(err)) throw err;
        processed.delete(shardId);
      }
    }
    const it = await streams.send(
      new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' }),
    );
    return it.ShardIterator;
  }

  async function refreshShards(streamArn: string) {
    const d = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
    for (const shard of d.StreamDescription?.Shards ?? []) {
      if (!shard.ShardId || iterators.has(shard.ShardId)) continue;
      iterators.set(shard.ShardId, await startingIterator(streamArn, shard.ShardId));
    }
  }

  async function save(streamArn: string) {
    if (!opts.checkpoint) return;
    // Only the shards the stream still has: positions in shards trimmed away are of no further use.
    const shards = Object.fromEntries([...processed].filter(([id]) => iterators.has(id)));
    await opts.checkpoint.save({ streamArn, shards });
  }

  async function run() {
    const table = await opts.db.send(new DescribeTableCommand({ TableName: opts.tableName }));
    const arn = table.Table?.LatestStreamArn;
    if (!arn) throw new Error(`table ${opts.tableName} has no stream`);
    const saved = await opts.checkpoint?.load();
    // A position from another stream (the table was recreated) means nothing for this one.
    if (saved?.streamArn === arn) for (const [shard, seq] of Object.entries(saved.shards)) processed.set(shard, seq);
    let round = 0;
    while (!stopped) {
      try {
        if (round % 20 === 0) await refreshShards(arn);
        round++;
        let any = false;
        for (const [shard, iterator] of iterators) {
          if (!iterator || stopped) continue;
          const out = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 100 }));
          iterators.set(shard, out.NextShardIterator);
          const records = out.Records ?? [];
          if (!records.length) continue;
          any = true;
          const { batchItemFailures } = await opts.onRecords(records);
          // The batch is done up to its first failure (all of it when none failed), as Lambda checkpoints.
          const firstFailure = batchItemFailures.length
            ? records.findIndex((r) => r.dynamodb?.SequenceNumber === batchItemFailures[0]!.itemIdentifier)
            : -1;
          const done = firstFailure === -1 ? records : records.slice(0, firstFailure);
          const last = done.at(-1)?.dynamodb?.SequenceNumber;
          if (last) {
            processed.set(shard, last);
            await save(arn);
          }
          if (batchItemFailures.length) {
            // Like Lambda's bisect-and-retry, in miniature: re-read this shard from the first failure next round.
            const first = batchItemFailures[0]!.itemIdentifier;
            const it = await streams.send(
              new GetShardIteratorCommand({
                StreamArn: arn,
                ShardId: shard,
                ShardIteratorType: 'AT_SEQUENCE_NUMBER',
                SequenceNumber: first,
              }),
            );
            iterators.set(shard, it.ShardIterator);
          }
        }
        if (!any && !stopped) await pause(opts.intervalMs ?? 200);
      } catch (err) {
        if (stopped) break;
        opts.onError?.(err);
        await pause(1000);
      }
    }
  }

  const loop = run().catch((err) => opts.onError?.(err));
  return {
    async stop() {
      stopped = true;
      wake?.();
      await loop;
      streams.destroy();
    },
  };
}
