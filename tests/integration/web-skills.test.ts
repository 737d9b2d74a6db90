import { beforeAll, describe, expect, it } from 'vitest';
import type { createApp } from '../../functions/api/app.js';
import type { LocalSignIn } from '../../functions/api/web/sign-in.js';
import { employerBody, participantBody, vacancyBody } from '../support/fixtures.js';
import { body, createHarness, type Harness } from '../support/harness.js';
import { expectSound as expectPageSound, localWebApp, webClient } from '../support/web.js';

/**
 * Skills on the pages, without JavaScript: the participant's skills form and the vacancy form offer the
 * skills list as checkboxes grouped by sector, with a text box for anything else; what is typed is stored
 * as the list names it, what it does not know is kept and flagged; admins keep the list at /app/admin/skills.
 */
let h: Harness;
let web: ReturnType<typeof createApp>;
let employerId: string;
let dean: string;
const USERS: LocalSignIn['users'] = [
  { sub: 'u-liaison-1', role: 'liaison', name: 'Lia Son' },
  { sub: 'u-adviser-1', role: 'adviser', name: 'Ada Viser' },
  { sub: 'u-admin-1', role: 'admin', name: 'Ad Min' },
];

beforeAll(async () => {
  h = await createHarness({ now: '2026-11-25T10:00:00Z' });
  await h.signIn('lia', 'liaison', { sub: 'u-liaison-1' });
  await h.signIn('adv', 'adviser', { sub: 'u-adviser-1' });
  employerId = (await body(await h.call('POST', '/employers', { as: 'lia', body: employerBody({ name: 'Hartley Logistics' }) })))
    .id as string;
  dean = (
    await body(
      await h.call('POST', '/participants', {
        as: 'adv',
        body: participantBody({ skills: ['customer service'], consent: { matching: true, shareWithEmployers: ['firstName', 'skills'] } }),
      }),
    )
  ).id as string;
  web = localWebApp(h, USERS);
});

const { signInAs, get, post } = webClient(() => web, { csrfFrom: '/app/notifications' });
const expectSound = (html: string) => expectPageSound(html, { describedBy: true, headerScope: true });
const checked = (html: string, name: string) =>
  [...html.matchAll(/<input\b[^>]*>/g)]
    .map((m) => m[0])
    .filter((i) => i.includes(`name="${name}"`) && i.includes('type="checkbox"') && /\schecked/.test(i))
    .map((i) => /value="([^"]*)"/.exec(i)![1]);

describe("the participant's skills form", () => {
  it('offers the skills list as checkboxes grouped by sector, and a text box, to their own adviser', async () => {
    const adv = await signInAs('adviser', 'u-adviser-1');
    const { status, html } = await get(adv, `/app/participants/${dean}`);
    expect(status).toBe(200);
    expectSound(html);
    expect(html).toContain(`action="/app/participants/${dean}/skills"`);
    expect(html).toMatch(/<input class="govuk-input" id="skills" name="skills\[\]" type="text" value=""/);
    expect(html).toMatch(/type="checkbox" value="picking and packing"/);
    expect(html).toContain('<span class="govuk-details__summary-text">Warehousing logistics</span>');
    expect(html).toContain('Useful in many jobs (1 chosen)');
    expect(checked(html, 'skills[]')).toEqual(['customer service']);
    // A liaison officer sees the skills, not the form.
    const lia = await signInAs('liaison', 'u-liaison-1');
    expect((await get(lia, `/app/participants/${dean}`)).html).not.toContain(`/app/participants/${dean}/skills`);
  });

  it('an adviser types "Picking & Packing": stored as "picking and packing", and the participant matches a vacancy needing it', async () => {
    // Prepare
    const v = await body<{ id: string }>(
      await h.call('POST', '/vacancies', {
        as: 'lia',
        body: vacancyBody(employerId, { status: 'open', essentialSkills: ['picking and packing'], desirableSkills: [] }),
      }),
    );
    const adv = await signInAs('adviser', 'u-adviser-1');
    // Act: typed with commas, plus a box ticked (so the text box is one value of several).
    const res = await post(adv, `/app/participants/${dean}/skills`, [
      ['skills[]', 'Picking & Packing, forklift'],
      ['skills[]', 'teamwork'],
    ]);
    // Assess
    expect(res.status).toBe(303);
    expect(res.location).toBe(`/app/participants/${dean}?done=skills`);
    const p = await body(await h.call('GET', `/participants/${dean}`, { as: 'adv' }));
    expect(p).toMatchObject({ skills: ['picking and packing', 'forklift', 'teamwork'], skillsUnrecognised: ['forklift'] });
    const page = (await get(adv, `/app/participants/${dean}?done=skills`)).html;
    expect(page).toContain('Skills saved');
    expect(page).toContain('We kept ‘forklift’ but it is not in the skills list, so matching cannot use it until an admin adds it.');
    // The form comes back with the list's skills ticked and the rest typed.
    expect(checked(page, 'skills[]').sort()).toEqual(['picking and packing', 'teamwork']);
    expect(page).toMatch(/id="skills" name="skills\[\]" type="text" value="forklift"/);
    const m = await body<{ candidates: { participantId: string }[] }>(await h.call('GET', `/vacancies/${v.id}/matches`, { as: 'lia' }));
    expect(m.candidates.map((c) => c.participantId)).toContain(dean);
  });

  it('nothing ticked and nothing typed is no skills; a skill too long is refused on the field, changing nothing', async () => {
    const adv = await signInAs('adviser', 'u-adviser-1');
    const before = await h.snapshot();
    const bad = await post(adv, `/app/participants/${dean}/skills`, [['skills[]', 'x'.repeat(81)]]);
    expect(bad.status).toBe(400);
    expectSound(bad.html);
    expect(bad.html).toContain('href="#skills"');
    expect(await h.snapshot()).toBe(before);
    expect((await post(adv, `/app/participants/${dean}/skills`, [])).status).toBe(303);
    expect((await body(await h.call('GET', `/participants/${dean}`, { as: 'adv' }))).skills).toEqual([]);
  });
});

describe('the vacancy form', () => {
  const form = (over: [string, string][]): [string, string][] => [
    ['employerId', employerId],
    ['title', 'Picker packer'],
    ['occupation.title', 'Picker packer'],
    ['sector', 'warehousing-logistics'],
    ['site.postcode', 'LS11 5PQ'],
    ['positions:number', '2'],
    ['hoursPerWeek.min:number', '20'],
    ['hoursPerWeek.max:number', '37'],
    ['shiftPatterns[]', 'early'],
    ['contractType', 'permanent'],
    ['wage.amount:number', '12.60'],
    ['wage.period', 'hour'],
    ['closingDate', '2026-12-20'],
    ['status', 'open'],
    ...over,
  ];

  it('offers both skill lists as checkboxes and text, and stores ticked and typed skills as the list names them', async () => {
    const lia = await signInAs('liaison', 'u-liaison-1');
    const page = await get(lia, `/app/vacancies/new?employerId=${employerId}`);
    expect(page.status).toBe(200);
    expectSound(page.html);
    expect(page.html).toMatch(/name="essentialSkills\[\]" type="checkbox" value="picking and packing"/);
    expect(page.html).toMatch(/name="desirableSkills\[\]" type="checkbox" value="handheld scanner"/);
    // Act
    const res = await post(
      lia,
      '/app/vacancies',
      form([
        ['essentialSkills[]', 'Reach truck, pick & pack'],
        ['essentialSkills[]', 'manual handling'],
        ['desirableSkills[]', 'handheld scanner'],
      ]),
    );
    // Assess
    expect(res.status).toBe(303);
    const id = /\/app\/vacancies\/([0-9A-Z]{26})/.exec(res.location!)![1]!;
    const v = await body(await h.call('GET', `/vacancies/${id}`, { as: 'lia' }));
    expect(v).toMatchObject({
      essentialSkills: ['reach truck', 'picking and packing', 'manual handling'],
      desirableSkills: ['handheld scanner'],
      skillsUnrecognised: ['reach truck'],
    });
    const shown = (await get(lia, `/app/vacancies/${id}`)).html;
    expect(shown).toContain('Not in the skills list');
    expect(shown).toContain('We kept ‘reach truck’ but it is not in the skills list');
  });

  it('keeps a single comma-separated text working, and refills ticks and text after a refused save', async () => {
    const lia = await signInAs('liaison', 'u-liaison-1');
    // A second 'Picker packer' for the employer: said to be another vacancy, so the repeat question is not asked.
    const legacy = await post(
      lia,
      '/app/vacancies',
      form([
        ['essentialSkills[]', 'picking and packing, Forklift Driving'],
        ['confirmRepeat', 'true'],
      ]),
    );
    expect(legacy.status).toBe(303);
    const id = /\/app\/vacancies\/([0-9A-Z]{26})/.exec(legacy.location!)![1]!;
    expect((await body(await h.call('GET', `/vacancies/${id}`, { as: 'lia' }))).essentialSkills).toEqual([
      'picking and packing',
      'forklift operation',
    ]);
    // Refused (no title): what was ticked stays ticked, what was typed stays typed.
    const refused = await post(
      lia,
      '/app/vacancies',
      form([
        ['title', ''],
        ['essentialSkills[]', 'reach truck'],
        ['essentialSkills[]', 'goods in'],
      ]).filter(([k, v]) => k !== 'title' || v === ''),
    );
    expect(refused.status).toBe(400);
    expectSound(refused.html);
    expect(checked(refused.html, 'essentialSkills[]')).toEqual(['goods in']);
    expect(refused.html).toMatch(/id="essentialSkills" name="essentialSkills\[\]" type="text" value="reach truck"/);
  });
});

describe('the skills list page (admins)', () => {
  it('lists the skills and is in the admin’s navigation; other roles are refused', async () => {
    const adm = await signInAs('admin', 'u-admin-1');
    const page = await get(adm, '/app/admin/skills');
    expect(page.status).toBe(200);
    expectSound(page.html);
    expect(page.html).toContain('href="/app/admin/skills"');
    expect(page.html).toMatch(/<td class="govuk-table__cell">picking and packing<\/td>/);
    const lia = await signInAs('liaison', 'u-liaison-1');
    expect((await get(lia, '/app/admin/skills')).status).toBe(403);
    expect((await get(lia, '/app/vacancies')).html).not.toContain('href="/app/admin/skills"');
    const adv = await signInAs('adviser', 'u-adviser-1');
    const before = await h.snapshot();
    expect((await post(adv, '/app/admin/skills', [['skill', 'welding']])).status).toBe(403);
    expect(await h.snapshot()).toBe(before);
  });

  it('adds a skill, and a synonym to a listed skill; a flagged record is recognised when next saved', async () => {
    const adm = await signInAs('admin', 'u-admin-1');
    const added = await post(adm, '/app/admin/skills', [
      ['skill', 'Reach Truck Operation'],
      ['synonyms[]', 'reach truck, reach trucking'],
      ['sectors[]', 'warehousing-logistics'],
    ]);
    expect(added.status).toBe(303);
    expect(added.location).toBe('/app/admin/skills?done=added');
    const synonym = await post(adm, '/app/admin/skills', [
      ['skill', 'forklift operation'],
      ['synonyms[]', 'forklift'],
    ]);
    expect(synonym.location).toBe('/app/admin/skills?done=synonyms');
    const page = (await get(adm, '/app/admin/skills?done=synonyms')).html;
    expect(page).toContain('Added to the skill already in the list');
    expect(page).toMatch(
      /reach truck operation<\/td>\s*<td class="govuk-table__cell">Warehousing logistics<\/td>\s*<td class="govuk-table__cell">reach truck, reach trucking/,
    );
    // Dean's "forklift" was flagged; saving his skills again (as they are) recognises it.
    const adv = await signInAs('adviser', 'u-adviser-1');
    await post(adv, `/app/participants/${dean}/skills`, [['skills[]', 'forklift, teamwork']]);
    const p = await body(await h.call('GET', `/participants/${dean}`, { as: 'adv' }));
    expect(p.skills).toEqual(['forklift operation', 'teamwork']);
    expect(p).not.toHaveProperty('skillsUnrecognised');
  });

  it('shows a synonym that already means another skill, or a bad skill, on its field, changing nothing', async () => {
    const adm = await signInAs('admin', 'u-admin-1');
    const before = await h.snapshot();
    const clash = await post(adm, '/app/admin/skills', [
      ['skill', 'welding'],
      ['synonyms[]', 'typing'],
    ]);
    expect(clash.status).toBe(409);
    expectSound(clash.html);
    expect(clash.html).toContain('href="#synonyms"');
    expect(clash.html).toContain('already means ‘keyboard skills’ in the skills list');
    expect(clash.html).toMatch(/id="skill" name="skill" type="text" value="welding"/);
    const comma = await post(adm, '/app/admin/skills', [['skill', 'a, b']]);
    expect(comma.status).toBe(400);
    expect(comma.html).toContain('href="#skill"');
    expect(await h.snapshot()).toBe(before);
  });
});
