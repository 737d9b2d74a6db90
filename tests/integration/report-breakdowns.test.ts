import { beforeAll, describe, expect, it } from 'vitest';
import { REFERRAL_SOURCES } from '../../shared/domain/participant.js';
import { cohortBody, employerBody, participantBody, vacancyBody } from '../support/fixtures.js';
import { body, createHarness, nameStaff, ORG, type Harness } from '../support/harness.js';
import { expectSound, localWebApp, webClient } from '../support/web.js';

/**
 * Outcomes by payment group, repeat business by employer and interviews per job by officer, through the
 * API (JSON and CSV) and the pages, against DynamoDB Local with the notifier on the real stream. The
 * district is counted by hand: Kirkgate Bakery hires two people in JSA 18–24 put forward by officer 1;
 * Hartley Logistics hires one in ESA ex-IB put forward by officer 2 and interviews one with no payment
 * group (officer 2) without hiring.
 */
let h: Harness;
let web: ReturnType<typeof localWebApp>;
const { signInAs, get, post } = webClient(() => web);
const ids: Record<string, string> = {};
const NOV = '?from=2026-11&to=2026-11';

async function through(officer: 'lia' | 'lia2', vacancyId: string, paymentGroup: string | undefined, hire: boolean) {
  const p = (
    await body<{ id: string }>(
      await h.call('POST', '/participants', {
        as: 'adv',
        body: participantBody({
          readiness: 'green',
          consent: { matching: true, shareWithEmployers: ['firstName', 'skills'] },
          ...(paymentGroup ? { paymentGroup } : {}),
        }),
      }),
    )
  ).id;
  const proposed = await h.call('POST', `/vacancies/${vacancyId}/submissions`, { as: officer, body: { participantIds: [p] } });
  expect(proposed.status).toBe(201);
  const sub = (await body<{ items: { id: string }[] }>(proposed)).items[0]!.id;
  expect((await h.call('POST', `/submissions/${sub}/agreement`, { as: 'adv', body: { agreed: true } })).status).toBe(200);
  expect((await h.call('POST', `/submissions/${sub}/decision`, { as: officer, body: { decision: 'interview' } })).status).toBe(200);
  if (hire) {
    const hired = await h.call('POST', `/submissions/${sub}/outcome`, { as: officer, body: { outcome: 'hired', startDate: '2026-12-07' } });
    expect(hired.status).toBe(200);
  }
}

beforeAll(async () => {
  h = await createHarness({ now: '2026-11-25T10:00:00Z' });
  await h.signIn('lia', 'liaison', { sub: 'u-liaison-1' });
  await h.signIn('lia2', 'liaison', { sub: 'u-liaison-2' });
  await h.signIn('adv', 'adviser', { sub: 'u-adviser-1' });
  await h.signIn('adm', 'admin', { sub: 'u-admin-1' });
  await nameStaff(h, [
    ['u-liaison-1', 'Priya Shah', 'liaison'],
    ['u-liaison-2', 'Tom Brennan', 'liaison'],
    ['u-adviser-1', 'Joan Whitaker', 'adviser'],
  ]);
  for (const [key, name, postcode] of [
    ['bakery', 'Kirkgate Bakery', 'LS1 4AP'],
    ['hartley', 'Hartley Logistics', 'LS11 5PQ'],
  ] as const) {
    ids[key] = (
      await body<{ id: string }>(
        await h.call('POST', '/employers', {
          as: 'lia',
          body: employerBody({ name, address: { line1: '1 Street', town: 'Leeds', postcode } }),
        }),
      )
    ).id;
    ids[`${key}Vacancy`] = (
      await body<{ id: string }>(
        await h.call('POST', '/vacancies', {
          as: 'lia',
          body: vacancyBody(ids[key]!, {
            status: 'open',
            positions: 2,
            site: { postcode: 'LS1 4AP', location: { lat: 53.7965, lng: -1.5478 } },
          }),
        }),
      )
    ).id;
  }
  await through('lia', ids.bakeryVacancy!, 'jsa-18-24', true);
  await through('lia', ids.bakeryVacancy!, 'jsa-18-24', true);
  await through('lia2', ids.hartleyVacancy!, 'esa-ex-ib', true);
  await through('lia2', ids.hartleyVacancy!, undefined, false);
  const notifier = h.startNotifier();
  try {
    await h.settled();
  } finally {
    await notifier.stop();
  }
  web = localWebApp(h, [
    { sub: 'u-liaison-1', role: 'liaison', name: 'Lia Son' },
    { sub: 'u-admin-1', role: 'admin', name: 'Ad Min' },
    { sub: 'u-adviser-1', role: 'adviser', name: 'Ada Viser' },
  ]);
});

describe('outcomes by payment group', () => {
  it('through the API for an admin, as counted by hand; a liaison officer is refused', async () => {
    const r = await body<{ groups: { group: string; proposed: number; interviews: number; hires: number }[] }>(
      await h.call('GET', `/reports/payment-groups${NOV}`, { as: 'adm' }),
    );
    expect(r.groups).toHaveLength(10);
    expect(r.groups.filter((g) => g.proposed > 0).map((g) => [g.group, g.proposed, g.interviews, g.hires])).toEqual([
      ['jsa-18-24', 2, 2, 2],
      ['esa-ex-ib', 1, 1, 1],
      ['none', 1, 1, 0],
    ]);
    expect((await h.call('GET', `/reports/payment-groups${NOV}`, { as: 'lia' })).status).toBe(403);
    const csv = await (await h.call('GET', `/reports/payment-groups${NOV}`, { as: 'adm', headers: { accept: 'text/csv' } })).text();
    expect(csv.split('\n')[0]).toMatch(/^group,vacanciesOpened,/);
    expect(csv.split('\n').filter((l) => l.startsWith('jsa-18-24,'))).toHaveLength(1);
  });

  it('as a page with a chart and a table, linked from the reports page for admins only', async () => {
    const adm = await signInAs('admin', 'u-admin-1');
    expect((await get(adm, '/app/reports')).html).toContain('href="/app/reports/payment-groups?from=');
    const page = await get(adm, `/app/reports/payment-groups${NOV}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain('<svg');
    expect(page.html).toContain('JSA claimants aged 18 to 24: 2; JSA claimants aged 25 and over: 0;');
    expect(page.html).toContain(
      'ESA ex-incapacity benefit: 1; IB and IS volunteers: 0; Universal Credit, intensive support: 0; Not recorded: 0.',
    );
    expectSound(page.html, { headerScope: true });
    const lia = await signInAs('liaison', 'u-liaison-1');
    expect((await get(lia, '/app/reports')).html).not.toContain('/app/reports/payment-groups');
    expect((await get(lia, `/app/reports/payment-groups${NOV}`)).status).toBe(403);
  });
});

describe('repeat business', () => {
  it('through the API, the CSV and the page', async () => {
    const r = await body<{
      hires: number;
      repeatEmployers: number;
      employers: { employerId: string; name: string; vacanciesOpened: number; hires: number; shareOfHires: number }[];
    }>(await h.call('GET', `/reports/repeat-business${NOV}`, { as: 'lia' }));
    expect(r.employers.map((e) => [e.name, e.vacanciesOpened, e.hires, e.shareOfHires])).toEqual([
      ['Kirkgate Bakery', 1, 2, 0.67],
      ['Hartley Logistics', 1, 1, 0.33],
    ]);
    expect(r).toMatchObject({ hires: 3, repeatEmployers: 1, topEmployers: { count: 1, hiresShare: 0.67 } });
    const csv = await (await h.call('GET', `/reports/repeat-business${NOV}`, { as: 'lia', headers: { accept: 'text/csv' } })).text();
    expect(csv.split('\n')[1]).toMatch(new RegExp(`^${ids.bakery},Kirkgate Bakery,`));
    const lia = await signInAs('liaison', 'u-liaison-1');
    const page = await get(lia, `/app/reports/repeat-business${NOV}`);
    expect(page.html).toContain('Kirkgate Bakery: 2; Hartley Logistics: 1.');
    expect(page.html).toContain('1 employer, giving 67% of hires');
    expectSound(page.html, { headerScope: true });
    const download = await get(lia, `/app/reports/repeat-business.csv${NOV}`);
    expect(download.type).toContain('text/csv');
    expect(download.html).toBe(csv);
  });
});

describe('interviews per job by officer', () => {
  it('through the API and the page, each officer with their name and team from the staff directory, and by team', async () => {
    const officer2 = (await h.deps.directory.get(ORG, 'u-liaison-2'))!;
    await h.deps.directory.update(officer2, { ...officer2, team: 'Wakefield' });
    const r = await body<{
      officers: {
        group: string;
        name: string | null;
        team: string | null;
        proposed: number;
        interviews: number;
        hires: number;
        ratios: Record<string, number | null>;
      }[];
      teams: { team: string; officers: number; proposed: number; hires: number }[];
    }>(await h.call('GET', `/reports/officers${NOV}`, { as: 'lia' }));
    expect(r.officers.map((o) => [o.group, o.proposed, o.interviews, o.hires, o.ratios.interviewsPerHire])).toEqual([
      ['u-liaison-1', 2, 2, 2, 1],
      ['u-liaison-2', 2, 2, 1, 2],
    ]);
    expect(r.officers[1]).toMatchObject({ name: 'Tom Brennan', team: 'Wakefield' });
    expect(r.teams.find((t) => t.team === 'Wakefield')).toMatchObject({ officers: 1, proposed: 2, hires: 1 });
    expect(r.teams.reduce((n, t) => n + t.hires, 0)).toBe(3);
    const lia = await signInAs('liaison', 'u-liaison-1');
    const page = await get(lia, `/app/reports/officers${NOV}`);
    // The page and its spreadsheet say who by name; the API keeps ids.
    expect(page.html).toContain('Priya Shah: 2; Tom Brennan: 1.');
    expect(page.html).not.toContain('u-liaison-');
    const fairness = await get(lia, `/app/reports${NOV}`);
    expect(fairness.html).toMatch(/<desc id="fairness-adviser-desc">Joan Whitaker: /);
    expect((await get(lia, `/app/reports/fairness.csv${NOV}`)).html).toMatch(/\nadviser,Joan Whitaker,/);
    expect((await get(lia, `/app/reports/officers.csv${NOV}`)).html).toMatch(/^officer,.*\nPriya Shah,.*\nTom Brennan,/s);
    expect(page.html).toContain('>Wakefield</th>');
    expectSound(page.html, { headerScope: true });
    const bad = await get(lia, '/app/reports/officers?from=2026-13');
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('Select the first month');
  });
});

describe('PET cohort outcomes', () => {
  it('through the API, the CSV and the page: a cohort ending in November, counted by hand', async () => {
    // Prepare: "Bakery routeway" (Aire Valley Training, 26–30 November): three enrolled, two complete,
    // one withdraws; one completer is then interviewed and hired by Kirkgate Bakery.
    const cohort = (
      await body<{ id: string }>(
        await h.call('POST', '/cohorts', {
          as: 'lia',
          body: cohortBody({ title: 'Bakery routeway', provider: 'Aire Valley Training', startDate: '2026-11-26', endDate: '2026-11-30' }),
        }),
      )
    ).id;
    const people: string[] = [];
    for (let i = 0; i < 3; i++) {
      const p = (
        await body<{ id: string }>(
          await h.call('POST', '/participants', {
            as: 'adv',
            body: participantBody({ readiness: 'green', consent: { matching: true, shareWithEmployers: ['firstName', 'skills'] } }),
          }),
        )
      ).id;
      expect((await h.call('POST', `/cohorts/${cohort}/enrolments`, { as: 'adv', body: { participantId: p } })).status).toBe(201);
      people.push(p);
    }
    h.clock.set('2026-11-30T10:00:00Z');
    for (const [p, status] of [
      [people[0], 'completed'],
      [people[1], 'completed'],
      [people[2], 'withdrawn'],
    ] as const) {
      expect((await h.call('PATCH', `/cohorts/${cohort}/enrolments/${p}`, { as: 'adv', body: { status } })).status).toBe(200);
    }
    const vacancy = (
      await body<{ id: string }>(
        await h.call('POST', '/vacancies', {
          as: 'lia',
          body: vacancyBody(ids.bakery!, {
            status: 'open',
            positions: 1,
            site: { postcode: 'LS1 4AP', location: { lat: 53.7965, lng: -1.5478 } },
          }),
        }),
      )
    ).id;
    const [sub] = (
      await body<{ items: { id: string }[] }>(
        await h.call('POST', `/vacancies/${vacancy}/submissions`, { as: 'lia', body: { participantIds: [people[0]] } }),
      )
    ).items;
    expect((await h.call('POST', `/submissions/${sub!.id}/agreement`, { as: 'adv', body: { agreed: true } })).status).toBe(200);
    expect((await h.call('POST', `/submissions/${sub!.id}/decision`, { as: 'lia', body: { decision: 'interview' } })).status).toBe(200);
    expect(
      (await h.call('POST', `/submissions/${sub!.id}/outcome`, { as: 'lia', body: { outcome: 'hired', startDate: '2026-12-07' } })).status,
    ).toBe(200);
    // Act
    const r = await body<{ cohorts: Record<string, unknown>[]; providers: Record<string, unknown>[] }>(
      await h.call('GET', `/reports/pet-outcomes${NOV}`, { as: 'lia' }),
    );
    // Assess
    expect(r.cohorts).toEqual([
      expect.objectContaining({
        cohortId: cohort,
        title: 'Bakery routeway',
        enrolled: 3,
        completed: 2,
        withdrawn: 1,
        interviewed: 1,
        hired: 1,
        reached13: 0,
      }),
    ]);
    expect(r.providers).toEqual([expect.objectContaining({ provider: 'Aire Valley Training', cohorts: 1, enrolled: 3, hired: 1 })]);
    const csv = await (await h.call('GET', `/reports/pet-outcomes${NOV}`, { as: 'lia', headers: { accept: 'text/csv' } })).text();
    expect(csv.split('\n').map((l) => l.split(',')[0])).toEqual(['level', 'cohort', 'provider', '']);
    const lia = await signInAs('liaison', 'u-liaison-1');
    const page = await get(lia, `/app/reports/pet-outcomes${NOV}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain('Enrolled: 3; Completed: 2; Interviewed: 1; Hired: 1; In work at 13 weeks: 0; In work at 26 weeks: 0.');
    expect(page.html).toContain(`href="/app/cohorts/${cohort}"`);
    expectSound(page.html, { headerScope: true });
    expect((await get(lia, '/app/reports')).html).toContain('href="/app/reports/pet-outcomes?from=');
    h.clock.set('2026-11-25T10:00:00Z');
  });
});

describe('referrals and hires by referral source', () => {
  it('the adviser records who referred someone on their page; liaison officers never see it', async () => {
    const id = (await body<{ id: string }>(await h.call('POST', '/participants', { as: 'adv', body: participantBody() }))).id;
    const adv = await signInAs('adviser', 'u-adviser-1');
    const refused = await post(adv, `/app/participants/${id}/referral`, []);
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('Select who referred them');
    expectSound(refused.html);
    const saved = await post(adv, `/app/participants/${id}/referral`, [['referralSource', 'probation-service']]);
    expect(saved.status).toBe(303);
    const profile = await get(adv, saved.location!);
    expect(profile.html).toContain('Who referred them saved');
    expect(profile.html).toMatch(/Referred by<\/dt>\s*<dd class="govuk-summary-list__value">Probation service/);
    expect((await body(await h.call('GET', `/participants/${id}`, { as: 'adv' }))).referralSource).toBe('probation-service');
    expect(await body(await h.call('GET', `/participants/${id}`, { as: 'lia' }))).not.toHaveProperty('referralSource');
    const lia = await signInAs('liaison', 'u-liaison-1');
    expect((await get(lia, `/app/participants/${id}`)).html).not.toContain('Probation service');
  });

  it('through the API, the CSV and the page for admins, counts under 5 held back: the four put forward had none recorded', async () => {
    const r = await body<{
      smallNumber: number;
      sources: { source: string; proposed: number | null; hires: number | null; suppressed: string[] }[];
    }>(await h.call('GET', `/reports/referral-sources${NOV}`, { as: 'adm' }));
    expect(r.smallNumber).toBe(5);
    expect(r.sources.map((g) => g.source)).toEqual([...REFERRAL_SOURCES, 'none']);
    expect(r.sources.at(-1)).toMatchObject({ proposed: null, hires: null, suppressed: ['proposed', 'submitted', 'interviews', 'hires'] });
    expect(r.sources.filter((g) => g.source !== 'none').every((g) => g.proposed === 0 && g.hires === 0)).toBe(true);
    expect((await h.call('GET', `/reports/referral-sources${NOV}`, { as: 'lia' })).status).toBe(403);
    const csv = await (await h.call('GET', `/reports/referral-sources${NOV}`, { as: 'adm', headers: { accept: 'text/csv' } })).text();
    expect(csv.split('\n').find((l) => l.startsWith('none,'))).toBe('none,<5,<5,<5,<5,0,0,0,0,,,,');
    const adm = await signInAs('admin', 'u-admin-1');
    expect((await get(adm, '/app/reports')).html).toContain('href="/app/reports/referral-sources?from=');
    const page = await get(adm, `/app/reports/referral-sources${NOV}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain('Probation service: 0;');
    expect(page.html).toContain('Not recorded: fewer than 5.');
    expectSound(page.html, { headerScope: true });
    const lia = await signInAs('liaison', 'u-liaison-1');
    expect((await get(lia, '/app/reports')).html).not.toContain('/app/reports/referral-sources');
    expect((await get(lia, `/app/reports/referral-sources${NOV}`)).status).toBe(403);
  });
});
