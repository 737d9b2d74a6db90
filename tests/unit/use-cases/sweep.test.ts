import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Submission } from '../../../shared/domain/submission.js';
import { logInteraction } from '../../../shared/use-cases/employers.js';
import { sweepDue } from '../../../shared/use-cases/sweep.js';
import { propose, recordAgreement } from '../../../shared/use-cases/submissions.js';
import { recordCheckin } from '../../../shared/use-cases/placements.js';
import { fakeDeps, type FakeDeps } from '../../support/fakes/fake-deps.js';
import { adviser, liaison, scenario, ORG } from '../../support/fakes/scenario.js';

/** The deadline sweeper: shared/use-cases/sweep.ts `sweepDue`, reading only the due index. */
let deps: FakeDeps;
let w: ReturnType<typeof scenario>;

beforeEach(() => {
  deps = fakeDeps({ now: '2026-11-25T10:00:00Z' }); // proposals made now must be answered by Mon 2026-11-30
  w = scenario(deps);
});

const stored = (id: string) => deps.repos.submissions.get(ORG, id) as Promise<Submission>;
const typesSince = (n: number) => deps.events.slice(n).map((e) => e.type);

describe('an unanswered proposal', () => {
  it('is left alone before its agree-by day', async () => {
    // Prepare
    const { vacancy } = await w.openVacancy();
    const s = await w.proposed(vacancy.id, await w.participant());
    deps.clock.set('2026-11-27T23:00:00Z');
    // Act
    const report = await sweepDue(deps);
    // Assess
    expect(report).toMatchObject({ dueRead: 0, lapsed: 0 });
    expect((await stored(s.id)).state).toBe('proposed');
  });

  it('lapses on its agree-by day: the place is freed and the guard goes, so the officer may propose them again', async () => {
    // Prepare
    const { vacancy } = await w.openVacancy();
    const p = await w.participant();
    const s = await w.proposed(vacancy.id, p);
    deps.clock.set('2026-11-30T00:30:00Z');
    const n = deps.events.length;
    // Act
    const report = await sweepDue(deps);
    // Assess
    expect(report).toMatchObject({ dueRead: 1, lapsed: 1, failed: [] });
    const lapsed = await stored(s.id);
    expect(lapsed.state).toBe('lapsed');
    expect(lapsed.history.at(-1)).toEqual({
      from: 'proposed',
      to: 'lapsed',
      at: '2026-11-30T00:30:00.000Z',
      by: 'system',
      reason: 'no answer from the adviser in time',
    });
    expect(await deps.repos.vacancies.get(ORG, vacancy.id)).toMatchObject({ liveSubmissions: 0 });
    expect(await deps.repos.participants.get(ORG, p.id)).toMatchObject({ liveSubmissions: 0 });
    expect(await deps.repos.submissions.participantsPutForward(ORG, vacancy.id)).toEqual(new Set());
    expect(typesSince(n)).toEqual(['submission.lapsed']);
    expect(deps.events.at(-1)).toMatchObject({ actorSub: 'system', submissionId: s.id });
    const [again] = await propose(deps, liaison, vacancy.id, { participantIds: [p.id] });
    expect(again).toMatchObject({ state: 'proposed' });
    expect(again!.id).not.toBe(s.id);
  });
});

describe('a submission the employer has not decided on', () => {
  async function submittedNow() {
    const { vacancy } = await w.openVacancy();
    const p = await w.participant();
    return { vacancy, p, s: await w.submitted(vacancy.id, p) }; // respondBy 2026-12-09, expiresOn 2026-12-23
  }

  it('gets one reminder on its respond-by day, and only one', async () => {
    // Prepare
    const { s } = await submittedNow();
    deps.clock.set('2026-12-08T20:00:00Z');
    const early = await sweepDue(deps);
    deps.clock.set('2026-12-09T07:00:00Z');
    const n = deps.events.length;
    // Act
    const report = await sweepDue(deps);
    const again = await sweepDue(deps);
    // Assess
    expect(early).toMatchObject({ dueRead: 0, reminded: 0 });
    // Their first 14 days without a contact end that day too (their programme's review rules): their adviser is reminded of it.
    expect(report).toMatchObject({ dueRead: 2, reminded: 1, reviewReminders: 1 });
    expect(again).toMatchObject({ dueRead: 0, reminded: 0 });
    expect(await stored(s.id)).toMatchObject({ state: 'submitted', reminderSentAt: '2026-12-09T07:00:00.000Z', version: s.version + 1 });
    expect(typesSince(n)).toEqual(['casework.review-due', 'submission.reminder']);
  });

  it('expires on its expiry day after the reminder, freeing the place', async () => {
    // Prepare
    const { vacancy, p, s } = await submittedNow();
    deps.clock.set('2026-12-09T07:00:00Z');
    await sweepDue(deps);
    deps.clock.set('2026-12-22T23:00:00Z');
    const early = await sweepDue(deps);
    deps.clock.set('2026-12-23T07:00:00Z');
    const n = deps.events.length;
    // Act
    const report = await sweepDue(deps);
    // Assess
    expect(early).toMatchObject({ expired: 0 });
    expect(report).toMatchObject({ expired: 1 });
    const expired = await stored(s.id);
    expect(expired.state).toBe('expired');
    expect(expired.history.at(-1)).toMatchObject({
      from: 'submitted',
      to: 'expired',
      by: 'system',
      reason: 'no decision from the employer in time',
    });
    expect(await deps.repos.vacancies.get(ORG, vacancy.id)).toMatchObject({ liveSubmissions: 0 });
    expect(await deps.repos.participants.get(ORG, p.id)).toMatchObject({ liveSubmissions: 0 });
    expect(typesSince(n)).toEqual(['submission.expired']);
    // An expiry is not a lapse: they stay put forward for this vacancy.
    expect(await deps.repos.submissions.participantsPutForward(ORG, vacancy.id)).toEqual(new Set([p.id]));
  });

  it('never expires without its reminder first, however late the sweeper runs', async () => {
    // Prepare
    const { s } = await submittedNow();
    deps.clock.set('2027-01-15T07:00:00Z');
    // Act
    const first = await sweepDue(deps);
    const second = await sweepDue(deps);
    // Assess
    expect(first).toMatchObject({ reminded: 1, expired: 0 });
    expect(second).toMatchObject({ reminded: 0, expired: 1 });
    expect((await stored(s.id)).state).toBe('expired');
  });

  it('once decided, is off the due index', async () => {
    // Prepare
    const { vacancy } = await w.openVacancy();
    await w.atInterview(vacancy.id, await w.participant());
    deps.clock.set('2027-01-15T07:00:00Z');
    // Act
    const report = await sweepDue(deps);
    // Assess
    expect(report).toMatchObject({ lapsed: 0, reminded: 0, expired: 0 });
    expect((await deps.repos.due.dueOnOrBefore('2027-01-15', 10)).filter((d) => d.kind === 'submission')).toEqual([]);
  });
});

describe('check-ins', () => {
  it('announces each check-in once, on its day: 13 weeks, then 26', async () => {
    // Prepare: a hire starting Mon 2026-12-07 (check-ins due 2027-03-08 and 2027-06-07).
    const { vacancy } = await w.openVacancy({ positions: 1 });
    const { placement } = await w.hired(vacancy.id, await w.participant(), '2026-12-07');
    deps.clock.set('2027-03-07T23:00:00Z');
    const early = await sweepDue(deps);
    deps.clock.set('2027-03-08T07:00:00Z');
    // Act
    const at13 = await sweepDue(deps);
    const again = await sweepDue(deps);
    deps.clock.set('2027-06-07T07:00:00Z');
    const at26 = await sweepDue(deps);
    // Assess
    expect([early.checkinsDue, at13.checkinsDue, again.checkinsDue, at26.checkinsDue]).toEqual([0, 1, 0, 1]);
    const pl = (await deps.repos.placements.get(ORG, placement!.id))!;
    expect(pl.checkins.map((c) => [c.milestone, c.notified])).toEqual([
      [13, true],
      [26, true],
    ]);
    expect(
      deps.events.filter((e) => e.type === 'placement.checkin-due').map((e) => [e.placementId, e.detail?.milestone, e.actorSub]),
    ).toEqual([
      [placement!.id, 13, 'system'],
      [placement!.id, 26, 'system'],
    ]);
  });

  it('does not announce a check-in already recorded (from the week before)', async () => {
    // Prepare
    const { vacancy } = await w.openVacancy({ positions: 1 });
    const { placement } = await w.hired(vacancy.id, await w.participant(), '2026-12-07');
    deps.clock.set('2027-03-02T09:00:00Z');
    await recordCheckin(deps, adviser, placement!.id, { milestone: 13, inWork: true });
    deps.clock.set('2027-03-08T07:00:00Z');
    // Act
    const report = await sweepDue(deps);
    // Assess: the placement is read for its in-work support contacts (overdue by now), but no check-in is announced.
    expect(report).toMatchObject({ checkinsDue: 0 });
    expect(deps.events.filter((e) => e.type === 'placement.checkin-due')).toEqual([]);
  });
});

describe('promised follow-ups', () => {
  it('announces a follow-up to its account manager on its day, once', async () => {
    // Prepare
    const employer = await w.employer();
    const i = await logInteraction(deps, liaison, employer.id, {
      kind: 'call',
      occurredAt: '2026-11-25T09:00:00Z',
      summary: 'Will have three more roles in January',
      outcome: 'follow-up-needed',
      followUpOn: '2026-12-01',
    });
    deps.clock.set('2026-12-01T07:00:00Z');
    // Act
    const report = await sweepDue(deps);
    const again = await sweepDue(deps);
    // Assess
    expect(report.followUpsDue).toBe(1);
    expect(again).toMatchObject({ dueRead: 0, followUpsDue: 0 });
    expect(await deps.repos.employers.getInteraction(ORG, employer.id, i.id)).toMatchObject({
      followUpNotifiedAt: '2026-12-01T07:00:00.000Z',
    });
    expect(deps.events.at(-1)).toMatchObject({
      type: 'employer.follow-up-due',
      employerId: employer.id,
      detail: { summary: 'Follow-up promised on 25 November 2026: Will have three more roles in January' },
    });
  });
});

describe('one sweep', () => {
  it('goes on past an item that fails, and names it', async () => {
    // Prepare: two proposals past their agree-by day; reading one of them fails.
    const { vacancy } = await w.openVacancy();
    const [a, b] = [await w.participant(), await w.participant()];
    const [sa, sb] = await propose(deps, liaison, vacancy.id, { participantIds: [a.id, b.id] });
    const get = deps.repos.submissions.get.bind(deps.repos.submissions);
    vi.spyOn(deps.repos.submissions, 'get').mockImplementation(async (org, id) => {
      if (id === sa!.id) throw new Error('read failed');
      return get(org, id);
    });
    deps.clock.set('2026-12-01T07:00:00Z');
    // Act
    const report = await sweepDue(deps);
    // Assess
    expect(report).toMatchObject({ dueRead: 2, lapsed: 1, failed: [`submission:${sa!.id}`] });
    vi.restoreAllMocks();
    expect((await stored(sb!.id)).state).toBe('lapsed');
    expect((await stored(sa!.id)).state).toBe('proposed');
  });

  it('reads at most its batch, oldest deadline first', async () => {
    // Prepare
    const { vacancy } = await w.openVacancy();
    const first = await w.proposed(vacancy.id, await w.participant());
    deps.clock.set('2026-11-26T10:00:00Z'); // agree-by Tue 2026-12-01
    const second = await w.proposed(vacancy.id, await w.participant());
    deps.clock.set('2026-12-02T07:00:00Z');
    // Act
    const report = await sweepDue(deps, 1);
    // Assess
    expect(report).toMatchObject({ dueRead: 1, lapsed: 1 });
    expect((await stored(first.id)).state).toBe('lapsed');
    expect((await stored(second.id)).state).toBe('proposed');
  });

  it('leaves an answered proposal alone (it is no longer due)', async () => {
    // Prepare
    const { vacancy } = await w.openVacancy();
    const p = await w.participant();
    const s = await w.proposed(vacancy.id, p);
    await recordAgreement(deps, adviser, s.id, { agreed: false });
    deps.clock.set('2026-12-01T07:00:00Z');
    // Act
    const report = await sweepDue(deps);
    // Assess
    expect(report).toMatchObject({ dueRead: 0, lapsed: 0 });
    expect((await stored(s.id)).state).toBe('declined');
  });
});
