import { beforeAll, describe, expect, it } from 'vitest';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { body, createHarness, ORG, type Harness } from '../support/harness.js';
import { employerBody, participantBody, vacancyBody } from '../support/fixtures.js';
import { keys } from '../../shared/adapters/dynamodb/keys.js';
import { logDays, POOL_LOG, readLogEntry, type PoolChange } from '../../shared/adapters/dynamodb/pool-log.js';
import { geohash } from '../../shared/matching/geo.js';

/**
 * The pool change log against real DynamoDB Local: every change to a pool entry adds one log item in
 * its own transaction, naming whose entry and which cells; nothing else does, and a change that fails
 * leaves no trace.
 */
let h: Harness;
let employerId: string;
const started = Date.now();

async function logSince(from: number): Promise<{ ulid: string; changes: PoolChange[]; expiresAt: number }[]> {
  const out: { ulid: string; changes: PoolChange[]; expiresAt: number }[] = [];
  for (const day of logDays(from, Date.now())) {
    const page = await h.db.send(
      new QueryCommand({
        TableName: h.tableName,
        KeyConditionExpression: 'PK = :pk AND SK >= :from',
        ExpressionAttributeValues: { ':pk': keys.poolLogPartition(ORG, day), ':from': keys.poolLogFrom(from) },
        ConsistentRead: true,
      }),
    );
    for (const item of page.Items ?? []) out.push({ ...readLogEntry(item), expiresAt: Number(item.expiresAt) });
  }
  return out;
}

/** The log items a step wrote: what it changed, in order. */
async function logged(step: () => Promise<unknown>): Promise<PoolChange[][]> {
  const before = new Set((await logSince(started)).map((e) => e.ulid));
  await step();
  return (await logSince(started)).filter((e) => !before.has(e.ulid)).map((e) => e.changes);
}

const LEEDS = { lat: 53.7965, lng: -1.5478 };
const YORK = { lat: 53.96, lng: -1.08 };
const cellOf = (p: { lat: number; lng: number }) => geohash(p.lat, p.lng, 4);
/** A profile's entry names its cell and the sub-cell of its key. */
const at = (p: { lat: number; lng: number }) => ({ cell: cellOf(p), sub: geohash(p.lat, p.lng, 6) });

async function addParticipant(over: Record<string, unknown> = {}) {
  const res = await h.call('POST', '/participants', {
    as: 'adv',
    body: participantBody({ consent: { matching: true, shareWithEmployers: [] }, home: { postcode: 'LS1 4AP', location: LEEDS }, ...over }),
  });
  expect(res.status).toBe(201);
  return body<{ id: string; version: number }>(res);
}

beforeAll(async () => {
  h = await createHarness({ now: '2026-11-25T10:00:00Z' });
  await h.signIn('lia', 'liaison');
  await h.signIn('adv', 'adviser', { sub: 'u-adviser-1' });
  employerId = (await body(await h.call('POST', '/employers', { as: 'lia', body: employerBody() }))).id as string;
});

describe('the pool change log', () => {
  it('names the participant and cell of a new match profile, and expires', async () => {
    let id = '';
    const entries = await logged(async () => {
      id = (await addParticipant()).id;
    });
    expect(entries).toEqual([[{ kind: 'P', id, ...at(LEEDS) }]]);
    const [last] = (await logSince(started)).slice(-1);
    const ttl = last!.expiresAt - Math.floor(Date.now() / 1000);
    expect(ttl).toBeGreaterThan(POOL_LOG.ttlSeconds - 600);
    expect(ttl).toBeLessThanOrEqual(POOL_LOG.ttlSeconds);
  });

  it('a move names both cells in one entry; consent withdrawn, readiness, the sensitive part each write one', async () => {
    const p = await addParticipant();
    expect(
      await logged(() => h.call('PATCH', `/participants/${p.id}`, { as: 'adv', body: { home: { postcode: 'YO1 7HH', location: YORK } } })),
    ).toEqual([
      [
        { kind: 'P', id: p.id, ...at(LEEDS) },
        { kind: 'P', id: p.id, ...at(YORK) },
      ],
    ]);
    const one = [[{ kind: 'P', id: p.id, ...at(YORK) }]];
    expect(
      await logged(() =>
        h.call('POST', `/participants/${p.id}/readiness`, { as: 'adv', body: { readiness: 'amber', reason: 'Missed two' } }),
      ),
    ).toEqual(one);
    expect(
      await logged(() => h.call('PUT', `/participants/${p.id}/sensitive`, { as: 'adv', body: { workLimits: ['heavy-lifting'] } })),
    ).toEqual(one);
    expect(
      await logged(() => h.call('PUT', `/participants/${p.id}/consent`, { as: 'adv', body: { matching: false, shareWithEmployers: [] } })),
    ).toEqual(one);
    // Out of every pool now: changing them changes no pool entry, so nothing is logged.
    expect(await logged(() => h.call('PATCH', `/participants/${p.id}`, { as: 'adv', body: { firstName: 'Deana' } }))).toEqual([]);
  });

  it('a failed change logs nothing; a participant never matchable is never logged', async () => {
    const p = await addParticipant();
    const stale = await logged(async () => {
      const res = await h.call('PATCH', `/participants/${p.id}`, {
        as: 'adv',
        headers: { 'if-match': `"${p.version + 5}"` },
        body: { firstName: 'Stale' },
      });
      expect(res.status).toBe(412);
    });
    expect(stale).toEqual([]);
    expect(await logged(() => addParticipant({ consent: { matching: false, shareWithEmployers: [] } }))).toEqual([]);
  });

  it('open vacancies are logged by their cell; putting someone forward logs the counts that changed on their profile', async () => {
    let vacancyId = '';
    const opened = await logged(async () => {
      const res = await h.call('POST', '/vacancies', {
        as: 'lia',
        body: vacancyBody(employerId, { status: 'open', site: { postcode: 'LS1 4AP', location: LEEDS } }),
      });
      expect(res.status).toBe(201);
      vacancyId = (await body(res)).id as string;
    });
    expect(opened).toEqual([[{ kind: 'V', id: vacancyId, cell: cellOf(LEEDS) }]]);
    const p = await addParticipant({ skills: ['picking'] });
    const put = await logged(async () => {
      const res = await h.call('POST', `/vacancies/${vacancyId}/submissions`, { as: 'lia', body: { participantIds: [p.id] } });
      expect(res.status).toBe(201);
    });
    expect(put).toEqual([[{ kind: 'P', id: p.id, ...at(LEEDS) }]]);
  });

  it('erasure logs the profile it deletes', async () => {
    await h.signIn('adm', 'admin');
    const p = await addParticipant();
    const erased = await logged(async () => {
      const res = await h.call('DELETE', `/participants/${p.id}`, { as: 'adm' });
      expect(res.status).toBe(204);
    });
    expect(erased).toEqual([[{ kind: 'P', id: p.id, ...at(LEEDS) }]]);
  });
});
