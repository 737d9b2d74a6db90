import { beforeAll, describe, expect, it } from 'vitest';
import { sweepDue } from '../../shared/use-cases/sweep.js';
import { employerBody, participantBody, vacancyBody } from '../support/fixtures.js';
import { body, createHarness, ORG, type Harness } from '../support/harness.js';
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
    const id = await postAsEmployer({ title: 'Counter assistant', status: 'open' });
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

describe('a vacancy that ends before anyone called', () => {
  it('closes its callback in the same transaction: filled by the last hire, or withdrawn while the call is being logged', async () => {
    // Prepare: two posted vacancies; the account manager publishes the first, which has one position.
    const filled = await postAsEmployer({ title: 'Shop floor', status: 'draft', positions: 1 });
    const withdrawn = await postAsEmployer({ title: 'Delivery driver', status: 'draft' });
    expect((await h.call('PATCH', `/vacancies/${filled}`, { as: 'lia', body: { status: 'open' } })).status).toBe(200);
    const person = await h.call('POST', '/participants', {
      as: 'adv',
      body: participantBody({ readiness: 'green', consent: { matching: true, shareWithEmployers: ['firstName', 'skills'] } }),
    });
    const participantId = (await body(person)).id as string;
    const shortlist = await h.call('POST', `/vacancies/${filled}/submissions`, { as: 'lia', body: { participantIds: [participantId] } });
    const sub = (await body<{ items: { id: string }[] }>(shortlist)).items[0]!.id;
    expect((await h.call('POST', `/submissions/${sub}/agreement`, { as: 'adv', body: { agreed: true } })).status).toBe(200);
    expect((await h.call('POST', `/submissions/${sub}/decision`, { as: 'emp', body: { decision: 'interview' } })).status).toBe(200);
    h.clock.set('2026-11-25T10:05:00Z');
    // Act: the hire fills the first; the second is withdrawn as its call is logged, truly at once.
    const hired = await h.call('POST', `/submissions/${sub}/outcome`, { as: 'lia', body: { outcome: 'hired', startDate: '2026-12-07' } });
    const [withdraw, logged] = await Promise.all([
      h.call('PATCH', `/vacancies/${withdrawn}`, { as: 'emp', body: { status: 'withdrawn' } }),
      h.call('POST', `/employers/${employerId}/interactions`, {
        as: 'lia',
        body: {
          kind: 'call',
          occurredAt: '2026-11-25T10:04:00Z',
          summary: 'Rang about the driver',
          outcome: 'positive',
          vacancyId: withdrawn,
        },
      }),
    ]);
    // Assess
    expect([hired.status, withdraw.status, logged.status]).toEqual([200, 200, 201]);
    expect((await h.deps.repos.vacancies.getCallback(ORG, filled))?.closed).toEqual({
      reason: 'vacancy-filled',
      at: '2026-11-25T10:05:00.000Z',
      by: 'u-liaison-1',
    });
    // Whichever came first wins, never both: made by the call, or closed by the withdrawal.
    const raced = (await h.deps.repos.vacancies.getCallback(ORG, withdrawn))!;
    expect([raced.made !== undefined, raced.closed !== undefined].filter(Boolean)).toHaveLength(1);
    if (raced.closed) expect(raced.closed).toMatchObject({ reason: 'vacancy-withdrawn', by: 'u-employer-1' });
    const listed = await body<Callbacks>(await h.call('GET', '/callbacks', { as: 'lia' }));
    expect(listed.items.map((x) => x.callback.vacancyId)).not.toContain(filled);
    expect(listed.items.map((x) => x.callback.vacancyId)).not.toContain(withdrawn);
    // The due index holds neither: on their due day nobody is reminded of them.
    h.clock.set('2026-11-27T07:00:00Z');
    const swept = await sweepDue(h.deps);
    h.clock.set('2026-11-25T10:00:00Z');
    expect(await h.deps.repos.vacancies.getCallback(ORG, filled)).not.toHaveProperty('remindedAt');
    expect(await h.deps.repos.vacancies.getCallback(ORG, withdrawn)).not.toHaveProperty('remindedAt');
    expect(swept.failed).toEqual([]);
  });
});
