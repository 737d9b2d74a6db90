import { beforeAll, describe, expect, it } from 'vitest';
import type { createApp } from '../../functions/api/app.js';
import type { LocalSignIn } from '../../functions/api/web/sign-in.js';
import { body, createHarness, type Harness } from '../support/harness.js';
import { datePairs, expectSound, formOf, hiddenFields, localWebApp, summaryErrors, webClient, type Session } from '../support/web.js';

/**
 * Adding a participant and changing their details in the pages, as an adviser (their own caseload) and
 * an admin (anyone's) do: question page, check your answers, confirmation panel; the same use cases and
 * schemas as POST and PATCH /participants, checked through the API afterwards. Refused forms say what is
 * wrong in people's words and change nothing; liaison officers are refused, another adviser finds nobody.
 */
let h: Harness;
let web: ReturnType<typeof createApp>;
const USERS: LocalSignIn['users'] = [
  { sub: 'u-adviser-1', role: 'adviser', name: 'Ada Viser' },
  { sub: 'u-adviser-2', role: 'adviser', name: 'Other Viser' },
  { sub: 'u-admin-1', role: 'admin', name: 'Ad Min' },
  { sub: 'u-liaison-1', role: 'liaison', name: 'Lia Son' },
];
const { signInAs, get, post } = webClient(() => web);
const session: Record<string, Session> = {};

beforeAll(async () => {
  h = await createHarness({ now: '2026-11-25T10:00:00Z' });
  await h.signIn('adv', 'adviser', { sub: 'u-adviser-1' });
  web = localWebApp(h, USERS);
  session.adv = await signInAs('adviser', 'u-adviser-1');
  session.other = await signInAs('adviser', 'u-adviser-2');
  session.adm = await signInAs('admin', 'u-admin-1');
  session.lia = await signInAs('liaison', 'u-liaison-1');
});

const answers = (over: Record<string, string | string[]> = {}) =>
  formOf({
    firstName: 'Siân',
    lastName: 'O’Neill',
    'home.postcode': ' ls11 5pq ',
    email: '',
    phone: '07700 900982',
    'rightToWork:boolean': 'true',
    'drivingLicence:boolean': 'false',
    ...Object.fromEntries(datePairs('unemployedSince', '2025-09-01')),
    'preferences.occupations[]': 'warehouse operative, picker',
    'preferences.sectors[]': ['warehousing-logistics', 'retail'],
    'preferences.hoursPerWeek.min:number': '16',
    'preferences.hoursPerWeek.max:number': '30',
    'preferences.shifts[]': ['early'],
    'preferences.maxTravelKm:number': '12',
    paymentGroup: '',
    programme: 'employment-zones',
    readiness: 'amber',
    readinessReason: 'First assessment: ready in a few weeks',
    ...over,
  });

describe('adding a participant', () => {
  it('is offered on the caseload; refused answers are said in people’s words and add nobody', async () => {
    expect((await get(session.adv!, '/app')).html).toContain('href="/app/participants/new"');
    const form = await get(session.adv!, '/app/participants/new');
    expect(form.status).toBe(200);
    expectSound(form.html, { describedBy: true });
    // An adviser adds to their own caseload: they are not asked whose.
    expect(form.html).not.toContain('name="adviserId"');
    for (const who of ['lia']) expect((await get(session[who]!, '/app/participants/new')).status).toBe(403);

    const before = await h.snapshot();
    const bad = await post(
      session.adv!,
      '/app/participants/new',
      answers({
        firstName: '',
        'home.postcode': 'LS1',
        email: 'sian at example',
        'rightToWork:boolean': [],
        'unemployedSince.month': '13',
        'preferences.hoursPerWeek.max:number': '',
        step: 'create',
      }),
    );
    expect(bad.status).toBe(400);
    expectSound(bad.html, { describedBy: true });
    expect(summaryErrors(bad.html)).toEqual([
      'Enter their first name',
      'Enter a real postcode, like LS1 4AP',
      'Enter an email address in the correct format, like name@example.com',
      'Select whether they have the right to work in the UK',
      expect.stringMatching(/real date/),
      'Enter the most hours a week they want',
    ]);
    expect(bad.html).toContain('value="sian at example"');
    expect(await h.snapshot()).toBe(before);
    // A liaison officer's post changes nothing either.
    expect((await post(session.lia!, '/app/participants/new', answers({ step: 'create' }))).status).toBe(403);
    expect(await h.snapshot()).toBe(before);
  });

  it('checks the answers, adds them to the adviser’s caseload as POST /participants would, and confirms what happens next', async () => {
    const check = await post(session.adv!, '/app/participants/new', answers());
    expect(check.status).toBe(200);
    expectSound(check.html);
    expect(check.html).toContain('Check your answers before adding the participant');
    // The postcode as they typed it, said as a postcode; the date as people say it.
    expect(check.html).toContain('LS11 5PQ');
    expect(check.html).toContain('1 September 2025');
    expect(check.html).toContain('Employment Zones');
    const back = await post(session.adv!, '/app/participants/new', [...hiddenFields(check.html), ['step', 'change']]);
    expect(back.html).toContain('>warehouse operative, picker</textarea>');
    expect(back.html).toMatch(/value="retail" checked=""/);

    const done = await post(session.adv!, '/app/participants/new', [...hiddenFields(check.html), ['step', 'create']]);
    expect(done.status).toBe(303);
    const id = /^\/app\/participants\/([0-9A-Z]{26})\/added$/.exec(done.location ?? '')?.[1];
    expect(id).toBeTruthy();
    const panel = await get(session.adv!, done.location!);
    expect(panel.status).toBe(200);
    expectSound(panel.html);
    expect(panel.html).toContain('govuk-panel--confirmation');
    expect(panel.html).toContain(id!);
    expect(panel.html).toContain('Nobody has been sent a notification');

    const p = await body(await h.call('GET', `/participants/${id}`, { as: 'adv' }));
    expect(p).toMatchObject({
      firstName: 'Siân',
      lastName: 'O’Neill',
      adviserId: 'u-adviser-1',
      home: { postcode: 'LS11 5PQ' },
      rightToWork: true,
      drivingLicence: false,
      unemployedSince: '2025-09-01',
      programme: 'employment-zones',
      readiness: 'amber',
      preferences: {
        occupations: ['warehouse operative', 'picker'],
        sectors: ['warehousing-logistics', 'retail'],
        hoursPerWeek: { min: 16, max: 30 },
        shifts: ['early'],
        maxTravelKm: 12,
      },
      consent: { matching: false, shareWithEmployers: [] },
    });
    expect(p).not.toHaveProperty('email');
    // Another adviser finds nobody there, and the confirmation is not theirs to see.
    expect((await get(session.other!, done.location!)).status).toBe(404);
  });

  it('asks an admin whose caseload they join', async () => {
    const form = await get(session.adm!, '/app/participants/new');
    expect(form.html).toContain('name="adviserId"');
    const missing = await post(session.adm!, '/app/participants/new', answers({ step: 'create' }));
    expect(missing.status).toBe(400);
    expect(summaryErrors(missing.html)).toEqual(['Enter the user name of the adviser whose caseload they join, like u-adviser-2']);
    const check = await post(session.adm!, '/app/participants/new', answers({ adviserId: 'u-adviser-2', firstName: 'Tomasz' }));
    const done = await post(session.adm!, '/app/participants/new', [...hiddenFields(check.html), ['step', 'create']]);
    expect(done.status).toBe(303);
    const panel = await get(session.adm!, done.location!);
    expect(panel.html).toContain('They are on u-adviser-2’s caseload');
    expect((await get(session.other!, done.location!.replace(/\/added$/, ''))).html).toContain('Tomasz');
  });
});

describe('changing a participant’s details', () => {
  it('shows only what changed beside what it was, saves it through PATCH’s use case, and refuses anyone but their adviser', async () => {
    const created = await body(
      await h.call('POST', '/participants', {
        as: 'adv',
        body: {
          firstName: 'Jo',
          lastName: 'Bloggs',
          rightToWork: true,
          home: { postcode: 'LS9 8AB' },
          unemployedSince: '2024-01-15',
          email: 'jo@example.com',
        },
      }),
    );
    const id = created.id as string;
    const page = await get(session.adv!, `/app/participants/${id}`);
    expect(page.html).toContain(`href="/app/participants/${id}/edit"`);
    const form = await get(session.adv!, `/app/participants/${id}/edit`);
    expect(form.status).toBe(200);
    expectSound(form.html, { describedBy: true });
    expect(form.html).toContain('value="jo@example.com"');
    expect(form.html).not.toContain('name="readiness"');
    for (const who of ['other', 'lia']) {
      expect((await get(session[who]!, `/app/participants/${id}/edit`)).status).toBe(who === 'lia' ? 403 : 404);
    }

    // Everything as it was, but a new postcode typed in lower case and the email cleared.
    const fields = hiddenFieldsOfForm(form.html).map(([k, v]): [string, string] =>
      k === 'home.postcode' ? [k, 'ls6 2aa'] : k === 'email' ? [k, ''] : [k, v],
    );
    const check = await post(session.adv!, `/app/participants/${id}/edit`, fields);
    expect(check.status).toBe(200);
    expect(check.html).toContain('Check your changes before saving them');
    expect(check.html).toContain('LS6 2AA');
    expect(check.html).toContain('Was: LS9 8AB');
    expect(check.html).toContain('Was: jo@example.com');
    expect(check.html).not.toContain('Out of work since');

    const before = await h.snapshot();
    expect((await post(session.other!, `/app/participants/${id}/edit`, [...hiddenFields(check.html), ['step', 'save']])).status).toBe(404);
    expect(await h.snapshot()).toBe(before);
    // Someone else's change in between is shown, not overwritten.
    await h.call('PATCH', `/participants/${id}`, { as: 'adv', body: { lastName: 'Bloggs-Smith' } });
    const stale = await post(session.adv!, `/app/participants/${id}/edit`, [...hiddenFields(check.html), ['step', 'save']]);
    expect(stale.status).toBe(409);
    expect(stale.html).toContain('Someone else changed their details');

    const again = await post(session.adv!, `/app/participants/${id}/edit`, [
      ...hiddenFieldsOfForm(stale.html).filter(([k]) => k !== 'step'),
      ['step', 'save'],
    ]);
    expect(again.status).toBe(303);
    expect(again.location).toBe(`/app/participants/${id}?done=details`);
    const p = await body(await h.call('GET', `/participants/${id}`, { as: 'adv' }));
    // Their answers (the last name they saw, too) over the other change, at the version now held.
    expect(p).toMatchObject({ home: { postcode: 'LS6 2AA' }, lastName: 'Bloggs', unemployedSince: '2024-01-15', version: 3 });
    expect(p).not.toHaveProperty('email');
  });
});

/** A question page's fields as the browser would post them unchanged: text inputs, ticked boxes, selected options, the version. */
function hiddenFieldsOfForm(html: string): [string, string][] {
  const form = /<form[^>]*method="post"[\s\S]*?<\/form>/.exec(html.replace(/<form[^>]*action="\/sign-out"[\s\S]*?<\/form>/, ''))?.[0] ?? '';
  const out: [string, string][] = [];
  const unHtml = (s: string) =>
    s
      .replace(/&amp;/g, '&')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'");
  for (const m of form.matchAll(/<input\b([^>]*)>/g)) {
    const a = m[1]!;
    const name = /name="([^"]+)"/.exec(a)?.[1];
    const value = unHtml(/value="([^"]*)"/.exec(a)?.[1] ?? '');
    if (!name || name === 'csrf') continue;
    if (/type="(radio|checkbox)"/.test(a) && !/checked=""/.test(a)) continue;
    out.push([name, value]);
  }
  for (const m of form.matchAll(/<textarea\b[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/textarea>/g)) out.push([m[1]!, unHtml(m[2]!)]);
  for (const m of form.matchAll(/<select\b[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g))
    out.push([m[1]!, unHtml(/<option value="([^"]*)" selected=""/.exec(m[2]!)?.[1] ?? '')]);
  return out;
}
