import { beforeAll, describe, expect, it } from 'vitest';
import type { createApp } from '../../functions/api/app.js';
import type { LocalSignIn } from '../../functions/api/web/sign-in.js';
import { cohortBody, employerBody, participantBody, vacancyBody } from '../support/fixtures.js';
import { body, createHarness, createInBulk, type Harness } from '../support/harness.js';
import { dateFields, datePairs, expectSound, localWebApp, webClient } from '../support/web.js';

/**
 * The liaison officer's pages, in-process: an employer's record and interaction log, taking a vacancy
 * through the form, the explained candidate list, putting people forward, and the employer's side,
 * which shows nobody until their adviser has agreed.
 */
let h: Harness;
let web: ReturnType<typeof createApp>;
let employerId: string;
let otherEmployerId: string;
const people: Record<string, string> = {};
const USERS: LocalSignIn['users'] = [
  { sub: 'u-liaison-1', role: 'liaison', name: 'Lia Son' },
  { sub: 'u-adviser-1', role: 'adviser', name: 'Ada Viser' },
];

beforeAll(async () => {
  h = await createHarness({ now: '2026-11-25T10:00:00Z' });
  await h.signIn('lia', 'liaison', { sub: 'u-liaison-1' });
  await h.signIn('adv', 'adviser', { sub: 'u-adviser-1' });
  employerId = (await body(await h.call('POST', '/employers', { as: 'lia', body: employerBody({ name: 'Hartley Logistics' }) })))
    .id as string;
  otherEmployerId = (
    await body(
      await h.call('POST', '/employers', {
        as: 'lia',
        body: employerBody({ name: 'Other Firm', address: { line1: '1 Street', town: 'Leeds', postcode: 'LS2 7EE' } }),
      }),
    )
  ).id as string;
  await h.call('POST', `/employers/${employerId}/contacts`, {
    as: 'lia',
    body: { name: 'Priya Shah', email: 'hr@hartley.example', primary: true },
  });
  await h.call('POST', `/employers/${employerId}/pledges`, {
    as: 'lia',
    body: { description: '10 warehouse jobs', jobsPledged: 10, byDate: '2027-06-30' },
  });
  USERS.push(
    { sub: 'u-employer-1', role: 'employer', name: 'Hartley HR', employerId },
    { sub: 'u-employer-9', role: 'employer', name: 'Other HR', employerId: otherEmployerId },
  );
  web = localWebApp(h, USERS);
  const person = (firstName: string, over: Record<string, unknown> = {}) =>
    participantBody({ firstName, consent: { matching: true, shareWithEmployers: ['firstName', 'skills'] }, ...over });
  for (const [name, over] of [
    ['Dean', { unemployedSince: '2024-01-10' }],
    ['Erin', {}],
    ['Farah', { skills: ['picking', 'forklift'] }],
    ['Gary', { readiness: 'amber' }],
    // Job-ready, a must-have short (no picking), typed in with a postcode only.
    ['Hana', { skills: ['customer service'], home: { postcode: 'LS9 8AB' } }],
  ] as const) {
    const res = await h.call('POST', '/participants', { as: 'adv', body: person(name, over) });
    expect(res.status).toBe(201);
    people[name] = (await body(res)).id as string;
  }
});

const { signInAs, get, post } = webClient(() => web);

const vacancyForm = (over: Record<string, string | string[]> = {}): [string, string][] => {
  const fields: Record<string, string | string[]> = {
    employerId,
    title: 'Warehouse operative (days)',
    'occupation.title': 'Warehouse operative',
    sector: 'warehousing-logistics',
    'site.postcode': 'ls11 5pq',
    'positions:number': '2',
    'hoursPerWeek.min:number': '30',
    'hoursPerWeek.max:number': '40',
    'shiftPatterns[]': ['early', 'late'],
    contractType: 'permanent',
    'wage.amount:number': '12.60',
    'wage.period': 'hour',
    'essentialSkills[]': 'picking',
    'desirableSkills[]': 'forklift, reach truck',
    'essentialCertifications[]': '',
    'workDemands[]': ['standing-long-periods'],
    ...dateFields('closingDate', '2026-12-20'),
    status: 'open',
    ...over,
  };
  return Object.entries(fields).flatMap(([k, v]) =>
    Array.isArray(v) ? v.map((x) => [k, x] as [string, string]) : [[k, v] as [string, string]],
  );
};

describe('liaison pages', () => {
  let vacancyId: string;

  it("lists the follow-ups promised in the next 14 days for the officer's own employers, soonest first", async () => {
    const elsewhere = (
      await body(
        await h.call('POST', '/employers', {
          as: 'lia',
          body: employerBody({
            name: 'Someone Elses Ltd',
            accountManagerId: 'u-liaison-2',
            address: { line1: '2 Road', town: 'Leeds', postcode: 'LS3 1AB' },
          }),
        }),
      )
    ).id as string;
    const log = async (id: string, summary: string, followUpOn: string) =>
      expect(
        (
          await h.call('POST', `/employers/${id}/interactions`, {
            as: 'lia',
            body: { kind: 'call', occurredAt: '2026-11-24T15:00:00Z', summary, outcome: 'follow-up-needed', followUpOn },
          })
        ).status,
      ).toBe(201);
    await log(employerId, 'Send the shift pattern', '2026-12-02');
    await log(employerId, 'Ring about the spring intake', '2026-12-20'); // beyond 14 days
    await log(otherEmployerId, 'Confirm the site visit', '2026-11-27');
    await log(elsewhere, 'Not mine to chase', '2026-11-26'); // another officer's employer
    const s = await signInAs('liaison', 'u-liaison-1');
    const { html } = await get(s, '/app');
    expectSound(html);
    const section = html.slice(html.indexOf('Follow-ups due'), html.indexOf('Employers you manage'));
    expect(section).toContain('Confirm the site visit');
    expect(section).toContain('Send the shift pattern');
    expect(section.indexOf('27 November 2026')).toBeLessThan(section.indexOf('2 December 2026'));
    expect(section).not.toContain('spring intake');
    expect(section).not.toContain('Not mine to chase');
  });

  it('shows the vacancy form with every field, the employer preselected', async () => {
    const lia = await signInAs('liaison', 'u-liaison-1');
    const { status, html } = await get(lia, `/app/vacancies/new?employerId=${employerId}`);
    expect(status).toBe(200);
    for (const name of [
      'employerId',
      'title',
      'occupation.title',
      'site.postcode',
      'positions:number',
      'hoursPerWeek.min:number',
      'shiftPatterns[]',
      'wage.amount:number',
      'workDemands[]',
      'drivingLicenceRequired:boolean',
      'closingDate.day',
      'closingDate.month',
      'closingDate.year',
      'status',
    ]) {
      expect(html).toContain(`name="${name}"`);
    }
    // The employer is chosen first and shown, with a way to change it; the form carries its id.
    expect(html).toContain(`<input type="hidden" name="employerId" value="${employerId}"/>`);
    expect(html).toMatch(/<dd class="govuk-summary-list__value">Hartley Logistics /);
    expect(html).toContain('Save vacancy');
    expectSound(html);
  });

  it('re-shows the form with an error summary linking to each field, values kept', async () => {
    const lia = await signInAs('liaison', 'u-liaison-1');
    const res = await post(
      lia,
      '/app/vacancies',
      vacancyForm({
        'hoursPerWeek.min:number': '40',
        'hoursPerWeek.max:number': '30',
        'shiftPatterns[]': [],
        'wage.amount:number': 'lots',
      }),
    );
    expect(res.status).toBe(400);
    expect(res.html).toContain('There is a problem');
    expect(res.html).toContain('href="#hoursPerWeek-min"');
    expect(res.html).toContain('href="#shiftPatterns"');
    expect(res.html).toContain('href="#wage-amount"');
    expect(res.html).toContain('govuk-form-group--error');
    expect(res.html).toContain('value="Warehouse operative (days)"');
    expect(res.html).toContain('value="forklift, reach truck"');
    expect(res.html).toContain('value="lots"');
    expect(res.html).toMatch(/<title>Error: /);
    // Said for people, the same in the summary and beside the field: no field path, no code.
    const hours = 'The fewest hours a week must be no more than the most hours a week';
    expect(res.html.split(hours).length - 1).toBe(2);
    expect(res.html).toContain('The pay must be a number');
    expect(res.html).not.toMatch(/Hours per week min|Wage amount|: must |: min /);
    expectSound(res.html);

    const past = await post(lia, '/app/vacancies', vacancyForm(dateFields('closingDate', '2026-11-01')));
    expect(past.status).toBe(422);
    expect(past.html).toContain('href="#closingDate"');
    expect(past.html).toContain('The closing date must not be in the past when the vacancy is published');

    // A date the date input cannot make a real day: said in GOV.UK's words, nothing created.
    const partly = await post(lia, '/app/vacancies', vacancyForm({ 'closingDate.day': '31', 'closingDate.month': '2' }));
    expect(partly.status).toBe(400);
    expect(partly.html).toContain('The closing date must be a real date');
    expect(partly.html).toMatch(/id="closingDate"[^>]*value="31"/);
  });

  it('creates the vacancy, then shows explained matches with the fairness shares', async () => {
    const lia = await signInAs('liaison', 'u-liaison-1');
    const res = await post(lia, '/app/vacancies', vacancyForm());
    expect(res.status).toBe(303);
    expect(res.location).toMatch(/^\/app\/vacancies\/[0-9A-Z]{26}\?done=created$/);
    vacancyId = /vacancies\/([0-9A-Z]{26})/.exec(res.location!)![1]!;
    const { status, html } = await get(lia, res.location!);
    expect(status).toBe(200);
    expect(html).toContain('govuk-notification-banner--success');
    expect(html).toContain('<h1 class="govuk-heading-l">Warehouse operative (days)</h1>');
    expect(html).toContain('Suggested candidates');
    expect(html).toContain('Choose candidates to put forward');
    for (const name of ['Dean', 'Erin', 'Farah']) expect(html).toContain(`value="${people[name]}"`);
    expect(html).not.toContain(`value="${people.Gary}"`);
    expect(html).toMatch(/Must-have skills: \+[\d.]+ – Has 1 of 1 must-have skills/);
    expect(html).toMatch(/\d+% of eligible candidates and \d+% of this list have been out of work 12 months or more/);
    expect(html).toContain('Nearly ready (amber): 1');
    // The site was typed as a postcode only: it was located, so distances are ranked (and said to be approximate).
    expect(html).not.toContain('Distance unknown');
    expect(html).toMatch(/About \d+ km from home \(from postcode districts/);
    // A must-have short comes back apart, the skill named, not among those to put forward.
    expect(html).toContain('Could qualify with one more skill, or fewer hours: 1');
    expect(html).toContain('Missing: picking');
    expect(html).not.toContain(`value="${people.Hana}"`);
    expect(html).toContain('Put forward selected');
    expectSound(html);
  });

  it('says so when nobody is chosen', async () => {
    const lia = await signInAs('liaison', 'u-liaison-1');
    const res = await post(lia, `/app/vacancies/${vacancyId}/submissions`, []);
    expect(res.status).toBe(400);
    expect(res.html).toContain('href="#candidates"');
    expect(res.html).toContain('choose at least one candidate');
    expectSound(res.html);
  });

  it('refuses someone not job-ready by name, and puts nobody forward', async () => {
    const lia = await signInAs('liaison', 'u-liaison-1');
    const res = await post(lia, `/app/vacancies/${vacancyId}/submissions`, [
      ['participantIds[]', people.Dean!],
      ['participantIds[]', people.Gary!],
    ]);
    expect(res.status).toBe(422);
    expect(res.html).toMatch(/Gary W\.?: not job-ready \(amber\)/);
    expect(res.html).toMatch(new RegExp(`value="${people.Dean}"\\s+checked`));
    expectSound(res.html);
  });

  it('puts two forward; the employer sees nothing until their advisers agree', async () => {
    const lia = await signInAs('liaison', 'u-liaison-1');
    const res = await post(lia, `/app/vacancies/${vacancyId}/submissions`, [
      ['participantIds[]', people.Dean!],
      ['participantIds[]', people.Erin!],
    ]);
    expect(res.status).toBe(303);
    expect(res.location).toBe(`/app/vacancies/${vacancyId}?done=proposed&n=2`);
    const after = await get(lia, res.location!);
    expect(after.html).toContain('2 candidates put forward. We have told their advisers, who will ask each of them to agree');
    expect(after.html.match(/Waiting for the adviser/g)?.length).toBe(2);
    expect(after.html).not.toContain(`value="${people.Dean}"`);
    expectSound(after.html);

    const emp = await signInAs('employer', 'u-employer-1');
    const before = await get(emp, `/app/vacancies/${vacancyId}`);
    expect(before.status).toBe(200);
    expect(before.html).toContain('No candidates have been put forward to you yet');
    expect(before.html).not.toContain('Dean');
    expect(before.html).not.toMatch(/C-[0-9A-Z]{6}/);
    expect(before.html).not.toContain('Suggested candidates');
    expectSound(before.html);

    // Another employer's user cannot see the vacancy at all.
    expect((await get(await signInAs('employer', 'u-employer-9'), `/app/vacancies/${vacancyId}`)).status).toBe(404);
  });

  it('lets the employer decide once the adviser agrees, with the reason rules enforced', async () => {
    const subs = await body<{ items: { id: string; participantId: string }[] }>(
      await h.call('GET', `/vacancies/${vacancyId}/submissions`, { as: 'lia' }),
    );
    const dean = subs.items.find((s) => s.participantId === people.Dean)!;
    expect((await h.call('POST', `/submissions/${dean.id}/agreement`, { as: 'adv', body: { agreed: true } })).status).toBe(200);

    const emp = await signInAs('employer', 'u-employer-1');
    const seen = await get(emp, `/app/vacancies/${vacancyId}`);
    expect(seen.html).toContain('Candidate C-');
    expect(seen.html).toContain('(Dean)');
    expect(seen.html).not.toContain('Walsh');
    expect(seen.html).not.toContain(people.Dean!);
    expect(seen.html).toContain('Send decision');
    expectSound(seen.html);

    const noReason = await post(emp, `/app/submissions/${dean.id}/decision`, [['decision', 'reject']]);
    expect(noReason.status).toBe(400);
    expect(noReason.html).toContain('href="#reasonCode"');
    expect(noReason.html).toContain('Select why you are not taking them forward');
    expect(noReason.html).not.toContain('Reason code');
    expectSound(noReason.html);

    const invite = await post(emp, `/app/submissions/${dean.id}/decision`, [
      ['decision', 'interview'],
      ['reasonCode', ''],
      ['note', ''],
    ]);
    expect(invite.status).toBe(303);
    // The banner says what was recorded, who was told (the adviser, and the liaison officer who put them forward) and what is next.
    expect(invite.location).toBe(`/app/vacancies/${vacancyId}?done=invited&told=liaison`);
    expect((await get(emp, invite.location!)).html).toContain(
      'Interview wanted. We have told their adviser and the liaison officer who put them forward. Next: book the interview below.',
    );

    const past = await post(emp, `/app/submissions/${dean.id}/interview`, [
      ...datePairs('at', '2026-11-20T10:00'),
      ['place', 'Canal Wharf'],
    ]);
    expect(past.status).toBe(400);
    expect(past.html).toContain('href="#at"');
    expect(past.html).toContain('The interview date and time must be in the future');
    // Refilled as typed.
    expect(past.html).toMatch(/id="at-time"[^>]*value="10:00"/);

    const booked = await post(emp, `/app/submissions/${dean.id}/interview`, [
      ...datePairs('at', '2026-12-01T10:30'),
      ['place', 'Canal Wharf'],
    ]);
    expect(booked.status).toBe(303);
    // Only the adviser hears of a booked interview.
    expect(booked.location).toBe(`/app/vacancies/${vacancyId}?done=interview-booked`);
    expect((await get(emp, booked.location!)).html).toContain('Interview booked. We have told their adviser. Their adviser will make sure');
    const interview = await get(emp, `/app/vacancies/${vacancyId}`);
    expect(interview.html).toContain('1 December 2026');
    expect(interview.html).toContain('Record outcome');
    expectSound(interview.html);

    const hired = await post(emp, `/app/submissions/${dean.id}/outcome`, [['outcome', 'hired'], ...datePairs('startDate', '2026-12-07')]);
    expect(hired.status).toBe(303);
    expect((await get(emp, hired.location!)).html).toContain(
      'Hire recorded. We have told their adviser and the liaison officer who put them forward. Their adviser will support them',
    );
    expect((await get(emp, `/app/vacancies/${vacancyId}`)).html).toContain('Hired');
  });

  it('lets a liaison officer record the employer’s answer on their behalf', async () => {
    const subs = await body<{ items: { id: string; participantId: string }[] }>(
      await h.call('GET', `/vacancies/${vacancyId}/submissions`, { as: 'lia' }),
    );
    const erin = subs.items.find((s) => s.participantId === people.Erin)!;
    expect((await h.call('POST', `/submissions/${erin.id}/agreement`, { as: 'adv', body: { agreed: true } })).status).toBe(200);
    const lia = await signInAs('liaison', 'u-liaison-1');
    const { html } = await get(lia, `/app/vacancies/${vacancyId}`);
    expect(html).toContain('Record the employer’s answer for C-');
    expect(html).toContain(`action="/app/submissions/${erin.id}/decision"`);
    expectSound(html);
    const noNote = await post(lia, `/app/submissions/${erin.id}/decision`, [
      ['decision', 'reject'],
      ['reasonCode', 'other'],
    ]);
    expect(noNote.status).toBe(400);
    expect(noNote.html).toContain('href="#note"');
    expect(noNote.html).toMatch(/<option value="other" selected="">/);
    const rejected = await post(lia, `/app/submissions/${erin.id}/decision`, [
      ['decision', 'reject'],
      ['reasonCode', 'other'],
      ['note', 'Took a job elsewhere'],
    ]);
    expect(rejected.status).toBe(303);
    // Recorded by the liaison officer who put them forward: only the adviser needed telling.
    expect(rejected.location).toBe(`/app/vacancies/${vacancyId}?done=rejected`);
    expect((await get(lia, rejected.location!)).html).toContain(
      'Not taken forward. We have told their adviser. Their adviser sees your reason, so they can help them.',
    );
    // Decided once; a second answer is a conflict shown on the form.
    const again = await post(lia, `/app/submissions/${erin.id}/decision`, [['decision', 'interview']]);
    expect(again.status).toBe(409);
    expect(again.html).toContain('href="#decision"');
  });

  it('keeps a draft off the shortlist until it is published', async () => {
    const lia = await signInAs('liaison', 'u-liaison-1');
    const draft = await post(
      lia,
      '/app/vacancies',
      vacancyForm({ title: 'Night picker', status: 'draft', ...dateFields('closingDate', '2026-11-01') }),
    );
    expect(draft.status).toBe(303);
    const id = /vacancies\/([0-9A-Z]{26})/.exec(draft.location!)![1]!;
    const { html } = await get(lia, `/app/vacancies/${id}`);
    expect(html).toContain('Suggested candidates');
    expect(html).toContain('This vacancy is a draft');
    expect(html).not.toContain('name="participantIds[]"');
    expectSound(html);
    const late = await post(lia, `/app/vacancies/${id}/publish`, []);
    expect(late.status).toBe(422);
    expect(late.html).toContain('href="#publish"');
    expectSound(late.html);

    const ok = await post(lia, '/app/vacancies', vacancyForm({ title: 'Day picker', status: 'draft' }));
    const okId = /vacancies\/([0-9A-Z]{26})/.exec(ok.location!)![1]!;
    const published = await post(lia, `/app/vacancies/${okId}/publish`, []);
    expect(published.status).toBe(303);
    expect(published.location).toBe(`/app/vacancies/${okId}?done=published`);
    expect((await get(lia, published.location!)).html).toContain('name="participantIds[]"');
  });

  it('lists open vacancies for the liaison officer', async () => {
    const lia = await signInAs('liaison', 'u-liaison-1');
    const { status, html } = await get(lia, '/app/vacancies');
    expect(status).toBe(200);
    expect(html).toContain('Take a new vacancy');
    expect(html).toContain(`href="/app/vacancies/${vacancyId}"`);
    expectSound(html);
    expect((await get(await signInAs('employer', 'u-employer-1'), '/app/vacancies')).status).toBe(403);
  });
});

describe('the employer record', () => {
  it('shows the summary, contacts, pledges and vacancies', async () => {
    const lia = await signInAs('liaison', 'u-liaison-1');
    const { status, html } = await get(lia, `/app/employers/${employerId}`);
    expect(status).toBe(200);
    expect(html).toContain('<h1 class="govuk-heading-l">Hartley Logistics</h1>');
    expect(html).toContain('Priya Shah');
    expect(html).toContain('10 warehouse jobs');
    expect(html).toContain('Warehouse operative (days)');
    expect(html).toContain('Add interaction');
    expectSound(html);
  });

  it('logs an interaction through the form, newest first, with overdue follow-ups tagged', async () => {
    const lia = await signInAs('liaison', 'u-liaison-1');
    const bad = await post(lia, `/app/employers/${employerId}/interactions`, [
      ['kind', 'call'],
      ...datePairs('occurredAt', '2026-11-30T09:00'),
      ['summary', ''],
      ['outcome', ''],
      ...datePairs('followUpOn', '2026-12-04').map(([k]) => [k, ''] as [string, string]),
    ]);
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('href="#summary"');
    expect(bad.html).toContain('href="#outcome"');
    expect(bad.html).toMatch(/id="occurredAt-time"[^>]*value="09:00"/);
    expectSound(bad.html);

    const future = await post(lia, `/app/employers/${employerId}/interactions`, [
      ['kind', 'call'],
      ...datePairs('occurredAt', '2026-11-30T09:00'),
      ['summary', 'Not yet'],
      ['outcome', 'positive'],
    ]);
    expect(future.status).toBe(400);
    expect(future.html).toContain('href="#occurredAt"');
    expect(future.html).toContain('The date and time it happened must not be in the future');

    const older = await post(lia, `/app/employers/${employerId}/interactions`, [
      ['kind', 'visit'],
      ...datePairs('occurredAt', '2026-11-10T14:00'),
      ['summary', 'Site visit with the warehouse manager'],
      ['outcome', 'follow-up-needed'],
      ...datePairs('followUpOn', '2026-11-20'),
    ]);
    expect(older.status).toBe(303);
    const newer = await post(lia, `/app/employers/${employerId}/interactions`, [
      ['kind', 'call'],
      ...datePairs('occurredAt', '2026-11-24T09:15'),
      ['summary', 'Called about the January intake'],
      ['outcome', 'positive'],
      ...datePairs('followUpOn', '2026-12-01'),
    ]);
    expect(newer.status).toBe(303);
    expect(newer.location).toBe(`/app/employers/${employerId}?done=interaction`);
    const { html } = await get(lia, newer.location!);
    expect(html).toContain('Interaction added');
    expect(html.indexOf('Called about the January intake')).toBeLessThan(html.indexOf('Site visit with the warehouse manager'));
    expect(html.match(/Overdue/g)?.length).toBe(1);
    expectSound(html);
  });

  it('shows an employer user their own record only', async () => {
    const emp = await signInAs('employer', 'u-employer-1');
    const own = await get(emp, `/app/employers/${employerId}`);
    expect(own.status).toBe(200);
    expect(own.html).not.toContain('Add interaction');
    expect((await get(emp, `/app/employers/${otherEmployerId}`)).status).toBe(404);
  });
});

describe('cohorts', () => {
  it('lists cohorts and shows one with its enrolments', async () => {
    const created = await h.call('POST', '/cohorts', {
      as: 'lia',
      body: cohortBody({ linkedEmployerIds: [employerId], guaranteedInterview: true }),
    });
    expect(created.status).toBe(201);
    const cohortId = (await body(created)).id as string;
    expect((await h.call('POST', `/cohorts/${cohortId}/enrolments`, { as: 'adv', body: { participantId: people.Farah } })).status).toBe(
      201,
    );

    const lia = await signInAs('liaison', 'u-liaison-1');
    const list = await get(lia, '/app/cohorts');
    expect(list.status).toBe(200);
    expect(list.html).toContain(`href="/app/cohorts/${cohortId}"`);
    expectSound(list.html);
    const one = await get(lia, `/app/cohorts/${cohortId}`);
    expect(one.status).toBe(200);
    expect(one.html).toContain('Farah Walsh');
    expect(one.html).toContain('Hartley Logistics');
    expectSound(one.html);

    const adv = await signInAs('adviser', 'u-adviser-1');
    expect((await get(adv, `/app/cohorts/${cohortId}`)).html).toContain('Farah Walsh');
  });
});

describe('more suggestions than a page shows', () => {
  it('shows twenty, then twenty more on asking', async () => {
    // 25 more job-ready people who fit the days vacancy (written as the import writes them).
    await createInBulk(
      h,
      'participants',
      { sub: 'u-adviser-1', role: 'adviser' },
      Array.from({ length: 25 }, (_, i) =>
        participantBody({ firstName: `Extra${i}`, consent: { matching: true, shareWithEmployers: ['firstName'] } }),
      ),
    );
    const vacancyId = (await body(await h.call('POST', '/vacancies', { as: 'lia', body: vacancyBody(employerId, { status: 'open' }) })))
      .id as string;
    const lia = await signInAs('liaison', 'u-liaison-1');
    const first = await get(lia, `/app/vacancies/${vacancyId}`);
    const boxes = (html: string) => html.match(/name="participantIds\[\]"/g)?.length ?? 0;
    expect(boxes(first.html)).toBe(20);
    expect(first.html).toContain(`href="/app/vacancies/${vacancyId}?suggestions=40#suggested"`);
    expect(first.html).toContain('Showing the 20 best suited.');
    const more = await get(lia, `/app/vacancies/${vacancyId}?suggestions=40`);
    expectSound(more.html);
    expect(boxes(more.html)).toBeGreaterThan(20);
    expect(boxes(more.html)).toBeLessThan(40);
    expect(more.html).not.toContain('Show 20 more suggestions');
    // A refused put-forward comes back with the same forty.
    expect(more.html).toContain(`action="/app/vacancies/${vacancyId}/submissions?suggestions=40"`);
    const refused = await post(lia, `/app/vacancies/${vacancyId}/submissions?suggestions=40`, []);
    expect(refused.status).toBe(400);
    expect(boxes(refused.html)).toBe(boxes(more.html));
  });
});
