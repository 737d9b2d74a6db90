import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { createApp } from '../../functions/api/app.js';
import type { LocalSignIn } from '../../functions/api/web/sign-in.js';
import { unsubscribeToken } from '../../shared/use-cases/preferences.js';
import { employerBody, participantBody, vacancyBody } from '../support/fixtures.js';
import { body, createHarness, ORG, type Harness } from '../support/harness.js';
import { expectSound, localWebApp, webClient } from '../support/web.js';

/**
 * The staff directory and email to staff through the real app against DynamoDB Local: the API
 * (/staff, /me/notification-preferences), the session check that refuses a leaver's tokens, the
 * notifier emailing a member of staff at their own address, and the pages (the header's name, the
 * email settings, the unsubscribe link).
 */
let h: Harness;
let web: ReturnType<typeof createApp>;
const USERS: LocalSignIn['users'] = [
  { sub: 'u-admin-1', role: 'admin', name: 'Ruth Ackroyd' },
  { sub: 'u-adviser-1', role: 'adviser', name: 'Joan Whitaker' },
  { sub: 'u-liaison-1', role: 'liaison', name: 'Priya Shah' },
  { sub: 'u-employer-1', role: 'employer', name: 'Hartley HR', employerId: '01J0000000000000000000EMPL' },
];
const NOW = '2026-11-25T10:00:00.000Z';

beforeAll(async () => {
  h = await createHarness({ now: NOW });
  await h.signIn('admin', 'admin', { sub: 'u-admin-1' });
  await h.signIn('adv', 'adviser', { sub: 'u-adviser-1' });
  await h.signIn('lia', 'liaison', { sub: 'u-liaison-1' });
  await h.signIn('emp', 'employer', { sub: 'u-employer-1', employerId: '01J0000000000000000000EMPL' });
  for (const [id, name, role] of [
    ['u-admin-1', 'Ruth Ackroyd', 'admin'],
    ['u-adviser-1', 'Joan Whitaker', 'adviser'],
    ['u-liaison-1', 'Priya Shah', 'liaison'],
  ] as const)
    await h.deps.directory.create({
      id,
      orgId: ORG,
      name,
      email: `${name.toLowerCase().replace(' ', '.')}@provider.example.org`,
      role,
      team: 'Leeds Hunslet',
      active: true,
      createdAt: NOW,
      updatedAt: NOW,
    });
  web = localWebApp(h, USERS);
});

describe('the staff API', () => {
  it('adds a user, lists and searches colleagues, and refuses a second user at one address', async () => {
    // Act
    const added = await h.call('POST', '/staff', {
      as: 'admin',
      body: {
        name: 'Lena Kowalski',
        email: 'Lena.Kowalski@Provider.example.org',
        role: 'adviser',
        team: 'Halifax',
        phone: '0113 496 0500',
      },
    });
    const twice = await h.call('POST', '/staff', {
      as: 'admin',
      body: { name: 'Lena K', email: 'lena.kowalski@provider.example.org', role: 'adviser' },
    });
    const found = await body<{ items: { name: string }[] }>(await h.call('GET', '/staff?q=kow', { as: 'adv' }));
    const all = await body<{ items: { name: string }[] }>(await h.call('GET', '/staff?limit=2', { as: 'lia' }));
    // Assess
    expect(added.status).toBe(201);
    expect(await body(added)).toMatchObject({ email: 'lena.kowalski@provider.example.org', phone: '+441134960500', active: true });
    expect(twice.status).toBe(409);
    expect(found.items.map((m) => m.name)).toEqual(['Lena Kowalski']);
    expect(all.items.map((m) => m.name)).toEqual(['Joan Whitaker', 'Lena Kowalski']);
    expect((await h.call('GET', '/staff', { as: 'emp' })).status).toBe(403);
  });

  it('refuses bad input naming every bad field, changing nothing', async () => {
    const before = await h.snapshot();
    const res = await h.call('POST', '/staff', {
      as: 'admin',
      body: { name: '', email: 'not-an-address', role: 'boss', phone: 'call me', extra: 1 },
    });
    const problem = await body<{ errors: { path: string }[] }>(res);
    expect(res.status).toBe(400);
    expect(problem.errors.map((e) => e.path).sort()).toEqual(['email', 'extra', 'name', 'phone', 'role']);
    expect(await h.snapshot()).toBe(before);
  });

  it('deactivating a leaver refuses their tokens within the session check’s time, not at expiry', async () => {
    // Prepare: a leaver with a token that works
    const made = await body<{ id: string }>(
      await h.call('POST', '/staff', {
        as: 'admin',
        body: { name: 'Leaving Soon', email: 'leaving@provider.example.org', role: 'adviser' },
      }),
    );
    await h.signIn('leaver', 'adviser', { sub: made.id });
    expect((await h.call('GET', '/staff', { as: 'leaver' })).status).toBe(200);
    // Act
    h.clock.set('2026-11-25T10:05:00.000Z');
    const off = await h.call('POST', `/staff/${made.id}/deactivate`, { as: 'admin', body: { reason: 'Left the organisation' } });
    h.clock.set('2026-11-25T10:05:31.000Z');
    const after = await h.call('GET', '/staff', { as: 'leaver' });
    // Assess
    expect(off.status).toBe(200);
    expect(after.status).toBe(401);
    const audit = await body<{ items: { action: string; actorSub: string }[] }>(
      await h.call('GET', `/staff/${made.id}/audit`, { as: 'admin' }),
    );
    expect(audit.items.map((e) => e.action)).toEqual(['staff.deactivate', 'staff.create']);
    h.clock.set(NOW);
  });

  it('keeps each member of staff’s email choices', async () => {
    const put = await h.call('PUT', '/me/notification-preferences', { as: 'adv', body: { channels: { submitted: 'in-app' } } });
    const bad = await h.call('PUT', '/me/notification-preferences', {
      as: 'adv',
      body: { channels: { submitted: 'pigeon', nope: 'digest' } },
    });
    const got = await body<{ kinds: { kind: string; channel: string }[] }>(
      await h.call('GET', '/me/notification-preferences', { as: 'adv' }),
    );
    expect(put.status).toBe(200);
    expect(bad.status).toBe(400);
    expect(got.kinds.find((k) => k.kind === 'submitted')?.channel).toBe('in-app');
    expect(got.kinds.find((k) => k.kind === 'agree-or-decline')?.channel).toBe('immediate');
  });
});

describe('email to staff through the notifier', () => {
  let notifier: { stop(): Promise<void> };
  afterAll(async () => notifier?.stop());

  it('emails the adviser at their directory address when one of theirs is proposed, with nothing about anyone', async () => {
    // Prepare
    notifier = h.startNotifier();
    const employer = (await body(await h.call('POST', '/employers', { as: 'lia', body: employerBody({ name: 'Hartley Logistics' }) })))
      .id as string;
    const vacancy = (await body(await h.call('POST', '/vacancies', { as: 'lia', body: vacancyBody(employer, { status: 'open' }) })))
      .id as string;
    const p = (
      await body(
        await h.call('POST', '/participants', {
          as: 'adv',
          body: participantBody({
            firstName: 'Dean',
            lastName: 'Walsh',
            readiness: 'green',
            consent: { matching: true, shareWithEmployers: ['firstName'] },
          }),
        }),
      )
    ).id as string;
    // Act
    const res = await h.call('POST', `/vacancies/${vacancy}/submissions`, { as: 'lia', body: { participantIds: [p] } });
    expect(res.status).toBe(201);
    // Assess
    const m = await h.eventually(async () => {
      const found = h.email.sent.find((x) => x.to === 'joan.whitaker@provider.example.org');
      expect(found).toBeDefined();
      return found!;
    });
    expect(m.subject).toContain('needs your answer');
    expect(`${m.subject}\n${m.text}`).not.toMatch(/Dean|Walsh|Hartley|Warehouse|Priya/);
    // The in-app notification names the liaison officer who proposed them
    const inbox = await body<{ items: { body: string }[] }>(await h.call('GET', '/notifications', { as: 'adv' }));
    expect(inbox.items[0]?.body).toMatch(/^Proposed by Priya Shah\./);
  });
});

describe('the pages', () => {
  const { signInAs, get, post } = webClient(() => web, { csrfFrom: '/app/notifications' });

  it('say who is signed in by name', async () => {
    const s = await signInAs('adviser', 'u-adviser-1');
    expect((await get(s, '/app/notifications')).html).toContain('Sign out (Joan Whitaker)');
  });

  it('let a member of staff choose their emails, and say what went wrong in words', async () => {
    // Prepare
    const s = await signInAs('adviser', 'u-adviser-1');
    const form = await get(s, '/app/settings/notifications');
    expect(form.status).toBe(200);
    expectSound(form.html, { describedBy: true });
    expect(form.html).toContain('One of your participants is proposed for a vacancy: agree or decline');
    // Act
    const saved = await post(s, '/app/settings/notifications', [['channels.hired', 'digest']]);
    const bad = await post(s, '/app/settings/notifications', [['channels.hired', 'pigeon']]);
    // Assess
    expect(saved).toMatchObject({ status: 303, location: '/app/settings/notifications?done=saved' });
    const after = await get(s, '/app/settings/notifications?done=saved');
    expect(after.html).toContain('Your email settings are saved');
    expect(after.html).toMatch(/name="channels\.hired"[^>]*value="digest"[^>]*checked/);
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('There is a problem');
    expectSound(bad.html, { describedBy: true });
  });

  it('an email’s unsubscribe link asks first, then stops that kind only, without signing in; a bad link says so', async () => {
    // Prepare
    const token = await unsubscribeToken(h.deps, ORG, 'u-liaison-1', 'declined');
    // Act
    const ask = await web.request(`/unsubscribe?t=${token}`);
    const askHtml = await ask.text();
    const stop = await web.request(`/unsubscribe?t=${token}`, {
      method: 'POST',
      body: new URLSearchParams({ 'List-Unsubscribe': 'One-Click' }),
    });
    const forged = await web.request(`/unsubscribe?t=${token.slice(0, -2)}xx`, { method: 'POST' });
    // Assess
    expect(ask.status).toBe(200);
    expectSound(askHtml);
    expect(askHtml).toContain('an adviser declined a candidate you proposed');
    expect(stop.status).toBe(200);
    expect(await stop.text()).toContain('Emails stopped');
    expect(forged.status).toBe(404);
    const prefs = await body<{ kinds: { kind: string; channel: string; chosen: boolean }[] }>(
      await h.call('GET', '/me/notification-preferences', { as: 'lia' }),
    );
    expect(prefs.kinds.filter((k) => k.chosen).map((k) => [k.kind, k.channel])).toEqual([['declined', 'in-app']]);
  });
});

describe('the admin staff pages', () => {
  const { signInAs, get, post } = webClient(() => web, { csrfFrom: '/app/admin/staff' });

  it('find, add, change, deactivate and hand a leaver’s caseload on, in people’s words', async () => {
    // Prepare: a leaver with one participant
    const admin = await signInAs('admin', 'u-admin-1');
    const list = await get(admin, '/app/admin/staff?q=joan');
    expect(list.status).toBe(200);
    expectSound(list.html, { describedBy: true });
    expect(list.html).toContain('Joan Whitaker');
    expect(list.html).not.toContain('Priya Shah');
    // Act: add a user, with a mistake first
    const bad = await post(admin, '/app/admin/staff/new', [
      ['name', ''],
      ['email', 'nope'],
    ]);
    const answers: [string, string][] = [
      ['name', 'Omar Farouk'],
      ['email', 'omar.farouk@provider.example.org'],
      ['role', 'adviser'],
      ['team', 'Bradford City'],
    ];
    const check = await post(admin, '/app/admin/staff/new', answers);
    const again = await post(admin, '/app/admin/staff/new', [...answers, ['step', 'change']]);
    const before = await body<{ items: unknown[] }>(await h.call('GET', '/staff?q=omar', { as: 'admin' }));
    const added = await post(admin, '/app/admin/staff/new', [...answers, ['step', 'create']]);
    // Assess: check your answers first (nobody added yet), the answers kept when changed, then added
    expect(bad.status).toBe(400);
    expectSound(bad.html, { describedBy: true });
    expect(bad.html).toContain('Enter their full name');
    expect(bad.html).toContain('Choose their role');
    expect(check.status).toBe(200);
    expectSound(check.html, { describedBy: true });
    expect(check.html).toContain('Check the new user’s details');
    expect(check.html).toMatch(/Work email address<\/dt><dd class="govuk-summary-list__value">omar\.farouk@provider\.example\.org/);
    expect(check.html).toContain('name="step" value="create"');
    expect(again.html).toContain('value="Bradford City"');
    expect(before.items).toEqual([]);
    expect(added.status).toBe(303);
    const omarPage = added.location!.replace(/\?.*$/, '');
    const omar = decodeURIComponent(omarPage.split('/').at(-1)!);
    const shown = await get(admin, added.location!);
    expect(shown.html).toContain('User added');
    expect(shown.html).toContain('Bradford City');
    expectSound(shown.html, { describedBy: true, headerScope: true });
    // Act: change the team (checked first, showing only what changes), then give him a participant, deactivate him and hand the caseload to Joan
    const change: [string, string][] = [
      ['name', 'Omar Farouk'],
      ['role', 'adviser'],
      ['team', 'Halifax'],
      ['phone', ''],
    ];
    const changes = await post(admin, `${omarPage}/change`, change);
    expect(changes.status).toBe(200);
    expectSound(changes.html, { describedBy: true });
    expect(changes.html).toContain('Check your changes before saving them');
    expect(changes.html).toContain('Office or team');
    expect(changes.html).toContain('Was: Bradford City');
    expect(changes.html).not.toContain('Full name');
    const nothing = await post(admin, `${omarPage}/change`, [
      ['name', 'Omar Farouk'],
      ['role', 'adviser'],
      ['team', 'Bradford City'],
      ['phone', ''],
    ]);
    expect(nothing.status).toBe(400);
    expect(nothing.html).toContain('You have not changed anything');
    expect((await post(admin, `${omarPage}/change`, [...change, ['step', 'save']])).status).toBe(303);
    await h.signIn('omar', 'adviser', { sub: omar });
    const p = await body<{ id: string }>(
      await h.call('POST', '/participants', { as: 'omar', body: participantBody({ lastName: 'Handed' }) }),
    );
    const noReason = await post(admin, `${omarPage}/deactivate`, [['reason', '']]);
    expect(noReason.status).toBe(400);
    expect(noReason.html).toContain('Enter why');
    expect((await post(admin, `${omarPage}/deactivate`, [['reason', 'Left']])).status).toBe(303);
    const form = await get(admin, `${omarPage}/handover`);
    expectSound(form.html, { describedBy: true });
    expect(form.html).toContain('1 participant on their caseload');
    // Those who can take it on, never the leaver themselves.
    expect(form.html).toContain('value="u-adviser-1"');
    expect(form.html).not.toContain(`value="${omar}"`);
    const handed = await post(admin, `${omarPage}/handover`, [
      ['caseloadTo[]', 'u-adviser-1'],
      ['reason', 'Leaver'],
    ]);
    // Assess
    expect(handed.status).toBe(303);
    const after = await get(admin, handed.location!);
    expect(after.html).toContain('Their work has been handed over');
    expect(after.html).toContain('Halifax');
    expect(after.html).toMatch(/Deactivated/);
    expect(after.html).toContain('Ruth Ackroyd'); // who did it, by name
    expect((await body<{ adviserId: string }>(await h.call('GET', `/participants/${p.id}`, { as: 'adv' }))).adviserId).toBe('u-adviser-1');
  });

  it('say people by name wherever a person is shown: account managers, advisers, the transfer', async () => {
    // Prepare: an employer Priya manages, a participant on Joan's caseload
    const made = await h.call('POST', '/employers', {
      as: 'lia',
      body: employerBody({ name: 'Priya Managed Ltd', accountManagerId: 'u-liaison-1' }),
    });
    expect(made.status).toBe(201);
    const e = await body<{ id: string }>(made);
    const p = await body<{ id: string }>(
      await h.call('POST', '/participants', { as: 'adv', body: participantBody({ lastName: 'Named' }) }),
    );
    const admin = await signInAs('admin', 'u-admin-1');
    const lia = await webClient(() => web, { csrfFrom: '/app/notifications' }).signInAs('liaison', 'u-liaison-1');
    // Act
    const asOfficer = await get(lia, `/app/employers/${e.id}`);
    const asAdmin = await get(admin, `/app/employers/${e.id}`);
    const found = await get(lia, '/app/employers?accountManagerId=me');
    const edit = await get(lia, `/app/employers/${e.id}/edit`);
    const participant = await get(lia, `/app/participants/${p.id}`);
    const transfer = await get(admin, `/app/admin/participants/${p.id}/transfer`);
    const check = await post(admin, `/app/admin/participants/${p.id}/transfer`, [
      ['toAdviserId', 'u-admin-1'],
      ['reason', 'Moved office'],
    ]);
    // Assess: names, never the ids
    expect(asOfficer.html).toMatch(/Account manager<\/dt><dd class="govuk-summary-list__value">You \(Priya Shah\)/);
    expect(asAdmin.html).toMatch(/Account manager<\/dt><dd class="govuk-summary-list__value">Priya Shah/);
    expect(found.html).toContain('<option value="me" selected="">You</option>');
    expect(edit.html).toContain('<option value="u-liaison-1" selected="">Priya Shah (you), Leeds Hunslet</option>');
    expect(participant.html).toContain('their adviser is Joan Whitaker');
    expect(transfer.html).toContain('They are now on Joan Whitaker’s caseload.');
    expect(transfer.html).toContain('<option value="u-admin-1">Ruth Ackroyd (you), Leeds Hunslet</option>');
    expect(transfer.html).not.toContain('<option value="u-adviser-1"');
    expect(check.html).toMatch(/From<\/dt><dd class="govuk-summary-list__value">Joan Whitaker/);
    expect(check.html).toMatch(/To<\/dt><dd class="govuk-summary-list__value">Ruth Ackroyd/);
    for (const html of [asOfficer.html, asAdmin.html, found.html, participant.html, transfer.html, check.html])
      expect(html.replace(/value="u-[a-z0-9-]+"|href="[^"]*"/g, '')).not.toMatch(/u-(liaison|adviser|admin)-1/);
  });

  it('"Colleagues" lets any member of staff find whom to talk to, read only; employers’ users are refused', async () => {
    const other = webClient(() => web, { csrfFrom: '/app/notifications' });
    const lia = await other.signInAs('liaison', 'u-liaison-1');
    const all = await get(lia, '/app/staff');
    const advisers = await get(lia, '/app/staff?role=adviser');
    const found = await get(lia, '/app/staff?q=whit');
    expect(all.status).toBe(200);
    expectSound(all.html, { describedBy: true });
    expect(all.html).toContain('href="/app/staff"'); // in the menu
    expect(all.html).toContain('Priya Shah');
    expect(all.html).toContain('href="mailto:joan.whitaker@provider.example.org"');
    expect(advisers.html).toContain('Joan Whitaker');
    expect(advisers.html).not.toContain('<td class="govuk-table__cell">Ruth Ackroyd');
    expect(found.html).toContain('Joan Whitaker');
    expect(found.html).not.toContain('<td class="govuk-table__cell">Priya Shah');
    // Read only: no way to change anyone from here
    expect(all.html).not.toContain('/app/admin/staff/');
    const emp = await other.signInAs('employer', 'u-employer-1');
    expect((await get(emp, '/app/staff')).status).toBe(403);
  });

  it('are for admins only', async () => {
    const other = webClient(() => web, { csrfFrom: '/app/notifications' });
    const adv = await other.signInAs('adviser', 'u-adviser-1');
    expect((await get(adv, '/app/admin/staff')).status).toBe(403);
    expect((await post(adv, '/app/admin/staff/new', [['name', 'X']])).status).toBe(403);
  });
});
