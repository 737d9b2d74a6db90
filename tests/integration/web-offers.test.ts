import { beforeAll, describe, expect, it } from 'vitest';
import type { createApp } from '../../functions/api/app.js';
import type { LocalSignIn } from '../../functions/api/web/sign-in.js';
import { employerBody, participantBody, vacancyBody } from '../support/fixtures.js';
import { body, createHarness, type Harness } from '../support/harness.js';
import { expectSound, localWebApp, webClient } from '../support/web.js';

/**
 * After the interview, in the pages: the employer arranges a work trial and records how it went, offers
 * the job; the adviser records the participant's answer from their page; the liaison officer sees each
 * step in the submissions table and may record any of them for the employer; bad answers re-display.
 */
let h: Harness;
let web: ReturnType<typeof createApp>;
let employerId: string;
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
  USERS.push({ sub: 'u-employer-1', role: 'employer', name: 'Hartley HR', employerId });
  web = localWebApp(h, USERS);
});

const { signInAs, get, post } = webClient(() => web);

/** A GOV.UK date input's three fields for an ISO date ('' for all three empty). */
const dateParts = (name: string, iso: string): [string, string][] => {
  const [y = '', m = '', d = ''] = iso ? iso.split('-') : [];
  return [
    [`${name}.day`, d],
    [`${name}.month`, m],
    [`${name}.year`, y],
  ];
};

/** The outcome form's "Hired" choice for a submission. */
const hireRadio = (id: string) => new RegExp(`id="s-${id}-outcome-outcome(-\\d)?" name="outcome" type="radio" value="hired"`);

/** A candidate at interview for a new vacancy (through the API: the pages for these steps are tested elsewhere). */
async function atInterview(firstName: string, positions = 1) {
  const vacancyId = (
    await body(await h.call('POST', '/vacancies', { as: 'lia', body: vacancyBody(employerId, { status: 'open', positions }) }))
  ).id as string;
  const participantId = (
    await body(
      await h.call('POST', '/participants', {
        as: 'adv',
        body: participantBody({ firstName, readiness: 'green', consent: { matching: true, shareWithEmployers: ['firstName', 'skills'] } }),
      }),
    )
  ).id as string;
  const proposed = await h.call('POST', `/vacancies/${vacancyId}/submissions`, { as: 'lia', body: { participantIds: [participantId] } });
  const id = (await body<{ items: { id: string }[] }>(proposed)).items[0]!.id;
  expect((await h.call('POST', `/submissions/${id}/agreement`, { as: 'adv', body: { agreed: true } })).status).toBe(200);
  expect((await h.call('POST', `/submissions/${id}/decision`, { as: 'lia', body: { decision: 'interview' } })).status).toBe(200);
  return { vacancyId, participantId, id };
}

describe('offers and work trials in the pages', () => {
  it('employer: trial → how it went → offer; adviser: their answer; employer: the hire', async () => {
    const { vacancyId, participantId, id } = await atInterview('Dean');
    const emp = await signInAs('employer', 'u-employer-1');
    const atInterviewPage = await get(emp, `/app/vacancies/${vacancyId}`);
    expect(atInterviewPage.html).toContain(`action="/app/submissions/${id}/trial"`);
    expect(atInterviewPage.html).toContain(`action="/app/submissions/${id}/offer"`);
    expect(atInterviewPage.html).toMatch(hireRadio(id));
    expectSound(atInterviewPage.html);

    // A trial in the past and back to front: both fields named, the form shown again with what was typed.
    const bad = await post(emp, `/app/submissions/${id}/trial`, [
      ...dateParts('startsOn', '2026-11-20'),
      ...dateParts('endsOn', '2026-11-19'),
      ['place', 'Stourton depot'],
    ]);
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('href="#endsOn"');
    expect(bad.html).toContain('value="Stourton depot"');
    expectSound(bad.html);
    const trial = await post(emp, `/app/submissions/${id}/trial`, [
      ...dateParts('startsOn', '2026-11-25'),
      ...dateParts('endsOn', '2026-11-27'),
      ['place', 'Stourton depot'],
    ]);
    expect(trial.status).toBe(303);
    expect(trial.location).toBe(`/app/vacancies/${vacancyId}?done=trial&told=liaison`);
    const inTrial = await get(emp, trial.location!);
    expect(inTrial.html).toContain('Work trial arranged. We have told their adviser and the liaison officer who put them forward.');
    expect(inTrial.html).toContain('25 November 2026 to 27 November 2026, Stourton depot');
    expect(inTrial.html).toContain('How did the work trial go?');
    expectSound(inTrial.html);

    // Did not work out, with no reason: the reason is asked for.
    const noReason = await post(emp, `/app/submissions/${id}/trial-result`, [['result', 'failed']]);
    expect(noReason.status).toBe(400);
    expect(noReason.html).toContain('href="#reasonCode"');
    expectSound(noReason.html);
    expect((await post(emp, `/app/submissions/${id}/trial-result`, [['result', 'passed']])).status).toBe(303);

    const offer = await post(emp, `/app/submissions/${id}/offer`, [...dateParts('startDate', '2026-12-14'), ...dateParts('respondBy', '')]);
    expect(offer.status).toBe(303);
    const offered = await get(emp, offer.location!);
    expect(offered.html).toContain(
      'Job offered. We have told their adviser and the liaison officer who put them forward. Their adviser will ask',
    );
    expect(offered.html).toContain('Offered, starting 14 December 2026');
    expect(offered.html).toContain('2 December 2026');
    expect(offered.html).not.toContain(participantId);

    // The liaison officer sees where it is.
    const lia = await signInAs('liaison', 'u-liaison-1');
    const table = await get(lia, `/app/vacancies/${vacancyId}`);
    expect(table.html).toContain('Offer made');
    expect(table.html).toContain('Candidate by 2 December 2026');
    expectSound(table.html);

    // The adviser answers from the participant's page: a missing answer first, then yes.
    const adv = await signInAs('adviser', 'u-adviser-1');
    const theirs = await get(adv, `/app/participants/${participantId}`);
    expect(theirs.html).toContain('Job offers — waiting for their answer');
    expect(theirs.html).toContain(`action="/app/submissions/${id}/offer-response"`);
    expectSound(theirs.html);
    const unanswered = await post(adv, `/app/submissions/${id}/offer-response`, [['reasonCode', '']]);
    expect(unanswered.status).toBe(400);
    expect(unanswered.html).toContain('href="#accepted"');
    expect(unanswered.html).toContain(`href="/app/participants/${participantId}"`);
    expectSound(unanswered.html);
    const yes = await post(adv, `/app/submissions/${id}/offer-response`, [['accepted:boolean', 'true']]);
    expect(yes.status).toBe(303);
    expect(yes.location).toBe(`/app/participants/${participantId}?done=offer-answered#submissions`);
    expect((await get(adv, `/app/participants/${participantId}`)).html).toContain('Accepted the offer');

    const accepted = await get(emp, `/app/vacancies/${vacancyId}`);
    expect(accepted.html).toContain('Offer accepted');
    expect(accepted.html).toContain('Record the hire');
    const hired = await post(emp, `/app/submissions/${id}/outcome`, [['outcome', 'hired'], ...dateParts('startDate', '2026-12-14')]);
    expect(hired.status).toBe(303);
    expect((await get(emp, `/app/vacancies/${vacancyId}`)).html).toContain('Hired');
  });

  it('liaison: records a no for the employer; the employer sees the reason, never the note; a hire is not offered while it waits', async () => {
    const { vacancyId, id } = await atInterview('Erin');
    const lia = await signInAs('liaison', 'u-liaison-1');
    expect((await post(lia, `/app/submissions/${id}/offer`, [...dateParts('respondBy', '2026-12-04')])).status).toBe(303);
    const waiting = await get(lia, `/app/vacancies/${vacancyId}`);
    // The outcome form while the offer waits: not hired (the offer withdrawn) or withdrawn, never hired.
    expect(waiting.html).toContain('Not hired (you withdraw the offer)');
    expect(waiting.html).not.toMatch(hireRadio(id));
    const other = await post(lia, `/app/submissions/${id}/offer-response`, [
      ['accepted:boolean', 'false'],
      ['reasonCode', 'other'],
    ]);
    expect(other.status).toBe(400);
    expect(other.html).toContain('href="#note"');
    const no = await post(lia, `/app/submissions/${id}/offer-response`, [
      ['accepted:boolean', 'false'],
      ['reasonCode', 'travel'],
      ['note', 'Two buses each way'],
    ]);
    expect(no.status).toBe(303);
    expect((await get(lia, no.location!)).html).toContain(
      'Offer declined. We have told their adviser and the employer. Their adviser will talk it through',
    );
    const emp = await signInAs('employer', 'u-employer-1');
    const seen = await get(emp, `/app/vacancies/${vacancyId}`);
    expect(seen.html).toContain('Turned down: The journey to work');
    expect(seen.html).not.toContain('Two buses');
    expectSound(seen.html);
    // Answered once: a second answer is a conflict shown on the form.
    const again = await post(lia, `/app/submissions/${id}/offer-response`, [['accepted:boolean', 'true']]);
    expect(again.status).toBe(409);
  });
});
