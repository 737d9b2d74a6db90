import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '../../shared/adapters/dynamodb/keys.js';
import { MAX_CONTACTS, MAX_PLEDGES } from '../../shared/domain/employer.js';
import { body, createHarness, createInBulk, ORG, type Harness } from '../support/harness.js';
import { cohortBody, employerBody, participantBody, vacancyBody } from '../support/fixtures.js';

/**
 * Every capacity invariant under truly concurrent requests against the real DynamoDB Local: the
 * requests are all in flight at once (Promise.all over the in-process app, each its own chain of
 * database calls), counted, and checked against what the database holds afterwards. Never over,
 * never a 500.
 */
let h: Harness;
let employerId: string;
const tally: Record<string, Record<number, number>> = {};

function count(race: string, statuses: number[]) {
  const t = (tally[race] ??= {});
  for (const s of statuses) t[s] = (t[s] ?? 0) + 1;
  return statuses;
}

const person = (n: number) =>
  participantBody({
    firstName: `Racer${n}`,
    lastName: 'Test',
    readiness: 'green',
    consent: { matching: true, shareWithEmployers: ['firstName', 'skills'] },
  });

/** Made as the import makes them (a request each would be a transaction each): the races are on what comes after. */
const participants = (n: number): Promise<string[]> =>
  createInBulk(
    h,
    'participants',
    { sub: 'u-adviser-1', role: 'adviser' },
    Array.from({ length: n }, (_, i) => person(i)),
  );

async function openVacancy(positions: number) {
  const res = await h.call('POST', '/vacancies', { as: 'lia', body: vacancyBody(employerId, { status: 'open', positions }) });
  expect(res.status).toBe(201);
  return body<{ id: string; version: number }>(res);
}

/** Proposes, agrees and invites each participant: they end at interview. */
async function toInterview(vacancyId: string, ids: string[]): Promise<string[]> {
  const subs: string[] = [];
  for (let i = 0; i < ids.length; i += 15) {
    const res = await h.call('POST', `/vacancies/${vacancyId}/submissions`, { as: 'lia', body: { participantIds: ids.slice(i, i + 15) } });
    expect(res.status).toBe(201);
    subs.push(...(await body<{ items: { id: string }[] }>(res)).items.map((s) => s.id));
  }
  // Each candidate's steps in turn, the candidates side by side: each step writes only its own submission.
  await Promise.all(
    subs.map(async (id) => {
      expect((await h.call('POST', `/submissions/${id}/agreement`, { as: 'adv', body: { agreed: true } })).status).toBe(200);
      expect((await h.call('POST', `/submissions/${id}/decision`, { as: 'emp', body: { decision: 'interview' } })).status).toBe(200);
    }),
  );
  return subs;
}

beforeAll(async () => {
  h = await createHarness({ now: '2026-11-25T10:00:00Z' });
  await h.signIn('lia', 'liaison', { sub: 'u-liaison-1' });
  await h.signIn('lia2', 'liaison', { sub: 'u-liaison-2' });
  await h.signIn('adv', 'adviser', { sub: 'u-adviser-1' });
  employerId = (await body(await h.call('POST', '/employers', { as: 'lia', body: employerBody() }))).id as string;
  await h.signIn('emp', 'employer', { sub: 'u-employer-1', employerId });
}, 300_000);

afterAll(() => {
  const lines = Object.entries(tally).map(
    ([race, t]) =>
      `${race}: ${Object.entries(t)
        .map(([s, n]) => `${n}×${s}`)
        .join(', ')}`,
  );
  console.log(`races (${Object.keys(tally).length}):\n  ${lines.join('\n  ')}`);
});

describe('races on capacity invariants', () => {
  it('concurrent hires never exceed the positions; a hire on a filled vacancy is refused; the rest are withdrawn', async () => {
    // Prepare: 20 candidates at interview for a vacancy that then needs only 2 people.
    const v = await openVacancy(4);
    const ids = await participants(20);
    const subs = await toInterview(v.id, ids);
    expect((await h.call('PATCH', `/vacancies/${v.id}`, { as: 'lia', body: { positions: 2 } })).status).toBe(200);

    // Act: every hire at once, half by the employer and half by the liaison officer.
    const results = await Promise.all(
      subs.map((id, i) =>
        h.call('POST', `/submissions/${id}/outcome`, { as: i % 2 ? 'emp' : 'lia', body: { outcome: 'hired', startDate: '2026-12-07' } }),
      ),
    );
    const statuses = count(
      'hires vs 2 positions',
      results.map((r) => r.status),
    );

    // Assess
    expect(statuses.filter((s) => s === 200)).toHaveLength(2);
    // The rest are withdrawn in the filling hire's own transaction: an employer arriving after it finds the
    // candidate withdrawn, which employers never see (404); a liaison officer is told the vacancy is filled.
    expect(statuses.every((s, i) => s === 200 || s === 409 || (s === 404 && i % 2 === 1))).toBe(true);
    for (const r of results.filter((x) => x.status === 409)) expect(r.headers.get('content-type')).toContain('application/problem+json');
    const after = await body<{ filledPositions: number; status: string; liveSubmissions?: number }>(
      await h.call('GET', `/vacancies/${v.id}`, { as: 'lia' }),
    );
    expect(after).toMatchObject({ filledPositions: 2, status: 'filled' });
    expect(after.liveSubmissions ?? 0).toBe(0);
    const states = await Promise.all(
      subs.map(
        async (id) =>
          await body<{ state: string; history: { reason?: string }[] }>(await h.call('GET', `/submissions/${id}`, { as: 'lia' })),
      ),
    );
    expect(states.filter((s) => s.state === 'hired')).toHaveLength(2);
    // Every other candidate was let go when the last position filled, and says why.
    const rest = states.filter((s) => s.state !== 'hired');
    expect(rest.every((s) => s.state === 'withdrawn' && s.history.at(-1)?.reason === 'position-filled')).toBe(true);
    const people = await Promise.all(
      ids.map(
        async (id) => await body<{ status: string; liveSubmissions?: number }>(await h.call('GET', `/participants/${id}`, { as: 'adv' })),
      ),
    );
    expect(people.filter((p) => p.status === 'placed')).toHaveLength(2);
    expect(people.every((p) => (p.liveSubmissions ?? 0) === 0)).toBe(true);

    // One after the other, too: a hire on a filled vacancy is a 409.
    const late = await h.call('POST', `/submissions/${subs[0]}/outcome`, {
      as: 'lia',
      body: { outcome: 'hired', startDate: '2026-12-07' },
    });
    count('hire on a filled vacancy', [late.status]);
    expect(late.status).toBe(409);
  }, 300_000);

  it('a hire after every position is filled is a 409 even while the others are still at interview', async () => {
    // Prepare: positions 1, two at interview; the first hire fills it.
    const v = await openVacancy(1);
    const subs = await toInterview(v.id, await participants(2));
    expect(
      (await h.call('POST', `/submissions/${subs[0]}/outcome`, { as: 'lia', body: { outcome: 'hired', startDate: '2026-12-07' } })).status,
    ).toBe(200);
    // Act
    const second = await h.call('POST', `/submissions/${subs[1]}/outcome`, {
      as: 'lia',
      body: { outcome: 'hired', startDate: '2026-12-07' },
    });
    // Assess
    count('second hire, one position', [second.status]);
    expect(second.status).toBe(409);
    expect((await body<{ filledPositions: number }>(await h.call('GET', `/vacancies/${v.id}`, { as: 'lia' }))).filledPositions).toBe(1);
  }, 300_000);

  it('concurrent acceptances and hires after passed work trials never hold more than the positions; then the accepted are hired and the rest withdrawn', async () => {
    // Prepare: 9 at interview for 2 positions; 6 are offered the job, 3 pass a work trial.
    const v = await openVacancy(2);
    const subs = await toInterview(v.id, await participants(9));
    const offered = subs.slice(0, 6);
    const trialled = subs.slice(6);
    for (const id of offered) expect((await h.call('POST', `/submissions/${id}/offer`, { as: 'emp', body: {} })).status).toBe(200);
    for (const id of trialled) {
      const trial = { startsOn: '2026-11-25', endsOn: '2026-11-27', place: 'Depot' };
      expect((await h.call('POST', `/submissions/${id}/trial`, { as: 'emp', body: trial })).status).toBe(200);
      expect((await h.call('POST', `/submissions/${id}/trial-result`, { as: 'lia', body: { result: 'passed' } })).status).toBe(200);
    }
    // Act: every yes and every hire from a passed trial at once, by the adviser, the employer and two officers.
    const who = ['adv', 'emp', 'lia', 'lia2'];
    const results = await Promise.all([
      ...offered.map((id, i) => h.call('POST', `/submissions/${id}/offer-response`, { as: who[i % 4]!, body: { accepted: true } })),
      ...trialled.map((id, i) =>
        h.call('POST', `/submissions/${id}/outcome`, { as: who[i + 1]!, body: { outcome: 'hired', startDate: '2026-12-07' } }),
      ),
    ]);
    const statuses = count(
      'offer acceptances and hires vs 2 positions',
      results.map((r) => r.status),
    );
    // Assess: exactly 2 places held (a yes reserves one, a hire fills one), the rest refused with 409.
    expect(statuses.filter((x) => x === 200)).toHaveLength(2);
    expect(statuses.every((x) => x === 200 || x === 409)).toBe(true);
    const held = await body<{ filledPositions: number; offersAccepted?: number }>(await h.call('GET', `/vacancies/${v.id}`, { as: 'lia' }));
    expect(held.filledPositions + (held.offersAccepted ?? 0)).toBe(2);
    // Act: every hire at once; only those holding a place can be hired.
    const hires = await Promise.all(
      subs.map((id, i) =>
        h.call('POST', `/submissions/${id}/outcome`, { as: i % 3 ? 'emp' : 'lia', body: { outcome: 'hired', startDate: '2026-12-07' } }),
      ),
    );
    count(
      'hires after offers and trials vs 2 positions',
      hires.map((r) => r.status),
    );
    expect(hires.every((r) => r.status === 200 || r.status === 409)).toBe(true);
    const after = await body<{ filledPositions: number; status: string; liveSubmissions?: number; offersAccepted?: number }>(
      await h.call('GET', `/vacancies/${v.id}`, { as: 'lia' }),
    );
    expect(after).toMatchObject({ filledPositions: 2, status: 'filled' });
    expect(after.liveSubmissions ?? 0).toBe(0);
    expect(after.offersAccepted ?? 0).toBe(0);
    const states = await Promise.all(
      subs.map(async (id) => (await body<{ state: string }>(await h.call('GET', `/submissions/${id}`, { as: 'lia' }))).state),
    );
    expect(states.filter((x) => x === 'hired')).toHaveLength(2);
    expect(states.filter((x) => x === 'withdrawn')).toHaveLength(7);
  }, 300_000);

  it('an offer answered twice at once (accepted and turned down) takes exactly one answer', async () => {
    // Prepare
    const v = await openVacancy(1);
    const [id] = await toInterview(v.id, await participants(1));
    expect((await h.call('POST', `/submissions/${id}/offer`, { as: 'emp', body: {} })).status).toBe(200);
    // Act: the adviser records yes while the employer records no.
    const results = await Promise.all([
      h.call('POST', `/submissions/${id}/offer-response`, { as: 'adv', body: { accepted: true } }),
      h.call('POST', `/submissions/${id}/offer-response`, { as: 'emp', body: { accepted: false, reasonCode: 'pay' } }),
    ]);
    const statuses = count(
      'two answers to one offer',
      results.map((r) => r.status),
    );
    // Assess
    expect([...statuses].sort()).toEqual([200, 409]);
    const s = await body<{ state: string; history: { to: string }[]; liveSubmissions?: number }>(
      await h.call('GET', `/submissions/${id}`, { as: 'lia' }),
    );
    const winner = results[0]!.status === 200 ? 'offer-accepted' : 'offer-declined';
    expect(s.state).toBe(winner);
    expect(s.history.filter((x) => x.to.startsWith('offer-'))).toHaveLength(1);
    const vacancy = await body<{ liveSubmissions?: number }>(await h.call('GET', `/vacancies/${v.id}`, { as: 'lia' }));
    expect(vacancy.liveSubmissions ?? 0).toBe(winner === 'offer-accepted' ? 1 : 0);
  }, 300_000);

  it('concurrent proposals never exceed the live-submission cap (5 a position)', async () => {
    const v = await openVacancy(1);
    const ids = await participants(12);
    const results = await Promise.all(
      ids.map((id, i) => h.call('POST', `/vacancies/${v.id}/submissions`, { as: i % 2 ? 'lia' : 'lia2', body: { participantIds: [id] } })),
    );
    const statuses = count(
      'proposals vs cap of 5',
      results.map((r) => r.status),
    );
    expect(statuses.filter((s) => s === 201)).toHaveLength(5);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    const listed = await body<{ items: { state: string }[] }>(
      await h.call('GET', `/vacancies/${v.id}/submissions?limit=100`, { as: 'lia' }),
    );
    expect(listed.items).toHaveLength(5);
    expect((await body<{ liveSubmissions: number }>(await h.call('GET', `/vacancies/${v.id}`, { as: 'lia' }))).liveSubmissions).toBe(5);
  }, 300_000);

  it('concurrent enrolments never exceed a cohort’s places', async () => {
    const cohort = await body<{ id: string }>(await h.call('POST', '/cohorts', { as: 'lia', body: cohortBody({ capacity: 3 }) }));
    const ids = await participants(10);
    const results = await Promise.all(
      ids.map((id) => h.call('POST', `/cohorts/${cohort.id}/enrolments`, { as: 'lia', body: { participantId: id } })),
    );
    const statuses = count(
      'enrolments vs 3 places',
      results.map((r) => r.status),
    );
    expect(statuses.filter((s) => s === 201)).toHaveLength(3);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    const read = await body<{ enrolledCount: number; enrolments: unknown[] }>(await h.call('GET', `/cohorts/${cohort.id}`, { as: 'lia' }));
    expect(read.enrolledCount).toBe(3);
    expect(read.enrolments).toHaveLength(3);
  }, 300_000);

  it.each([
    ['counted from the start', false],
    ['made before the count was kept', true],
  ])(
    `concurrent contacts never take an employer past its ${MAX_CONTACTS} (contacts %s)`,
    async (_, uncounted) => {
      // An employer already at MAX_CONTACTS - 3: the file's employer under another id and name, written as the
      // import writes it with its contacts (leaving the count a contact at a time would), all but the last (a
      // transaction holds 99 items), which is added as the API adds one.
      const template = (await h.deps.repos.employers.get(ORG, employerId))!;
      const id = h.deps.ids.next();
      const contacts = Array.from({ length: MAX_CONTACTS - 3 }, (_, i) => ({
        id: `01KC${String(i).padStart(22, '0')}`,
        employerId: id,
        name: `Contact ${i}`,
        role: 'hr' as const,
        email: `c${i}@example.org`,
        primary: false,
        createdAt: '2026-11-25T10:00:00.000Z',
        createdBy: 'u-liaison-1',
      }));
      const cap = (max: number) => ({ max, existing: 0, refusal: () => new Error('over the cap') });
      const last = contacts.pop()!;
      await h.deps.repos.employers.createMany([{ employer: { ...template, id, name: `Capped ${uncounted}` }, contacts }], {
        contacts: cap(MAX_CONTACTS),
        pledges: cap(MAX_PLEDGES),
      });
      await h.deps.repos.employers.addContact(ORG, last, { ...cap(MAX_CONTACTS), existing: contacts.length });
      // Contacts stored before the repository counted them: the count starts from what the use case reads.
      if (uncounted) await h.db.send(new DeleteCommand({ TableName: h.tableName, Key: keys.employerCounts(ORG, id) }));
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          h.call('POST', `/employers/${id}/contacts`, {
            as: i % 2 ? 'lia' : 'lia2',
            body: { name: `Racer ${i}`, role: 'hr', email: `r${i}@example.org`, primary: false },
          }),
        ),
      );
      const statuses = count(
        `contacts vs 3 left of ${MAX_CONTACTS}${uncounted ? ' (uncounted)' : ''}`,
        results.map((r) => r.status),
      );
      expect(statuses.filter((s) => s === 201)).toHaveLength(3);
      expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
      const listed = await body<{ items: unknown[] }>(await h.call('GET', `/employers/${id}/contacts`, { as: 'lia' }));
      expect(listed.items).toHaveLength(MAX_CONTACTS);
    },
    300_000,
  );

  it('of many writers holding the same ETag exactly one wins; the others get 412', async () => {
    const e = await body<{ id: string }>(await h.call('POST', '/employers', { as: 'lia', body: employerBody({ name: 'ETag Race Ltd' }) }));
    const stages = ['contacted', 'engaged', 'active', 'lapsed'];
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        h.call('PATCH', `/employers/${e.id}`, {
          as: i % 2 ? 'lia' : 'lia2',
          body: { stage: stages[i % 4] },
          headers: { 'if-match': '"1"' },
        }),
      ),
    );
    const statuses = count(
      'If-Match writers',
      results.map((r) => r.status),
    );
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 412)).toHaveLength(11);
    expect((await body<{ version: number }>(await h.call('GET', `/employers/${e.id}`, { as: 'lia' }))).version).toBe(2);
  }, 300_000);

  it('many unconditional writers to one record: each lands or is a clear 409, never a 500', async () => {
    const v = await openVacancy(3);
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        h.call('PATCH', `/vacancies/${v.id}`, { as: i % 2 ? 'lia' : 'lia2', body: { description: `Edit ${i}` } }),
      ),
    );
    const statuses = count(
      'unconditional writers',
      results.map((r) => r.status),
    );
    // The rest are withdrawn in the filling hire's own transaction: an employer arriving after it finds the
    // candidate withdrawn, which employers never see (404); a liaison officer is told the vacancy is filled.
    expect(statuses.every((s, i) => s === 200 || s === 409 || (s === 404 && i % 2 === 1))).toBe(true);
    const after = await body<{ version: number }>(await h.call('GET', `/vacancies/${v.id}`, { as: 'lia' }));
    // Every 200 is one version: none lost, none doubled.
    expect(after.version).toBe(v.version + statuses.filter((s) => s === 200).length);
  }, 300_000);

  it('parallel replays of one Idempotency-Key create exactly once', async () => {
    const key = 'race-key-0001-abcdef';
    const make = () =>
      h.call('POST', '/employers', { as: 'lia', body: employerBody({ name: 'Idempotent Bakery' }), headers: { 'idempotency-key': key } });
    const results = await Promise.all(Array.from({ length: 10 }, make));
    const statuses = count(
      'Idempotency-Key replays',
      results.map((r) => r.status),
    );
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    const created = await Promise.all(results.filter((r) => r.status === 201).map((r) => body<{ id: string }>(r)));
    expect(new Set(created.map((c) => c.id)).size).toBe(1);
    expect(results.filter((r) => r.status === 201 && r.headers.get('idempotent-replayed') !== 'true')).toHaveLength(1);
    // After the dust settles a replay returns the first answer.
    const replay = await make();
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect((await body<{ id: string }>(replay)).id).toBe(created[0]!.id);
  }, 300_000);

  it('a claim whose request died is taken over once its lock has passed, so the retry runs', async () => {
    // Prepare: a request claimed the key and died (e.g. at the function timeout) before completing.
    const key = 'crashed-key-0001-abcdef';
    const actor = { orgId: 'test-org', sub: 'u-liaison-1' };
    const reqBody = employerBody({ name: 'Crashed Claim Ltd' });
    const requestHash = createHash('sha256')
      .update(`POST /employers\n${JSON.stringify(reqBody)}`)
      .digest('hex');
    await h.deps.repos.idempotency.claim(actor.orgId, actor.sub, key, {
      requestHash,
      ttlSeconds: 86_400,
      lockSeconds: 15,
      nowMs: h.clock.now().getTime(),
    });
    const retry = () => h.call('POST', '/employers', { as: 'lia', body: reqBody, headers: { 'idempotency-key': key } });
    // While the lock holds, a retry is told it is still in progress.
    expect((await retry()).status).toBe(409);
    // Act: the lock passes.
    h.clock.set(new Date(h.clock.now().getTime() + 16_000));
    const res = await retry();
    // Assess
    count('retry after a crashed claim', [res.status]);
    expect(res.status).toBe(201);
    expect((await retry()).headers.get('idempotent-replayed')).toBe('true');
  }, 300_000);
});
