import { beforeAll, describe, expect, it } from 'vitest';
import type { createApp } from '../../functions/api/app.js';
import type { LocalSignIn } from '../../functions/api/web/sign-in.js';
import { employerBody } from '../support/fixtures.js';
import { body, createHarness, type Harness } from '../support/harness.js';
import { expectSound, formOf, hiddenFields, localWebApp, summaryErrors, webClient, type Session } from '../support/web.js';

/**
 * Keeping the employer record in the pages, as a liaison officer does: recording an employer (question
 * page, check your answers with the duplicate check, confirmation panel), changing its details, adding
 * and changing contacts, recording a pledge. Each refused form says what is wrong in people's words and
 * changes nothing; each action is checked through the API afterwards; advisers and employer users are refused.
 */
let h: Harness;
let web: ReturnType<typeof createApp>;
let hartleyId: string;
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
  hartleyId = (await body(await h.call('POST', '/employers', { as: 'lia', body: employerBody({ companyNumber: '01234567' }) })))
    .id as string;
  USERS.push({ sub: 'u-employer-1', role: 'employer', name: 'Hartley HR', employerId: hartleyId });
  web = localWebApp(h, USERS);
  session.lia = await signInAs('liaison', 'u-liaison-1');
  session.adm = await signInAs('admin', 'u-admin-1');
  session.adv = await signInAs('adviser', 'u-adviser-1');
  session.emp = await signInAs('employer', 'u-employer-1');
});

const employerForm = (over: Record<string, string | string[]> = {}) =>
  formOf({
    name: 'Kirkgate Bakery',
    companyNumber: '',
    sector: 'hospitality',
    sizeBand: 'small',
    'address.line1': '12 Kirkgate',
    'address.line2': '',
    'address.town': 'Wakefield',
    'address.postcode': 'wf1 1hx',
    accountManagerId: 'u-liaison-1',
    stage: 'prospect',
    'commitments.guaranteedInterviews:boolean': 'true',
    'commitments.workTrials:boolean': 'false',
    'commitments.disabilityConfident': 'committed',
    website: '',
    notes: '',
    ...over,
  });

async function apiEmployer(id: string) {
  const res = await h.call('GET', `/employers/${id}`, { as: 'lia' });
  expect(res.status).toBe(200);
  return body(res);
}

async function employersNamed(q: string) {
  return (
    await body<{ items: { id: string; name: string }[] }>(await h.call('GET', `/employers?q=${encodeURIComponent(q)}`, { as: 'lia' }))
  ).items;
}

describe('recording an employer', () => {
  it('is linked from the start page; the question page asks every detail, for liaison officers and admins only', async () => {
    expect((await get(session.lia!, '/app')).html).toContain('href="/app/employers/new"');
    for (const who of ['lia', 'adm']) {
      const { status, html } = await get(session[who]!, '/app/employers/new');
      expect(status).toBe(200);
      expectSound(html, { describedBy: true });
      for (const [name] of employerForm()) expect(html).toContain(`name="${name}"`);
      // The officer is the account manager unless they say otherwise; a new employer is a prospect.
      expect(html).toMatch(
        /<select class="govuk-select" id="accountManagerId" name="accountManagerId"[^>]*>.*<option value="u-[a-z]+-1" selected="">/s,
      );
      expect(html).toMatch(/value="prospect" checked=""/);
    }
    for (const who of ['adv', 'emp']) {
      expect((await get(session[who]!, '/app/employers/new')).status).toBe(403);
      const before = await h.snapshot();
      expect((await post(session[who]!, '/app/employers/new', employerForm({ step: 'create' }))).status).toBe(403);
      expect(await h.snapshot()).toBe(before);
    }
  });

  it('says what is wrong in people’s words, never as field paths, and records nothing', async () => {
    const before = await h.snapshot();
    const res = await post(
      session.lia!,
      '/app/employers/new',
      employerForm({
        name: '',
        sector: '',
        'address.postcode': 'not a postcode',
        companyNumber: '123',
        website: 'kirkgate dot example',
        'address.town': '',
        sizeBand: [],
        step: 'create',
      }),
    );
    expect(res.status).toBe(400);
    expectSound(res.html, { describedBy: true });
    expect(summaryErrors(res.html)).toEqual([
      'Enter the employer’s name',
      'Enter a Companies House number of 8 characters, like 01234567 or SC123456',
      'Select the sector it works in',
      'Select how many people it employs',
      'Enter the town or city',
      'Enter a real postcode, like LS1 4AP',
      'Enter the website’s full address, starting https://',
    ]);
    // Each links to its field, and the answers typed are kept.
    expect(res.html).toContain('href="#address-postcode"');
    expect(res.html).toContain('value="not a postcode"');
    expect(await h.snapshot()).toBe(before);
  });

  it('checks the answers, then records the employer and confirms what happens next', async () => {
    const check = await post(session.lia!, '/app/employers/new', employerForm());
    expect(check.status).toBe(200);
    expectSound(check.html);
    expect(check.html).toContain('Check your answers before recording the employer');
    expect(check.html).not.toContain('Is it one of these?');
    expect(check.html).toContain('WF1 1HX');
    expect(check.html).toContain('Disability Confident committed (level 1)');
    // Changing them goes back to the question page with every answer in place.
    const back = await post(session.lia!, '/app/employers/new', [...hiddenFields(check.html), ['step', 'change']]);
    expect(back.status).toBe(200);
    expect(back.html).toContain('value="12 Kirkgate"');
    expect(back.html).toMatch(/value="committed" checked=""/);

    const done = await post(session.lia!, '/app/employers/new', [...hiddenFields(check.html), ['step', 'create']]);
    expect(done.status).toBe(303);
    const id = /^\/app\/employers\/([0-9A-Z]{26})\/created$/.exec(done.location ?? '')?.[1];
    expect(id).toBeTruthy();
    const panel = await get(session.lia!, done.location!);
    expect(panel.status).toBe(200);
    expectSound(panel.html);
    expect(panel.html).toContain('govuk-panel__title">Employer recorded');
    expect(panel.html).toContain('Nobody has been sent a notification');
    expect(panel.html).toContain(`href="/app/employers/${id}/contacts/new"`);
    expect(await apiEmployer(id!)).toMatchObject({
      name: 'Kirkgate Bakery',
      stage: 'prospect',
      address: { line1: '12 Kirkgate', town: 'Wakefield', postcode: 'WF1 1HX' },
      accountManagerId: 'u-liaison-1',
      commitments: { guaranteedInterviews: true, workTrials: false, disabilityConfident: 'committed', openToConvictions: false },
    });
  });

  it('meets the duplicate check: the same name and postcode is shown to open, never recorded twice', async () => {
    const before = await h.snapshot();
    // "Hartley Logistics" at Hartley Logistics Ltd's postcode, written differently.
    const res = await post(
      session.lia!,
      '/app/employers/new',
      employerForm({ name: 'HARTLEY LOGISTICS', 'address.postcode': 'LS11 5PQ', 'address.town': 'Leeds' }),
    );
    expect(res.status).toBe(409);
    expectSound(res.html);
    expect(res.html).toContain('This employer is already recorded');
    expect(res.html).toContain(`href="/app/employers/${hartleyId}"`);
    expect(res.html).not.toContain('value="create"');
    expect(await h.snapshot()).toBe(before);
    // Posting "create" anyway is refused the same way.
    const forced = await post(
      session.lia!,
      '/app/employers/new',
      employerForm({ name: 'Hartley Logistics', 'address.postcode': 'LS11 5PQ', step: 'create' }),
    );
    expect(forced.status).toBe(409);
    expect(await h.snapshot()).toBe(before);
  });

  it('shows similar names to rule out first; the officer confirms it is a different employer and it is recorded', async () => {
    const check = await post(
      session.lia!,
      '/app/employers/new',
      employerForm({
        name: 'Hartley Logistics',
        'address.line1': '1 Dock Street',
        'address.town': 'Bradford',
        'address.postcode': 'BD1 1AA',
      }),
    );
    expect(check.status).toBe(200);
    expect(check.html).toContain('Is it one of these?');
    expect(check.html).toContain('An employer with a similar name is already recorded');
    expect(check.html).toContain(`href="/app/employers/${hartleyId}"`);
    expect(check.html).toContain('It is a different employer: record it');
    const done = await post(session.lia!, '/app/employers/new', [...hiddenFields(check.html), ['step', 'create']]);
    expect(done.status).toBe(303);
    expect((await employersNamed('Hartley')).length).toBe(2);
  });

  it('a company number recorded by someone else between the check and the create is caught by the guard and shown', async () => {
    const check = await post(
      session.lia!,
      '/app/employers/new',
      employerForm({ name: 'Ossett Joinery', companyNumber: '07654321', 'address.postcode': 'WF5 8AA', 'address.town': 'Ossett' }),
    );
    expect(check.status).toBe(200);
    const theirs = await h.call('POST', '/employers', {
      as: 'lia',
      body: employerBody({
        name: 'Ossett Joinery Ltd',
        companyNumber: '07654321',
        address: { line1: '3 Mill Lane', town: 'Ossett', postcode: 'WF5 9BB' },
      }),
    });
    expect(theirs.status).toBe(201);
    const theirId = (await body(theirs)).id as string;
    const before = await h.snapshot();
    const res = await post(session.lia!, '/app/employers/new', [...hiddenFields(check.html), ['step', 'create']]);
    expect(res.status).toBe(409);
    expect(res.html).toContain('An employer with this company number is already on Routeway');
    expect(res.html).toContain(`href="/app/employers/${theirId}"`);
    expect(await h.snapshot()).toBe(before);
  });
});

describe('changing an employer’s details', () => {
  it('shows the details as they are, then the changes to check, then saves only those (its conditions untouched)', async () => {
    expect(
      (
        await h.call('PATCH', `/employers/${hartleyId}`, {
          as: 'lia',
          body: { commitments: { ...((await apiEmployer(hartleyId)).commitments as object), openToConvictions: true } },
        })
      ).status,
    ).toBe(200);
    const record = await get(session.lia!, `/app/employers/${hartleyId}`);
    expect(record.html).toContain(`href="/app/employers/${hartleyId}/edit"`);
    const form = await get(session.lia!, `/app/employers/${hartleyId}/edit`);
    expect(form.status).toBe(200);
    expectSound(form.html, { describedBy: true });
    expect(form.html).toContain('value="Hartley Logistics Ltd"');
    expect(form.html).toContain('value="01234567"');
    const fields = hiddenFields(form.html).concat(
      [...form.html.matchAll(/<input class="govuk-input[^"]*" id="[^"]+" name="([^"]+)" type="[a-z]+" value="([^"]*)"/g)].map(
        (m) => [m[1]!, m[2]!] as [string, string],
      ),
      [...form.html.matchAll(/name="([^"]+)" type="radio" value="([^"]*)" checked=""/g)].map((m) => [m[1]!, m[2]!] as [string, string]),
      [['sector', 'warehousing-logistics']],
      [...form.html.matchAll(/name="(accountManagerId)"[^>]*>.*?<option value="([^"]*)" selected="">/gs)].map(
        (m) => [m[1]!, m[2]!] as [string, string],
      ),
    );
    const changed = fields
      .filter(([k]) => !['stage', 'companyNumber', 'notes'].includes(k))
      .concat([
        ['stage', 'engaged'],
        ['companyNumber', ''],
        ['notes', 'Ask for Priya at the gatehouse'],
      ]);
    const check = await post(session.lia!, `/app/employers/${hartleyId}/edit`, changed);
    expect(check.status).toBe(200);
    expectSound(check.html);
    expect(check.html).toContain('Check your changes before saving them');
    expect(check.html).toContain('Was: 01234567');
    expect([...check.html.matchAll(/govuk-summary-list__key">([^<]+)</g)].map((m) => m[1])).toEqual([
      'Companies House number',
      'Stage',
      'Notes',
    ]);
    const saved = await post(session.lia!, `/app/employers/${hartleyId}/edit`, [...hiddenFields(check.html), ['step', 'save']]);
    expect(saved.status).toBe(303);
    expect(saved.location).toBe(`/app/employers/${hartleyId}?done=details`);
    expect((await get(session.lia!, saved.location!)).html).toContain('Its details are saved');
    const now = await apiEmployer(hartleyId);
    expect(now).toMatchObject({ stage: 'engaged', notes: 'Ask for Priya at the gatehouse', commitments: { openToConvictions: true } });
    expect(now).not.toHaveProperty('companyNumber');

    // The form again, at the version now held: nothing changed is said so; a version someone else has moved on from is refused.
    const again = await get(session.lia!, `/app/employers/${hartleyId}/edit`);
    const version = /name="version:number" value="(\d+)"/.exec(again.html)![1]!;
    const same = changed.map(([k, v]): [string, string] =>
      k === 'version:number' ? [k, version] : k === 'companyNumber' ? [k, ''] : [k, v],
    );
    const none = await post(session.lia!, `/app/employers/${hartleyId}/edit`, same);
    expect(none.status).toBe(400);
    expect(summaryErrors(none.html)).toEqual(['You have not changed anything: change a detail, or go back']);
    const before = await h.snapshot();
    const stale = await post(session.lia!, `/app/employers/${hartleyId}/edit`, [
      ...same.filter(([k]) => k !== 'version:number' && k !== 'stage'),
      ['version:number', String(Number(version) - 1)],
      ['stage', 'active'],
      ['step', 'save'],
    ]);
    expect(stale.status).toBe(409);
    expect(summaryErrors(stale.html)[0]).toMatch(/^Someone else changed this employer while you were editing it/);
    expect(await h.snapshot()).toBe(before);
  });

  it('refuses advisers and employer users', async () => {
    for (const who of ['adv', 'emp']) {
      expect((await get(session[who]!, `/app/employers/${hartleyId}/edit`)).status).toBe(403);
      expect(
        (
          await post(session[who]!, `/app/employers/${hartleyId}/edit`, [
            ['stage', 'lapsed'],
            ['step', 'save'],
          ])
        ).status,
      ).toBe(403);
    }
    expect((await get(session.emp!, `/app/employers/${hartleyId}`)).html).not.toContain('/edit"');
  });
});

describe('contacts', () => {
  const contactForm = (over: Record<string, string> = {}) =>
    formOf({ name: 'Priya Shah', jobTitle: 'HR manager', role: 'hr', email: '', phone: '', ...over });

  it('adds a contact: a way to reach them is needed, said plainly; checked; then shown on the record', async () => {
    const before = await h.snapshot();
    const none = await post(session.lia!, `/app/employers/${hartleyId}/contacts/new`, contactForm({ step: 'save' }));
    expect(none.status).toBe(400);
    expectSound(none.html, { describedBy: true });
    expect(summaryErrors(none.html)).toEqual(['Enter an email address or a phone number, so colleagues can reach them']);
    const bad = await post(
      session.lia!,
      `/app/employers/${hartleyId}/contacts/new`,
      contactForm({ email: 'priya at hartley', phone: 'call me' }),
    );
    expect(summaryErrors(bad.html)).toEqual([
      'Enter an email address in the right format, like name@example.com',
      'Enter a phone number, like 0113 496 0000',
    ]);
    expect(await h.snapshot()).toBe(before);

    const check = await post(
      session.lia!,
      `/app/employers/${hartleyId}/contacts/new`,
      contactForm({ email: 'priya@hartley.example', 'primary:boolean': 'true' }),
    );
    expect(check.status).toBe(200);
    expectSound(check.html);
    expect(check.html).toContain('Check the contact before adding them');
    const added = await post(session.lia!, `/app/employers/${hartleyId}/contacts/new`, [...hiddenFields(check.html), ['step', 'save']]);
    expect(added.status).toBe(303);
    expect(added.location).toBe(`/app/employers/${hartleyId}?done=contact-added#contacts`);
    const record = await get(session.lia!, added.location!.split('#')[0]!);
    expectSound(record.html);
    expect(record.html).toContain('Contact added');
    expect(record.html).toContain('govuk-summary-card__title">Priya Shah');
    const contacts = (
      await body<{ items: Record<string, unknown>[] }>(await h.call('GET', `/employers/${hartleyId}/contacts`, { as: 'lia' }))
    ).items;
    expect(contacts).toEqual([expect.objectContaining({ name: 'Priya Shah', role: 'hr', email: 'priya@hartley.example', primary: true })]);
  });

  it('changes a contact: only what changed is saved, a cleared field is removed, and one way to reach them stays', async () => {
    const [contact] = (await body<{ items: { id: string }[] }>(await h.call('GET', `/employers/${hartleyId}/contacts`, { as: 'lia' })))
      .items;
    const path = `/app/employers/${hartleyId}/contacts/${contact!.id}/edit`;
    expect((await get(session.lia!, `/app/employers/${hartleyId}`)).html).toContain(`href="${path}"`);
    const form = await get(session.lia!, path);
    expect(form.status).toBe(200);
    expectSound(form.html, { describedBy: true });
    expect(form.html).toContain('value="priya@hartley.example"');
    // Clearing the only way to reach them is refused.
    const before = await h.snapshot();
    const lost = await post(
      session.lia!,
      path,
      contactForm({ name: 'Priya Shah', email: '', phone: '', 'primary:boolean': 'true', step: 'save' }),
    );
    expect(lost.status).toBe(400);
    expect(await h.snapshot()).toBe(before);

    const check = await post(session.lia!, path, contactForm({ jobTitle: '', email: '', phone: '0113 496 0001' }));
    expect(check.status).toBe(200);
    expect([...check.html.matchAll(/govuk-summary-list__key">([^<]+)</g)].map((m) => m[1])).toEqual([
      'Job title',
      'Email address',
      'Phone number',
      'Main contact',
    ]);
    expect(check.html).toContain('Was: priya@hartley.example');
    const saved = await post(session.lia!, path, [...hiddenFields(check.html), ['step', 'save']]);
    expect(saved.status).toBe(303);
    expect(saved.location).toBe(`/app/employers/${hartleyId}?done=contact-changed#contacts`);
    const [now] = (await body<{ items: Record<string, unknown>[] }>(await h.call('GET', `/employers/${hartleyId}/contacts`, { as: 'lia' })))
      .items;
    expect(now).toMatchObject({ name: 'Priya Shah', role: 'hr', phone: '0113 496 0001', primary: false, updatedBy: 'u-liaison-1' });
    expect(now).not.toHaveProperty('email');
    expect(now).not.toHaveProperty('jobTitle');
    expect((await get(session.lia!, `/app/employers/${hartleyId}/contacts/01J00000000000000000000000/edit`)).status).toBe(404);
  });

  it('refuses advisers and employer users', async () => {
    for (const who of ['adv', 'emp']) {
      expect((await get(session[who]!, `/app/employers/${hartleyId}/contacts/new`)).status).toBe(403);
      const before = await h.snapshot();
      expect(
        (await post(session[who]!, `/app/employers/${hartleyId}/contacts/new`, contactForm({ phone: '0113 496 0002', step: 'save' })))
          .status,
      ).toBe(403);
      expect(await h.snapshot()).toBe(before);
    }
  });
});

describe('recording a pledge', () => {
  const pledgeForm = (over: Record<string, string> = {}) =>
    formOf({
      description: '20 warehouse jobs',
      'jobsPledged:number': '20',
      'byDate.day': '31',
      'byDate.month': '3',
      'byDate.year': '2027',
      sector: '',
      ...over,
    });

  it('says what is wrong with the date and number plainly, then checks and records the pledge', async () => {
    const before = await h.snapshot();
    const part = await post(
      session.lia!,
      `/app/employers/${hartleyId}/pledges/new`,
      pledgeForm({ 'byDate.month': '', 'jobsPledged:number': '0' }),
    );
    expect(part.status).toBe(400);
    expectSound(part.html, { describedBy: true });
    expect(summaryErrors(part.html)).toEqual([
      'The number of jobs pledged must be 1 or more',
      'The date they are pledged by must include a month',
    ]);
    const past = await post(session.lia!, `/app/employers/${hartleyId}/pledges/new`, pledgeForm({ 'byDate.year': '2025', step: 'save' }));
    expect(past.status).toBe(400);
    expect(summaryErrors(past.html)).toEqual(['The date they are pledged by must not be in the past']);
    expect(await h.snapshot()).toBe(before);

    const check = await post(session.lia!, `/app/employers/${hartleyId}/pledges/new`, pledgeForm());
    expect(check.status).toBe(200);
    expect(check.html).toContain('31 March 2027');
    const saved = await post(session.lia!, `/app/employers/${hartleyId}/pledges/new`, [...hiddenFields(check.html), ['step', 'save']]);
    expect(saved.status).toBe(303);
    expect(saved.location).toBe(`/app/employers/${hartleyId}?done=pledge#pledges`);
    expect((await get(session.lia!, saved.location!.split('#')[0]!)).html).toContain('Pledge recorded');
    const pledges = (
      await body<{ items: Record<string, unknown>[] }>(await h.call('GET', `/employers/${hartleyId}/pledges`, { as: 'lia' }))
    ).items;
    expect(pledges).toEqual([expect.objectContaining({ description: '20 warehouse jobs', jobsPledged: 20, byDate: '2027-03-31' })]);
  });

  it('refuses advisers and employer users', async () => {
    for (const who of ['adv', 'emp']) {
      expect((await get(session[who]!, `/app/employers/${hartleyId}/pledges/new`)).status).toBe(403);
      expect((await post(session[who]!, `/app/employers/${hartleyId}/pledges/new`, pledgeForm({ step: 'save' }))).status).toBe(403);
    }
  });
});
