import { beforeAll, describe, expect, it } from 'vitest';
import type { createApp } from '../../functions/api/app.js';
import type { LocalSignIn } from '../../functions/api/web/sign-in.js';
import { employerBody, participantBody, vacancyBody } from '../support/fixtures.js';
import { body, createHarness, type Harness } from '../support/harness.js';
import { expectSound, localWebApp, webClient, type Session } from '../support/web.js';

/**
 * The administration pages, in-process: the start page's task list, caseloads, finding a participant,
 * caseload transfer (question, check your answers, confirmation), erasure (what goes and what stays,
 * the reference typed to confirm, the panel), the subject-access download and the paginated audit trail.
 * Admins only: every page is 403 to the other roles. Each refused form names the field and changes
 * nothing; each action is checked through the API afterwards.
 */
let h: Harness;
let web: ReturnType<typeof createApp>;
const people: Record<string, string> = {};
const USERS: LocalSignIn['users'] = [
  { sub: 'u-admin-1', role: 'admin', name: 'Ad Min' },
  { sub: 'u-liaison-1', role: 'liaison', name: 'Lia Son' },
  { sub: 'u-adviser-1', role: 'adviser', name: 'Ada Viser' },
  { sub: 'u-adviser-2', role: 'adviser', name: 'Bea Viser' },
];
const { signInAs, get, post } = webClient(() => web);
const session: Record<string, Session> = {};
const CORRELATION = 'audit-corr-0001';

beforeAll(async () => {
  h = await createHarness({ now: '2026-11-25T10:00:00Z' });
  await h.signIn('adm', 'admin', { sub: 'u-admin-1' });
  await h.signIn('lia', 'liaison', { sub: 'u-liaison-1' });
  await h.signIn('adv', 'adviser', { sub: 'u-adviser-1' });
  await h.signIn('adv2', 'adviser', { sub: 'u-adviser-2' });
  const employerId = (await body(await h.call('POST', '/employers', { as: 'lia', body: employerBody() }))).id as string;
  USERS.push({ sub: 'u-employer-1', role: 'employer', name: 'Hartley HR', employerId });
  web = localWebApp(h, USERS);
  for (const [key, firstName, lastName] of [
    ['dean', 'Dean', 'Walsh'],
    ['erin', 'Erin', 'Moss'],
    ['fay', 'Fay', 'Ng'],
  ] as const) {
    const res = await h.call('POST', '/participants', {
      as: 'adv',
      body: participantBody({ firstName, lastName, consent: { matching: true, shareWithEmployers: ['firstName'] } }),
    });
    expect(res.status).toBe(201);
    const id = (await body(res)).id as string;
    people[key] = id;
    expect(
      (await h.call('PUT', `/participants/${id}/sensitive`, { as: 'adv', body: { health: `Private note about ${firstName}` } })).status,
    ).toBe(200);
  }
  session.adm = await signInAs('admin', 'u-admin-1');
  session.lia = await signInAs('liaison', 'u-liaison-1');
  session.adv = await signInAs('adviser', 'u-adviser-1');
  session.emp = await signInAs('employer', 'u-employer-1');
});

const adminPages = () => [
  '/app/admin',
  '/app/admin/retention',
  '/app/admin/caseloads?adviserId=u-adviser-1',
  `/app/admin/participants?participant=${people.dean}`,
  `/app/admin/participants/${people.dean}`,
  `/app/admin/participants/${people.dean}/transfer`,
  `/app/admin/participants/${people.dean}/transferred?from=u-adviser-9`,
  `/app/admin/participants/${people.dean}/erase`,
  `/app/admin/participants/${people.dean}/export`,
  `/app/admin/participants/${people.dean}/export.json`,
  `/app/admin/participants/${people.dean}/audit`,
];

describe('who may use the administration pages', () => {
  it('renders each page for admins, with Admin in their navigation', async () => {
    for (const path of adminPages()) {
      const res = await get(session.adm!, path);
      expect(res.status, path).toBe(200);
      if (res.type.includes('text/html')) expectSound(res.html, { describedBy: true, headerScope: true });
    }
    // An admin's start page is the administration page, first in their navigation.
    const home = (await get(session.adm!, '/app')).html;
    expect(home).toContain('<h1 class="govuk-heading-l">Administration</h1>');
    expect(home).toMatch(/<nav[\s\S]*?href="\/app\/admin"[^>]*>\s*(?:<strong[^>]*>)?Administration/);
    expect((await get(session.lia!, '/app')).html).not.toContain('href="/app/admin"');
  });

  it('answers 403 to liaison officers, advisers and employers on every page and form, changing nothing', async () => {
    const before = await h.snapshot();
    for (const who of ['lia', 'adv', 'emp']) {
      for (const path of adminPages()) expect((await get(session[who]!, path)).status, `${who} ${path}`).toBe(403);
      const transfer = await post(session[who]!, `/app/admin/participants/${people.dean}/transfer`, [
        ['toAdviserId', 'u-adviser-2'],
        ['reason', 'Moved'],
        ['step', 'confirm'],
      ]);
      expect(transfer.status).toBe(403);
      const erase = await post(session[who]!, `/app/admin/participants/${people.dean}/erase`, [['confirm', people.dean!]]);
      expect(erase.status).toBe(403);
    }
    expect(await h.snapshot()).toBe(before);
    // Without a session, the pages send the browser to sign in.
    const anon = await web.request('/app/admin');
    expect(anon.status).toBe(303);
    expect(anon.headers.get('location')).toMatch(/^\/sign-in/);
  });

  it('answers 404 for a reference that is not one, or nobody', async () => {
    for (const ref of ['nobody', '01J00000000000000000000000'])
      for (const task of ['', '/transfer', '/erase', '/export', '/export.json'])
        expect((await get(session.adm!, `/app/admin/participants/${ref}${task}`)).status).toBe(404);
  });
});

describe('the start page, caseloads and finding a participant', () => {
  it('lists the jobs as a task list', async () => {
    const { html } = await get(session.adm!, '/app/admin');
    expect(html).toContain('govuk-task-list');
    for (const href of [
      '/app/admin/caseloads',
      '/app/admin/participants?task=transfer',
      '/app/admin/participants?task=erase',
      '/app/admin/participants?task=export',
      '/app/admin/participants?task=audit',
      '/app/admin/retention',
    ])
      expect(html).toContain(`href="${href.replace(/&/g, '&amp;')}"`);
    for (const name of ['Users and their caseloads', 'Transfer a participant', 'Erase a participant', 'Export everything', 'Audit trail'])
      expect(html).toContain(name);
  });

  it('says what is waiting on the admin: leavers still holding work, employer callbacks overdue', async () => {
    const calm = await get(session.adm!, '/app/admin');
    expect(calm.html).toContain('Nothing is waiting on you');
    // A leaver with a participant still on their caseload, and an employer's vacancy whose callback is two days late.
    const at = '2026-11-25T10:00:00.000Z';
    const leaver = {
      id: 'u-adviser-9',
      orgId: 'test-org',
      name: 'Len Leaver',
      email: 'len@provider.example.org',
      role: 'adviser' as const,
    };
    await h.deps.directory.create({ ...leaver, active: false, createdAt: at, updatedAt: at });
    await h.call('POST', '/participants', { as: 'adm', body: participantBody({ firstName: 'Gil', adviserId: 'u-adviser-9' }) });
    const employerId = USERS.find((u) => u.role === 'employer')!.employerId!;
    await h.signIn('emp', 'employer', { sub: 'u-employer-1', employerId });
    const posted = await h.call('POST', '/vacancies', { as: 'emp', body: vacancyBody(employerId, { title: 'Night picker' }) });
    expect(posted.status).toBe(201);
    h.clock.set('2026-12-02T09:00:00Z');
    try {
      const { html } = await get(session.adm!, '/app/admin');
      expectSound(html, { headerScope: true });
      expect(html).not.toContain('Nothing is waiting on you');
      expect(html).toContain('Leavers still holding work (1)');
      expect(html).toMatch(/Len Leaver<\/td><td class="govuk-table__cell">Adviser<\/td><td[^>]*>1<\/td><td[^>]*>0<\/td>/);
      expect(html).toContain('href="/app/admin/staff/u-adviser-9/handover"');
      expect(html).toContain('Employer callbacks overdue (1)');
      expect(html).toContain('Night picker');
      expect(html).toContain('27 November 2026');
      // Not a page for anyone else.
      expect((await get(session.lia!, '/app/admin')).status).toBe(403);
    } finally {
      h.clock.set('2026-11-25T10:00:00Z');
    }
  });

  it('shows an adviser’s caseload, and refuses a user id that is not one', async () => {
    const { html } = await get(session.adm!, '/app/admin/caseloads?adviserId=u-adviser-1');
    for (const name of ['Dean Walsh', 'Erin Moss', 'Fay Ng']) expect(html).toContain(name);
    expect(html).toContain(`href="/app/admin/participants/${people.dean}"`);
    const bad = await get(session.adm!, '/app/admin/caseloads?adviserId=not%20an%20id!');
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('href="#adviserId"');
    expectSound(bad.html);
  });

  it('finds by reference or by name on a caseload, linking to the task in hand', async () => {
    const byName = await get(session.adm!, '/app/admin/participants?task=transfer&participant=erin&adviserId=u-adviser-1');
    expect(byName.html).toContain(`href="/app/admin/participants/${people.erin}/transfer"`);
    expect(byName.html).not.toContain('Dean Walsh');
    const byRef = await get(session.adm!, `/app/admin/participants?task=audit&participant=${people.fay}`);
    expect(byRef.html).toContain(`href="/app/admin/participants/${people.fay}/audit"`);
    const noAdviser = await get(session.adm!, '/app/admin/participants?task=erase&participant=fay');
    expect(noAdviser.status).toBe(400);
    expect(noAdviser.html).toContain('href="#adviserId"');
    expectSound(noAdviser.html);
  });
});

describe('caseload transfer', () => {
  const path = () => `/app/admin/participants/${people.erin}/transfer`;

  it('refuses missing answers, and the caseload they are already on, changing nothing', async () => {
    const before = await h.snapshot();
    const empty = await post(session.adm!, path(), []);
    expect(empty.status).toBe(400);
    expect(empty.html).toContain('href="#toAdviserId"');
    expect(empty.html).toContain('href="#reason"');
    expect(empty.html).toContain('Enter why they are moving');
    expectSound(empty.html, { describedBy: true });
    const same = await post(session.adm!, path(), [
      ['toAdviserId', 'u-adviser-1'],
      ['reason', 'Moved offices'],
      ['step', 'confirm'],
    ]);
    expect(same.status).toBe(400);
    expect(same.html).toContain('They are already on that adviser’s caseload: choose another');
    const badId = await post(session.adm!, path(), [
      ['toAdviserId', 'not an id!'],
      ['reason', 'Moved'],
    ]);
    expect(badId.status).toBe(400);
    expect(badId.html).toContain('href="#toAdviserId"');
    expect(await h.snapshot()).toBe(before);
  });

  it('shows the transfer to check, lets it be changed, then makes it and says who sees what', async () => {
    const before = await h.snapshot();
    const check = await post(session.adm!, path(), [
      ['toAdviserId', 'u-adviser-2'],
      ['reason', 'Moved to the Hunslet office'],
    ]);
    expect(check.status).toBe(200);
    expect(check.html).toContain('Check the transfer before it is made');
    expect(check.html).toContain('Moved to the Hunslet office');
    expect(check.html).toContain('name="toAdviserId" value="u-adviser-2"');
    expectSound(check.html);
    const change = await post(session.adm!, path(), [
      ['toAdviserId', 'u-adviser-2'],
      ['reason', 'Moved to the Hunslet office'],
      ['step', 'change'],
    ]);
    expect(change.status).toBe(200);
    expect(change.html).toContain('Moved to the Hunslet office</textarea>');
    expect(await h.snapshot()).toBe(before);

    const done = await post(session.adm!, path(), [
      ['toAdviserId', 'u-adviser-2'],
      ['reason', 'Moved to the Hunslet office'],
      ['step', 'confirm'],
    ]);
    expect(done.status).toBe(303);
    expect(done.location).toBe(`/app/admin/participants/${people.erin}/transferred?from=u-adviser-1`);
    const panel = await get(session.adm!, done.location!);
    expect(panel.html).toContain('govuk-panel--confirmation');
    expect(panel.html).toContain('Erin Moss is now on u-adviser-2’s caseload');
    expect(panel.html).toContain('u-adviser-1 no longer sees them');
    expect(panel.html).toContain('tell u-adviser-2 and u-adviser-1');
    expectSound(panel.html);

    expect(await body(await h.call('GET', `/participants/${people.erin}`, { as: 'adv2' }))).toMatchObject({ adviserId: 'u-adviser-2' });
    expect((await h.call('GET', `/participants/${people.erin}`, { as: 'adv' })).status).toBe(404);
    const audit = await body<{ items: { action: string; actorSub: string; detail?: Record<string, unknown> }[] }>(
      await h.call('GET', `/participants/${people.erin}/audit`, { as: 'adm' }),
    );
    expect(audit.items).toContainEqual(
      expect.objectContaining({
        action: 'caseload.transfer',
        actorSub: 'u-admin-1',
        detail: { fromAdviserId: 'u-adviser-1', toAdviserId: 'u-adviser-2' },
      }),
    );
  });
});

describe('subject access export', () => {
  it('links to the download, which is the export as an attachment that is never cached, and is audited', async () => {
    const page = await get(session.adm!, `/app/admin/participants/${people.fay}/export`);
    expect(page.html).toContain(`href="/app/admin/participants/${people.fay}/export.json"`);
    expect(page.html).toContain('govuk-warning-text');
    const res = await web.request(`/app/admin/participants/${people.fay}/export.json`, { headers: { cookie: session.adm!.cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="participant-${people.fay}.json"`);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const doc = (await res.json()) as {
      participant: { id: string };
      sensitive: { health?: string };
      audit: { action: string }[];
      exportedBy: string;
    };
    expect(doc.participant.id).toBe(people.fay);
    expect(doc.sensitive.health).toBe('Private note about Fay');
    expect(doc.exportedBy).toBe('u-admin-1');
    expect(doc.audit.map((a) => a.action)).toContain('participant.export');
  });
});

describe('the audit trail', () => {
  it('shows who, role, what, when and the correlation id, 25 to a page', async () => {
    // 30 reads of the sensitive part by the adviser, each with the same correlation id: more than a page.
    for (let i = 0; i < 30; i++) {
      const res = await h.call('GET', `/participants/${people.dean}/sensitive`, {
        as: 'adv',
        headers: { 'x-correlation-id': CORRELATION },
      });
      expect(res.status).toBe(200);
    }
    const first = await get(session.adm!, `/app/admin/participants/${people.dean}/audit`);
    expect(first.status).toBe(200);
    for (const col of ['When', 'Who', 'Role', 'What', 'Correlation id']) expect(first.html).toContain(`>${col}</th>`);
    expect(first.html).toContain('Read their sensitive information');
    expect(first.html).toContain('Changed their sensitive information');
    expect(first.html).toContain(CORRELATION);
    expect(first.html).toContain('u-adviser-1');
    expect(first.html.match(/<tr class="govuk-table__row">/g)!.length).toBe(1 + 25);
    expectSound(first.html, { headerScope: true });
    const next = /href="(\/app\/admin\/participants\/[^"]+\/audit\?cursor=[^"]+)"/.exec(first.html)?.[1]?.replace(/&amp;/g, '&');
    expect(next).toBeTruthy();
    const second = await get(session.adm!, next!);
    expect(second.status).toBe(200);
    const all = await body<{ items: unknown[] }>(await h.call('GET', `/participants/${people.dean}/audit?limit=100`, { as: 'adm' }));
    expect(all.items.length).toBeGreaterThan(30);
    expect(second.html.match(/<tr class="govuk-table__row">/g)!.length).toBe(1 + all.items.length - 25);
  });
});

describe('erasure', () => {
  const path = () => `/app/admin/participants/${people.dean}/erase`;

  it('says exactly what is erased and what is kept before anything is done', async () => {
    const { html } = await get(session.adm!, path());
    expect(html).toContain('govuk-warning-text');
    expect(html).toContain('This cannot be undone');
    const erased = html.slice(html.indexOf('What is erased'), html.indexOf('What is kept'));
    for (const x of ['profile', 'sensitive information', 'readiness history', 'check-ins', 'cohort enrolments', 'notifications'])
      expect(erased).toContain(x);
    const kept = html.slice(html.indexOf('What is kept'));
    expect(kept).toContain('anonymous counts');
    expect(kept).toContain('audit trail');
    expect(html).toContain(`Their reference is ${people.dean}`);
    expectSound(html, { describedBy: true });
  });

  it('refuses without their reference typed, or with the wrong one, changing nothing', async () => {
    const before = await h.snapshot();
    const empty = await post(session.adm!, path(), [['confirm', '']]);
    expect(empty.status).toBe(400);
    expect(empty.html).toContain('href="#confirm"');
    expect(empty.html).toContain('Type their participant reference to confirm');
    expectSound(empty.html, { describedBy: true });
    const wrong = await post(session.adm!, path(), [['confirm', people.fay!]]);
    expect(wrong.status).toBe(400);
    expect(wrong.html).toContain('href="#confirm"');
    expect(wrong.html).toContain('The reference typed is not Dean Walsh’s');
    expect(await h.snapshot()).toBe(before);
  });

  it('erases with the reference typed (spaces and case aside), shows the panel, and keeps the trail', async () => {
    const typed = ` ${people.dean!.slice(0, 10).toLowerCase()} ${people.dean!.slice(10)} `;
    const res = await post(session.adm!, path(), [['confirm', typed]]);
    expect(res.status).toBe(303);
    expect(res.location).toBe(`/app/admin/participants/${people.dean}/erased`);
    const panel = await get(session.adm!, res.location!);
    expect(panel.status).toBe(200);
    expect(panel.html).toContain('govuk-panel--confirmation');
    expect(panel.html).toContain('Personal data erased');
    expect(panel.html).toContain('Who was told');
    expect(panel.html).toContain('by u-admin-1');
    expectSound(panel.html);

    expect((await h.call('GET', `/participants/${people.dean}`, { as: 'adm' })).status).toBe(404);
    const trail = await get(session.adm!, `/app/admin/participants/${people.dean}/audit`);
    expect(trail.status).toBe(200);
    expect(trail.html).toContain('Their personal data has been erased');
    expect(trail.html).not.toContain('Dean');
    // The participant's own pages are gone; the panel is not shown for someone not erased.
    expect((await get(session.adm!, `/app/admin/participants/${people.dean}`)).status).toBe(404);
    expect((await get(session.adm!, `/app/admin/participants/${people.fay}/erased`)).status).toBe(404);
  });
});

describe('the participant’s own adviser', () => {
  it('transfers them to a colleague, exports everything held and reads their audit trail, from their page; others cannot', async () => {
    const made = await h.call('POST', '/participants', {
      as: 'adv',
      body: participantBody({ firstName: 'Gail', lastName: 'Hart', consent: { matching: true, shareWithEmployers: ['firstName'] } }),
    });
    const id = (await body(made)).id as string;
    const base = `/app/participants/${id}`;
    const own = (await get(session.adv!, base)).html;
    for (const t of ['transfer', 'export', 'audit']) expect(own).toContain(`href="${base}/${t}"`);
    // Another adviser does not find them; liaison officers and employers are refused.
    const adv2 = await signInAs('adviser', 'u-adviser-2');
    for (const t of ['transfer', 'export', 'export.json', 'audit']) {
      expect((await get(adv2, `${base}/${t}`)).status, t).toBe(404);
      expect((await get(session.lia!, `${base}/${t}`)).status, t).toBe(403);
      expect((await get(session.emp!, `${base}/${t}`)).status, t).toBe(403);
    }
    // The export: the page, then the download, audited.
    const exp = await get(session.adv!, `${base}/export`);
    expect(exp.status).toBe(200);
    expectSound(exp.html, { describedBy: true, headerScope: true });
    expect(exp.html).toContain(`href="${base}/export.json"`);
    expect(exp.html).not.toContain('/app/admin/');
    const file = await get(session.adv!, `${base}/export.json`);
    expect(file.type).toContain('application/json');
    expect(file.html).toContain('"firstName": "Gail"');
    const trail = await get(session.adv!, `${base}/audit`);
    expect(trail.status).toBe(200);
    expectSound(trail.html, { describedBy: true, headerScope: true });
    expect(trail.html).toContain('Audit trail of Gail Hart');
    expect(trail.html).toContain(`href="${base}"`);
    // The transfer: refused without answers, checked, then made; the confirmation is the answer, as they no longer see them.
    const before = await h.snapshot();
    const bad = await post(session.adv!, `${base}/transfer`, []);
    expect(bad.status).toBe(400);
    expect(await h.snapshot()).toBe(before);
    const answers: [string, string][] = [
      ['toAdviserId', 'u-adviser-2'],
      ['reason', 'Moved to the Hunslet office'],
    ];
    const check = await post(session.adv!, `${base}/transfer`, answers);
    expect(check.html).toContain('Check the transfer before it is made');
    expect(check.html).toContain('you no longer see them');
    const done = await post(session.adv!, `${base}/transfer`, [...answers, ['step', 'confirm']]);
    expect(done.status).toBe(200);
    expectSound(done.html, { headerScope: true });
    expect(done.html).toContain('Gail Hart is now on u-adviser-2’s caseload');
    expect(done.html).toContain('You no longer see them');
    expect(done.html).toContain('href="/app"');
    expect(await body(await h.call('GET', `/participants/${id}`, { as: 'adv2' }))).toMatchObject({ adviserId: 'u-adviser-2' });
    expect((await get(session.adv!, `${base}/audit`)).status).toBe(404);
  });
});

describe('an admin who manages employer accounts', () => {
  it('starts on the liaison officer’s day of their employers, with Administration first in their navigation', async () => {
    const made = await h.call('POST', '/employers', {
      as: 'adm',
      body: employerBody({ name: 'Admin-managed Bakery', accountManagerId: 'u-admin-1' }),
    });
    expect(made.status).toBe(201);
    const home = (await get(session.adm!, '/app')).html;
    expect(home).toContain('My employers');
    expect(home).toContain('Admin-managed Bakery');
    expect(home).toMatch(/<nav[\s\S]*?href="\/app\/admin"[^>]*>\s*(?:<strong[^>]*>)?Administration/);
    expect((await get(session.adm!, '/app/admin')).html).toContain('<h1 class="govuk-heading-l">Administration</h1>');
  });
});
