import { beforeEach, describe, expect, it, vi } from 'vitest';
import { InterviewInput, type Submission } from '../../../shared/domain/submission.js';
import { ForbiddenError, NotFoundError } from '../../../shared/errors.js';
import { isLive } from '../../../shared/use-cases/submissions.js';
import { changeEnrolment, enrol } from '../../../shared/use-cases/cohorts.js';
import { changeReadiness, putSensitive, updateParticipant } from '../../../shared/use-cases/participants.js';
import { recordCheckin } from '../../../shared/use-cases/placements.js';
import { eraseParticipant, listAudit, sweepRetention } from '../../../shared/use-cases/subject-rights.js';
import { bookInterview, propose, recordAgreement, recordDecision, recordOutcome } from '../../../shared/use-cases/submissions.js';
import { SensitiveInput } from '../../../shared/domain/participant.js';
import { fakeDeps, type FakeDeps } from '../../support/fakes/fake-deps.js';
import { admin, adviser, deliverAll, failureOf, liaison, scenario, ORG } from '../../support/fakes/scenario.js';

/** Erasure: shared/use-cases/subject-rights.ts `eraseParticipant` and the retention sweep `sweepRetention`. */
let deps: FakeDeps;
let w: ReturnType<typeof scenario>;

beforeEach(() => {
  deps = fakeDeps({ now: '2026-11-25T10:00:00Z' });
  w = scenario(deps);
});

/** A unique mark in every place the participant's personal data can be copied to. */
const CANARY = {
  firstName: 'Qwertcanary',
  lastName: 'Zyxcanary',
  email: 'zyx.canary@example.com',
  phone: '07700 900999',
  disclosure: 'CANARY-disclosure-in-own-words',
  health: 'CANARY-sensitive-health',
  readinessReason: 'CANARY-readiness-reason',
  proposalNote: 'CANARY-proposal-note',
  agreementNote: 'CANARY-agreement-note',
  declineWords: 'CANARY-decline-words',
  decisionNote: 'CANARY-decision-note',
  interviewNote: 'CANARY-interview-note',
  outcomeNote: 'CANARY-outcome-note',
  checkinNote: 'CANARY-checkin-note',
  enrolmentNote: 'CANARY-enrolment-note',
};
const canariesIn = (text: string) =>
  Object.entries(CANARY)
    .filter(([, v]) => text.includes(v))
    .map(([k]) => k);

/** A participant taken through the whole pipeline, with personal data in every kind of record. */
async function participantEverywhere() {
  const p = await w.participant({
    firstName: CANARY.firstName,
    lastName: CANARY.lastName,
    email: CANARY.email,
    phone: CANARY.phone,
    consent: { matching: true, shareWithEmployers: ['firstName', 'skills', 'healthDisclosure'], healthDisclosureText: CANARY.disclosure },
  });
  await putSensitive(deps, adviser, p.id, SensitiveInput.parse({ health: CANARY.health }));
  await changeReadiness(deps, adviser, p.id, { readiness: 'amber', reason: CANARY.readinessReason });
  await changeReadiness(deps, adviser, p.id, { readiness: 'green', reason: 'Ready again' });
  // A cohort completed, with a note.
  const cohort = await w.cohort();
  await enrol(deps, adviser, cohort.id, p.id);
  await changeEnrolment(deps, adviser, cohort.id, p.id, { status: 'completed', note: CANARY.enrolmentNote });
  // Declined, in the adviser's words.
  const b = (await w.openVacancy()).vacancy;
  const [declined] = await propose(deps, liaison, b.id, { participantIds: [p.id] });
  await recordAgreement(deps, adviser, declined!.id, { agreed: false, note: CANARY.declineWords });
  // Rejected by the employer with a note.
  const c = await w.openVacancy();
  const rejected = await w.submitted(c.vacancy.id, p);
  await recordDecision(deps, c.employerActor, rejected.id, { decision: 'reject', reasonCode: 'experience', note: CANARY.decisionNote });
  // Hired, with notes all along the way.
  const a = await w.openVacancy({ positions: 1 });
  const [hired] = await propose(deps, liaison, a.vacancy.id, { participantIds: [p.id], note: CANARY.proposalNote });
  await recordAgreement(deps, adviser, hired!.id, { agreed: true, note: CANARY.agreementNote });
  await recordDecision(deps, a.employerActor, hired!.id, { decision: 'interview', note: CANARY.decisionNote });
  await bookInterview(
    deps,
    a.employerActor,
    hired!.id,
    InterviewInput.parse({ at: '2026-12-01T10:00:00Z', place: 'Depot', note: CANARY.interviewNote }),
  );
  const { placement } = await recordOutcome(deps, liaison, hired!.id, {
    outcome: 'hired',
    startDate: '2026-12-07',
    note: CANARY.outcomeNote,
  });
  // The 13-week check-in, with a note.
  deps.clock.set('2027-03-08T09:00:00Z');
  await recordCheckin(deps, adviser, placement!.id, { milestone: 13, inWork: true, note: CANARY.checkinNote });
  // Everyone told: notifications that name them.
  await deliverAll(deps);
  return { p, placement: placement!, cohort, submissionIds: [declined!.id, rejected.id, hired!.id] };
}

describe('erasing a participant', () => {
  it('leaves none of their personal data anywhere', async () => {
    // Prepare
    const { p } = await participantEverywhere();
    expect(canariesIn(deps.snapshot())).toEqual(Object.keys(CANARY)); // every canary is somewhere to begin with
    // Act
    await eraseParticipant(deps, admin, p.id);
    // Assess
    expect(canariesIn(deps.snapshot())).toEqual([]);
    expect(await deps.repos.participants.get(ORG, p.id)).toBeUndefined();
    expect(await deps.repos.participants.getSensitive(ORG, p.id)).toBeUndefined();
    expect(await deps.repos.participants.readinessHistory(ORG, p.id)).toEqual([]);
    expect((await deps.repos.pool.profilesInArea(ORG, 'LS')).map((x) => x.id)).not.toContain(p.id);
  });

  it('keeps what the counts need: submissions with their codes, the placement’s sustainment, the enrolment, the funnel', async () => {
    // Prepare
    const { p, placement, cohort, submissionIds } = await participantEverywhere();
    const before = await Promise.all(submissionIds.map((id) => deps.repos.submissions.get(ORG, id) as Promise<Submission>));
    const funnel = await deps.repos.stats.funnel(ORG, '2026-01', '2027-12');
    // Act
    await eraseParticipant(deps, admin, p.id);
    // Assess: the submissions, stripped of copies, notes and a decline's words
    const after = await Promise.all(submissionIds.map((id) => deps.repos.submissions.get(ORG, id) as Promise<Submission>));
    expect(after.map((s) => s.state)).toEqual(['declined', 'rejected', 'hired']);
    expect(after.map((s) => s.history.map((h) => h.to))).toEqual(before.map((s) => s.history.map((h) => h.to)));
    const [declined, rejected, hired] = after as [Submission, Submission, Submission];
    expect(declined.history.at(-1)).not.toHaveProperty('reason');
    expect(declined.agreement).toEqual({ agreed: false, by: 'u-adviser-1', at: expect.any(String) });
    expect(rejected.history.at(-1)).toMatchObject({ to: 'rejected', reason: 'experience' });
    expect(rejected.decision).toEqual({ decision: 'reject', reasonCode: 'experience', by: 'u-employer-1', at: expect.any(String) });
    expect(hired).not.toHaveProperty('employerView');
    expect(hired).not.toHaveProperty('note');
    expect(hired.outcome).toEqual({ outcome: 'hired', startDate: '2026-12-07', by: 'u-liaison-1', at: expect.any(String) });
    expect(hired.interview).toEqual({ at: '2026-12-01T10:00:00Z', place: 'Depot', bookedBy: 'u-employer-1', bookedAt: expect.any(String) });
    // Assess: the placement keeps whether they were in work, not what was noted
    const pl = (await deps.repos.placements.get(ORG, placement.id))!;
    expect(pl.checkins[0]!.recorded).toEqual({ inWork: true, by: 'u-adviser-1', at: '2027-03-08T09:00:00.000Z' });
    // Assess: the cohort still counts the completer
    expect(await deps.repos.cohorts.enrolments(ORG, cohort.id)).toEqual([
      expect.objectContaining({ participantId: p.id, status: 'completed' }),
    ]);
    expect((await deps.repos.cohorts.enrolments(ORG, cohort.id))[0]).not.toHaveProperty('note');
    expect(await deps.repos.cohorts.get(ORG, cohort.id)).toMatchObject({ enrolledCount: 1 });
    // Assess: the funnel's counters are untouched
    expect(await deps.repos.stats.funnel(ORG, '2026-01', '2027-12')).toEqual(funnel);
  });

  it('rewrites the notifications that named them, and they no longer point at the participant', async () => {
    // Prepare
    const { p } = await participantEverywhere();
    const inbox = async (user: string) => (await deps.repos.notifications.list(ORG, user, { limit: 100, unreadOnly: false })).items;
    const count = (await inbox('u-adviser-1')).length;
    expect(count).toBeGreaterThan(0);
    // Act
    await eraseParticipant(deps, admin, p.id);
    // Assess
    expect(await deps.repos.notifications.aboutParticipant(ORG, p.id)).toEqual([]);
    for (const user of ['u-adviser-1', 'u-liaison-1']) {
      const items = await inbox(user);
      expect(items.length).toBeGreaterThan(0);
      expect(items.every((n) => n.title === 'About a participant whose data was erased' && n.body === '')).toBe(true);
    }
    expect((await inbox('u-adviser-1')).length).toBe(count);
  });

  it('records the erasure with anonymous counts, and an audit entry after the trail it keeps', async () => {
    // Prepare
    const { p } = await participantEverywhere();
    const trailBefore = (await deps.repos.participants.listAudit(ORG, p.id, { limit: 100 })).items;
    deps.clock.set('2027-03-10T12:00:00Z');
    // Act
    await eraseParticipant(deps, { ...admin, correlationId: 'corr-erase' }, p.id);
    // Assess
    expect(await deps.repos.participants.getErasure(ORG, p.id)).toEqual({
      participantId: p.id,
      erasedAt: '2027-03-10T12:00:00.000Z',
      erasedBy: 'u-admin-1',
      reason: 'request',
      counts: { status: 'placed', readiness: 'green', longTermUnemployed: true },
    });
    const trail = (await listAudit(deps, admin, p.id, { limit: 100 })).items;
    expect(trail.slice(0, -1)).toEqual(trailBefore);
    expect(trail.at(-1)).toMatchObject({
      action: 'participant.erasure',
      actorSub: 'u-admin-1',
      actorRole: 'admin',
      correlationId: 'corr-erase',
      subjectId: p.id,
    });
    // After an erasure the trail is for admins only.
    expect(await failureOf(listAudit(deps, adviser, p.id, { limit: 100 }))).toBeInstanceOf(NotFoundError);
  });

  it('is for admins only (403 for the own adviser), and an unknown participant is 404', async () => {
    // Prepare
    const p = await w.participant();
    const before = deps.snapshot();
    // Act
    const byAdviser = await failureOf(eraseParticipant(deps, adviser, p.id));
    const unknown = await failureOf(eraseParticipant(deps, admin, '01KTEST00000000000000000ZZZ'));
    // Assess
    expect(byAdviser).toBeInstanceOf(ForbiddenError);
    expect(unknown).toBeInstanceOf(NotFoundError);
    expect(deps.snapshot()).toBe(before);
  });

  it('withdraws their live submissions and frees the shortlist places', async () => {
    // Prepare
    const { vacancy } = await w.openVacancy({ positions: 1 });
    const p = await w.participant();
    const s = await w.atInterview(vacancy.id, p);
    // Act
    await eraseParticipant(deps, admin, p.id);
    // Assess
    const after = (await deps.repos.submissions.get(ORG, s.id))!;
    expect(isLive(after)).toBe(false);
    expect(await deps.repos.vacancies.get(ORG, vacancy.id)).toMatchObject({ liveSubmissions: 0 });
  });
});

describe('the retention sweep', () => {
  it('erases participants who exited more than the retention period ago, and only them', async () => {
    // Prepare
    deps.clock.set('2024-01-10T09:00:00Z');
    const old = await w.participant({ lastName: 'Longgone' });
    const recent = await w.participant({ lastName: 'Justleft' });
    const active = await w.participant({ lastName: 'Stillhere' });
    const returned = await w.participant({ lastName: 'Cameback' });
    await updateParticipant(deps, adviser, old.id, { status: 'exited' });
    await updateParticipant(deps, adviser, returned.id, { status: 'exited' });
    deps.clock.set('2024-03-01T09:00:00Z');
    await updateParticipant(deps, adviser, returned.id, { status: 'active' });
    deps.clock.set('2026-10-01T09:00:00Z');
    await updateParticipant(deps, adviser, recent.id, { status: 'exited' });
    deps.clock.set('2026-11-25T10:00:00Z');
    // Act
    const result = await sweepRetention(deps, 730);
    const again = await sweepRetention(deps, 730);
    // Assess
    expect(result).toEqual({ erased: 1, failed: [] });
    expect(again).toEqual({ erased: 0, failed: [] });
    expect(await deps.repos.participants.get(ORG, old.id)).toBeUndefined();
    for (const kept of [recent, active, returned]) expect(await deps.repos.participants.get(ORG, kept.id)).toBeDefined();
    expect(deps.snapshot()).not.toContain('Longgone');
    expect(await deps.repos.participants.getErasure(ORG, old.id)).toMatchObject({
      reason: 'retention',
      erasedBy: 'system',
      counts: { status: 'exited' },
    });
    const trail = (await deps.repos.participants.listAudit(ORG, old.id, { limit: 10 })).items;
    expect(trail.at(-1)).toMatchObject({ action: 'retention.erasure', actorSub: 'system', actorRole: 'system' });
  });

  it('counts the period to the instant: exited exactly 730 days ago is kept, a second earlier is erased', async () => {
    // Prepare
    const [onTheDot, justBefore] = [await w.participant(), await w.participant()];
    deps.clock.set('2024-11-25T10:00:00.000Z');
    await updateParticipant(deps, adviser, onTheDot.id, { status: 'exited' });
    deps.clock.set('2024-11-25T09:59:59.000Z');
    await updateParticipant(deps, adviser, justBefore.id, { status: 'exited' });
    deps.clock.set('2026-11-25T10:00:00.000Z');
    // Act
    const result = await sweepRetention(deps, 730);
    // Assess
    expect(result.erased).toBe(1);
    expect(await deps.repos.participants.get(ORG, justBefore.id)).toBeUndefined();
    expect(await deps.repos.participants.get(ORG, onTheDot.id)).toBeDefined();
  });

  it('re-reads each one: someone who came back, or left again, since the exits index was read is kept', async () => {
    // Prepare: the index (read first) still lists two long-gone exits; by the time each is read, one is
    // active again and the other left again last month.
    const [back, leftAgain] = [await w.participant(), await w.participant()];
    deps.clock.set('2026-10-20T09:00:00Z');
    await updateParticipant(deps, adviser, leftAgain.id, { status: 'exited' });
    deps.clock.set('2026-11-25T10:00:00Z');
    vi.spyOn(deps.repos.participants, 'exitedBefore').mockResolvedValue([
      { orgId: ORG, id: back.id },
      { orgId: ORG, id: leftAgain.id },
    ]);
    // Act
    const result = await sweepRetention(deps, 730);
    // Assess
    vi.restoreAllMocks();
    expect(result).toEqual({ erased: 0, failed: [] });
    expect(await deps.repos.participants.get(ORG, back.id)).toBeDefined();
    expect(await deps.repos.participants.get(ORG, leftAgain.id)).toBeDefined();
  });

  it('goes on past one that cannot be erased, naming it', async () => {
    // Prepare
    deps.clock.set('2024-01-10T09:00:00Z');
    const [a, b] = [await w.participant(), await w.participant()];
    await updateParticipant(deps, adviser, a.id, { status: 'exited' });
    await updateParticipant(deps, adviser, b.id, { status: 'exited' });
    deps.clock.set('2026-11-25T10:00:00Z');
    const list = deps.repos.submissions.listByParticipant.bind(deps.repos.submissions);
    vi.spyOn(deps.repos.submissions, 'listByParticipant').mockImplementation(async (org, id) => {
      if (id === a.id) throw new Error('read failed');
      return list(org, id);
    });
    // Act
    const result = await sweepRetention(deps, 730);
    // Assess
    vi.restoreAllMocks();
    expect(result).toEqual({ erased: 1, failed: [a.id] });
    expect(await deps.repos.participants.get(ORG, a.id)).toBeDefined();
    expect(await deps.repos.participants.get(ORG, b.id)).toBeUndefined();
  });
});
