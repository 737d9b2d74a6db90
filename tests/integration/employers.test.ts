import { beforeAll, describe, expect, it } from 'vitest';
import { body, createHarness, type Harness } from '../support/harness.js';
import { employerBody } from '../support/fixtures.js';

let h: Harness;

beforeAll(async () => {
  h = await createHarness();
  await h.signIn('lia', 'liaison', { sub: 'u-liaison-1' });
  await h.signIn('adm', 'admin');
  await h.signIn('adv', 'adviser');
});

describe('employers', () => {
  it('creates, reads and lists an employer', async () => {
    // Prepare / Act
    const res = await h.call('POST', '/employers', { as: 'lia', body: employerBody() });
    // Assess
    expect(res.status).toBe(201);
    const created = await body(res);
    expect(created).toMatchObject({ name: 'Hartley Logistics Ltd', stage: 'prospect', version: 1, orgId: 'test-org' });
    expect((created.address as { postcode: string }).postcode).toBe('LS11 5PQ');
    expect(res.headers.get('etag')).toBe('"1"');
    expect(res.headers.get('location')).toBe(`/employers/${created.id}`);

    const read = await h.call('GET', `/employers/${created.id}`, { as: 'lia' });
    expect(read.status).toBe(200);
    expect(await body(read)).toEqual(created);

    const list = await body<{ items: { id: string }[] }>(await h.call('GET', '/employers?accountManagerId=u-liaison-1', { as: 'lia' }));
    expect(list.items.map((e) => e.id)).toContain(created.id);
  });

  it('answers 409 with the existing id for a duplicate by normalised name and postcode', async () => {
    const first = await body(
      await h.call('POST', '/employers', {
        as: 'lia',
        body: employerBody({ name: 'Greenway Foods', address: { line1: '1 Mill Lane', town: 'Leeds', postcode: 'LS9 8AB' } }),
      }),
    );
    const before = await h.snapshot();
    const dup = await h.call('POST', '/employers', {
      as: 'lia',
      body: employerBody({ name: 'GREENWAY FOODS LTD.', address: { line1: 'Unit 2', town: 'Leeds', postcode: 'ls98ab' } }),
    });
    expect(dup.status).toBe(409);
    expect(dup.headers.get('content-type')).toContain('application/problem+json');
    expect(await body(dup)).toMatchObject({ status: 409, existingId: first.id });
    expect(await h.snapshot()).toBe(before);
  });
});
