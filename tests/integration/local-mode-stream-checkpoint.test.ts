import { dynamoEndpoint } from '../support/dynamo-endpoint.js';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { _Record } from '@aws-sdk/client-dynamodb-streams';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileCheckpointStore, startStreamPoller, type StreamCheckpointStore } from '../../scripts/lib/stream-poller.js';
import { createHarness, type Harness } from '../support/harness.js';

/**
 * `npm start`'s stream poller keeps its place across restarts, as the Lambda event source mapping
 * does in AWS: a restarted poller hands on only what was written since, not the whole retained stream.
 */
let h: Harness;
let dir: string;
const endpoint = () => dynamoEndpoint();

beforeAll(async () => {
  h = await createHarness();
  dir = await mkdtemp(join(tmpdir(), 'routeway-checkpoint-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const keyOf = (r: _Record) => `${String(r.dynamodb?.Keys?.PK?.S)}|${String(r.dynamodb?.Keys?.SK?.S)}`;

async function put(prefix: string, n: number): Promise<string[]> {
  const keys: string[] = [];
  for (let i = 0; i < n; i++) {
    const item = { PK: `CHECKPOINT#${prefix}`, SK: String(i).padStart(4, '0') };
    await h.db.send(new PutCommand({ TableName: h.tableName, Item: item }));
    keys.push(`${item.PK}|${item.SK}`);
  }
  return keys;
}

/** Runs a poller until it has handed on every key in `want`, then stops it; returns every key it handed on. */
async function pollUntil(want: string[], checkpoint?: StreamCheckpointStore): Promise<string[]> {
  const seen: string[] = [];
  const errors: unknown[] = [];
  const poller = startStreamPoller({
    db: h.db,
    endpoint: endpoint(),
    tableName: h.tableName,
    intervalMs: 50,
    ...(checkpoint ? { checkpoint } : {}),
    onError: (err) => errors.push(err),
    onRecords: async (records) => {
      seen.push(...records.map(keyOf));
      return { batchItemFailures: [] };
    },
  });
  try {
    await h.eventually(async () => expect(want.filter((k) => !seen.includes(k))).toEqual([]), 20_000);
  } finally {
    await poller.stop();
  }
  expect(errors).toEqual([]);
  return seen;
}

describe('the local stream poller', () => {
  it('resumes after the last record it processed when restarted with the same checkpoint', async () => {
    const path = join(dir, 'resume', 'stream-checkpoint.json');
    const first = await put('first', 25);
    const run1 = await pollUntil(first, fileCheckpointStore(path));
    expect(run1.filter((k) => k.startsWith('CHECKPOINT#first'))).toEqual(first);

    // Written after each batch, atomically: a whole JSON document and no temporary file left beside it.
    const saved = JSON.parse(await readFile(path, 'utf8')) as { streamArn: string; shards: Record<string, string> };
    expect(saved.streamArn).toMatch(/stream/);
    expect(Object.keys(saved.shards).length).toBeGreaterThan(0);
    expect(await readdir(join(dir, 'resume'))).toEqual(['stream-checkpoint.json']);

    const second = await put('second', 7);
    const run2 = await pollUntil(second, fileCheckpointStore(path));
    expect(run2).toEqual(second);
  });

  it('without a checkpoint starts from the oldest record, as before', async () => {
    const more = await put('plain', 3);
    const seen = await pollUntil(more);
    expect(seen.filter((k) => k.startsWith('CHECKPOINT#first'))).toHaveLength(25);
  });

  it('starts from the oldest record when the saved position is refused or belongs to another stream', async () => {
    const want = await put('refused', 2);
    const good = JSON.parse(await readFile(join(dir, 'resume', 'stream-checkpoint.json'), 'utf8')) as {
      streamArn: string;
      shards: Record<string, string>;
    };
    const [shard] = Object.keys(good.shards);

    // A position past anything the shard holds (its records were trimmed, or the database was replaced), and garbage.
    for (const position of ['999999999999999999999999', 'not-a-sequence-number']) {
      const refused = join(dir, 'refused.json');
      await writeFile(
        refused,
        JSON.stringify({ streamArn: good.streamArn, shards: { [shard!]: position, 'shardId-gone': '000000000000000000001' } }),
      );
      const seen = await pollUntil(want, fileCheckpointStore(refused));
      expect(seen.filter((k) => k.startsWith('CHECKPOINT#first'))).toHaveLength(25);
      // The next checkpoint is a real position again, and forgets the shard the stream no longer has.
      const now = JSON.parse(await readFile(refused, 'utf8')) as { shards: Record<string, string> };
      expect(Object.keys(now.shards)).toEqual([shard]);
      expect(now.shards[shard!]).not.toBe(position);
    }

    const otherStream = join(dir, 'other-stream.json');
    await writeFile(otherStream, JSON.stringify({ streamArn: `${good.streamArn}-old`, shards: good.shards }));
    const seenOther = await pollUntil(want, fileCheckpointStore(otherStream));
    expect(seenOther.filter((k) => k.startsWith('CHECKPOINT#first'))).toHaveLength(25);

    const broken = join(dir, 'broken.json');
    await writeFile(broken, '{"streamArn": "arn:aws:dyn');
    const seenBroken = await pollUntil(want, fileCheckpointStore(broken));
    expect(seenBroken.filter((k) => k.startsWith('CHECKPOINT#first'))).toHaveLength(25);
  });

  it('checkpoints only up to the first failed record, so a restart retries it', async () => {
    const path = join(dir, 'failure.json');
    const base = await put('before-failure', 1);
    await pollUntil(base, fileCheckpointStore(path));
    const batch = await put('failure', 5);
    // The poller is stopped right after the failed batch: the retry has not happened in this run.
    const seen: string[] = [];
    const store = fileCheckpointStore(path);
    const poller = startStreamPoller({
      db: h.db,
      endpoint: endpoint(),
      tableName: h.tableName,
      intervalMs: 50,
      checkpoint: store,
      onRecords: async (records) => {
        const failed = records.find((r) => keyOf(r) === batch[2]);
        const handled = failed ? records.slice(0, records.indexOf(failed)) : records;
        seen.push(...handled.map(keyOf));
        return { batchItemFailures: failed ? [{ itemIdentifier: failed.dynamodb!.SequenceNumber! }] : [] };
      },
    });
    try {
      await h.eventually(async () => expect(seen).toEqual(batch.slice(0, 2)), 20_000);
    } finally {
      await poller.stop();
    }
    const after = await pollUntil(batch.slice(2), store);
    expect(after).toEqual(batch.slice(2));
  });
});
