import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { createApp } from '../../functions/api/app.js';
import type { LocalSignIn } from '../../functions/api/web/sign-in.js';
import { cohortBody, employerBody, participantBody, vacancyBody } from '../support/fixtures.js';
import { body, createHarness, type Harness } from '../support/harness.js';
import { expectSound, localWebApp, webClient } from '../support/web.js';

/**
 * The guaranteed interview against the real app and DynamoDB Local, as an employer and a liaison
 * officer meet it: through the API (the rule named, the override, who hears) and through the pages
 * (said before the employer chooses, the reject option disabled, the officer's form to lift it).
 */
let h: Harness;
let web: ReturnType<typeof createApp>;
let notifier: { stop(): Promise<void> } | undefined;
let employerId: string;
const USERS: LocalSignIn['users'] = [
  { sub: 'u-liaison-1', role: 'liaison', name: 'Lia Son' },
  { sub: 'u-adviser-1', role: 'adviser', name: 'Ada Viser' },
];

interface Problem {
  status: number;
  detail: string;
  rule?: string;
  errors?: { path: string; message: string }[];
}

beforeAll(async () => {
  h = await createHarness({ now: '2026-11-25T10:00:00Z' });
  await h.signIn('lia', 'liaison', { sub: 'u-liaison-1' });
  await h.signIn('adv', 'adviser', { sub: 'u-adviser-1' });
  employerId = (await body(await h.call('POST', '/employers', { as: 'lia', body: employerBody({ name: 'Hartley Logistics' }) })))
    .id as string;
  await h.signIn('emp', 'employer', { sub: 'u-employer-1', employerId });
  USERS.push({ sub: 'u-employer-1', role: 'employer', name: 'Hartley HR', employerId });
  web = localWebApp(h, USERS);
});

afterAll(async () => {
  await notifier?.stop();
});

async function vacancy(over: Record<string, unknown> = {}) {
  const res = await h.call('POST', '/vacancies', { as: 'lia', body: vacancyBody(employerId, { status: 'open', ...over }) });
  expect(res.status).toBe(201);
  return (await body(res)).id as string;
}

async function participant(firstName: string, over: Record<string, unknown> = {}) {
  const res = await h.call('POST', '/participants', {
    as: 'adv',
    body: participantBody({ firstName, consent: { matching: true, shareWithEmployers: ['firstName', 'skills'] }, ...over }),
  });
  expect(res.status).toBe(201);
  return (await body(res)).id as string;
}

/** Proposed by the officer and agreed by the adviser: with the employer. */
async function withEmployer(vacancyId: string, participantId: string) {
  const proposed = await h.call('POST', `/vacancies/${vacancyId}/submissions`, { as: 'lia', body: { participantIds: [participantId] } });
  expect(proposed.status).toBe(201);
  const [s] = (await body<{ items: Record<string, unknown>[] }>(proposed)).items;
  expect((await h.call('POST', `/submissions/${s!.id}/agreement`, { as: 'adv', body: { agreed: true } })).status).toBe(200);
  return s as { id: string; candidateRef: string; guaranteedInterview: boolean; guarantee?: Record<string, unknown> };
}

describe('through the API', () => {
  it('records the guarantee and why, refuses the rejection naming the rule, lifts it for a liaison officer only, and tells who needs to know', async () => {
    // The one test here that reads what the notifier delivers: it runs for this test only, not polling the stream through the rest.
    notifier = h.startNotifier();
    // Prepare: a vacancy that offers guaranteed interviews, and a candidate who meets its must-haves.
    const vacancyId = await vacancy({ guaranteedInterview: true, essentialSkills: ['picking'] });
    const pid = await participant('Dean', { skills: ['picking'] });
    const s = await withEmployer(vacancyId, pid);
    expect(s).toMatchObject({ guaranteedInterview: true, guarantee: { source: 'vacancy', meetsMustHaves: true } });

    // The employer is told before they try.
    const seen = await h.call('GET', `/submissions/${s.id}`, { as: 'emp' });
    const view = await body<{ guarantee: { mayReject: boolean; why: string; lifted: boolean } }>(seen);
    expect(view.guarantee).toMatchObject({ mayReject: false, lifted: false });
    expect(view.guarantee.why).toMatch(/^This candidate is guaranteed an interview: you offer an interview to every candidate/);
    expect(JSON.stringify(view)).not.toContain(pid);

    // Rejecting is refused, naming the rule and the field; nothing changes (once the notifier has caught up).
    await h.settled();
    const before = await h.snapshot();
    const refused = await h.call('POST', `/submissions/${s.id}/decision`, {
      as: 'emp',
      body: { decision: 'reject', reasonCode: 'experience' },
    });
    expect(refused.status).toBe(422);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    const problem = await body<Problem>(refused);
    expect(problem.rule).toBe('guaranteed-interview');
    expect(problem.detail).toMatch(/^Guaranteed interview: /);
    expect(problem.errors?.map((e) => e.path)).toEqual(['decision']);
    // A liaison officer recording it for them meets the same rule.
    expect(
      (await h.call('POST', `/submissions/${s.id}/decision`, { as: 'lia', body: { decision: 'reject', reasonCode: 'skills' } })).status,
    ).toBe(422);
    expect(await h.snapshot()).toBe(before);

    // Only a liaison officer (or admin) lifts it, and only with a reason.
    for (const who of ['emp', 'adv']) {
      expect((await h.call('POST', `/submissions/${s.id}/guarantee-override`, { as: who, body: { reason: 'Please' } })).status).toBe(403);
    }
    const blank = await h.call('POST', `/submissions/${s.id}/guarantee-override`, { as: 'lia', body: { reason: ' ' } });
    expect(blank.status).toBe(400);
    expect((await body<Problem>(blank)).errors?.map((e) => e.path)).toEqual(['reason']);
    const lifted = await h.call('POST', `/submissions/${s.id}/guarantee-override`, {
      as: 'lia',
      body: { reason: 'Site closed for refit until March; agreed with the employer' },
    });
    expect(lifted.status).toBe(200);
    const record = await body<{ guaranteeOverride: { by: string }; history: { action?: string; reason?: string }[] }>(lifted);
    expect(record.guaranteeOverride.by).toBe('u-liaison-1');
    expect(record.history.at(-1)).toMatchObject({
      action: 'guarantee-override',
      reason: 'Site closed for refit until March; agreed with the employer',
    });
    expect((await h.call('POST', `/submissions/${s.id}/guarantee-override`, { as: 'lia', body: { reason: 'Again' } })).status).toBe(409);

    // The employer's inbox hears they may decide either way (not why); the adviser hears why.
    await h.settled();
    const employerInbox = await body<{ items: { kind: string; title: string; body: string }[] }>(
      await h.call('GET', '/notifications', { as: 'emp' }),
    );
    const toEmployer = employerInbox.items.find((n) => n.kind === 'guarantee-overridden');
    expect(toEmployer?.title).toMatch(/^You may decide either way on C-/);
    expect(JSON.stringify(toEmployer)).not.toMatch(/refit|Dean|Walsh/);
    const adviserInbox = await body<{ items: { kind: string; body: string }[] }>(await h.call('GET', '/notifications', { as: 'adv' }));
    expect(adviserInbox.items.find((n) => n.kind === 'guarantee-overridden')?.body).toContain('Site closed for refit');

    // Now the employer may reject.
    const view2 = await body<{ guarantee: { mayReject: boolean; lifted: boolean } }>(
      await h.call('GET', `/submissions/${s.id}`, { as: 'emp' }),
    );
    expect(view2.guarantee).toMatchObject({ mayReject: true, lifted: true });
    const rejected = await h.call('POST', `/submissions/${s.id}/decision`, {
      as: 'emp',
      body: { decision: 'reject', reasonCode: 'other', note: 'Site closed' },
    });
    expect(rejected.status).toBe(200);
    expect((await body(rejected)).state).toBe('rejected');
    await notifier.stop();
    notifier = undefined;
  });

  it('a completer of a guaranteeing cohort linked to the employer, put forward with it, carries that cohort as the reason', async () => {
    // Prepare
    const vacancyId = await vacancy();
    const cohort = await body<{ id: string }>(
      await h.call('POST', '/cohorts', {
        as: 'lia',
        body: cohortBody({
          title: 'Hartley warehouse routeway',
          guaranteedInterview: true,
          linkedEmployerIds: [employerId],
          startDate: '2026-11-16',
          endDate: '2026-11-27',
        }),
      }),
    );
    const pid = await participant('Farah', { skills: ['picking', 'forklift'] });
    expect((await h.call('POST', `/cohorts/${cohort.id}/enrolments`, { as: 'adv', body: { participantId: pid } })).status).toBe(201);
    expect((await h.call('PATCH', `/cohorts/${cohort.id}/enrolments/${pid}`, { as: 'adv', body: { status: 'completed' } })).status).toBe(
      200,
    );
    // Act
    const res = await h.call('POST', `/cohorts/${cohort.id}/put-forward`, { as: 'lia', body: { vacancyId } });
    // Assess
    expect(res.status).toBe(201);
    const out = await body<{ submissions: { id: string; guaranteedInterview: boolean; guarantee: unknown }[] }>(res);
    expect(out.submissions.map((s) => [s.guaranteedInterview, s.guarantee])).toEqual([
      [true, { source: 'cohort', cohortId: cohort.id, cohortTitle: 'Hartley warehouse routeway', meetsMustHaves: true }],
    ]);
    const sid = out.submissions[0]!.id;
    expect((await h.call('POST', `/submissions/${sid}/agreement`, { as: 'adv', body: { agreed: true } })).status).toBe(200);
    const view = await body<{ guarantee: { why: string; mayReject: boolean } }>(await h.call('GET', `/submissions/${sid}`, { as: 'emp' }));
    expect(view.guarantee.why).toContain(
      'they completed “Hartley warehouse routeway”, pre-employment training that guarantees its completers an interview with you',
    );
    expect(view.guarantee.mayReject).toBe(false);
    expect(JSON.stringify(view)).not.toContain(cohort.id);
  });

  it('the decision route’s OpenAPI description says so, and the override route is documented', async () => {
    // Act
    const doc = await body<{ paths: Record<string, { post?: { description?: string; summary?: string } }> }>(
      await h.call('GET', '/openapi.json'),
    );
    // Assess
    expect(doc.paths['/submissions/{id}/decision']?.post?.description).toMatch(/guaranteed-interview/);
    expect(doc.paths['/submissions/{id}/decision']?.post?.description).toMatch(/guarantee-override/);
    expect(doc.paths['/submissions/{id}/guarantee-override']?.post?.summary).toMatch(/liaison, admin/);
  });
});

describe('through the pages', () => {
  const { signInAs, get, post } = webClient(() => web);

  it('the employer is told before they choose, cannot choose to reject, and is refused if they post it anyway', async () => {
    // Prepare
    const vacancyId = await vacancy({ title: 'Picker (guaranteed interviews)', guaranteedInterview: true });
    const s = await withEmployer(vacancyId, await participant('Erin'));
    const emp = await signInAs('employer', 'u-employer-1');
    // Act
    const page = await get(emp, `/app/vacancies/${vacancyId}`);
    // Assess
    expect(page.status).toBe(200);
    expectSound(page.html);
    const card = page.html.slice(page.html.indexOf(`id="candidate-${s.candidateRef}"`));
    const warning = card.indexOf('govuk-warning-text');
    expect(warning).toBeGreaterThan(-1);
    expect(card).toContain('This candidate is guaranteed an interview: you offer an interview to every candidate for this vacancy');
    expect(warning).toBeLessThan(card.indexOf(`action="/app/submissions/${s.id}/decision"`));
    expect(card).toMatch(/value="reject"[^>]*disabled/);
    expect(card).toContain('Not available: this candidate is guaranteed an interview');
    expect(card).not.toContain(`name="reasonCode"`);
    expect(card).toContain('Guaranteed interview');
    expect(card).not.toContain('guarantee-override');

    // Posted anyway (an old page, or by hand): refused on the form, the summary leading to the decision.
    const refused = await post(emp, `/app/submissions/${s.id}/decision`, [
      ['decision', 'reject'],
      ['reasonCode', 'experience'],
    ]);
    expect(refused.status).toBe(422);
    expect(refused.html).toContain('href="#decision"');
    expect(refused.html).toContain(
      'This candidate is guaranteed an interview: invite them, or ask your liaison officer to lift the guarantee first',
    );
    expect(refused.html).toContain('govuk-warning-text');
    expectSound(refused.html);
    // The employer cannot lift it themselves.
    expect((await post(emp, `/app/submissions/${s.id}/guarantee-override`, [['reason', 'We would rather not']])).status).toBe(403);
    expect((await post(emp, `/app/submissions/${s.id}/guarantee-override`, [['reason', '']])).status).toBe(403);
  });

  it('the liaison officer lifts it with a reason from the candidate’s view; then the employer may decide either way', async () => {
    // Prepare
    const vacancyId = await vacancy({ title: 'Packer (guaranteed interviews)', guaranteedInterview: true });
    const s = await withEmployer(vacancyId, await participant('Gary'));
    const lia = await signInAs('liaison', 'u-liaison-1');
    // Act: the officer's view offers the form.
    const page = await get(lia, `/app/vacancies/${vacancyId}`);
    // Assess
    expectSound(page.html);
    expect(page.html).toContain('The employer cannot reject them without an interview unless a liaison officer lifts the guarantee');
    expect(page.html).toContain(`action="/app/submissions/${s.id}/guarantee-override"`);
    expect(page.html).toContain('Lift the guaranteed interview');

    // A blank reason is shown again with the error.
    const blank = await post(lia, `/app/submissions/${s.id}/guarantee-override`, [['reason', '']]);
    expect(blank.status).toBe(400);
    expect(blank.html).toContain('href="#reason"');
    expectSound(blank.html);

    const done = await post(lia, `/app/submissions/${s.id}/guarantee-override`, [['reason', 'The site is closed for a refit']]);
    expect(done.status).toBe(303);
    expect(done.location).toBe(`/app/vacancies/${vacancyId}?done=lifted#submissions`);
    const after = await get(lia, done.location!);
    expect(after.html).toContain('The guaranteed interview is lifted');
    expect(after.html).not.toContain(`action="/app/submissions/${s.id}/guarantee-override"`);
    // Twice is a conflict shown on the form.
    const again = await post(lia, `/app/submissions/${s.id}/guarantee-override`, [['reason', 'Once more']]);
    expect(again.status).toBe(409);
    expect(again.html).toContain('href="#reason"');

    // The employer now sees it lifted, as inset text, and may reject.
    const emp = await signInAs('employer', 'u-employer-1');
    const theirs = await get(emp, `/app/vacancies/${vacancyId}`);
    expectSound(theirs.html);
    expect(theirs.html).toContain('govuk-inset-text');
    expect(theirs.html).toContain('a liaison officer has lifted the guarantee, so you may decide either way');
    expect(theirs.html).not.toContain('refit');
    expect(theirs.html).not.toMatch(/value="reject"[^>]*disabled/);
    const rejected = await post(emp, `/app/submissions/${s.id}/decision`, [
      ['decision', 'reject'],
      ['reasonCode', 'position-filled'],
    ]);
    expect(rejected.status).toBe(303);
    expect((await get(emp, `/app/vacancies/${vacancyId}`)).html).toContain('Not taken forward');
  });
});
