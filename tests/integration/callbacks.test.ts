import { beforeAll, describe, expect, it } from 'vitest';
import { sweepDue } from '../../shared/use-cases/sweep.js';
import { employerBody, vacancyBody } from '../support/fixtures.js';
import { body, createHarness, type Harness } from '../support/harness.js';
import { datePairs, expectSound, localWebApp, webClient } from '../support/web.js';

/**
 * Vacancy intake through the API and the pages, against DynamoDB Local: an employer user posts a vacancy,
 * its account manager sees the 48-hour callback on their start page and logs the call from there; the
 * sweeper reminds on the day; advisers read drafts.
 */
let h: Harness;
let web: ReturnType<typeof localWebApp>;
let employerId: string;
const { signInAs, get, post } = webClient(() => web);

type Callbacks = {
  items: { callback: { vacancyId: string; dueOn: string; made?: unknown }; employer: { name: string }; overdue: boolean }[];
};

const postAsEmployer = async (over: Record<string, unknown>) =>
  (await body<{ id: string; status: string }>(await h.call('POST', '/vacancies', { as: 'emp', body: vacancyBody(employerId, over) }))).id;

beforeAll(async () => {
  h = await createHarness({ now: '2026-11-25T10:00:00Z' }); // Wednesday: callbacks fall due on Friday 27 November
  await h.signIn('lia', 'liaison', { sub: 'u-liaison-1' });
  await h.signIn('lia2', 'liaison', { sub: 'u-liaison-2' });
  await h.signIn('adv', 'adviser', { sub: 'u-adviser-1' });
  await h.signIn('admin', 'admin', { sub: 'u-admin-1' });
  employerId = (await body(await h.call('POST', '/employers', { as: 'lia', body: employerBody({ name: 'Kirkgate Bakery' }) })))
    .id as string;
  await h.signIn('emp', 'employer', { sub: 'u-employer-1', employerId });
  web = localWebApp(h, [
    { sub: 'u-liaison-1', role: 'liaison', name: 'Lia Son' },
    { sub: 'u-adviser-1', role: 'adviser', name: 'Ada Viser' },
  ]);
});

describe('an employer posts a vacancy', () => {
  it('its account manager sees the callback on the start page, logs the call from it, and it is then due nowhere', async () => {
    // Prepare
    const id = await postAsEmployer({ title: 'Bread baker', status: 'draft' });
    const open = await body<Callbacks>(await h.call('GET', '/callbacks', { as: 'lia' }));
    expect(open.items.map((x) => [x.callback.vacancyId, x.callback.dueOn, x.employer.name, x.overdue])).toEqual([
      [id, '2026-11-27', 'Kirkgate Bakery', false],
    ]);
    // Another officer's start page does not list it; an admin's does.
    expect((await body<Callbacks>(await h.call('GET', '/callbacks', { as: 'lia2' }))).items).toEqual([]);
    expect((await body<Callbacks>(await h.call('GET', '/callbacks', { as: 'admin' }))).items).toHaveLength(1);
    const lia = await signInAs('liaison', 'u-liaison-1');
    const start = await get(lia, '/app');
    expect(start.html).toContain('Callbacks due');
    expect(start.html).toContain('27 November 2026');
    const link = `/app/employers/${employerId}?vacancy=${id}#add-interaction`;
    expect(start.html).toContain(`href="${link.replace(/&/g, '&amp;')}"`);
    expectSound(start.html);
    // The link opens the form as a call about that vacancy.
    const form = await get(lia, link);
    expect(form.html).toMatch(new RegExp(`<option value="${id}" selected[^>]*>Bread baker \\(draft\\)</option>`));
    expect(form.html).toMatch(/<option value="call" selected/);
    expectSound(form.html);
    // Act: the call, half an hour after the vacancy came in.
    h.clock.set('2026-11-25T11:00:00Z');
    const res = await post(lia, `/app/employers/${employerId}/interactions`, [
      ['kind', 'call'],
      ...datePairs('occurredAt', '2026-11-25T10:30'),
      ['vacancyId', id],
      ['summary', 'Agreed the shift pattern and the start date'],
      ['outcome', 'positive'],
    ]);
    // Assess
    expect(res.status).toBe(303);
    const log = await get(lia, res.location!);
    expect(log.html).toContain('About Bread baker');
    expect((await get(lia, '/app')).html).toContain('No callbacks waiting.');
    expect((await body<Callbacks>(await h.call('GET', '/callbacks', { as: 'lia' }))).items).toEqual([]);
    // The due index holds nothing for it any more: a sweep on its due day reminds nobody.
    h.clock.set('2026-11-27T07:00:00Z');
    expect((await sweepDue(h.deps)).callbacksDue).toBe(0);
    h.clock.set('2026-11-25T10:00:00Z');
  });

  it('left uncalled: reminded once on the due day, then shown overdue; the funnel counts it due, and made once called', async () => {
    // Prepare
    // The employer's user cannot open it to candidates themselves: their account manager publishes it.
    const before = await h.snapshot();
    const refused = await h.call('POST', '/vacancies', {
      as: 'emp',
      body: vacancyBody(employerId, { title: 'Counter assistant', status: 'open' }),
    });
    expect(refused.status).toBe(403);
    expect((await body<{ errors: { path: string }[] }>(refused)).errors.map((e) => e.path)).toEqual(['status']);
    expect(await h.snapshot()).toBe(before);
    const id = await postAsEmployer({ title: 'Counter assistant', status: 'draft' });
    expect((await h.call('PATCH', `/vacancies/${id}`, { as: 'emp', body: { status: 'open' } })).status).toBe(403);
    expect((await h.call('PATCH', `/vacancies/${id}`, { as: 'lia', body: { status: 'open' } })).status).toBe(200);
    // Act
    h.clock.set('2026-11-27T07:00:00Z');
    const first = await sweepDue(h.deps);
    const second = await sweepDue(h.deps);
    h.clock.set('2026-11-30T09:00:00Z');
    // Assess
    expect(first).toMatchObject({ callbacksDue: 1, failed: [] });
    expect(second.callbacksDue).toBe(0);
    const open = await body<Callbacks>(await h.call('GET', '/callbacks', { as: 'lia' }));
    expect(open.items.map((x) => [x.callback.vacancyId, x.overdue])).toEqual([[id, true]]);
    const lia = await signInAs('liaison', 'u-liaison-1');
    expect((await get(lia, '/app')).html).toContain('Overdue');
    const late = await h.call('POST', `/employers/${employerId}/interactions`, {
      as: 'lia',
      body: { kind: 'visit', occurredAt: '2026-11-30T08:00:00Z', summary: 'Went in', outcome: 'positive', vacancyId: id },
    });
    expect(late.status).toBe(201);
    const notifier = h.startNotifier();
    try {
      await h.settled();
    } finally {
      await notifier.stop();
    }
    const inbox = await body<{ items: { kind: string; title: string }[] }>(await h.call('GET', '/notifications?limit=50', { as: 'lia' }));
    expect(inbox.items.filter((n) => n.kind === 'callback-due').map((n) => n.title)).toEqual(
      expect.arrayContaining([
        'Callback due today: Kirkgate Bakery about Counter assistant',
        'Call back Kirkgate Bakery: new vacancy Counter assistant',
      ]),
    );
    const funnel = await body<Record<string, unknown>>(await h.call('GET', '/reports/funnel?from=2026-11&to=2026-11', { as: 'lia' }));
    // This file's two callbacks: one made on time (the first test), this one late.
    expect(funnel).toMatchObject({ callbacksDue: 2, callbacksMade: 2, callbacksOnTime: 1 });
    expect(funnel.vacanciesOpened).toBe(1);
    h.clock.set('2026-11-25T10:00:00Z');
  });

  it('about a vacancy that is not the employer’s is a 400 naming vacancyId and changes nothing', async () => {
    const other = (
      await body(
        await h.call('POST', '/employers', {
          as: 'lia',
          body: employerBody({ name: 'Other Firm', address: { line1: '1 Street', town: 'Leeds', postcode: 'LS2 7EE' } }),
        }),
      )
    ).id as string;
    const id = await postAsEmployer({ title: 'Cake decorator', status: 'draft' });
    const before = await h.snapshot();
    const res = await h.call('POST', `/employers/${other}/interactions`, {
      as: 'lia',
      body: { kind: 'call', occurredAt: '2026-11-25T09:00:00Z', summary: 'Wrong one', outcome: 'positive', vacancyId: id },
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain('vacancyId');
    expect(await h.snapshot()).toBe(before);
  });
});

describe('advisers', () => {
  it('read draft vacancies through the API and the page, told it is a draft', async () => {
    const id = await postAsEmployer({ title: 'Pastry chef', status: 'draft' });
    expect((await h.call('GET', `/vacancies/${id}`, { as: 'adv' })).status).toBe(200);
    const drafts = await body<{ items: { id: string }[] }>(await h.call('GET', '/vacancies?status=draft&limit=100', { as: 'adv' }));
    expect(drafts.items.map((v) => v.id)).toContain(id);
    const adv = await signInAs('adviser', 'u-adviser-1');
    const pageRes = await get(adv, `/app/vacancies/${id}`);
    expect(pageRes.status).toBe(200);
    expect(pageRes.html).toContain('This vacancy is a draft');
    expectSound(pageRes.html);
  });
});
