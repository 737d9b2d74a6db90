import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * Locally there is no Lambda event source mapping: this polls DynamoDB Local's table stream and hands
 * each batch to the same handler the notifier Lambda runs. Starts from the oldest record kept (the
 * handler is idempotent, so records seen before a restart do no harm).
 */
export function startStreamPoller(opts: {
  db: DynamoDBDocumentClient;
  endpoint: string;
  tableName: string;
  intervalMs?: number;
  onRecords: (records: _Record[]) => Promise<{ batchItemFailures: { itemIdentifier: string }[] }>;
  onError?: (err: unknown) => void;
}): { stop(): Promise<void> } {
  const streams = new DynamoDBStreamsClient({ endpoint: opts.endpoint, region: 'eu-west-2', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const iterators = new Map<string, string | undefined>();
  let stopped = false;
  let loop: Promise<void> | undefined;

  async function refreshShards(streamArn: string) {
    const d = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
    for (const shard of d.StreamDescription?.Shards ?? []) {
      if (!shard.ShardId || iterators.has(shard.ShardId)) continue;
      const it = await streams.send(new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shard.ShardId, ShardIteratorType: 'TRIM_HORIZON' }));
      iterators.set(shard.ShardId, it.ShardIterator);
    }
  }

  async function run() {
    const table = await opts.db.send(new DescribeTableCommand({ TableName: opts.tableName }));
    const arn = table.Table?.LatestStreamArn;
    if (!arn) throw new Error(`table ${opts.tableName} has no stream`);
    let round = 0;
    while (!stopped) {
      try {
        if (round++ % 20 === 0) await refreshShards(arn);
        let any = false;
        for (const [shard, iterator] of iterators) {
          if (!iterator) continue;
          const out = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 100 }));
          iterators.set(shard, out.NextShardIterator);
          const records = out.Records ?? [];
          if (!records.length) continue;
          any = true;
          const { batchItemFailures } = await opts.onRecords(records);
          if (batchItemFailures.length) {
            // Like Lambda's bisect-and-retry, in miniature: re-read this shard from the first failure next round.
            const first = batchItemFailures[0]!.itemIdentifier;
            const it = await streams.send(new GetShardIteratorCommand({ StreamArn: arn, ShardId: shard, ShardIteratorType: 'AT_SEQUENCE_NUMBER', SequenceNumber: first }));
            iterators.set(shard, it.ShardIterator);
          }
        }
        if (!any) await new Promise((r) => setTimeout(r, opts.intervalMs ?? 200));
      } catch (err) {
        opts.onError?.(err);
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
  }

  loop = run().catch((err) => opts.onError?.(err));
  return {
    async stop() {
      stopped = true;
      await loop;
      streams.destroy();
    },
  };
}
