import { beforeAll, describe, expect, it } from 'vitest';
import type { createApp } from '../../functions/api/app.js';
import type { LocalSignIn } from '../../functions/api/web/sign-in.js';
import { cohortBody, employerBody, participantBody, vacancyBody } from '../support/fixtures.js';
import { body, createHarness, createInBulk, type Harness } from '../support/harness.js';
import { expectSound, hiddenFields, localWebApp, webClient, type Session } from '../support/web.js';

/**
 * The cohort pages, in-process as a browser drives them: setting a cohort up (question page with GOV.UK
 * date inputs, check your answers, confirmation panel), enrolling people found by search (an adviser
 * from their own caseload, liaison officers by reference or by name on a named caseload, past 100
 * people), marking a place completed (with the certificates it awards) or withdrawn, and putting a
 * guaranteed-interview cohort's completers forward to a linked vacancy (who goes, who is skipped and
 * why, then the result). Each refused form names the field in the error summary and changes nothing;
 * each action is checked through the API afterwards.
 */
let h: Harness;
let web: ReturnType<typeof createApp>;
let employerId: string;
let vacancyId: string;
let otherVacancyId: string;
const people: Record<string, string> = {};
const USERS: LocalSignIn['users'] = [
  { sub: 'u-liaison-1', role: 'liaison', name: 'Lia Son' },
  { sub: 'u-admin-1', role: 'admin', name: 'Ad Min' },
  { sub: 'u-adviser-1', role: 'adviser', name: 'Ada Viser' },
  { sub: 'u-adviser-2', role: 'adviser', name: 'Bea Viser' },
];

const { signInAs, get, post } = webClient(() => web);
const session: Record<string, Session> = {};

beforeAll(async () => {
  h = await createHarness({ now: '2026-11-25T10:00:00Z' });
  await h.signIn('lia', 'liaison', { sub: 'u-liaison-1' });
  await h.signIn('adm', 'admin', { sub: 'u-admin-1' });
  await h.signIn('adv', 'adviser', { sub: 'u-adviser-1' });
  await h.signIn('adv2', 'adviser', { sub: 'u-adviser-2' });
  await h.signIn('adv3', 'adviser', { sub: 'u-adviser-3' });
  employerId = (await body(await h.call('POST', '/employers', { as: 'lia', body: employerBody() }))).id as string;
  vacancyId = (await body(await h.call('POST', '/vacancies', { as: 'lia', body: vacancyBody(employerId, { status: 'open' }) })))
    .id as string;
  otherVacancyId = (
    await body(
      await h.call('POST', '/vacancies', {
        as: 'lia',
        body: vacancyBody(employerId, { status: 'open', title: 'Forklift driver' }),
      }),
    )
  ).id as string;
  USERS.push({ sub: 'u-employer-1', role: 'employer', name: 'Hartley HR', employerId });
  web = localWebApp(h, USERS);
  const add = async (key: string, as: string, over: Record<string, unknown>) => {
    const res = await h.call('POST', '/participants', {
      as,
      body: participantBody({ consent: { matching: true, shareWithEmployers: ['firstName'] }, ...over }),
    });
    expect(res.status).toBe(201);
    people[key] = (await body(res)).id as string;
  };
  await add('dean', 'adv', { firstName: 'Dean', lastName: 'Walsh' });
  await add('erin', 'adv', { firstName: 'Erin', lastName: 'Mól' });
  await add('gary', 'adv', { firstName: 'Gary', lastName: 'Amber', readiness: 'amber' });
  await add('deanna', 'adv2', { firstName: 'Deanna', lastName: 'Walsh' });
  session.lia = await signInAs('liaison', 'u-liaison-1');
  session.adm = await signInAs('admin', 'u-admin-1');
  session.adv = await signInAs('adviser', 'u-adviser-1');
  session.adv2 = await signInAs('adviser', 'u-adviser-2');
  session.emp = await signInAs('employer', 'u-employer-1');
});

/** A cohort made through the API (these tests are about the pages that act on it). */
async function apiCohort(over: Record<string, unknown> = {}) {
  const res = await h.call('POST', '/cohorts', {
    as: 'lia',
    body: cohortBody({ startDate: '2026-11-16', endDate: '2026-11-27', ...over }),
  });
  expect(res.status).toBe(201);
  return (await body(res)).id as string;
}

async function enrolViaApi(cohortId: string, key: string, as = 'adv') {
  expect((await h.call('POST', `/cohorts/${cohortId}/enrolments`, { as, body: { participantId: people[key] } })).status).toBe(201);
}

const cohortForm = (over: Record<string, string | string[]> = {}): [string, string][] => {
  const fields: Record<string, string | string[]> = {
    title: 'Door supervision routeway',
    kind: 'sector',
    sector: 'security',
    provider: 'Aire Valley Training',
    venue: 'Hunslet Community Hub, Leeds',
    'startDate.day': '11',
    'startDate.month': '1',
    'startDate.year': '2027',
    'endDate.day': '22',
    'endDate.month': '01',
    'endDate.year': '2027',
    'capacity:number': '12',
    'modules[]': ['sia-licence', 'first-aid'],
    'certificationsAwarded[]': 'SIA door supervisor, emergency first aid',
    'linkedEmployerIds[]': '',
    'linkedVacancyIds[]': '',
    'guaranteedInterview:boolean': 'true',
    eligibility: '',
    ...over,
  };
  return Object.entries(fields).flatMap(([k, v]) =>
    Array.isArray(v) ? v.map((x) => [k, x] as [string, string]) : [[k, v] as [string, string]],
  );
};

describe('setting up a cohort', () => {
  it('shows the question page to liaison officers and admins, with every field of CohortCreate and GOV.UK date inputs; 403 for others', async () => {
    for (const who of ['lia', 'adm']) {
      const { status, html } = await get(session[who]!, '/app/cohorts/new');
      expect(status).toBe(200);
      for (const name of [
        'title',
        'kind',
        'sector',
        'provider',
        'venue',
        'startDate.day',
        'startDate.month',
        'startDate.year',
        'endDate.day',
        'endDate.month',
        'endDate.year',
        'capacity:number',
        'modules[]',
        'certificationsAwarded[]',
        'linkedEmployerIds[]',
        'linkedVacancyIds[]',
        'guaranteedInterview:boolean',
        'eligibility',
      ])
        expect(html).toContain(`name="${name}"`);
      expect(html).toContain('class="govuk-date-input"');
      expectSound(html, { describedBy: true });
    }
    const list = await get(session.lia!, '/app/cohorts');
    expect(list.html).toContain('href="/app/cohorts/new"');
    // Found by words and when (searchCohorts, unit-tested); a filter that is not one is said in the error summary.
    expect(list.html).toContain('name="phase"');
    expect((await get(session.lia!, '/app/cohorts?text=zzqx&sort=title')).html).toContain('No cohorts match');
    const refused = await get(session.lia!, '/app/cohorts?phase=soon');
    expect(refused.status).toBe(400);
    expectSound(refused.html);
    expect(refused.html).toContain('href="#phase"');
    expect((await get(session.adv!, '/app/cohorts')).html).not.toContain('href="/app/cohorts/new"');
    for (const who of ['adv', 'emp']) {
      expect((await get(session[who]!, '/app/cohorts/new')).status).toBe(403);
      const before = await h.snapshot();
      const res = await post(session[who]!, '/app/cohorts/new', [...cohortForm(), ['step', 'create']]);
      expect(res.status).toBe(403);
      expect(await h.snapshot()).toBe(before);
    }
  });

  it('refuses bad answers with an error summary naming each field, keeps what was typed, and creates nothing', async () => {
    const before = await h.snapshot();
    const res = await post(
      session.lia!,
      '/app/cohorts/new',
      cohortForm({ title: '', 'startDate.month': '', 'capacity:number': 'lots', 'modules[]': [], kind: '' }),
    );
    expect(res.status).toBe(400);
    expect(res.html).toContain('There is a problem');
    for (const id of ['title', 'kind', 'startDate', 'capacity', 'modules']) expect(res.html).toContain(`href="#${id}"`);
    expect(res.html).toContain('The start date must include a month');
    expect(res.html).toContain('Enter the cohort’s title');
    expect(res.html).toContain('Select at least one module');
    expect(res.html).toContain('value="lots"');
    expect(res.html).toContain('value="Aire Valley Training"');
    expect(res.html).toMatch(/<input[^>]*id="startDate"[^>]*value="11"/);
    expect(res.html).toMatch(/<title>Error: /);
    expectSound(res.html, { describedBy: true });

    // Not a real date, an end before the start, an unknown linked vacancy: each said against its field.
    const notReal = await post(session.lia!, '/app/cohorts/new', cohortForm({ 'startDate.day': '31', 'startDate.month': '2' }));
    expect(notReal.status).toBe(400);
    expect(notReal.html).toContain('The start date must be a real date');
    const backwards = await post(session.lia!, '/app/cohorts/new', cohortForm({ 'endDate.year': '2026' }));
    expect(backwards.status).toBe(400);
    expect(backwards.html).toContain('href="#endDate"');
    const unknown = await post(session.lia!, '/app/cohorts/new', cohortForm({ 'linkedVacancyIds[]': '01J00000000000000000000000' }));
    expect(unknown.status).toBe(400);
    expect(unknown.html).toContain('href="#linkedVacancyIds"');
    expect(unknown.html).toContain('No vacancy has the reference 01J00000000000000000000000');
    expectSound(unknown.html, { describedBy: true });
    // Skipping the check (posting `create` with bad answers) is refused the same way.
    const skipped = await post(session.lia!, '/app/cohorts/new', [...cohortForm({ venue: '' }), ['step', 'create']]);
    expect(skipped.status).toBe(400);
    expect(skipped.html).toContain('href="#venue"');
    expect(await h.snapshot()).toBe(before);
  });

  it('shows the answers to check (changing nothing), takes them back to change, then creates the cohort and confirms it', async () => {
    const before = await h.snapshot();
    const check = await post(session.lia!, '/app/cohorts/new', cohortForm({ 'linkedVacancyIds[]': vacancyId }));
    expect(check.status).toBe(200);
    expect(check.html).toContain('Check your answers before creating the cohort');
    expect(check.html).toContain('11 January 2027 to 22 January 2027');
    expect(check.html).toContain('SIA licence');
    expect(check.html).toContain('sia door supervisor');
    expect(check.html).toContain('Warehouse operative (Hartley Logistics Ltd)');
    expectSound(check.html, { describedBy: true });
    expect(await h.snapshot()).toBe(before);
    const carried = hiddenFields(check.html);
    expect(carried).toContainEqual(['startDate.day', '11']);

    const change = await post(session.lia!, '/app/cohorts/new', [...carried, ['step', 'change']]);
    expect(change.status).toBe(200);
    expect(change.html).toContain('value="Door supervision routeway"');
    expect(change.html).toContain(`value="${vacancyId}"`);
    expect(await h.snapshot()).toBe(before);

    const created = await post(session.lia!, '/app/cohorts/new', [...carried, ['step', 'create']]);
    expect(created.status).toBe(303);
    expect(created.location).toMatch(/^\/app\/cohorts\/[0-9A-Z]{26}\/created$/);
    const id = /cohorts\/([0-9A-Z]{26})/.exec(created.location!)![1]!;
    const panel = await get(session.lia!, created.location!);
    expect(panel.status).toBe(200);
    expect(panel.html).toContain('govuk-panel--confirmation');
    expect(panel.html).toContain('Cohort created');
    expect(panel.html).toContain('What happens next');
    expect(panel.html).toContain('Nobody has been sent a notification');
    expectSound(panel.html);
    expect((await get(session.adv!, created.location!)).status).toBe(403);

    const saved = await body(await h.call('GET', `/cohorts/${id}`, { as: 'lia' }));
    expect(saved).toMatchObject({
      title: 'Door supervision routeway',
      kind: 'sector',
      sector: 'security',
      startDate: '2027-01-11',
      endDate: '2027-01-22',
      capacity: 12,
      modules: ['sia-licence', 'first-aid'],
      certificationsAwarded: ['sia door supervisor', 'emergency first aid'],
      linkedVacancyIds: [vacancyId],
      guaranteedInterview: true,
      enrolledCount: 0,
    });
  });
});

describe('enrolling people', () => {
  let cohortId: string;
  beforeAll(async () => {
    cohortId = await apiCohort({ title: 'Warehouse routeway, November' });
  });

  it('offers advisers a search of their own caseload (no list of everyone) and enrols who they choose', async () => {
    const page = await get(session.adv!, `/app/cohorts/${cohortId}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain(`action="/app/cohorts/${cohortId}/enrol"`);
    expect(page.html).not.toContain('<select');
    expectSound(page.html);
    const found = await get(session.adv!, `/app/cohorts/${cohortId}/enrol?participant=dea`);
    expect(found.status).toBe(200);
    expect(found.html).toContain('Dean Walsh');
    // Deanna Walsh is on another adviser's caseload: not theirs to find.
    expect(found.html).not.toContain('Deanna');
    expect(found.html).toContain(`name="participantId" value="${people.dean}"`);
    expectSound(found.html, { headerScope: true });
    // Accents and case aside.
    expect((await get(session.adv!, `/app/cohorts/${cohortId}/enrol?participant=MOL`)).html).toContain('Erin Mól');

    const res = await post(session.adv!, `/app/cohorts/${cohortId}/enrolments`, [['participantId', people.dean!]]);
    expect(res.status).toBe(303);
    expect(res.location).toBe(`/app/cohorts/${cohortId}?done=enrolled#enrolments`);
    const after = await get(session.adv!, res.location!);
    expect(after.html).toContain('govuk-notification-banner--success');
    const cohort = await body<{ enrolledCount: number; enrolments: { participantId: string; status: string }[] }>(
      await h.call('GET', `/cohorts/${cohortId}`, { as: 'lia' }),
    );
    expect(cohort.enrolledCount).toBe(1);
    expect(cohort.enrolments).toContainEqual(expect.objectContaining({ participantId: people.dean, status: 'enrolled' }));
    // Found again, they show as already enrolled.
    expect((await get(session.adv!, `/app/cohorts/${cohortId}/enrol?participant=dean`)).html).toContain('Already enrolled');
  });

  it('refuses to enrol someone from another caseload, or twice, on the search box, changing nothing', async () => {
    const before = await h.snapshot();
    const other = await post(session.adv!, `/app/cohorts/${cohortId}/enrolments`, [['participantId', people.deanna!]]);
    expect(other.status).toBe(400);
    expect(other.html).toContain('href="#participant"');
    expect(other.html).toContain('We cannot find the participant: check it and try again');
    expectSound(other.html);
    const twice = await post(session.adv!, `/app/cohorts/${cohortId}/enrolments`, [['participantId', people.dean!]]);
    expect(twice.status).toBe(409);
    expect(twice.html).toContain('href="#participant"');
    const junk = await post(session.adv!, `/app/cohorts/${cohortId}/enrolments`, [['participantId', 'not-an-id']]);
    expect(junk.status).toBe(400);
    expect(junk.html).toContain('href="#participant"');
    expect((await post(session.emp!, `/app/cohorts/${cohortId}/enrolments`, [['participantId', people.erin!]])).status).toBe(403);
    expect(await h.snapshot()).toBe(before);
  });

  it('says a full cohort is full, and refuses one more on the search box', async () => {
    const small = await apiCohort({ title: 'One-place taster', capacity: 1 });
    await enrolViaApi(small, 'erin');
    const page = await get(session.adv!, `/app/cohorts/${small}`);
    expect(page.html).toContain('All 1 places are taken');
    const before = await h.snapshot();
    const res = await post(session.adv!, `/app/cohorts/${small}/enrolments`, [['participantId', people.gary!]]);
    expect(res.status).toBe(409);
    expect(res.html).toContain('href="#participant"');
    expect(await h.snapshot()).toBe(before);
  });
});

describe('marking a place completed or withdrawn', () => {
  let cohortId: string;
  beforeAll(async () => {
    cohortId = await apiCohort({ title: 'SIA routeway', certificationsAwarded: ['sia door supervisor'] });
    await enrolViaApi(cohortId, 'dean');
    await enrolViaApi(cohortId, 'erin');
    await enrolViaApi(cohortId, 'deanna', 'adv2');
  });

  it('shows the question with what completing awards, to the own adviser and staff; another adviser gets 404, an employer 403', async () => {
    const path = `/app/cohorts/${cohortId}/enrolments/${people.dean}`;
    const cohortPage = await get(session.adv!, `/app/cohorts/${cohortId}`);
    expect(cohortPage.html).toContain(`href="${path}"`);
    // Their own people only: the other adviser's enrolment has no link for them.
    expect(cohortPage.html).not.toContain(`enrolments/${people.deanna}"`);
    for (const who of ['adv', 'lia', 'adm']) {
      const { status, html } = await get(session[who]!, path);
      expect(status).toBe(200);
      expect(html).toContain('It awards: sia door supervisor.');
      expect(html).toContain('name="status"');
      expectSound(html, { describedBy: true });
    }
    expect((await get(session.adv2!, path)).status).toBe(404);
    expect((await get(session.emp!, path)).status).toBe(403);
    const before = await h.snapshot();
    expect((await post(session.adv2!, path, [['status', 'completed']])).status).toBe(404);
    expect(await h.snapshot()).toBe(before);
  });

  it('refuses no answer with the error summary, changing nothing', async () => {
    const before = await h.snapshot();
    const res = await post(session.adv!, `/app/cohorts/${cohortId}/enrolments/${people.dean}`, [['note', 'kept']]);
    expect(res.status).toBe(400);
    expect(res.html).toContain('href="#status"');
    expect(res.html).toContain('Select whether they completed or withdrew');
    expect(res.html).toContain('kept</textarea>');
    expectSound(res.html, { describedBy: true });
    const odd = await post(session.adv!, `/app/cohorts/${cohortId}/enrolments/${people.dean}`, [['status', 'enrolled']]);
    expect(odd.status).toBe(400);
    expect(odd.html).toContain('href="#status"');
    expect(await h.snapshot()).toBe(before);
  });

  it('marks completion (awarding the certificates) and withdrawal (freeing the place)', async () => {
    const done = await post(session.adv!, `/app/cohorts/${cohortId}/enrolments/${people.dean}`, [
      ['status', 'completed'],
      ['note', 'Passed first time'],
    ]);
    expect(done.status).toBe(303);
    expect(done.location).toBe(`/app/cohorts/${cohortId}?done=completed#enrolments`);
    expect((await get(session.adv!, done.location!)).html).toContain('Marked as completed. They now hold: sia door supervisor.');
    const dean = await body<{ certifications: { name: string; awardedByCohortId?: string }[] }>(
      await h.call('GET', `/participants/${people.dean}`, { as: 'adv' }),
    );
    expect(dean.certifications).toContainEqual(expect.objectContaining({ name: 'sia door supervisor', awardedByCohortId: cohortId }));

    const out = await post(session.lia!, `/app/cohorts/${cohortId}/enrolments/${people.erin}`, [['status', 'withdrawn']]);
    expect(out.status).toBe(303);
    const cohort = await body<{ enrolledCount: number; enrolments: { participantId: string; status: string; note?: string }[] }>(
      await h.call('GET', `/cohorts/${cohortId}`, { as: 'lia' }),
    );
    expect(cohort.enrolments).toContainEqual(
      expect.objectContaining({ participantId: people.dean, status: 'completed', note: 'Passed first time' }),
    );
    expect(cohort.enrolments).toContainEqual(expect.objectContaining({ participantId: people.erin, status: 'withdrawn' }));
    expect(cohort.enrolledCount).toBe(2);
    // Done once: the question is not offered again, and a second answer is refused.
    expect((await get(session.adv!, `/app/cohorts/${cohortId}/enrolments/${people.dean}`)).html).toContain('cannot be changed again');
    const before = await h.snapshot();
    expect((await post(session.adv!, `/app/cohorts/${cohortId}/enrolments/${people.dean}`, [['status', 'withdrawn']])).status).toBe(409);
    expect(await h.snapshot()).toBe(before);
  });
});

describe('putting completers forward', () => {
  let cohortId: string;
  beforeAll(async () => {
    cohortId = await apiCohort({ title: 'Guaranteed routeway', guaranteedInterview: true, linkedVacancyIds: [vacancyId] });
    for (const key of ['erin', 'gary']) {
      await enrolViaApi(cohortId, key);
      expect(
        (await h.call('PATCH', `/cohorts/${cohortId}/enrolments/${people[key]}`, { as: 'adv', body: { status: 'completed' } })).status,
      ).toBe(200);
    }
    await enrolViaApi(cohortId, 'dean');
  });

  it('asks which linked vacancy (liaison officers and admins only) and refuses no choice or an unlinked one, changing nothing', async () => {
    const path = `/app/cohorts/${cohortId}/put-forward`;
    expect((await get(session.lia!, `/app/cohorts/${cohortId}`)).html).toContain(`href="${path}"`);
    expect((await get(session.adv!, `/app/cohorts/${cohortId}`)).html).not.toContain(`href="${path}"`);
    const q = await get(session.lia!, path);
    expect(q.status).toBe(200);
    expect(q.html).toContain(`value="${vacancyId}"`);
    expect(q.html).not.toContain(`value="${otherVacancyId}"`);
    expectSound(q.html, { describedBy: true });
    expect((await get(session.adm!, path)).status).toBe(200);
    expect((await get(session.adv!, path)).status).toBe(403);
    expect((await get(session.emp!, path)).status).toBe(403);

    const before = await h.snapshot();
    const none = await post(session.lia!, path, []);
    expect(none.status).toBe(400);
    expect(none.html).toContain('href="#vacancyId"');
    expect(none.html).toContain('Select a vacancy');
    expectSound(none.html, { describedBy: true });
    const unlinked = await post(session.lia!, path, [
      ['vacancyId', otherVacancyId],
      ['step', 'confirm'],
    ]);
    expect(unlinked.status).toBe(422);
    expect(unlinked.html).toContain('href="#vacancyId"');
    expect(unlinked.html).toContain('not linked');
    const byAdviser = await post(session.adv!, path, [
      ['vacancyId', vacancyId],
      ['step', 'confirm'],
    ]);
    expect(byAdviser.status).toBe(403);
    expect(await h.snapshot()).toBe(before);
  });

  it('shows who will go forward and who is skipped and why, then puts them forward and says who was told', async () => {
    const path = `/app/cohorts/${cohortId}/put-forward`;
    const before = await h.snapshot();
    const plan = await post(session.lia!, path, [['vacancyId', vacancyId]]);
    expect(plan.status).toBe(200);
    const going = plan.html.slice(plan.html.indexOf('Will be put forward'), plan.html.indexOf('Will not be put forward'));
    expect(going).toContain('Erin Mól');
    expect(going).not.toContain('Gary');
    const skipped = plan.html.slice(plan.html.indexOf('Will not be put forward'));
    expect(skipped).toContain('Gary Amber');
    expect(skipped).toContain('not job-ready (amber)');
    expect(plan.html).toContain('1 person still enrolled or withdrawn');
    expect(plan.html).toContain('Put 1 person forward');
    expectSound(plan.html, { headerScope: true });
    expect(await h.snapshot()).toBe(before);

    const res = await post(session.lia!, path, hiddenFields(plan.html).concat([['step', 'confirm']]));
    expect(res.status).toBe(200);
    expect(res.html).toContain('govuk-panel--confirmation');
    expect(res.html).toContain('1 person put forward');
    expect(res.html).toContain('Who was told');
    expect(res.html).toContain('Each person’s adviser has been sent a notification');
    expect(res.html).toContain('not job-ready (amber)');
    expectSound(res.html, { headerScope: true });

    const subs = await body<{ items: { participantId: string; guaranteedInterview: boolean; state: string }[] }>(
      await h.call('GET', `/vacancies/${vacancyId}/submissions`, { as: 'lia' }),
    );
    expect(subs.items.filter((s) => s.participantId === people.erin)).toEqual([
      expect.objectContaining({ guaranteedInterview: true, state: 'proposed' }),
    ]);
    expect(subs.items.some((s) => s.participantId === people.gary)).toBe(false);
    // Asked again, Erin is skipped: already put forward.
    const again = await post(session.lia!, path, [['vacancyId', vacancyId]]);
    expect(again.html).toContain('already put forward for this vacancy');
    expect(again.html).not.toContain('Put 1 person forward');
  });
});

// Last, so that the other tests' snapshots (a scan of the whole table each) do not read its 105 people.
describe('enrolling from a caseload of more than 100', () => {
  let cohortId: string;
  beforeAll(async () => {
    cohortId = await apiCohort({ title: 'Warehouse routeway, December' });
  });

  it('lets liaison officers find anyone by reference, or by name on the caseload they name, past 100 people', async () => {
    // A caseload of 105: a search reads past its first page of 100 (made as the import makes them: a request each is a transaction each).
    const ids = await createInBulk(h, 'participants', { sub: 'u-adviser-3', role: 'adviser' }, [
      ...Array.from({ length: 104 }, (_, i) =>
        participantBody({ firstName: `Person${i}`, lastName: 'Many', consent: { matching: true, shareWithEmployers: [] } }),
      ),
      participantBody({ firstName: 'Zelda', lastName: 'Quinn', consent: { matching: true, shareWithEmployers: [] } }),
    ]);
    people.zelda = ids.at(-1)!;

    const noAdviser = await get(session.lia!, `/app/cohorts/${cohortId}/enrol?participant=zelda`);
    expect(noAdviser.status).toBe(400);
    expect(noAdviser.html).toContain('href="#adviserId"');
    expectSound(noAdviser.html);
    const byName = await get(session.lia!, `/app/cohorts/${cohortId}/enrol?participant=zelda+quinn&adviserId=u-adviser-3`);
    expect(byName.status).toBe(200);
    expect(byName.html).toContain('Zelda Quinn');
    // Advisers are chosen by name; participants are never listed to choose from.
    expect(byName.html).toContain('<select class="govuk-select" id="adviserId" name="adviserId"');
    expect(byName.html.match(/<select/g)).toHaveLength(1);
    const many = await get(session.lia!, `/app/cohorts/${cohortId}/enrol?participant=many&adviserId=u-adviser-3`);
    expect(many.html).toContain('20+ found');
    expect(many.html).toContain('There are more');
    const byRef = await get(session.lia!, `/app/cohorts/${cohortId}/enrol?participant=${people.erin!.toLowerCase()}`);
    expect(byRef.html).toContain('Erin Mól');
    expect((await post(session.lia!, `/app/cohorts/${cohortId}/enrolments`, [['participantId', people.zelda]])).status).toBe(303);
    const cohort = await body<{ enrolments: { participantId: string; enrolledBy: string }[] }>(
      await h.call('GET', `/cohorts/${cohortId}`, { as: 'lia' }),
    );
    expect(cohort.enrolments).toContainEqual(expect.objectContaining({ participantId: people.zelda, enrolledBy: 'u-liaison-1' }));
  });
});
