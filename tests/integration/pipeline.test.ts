import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { body, createHarness, type Harness } from '../support/harness.js';
import { cohortBody, employerBody, participantBody, vacancyBody } from '../support/fixtures.js';
import { sweepDue } from '../../shared/use-cases/sweep.js';
import { processStreamRecords } from '../../functions/notifier/process.js';
import { logger } from '../../shared/logger.js';
import { marshall } from '@aws-sdk/util-dynamodb';

/** From shortlist to sustained job, against real DynamoDB Local, with the notifier on the real stream. */
let h: Harness;
let notifier: { stop(): Promise<void> };
let employerId: string;
let otherEmployerId: string;

const LEEDS = { lat: 53.7965, lng: -1.5478 };
const person = (over: Record<string, unknown> = {}) =>
  participantBody({
    readiness: 'green',
    consent: { matching: true, shareWithEmployers: ['firstName', 'skills'] },
    email: 'private@example.com',
    ...over,
  });

async function add(as = 'adv', over: Record<string, unknown> = {}) {
  const res = await h.call('POST', '/participants', { as, body: person(over) });
  expect(res.status).toBe(201);
  return (await body(res)).id as string;
}

async function openVacancy(over: Record<string, unknown> = {}) {
  const res = await h.call('POST', '/vacancies', {
    as: 'lia',
    body: vacancyBody(employerId, { status: 'open', site: { postcode: 'LS1 4AP', location: LEEDS }, ...over }),
  });
  expect(res.status).toBe(201);
  return (await body(res)).id as string;
}

async function inbox(as: string) {
  return body<{ items: { kind: string; title: string; body: string; id: string; readAt?: string }[] }>(
    await h.call('GET', '/notifications?limit=100', { as }),
  );
}

beforeAll(async () => {
  h = await createHarness({ now: '2026-11-25T10:00:00Z' });
  await h.signIn('lia', 'liaison', { sub: 'u-liaison-1' });
  await h.signIn('lia2', 'liaison', { sub: 'u-liaison-2' });
  await h.signIn('adv', 'adviser', { sub: 'u-adviser-1' });
  await h.signIn('adv2', 'adviser', { sub: 'u-adviser-2' });
  await h.signIn('adm', 'admin');
  employerId = (await body(await h.call('POST', '/employers', { as: 'lia', body: employerBody() }))).id as string;
  otherEmployerId = (await body(await h.call('POST', '/employers', { as: 'lia', body: employerBody({ name: 'Other Firm' }) })))
    .id as string;
  await h.call('POST', `/employers/${employerId}/contacts`, {
    as: 'lia',
    body: { name: 'Priya Shah', email: 'hr@hartley.example', primary: true },
  });
  await h.signIn('emp', 'employer', { sub: 'u-employer-1', employerId });
  await h.signIn('emp-other', 'employer', { sub: 'u-employer-9', employerId: otherEmployerId });
  notifier = h.startNotifier();
});

afterAll(async () => {
  await notifier?.stop();
});

describe('the pipeline', () => {
  it('propose → agree → employer sees only the consented view → reject with a reason → the adviser hears why', async () => {
    const vacancyId = await openVacancy();
    const p = await add();
    const proposed = await h.call('POST', `/vacancies/${vacancyId}/submissions`, { as: 'lia', body: { participantIds: [p] } });
    expect(proposed.status).toBe(201);
    const sub = (await body<{ items: { id: string; state: string; candidateRef: string }[] }>(proposed)).items[0]!;
    expect(sub.state).toBe('proposed');

    // Before agreement the employer sees nothing of them.
    expect((await h.call('GET', `/submissions/${sub.id}`, { as: 'emp' })).status).toBe(404);
    expect((await body<{ items: unknown[] }>(await h.call('GET', `/vacancies/${vacancyId}/submissions`, { as: 'emp' }))).items).toEqual([]);
    await h.eventually(async () => expect((await inbox('adv')).items.map((n) => n.kind)).toContain('agree-or-decline'));

    // Another adviser cannot answer for someone else's participant.
    expect((await h.call('POST', `/submissions/${sub.id}/agreement`, { as: 'adv2', body: { agreed: true } })).status).toBe(404);
    const agreed = await h.call('POST', `/submissions/${sub.id}/agreement`, { as: 'adv', body: { agreed: true } });
    expect(agreed.status).toBe(200);

    const seen = await h.call('GET', `/submissions/${sub.id}`, { as: 'emp' });
    expect(seen.status).toBe(200);
    const text = await seen.text();
    const view = JSON.parse(text) as { candidate: Record<string, unknown>; candidateRef: string };
    expect(view.candidate).toEqual({
      candidateRef: sub.candidateRef,
      firstName: 'Dean',
      skills: ['picking', 'customer service'],
      sharedFields: ['firstName', 'skills'],
    });
    for (const secret of [p, 'Walsh', 'private@example.com', 'u-adviser-1', 'LS10']) expect(text).not.toContain(secret);
    // The employer is told by email that a shortlist is ready, without names.
    await h.eventually(async () =>
      expect(h.email.sent.some((m) => m.to === 'hr@hartley.example' && m.text.includes(sub.candidateRef))).toBe(true),
    );
    expect(JSON.stringify(h.email.sent)).not.toContain('Walsh');
    // And in Routeway: the employer's users share one inbox; it names the candidate by reference only.
    const told = await h.eventually(async () => {
      const found = (await inbox('emp')).items.find((x) => x.kind === 'candidate' && x.title.includes(sub.candidateRef));
      expect(found).toBeDefined();
      return found!;
    });
    for (const secret of ['Dean', 'Walsh', 'u-adviser-1']) expect(JSON.stringify(told)).not.toContain(secret);
    await h.signIn('emp-colleague', 'employer', { sub: 'u-employer-2', employerId });
    expect((await inbox('emp-colleague')).items.map((x) => x.id)).toContain(told.id);
    expect((await inbox('emp-other')).items.map((x) => x.id)).not.toContain(told.id);
    expect((await h.call('POST', `/notifications/${told.id}/read`, { as: 'emp-other' })).status).toBe(404);
    expect((await h.call('POST', `/notifications/${told.id}/read`, { as: 'emp-colleague' })).status).toBe(200);
    expect((await inbox('emp')).items.find((x) => x.id === told.id)!.readAt).toBeDefined();

    // Another employer cannot decide it; this one must give a reason to reject.
    expect(
      (await h.call('POST', `/submissions/${sub.id}/decision`, { as: 'emp-other', body: { decision: 'reject', reasonCode: 'skills' } }))
        .status,
    ).toBe(404);
    const noReason = await h.call('POST', `/submissions/${sub.id}/decision`, { as: 'emp', body: { decision: 'reject' } });
    expect(noReason.status).toBe(400);
    expect((await body(noReason)).errors).toEqual([{ path: 'reasonCode', message: 'a rejection needs a reason code' }]);
    const rejected = await h.call('POST', `/submissions/${sub.id}/decision`, {
      as: 'emp',
      body: { decision: 'reject', reasonCode: 'experience', note: 'Needs warehouse time' },
    });
    expect(rejected.status).toBe(200);

    const n = await h.eventually(async () => {
      const found = (await inbox('adv')).items.find((x) => x.kind === 'rejected');
      expect(found).toBeDefined();
      return found!;
    });
    expect(n.body).toContain('not enough experience');
    expect(n.body).toContain('Needs warehouse time');
    await h.eventually(async () => expect((await inbox('lia')).items.map((x) => x.kind)).toContain('rejected'));
    // Reading it marks it read.
    expect((await h.call('POST', `/notifications/${n.id}/read`, { as: 'adv' })).status).toBe(200);
    expect(
      (await body<{ items: unknown[] }>(await h.call('GET', '/notifications?unread=true', { as: 'adv' }))).items.some(
        (x) => (x as { id: string }).id === n.id,
      ),
    ).toBe(false);
    expect((await h.call('POST', `/notifications/${n.id}/read`, { as: 'lia' })).status).toBe(404);
  });

  it('interview → hire → placement with check-ins → sweep at 13 weeks shows it due → check-in recorded → the funnel moves', async () => {
    const vacancyId = await openVacancy({ positions: 1 });
    const pledge = await body<{ id: string }>(
      await h.call('POST', `/employers/${employerId}/pledges`, {
        as: 'lia',
        body: { description: '10 warehouse jobs', jobsPledged: 10, byDate: '2027-06-30' },
      }),
    );
    const p = await add();
    const sub = (
      await body<{ items: { id: string }[] }>(
        await h.call('POST', `/vacancies/${vacancyId}/submissions`, { as: 'lia', body: { participantIds: [p] } }),
      )
    ).items[0]!;
    await h.call('POST', `/submissions/${sub.id}/agreement`, { as: 'adv', body: { agreed: true } });
    expect((await h.call('POST', `/submissions/${sub.id}/decision`, { as: 'emp', body: { decision: 'interview' } })).status).toBe(200);
    expect(
      (
        await h.call('POST', `/submissions/${sub.id}/interview`, {
          as: 'lia',
          body: { at: '2026-12-01T10:00:00Z', place: 'Hartley depot, Hunslet' },
        })
      ).status,
    ).toBe(200);
    const hired = await h.call('POST', `/submissions/${sub.id}/outcome`, {
      as: 'emp',
      body: { outcome: 'hired', startDate: '2026-12-07' },
    });
    expect(hired.status).toBe(200);
    const out = await body<{ submission: { state: string } }>(hired);
    expect(out.submission.state).toBe('hired');
    expect(out).not.toHaveProperty('placement');

    const full = await body<{ placementId: string }>(await h.call('GET', `/submissions/${sub.id}`, { as: 'lia' }));
    // The hire counts towards the employer's pledge.
    await h.eventually(async () => {
      const pledges = await body<{ items: { id: string; progress: { hires: number; percent: number } }[] }>(
        await h.call('GET', `/employers/${employerId}/pledges`, { as: 'lia' }),
      );
      expect(pledges.items.find((x) => x.id === pledge.id)!.progress).toMatchObject({ hires: 1, percent: 10 });
    });
    const placement = await body<{ checkins: { milestone: number; dueOn: string; state: string }[] }>(
      await h.call('GET', `/placements/${full.placementId}`, { as: 'adv' }),
    );
    expect(placement.checkins).toEqual([
      // No programme recorded: the default schedule, whose job outcome is the 13-week check-in.
      { milestone: 13, kind: 'job-outcome', dueOn: '2027-03-08', state: 'upcoming' },
      { milestone: 26, kind: 'check-in', dueOn: '2027-06-07', state: 'upcoming' },
    ]);
    // One position, one hire: the vacancy is filled and the participant placed, out of matching.
    expect(await body(await h.call('GET', `/vacancies/${vacancyId}`, { as: 'lia' }))).toMatchObject({
      status: 'filled',
      filledPositions: 1,
    });
    expect(await body(await h.call('GET', `/participants/${p}`, { as: 'adv' }))).toMatchObject({ status: 'placed' });
    expect(
      (await h.call('POST', `/placements/${full.placementId}/checkins`, { as: 'adv', body: { milestone: 13, inWork: true } })).status,
    ).toBe(422);

    h.clock.set('2027-03-09T08:00:00Z');
    const report = await sweepDue(h.deps);
    expect(report.checkinsDue).toBeGreaterThanOrEqual(1);
    const due = await body<{ checkins: { state: string }[] }>(await h.call('GET', `/placements/${full.placementId}`, { as: 'adv' }));
    expect(due.checkins[0]!.state).toBe('overdue');
    await h.eventually(async () => expect((await inbox('adv')).items.map((x) => x.kind)).toContain('checkin-due'));
    expect(
      (
        await h.call('POST', `/placements/${full.placementId}/checkins`, {
          as: 'adv',
          body: { milestone: 13, inWork: true, note: 'Doing well' },
        })
      ).status,
    ).toBe(200);
    expect(
      (await h.call('POST', `/placements/${full.placementId}/checkins`, { as: 'adv', body: { milestone: 13, inWork: true } })).status,
    ).toBe(409);
    // A milestone its schedule does not have (the default has 13 and 26 only): 400 naming the field.
    const off = await h.call('POST', `/placements/${full.placementId}/checkins`, { as: 'adv', body: { milestone: 17, inWork: true } });
    expect(off.status).toBe(400);
    expect(JSON.stringify(await off.json())).toContain('milestone');

    const funnel = await h.eventually(async () => {
      const f = await body<{
        proposed: number;
        submitted: number;
        interviews: number;
        hires: number;
        sustained13: number;
        reachedOutcome: number;
      }>(await h.call('GET', '/reports/funnel?from=2026-01&to=2027-12', { as: 'lia' }));
      expect(f.sustained13).toBe(1);
      // The default programme's job outcome is the 13-week check-in: counted as one too, through the stored counters.
      expect(f).toMatchObject({ reachedOutcome: 1, sustainedOutcome: 1 });
      return f;
    });
    expect(funnel.hires).toBe(1);
    expect(funnel.interviews).toBeGreaterThanOrEqual(1);
    expect(funnel.submitted).toBeGreaterThanOrEqual(2);
    const csv = await h.call('GET', '/reports/fairness?from=2026-01&to=2027-12', { as: 'lia', headers: { accept: 'text/csv' } });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(await csv.text()).toMatch(/^dimension,group,/);
    h.clock.set('2026-11-25T10:00:00Z');
  });

  it('counts real publications as vacancies opened: created open, published from draft, reopened', async () => {
    // Prepare: the org's funnel so far (other tests here open vacancies too).
    const opened = async () =>
      (await body<{ vacanciesOpened: number }>(await h.call('GET', '/reports/funnel?from=2026-01&to=2027-12', { as: 'lia' })))
        .vacanciesOpened;
    await h.eventually(async () => expect(await opened()).toBeGreaterThan(0));
    const before = await opened();
    // Act: one created open, one drafted then published, and one drafted only.
    await openVacancy();
    const draft = await body<{ id: string }>(
      await h.call('POST', '/vacancies', { as: 'lia', body: vacancyBody(employerId, { status: 'draft' }) }),
    );
    await h.call('POST', '/vacancies', { as: 'lia', body: vacancyBody(employerId, { status: 'draft' }) });
    expect((await h.call('PATCH', `/vacancies/${draft.id}`, { as: 'lia', body: { status: 'open' } })).status).toBe(200);
    // Assess: two more, not three.
    await h.eventually(async () => expect(await opened()).toBe(before + 2));
  });

  it('refuses the whole shortlist when anyone cannot be put forward, naming each, and changes nothing', async () => {
    const vacancyId = await openVacancy();
    const ok = await add();
    const amber = await add('adv', { readiness: 'amber' });
    const noConsent = await add('adv', { consent: { matching: false, shareWithEmployers: [] } });
    // The vacancy's publication is still being delivered: wait, so the snapshot sees only this request.
    await h.settled();
    const before = await h.snapshot();
    const res = await h.call('POST', `/vacancies/${vacancyId}/submissions`, {
      as: 'lia',
      body: { participantIds: [ok, amber, noConsent] },
    });
    expect(res.status).toBe(422);
    expect((await body(res)).errors).toEqual([
      { path: 'participantIds.1', message: 'not job-ready (amber)' },
      { path: 'participantIds.2', message: 'has not consented to be matched' },
    ]);
    expect(await h.snapshot()).toBe(before);
  });

  it('never lets two officers shortlisting at once exceed the live limit', async () => {
    const vacancyId = await openVacancy({ positions: 1 });
    const people = await Promise.all(Array.from({ length: 8 }, () => add()));
    const results = await Promise.all([
      h.call('POST', `/vacancies/${vacancyId}/submissions`, { as: 'lia', body: { participantIds: people.slice(0, 3) } }),
      h.call('POST', `/vacancies/${vacancyId}/submissions`, { as: 'lia2', body: { participantIds: people.slice(3, 6) } }),
      h.call('POST', `/vacancies/${vacancyId}/submissions`, { as: 'lia2', body: { participantIds: people.slice(6, 8) } }),
    ]);
    const created = results.filter((r) => r.status === 201);
    expect(results.every((r) => r.status === 201 || r.status === 409)).toBe(true);
    const list = await body<{ items: unknown[] }>(await h.call('GET', `/vacancies/${vacancyId}/submissions?limit=100`, { as: 'lia' }));
    expect(list.items.length).toBeLessThanOrEqual(5);
    expect(list.items.length).toBe(
      (await Promise.all(created.map((r) => body<{ items: unknown[] }>(r)))).reduce((n, b) => n + b.items.length, 0),
    );
    expect(await body(await h.call('GET', `/vacancies/${vacancyId}`, { as: 'lia' }))).toMatchObject({ liveSubmissions: list.items.length });
  });

  it('withdrawing consent withdraws undecided submissions and removes the employer view at once', async () => {
    const vacancyId = await openVacancy();
    const p = await add();
    const sub = (
      await body<{ items: { id: string }[] }>(
        await h.call('POST', `/vacancies/${vacancyId}/submissions`, { as: 'lia', body: { participantIds: [p] } }),
      )
    ).items[0]!;
    await h.call('POST', `/submissions/${sub.id}/agreement`, { as: 'adv', body: { agreed: true } });
    expect((await h.call('GET', `/submissions/${sub.id}`, { as: 'emp' })).status).toBe(200);
    await h.call('PUT', `/participants/${p}/consent`, { as: 'adv', body: { matching: false, shareWithEmployers: [] } });
    const after = await h.call('GET', `/submissions/${sub.id}`, { as: 'emp' });
    expect(after.status).toBe(404);
    expect(await body(await h.call('GET', `/submissions/${sub.id}`, { as: 'lia' }))).toMatchObject({ state: 'withdrawn' });
    const full = await body<Record<string, unknown>>(await h.call('GET', `/submissions/${sub.id}`, { as: 'lia' }));
    expect(full).not.toHaveProperty('employerView');
  });

  it('lapses unanswered proposals and expires undecided submissions after a reminder, by the sweeper’s clock', async () => {
    const vacancyId = await openVacancy();
    const [a, b] = [await add(), await add()];
    const subs = (
      await body<{ items: { id: string }[] }>(
        await h.call('POST', `/vacancies/${vacancyId}/submissions`, { as: 'lia', body: { participantIds: [a, b] } }),
      )
    ).items;
    await h.call('POST', `/submissions/${subs[1]!.id}/agreement`, { as: 'adv', body: { agreed: true } });
    h.clock.set('2026-12-01T07:00:00Z'); // 3 working days later
    await sweepDue(h.deps);
    expect(await body(await h.call('GET', `/submissions/${subs[0]!.id}`, { as: 'lia' }))).toMatchObject({ state: 'lapsed' });
    // Nobody said no: the lapsed one may be put forward again (a fresh proposal); the one still live may not.
    const again = await h.call('POST', `/vacancies/${vacancyId}/submissions`, { as: 'lia', body: { participantIds: [a] } });
    expect(again.status).toBe(201);
    const second = (await body<{ items: { id: string; state: string }[] }>(again)).items[0]!;
    expect(second.id).not.toBe(subs[0]!.id);
    expect(second.state).toBe('proposed');
    expect((await h.call('POST', `/vacancies/${vacancyId}/submissions`, { as: 'lia', body: { participantIds: [b] } })).status).toBe(422);
    expect(
      (await h.call('POST', `/submissions/${second.id}/agreement`, { as: 'adv', body: { agreed: false, note: 'Found other work' } }))
        .status,
    ).toBe(200);
    h.clock.set('2026-12-10T07:00:00Z'); // 10 working days after agreement
    await sweepDue(h.deps);
    expect(await body(await h.call('GET', `/submissions/${subs[1]!.id}`, { as: 'lia' }))).toMatchObject({
      state: 'submitted',
      reminderSentAt: '2026-12-10T07:00:00.000Z',
    });
    await h.eventually(async () => expect(h.email.sent.some((m) => m.subject.startsWith('Reminder'))).toBe(true));
    h.clock.set('2026-12-24T07:00:00Z');
    await sweepDue(h.deps);
    expect(await body(await h.call('GET', `/submissions/${subs[1]!.id}`, { as: 'lia' }))).toMatchObject({ state: 'expired' });
    await h.eventually(async () => expect((await inbox('adv')).items.map((x) => x.kind)).toContain('expired'));
    expect(await body(await h.call('GET', `/vacancies/${vacancyId}`, { as: 'lia' }))).toMatchObject({ liveSubmissions: 0 });
    h.clock.set('2026-11-25T10:00:00Z');
  });

  it('puts a guaranteed-interview cohort’s completers forward in one action', async () => {
    const vacancyId = await openVacancy();
    const cohort = await body(
      await h.call('POST', '/cohorts', {
        as: 'lia',
        body: cohortBody({ guaranteedInterview: true, linkedVacancyIds: [vacancyId], startDate: '2026-11-16', endDate: '2026-11-27' }),
      }),
    );
    const [x, y, z] = [await add(), await add(), await add('adv', { readiness: 'amber' })];
    for (const id of [x, y, z]) {
      await h.call('POST', `/cohorts/${cohort.id}/enrolments`, { as: 'adv', body: { participantId: id } });
      await h.call('PATCH', `/cohorts/${cohort.id}/enrolments/${id}`, { as: 'adv', body: { status: 'completed' } });
    }
    const res = await h.call('POST', `/cohorts/${cohort.id}/put-forward`, { as: 'lia', body: { vacancyId } });
    expect(res.status).toBe(201);
    const out = await body<{
      submissions: { participantId: string; guaranteedInterview: boolean }[];
      skipped: { participantId: string; reason: string }[];
    }>(res);
    expect(out.submissions.map((s) => s.participantId).sort()).toEqual([x, y].sort());
    expect(out.submissions.every((s) => s.guaranteedInterview)).toBe(true);
    expect(out.skipped).toEqual([{ participantId: z, reason: 'not job-ready (amber)' }]);
  });
});

describe('the notifier', () => {
  it('sends nothing twice when a stream batch is redelivered', async () => {
    const vacancyId = await openVacancy();
    const p = await add();
    const sub = (
      await body<{ items: { id: string }[] }>(
        await h.call('POST', `/vacancies/${vacancyId}/submissions`, { as: 'lia', body: { participantIds: [p] } }),
      )
    ).items[0]!;
    await h.call('POST', `/submissions/${sub.id}/agreement`, { as: 'adv', body: { agreed: true } });
    await h.eventually(async () => expect(h.email.sent.filter((m) => m.subject.includes(sub.id.slice(-6))).length).toBe(1));
    const before = (await inbox('adv')).items.length;
    // Replay the same event as a stream record would carry it.
    const event = {
      id: 'REDELIVERED-EVENT-ID-00000',
      orgId: 'test-org',
      type: 'submission.submitted',
      at: '2026-11-25T10:00:00.000Z',
      actorSub: 'x',
      submissionId: sub.id,
      vacancyId,
      employerId,
      participantId: p,
    };
    const record = {
      eventName: 'INSERT',
      dynamodb: { SequenceNumber: '1', NewImage: marshall({ PK: 'OUTBOX#x', SK: 'EVENT', type: 'Outbox', event }) },
    };
    const deps = { ...h.deps, email: h.email };
    await processStreamRecords(deps, logger, [record]);
    const once = h.email.sent.length;
    await processStreamRecords(deps, logger, [record, record]);
    expect(h.email.sent.length).toBe(once);
    expect((await inbox('adv')).items.length).toBe(before + 1);
  });
});
