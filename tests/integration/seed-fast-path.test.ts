import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeleteCommand, GetCommand, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '../../shared/adapters/dynamodb/keys.js';
import { profileKey } from '../../shared/adapters/dynamodb/pool.js';
import { readLogEntry } from '../../shared/adapters/dynamodb/pool-log.js';
import type { Participant } from '../../shared/domain/participant.js';
import { isMatchable } from '../../shared/matching/profile.js';
import type { CaseworkChange, NewEmployer, NewParticipant, RecordCap } from '../../shared/ports/repositories.js';
import type { DemoData } from '../../scripts/seed/generate.js';
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

/**
 * The same records written twice, each copy in an organisation of its own (the generator's ids do not
 * depend on the organisation): once through the bulk path, once one repository call at a time as the
 * API's requests would. With the organisation's name taken out, the two copies' items must be the same.
 */
describe('the bulk paths for employers, vacancies and casework', () => {
  const cap = (max: number): RecordCap => ({ max, existing: 0, refusal: () => new Error('over the cap') });
  const caps = { contacts: cap(100), pledges: cap(100) };

  /** A slice of the district in `orgId`: employers with every kind of record, vacancies in every status, contacts and plans. */
  function slice(orgId: string) {
    // The generator's records differ by organisation only in its name (their ids do not depend on it):
    // the file's district with the name changed is the one it would make for `orgId`, without generating it again.
    const d: DemoData = JSON.parse(JSON.stringify(data).replaceAll(`"${ORG}"`, `"${orgId}"`));
    // The employer with the most interactions first: it gets the pledge (this small district has none).
    const employers = [...d.employers].sort(
      (a, b) => d.interactions.filter((i) => i.employerId === b.id).length - d.interactions.filter((i) => i.employerId === a.id).length,
    );
    const [top] = employers;
    const pledge = {
      id: '01JHFFZ9E0S39HN8EJ57Z7PLDG',
      employerId: top!.id,
      description: 'Ten apprenticeships by the summer',
      jobsPledged: 10,
      byDate: '2027-07-31',
      madeAt: '2026-10-01T10:00:00.000Z',
      recordedBy: top!.accountManagerId,
      progress: { hires: 1, sustained: 0, percent: 10 },
    };
    const records: NewEmployer[] = employers.map((e) => ({
      employer: e,
      contacts: d.contacts.filter((c) => c.employerId === e.id),
      interactions: d.interactions.filter((i) => i.employerId === e.id),
      pledges: e.id === top!.id ? [pledge] : [],
    }));
    const byId = new Map(d.employers.map((e) => [e.id, e]));
    // Every status, and several of one employer's (their checks of it shared in one transaction).
    const vacancies = [
      ...d.vacancies.filter((v) => v.status !== 'open'),
      ...d.vacancies.filter((v) => v.status === 'open').slice(0, 4),
    ].map((v) => ({
      vacancy: v,
      employer: byId.get(v.employerId)!,
      events: v.publishedAt
        ? [
            {
              id: `${v.id}.published`,
              type: 'vacancy.published' as const,
              orgId,
              at: v.publishedAt,
              actorSub: v.createdBy,
              vacancyId: v.id,
              employerId: v.employerId,
            },
          ]
        : [],
    }));
    const auditOfContact = new Map(d.caseworkAudit.filter((a) => a.detail?.record === 'contact').map((a) => [String(a.detail?.id), a]));
    const auditOfPlan = new Map(d.caseworkAudit.filter((a) => a.detail?.record === 'plan').map((a) => [a.subjectId, a]));
    const casework: CaseworkChange[] = [
      ...d.caseContacts.slice(0, 24).map((contact) => ({ orgId, contact, audit: auditOfContact.get(contact.id)! })),
      ...d.actionPlans.slice(0, 4).map((plan) => ({ orgId, plan: { next: plan }, audit: auditOfPlan.get(plan.participantId)! })),
    ];
    return { records, vacancies, casework };
  }

  /** Every item of an organisation but its pool change log (one item a transaction, so not the same count), its name taken out. */
  async function itemsOfOrg(orgId: string) {
    const out = await h.db.send(
      new ScanCommand({
        TableName: h.tableName,
        FilterExpression: 'contains(PK, :org) AND NOT contains(PK, :log)',
        ExpressionAttributeValues: { ':org': `${orgId}#`, ':log': '#POOLLOG#' },
        ConsistentRead: true,
      }),
    );
    expect(out.LastEvaluatedKey).toBeUndefined();
    return (out.Items ?? [])
      .map((item) => JSON.stringify(item).replaceAll(orgId, '<org>'))
      .sort()
      .map((x) => JSON.parse(x));
  }

  it('write exactly what one request at a time writes: records, guards, counters, engaged months, pool entries, audit', async () => {
    // Prepare
    const fast = slice('org-fast');
    const slow = slice('org-slow');
    expect(fast.records.some((r) => r.contacts!.length && r.interactions!.length > 1)).toBe(true);
    expect(new Set(fast.vacancies.map((v) => v.vacancy.status)).size).toBeGreaterThanOrEqual(3);
    const r = h.deps.repos;
    // Act: the bulk path…
    await r.employers.createMany(fast.records, caps);
    await r.vacancies.createMany(fast.vacancies);
    await r.casework.applyMany(fast.casework);
    // …and one at a time, as the API's requests would
    for (const { employer: e, contacts = [], interactions = [], pledges = [] } of slow.records) {
      await r.employers.create(e);
      for (const c of contacts) await r.employers.addContact(e.orgId, c, caps.contacts);
      for (const i of interactions) await r.employers.addInteraction(e.orgId, i);
      for (const p of pledges) await r.employers.addPledge(e.orgId, p, caps.pledges);
    }
    for (const v of slow.vacancies) await r.vacancies.create(v.vacancy, v.employer, v.events);
    for (const c of slow.casework) await r.casework.apply(c);
    // Assess
    const [a, b] = [await itemsOfOrg('org-fast'), await itemsOfOrg('org-slow')];
    expect(a.length).toBeGreaterThan(150);
    expect(a.filter((i) => i.type === 'Counts')).toHaveLength(fast.records.filter((x) => x.contacts!.length || x.pledges!.length).length);
    expect(a).toEqual(b);
    // Clean up: no notifier runs in this file, so the events written are taken away by hand (settled() waits for them).
    for (const orgId of ['org-fast', 'org-slow'])
      for (const e of fast.vacancies.flatMap((v) => v.events))
        await h.db.send(new DeleteCommand({ TableName: h.tableName, Key: keys.outbox(orgId, e.id) }));
  });

  it('refuses a pack whose guard is taken, writing none of it', async () => {
    const { records } = slice('org-pack');
    await h.deps.repos.employers.createMany([records[0]!], caps);
    // The second employer's pack also holds the first again: its guards are taken.
    await expect(h.deps.repos.employers.createMany([records[1]!, records[0]!], caps)).rejects.toThrow();
    expect(await h.deps.repos.employers.get('org-pack', records[1]!.employer.id)).toBeUndefined();
    // Over a cap: refused before anything is written.
    const over = slice('org-cap').records.find((x) => x.contacts!.length)!;
    await expect(h.deps.repos.employers.createMany([over], { ...caps, contacts: cap(0) })).rejects.toThrow('over the cap');
    expect(await h.deps.repos.employers.get('org-cap', over.employer.id)).toBeUndefined();
  });
});
