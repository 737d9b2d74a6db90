import { beforeAll, describe, expect, it } from 'vitest';
import type { createApp } from '../../functions/api/app.js';
import type { LocalSignIn } from '../../functions/api/web/sign-in.js';
import { employerBody, participantBody, vacancyBody } from '../support/fixtures.js';
import { body, createHarness, createInBulk, nameStaff, type Harness } from '../support/harness.js';
import { dateFields, expectSound, localWebApp, webClient } from '../support/web.js';

/**
 * Finding things in the pages, against DynamoDB Local: employers by name, stage, account manager and
 * area past 100 of them; vacancies by title, skill, employer, status and closing soon; choosing the
 * employer of a new vacancy among 120; an adviser's caseload with what is waiting on them.
 */
let h: Harness;
let web: ReturnType<typeof createApp>;
let kirkgate: string;
let last: string;
let dean: string;
let fay: string;
const USERS: LocalSignIn['users'] = [
  { sub: 'u-liaison-1', role: 'liaison', name: 'Lia Son' },
  { sub: 'u-adviser-1', role: 'adviser', name: 'Ada Viser' },
];
const LEEDS = { lat: 53.79, lng: -1.55 };
const YORK = { line1: '4 Stonegate', town: 'York', postcode: 'YO1 8AS', location: { lat: 53.96, lng: -1.08 } };

beforeAll(async () => {
  h = await createHarness({ now: '2026-11-25T10:00:00Z' });
  await h.signIn('lia', 'liaison', { sub: 'u-liaison-1' });
  await h.signIn('adv', 'adviser', { sub: 'u-adviser-1' });
  const employer = async (over: Record<string, unknown>) => {
    const res = await h.call('POST', '/employers', { as: 'lia', body: employerBody(over) });
    expect(res.status).toBe(201);
    return (await body(res)).id as string;
  };
  // 116 employers that are not looked for, managed by someone else, before and after the ones that are
  // (made as the import makes them: a request each is a transaction each).
  await createInBulk(
    h,
    'employers',
    { sub: 'u-liaison-1', role: 'liaison' },
    Array.from({ length: 116 }, (_, i) =>
      employerBody({ name: `Aire Foods ${String(i).padStart(3, '0')}`, accountManagerId: 'u-liaison-2' }),
    ),
  );
  kirkgate = await employer({ name: 'Kirkgate Bakery', stage: 'active' });
  await employer({ name: 'Northern Bakery', stage: 'prospect' });
  await employer({ name: 'Minster Bakery', stage: 'active', address: YORK, accountManagerId: 'u-liaison-2' });
  last = await employer({ name: 'Zetland Joinery', accountManagerId: 'u-liaison-2' });
  const vacancy = async (employerId: string, over: Record<string, unknown>) => {
    const res = await h.call('POST', '/vacancies', {
      as: 'lia',
      body: vacancyBody(employerId, { status: 'open', site: { postcode: 'LS11 5PQ', town: 'Leeds', location: LEEDS }, ...over }),
    });
    expect(res.status).toBe(201);
    return (await body(res)).id as string;
  };
  const bakeryJob = await vacancy(kirkgate, {
    title: 'Bakery assistant',
    occupation: { title: 'Baker', socCode: '5432' },
    essentialSkills: ['food hygiene'],
    desirableSkills: [],
    closingDate: '2026-12-04',
  });
  await vacancy(last, { title: 'Joiner', occupation: { title: 'Joiner', socCode: '5315' }, closingDate: '2027-01-15' });
  await vacancy(kirkgate, { title: 'Night picker', closingDate: '2026-12-30' });
  const person = (firstName: string, lastName: string, over: Record<string, unknown> = {}) =>
    participantBody({ firstName, lastName, consent: { matching: true, shareWithEmployers: ['firstName', 'skills'] }, ...over });
  dean = (await body(await h.call('POST', '/participants', { as: 'adv', body: person('Dean', 'Walsh') }))).id as string;
  fay = (await body(await h.call('POST', '/participants', { as: 'adv', body: person('Fay', 'Adams', { readiness: 'amber' }) })))
    .id as string;
  // A proposal waiting for the adviser's answer.
  const proposed = await h.call('POST', `/vacancies/${bakeryJob}/submissions`, { as: 'lia', body: { participantIds: [dean] } });
  expect(proposed.status).toBe(201);
  USERS.push({ sub: 'u-employer-1', role: 'employer', name: 'Kirkgate HR', employerId: kirkgate });
  web = localWebApp(h, USERS);
});

const { signInAs, get, post } = webClient(() => web, { csrfFrom: '/app/notifications' });

/** The names a results table links to, in order. */
const linked = (html: string, path: string) =>
  [...html.matchAll(new RegExp(`<a class="govuk-link" href="/app/${path}/[0-9A-Z]{26}">([^<]+)</a>`, 'g'))].map((m) => m[1]);

describe('finding an employer', () => {
  it('by words of the name, stage, account manager and area, together, among 120 employers', async () => {
    const lia = await signInAs('liaison', 'u-liaison-1');
    const find = async (query: string) => {
      const res = await get(lia, `/app/employers?${query}`);
      expect(res.status, query).toBe(200);
      expectSound(res.html, { describedBy: true, headerScope: true });
      return linked(res.html, 'employers');
    };
    expect(await find('q=bakery')).toEqual(['Kirkgate Bakery', 'Minster Bakery', 'Northern Bakery']);
    expect(await find('q=bakery&stage=active')).toEqual(['Kirkgate Bakery', 'Minster Bakery']);
    expect(await find('q=bakery&area=YO1')).toEqual(['Minster Bakery']);
    expect(await find('area=york')).toEqual(['Minster Bakery']);
    expect(await find('accountManagerId=me')).toEqual(['Kirkgate Bakery', 'Northern Bakery']);
    expect(await find('q=zetland')).toEqual(['Zetland Joinery']);
    // The whole directory pages on, 25 at a time, the filters kept in the link.
    const first = await get(lia, '/app/employers?accountManagerId=u-liaison-2');
    expect(linked(first.html, 'employers')).toHaveLength(25);
    expect(first.html).toContain('25 employers on this page');
    const next = /href="(\/app\/employers\?accountManagerId=u-liaison-2&amp;cursor=[^"]+)" rel="next"/.exec(first.html)?.[1];
    expect(next).toBeDefined();
    const second = await get(lia, next!.replaceAll('&amp;', '&'));
    expect(linked(second.html, 'employers')[0]).toBe('Aire Foods 025');
  });

  it('says a bad filter in words, by its field, and lists nothing', async () => {
    const lia = await signInAs('liaison', 'u-liaison-1');
    const res = await get(lia, '/app/employers?stage=asleep&accountManagerId=not%20an%20id');
    expect(res.status).toBe(400);
    expect(res.html).toContain('href="#stage"');
    expect(res.html).toContain('Select the engagement stage');
    expect(res.html).toContain('The account manager must be a user id, such as u-liaison-1');
    expect(linked(res.html, 'employers')).toEqual([]);
    expectSound(res.html, { describedBy: true });
    expect((await get(await signInAs('adviser', 'u-adviser-1'), '/app/employers')).status).toBe(403);
  });
});

describe('choosing the employer of a new vacancy', () => {
  it('finds any of 120 employers by name, not only the first hundred, and fixes it on the form', async () => {
    const lia = await signInAs('liaison', 'u-liaison-1');
    const start = await get(lia, '/app/vacancies/new');
    expect(start.status).toBe(200);
    expectSound(start.html, { describedBy: true });
    expect(start.html).toContain('Which employer is the vacancy for?');
    // With nothing typed: the officer's own employers.
    expect(start.html).toContain(`/app/vacancies/new?employerId=${kirkgate}`);
    expect(start.html).not.toContain(`/app/vacancies/new?employerId=${last}`);
    // The 120th employer by name, found by a word of it.
    const found = await get(lia, '/app/vacancies/new?q=joinery');
    expect(found.html).toContain(`/app/vacancies/new?employerId=${last}`);
    const form = await get(lia, `/app/vacancies/new?employerId=${last}`);
    expect(form.status).toBe(200);
    expect(form.html).toContain(`<input type="hidden" name="employerId" value="${last}"/>`);
    expect(form.html).toContain('Zetland Joinery');
    expect(form.html).not.toContain('<select class="govuk-select" id="employerId"');
    const unknown = await get(lia, '/app/vacancies/new?employerId=01J00000000000000000000000');
    expect(unknown.status).toBe(404);
    expect(unknown.html).toContain('We cannot find that employer: find it by name');
  });
});

describe('finding a vacancy', () => {
  it('by title, skill, employer, status and closing soon', async () => {
    const lia = await signInAs('liaison', 'u-liaison-1');
    const find = async (query: string) => {
      const res = await get(lia, `/app/vacancies?${query}`);
      expect(res.status, query).toBe(200);
      expectSound(res.html, { describedBy: true, headerScope: true });
      return linked(res.html, 'vacancies');
    };
    expect(await find('')).toEqual(['Bakery assistant', 'Night picker', 'Joiner']);
    expect(await find('title=baker')).toEqual(['Bakery assistant']);
    expect(await find('skill=Food+Hygiene')).toEqual(['Bakery assistant']);
    expect(await find('employer=zetland')).toEqual(['Joiner']);
    expect(await find('closingSoon=true')).toEqual(['Bakery assistant']);
    expect(await find('status=draft')).toEqual([]);
    const bad = await get(lia, '/app/vacancies?status=gone');
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('Select the status');
  });
});

describe('the adviser’s start page', () => {
  it('lists what is waiting on them, and finds people by name, reference, readiness and needs action', async () => {
    const adv = await signInAs('adviser', 'u-adviser-1');
    const home = await get(adv, '/app');
    expect(home.status).toBe(200);
    expectSound(home.html, { describedBy: true, headerScope: true });
    const proposals = home.html.slice(home.html.indexOf('Proposals to answer'), home.html.indexOf('Check-ins due'));
    expect(proposals).toContain(`/app/participants/${dean}#proposals`);
    expect(proposals).toContain('Bakery assistant');
    expect(proposals).toMatch(/\d{1,2} (November|December) 2026/);
    const people = async (query: string) => linked((await get(adv, `/app?${query}`)).html, 'participants');
    expect(await people('needsAction=true')).toEqual(['Dean Walsh']);
    expect(await people('readiness=amber')).toEqual(['Fay Adams']);
    expect(await people('text=wal')).toEqual(['Dean Walsh']);
    expect(await people(`text=${fay.toLowerCase()}`)).toEqual(['Fay Adams']);
    expect(await people('')).toEqual(expect.arrayContaining(['Fay Adams', 'Dean Walsh']));
    // Sorted as asked (the order itself is the use case's unit test), a sort it does not know refused.
    const sorted = await get(adv, '/app?sort=last-contact');
    expect(sorted.html).toContain('Participants on your caseload, longest without a contact first');
    expect(sorted.html).toMatch(/<option value="last-contact" selected/);
    expect((await get(adv, '/app?sort=age')).status).toBe(400);
  });

  it('is the search GET /participants takes: name, reference, readiness and needs action, paged in surname order', async () => {
    const names = async (query: string, as = 'adv') => {
      const res = await h.call('GET', `/participants?${query}`, { as });
      expect(res.status, query).toBe(200);
      return (await body<{ items: { firstName: string; lastName: string; email?: string }[]; nextCursor: string | null }>(res)).items;
    };
    const said = async (query: string, as = 'adv') => (await names(query, as)).map((p) => `${p.firstName} ${p.lastName}`);
    expect(await said('needsAction=true')).toEqual(['Dean Walsh']);
    expect(await said('readiness=amber')).toEqual(['Fay Adams']);
    expect(await said('q=wal')).toEqual(['Dean Walsh']);
    expect(await said(`q=${fay.toLowerCase()}`)).toEqual(['Fay Adams']);
    expect(await said('q=wal&readiness=amber')).toEqual([]);
    // Surname order, a page at a time, with the search's own cursor.
    const gail = participantBody({ firstName: 'Gail', lastName: 'Adamson', readiness: 'amber' });
    expect((await h.call('POST', '/participants', { as: 'adv', body: gail })).status).toBe(201);
    const first = await h.call('GET', '/participants?needsAction=false&q=adam&limit=1', { as: 'adv' });
    const page1 = await body<{ items: { lastName: string }[]; nextCursor: string | null }>(first);
    expect(page1.items.map((p) => p.lastName)).toEqual(['Adams']);
    expect(await said(`q=adam&limit=1&cursor=${page1.nextCursor}`)).toEqual(['Gail Adamson']);
    expect(await said('readiness=amber')).toEqual(['Fay Adams', 'Gail Adamson']);
    // Another adviser's caseload is still empty to an adviser; a liaison officer names the adviser and sees no contact details.
    expect(await said('adviserId=u-adviser-9&q=wal')).toEqual([]);
    const seen = await names('adviserId=u-adviser-1&q=wal', 'lia');
    expect(seen.map((p) => p.lastName)).toEqual(['Walsh']);
    expect(seen[0]).not.toHaveProperty('email');
    // What waits on an adviser is casework: not for liaison officers. Bad filters are named.
    expect((await h.call('GET', '/participants?adviserId=u-adviser-1&needsAction=true', { as: 'lia' })).status).toBe(403);
    const bad = await h.call('GET', '/participants?readiness=purple&needsAction=maybe&q=', { as: 'adv' });
    expect(bad.status).toBe(400);
    const paths = (await body<{ errors: { path: string }[] }>(bad)).errors.map((e) => e.path).sort();
    expect(paths).toEqual(['needsAction', 'q', 'readiness']);
  });
});

describe('what needs the employer and the liaison officer today', () => {
  it('shows the employer their vacancies with candidates waiting and interviews coming, and no one’s identity', async () => {
    const emp = await signInAs('employer', 'u-employer-1');
    const { status, html } = await get(emp, '/app');
    expect(status).toBe(200);
    expectSound(html, { describedBy: true, headerScope: true });
    expect(html).toContain('No candidates are waiting for your decision');
    expect(html).toContain('No interviews booked');
    expect(linked(html, 'vacancies')).toEqual(['Bakery assistant', 'Night picker']);
    expect(html).toContain('4 December 2026');
    expect(html).not.toMatch(/\d{4}-\d{2}-\d{2}|Dean|Walsh/);
  });

  it('shows the liaison officer their employers’ vacancies nobody is put forward for', async () => {
    const lia = await signInAs('liaison', 'u-liaison-1');
    const { html } = await get(lia, '/app');
    expectSound(html, { describedBy: true, headerScope: true });
    const section = html.slice(html.indexOf('Vacancies with no candidates'), html.indexOf('Employers you manage'));
    expect(linked(section, 'vacancies')).toEqual(['Night picker']);
    expect(html).toContain('No employer of yours is past the date to decide by');
  });
});

describe('a draft vacancy', () => {
  it('is found by an adviser with the search as it is listed (they prepare candidates before it opens)', async () => {
    const draft = await h.call('POST', '/vacancies', {
      as: 'lia',
      body: vacancyBody(kirkgate, { title: 'Seasonal packer', status: 'draft', closingDate: '2026-12-06' }),
    });
    expect(draft.status).toBe(201);
    const titles = async (query: string) =>
      (await body<{ items: { title: string }[] }>(await h.call('GET', `/vacancies?${query}`, { as: 'adv' }))).items.map((v) => v.title);
    expect(await titles('status=draft')).toEqual(['Seasonal packer']);
    expect(await titles('status=draft&title=packer&employer=kirkgate&closingSoon=true')).toEqual(['Seasonal packer']);
    const adv = await signInAs('adviser', 'u-adviser-1');
    const page = await get(adv, '/app/vacancies?status=draft&title=packer');
    expect(page.status).toBe(200);
    expect(linked(page.html, 'vacancies')).toEqual(['Seasonal packer']);
    // Theirs is a list to read: no new vacancy, no employer record to follow.
    expect(page.html).not.toContain('Take a new vacancy');
    expect(page.html).not.toContain('href="/app/employers/');
    expect(page.html).toMatch(/href="\/app\/vacancies" aria-current="page"/);
    expectSound(page.html, { describedBy: true, headerScope: true });
  });
});

describe('a repeat vacancy', () => {
  it('asks before saving a second live vacancy of the same title for the same employer, then saves it when told', async () => {
    const lia = await signInAs('liaison', 'u-liaison-1');
    const form = (extra: [string, string][] = []): [string, string][] => [
      ['employerId', kirkgate],
      ['title', 'BAKERY  Assistant'],
      ['occupation.title', 'Baker'],
      ['sector', 'warehousing-logistics'],
      ['site.postcode', 'ls11 5pq'],
      ['positions:number', '1'],
      ['hoursPerWeek.min:number', '20'],
      ['hoursPerWeek.max:number', '30'],
      ['shiftPatterns[]', 'early'],
      ['contractType', 'permanent'],
      ['wage.amount:number', '12.60'],
      ['wage.period', 'hour'],
      ...Object.entries(dateFields('closingDate', '2026-12-20')),
      ['status', 'draft'],
      ...extra,
    ];
    const count = async () =>
      (await body<{ items: unknown[] }>(await h.call('GET', `/vacancies?employerId=${kirkgate}&status=draft`, { as: 'lia' }))).items.length;
    const before = await count();
    const asked = await post(lia, '/app/vacancies', form());
    expect(asked.status).toBe(200);
    expectSound(asked.html, { describedBy: true });
    expect(asked.html).toContain('Kirkgate Bakery already has a vacancy with this title');
    expect(asked.html).toContain('closes 4 December 2026');
    expect(asked.html).toContain('name="confirmRepeat"');
    expect(asked.html).toContain('value="BAKERY  Assistant"');
    expect(await count()).toBe(before);
    const saved = await post(lia, '/app/vacancies', form([['confirmRepeat', 'true']]));
    expect(saved.status).toBe(303);
    expect(await count()).toBe(before + 1);
  });
});

describe('a liaison officer looking someone up', () => {
  it('finds people on a named adviser’s caseload by name, reference and readiness, a page at a time, seeing only the liaison view', async () => {
    await nameStaff(h, [['u-adviser-2', 'Bea Roberts', 'adviser']]);
    await h.signIn('adv2', 'adviser', { sub: 'u-adviser-2' });
    // 26 people on another adviser's caseload: one more than a page.
    const made = await Promise.all(
      Array.from({ length: 26 }, async (_, i) => {
        const res = await h.call('POST', '/participants', {
          as: 'adv2',
          body: participantBody({
            firstName: `Ann${String.fromCharCode(97 + i)}`,
            lastName: i === 3 ? 'Kettlewell' : 'Ward',
            email: `ann.${i}@example.net`,
            readiness: i % 5 === 0 ? 'amber' : 'green',
          }),
        });
        expect(res.status).toBe(201);
        return (await body(res)).id as string;
      }),
    );
    const lia = await signInAs('liaison', 'u-liaison-1');
    const find = async (query: string, status = 200) => {
      const res = await get(lia, `/app/participants${query}`);
      expect(res.status, query).toBe(status);
      expectSound(res.html, { describedBy: true, headerScope: true });
      return res;
    };
    // From the menu; the form alone until something is asked.
    const start = await find('');
    expect(start.html).toMatch(/href="\/app\/participants" aria-current="page"/);
    expect(start.html).toContain('<option value="u-adviser-2">Bea Roberts</option>');
    expect(linked(start.html, 'participants')).toEqual([]);
    // The whole caseload, 25 a page, then the last one by the next page link (the filters kept in it).
    const first = await find('?adviserId=u-adviser-2');
    expect(linked(first.html, 'participants')).toHaveLength(25);
    expect(first.html).toContain('People on Bea Roberts’s caseload');
    const next = /href="\/app\/participants(\?adviserId=u-adviser-2&amp;cursor=[^"]+)" rel="next"/.exec(first.html)?.[1];
    expect(next).toBeDefined();
    const second = await find(next!.replaceAll('&amp;', '&'));
    expect(linked(second.html, 'participants')).toHaveLength(1);
    expect(new Set([...linked(first.html, 'participants'), ...linked(second.html, 'participants')]).size).toBe(26);
    // By name and readiness (surname order), and by reference.
    expect(linked((await find('?adviserId=u-adviser-2&text=ward&readiness=amber')).html, 'participants')).toEqual([
      'Anna Ward',
      'Annf Ward',
      'Annk Ward',
      'Annp Ward',
      'Annu Ward',
      'Annz Ward',
    ]);
    const byName = await find('?adviserId=u-adviser-2&text=kettle');
    expect(linked(byName.html, 'participants')).toEqual(['Annd Kettlewell']);
    expect(byName.html).toContain(made[3]);
    expect(linked((await find(`?adviserId=u-adviser-2&text=${made[7]!.toLowerCase()}`)).html, 'participants')).toEqual(['Annh Ward']);
    // The liaison view: no contact details, nothing of casework.
    for (const res of [first, second, byName]) {
      expect(res.html).not.toContain('@example.net');
      expect(res.html).not.toContain('Waiting on you');
    }
    // Asked without an adviser, or with a readiness there is not: said by field, nobody listed.
    const noAdviser = await find('?text=ward', 400);
    expect(noAdviser.html).toContain('href="#adviserId"');
    expect(linked(noAdviser.html, 'participants')).toEqual([]);
    const badReadiness = await find('?adviserId=u-adviser-2&readiness=purple', 400);
    expect(badReadiness.html).toContain('href="#readiness"');
    // Advisers find people on their own start page; employers' users never.
    expect((await get(await signInAs('adviser', 'u-adviser-1'), '/app/participants')).status).toBe(403);
    expect((await get(await signInAs('employer', 'u-employer-1'), '/app/participants')).status).toBe(403);
  });
});
