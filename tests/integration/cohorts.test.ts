import { beforeAll, describe, expect, it } from 'vitest';
import { body, createHarness, type Harness } from '../support/harness.js';
import { cohortBody, participantBody } from '../support/fixtures.js';

let h: Harness;

async function participantOf(adviser: string, over: Record<string, unknown> = {}) {
  return (await body(await h.call('POST', '/participants', { as: adviser, body: participantBody(over) }))).id as string;
}

beforeAll(async () => {
  h = await createHarness({ now: '2026-11-25T10:00:00Z' });
  await h.signIn('lia', 'liaison');
  await h.signIn('adv1', 'adviser');
  await h.signIn('adv2', 'adviser');
});

describe('PET cohorts', () => {
  it('creates, lists and reads a cohort with its enrolments; completion and withdrawal', async () => {
    const created = await h.call('POST', '/cohorts', { as: 'lia', body: cohortBody({ capacity: 3 }) });
    expect(created.status).toBe(201);
    const cohort = await body(created);
    const [a, b] = [await participantOf('adv1'), await participantOf('adv1', { firstName: 'Amira' })];
    expect((await h.call('POST', `/cohorts/${cohort.id}/enrolments`, { as: 'adv1', body: { participantId: a } })).status).toBe(201);
    expect((await h.call('POST', `/cohorts/${cohort.id}/enrolments`, { as: 'lia', body: { participantId: b } })).status).toBe(201);
    const again = await h.call('POST', `/cohorts/${cohort.id}/enrolments`, { as: 'lia', body: { participantId: b } });
    expect(again.status).toBe(409);

    const done = await h.call('PATCH', `/cohorts/${cohort.id}/enrolments/${a}`, { as: 'adv1', body: { status: 'completed' } });
    expect(done.status).toBe(200);
    const out = await h.call('PATCH', `/cohorts/${cohort.id}/enrolments/${b}`, {
      as: 'lia',
      body: { status: 'withdrawn', note: 'Started work elsewhere' },
    });
    expect(out.status).toBe(200);
    expect((await h.call('PATCH', `/cohorts/${cohort.id}/enrolments/${b}`, { as: 'lia', body: { status: 'completed' } })).status).toBe(409);

    const read = await body<{ enrolledCount: number; enrolments: { participantId: string; status: string }[] }>(
      await h.call('GET', `/cohorts/${cohort.id}`, { as: 'adv2' }),
    );
    // The withdrawal freed its place; the completer keeps theirs.
    expect(read.enrolledCount).toBe(1);
    expect(read.enrolments.map((e) => [e.participantId, e.status]).sort()).toEqual(
      [
        [a, 'completed'],
        [b, 'withdrawn'],
      ].sort(),
    );
    const list = await body<{ items: { id: string }[] }>(await h.call('GET', '/cohorts', { as: 'lia' }));
    expect(list.items.map((c) => c.id)).toContain(cohort.id);
  });

  it('lets an adviser enrol only their own participants', async () => {
    const cohort = await body(await h.call('POST', '/cohorts', { as: 'lia', body: cohortBody() }));
    const someoneElses = await participantOf('adv2');
    const before = await h.snapshot();
    const res = await h.call('POST', `/cohorts/${cohort.id}/enrolments`, { as: 'adv1', body: { participantId: someoneElses } });
    expect(res.status).toBe(400);
    expect((await body(res)).errors).toEqual([{ path: 'participantId', message: 'unknown participant' }]);
    expect(await h.snapshot()).toBe(before);
  });

  it('gives the last place to exactly one of two advisers enrolling at the same moment', async () => {
    const cohort = await body(await h.call('POST', '/cohorts', { as: 'lia', body: cohortBody({ capacity: 2 }) }));
    await h.call('POST', `/cohorts/${cohort.id}/enrolments`, { as: 'adv1', body: { participantId: await participantOf('adv1') } });
    const mine = await participantOf('adv1');
    const theirs = await participantOf('adv2');
    // Both requests are in flight together against the real database.
    const results = await Promise.all([
      h.call('POST', `/cohorts/${cohort.id}/enrolments`, { as: 'adv1', body: { participantId: mine } }),
      h.call('POST', `/cohorts/${cohort.id}/enrolments`, { as: 'adv2', body: { participantId: theirs } }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    const loser = results.find((r) => r.status === 409)!;
    expect((await body(loser)).detail).toBe('The cohort has no places left');
    const read = await body<{ enrolledCount: number; enrolments: unknown[] }>(await h.call('GET', `/cohorts/${cohort.id}`, { as: 'lia' }));
    expect(read.enrolledCount).toBe(2);
    expect(read.enrolments).toHaveLength(2);
  });

  it('never oversubscribes under a burst of concurrent enrolments', async () => {
    const cohort = await body(await h.call('POST', '/cohorts', { as: 'lia', body: cohortBody({ capacity: 5 }) }));
    const people = await Promise.all(Array.from({ length: 12 }, () => participantOf('adv1')));
    const results = await Promise.all(
      people.map((participantId) => h.call('POST', `/cohorts/${cohort.id}/enrolments`, { as: 'adv1', body: { participantId } })),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(5);
    expect(results.filter((r) => r.status === 409)).toHaveLength(7);
    const read = await body<{ enrolledCount: number; enrolments: unknown[] }>(await h.call('GET', `/cohorts/${cohort.id}`, { as: 'lia' }));
    expect(read.enrolledCount).toBe(5);
    expect(read.enrolments).toHaveLength(5);
  });

  it('rejects end before start and unknown links, naming each field', async () => {
    const before = await h.snapshot();
    const res = await h.call('POST', '/cohorts', {
      as: 'lia',
      body: cohortBody({ startDate: '2027-02-01', endDate: '2027-01-01', capacity: 0, modules: ['juggling'] }),
    });
    expect(res.status).toBe(400);
    const paths = ((await body(res)).errors as { path: string }[]).map((e) => e.path).sort();
    expect(paths).toEqual(['capacity', 'modules.0']);
    const order = await h.call('POST', '/cohorts', { as: 'lia', body: cohortBody({ startDate: '2027-02-01', endDate: '2027-01-01' }) });
    expect((await body(order)).errors).toEqual([{ path: 'endDate', message: 'end date must not be before the start date' }]);
    const links = await h.call('POST', '/cohorts', { as: 'lia', body: cohortBody({ linkedEmployerIds: ['01J00000000000000000000000'] }) });
    expect((await body(links)).errors).toEqual([{ path: 'linkedEmployerIds.0', message: 'unknown employer' }]);
    expect(await h.snapshot()).toBe(before);
  });
});
