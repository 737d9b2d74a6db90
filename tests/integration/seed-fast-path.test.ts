import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '../../shared/adapters/dynamodb/keys.js';
import { profileKey } from '../../shared/adapters/dynamodb/pool.js';
import { readLogEntry } from '../../shared/adapters/dynamodb/pool-log.js';
import type { Participant } from '../../shared/domain/participant.js';
import { isMatchable } from '../../shared/matching/profile.js';
import type { NewParticipant } from '../../shared/ports/repositories.js';
import { generateDemoData } from '../../scripts/seed/generate.js';
import { createHarness, ORG, type Harness } from '../support/harness.js';

/**
 * The bulk path (`ParticipantRepository.createMany`, which the first start's demo load and the import use)
 * against the one-request-at-a-time path the API takes (create, each readiness change, a profile update,
 * the sensitive part: the repository calls the use cases make): the same items, keys and attributes.
 */
let h: Harness;
beforeAll(async () => {
  h = await createHarness({ now: '2026-11-25T10:00:00Z' });
});
afterAll(() => h?.settled());

const data = generateDemoData({ now: new Date('2026-11-25T10:00:00Z'), orgId: ORG, scale: 0.05 });
const sensitiveOf = new Map(data.sensitive.map((s) => [s.participantId, s]));
const auditOf = new Map(data.audit.map((a) => [a.subjectId, a]));
const whole = (p: Participant): NewParticipant => {
  const s = sensitiveOf.get(p.id);
  return { participant: p, history: data.readinessHistory[p.id]!, ...(s ? { sensitive: { part: s, audit: auditOf.get(p.id)! } } : {}) };
};

/** What the API's requests would have written for this participant, one repository call per request. */
async function oneAtATime({ participant: p, history, sensitive }: NewParticipant) {
  const repo = h.deps.repos.participants;
  let prev: Participant | undefined;
  for (let i = 0; i < history.length; i++) {
    const e = history[i]!;
    const last = i === history.length - 1 && p.version === history.length;
    const state: Participant = last ? p : { ...p, readiness: e.to, version: i + 1, updatedAt: e.changedAt, updatedBy: e.changedBy };
    if (!prev) await repo.create(state, e);
    else await repo.changeReadiness(prev, state, e);
    prev = state;
  }
  if (p.version > history.length) await repo.update(prev!, p);
  if (sensitive) await repo.putSensitive(ORG, sensitive.part, 0, sensitive.audit);
}

/** Every item of a participant: its partition (record, history, audit, sensitive part), its pool profile and import guard. */
async function itemsOf(p: Participant) {
  const out = await h.db.send(
    new QueryCommand({
      TableName: h.tableName,
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': keys.participant(ORG, p.id).PK },
    }),
  );
  const extra = [
    ...(isMatchable(p) ? [profileKey(p)] : []),
    ...(p.externalRef ? [keys.importRefGuard(ORG, 'participants', p.externalRef)] : []),
  ];
  const more = await Promise.all(extra.map(async (Key) => (await h.db.send(new GetCommand({ TableName: h.tableName, Key }))).Item));
  // History entries are keyed by a new ULID each write: compare them by their order.
  let n = 0;
  return [...(out.Items ?? []), ...more].map((item) =>
    JSON.parse(
      JSON.stringify(item)
        .replaceAll(p.id, '<id>')
        .replace(/"SK":"READY#[0-9A-Z]{26}"/, () => `"SK":"READY#${n++}"`),
    ),
  );
}

/** The participants the pool change log names today (the log is dated by the wall clock, not the app's). */
async function logged(): Promise<Set<string>> {
  const out = await h.db.send(
    new QueryCommand({
      TableName: h.tableName,
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': keys.poolLogPartition(ORG, new Date().toISOString().slice(0, 10)) },
      ConsistentRead: true,
    }),
  );
  const ids = new Set<string>();
  for (const item of out.Items ?? []) for (const c of readLogEntry(item).changes) if (c.kind === 'P') ids.add(c.id);
  return ids;
}

describe('the bulk path for participants', () => {
  it('writes exactly what the one-request-at-a-time path writes, and logs each pool entry it puts', async () => {
    // Prepare: people of every shape the demo district has: long histories, later updates, sensitive parts, matchable or not.
    const taken = new Set<string>();
    const pick = (pred: (p: Participant) => boolean) => {
      const p = data.participants.find((x) => !taken.has(x.id) && pred(x))!;
      taken.add(p.id);
      return p;
    };
    const chosen = [
      pick((p) => (data.readinessHistory[p.id]?.length ?? 0) >= 3 && sensitiveOf.has(p.id)),
      pick((p) => p.version > (data.readinessHistory[p.id]?.length ?? 0)),
      pick((p) => !sensitiveOf.has(p.id) && isMatchable(p)),
      pick((p) => !isMatchable(p)),
    ].map((p, i) => ({ ...p, externalRef: `REF-${i}` }));
    expect(new Set(chosen.map((p) => p.id)).size).toBe(4);
    // Twins: the same people under another id, written the slow way.
    const twins = chosen.map((p) => ({ ...p, id: h.deps.ids.next(), externalRef: `${p.externalRef}-twin` }));
    const twinOf = (r: NewParticipant, t: Participant): NewParticipant => ({
      participant: t,
      history: r.history,
      ...(r.sensitive
        ? {
            sensitive: {
              part: { ...r.sensitive.part, participantId: t.id },
              audit: { ...r.sensitive.audit, subjectId: t.id },
            },
          }
        : {}),
    });
    // Act
    await h.deps.repos.participants.createMany(chosen.map(whole));
    for (let i = 0; i < chosen.length; i++) await oneAtATime(twinOf(whole(chosen[i]!), twins[i]!));
    // Assess
    for (let i = 0; i < chosen.length; i++) {
      const fast = await itemsOf(chosen[i]!);
      const slow = (await itemsOf(twins[i]!)).map((x) =>
        JSON.parse(JSON.stringify(x).replaceAll(`${chosen[i]!.externalRef}-twin`, chosen[i]!.externalRef!)),
      );
      expect(fast.length).toBeGreaterThanOrEqual(3);
      expect(fast).toEqual(slow);
    }
    const inLog = await logged();
    for (const p of [...chosen, ...twins]) expect(inLog.has(p.id), p.id).toBe(isMatchable(p));
  });

  it('writes all of a pack or none of it: a reference already taken fails the whole pack', async () => {
    const [a, b] = data.participants.slice(-2).map((p) => ({ ...p, externalRef: `PACK-${p.id}` }));
    const other = whole(b!);
    await h.deps.repos.participants.createMany([{ ...other, participant: { ...b!, id: h.deps.ids.next(), externalRef: 'PACK-TAKEN' } }]);
    await expect(h.deps.repos.participants.createMany([whole(a!), whole({ ...b!, externalRef: 'PACK-TAKEN' })])).rejects.toThrow();
    expect(await h.deps.repos.participants.get(ORG, a!.id)).toBeUndefined();
  });
});
