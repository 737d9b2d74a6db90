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

describe('changing a contact', () => {
  it('names every bad field and changes nothing; two changes at once both land', async () => {
    // Prepare
    const e = await body(
      await h.call('POST', '/employers', {
        as: 'lia',
        body: employerBody({ name: 'Calder Print', address: { line1: '3 Dock St', town: 'Leeds', postcode: 'LS10 1JF' } }),
      }),
    );
    const contact = await body(
      await h.call('POST', `/employers/${e.id}/contacts`, { as: 'lia', body: { name: 'Sam Patel', phone: '0113 496 0000' } }),
    );
    const path = `/employers/${e.id}/contacts/${contact.id}`;
    // Act / Assess: bad input
    const before = await h.snapshot();
    const bad = await h.call('PATCH', path, { as: 'lia', body: { email: 'not an email', role: 'boss', extra: 1 } });
    expect(bad.status).toBe(400);
    const paths = ((await body(bad)).errors as { path: string }[]).map((x) => x.path).sort();
    expect(paths).toEqual(expect.arrayContaining(['email', 'role']));
    const last = await h.call('PATCH', path, { as: 'lia', body: { phone: null } });
    expect(last.status).toBe(400);
    expect((await body(last)).errors).toEqual([{ path: 'email', message: 'give an email or a phone number' }]);
    expect(await h.snapshot()).toBe(before);
    // A contact of one employer is not another's
    const other = await body(await h.call('POST', '/employers', { as: 'lia', body: employerBody({ name: 'Aire Joinery' }) }));
    expect((await h.call('PATCH', `/employers/${other.id}/contacts/${contact.id}`, { as: 'lia', body: { jobTitle: 'HR' } })).status).toBe(
      404,
    );
    // Concurrent changes to different fields, after a first one (the harness clock stands still)
    expect((await h.call('PATCH', path, { as: 'lia', body: { role: 'hr' } })).status).toBe(200);
    const results = await Promise.all([
      h.call('PATCH', path, { as: 'lia', body: { jobTitle: 'Site manager' } }),
      h.call('PATCH', path, { as: 'adm', body: { email: 'sam@example.com' } }),
      h.call('PATCH', path, { as: 'lia', body: { primary: true } }),
    ]);
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    const listed = (await body<{ items: Record<string, unknown>[] }>(await h.call('GET', `/employers/${e.id}/contacts`, { as: 'lia' })))
      .items;
    expect(listed).toEqual([
      expect.objectContaining({
        role: 'hr',
        jobTitle: 'Site manager',
        email: 'sam@example.com',
        primary: true,
        phone: '0113 496 0000',
        version: 4,
      }),
    ]);
  });
});
