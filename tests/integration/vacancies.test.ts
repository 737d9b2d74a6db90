import { beforeAll, describe, expect, it } from 'vitest';
import { body, createHarness, type Harness } from '../support/harness.js';
import { cohortBody, employerBody, vacancyBody } from '../support/fixtures.js';

let h: Harness;
let employerId: string;
let otherEmployerId: string;

beforeAll(async () => {
  h = await createHarness({ now: '2026-11-25T10:00:00Z' });
  await h.signIn('lia', 'liaison');
  await h.signIn('adv', 'adviser');
  employerId = (await body(await h.call('POST', '/employers', { as: 'lia', body: employerBody() }))).id as string;
  otherEmployerId = (
    await body(
      await h.call('POST', '/employers', {
        as: 'lia',
        body: employerBody({ name: 'Other Co', address: { line1: '1 Road', town: 'Leeds', postcode: 'LS1 1AA' } }),
      }),
    )
  ).id as string;
  await h.signIn('emp', 'employer', { employerId });
});

describe('vacancies', () => {
  it('creates a draft with every field in the contract, then publishes it', async () => {
    const cohort = await body(await h.call('POST', '/cohorts', { as: 'lia', body: cohortBody() }));
    const res = await h.call('POST', '/vacancies', {
      as: 'lia',
      body: vacancyBody(employerId, {
        essentialCertifications: ['fork lift truck'],
        drivingLicenceRequired: true,
        backgroundCheck: 'basic-dbs',
        guaranteedInterview: true,
        linkedCohortIds: [cohort.id],
        workDemands: ['heavy-lifting'],
      }),
    });
    expect(res.status).toBe(201);
    const v = await body(res);
    expect(v).toMatchObject({ status: 'draft', employerName: 'Hartley Logistics Ltd', filledPositions: 0, linkedCohortIds: [cohort.id] });

    const published = await h.call('PATCH', `/vacancies/${v.id}`, { as: 'lia', body: { status: 'open' }, headers: { 'if-match': '"1"' } });
    expect(published.status).toBe(200);
    const pv = await body(published);
    expect(pv).toMatchObject({ status: 'open', version: 2, publishedAt: '2026-11-25T10:00:00.000Z' });
    expect((pv.statusHistory as unknown[]).length).toBe(2);

    const openList = await body<{ items: { id: string }[] }>(await h.call('GET', '/vacancies?status=open', { as: 'adv' }));
    expect(openList.items.map((x) => x.id)).toContain(v.id);
    const byEmployer = await body<{ items: { id: string }[] }>(await h.call('GET', `/vacancies?employerId=${employerId}`, { as: 'lia' }));
    expect(byEmployer.items.map((x) => x.id)).toContain(v.id);
  });

  it('refuses to publish with a closing date in the past (422) and changes nothing', async () => {
    const v = await body(await h.call('POST', '/vacancies', { as: 'lia', body: vacancyBody(employerId, { closingDate: '2026-11-01' }) }));
    const before = await h.snapshot();
    const res = await h.call('PATCH', `/vacancies/${v.id}`, { as: 'lia', body: { status: 'open' } });
    expect(res.status).toBe(422);
    expect((await body(res)).errors).toEqual([{ path: 'closingDate', message: 'must not be in the past when the vacancy is published' }]);
    expect(await h.snapshot()).toBe(before);
  });

  it('enforces status transitions: a filled vacancy reopens only through the explicit action', async () => {
    const v = await body(await h.call('POST', '/vacancies', { as: 'lia', body: vacancyBody(employerId, { status: 'open' }) }));
    expect((await h.call('PATCH', `/vacancies/${v.id}`, { as: 'lia', body: { status: 'filled' } })).status).toBe(200);
    const reopen = await h.call('PATCH', `/vacancies/${v.id}`, { as: 'lia', body: { status: 'open' } });
    expect(reopen.status).toBe(409);
    expect((await body(reopen)).detail).toContain('/reopen');
    const explicit = await h.call('POST', `/vacancies/${v.id}/reopen`, {
      as: 'lia',
      body: { reason: 'Two more posts agreed', closingDate: '2027-01-15', positions: 5 },
    });
    expect(explicit.status).toBe(200);
    expect(await body(explicit)).toMatchObject({ status: 'open', positions: 5, closingDate: '2027-01-15' });
    const withdrawn = await h.call('PATCH', `/vacancies/${v.id}`, { as: 'lia', body: { status: 'withdrawn' } });
    expect(withdrawn.status).toBe(200);
    expect(
      (await h.call('POST', `/vacancies/${v.id}/reopen`, { as: 'lia', body: { reason: 'x', closingDate: '2027-01-15' } })).status,
    ).toBe(409);
  });

  it('lets an employer user post and read only their own vacancies', async () => {
    const own = await h.call('POST', '/vacancies', { as: 'emp', body: vacancyBody(employerId) });
    expect(own.status).toBe(201);
    const foreign = await h.call('POST', '/vacancies', { as: 'emp', body: vacancyBody(otherEmployerId) });
    expect(foreign.status).toBe(400);
    expect((await body(foreign)).errors).toEqual([{ path: 'employerId', message: 'unknown employer' }]);
    const theirs = await body(await h.call('POST', '/vacancies', { as: 'lia', body: vacancyBody(otherEmployerId) }));
    expect((await h.call('GET', `/vacancies/${theirs.id}`, { as: 'emp' })).status).toBe(404);
    const mine = await body<{ items: { employerId: string }[] }>(await h.call('GET', '/vacancies?status=draft', { as: 'emp' }));
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.every((v) => v.employerId === employerId)).toBe(true);
  });

  it('names unknown linked cohorts and a missing employer', async () => {
    const before = await h.snapshot();
    const res = await h.call('POST', '/vacancies', {
      as: 'lia',
      body: vacancyBody('01J00000000000000000000000', { linkedCohortIds: ['01J00000000000000000000001'] }),
    });
    expect(res.status).toBe(400);
    expect((await body(res)).errors).toEqual([
      { path: 'employerId', message: 'unknown employer' },
      { path: 'linkedCohortIds.0', message: 'unknown cohort' },
    ]);
    expect(await h.snapshot()).toBe(before);
  });

  it('paginates with a cursor', async () => {
    for (let i = 0; i < 3; i++)
      await h.call('POST', '/vacancies', { as: 'lia', body: vacancyBody(otherEmployerId, { title: `Picker ${i}` }) });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const q: string = `/vacancies?employerId=${otherEmployerId}&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page: { items: { id: string }[]; nextCursor: string | null } = await body(await h.call('GET', q, { as: 'lia' }));
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((v) => v.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.length).toBe(4);
    expect(new Set(seen).size).toBe(4);
    const bad = await h.call('GET', `/vacancies?employerId=${otherEmployerId}&cursor=garbage`, { as: 'lia' });
    expect(bad.status).toBe(400);
    expect((await body(bad)).errors).toEqual([{ path: 'cursor', message: expect.any(String) }]);
  });
});
