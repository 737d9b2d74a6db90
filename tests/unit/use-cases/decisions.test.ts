import { beforeEach, describe, expect, it } from 'vitest';
import { DecisionInput, InterviewInput } from '../../../shared/domain/submission.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../../shared/errors.js';
import { bookInterview, recordDecision } from '../../../shared/use-cases/submissions.js';
import { fakeDeps, type FakeDeps } from '../../support/fakes/fake-deps.js';
import { adviser, employerUser, failureOf, liaison, scenario, ORG } from '../../support/fakes/scenario.js';

/** The employer's decision and the interview: shared/use-cases/submissions.ts `recordDecision`, `bookInterview`. */
let deps: FakeDeps;
let w: ReturnType<typeof scenario>;

beforeEach(() => {
  deps = fakeDeps({ now: '2026-11-25T10:00:00Z' });
  w = scenario(deps);
});

describe('who decides', () => {
  it('the vacancy’s employer invites to interview; the adviser and officer will hear', async () => {
    // Prepare
    const { vacancy, employerActor } = await w.openVacancy();
    const p = await w.participant();
    const s = await w.submitted(vacancy.id, p);
    // Act
    const next = await recordDecision(deps, employerActor, s.id, { decision: 'interview' });
    // Assess
    expect(next).toMatchObject({
      state: 'interview',
      decision: { decision: 'interview', by: 'u-employer-1', at: '2026-11-25T10:00:00.000Z' },
      version: s.version + 1,
    });
    expect(next.history.at(-1)).toEqual({ from: 'submitted', to: 'interview', at: '2026-11-25T10:00:00.000Z', by: 'u-employer-1' });
    expect(await deps.repos.submissions.get(ORG, s.id)).toEqual(next);
    expect(deps.events.at(-1)).toMatchObject({ type: 'submission.invited', submissionId: s.id, detail: { readiness: 'green' } });
    // An interview keeps the shortlist place.
    expect(await deps.repos.vacancies.get(ORG, vacancy.id)).toMatchObject({ liveSubmissions: 1 });
  });

  it('another employer’s user gets 404, and nothing is written', async () => {
    // Prepare
    const { vacancy } = await w.openVacancy();
    const other = await w.employer();
    const p = await w.participant();
    const s = await w.submitted(vacancy.id, p);
    const before = deps.snapshot();
    // Act
    const err = await failureOf(
      recordDecision(deps, employerUser(other.id, 'u-employer-9'), s.id, { decision: 'reject', reasonCode: 'skills' }),
    );
    // Assess
    expect(err).toBeInstanceOf(NotFoundError);
    expect(err.status).toBe(404);
    expect(deps.snapshot()).toBe(before);
  });

  it('the employer cannot decide on a candidate the adviser has not agreed (404: not shown yet)', async () => {
    // Prepare
    const { vacancy, employerActor } = await w.openVacancy();
    const p = await w.participant();
    const s = await w.proposed(vacancy.id, p);
    // Act
    const err = await failureOf(recordDecision(deps, employerActor, s.id, { decision: 'interview' }));
    // Assess
    expect(err).toBeInstanceOf(NotFoundError);
  });

  it('a liaison officer may record it on the employer’s behalf; an adviser may not (403)', async () => {
    // Prepare
    const { vacancy } = await w.openVacancy();
    const p = await w.participant();
    const s = await w.submitted(vacancy.id, p);
    // Act
    const byAdviser = await failureOf(recordDecision(deps, adviser, s.id, { decision: 'interview' }));
    const byLiaison = await recordDecision(deps, liaison, s.id, { decision: 'interview' });
    // Assess
    expect(byAdviser).toBeInstanceOf(ForbiddenError);
    expect(byLiaison.decision).toMatchObject({ decision: 'interview', by: 'u-liaison-1' });
  });
});

describe('rejection', () => {
  it('needs a reason code, and words when the reason is “other” (the request schema refuses it otherwise)', () => {
    // Prepare, Act
    const noReason = DecisionInput.safeParse({ decision: 'reject' });
    const otherWithoutWords = DecisionInput.safeParse({ decision: 'reject', reasonCode: 'other' });
    const fine = DecisionInput.safeParse({ decision: 'reject', reasonCode: 'availability' });
    // Assess
    expect(noReason.success).toBe(false);
    expect(noReason.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['reasonCode', 'a rejection needs a reason code']]);
    expect(otherWithoutWords.error?.issues.map((i) => i.path.join('.'))).toEqual(['note']);
    expect(fine.success).toBe(true);
  });

  it('records the reason, frees the place and the participant’s count, and tells the adviser why', async () => {
    // Prepare
    const { vacancy, employerActor } = await w.openVacancy();
    const p = await w.participant();
    const s = await w.submitted(vacancy.id, p);
    // Act
    const next = await recordDecision(deps, employerActor, s.id, {
      decision: 'reject',
      reasonCode: 'experience',
      note: 'Needs warehouse time',
    });
    // Assess
    expect(next).toMatchObject({
      state: 'rejected',
      decision: { decision: 'reject', reasonCode: 'experience', note: 'Needs warehouse time', by: 'u-employer-1' },
    });
    expect(next.history.at(-1)).toMatchObject({ from: 'submitted', to: 'rejected', reason: 'experience' });
    expect(await deps.repos.vacancies.get(ORG, vacancy.id)).toMatchObject({ liveSubmissions: 0 });
    expect(await deps.repos.participants.get(ORG, p.id)).toMatchObject({ liveSubmissions: 0 });
    expect(deps.events.at(-1)).toMatchObject({ type: 'submission.rejected', detail: { reasonCode: 'experience' } });
  });
});

describe('only a submitted candidate is decided on', () => {
  it.each(['interview', 'rejected'] as const)('a candidate already %s is 409, unchanged', async (state) => {
    // Prepare
    const { vacancy, employerActor } = await w.openVacancy();
    const p = await w.participant();
    const s = await w.submitted(vacancy.id, p);
    await recordDecision(
      deps,
      employerActor,
      s.id,
      state === 'interview' ? { decision: 'interview' } : { decision: 'reject', reasonCode: 'skills' },
    );
    const before = deps.snapshot();
    // Act
    const err = await failureOf(recordDecision(deps, employerActor, s.id, { decision: 'interview' }));
    // Assess
    expect(err).toBeInstanceOf(ConflictError);
    expect(err.message).toBe(`Only a submitted candidate can be decided on; this one is ${state}`);
    expect(deps.snapshot()).toBe(before);
  });

  it('a proposal still waiting for its adviser is 409 for the liaison officer too', async () => {
    // Prepare
    const { vacancy } = await w.openVacancy();
    const p = await w.participant();
    const s = await w.proposed(vacancy.id, p);
    // Act
    const err = await failureOf(recordDecision(deps, liaison, s.id, { decision: 'interview' }));
    // Assess
    expect(err).toBeInstanceOf(ConflictError);
  });
});

describe('booking the interview', () => {
  it('is recorded with where, when and who, once the employer has invited; the adviser hears', async () => {
    // Prepare
    const { vacancy, employerActor } = await w.openVacancy();
    const p = await w.participant();
    const s = await w.atInterview(vacancy.id, p);
    // Act
    const next = await bookInterview(
      deps,
      employerActor,
      s.id,
      InterviewInput.parse({ at: '2026-12-01T10:00:00Z', place: 'Hartley depot, Hunslet', note: 'Bring ID' }),
    );
    // Assess
    expect(next).toMatchObject({
      state: 'interview',
      interview: {
        at: '2026-12-01T10:00:00Z',
        place: 'Hartley depot, Hunslet',
        note: 'Bring ID',
        bookedBy: 'u-employer-1',
        bookedAt: '2026-11-25T10:00:00.000Z',
      },
      version: s.version + 1,
    });
    expect(next.history).toEqual(s.history);
    expect(deps.events.at(-1)).toMatchObject({ type: 'submission.interview-booked', submissionId: s.id });
  });

  it('only at interview: before the employer invites it is 409', async () => {
    // Prepare
    const { vacancy, employerActor } = await w.openVacancy();
    const p = await w.participant();
    const s = await w.submitted(vacancy.id, p);
    const before = deps.snapshot();
    // Act
    const err = await failureOf(bookInterview(deps, employerActor, s.id, { at: '2026-12-01T10:00:00Z', place: 'Depot' }));
    // Assess
    expect(err).toBeInstanceOf(ConflictError);
    expect(err.message).toBe('An interview is booked after the employer invites; this submission is submitted');
    expect(deps.snapshot()).toBe(before);
  });

  it('not in the past (400, naming the field), and nothing is written', async () => {
    // Prepare
    const { vacancy, employerActor } = await w.openVacancy();
    const p = await w.participant();
    const s = await w.atInterview(vacancy.id, p);
    const before = deps.snapshot();
    // Act
    const err = await failureOf(bookInterview(deps, employerActor, s.id, { at: '2026-11-25T09:59:59Z', place: 'Depot' }));
    // Assess
    expect(err).toBeInstanceOf(ValidationError);
    expect(err.status).toBe(400);
    expect(err.errors).toEqual([{ path: 'at', message: 'must be in the future' }]);
    expect(deps.snapshot()).toBe(before);
  });

  it('another employer’s user gets 404', async () => {
    // Prepare
    const { vacancy } = await w.openVacancy();
    const other = await w.employer();
    const p = await w.participant();
    const s = await w.atInterview(vacancy.id, p);
    // Act
    const err = await failureOf(
      bookInterview(deps, employerUser(other.id, 'u-employer-9'), s.id, { at: '2026-12-01T10:00:00Z', place: 'Depot' }),
    );
    // Assess
    expect(err).toBeInstanceOf(NotFoundError);
  });
});
