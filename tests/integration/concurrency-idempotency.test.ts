import { beforeAll, describe, expect, it } from 'vitest';
import { body, createHarness, type Harness } from '../support/harness.js';
import { employerBody, vacancyBody } from '../support/fixtures.js';

let h: Harness;
let employerId: string;

beforeAll(async () => {
  h = await createHarness({ now: '2026-11-25T10:00:00Z' });
  await h.signIn('lia', 'liaison');
  await h.signIn('lia2', 'liaison', { sub: 'u-liaison-2' });
  employerId = (await body(await h.call('POST', '/employers', { as: 'lia', body: employerBody() }))).id as string;
});

describe('optimistic concurrency', () => {
  it('never loses an update when two officers change different fields at once', async () => {
    const v = await body(await h.call('POST', '/vacancies', { as: 'lia', body: vacancyBody(employerId) }));
    const results = await Promise.all([
      h.call('PATCH', `/vacancies/${v.id}`, { as: 'lia', body: { description: 'Step-free site' } }),
      h.call('PATCH', `/vacancies/${v.id}`, { as: 'lia2', body: { positions: 6 } }),
      h.call('PATCH', `/vacancies/${v.id}`, { as: 'lia', body: { desirableSkills: ['forklift', 'stock control'] } }),
    ]);
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    const after = await body(await h.call('GET', `/vacancies/${v.id}`, { as: 'lia' }));
    expect(after).toMatchObject({
      description: 'Step-free site',
      positions: 6,
      desirableSkills: ['forklift', 'stock control'],
      version: 4,
    });
  });

  it('lets exactly one of two writers holding the same ETag win; the other gets 412', async () => {
    const e = await body(await h.call('POST', '/employers', { as: 'lia', body: employerBody({ name: 'Calder Care Homes' }) }));
    const results = await Promise.all([
      h.call('PATCH', `/employers/${e.id}`, { as: 'lia', body: { stage: 'contacted' }, headers: { 'if-match': '"1"' } }),
      h.call('PATCH', `/employers/${e.id}`, { as: 'lia2', body: { stage: 'engaged' }, headers: { 'if-match': '"1"' } }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 412]);
    const winner = await body(results.find((r) => r.status === 200)!);
    const now = await body(await h.call('GET', `/employers/${e.id}`, { as: 'lia' }));
    expect(now).toMatchObject({ stage: winner.stage, version: 2 });
  });

  it('moves the duplicate guard when an employer is renamed', async () => {
    const e = await body(await h.call('POST', '/employers', { as: 'lia', body: employerBody({ name: 'Old Name Bakery' }) }));
    expect((await h.call('PATCH', `/employers/${e.id}`, { as: 'lia', body: { name: 'New Name Bakery' } })).status).toBe(200);
    // The old name is free again; the new one is guarded.
    expect((await h.call('POST', '/employers', { as: 'lia', body: employerBody({ name: 'Old Name Bakery' }) })).status).toBe(201);
    const dup = await h.call('POST', '/employers', { as: 'lia', body: employerBody({ name: 'new name bakery ltd' }) });
    expect(dup.status).toBe(409);
    expect((await body(dup)).existingId).toBe(e.id);
  });

  it('guards company numbers too', async () => {
    const e = await body(
      await h.call('POST', '/employers', { as: 'lia', body: employerBody({ name: 'Numbered Ltd', companyNumber: '01234567' }) }),
    );
    const dup = await h.call('POST', '/employers', {
      as: 'lia',
      body: employerBody({
        name: 'Trading Name',
        companyNumber: '01234567',
        address: { line1: '9 Other St', town: 'Bradford', postcode: 'BD1 1AA' },
      }),
    });
    expect(dup.status).toBe(409);
    expect(await body(dup)).toMatchObject({ existingId: e.id, detail: 'An employer with this company number is already recorded' });
  });
});

describe('Idempotency-Key', () => {
  it('replays the first response and creates nothing twice', async () => {
    const key = 'c0ffee00-0000-4000-8000-000000000001';
    const first = await h.call('POST', '/vacancies', {
      as: 'lia',
      body: vacancyBody(employerId, { title: 'Night picker' }),
      headers: { 'idempotency-key': key },
    });
    expect(first.status).toBe(201);
    const created = await body(first);
    const before = await h.snapshot();
    const replay = await h.call('POST', '/vacancies', {
      as: 'lia',
      body: vacancyBody(employerId, { title: 'Night picker' }),
      headers: { 'idempotency-key': key },
    });
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.headers.get('etag')).toBe('"1"');
    expect(await body(replay)).toEqual(created);
    expect(await h.snapshot()).toBe(before);
  });

  it('creates once when the same request is retried concurrently', async () => {
    const key = 'c0ffee00-0000-4000-8000-000000000002';
    const send = () =>
      h.call('POST', '/vacancies', {
        as: 'lia',
        body: vacancyBody(employerId, { title: 'Concurrent' }),
        headers: { 'idempotency-key': key },
      });
    const results = await Promise.all([send(), send(), send()]);
    const statuses = results.map((r) => r.status);
    // One creates; the others either replay it (201) or are told it is still in progress (409).
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThanOrEqual(1);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    const list = await body<{ items: { title: string }[] }>(
      await h.call('GET', `/vacancies?employerId=${employerId}&status=draft&limit=100`, { as: 'lia' }),
    );
    expect(list.items.filter((v) => v.title === 'Concurrent')).toHaveLength(1);
  });

  it('refuses the same key with a different request (422) and keys are per user', async () => {
    const key = 'c0ffee00-0000-4000-8000-000000000003';
    expect(
      (await h.call('POST', '/vacancies', { as: 'lia', body: vacancyBody(employerId), headers: { 'idempotency-key': key } })).status,
    ).toBe(201);
    const before = await h.snapshot();
    const other = await h.call('POST', '/vacancies', {
      as: 'lia',
      body: vacancyBody(employerId, { positions: 9 }),
      headers: { 'idempotency-key': key },
    });
    expect(other.status).toBe(422);
    expect(await h.snapshot()).toBe(before);
    // Another officer's identical key is theirs alone.
    expect(
      (await h.call('POST', '/vacancies', { as: 'lia2', body: vacancyBody(employerId), headers: { 'idempotency-key': key } })).status,
    ).toBe(201);
  });

  it('releases the key when the create fails, so a corrected retry can succeed', async () => {
    const key = 'c0ffee00-0000-4000-8000-000000000004';
    const bad = await h.call('POST', '/vacancies', {
      as: 'lia',
      body: vacancyBody(employerId, { positions: 0 }),
      headers: { 'idempotency-key': key },
    });
    expect(bad.status).toBe(400);
    const corrected = await h.call('POST', '/vacancies', {
      as: 'lia',
      body: vacancyBody(employerId, { positions: 2 }),
      headers: { 'idempotency-key': key },
    });
    expect(corrected.status).toBe(201);
    expect(corrected.headers.get('idempotent-replayed')).toBeNull();
  });
});
