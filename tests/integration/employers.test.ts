import { beforeAll, describe, expect, it } from 'vitest';
import { body, createHarness, type Harness } from '../support/harness.js';
import { employerBody, vacancyBody } from '../support/fixtures.js';

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

describe('searching employers and vacancies through the API', () => {
  it('combines filters and an area as the pages do; bad filters are named', async () => {
    // Prepare: two employers called Nidd in Bradford (BD1) and Leeds (LS11), one of them engaged, each with a vacancy.
    const make = async (name: string, town: string, postcode: string, stage: string) =>
      body(
        await h.call('POST', '/employers', {
          as: 'lia',
          body: employerBody({ name, stage, address: { line1: '1 High St', town, postcode } }),
        }),
      );
    const bd = await make('Nidd Packaging', 'Bradford', 'BD1 1AA', 'engaged');
    const ls = await make('Nidd Valley Foods', 'Leeds', 'LS11 5PQ', 'engaged');
    await make('Nidd Print', 'Leeds', 'LS11 6AB', 'prospect');
    const names = async (query: string) =>
      (await body<{ items: { name: string }[] }>(await h.call('GET', `/employers?${query}`, { as: 'lia' }))).items.map((e) => e.name);

    // Act / Assess: area alone, area with words and stage, a postcode district that is not a prefix of another.
    expect(await names('area=BD1')).toEqual(['Nidd Packaging']);
    expect(await names('q=nidd&stage=engaged&area=LS11')).toEqual(['Nidd Valley Foods']);
    expect(await names('q=valley%20nidd&stage=engaged')).toEqual(['Nidd Valley Foods']);
    expect(await names('q=nidd&area=LS1')).toEqual([]);
    expect(await names('q=nidd&accountManagerId=u-liaison-1&area=leeds')).toEqual(['Nidd Print', 'Nidd Valley Foods']);
    // One filter alone keeps reading its index: `q` is a name prefix there.
    expect(await names('q=Nidd%20V')).toEqual(['Nidd Valley Foods']);
    const bad = await h.call('GET', `/employers?stage=asleep&area=${'x'.repeat(101)}`, { as: 'lia' });
    expect(bad.status).toBe(400);
    expect((await body<{ errors: { path: string }[] }>(bad)).errors.map((e) => e.path).sort()).toEqual(['area', 'stage']);

    const post = (e: Record<string, unknown>, title: string, closingDate: string, essentialSkills: string[]) =>
      h.call('POST', '/vacancies', {
        as: 'lia',
        body: vacancyBody(e.id as string, { title, closingDate, essentialSkills, status: 'open' }),
      });
    await post(bd, 'Packing operative', '2026-12-01', ['picking']);
    await post(ls, 'Packing operative', '2027-03-01', ['picking']);
    await post(ls, 'Food packer', '2026-12-02', ['food hygiene']);
    const titles = async (query: string) =>
      (
        await body<{ items: { title: string; employerName: string }[] }>(await h.call('GET', `/vacancies?${query}`, { as: 'adv' }))
      ).items.map((v) => `${v.title} at ${v.employerName}`);
    expect(await titles('title=packing&employer=nidd%20valley')).toEqual(['Packing operative at Nidd Valley Foods']);
    expect(await titles(`employerId=${ls.id}&skill=food%20hygiene`)).toEqual(['Food packer at Nidd Valley Foods']);
    expect(await titles('title=pack&employer=nidd&closingSoon=true')).toEqual([
      'Packing operative at Nidd Packaging',
      'Food packer at Nidd Valley Foods',
    ]);
    expect((await h.call('GET', '/vacancies?closingSoon=maybe&status=gone', { as: 'adv' })).status).toBe(400);
  });
});
