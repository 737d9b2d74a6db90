import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepDue } from '../../shared/use-cases/sweep.js';
import { body, createHarness, type Harness } from '../support/harness.js';
import { employerBody, participantBody, vacancyBody } from '../support/fixtures.js';

/**
 * After the interview, over the API against DynamoDB Local with the notifier on the real stream: the
 * work trial, the job offer and its answer, the hire; the sweeper's deadlines; bad input; who hears.
 */
let h: Harness;
let notifier: { stop(): Promise<void> };
let employerId: string;

async function atInterview(over: Record<string, unknown> = {}) {
  const vacancyId = (
    await body(await h.call('POST', '/vacancies', { as: 'lia', body: vacancyBody(employerId, { status: 'open', ...over }) }))
  ).id as string;
  const res = await h.call('POST', '/participants', {
    as: 'adv',
    body: participantBody({ readiness: 'green', consent: { matching: true, shareWithEmployers: ['firstName', 'skills'] } }),
  });
  const participantId = (await body(res)).id as string;
  const proposed = await h.call('POST', `/vacancies/${vacancyId}/submissions`, { as: 'lia', body: { participantIds: [participantId] } });
  const id = (await body<{ items: { id: string }[] }>(proposed)).items[0]!.id;
  expect((await h.call('POST', `/submissions/${id}/agreement`, { as: 'adv', body: { agreed: true } })).status).toBe(200);
  expect((await h.call('POST', `/submissions/${id}/decision`, { as: 'emp', body: { decision: 'interview' } })).status).toBe(200);
  return { vacancyId, participantId, id };
}

const post = (as: string, path: string, b: unknown) => h.call('POST', path, { as, body: b });

async function inbox(as: string) {
  return (await body<{ items: { kind: string; title: string; body: string }[] }>(await h.call('GET', '/notifications?limit=100', { as })))
    .items;
}

beforeAll(async () => {
  h = await createHarness({ now: '2026-11-25T10:00:00Z' });
  await h.signIn('lia', 'liaison', { sub: 'u-liaison-1' });
  await h.signIn('adv', 'adviser', { sub: 'u-adviser-1' });
  await h.signIn('adv2', 'adviser', { sub: 'u-adviser-2' });
  employerId = (await body(await h.call('POST', '/employers', { as: 'lia', body: employerBody() }))).id as string;
  await h.signIn('emp', 'employer', { sub: 'u-employer-1', employerId });
  notifier = h.startNotifier();
}, 120_000);

afterAll(async () => {
  await notifier?.stop();
});

describe('after the interview, over the API', () => {
  it('trial → passed → offer → accepted by the adviser → hired: each step a state with its own event, and the adviser hears each', async () => {
    const { vacancyId, participantId, id } = await atInterview({ positions: 1 });
    const trial = await post('emp', `/submissions/${id}/trial`, { startsOn: '2026-11-25', endsOn: '2026-11-27', place: 'Stourton depot' });
    expect(trial.status).toBe(200);
    // The employer gets their own view: the trial, no participant ids.
    const trialView = await body(trial);
    expect(trialView).toMatchObject({ state: 'trial', trial: { startsOn: '2026-11-25', endsOn: '2026-11-27', place: 'Stourton depot' } });
    expect(JSON.stringify(trialView)).not.toContain(participantId);
    expect((await post('emp', `/submissions/${id}/trial-result`, { result: 'passed' })).status).toBe(200);
    const offer = await post('emp', `/submissions/${id}/offer`, { startDate: '2026-12-14' });
    expect(await body(offer)).toMatchObject({ state: 'offered', offer: { startDate: '2026-12-14', respondBy: '2026-12-02' } });
    const answer = await post('adv', `/submissions/${id}/offer-response`, { accepted: true });
    // The adviser gets the full record.
    expect(await body(answer)).toMatchObject({
      state: 'offer-accepted',
      participantId,
      offer: { response: { accepted: true, by: 'u-adviser-1' } },
    });
    const hired = await post('emp', `/submissions/${id}/outcome`, { outcome: 'hired', startDate: '2026-12-14' });
    expect(hired.status).toBe(200);
    expect((await body(await h.call('GET', `/vacancies/${vacancyId}`, { as: 'lia' }))).status).toBe('filled');
    await h.eventually(async () =>
      expect((await inbox('adv')).map((n) => n.kind)).toEqual(
        expect.arrayContaining(['trial-scheduled', 'trial-passed', 'offered', 'offer-accepted', 'hired']),
      ),
    );
    await h.eventually(async () => expect((await inbox('emp')).map((n) => n.kind)).toEqual(expect.arrayContaining(['offer-accepted'])));
  });

  it('the first path still works: a hire straight from the interview', async () => {
    const { id } = await atInterview();
    const res = await post('lia', `/submissions/${id}/outcome`, { outcome: 'hired', startDate: '2026-12-07' });
    expect(res.status).toBe(200);
    expect(await body(res)).toMatchObject({ submission: { state: 'hired' }, placement: { startDate: '2026-12-07' } });
  });

  it('bad input is a 400 naming every field and changes nothing; a step out of turn is a 409', async () => {
    const { id } = await atInterview();
    const before = await body<{ version: number }>(await h.call('GET', `/submissions/${id}`, { as: 'lia' }));
    const trial = await post('emp', `/submissions/${id}/trial`, { startsOn: '2026-12-10', endsOn: '2026-12-01', place: '', paid: true });
    expect(trial.status).toBe(400);
    expect(trial.headers.get('content-type')).toContain('application/problem+json');
    expect((await body<{ errors: { path: string }[] }>(trial)).errors.map((e) => e.path).sort()).toEqual(['endsOn', 'paid', 'place']);
    const answer = await post('adv', `/submissions/${id}/offer-response`, { accepted: false, reasonCode: 'no-response' });
    expect(answer.status).toBe(400);
    expect((await body<{ errors: { path: string }[] }>(answer)).errors.map((e) => e.path)).toEqual(['reasonCode']);
    const outOfTurn = await post('emp', `/submissions/${id}/trial-result`, { result: 'passed' });
    expect(outOfTurn.status).toBe(409);
    const noAnswer = await post('adv', `/submissions/${id}/offer-response`, { accepted: true });
    expect(noAnswer.status).toBe(409);
    expect((await body<{ version: number }>(await h.call('GET', `/submissions/${id}`, { as: 'lia' }))).version).toBe(before.version);
  });

  it('an offer unanswered: the sweeper reminds on its answer date and lapses it 5 working days later; the adviser hears both', async () => {
    const { vacancyId, id } = await atInterview();
    expect((await post('emp', `/submissions/${id}/offer`, { respondBy: '2026-11-27' })).status).toBe(200);
    h.clock.set('2026-11-27T02:00:00Z');
    expect(await sweepDue(h.deps)).toMatchObject({ offerReminders: 1, offersLapsed: 0 });
    h.clock.set('2026-12-04T02:00:00Z');
    expect(await sweepDue(h.deps)).toMatchObject({ offerReminders: 0, offersLapsed: 1 });
    h.clock.set('2026-11-25T10:00:00Z');
    const s = await body(await h.call('GET', `/submissions/${id}`, { as: 'lia' }));
    expect(s).toMatchObject({ state: 'offer-declined', offer: { response: { accepted: false, reasonCode: 'no-response', by: 'system' } } });
    expect((await body(await h.call('GET', `/vacancies/${vacancyId}`, { as: 'lia' }))).liveSubmissions ?? 0).toBe(0);
    await h.eventually(async () => {
      const kinds = (await inbox('adv')).map((n) => n.kind);
      expect(kinds).toEqual(expect.arrayContaining(['offer-reminder', 'offer-declined']));
    });
  });

  it('another adviser cannot answer an offer for someone not on their caseload (404)', async () => {
    const { id } = await atInterview();
    expect((await post('emp', `/submissions/${id}/offer`, {})).status).toBe(200);
    expect((await post('adv2', `/submissions/${id}/offer-response`, { accepted: true })).status).toBe(404);
  });
});
