/**
 * Where the first start's time goes: the same participant-shaped items written to a fresh DynamoDB Local
 * (on disk, as `npm start` runs it, or in memory) one transaction per record, several records per
 * transaction, or BatchWriteItem, with the CPU time of the JVM and of this process beside the wall time.
 * `tsx bench/write-paths.ts [records]`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BatchWriteCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient, PATIENT_DB_TIMEOUTS } from '../shared/adapters/dynamodb/client.js';
import { ensureTable } from '../shared/adapters/dynamodb/create-table.js';
import { freePort, startLocalDynamo } from '../scripts/lib/local-dynamo.js';

const N = Number(process.argv[2] ?? 1200);
const TABLE = 'bench-writes';
const pad = 'x'.repeat(1500);

/** Six items a record, as a participant with two readiness entries, a profile and a log entry comes to. */
const itemsOf = (run: string, i: number) => [
  { PK: `O#b#P#${run}${i}`, SK: 'META', type: 'Participant', GSI1PK: `O#b#ADV#${i % 50}`, GSI1SK: `n${i}`, body: pad },
  { PK: `O#b#P#${run}${i}`, SK: 'RDY#1', type: 'ReadinessChange', to: 'amber' },
  { PK: `O#b#P#${run}${i}`, SK: 'RDY#2', type: 'ReadinessChange', to: 'green' },
  { PK: `O#b#P#${run}${i}`, SK: 'AUD#1', type: 'Audit', action: 'sensitive.write' },
  { PK: `O#b#POOL#LS1`, SK: `P#${run}${i}`, type: 'MatchProfile', GSI1PK: 'O#b#AREA#LS', GSI1SK: `P#${i}`, profile: pad.slice(0, 400) },
  { PK: `O#b#PLOG#d`, SK: `${run}${i}`, type: 'PoolChange' },
];

async function pool<T>(items: T[], limit: number, fn: (t: T) => Promise<unknown>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

const chunk = <T>(xs: T[], n: number) => Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, i * n + n));

for (const disk of [true, false]) {
  const dir = disk ? await mkdtemp(join(tmpdir(), 'wp-')) : undefined;
  const dynamo = await startLocalDynamo({ port: await freePort(), ...(dir ? { dbPath: dir } : {}) });
  const cpuMs = () => (dynamo.cpuSeconds() ?? 0) * 1000;
  const db = createDocumentClient({ endpoint: dynamo.endpoint, timeouts: PATIENT_DB_TIMEOUTS });
  await ensureTable(db, TABLE);
  const modes: [string, number, (run: string) => Promise<unknown>][] = [
    [
      '1 record a transaction (6 items)',
      16,
      (run) =>
        pool([...Array(N).keys()], 16, (i) =>
          db.send(
            new TransactWriteCommand({
              TransactItems: itemsOf(run, i).map((Item) => ({
                Put: { TableName: TABLE, Item, ConditionExpression: 'attribute_not_exists(PK)' },
              })),
            }),
          ),
        ),
    ],
    [
      '16 records a transaction (96 items)',
      4,
      (run) =>
        pool(chunk([...Array(N).keys()], 16), 4, (is) =>
          db.send(
            new TransactWriteCommand({
              TransactItems: is
                .flatMap((i) => itemsOf(run, i))
                .map((Item) => ({ Put: { TableName: TABLE, Item, ConditionExpression: 'attribute_not_exists(PK)' } })),
            }),
          ),
        ),
    ],
    [
      'BatchWriteItem (25 items)',
      8,
      (run) =>
        pool(
          chunk(
            [...Array(N).keys()].flatMap((i) => itemsOf(run, i)),
            25,
          ),
          8,
          (items) => db.send(new BatchWriteCommand({ RequestItems: { [TABLE]: items.map((Item) => ({ PutRequest: { Item } })) } })),
        ),
    ],
  ];
  let r = 0;
  for (const [name, conc, run] of modes) {
    const j0 = cpuMs();
    const n0 = process.cpuUsage();
    const t0 = performance.now();
    await run(`r${r++}-`);
    const wall = performance.now() - t0;
    const n1 = process.cpuUsage(n0);
    const j1 = cpuMs();
    console.log(
      `${disk ? 'disk  ' : 'memory'} ${name.padEnd(38)} conc ${conc}: ${N} records in ${(wall / 1000).toFixed(1)} s  ` +
        `(${((N * 1000) / wall).toFixed(0)}/s; JVM CPU ${((j1 - j0) / 1000).toFixed(1)} s, Node CPU ${((n1.user + n1.system) / 1e6).toFixed(1)} s)`,
    );
  }
  await dynamo.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
}
