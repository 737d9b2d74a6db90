import { beforeAll, describe, expect, it } from 'vitest';
import type { createApp } from '../../functions/api/app.js';
import type { LocalSignIn } from '../../functions/api/web/sign-in.js';
import { employerBody, participantBody, vacancyBody } from '../support/fixtures.js';
import { body, createHarness, createInBulk, type Harness } from '../support/harness.js';
import { expectSound, formOf, hiddenFields, localWebApp, summaryErrors, webClient, type Session } from '../support/web.js';

/**
 * Managing a vacancy in the pages, as a liaison officer does: changing its details (question page as it
 * stands, the changes to check beside what they were), closing it, reopening it (why, until when, how
 * many; checked) and withdrawing it, each ending in a confirmation panel saying what happens next and who
 * was told. Each refused post says what is wrong and changes nothing; each action is checked through the
 * API afterwards; an employer user manages their own employer's vacancies (as the API lets them), another
 * employer's are not found, and advisers are refused.
 */
let h: Harness;
let web: ReturnType<typeof createApp>;
let employerId: string;
let participantId: string;
const USERS: LocalSignIn['users'] = [
  { sub: 'u-liaison-1', role: 'liaison', name: 'Lia Son' },
  { sub: 'u-admin-1', role: 'admin', name: 'Ad Min' },
  { sub: 'u-adviser-1', role: 'adviser', name: 'Ada Viser' },
];
const { signInAs, get, post } = webClient(() => web);
const session: Record<string, Session> = {};

beforeAll(async () => {
  h = await createHarness({ now: '2026-11-25T10:00:00Z' });
  await h.signIn('lia', 'liaison', { sub: 'u-liaison-1' });
  await h.signIn('adv', 'adviser', { sub: 'u-adviser-1' });
  employerId = (await body(await h.call('POST', '/employers', { as: 'lia', body: employerBody() }))).id as string;
  const made = await h.call('POST', '/participants', {
    as: 'adv',
    body: participantBody({ consent: { matching: true, shareWithEmployers: ['firstName'] } }),
  });
  expect(made.status, await made.clone().text()).toBe(201);
  participantId = (await body(made)).id as string;
  const elsewhere = (await body(await h.call('POST', '/employers', { as: 'lia', body: employerBody({ name: 'Aire Foods' }) })))
    .id as string;
  USERS.push({ sub: 'u-employer-1', role: 'employer', name: 'Hartley HR', employerId });
  USERS.push({ sub: 'u-employer-2', role: 'employer', name: 'Aire HR', employerId: elsewhere });
  web = localWebApp(h, USERS);
  session.lia = await signInAs('liaison', 'u-liaison-1');
  session.adm = await signInAs('admin', 'u-admin-1');
  session.adv = await signInAs('adviser', 'u-adviser-1');
  session.emp = await signInAs('employer', 'u-employer-1');
  session.emp2 = await signInAs('employer', 'u-employer-2');
});

async function vacancy(over: Record<string, unknown> = {}) {
  const res = await h.call('POST', '/vacancies', {
    as: 'lia',
    body: vacancyBody(employerId, { status: 'open', occupation: { title: 'Warehouse operative', socCode: '9252' }, ...over }),
  });
  expect(res.status).toBe(201);
  return (await body(res)).id as string;
}

async function apiVacancy(id: string) {
  const res = await h.call('GET', `/vacancies/${id}`, { as: 'lia' });
  expect(res.status).toBe(200);
  return body(res);
}

/** One candidate put forward for the vacancy (waiting for their adviser to agree): a submission in progress. */
async function proposeFor(id: string) {
  const res = await h.call('POST', `/vacancies/${id}/submissions`, { as: 'lia', body: { participantIds: [participantId] } });
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await body(res)).items as { id: string }[])[0]!.id;
}

/** Where a page sends the browser instead (a redirect's Location), for a GET. */
async function redirectOf(s: Session, path: string) {
  const res = await web.request(path, { headers: { cookie: s.cookie } });
  return res.status === 303 ? res.headers.get('location') : `(${res.status})`;
}

const linkTo = (html: string, href: string) => html.includes(`href="${href}"`);

describe('managing a vacancy', () => {
  it('offers what its status allows, on its page, to liaison officers, admins and its own employer, not to advisers', async () => {
    const id = await vacancy();
    const open = (await get(session.lia!, `/app/vacancies/${id}`)).html;
    for (const action of ['edit', 'close', 'withdraw']) expect(linkTo(open, `/app/vacancies/${id}/${action}`)).toBe(true);
    expect(linkTo(open, `/app/vacancies/${id}/reopen`)).toBe(false);
    // A page for what it cannot do now goes back to the vacancy.
    expect(await redirectOf(session.lia!, `/app/vacancies/${id}/reopen`)).toBe(`/app/vacancies/${id}`);
    const own = (await get(session.emp!, `/app/vacancies/${id}`)).html;
    for (const action of ['edit', 'close', 'withdraw']) expect(linkTo(own, `/app/vacancies/${id}/${action}`)).toBe(true);
    expectSound(own);
    // An adviser is refused; another employer's user does not find it.
    for (const [who, status] of [
      ['adv', 403],
      ['emp2', 404],
    ] as const) {
      expect(linkTo((await get(session[who]!, `/app/vacancies/${id}`)).html, `/app/vacancies/${id}/edit`)).toBe(false);
      for (const action of ['edit', 'close', 'withdraw', 'reopen']) {
        expect((await get(session[who]!, `/app/vacancies/${id}/${action}`)).status).toBe(status);
      }
      const before = await h.snapshot();
      expect((await post(session[who]!, `/app/vacancies/${id}/withdraw`, [['step', 'withdraw']])).status).toBe(status);
      expect(
        (
          await post(session[who]!, `/app/vacancies/${id}/edit`, [
            ['title', 'Picker'],
            ['step', 'save'],
          ])
        ).status,
      ).toBe(status);
      expect(await h.snapshot()).toBe(before);
    }
  });

  it('lets an employer user change, close, reopen and withdraw their own, told in their own words', async () => {
    const id = await vacancy();
    const sid = await proposeFor(id);
    const emp = session.emp!;
    // Change: the form as it stands, the change checked, saved.
    const form = await get(emp, `/app/vacancies/${id}/edit`);
    expect(form.status).toBe(200);
    expectSound(form.html, { describedBy: true });
    const fields = formFields(form.html).map(([k, v]): [string, string] => (k === 'positions:number' ? [k, '4'] : [k, v]));
    const check = await post(emp, `/app/vacancies/${id}/edit`, fields);
    expect(check.html).toContain('Your account manager and advisers see the vacancy as you');
    const saved = await post(emp, `/app/vacancies/${id}/edit`, [...hiddenFields(check.html), ['step', 'save']]);
    expect(saved.location).toBe(`/app/vacancies/${id}?done=changed`);
    // Close: the candidate carries on and they still decide.
    const close = await get(emp, `/app/vacancies/${id}/close`);
    expect(close.html).toContain('Close it when you want no more candidates');
    expect(close.html).toContain('The candidate in progress carries on: you still decide on them.');
    const closed = await post(emp, `/app/vacancies/${id}/close`, [...hiddenFields(close.html), ['step', 'close']]);
    expect(closed.location).toBe(`/app/vacancies/${id}/closed`);
    const closedPanel = await get(emp, closed.location!);
    expectSound(closedPanel.html);
    expect(closedPanel.html).toContain('Your account manager has been sent a notification that it is closed.');
    expect(closedPanel.html).not.toContain('Tell the employer');
    expect(await apiVacancy(id)).toMatchObject({ status: 'closed', positions: 4 });
    // Reopen: why, until when; checked; confirmed.
    const reopen = await get(emp, `/app/vacancies/${id}/reopen`);
    const answers = [
      ...hiddenFields(reopen.html),
      ...formOf({ reason: 'One more for the new shift', 'closingDate.day': '31', 'closingDate.month': '1', 'closingDate.year': '2027' }),
    ];
    const reopenCheck = await post(emp, `/app/vacancies/${id}/reopen`, answers);
    expect(reopenCheck.status).toBe(200);
    const reopened = await post(emp, `/app/vacancies/${id}/reopen`, [...hiddenFields(reopenCheck.html), ['step', 'reopen']]);
    expect(reopened.location).toBe(`/app/vacancies/${id}/reopened`);
    expect((await get(emp, reopened.location!)).html).not.toContain('Tell the employer');
    expect(await apiVacancy(id)).toMatchObject({ status: 'open', closingDate: '2027-01-31' });
    // Withdraw: the candidate is withdrawn, their adviser told, and it stays on their vacancies.
    const withdraw = await get(emp, `/app/vacancies/${id}/withdraw`);
    expect(withdraw.html).toContain('you are told about those you had been shown');
    const gone = await post(emp, `/app/vacancies/${id}/withdraw`, [...hiddenFields(withdraw.html), ['step', 'withdraw']]);
    const panel = (await get(emp, gone.location!)).html;
    expectSound(panel);
    expect(panel).toContain(
      'Their advisers and the liaison officers who put them forward have been sent a notification, and you have been told',
    );
    expect(panel).toContain('Your account manager has been sent a notification that it is withdrawn.');
    expect(panel).toContain('It stays on your vacancies as withdrawn. If the job comes back, post it as a new vacancy.');
    expect(await apiVacancy(id)).toMatchObject({ status: 'withdrawn' });
    expect(await body(await h.call('GET', `/submissions/${sid}`, { as: 'lia' }))).toMatchObject({ state: 'withdrawn' });
  });
});

describe('changing a vacancy’s details', () => {
  it('shows it as it stands, then the changes beside what they were, then saves only those', async () => {
    const id = await vacancy({ linkedCohortIds: [] });
    const form = await get(session.lia!, `/app/vacancies/${id}/edit`);
    expect(form.status).toBe(200);
    expectSound(form.html, { describedBy: true });
    expect(form.html).toContain('value="Warehouse operative"');
    expect(form.html).not.toContain('name="employerId"');
    expect(form.html).not.toContain('name="status"');
    // The form as the browser posts it, as the page filled it, with two answers changed.
    const fields = formFields(form.html).map(([k, v]): [string, string] =>
      k === 'title' ? [k, 'Picker packer'] : k === 'positions:number' ? [k, '5'] : [k, v],
    );
    const check = await post(session.lia!, `/app/vacancies/${id}/edit`, fields);
    expect(check.status).toBe(200);
    expectSound(check.html);
    expect(check.html).toContain('Picker packer');
    expect(check.html).toContain('Was: Warehouse operative');
    expect(check.html).toContain('Was: 3 (0 filled)');
    // Only the changed rows are shown.
    expect(check.html).not.toContain('Was: Leeds');
    const saved = await post(session.lia!, `/app/vacancies/${id}/edit`, [...hiddenFields(check.html), ['step', 'save']]);
    expect(saved.status).toBe(303);
    expect(saved.location).toBe(`/app/vacancies/${id}?done=changed`);
    expect((await get(session.lia!, saved.location!)).html).toContain('Your changes to the vacancy are saved');
    const v = await apiVacancy(id);
    expect(v).toMatchObject({
      title: 'Picker packer',
      positions: 5,
      version: 2,
      occupation: { socCode: '9252' },
      closingDate: '2026-12-20',
    });
    expect(v.shiftPatterns).toEqual(['early', 'late']);
  });

  it('says nothing changed, says what is wrong plainly, and shows a change made in between instead of overwriting it', async () => {
    const id = await vacancy();
    const fields = formFields((await get(session.lia!, `/app/vacancies/${id}/edit`)).html);
    const before = await h.snapshot();
    const same = await post(session.lia!, `/app/vacancies/${id}/edit`, fields);
    expect(same.status).toBe(400);
    expect(summaryErrors(same.html)).toEqual(['You have not changed anything: change a detail, or go back']);
    const bad = await post(
      session.lia!,
      `/app/vacancies/${id}/edit`,
      fields
        .filter(([k]) => k !== 'shiftPatterns[]')
        .map(([k, v]): [string, string] => (k === 'hoursPerWeek.min:number' ? [k, '45'] : [k, v])),
    );
    expect(bad.status).toBe(400);
    expect(summaryErrors(bad.html)).toEqual(
      expect.arrayContaining(['Select the shift patterns', 'The fewest hours a week must be no more than the most hours a week']),
    );
    expect(await h.snapshot()).toBe(before);
    // Someone changes it after the check page was shown: saving shows the form again at the version now held.
    const check = await post(
      session.lia!,
      `/app/vacancies/${id}/edit`,
      fields.map(([k, v]): [string, string] => (k === 'title' ? [k, 'Night picker'] : [k, v])),
    );
    expect((await h.call('PATCH', `/vacancies/${id}`, { as: 'lia', body: { positions: 4 } })).status).toBe(200);
    const stale = await post(session.lia!, `/app/vacancies/${id}/edit`, [...hiddenFields(check.html), ['step', 'save']]);
    expect(stale.status).toBe(409);
    expect(summaryErrors(stale.html)[0]).toMatch(/^Someone else changed this vacancy/);
    expect(stale.html).toContain('value="Night picker"');
    expect(await apiVacancy(id)).toMatchObject({ title: 'Warehouse operative', positions: 4 });
  });
});

describe('closing and reopening a vacancy', () => {
  it('closes it: says the candidate in progress carries on, then confirms who was told', async () => {
    const id = await vacancy();
    const sid = await proposeFor(id);
    const page = await get(session.lia!, `/app/vacancies/${id}/close`);
    expect(page.status).toBe(200);
    expectSound(page.html);
    expect(page.html).toContain('The candidate in progress carries on');
    const closed = await post(session.lia!, `/app/vacancies/${id}/close`, [...hiddenFields(page.html), ['step', 'close']]);
    expect(closed.status).toBe(303);
    expect(closed.location).toBe(`/app/vacancies/${id}/closed`);
    const panel = await get(session.lia!, closed.location!);
    expectSound(panel.html);
    expect(panel.html).toContain('govuk-panel--confirmation');
    expect(panel.html).toContain(
      'The employer has been sent a notification that it is closed, and so has its account manager unless that is you.',
    );
    expect(await apiVacancy(id)).toMatchObject({ status: 'closed' });
    expect(await body(await h.call('GET', `/submissions/${sid}`, { as: 'lia' }))).toMatchObject({ state: 'proposed' });
    // Posting the close page again (an old tab): said plainly, nothing changes.
    const before = await h.snapshot();
    const again = await post(session.lia!, `/app/vacancies/${id}/close`, [...hiddenFields(page.html), ['step', 'close']]);
    expect(again.status).toBe(409);
    expect(summaryErrors(again.html)[0]).toMatch(/^Someone changed this vacancy since you opened this page/);
    expect(await h.snapshot()).toBe(before);
  });

  it('reopens it: asks why, until when and how many, checks the answers, then confirms', async () => {
    const id = await vacancy();
    expect((await h.call('PATCH', `/vacancies/${id}`, { as: 'lia', body: { status: 'closed' } })).status).toBe(200);
    const form = await get(session.lia!, `/app/vacancies/${id}/reopen`);
    expect(form.status).toBe(200);
    expectSound(form.html, { describedBy: true });
    const version = hiddenFields(form.html);
    const answers = (over: Record<string, string> = {}) =>
      formOf({
        reason: 'Two more people for the Christmas rush',
        'closingDate.day': '31',
        'closingDate.month': '1',
        'closingDate.year': '2027',
        'positions:number': '',
        ...over,
      });
    const before = await h.snapshot();
    const bad = await post(session.lia!, `/app/vacancies/${id}/reopen`, [...version, ...answers({ reason: '', 'closingDate.month': '' })]);
    expect(bad.status).toBe(400);
    expect(summaryErrors(bad.html)).toEqual(['Enter why it is being reopened', 'The closing date must include a month']);
    const past = await post(session.lia!, `/app/vacancies/${id}/reopen`, [
      ...version,
      ...answers({ 'closingDate.year': '2025' }),
      ['step', 'reopen'],
    ]);
    expect(past.status).toBe(422);
    expect(summaryErrors(past.html)).toEqual(['The new closing date must be today or in the future']);
    expect(await h.snapshot()).toBe(before);
    const check = await post(session.lia!, `/app/vacancies/${id}/reopen`, [...version, ...answers({ 'positions:number': '6' })]);
    expect(check.status).toBe(200);
    expect(check.html).toContain('31 January 2027');
    const done = await post(session.lia!, `/app/vacancies/${id}/reopen`, [...hiddenFields(check.html), ['step', 'reopen']]);
    expect(done.status).toBe(303);
    expect(done.location).toBe(`/app/vacancies/${id}/reopened`);
    const panel = (await get(session.lia!, done.location!)).html;
    expect(panel).toContain('Open until 31 January 2027');
    expect(panel).toContain('its 6 open positions');
    const v = await apiVacancy(id);
    expect(v).toMatchObject({ status: 'open', closingDate: '2027-01-31', positions: 6 });
    expect((v.statusHistory as { to: string; reason?: string }[]).at(-1)).toMatchObject({
      to: 'open',
      reason: 'Two more people for the Christmas rush',
    });
  });
});

describe('withdrawing a vacancy', () => {
  it('warns it cannot be undone, withdraws its candidates, and says who was told', async () => {
    const id = await vacancy();
    const sid = await proposeFor(id);
    const page = await get(session.adm!, `/app/vacancies/${id}/withdraw`);
    expect(page.status).toBe(200);
    expectSound(page.html);
    expect(page.html).toContain('A withdrawn vacancy cannot be reopened');
    expect(page.html).toContain('The candidate in progress is withdrawn');
    const done = await post(session.adm!, `/app/vacancies/${id}/withdraw`, [...hiddenFields(page.html), ['step', 'withdraw']]);
    expect(done.status).toBe(303);
    expect(done.location).toBe(`/app/vacancies/${id}/withdrawn`);
    const panel = (await get(session.adm!, done.location!)).html;
    expect(panel).toContain('Vacancy withdrawn');
    expect(panel).toContain('1 candidate in progress was withdrawn. Their advisers');
    expect(await apiVacancy(id)).toMatchObject({ status: 'withdrawn' });
    expect(await body(await h.call('GET', `/submissions/${sid}`, { as: 'lia' }))).toMatchObject({ state: 'withdrawn' });
    // Nothing more to manage.
    const after = (await get(session.adm!, `/app/vacancies/${id}`)).html;
    expect(after).not.toContain('id="manage"');
    expect(await redirectOf(session.adm!, `/app/vacancies/${id}/withdraw`)).toBe(`/app/vacancies/${id}`);
  });
});

describe('an employer user posting a vacancy', () => {
  const answers = (over: Record<string, string | string[]> = {}) =>
    formOf({
      title: 'Bakery assistant',
      'occupation.title': 'Bakery assistant',
      sector: 'hospitality',
      'site.postcode': 'LS11 5PQ',
      'site.town': 'Leeds',
      'positions:number': '2',
      'hoursPerWeek.min:number': '16',
      'hoursPerWeek.max:number': '30',
      'shiftPatterns[]': ['early'],
      contractType: 'permanent',
      'wage.amount:number': '12.60',
      'wage.period': 'hour',
      backgroundCheck: 'none',
      'closingDate.day': '18',
      'closingDate.month': '12',
      'closingDate.year': '2026',
      ...over,
    });

  it('asks the questions (not whose it is, nor whether to publish), checks them, posts a draft and says who was told', async () => {
    expect((await get(session.emp!, '/app')).html).toContain('href="/app/vacancies/new"');
    const form = await get(session.emp!, '/app/vacancies/new');
    expect(form.status).toBe(200);
    expectSound(form.html, { describedBy: true });
    expect(form.html).not.toContain('name="employerId"');
    expect(form.html).not.toContain('name="status"');
    const before = await h.snapshot();
    const bad = await post(session.emp!, '/app/vacancies', answers({ title: '', 'shiftPatterns[]': [] }));
    expect(bad.status).toBe(400);
    expect(summaryErrors(bad.html)).toEqual(expect.arrayContaining(['Enter the title', 'Select the shift patterns']));
    // Whose it is is not theirs to say: a posted employer is not part of this form.
    const other = await post(session.emp!, '/app/vacancies', [...answers(), ['employerId', employerId], ['step', 'post']]);
    expect(other.status).toBe(400);
    expect(await h.snapshot()).toBe(before);
    const check = await post(session.emp!, '/app/vacancies', answers());
    expect(check.status).toBe(200);
    expectSound(check.html);
    expect(check.html).toContain('Bakery assistant');
    expect(check.html).toContain('18 December 2026');
    const done = await post(session.emp!, '/app/vacancies', [...hiddenFields(check.html), ['step', 'post']]);
    expect(done.status).toBe(303);
    const id = /^\/app\/vacancies\/([0-9A-Z]{26})\/posted$/.exec(done.location ?? '')?.[1];
    expect(id).toBeTruthy();
    const panel = await get(session.emp!, done.location!);
    expectSound(panel.html);
    expect(panel.html).toContain('Vacancy posted');
    expect(panel.html).toContain('Your account manager has been sent a notification');
    expect(await apiVacancy(id!)).toMatchObject({ status: 'draft', employerId, title: 'Bakery assistant', positions: 2 });
    // It reaches the account manager as a callback to make.
    const callbacks = (await body<{ items: { callback: { vacancyId: string } }[] }>(await h.call('GET', '/callbacks', { as: 'lia' })))
      .items;
    expect(callbacks.map((x) => x.callback.vacancyId)).toContain(id);
    // Their start page keeps the draft where they find it again.
    const start = await get(session.emp!, '/app');
    expectSound(start.html, { headerScope: true });
    const drafts = start.html.slice(start.html.indexOf('Drafts and closed vacancies'));
    expect(drafts).toContain(`href="/app/vacancies/${id}"`);
    expect(drafts).toContain('Draft: with your account manager');
  });

  it('is not for advisers', async () => {
    expect((await get(session.adv!, '/app/vacancies/new')).status).toBe(403);
    expect((await post(session.adv!, '/app/vacancies', [...answers(), ['step', 'post']])).status).toBe(403);
  });
});

describe("an employer's own record, and more vacancies than a page holds", () => {
  it('is "Our details" in an employer user\'s menu, and the record pages its vacancies 50 at a time', async () => {
    // Arrange: the employer has 52 vacancies, a few more than a page (made as the import makes them: a request each is a transaction each)
    await createInBulk(
      h,
      'vacancies',
      { sub: 'u-liaison-1', role: 'liaison' },
      Array.from({ length: 52 }, (_, i) =>
        vacancyBody(employerId, {
          status: 'open',
          occupation: { title: 'Warehouse operative', socCode: '9252' },
          title: `Picker ${String(i).padStart(2, '0')}`,
        }),
      ),
    );
    const home = await get(session.emp!, '/app');
    expect(home.html).toContain('href="/app/organisation"');
    // Act: "Our details" leads to their own record; the record's next page holds the rest
    const own = await redirectOf(session.emp!, '/app/organisation');
    expect(own).toBe(`/app/employers/${employerId}`);
    const first = await get(session.lia!, `/app/employers/${employerId}`);
    const next = /href="(\/app\/employers\/[^"]*vacanciesFrom=[^"#]+)#vacancies"/.exec(first.html)?.[1];
    // Assert
    expect(next).toBeDefined();
    const second = await get(session.lia!, next!.replace(/&amp;/g, '&'));
    expect(second.status).toBe(200);
    const titles = (html: string) => [...html.matchAll(/>(Picker \d\d)</g)].map((m) => m[1]);
    const all = new Set([...titles(first.html), ...titles(second.html)]);
    // The vacancies' table is the record's last: 50 rows on the first page, and every picker on one page or the other
    const rows = (html: string) => html.slice(html.indexOf('id="vacancies"')).split('<tr class="govuk-table__row">').length - 2; // less the heading row
    expect(rows(first.html)).toBe(50);
    expect(all.size).toBe(52);
    expectSound(second.html);
  });
});

/** Every field a page's form posts as the page filled it: text inputs, ticked boxes and chosen options (not the CSRF token). */
function formFields(html: string): [string, string][] {
  const form = /<form method="post" action="[^"]*\/edit"[\s\S]*?<\/form>/.exec(html)?.[0] ?? '';
  const out: [string, string][] = [];
  const unescaped = (s: string) =>
    s
      .replace(/&amp;/g, '&')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'");
  for (const m of form.matchAll(/<input\b([^>]*)>/g)) {
    const attrs = m[1]!;
    const name = /name="([^"]+)"/.exec(attrs)?.[1];
    if (!name || name === 'csrf') continue;
    const value = unescaped(/value="([^"]*)"/.exec(attrs)?.[1] ?? '');
    const type = /type="([^"]+)"/.exec(attrs)?.[1] ?? 'text';
    if ((type === 'checkbox' || type === 'radio') && !/\bchecked\b/.test(attrs)) continue;
    out.push([name, value]);
  }
  for (const m of form.matchAll(/<select\b[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g)) {
    const chosen = /<option value="([^"]*)" selected/.exec(m[2]!)?.[1];
    out.push([m[1]!, unescaped(chosen ?? '')]);
  }
  for (const m of form.matchAll(/<textarea\b[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/textarea>/g)) out.push([m[1]!, unescaped(m[2]!)]);
  return out;
}
