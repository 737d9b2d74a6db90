import { beforeAll, describe, expect, it } from 'vitest';
import type { createApp } from '../../functions/api/app.js';
import type { LocalSignIn } from '../../functions/api/web/sign-in.js';
import { employerBody, participantBody, vacancyBody } from '../support/fixtures.js';
import { body, createHarness, type Harness } from '../support/harness.js';
import { expectSound as expectPageSound, localWebApp, webClient } from '../support/web.js';

/**
 * In-work support in the pages, against DynamoDB Local (docs/casework.md): the adviser's start page lists
 * the contacts due, the schedule page, choosing a template (question, check answers, confirmation),
 * logging a contact against it; the liaison officer's start page lists the employer's aftercare.
 */
let h: Harness;
let web: ReturnType<typeof createApp>;
let dean: string;
let placement: string;
let vacancyId: string;
const USERS: LocalSignIn['users'] = [
  { sub: 'u-liaison-1', role: 'liaison', name: 'Lia Son' },
  { sub: 'u-adviser-1', role: 'adviser', name: 'Ada Viser' },
  { sub: 'u-adviser-2', role: 'adviser', name: 'Other Adviser' },
];

beforeAll(async () => {
  h = await createHarness({ now: '2026-11-25T10:00:00Z' });
  await h.signIn('adv', 'adviser', { sub: 'u-adviser-1' });
  await h.signIn('lia', 'liaison', { sub: 'u-liaison-1' });
  dean = (
    await body(
      await h.call('POST', '/participants', {
        as: 'adv',
        body: participantBody({
          firstName: 'Dean',
          lastName: 'Walsh',
          readiness: 'green',
          consent: { matching: true, shareWithEmployers: ['firstName'], inWorkContactAtWork: false },
        }),
      }),
    )
  ).id as string;
  const employer = (await body(await h.call('POST', '/employers', { as: 'lia', body: employerBody() }))).id as string;
  const vacancy = (await body(await h.call('POST', '/vacancies', { as: 'lia', body: vacancyBody(employer, { status: 'open' }) })))
    .id as string;
  vacancyId = vacancy;
  const sub = (
    await body<{ items: { id: string }[] }>(
      await h.call('POST', `/vacancies/${vacancy}/submissions`, { as: 'lia', body: { participantIds: [dean] } }),
    )
  ).items[0]!.id;
  await h.call('POST', `/submissions/${sub}/agreement`, { as: 'adv', body: { agreed: true } });
  await h.call('POST', `/submissions/${sub}/decision`, { as: 'lia', body: { decision: 'interview' } });
  const hired = await body<{ placement: { id: string } }>(
    await h.call('POST', `/submissions/${sub}/outcome`, { as: 'lia', body: { outcome: 'hired', startDate: '2026-11-30' } }),
  );
  placement = hired.placement.id;
  // Ten days in: the first-day contact (1 December) is overdue, the first-week one (7 December) due.
  h.clock.set('2026-12-10T10:00:00Z');
  web = localWebApp(h, USERS);
});

const { signInAs, get, post } = webClient(() => web, { csrfFrom: '/app/notifications' });
const expectSound = (html: string) => expectPageSound(html, { describedBy: true, headerScope: true });

describe('in-work support, the adviser', () => {
  it('lists the contacts due on the start page, shows the schedule, and logs one against it', async () => {
    const adv = await signInAs('adviser', 'u-adviser-1');
    const start = await get(adv, '/app');
    expect(start.html).toContain('In-work support contacts due');
    expect(start.html).toContain('Not at work: phone or outside work');
    expect(start.html).toContain(`/app/participants/${dean}/contacts/new?support=${placement}:1`);
    const schedule = await get(adv, `/app/placements/${placement}/support`);
    expect(schedule.status).toBe(200);
    expectSound(schedule.html);
    expect(schedule.html).toContain('Not at work: by phone or outside working hours');
    expect(schedule.html).toContain('Overdue');
    // The contact form for that contact, then check answers, then the confirmation.
    const form = await get(adv, `/app/participants/${dean}/contacts/new?support=${placement}:1`);
    expect(form.status).toBe(200);
    expect(form.html).toContain('About the in-work support contact');
    const answers: [string, string][] = [
      ['kind', `sup:${placement}:1`],
      ['occurredAt.day', '1'],
      ['occurredAt.month', '12'],
      ['occurredAt.year', '2026'],
      ['occurredAt.time', '18:00'],
      ['channel', 'phone'],
      ['attended:boolean', 'true'],
      ['note', 'First day fine'],
    ];
    const check = await post(adv, `/app/participants/${dean}/contacts/new`, [...answers, ['step', 'details']]);
    expect(check.status).toBe(200);
    expect(check.html).toContain('In-work support: after the first day');
    const done = await post(adv, `/app/participants/${dean}/contacts/new`, [...answers, ['step', 'confirm']]);
    expect(done.status).toBe(303);
    const after = await get(adv, `/app/placements/${placement}/support`);
    expect(after.html).toContain('Made 1 December 2026');
    // Another adviser finds it unknown.
    const other = await signInAs('adviser', 'u-adviser-2');
    expect((await get(other, `/app/placements/${placement}/support`)).status).toBe(404);
  });

  it('chooses the template: the question, check answers, confirmation', async () => {
    const adv = await signInAs('adviser', 'u-adviser-1');
    const question = await get(adv, `/app/placements/${placement}/support/template`);
    expectSound(question.html);
    const empty = await post(adv, `/app/placements/${placement}/support/template`, [['step', 'check']]);
    expect(empty.status).toBe(400);
    expect(empty.html).toContain('Select how often to contact them in work');
    const check = await post(adv, `/app/placements/${placement}/support/template`, [
      ['step', 'check'],
      ['template', 'at-risk'],
    ]);
    expect(check.html).toContain('Check the in-work support before you save it');
    const saved = await post(adv, `/app/placements/${placement}/support/template`, [
      ['step', 'confirm'],
      ['template', 'at-risk'],
    ]);
    expect(saved.status).toBe(303);
    const chosen = await get(adv, `/app/placements/${placement}/support/chosen`);
    expect(chosen.html).toContain('At risk of leaving');
    const pl = await body<{ support: { template: string; contacts: { day: number; contactId?: string }[] } }>(
      await h.call('GET', `/placements/${placement}`, { as: 'adv' }),
    );
    expect(pl.support.template).toBe('at-risk');
    expect(pl.support.contacts.find((c) => c.day === 1)?.contactId).toBeDefined();
  });
});

describe('in-work support, the liaison officer', () => {
  it('lists the employer aftercare on the start page and marks it done', async () => {
    const lia = await signInAs('liaison', 'u-liaison-1');
    const start = await get(lia, '/app');
    expect(start.html).toContain('Employer aftercare');
    expect(start.html).toContain('After week 1, due 7 December 2026');
    expect(start.html).not.toContain('Dean');
    const done = await post(lia, `/app/placements/${placement}/aftercare/1`, []);
    expect(done.status).toBe(303);
    const after = await get(lia, '/app?done=aftercare');
    expect(after.html).toContain('Employer aftercare marked done');
    expect(after.html).toContain('No employer aftercare due.');
    // What the officer reads of the placement: the aftercare, not the participant's contacts.
    const pl = await body<{ support: Record<string, unknown> }>(await h.call('GET', `/placements/${placement}`, { as: 'lia' }));
    expect(Object.keys(pl.support).sort()).toEqual(['aftercare', 'chosenAt', 'chosenBy', 'liaisonId']);
  });
});

describe('the better-off estimate, the adviser', () => {
  it('records their circumstances (question, check answers, confirmation) and shows the estimate with its assumptions; nobody else may', async () => {
    const adv = await signInAs('adviser', 'u-adviser-1');
    const before = await get(adv, `/app/participants/${dean}/better-off?vacancy=${vacancyId}`);
    expect(before.status).toBe(200);
    expect(before.html).toContain('Their circumstances are not recorded yet');
    const question = await get(adv, `/app/participants/${dean}/better-off/circumstances?vacancy=${vacancyId}`);
    expectSound(question.html);
    const empty = await post(adv, `/app/participants/${dean}/better-off/circumstances`, [
      ['step', 'check'],
      ['vacancy', vacancyId],
    ]);
    expect(empty.status).toBe(400);
    expect(empty.html).toContain('Select whether they claim as a single person or a couple');
    const answers: [string, string][] = [
      ['vacancy', vacancyId],
      ['couple:boolean', 'false'],
      ['ageBand', '25-or-over'],
      ['children:boolean', 'true'],
      ['limitedCapabilityForWork:boolean', 'false'],
      ['housingCosts:boolean', 'true'],
      ['otherElementsMonthly:number', '350'],
    ];
    const check = await post(adv, `/app/participants/${dean}/better-off/circumstances`, [...answers, ['step', 'check']]);
    expect(check.html).toContain('Check their circumstances before you save them');
    const saved = await post(adv, `/app/participants/${dean}/better-off/circumstances`, [...answers, ['step', 'confirm']]);
    expect(saved.status).toBe(303);
    const estimate = await get(adv, `/app/participants/${dean}/better-off?vacancy=${vacancyId}&hours=16`);
    expectSound(estimate.html);
    expect(estimate.html).toContain('not advice');
    expect(estimate.html).toMatch(/(Better|Worse) off in work by/);
    expect(estimate.html).toContain('£411.00');
    expect(estimate.html).toContain('https://www.gov.uk/universal-credit/how-earnings-affect-your-payments');
    const other = await signInAs('adviser', 'u-adviser-2');
    expect((await get(other, `/app/participants/${dean}/better-off?vacancy=${vacancyId}`)).status).toBe(404);
    const lia = await signInAs('liaison', 'u-liaison-1');
    expect((await get(lia, `/app/participants/${dean}/better-off/circumstances`)).status).toBe(404);
  });
});

describe('check-ins, the liaison officer', () => {
  it('records the employer’s word at 13 weeks on the placement’s own page, reached from the vacancy', async () => {
    // A week before the 13-week date (1 March 2027), the check-in opens.
    h.clock.set('2027-02-24T10:00:00Z');
    const lia = await signInAs('liaison', 'u-liaison-1');
    const vacancy = await get(lia, `/app/vacancies/${vacancyId}`);
    expect(vacancy.html).toContain(`href="/app/placements/${placement}"`);
    const pagePath = `/app/placements/${placement}`;
    const shown = await get(lia, pagePath);
    expect(shown.status).toBe(200);
    expectSound(shown.html);
    expect(shown.html).toContain('Check-ins: ');
    expect(shown.html).toContain('Record check-in');
    // A liaison officer's view has no in-work support contacts (their adviser's and admins' only).
    expect(shown.html).not.toContain('In-work support:');
    const missing = await post(lia, `${pagePath}/checkins`, [['milestone:number', '13']]);
    expect(missing.status).toBe(400);
    expectSound(missing.html);
    expect(missing.html).toContain('Select whether they are still in work');
    expect(missing.html).toContain('Check-ins: ');
    const done = await post(lia, `${pagePath}/checkins`, [
      ['milestone:number', '13'],
      ['inWork:boolean', 'true'],
      ['note', 'Site manager confirmed'],
    ]);
    expect(done.status).toBe(303);
    expect(done.location).toBe(`${pagePath}?done=checkin`);
    const after = await get(lia, done.location!);
    expect(after.html).toContain('Check-in recorded');
    expect(after.html).toContain('Still in work');
    // Their adviser sees it on the participant's record.
    const adv = await signInAs('adviser', 'u-adviser-1');
    expect((await get(adv, `/app/participants/${dean}`)).html).toContain('Site manager confirmed');
    // Another adviser cannot reach the placement.
    expect((await get(await signInAs('adviser', 'u-adviser-2'), pagePath)).status).toBe(404);
  });
});
