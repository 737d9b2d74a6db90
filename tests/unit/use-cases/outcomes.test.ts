import { beforeEach, describe, expect, it } from 'vitest';
import { OutcomeInput, type Placement, type Submission } from '../../../shared/domain/submission.js';
import { ConflictError, NotFoundError } from '../../../shared/errors.js';
import { recordAgreement, recordDecision, recordOutcome } from '../../../shared/use-cases/submissions.js';
import { updateVacancy } from '../../../shared/use-cases/vacancies.js';
import { fakeDeps, type FakeDeps } from '../../support/fakes/fake-deps.js';
import { adviserOf, employerUser, failureOf, liaison, scenario, ORG } from '../../support/fakes/scenario.js';

/** Outcomes: shared/use-cases/submissions.ts `recordOutcome` and `withdrawRemaining`. */
let deps: FakeDeps;
let w: ReturnType<typeof scenario>;

beforeEach(() => {
  deps = fakeDeps({ now: '2026-11-25T10:00:00Z' });
  w = scenario(deps);
});

const stored = (id: string) => deps.repos.submissions.get(ORG, id) as Promise<Submission>;

describe('a hire', () => {
  it('creates the placement with its 13- and 26-week check-ins, marks the participant placed and counts the position', async () => {
    // Prepare
    const { vacancy } = await w.openVacancy({ positions: 2 });
    const p = await w.participant();
    const s = await w.atInterview(vacancy.id, p);
    // Act
    const { submission, placement } = (await recordOutcome(deps, liaison, s.id, {
      outcome: 'hired',
      startDate: '2026-12-07',
      note: 'Starts on days',
    })) as { submission: Submission; placement?: Placement };
    // Assess: the placement
    expect(placement).toEqual({
      id: submission.placementId,
      orgId: ORG,
      submissionId: s.id,
      vacancyId: vacancy.id,
      vacancyTitle: 'Warehouse operative',
      employerId: vacancy.employerId,
      participantId: p.id,
      adviserId: 'u-adviser-1',
      startDate: '2026-12-07',
      // No programme recorded: the default's schedule, 13 weeks (its job outcome) and 26.
      outcomeSchedule: { programme: 'standard' },
      checkins: [
        { milestone: 13, kind: 'job-outcome', dueOn: '2027-03-08' },
        { milestone: 26, kind: 'check-in', dueOn: '2027-06-07' },
      ],
      // Green readiness: the standard in-work support template; aftercare for the employer's account manager.
      support: {
        status: 'active',
        template: 'standard',
        way: 'any',
        contacts: [1, 7, 14, 28, 42, 70, 91].map((day) => ({ day, dueOn: expect.any(String) })),
        aftercare: [
          { week: 1, dueOn: '2026-12-14' },
          { week: 4, dueOn: '2027-01-04' },
        ],
        liaisonId: 'u-liaison-1',
        chosenBy: 'system',
        chosenAt: '2026-11-25T10:00:00.000Z',
      },
      createdAt: '2026-11-25T10:00:00.000Z',
      version: 1,
    });
    expect(await deps.repos.placements.get(ORG, placement!.id)).toEqual(placement);
    // Assess: the submission, the participant, the vacancy (one of two positions: still open)
    expect(submission).toMatchObject({
      state: 'hired',
      outcome: { outcome: 'hired', startDate: '2026-12-07', note: 'Starts on days', by: 'u-liaison-1' },
    });
    expect(await stored(s.id)).toEqual(submission);
    expect(await deps.repos.participants.get(ORG, p.id)).toMatchObject({ status: 'placed', liveSubmissions: 0 });
    expect(await deps.repos.vacancies.get(ORG, vacancy.id)).toMatchObject({ status: 'open', filledPositions: 1, liveSubmissions: 0 });
    expect(deps.events.at(-1)).toMatchObject({
      type: 'submission.hired',
      submissionId: s.id,
      placementId: placement!.id,
      detail: { readiness: 'green', ltu: 'yes' },
    });
    // A placed participant leaves every matching pool.
    expect((await deps.repos.pool.profilesInArea(ORG, 'LS')).map((x) => x.id)).not.toContain(p.id);
  });

  it('recorded by the employer answers with the employer’s view of the candidate, and no placement (it names the participant)', async () => {
    // Prepare
    const { vacancy, employerActor } = await w.openVacancy();
    const p = await w.participant();
    const s = await w.atInterview(vacancy.id, p);
    // Act
    const out = await recordOutcome(deps, employerActor, s.id, { outcome: 'hired', startDate: '2026-12-07' });
    // Assess
    expect(out).not.toHaveProperty('placement');
    expect(out.submission).toMatchObject({
      id: s.id,
      state: 'hired',
      candidate: { candidateRef: s.candidateRef },
      outcome: { outcome: 'hired', startDate: '2026-12-07' },
    });
    expect(JSON.stringify(out)).not.toMatch(new RegExp(`${p.id}|u-adviser-1|Walsh`));
    // The placement is made all the same.
    expect(await deps.repos.placements.listOf(ORG, p.id)).toHaveLength(1);
  });

  it('at the last position fills the vacancy and withdraws the other live candidates with “position-filled”', async () => {
    // Prepare
    const { vacancy, employerActor } = await w.openVacancy({ positions: 1 });
    const [hiree, waiting, proposed, declined] = [
      await w.participant(),
      await w.participant(),
      await w.participant(),
      await w.participant(),
    ];
    const s = await w.atInterview(vacancy.id, hiree);
    const submitted = await w.submitted(vacancy.id, waiting);
    const justProposed = await w.proposed(vacancy.id, proposed);
    const wasDeclined = await w.proposed(vacancy.id, declined);
    await recordAgreement(deps, adviserOf(declined), wasDeclined.id, { agreed: false });
    const declinedBefore = await stored(wasDeclined.id);
    // Act
    await recordOutcome(deps, employerActor, s.id, { outcome: 'hired', startDate: '2026-12-07' });
    // Assess: the vacancy is filled, by the hire
    const v = (await deps.repos.vacancies.get(ORG, vacancy.id))!;
    expect(v).toMatchObject({ status: 'filled', filledPositions: 1, liveSubmissions: 0 });
    expect(v.statusHistory.at(-1)).toEqual({
      from: 'open',
      to: 'filled',
      at: '2026-11-25T10:00:00.000Z',
      by: 'u-employer-1',
      reason: 'all positions hired',
    });
    // Assess: the live ones are withdrawn and their people's counts freed; the declined one is left alone
    for (const [sub, person] of [
      [submitted, waiting],
      [justProposed, proposed],
    ] as const) {
      const now = await stored(sub.id);
      expect(now).toMatchObject({
        state: 'withdrawn',
        outcome: { outcome: 'withdrawn', reasonCode: 'position-filled', by: 'u-employer-1' },
      });
      expect(now.history.at(-1)).toMatchObject({ to: 'withdrawn', reason: 'position-filled' });
      expect(await deps.repos.participants.get(ORG, person.id)).toMatchObject({ status: 'active', liveSubmissions: 0 });
    }
    expect(await stored(wasDeclined.id)).toEqual(declinedBefore);
    const withdrawals = deps.events.filter((e) => e.type === 'submission.withdrawn');
    expect(withdrawals.map((e) => [e.submissionId, e.detail?.reasonCode]).sort()).toEqual(
      [
        [submitted.id, 'position-filled'],
        [justProposed.id, 'position-filled'],
      ].sort(),
    );
  });

  it('ends the participant’s other live submissions: someone in work is not put forward, agreed or hired elsewhere', async () => {
    // Prepare: live for three other vacancies, at every live stage.
    const p = await w.participant();
    const elsewhere = [
      await w.proposed((await w.openVacancy()).vacancy.id, p),
      await w.submitted((await w.openVacancy()).vacancy.id, p),
      await w.atInterview((await w.openVacancy()).vacancy.id, p),
    ];
    const { vacancy } = await w.openVacancy({ positions: 2 });
    const s = await w.atInterview(vacancy.id, p);
    // Act
    await recordOutcome(deps, liaison, s.id, { outcome: 'hired', startDate: '2026-12-07' });
    // Assess
    for (const e of elsewhere) {
      const after = await stored(e.id);
      expect(after.state).toBe('withdrawn');
      expect(after.history.at(-1)?.reason).toBe('participant-placed');
    }
    expect((await deps.repos.participants.get(ORG, p.id))!.liveSubmissions ?? 0).toBe(0);
    expect(deps.events.filter((e) => e.type === 'submission.withdrawn' && e.detail?.reasonCode === 'participant-placed')).toHaveLength(3);
  });

  it('on a vacancy already filled is 409, saying so, and changes nothing', async () => {
    // Prepare: the vacancy was filled by another hire whose withdrawals have not reached this candidate yet.
    const { vacancy, employerActor } = await w.openVacancy({ positions: 1 });
    const p = await w.participant();
    const s = await w.atInterview(vacancy.id, p);
    const v = (await deps.repos.vacancies.get(ORG, vacancy.id))!;
    await deps.repos.vacancies.update(v, { ...v, status: 'filled', filledPositions: 1, version: v.version + 1 });
    const before = deps.snapshot();
    // Act
    const err = await failureOf(recordOutcome(deps, employerActor, s.id, { outcome: 'hired', startDate: '2026-12-07' }));
    // Assess
    expect(err).toBeInstanceOf(ConflictError);
    expect(err.status).toBe(409);
    expect(err.message).toContain('Every position of this vacancy is filled (1 of 1)');
    expect(err.extra).toEqual({ filledPositions: 1, positions: 1, vacancyStatus: 'filled' });
    expect(deps.snapshot()).toBe(before);
  });

  it('on an open vacancy whose positions were cut to those already filled is 409 too', async () => {
    // Prepare: two positions, one hired, then cut to one (the vacancy stays open).
    const { vacancy } = await w.openVacancy({ positions: 2 });
    const [a, b] = [await w.participant(), await w.participant()];
    await w.hired(vacancy.id, a);
    const sb = await w.atInterview(vacancy.id, b);
    await updateVacancy(deps, liaison, vacancy.id, { positions: 1 });
    const before = deps.snapshot();
    // Act
    const err = await failureOf(recordOutcome(deps, liaison, sb.id, { outcome: 'hired', startDate: '2026-12-07' }));
    // Assess
    expect(err).toBeInstanceOf(ConflictError);
    expect(err.extra).toEqual({ filledPositions: 1, positions: 1, vacancyStatus: 'open' });
    expect(deps.snapshot()).toBe(before);
  });

  it('two hires racing for the last position: one placement, the other 409', async () => {
    // Prepare
    const { vacancy, employerActor } = await w.openVacancy({ positions: 1 });
    const [a, b] = [await w.participant(), await w.participant()];
    const [sa, sb] = [await w.atInterview(vacancy.id, a), await w.atInterview(vacancy.id, b)];
    // Act
    const results = await Promise.allSettled([
      recordOutcome(deps, employerActor, sa.id, { outcome: 'hired', startDate: '2026-12-07' }),
      recordOutcome(deps, liaison, sb.id, { outcome: 'hired', startDate: '2026-12-07' }),
    ]);
    // Assess
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toBeInstanceOf(ConflictError);
    expect(await deps.repos.vacancies.get(ORG, vacancy.id)).toMatchObject({ status: 'filled', filledPositions: 1, liveSubmissions: 0 });
    const placements = [...(await deps.repos.placements.listOf(ORG, a.id)), ...(await deps.repos.placements.listOf(ORG, b.id))];
    expect(placements).toHaveLength(1);
  });

  it('still happens on a vacancy closed to new candidates but interviewing; not on a withdrawn one', async () => {
    // Prepare
    const closed = await w.openVacancy({ positions: 1 });
    const withdrawn = await w.openVacancy({ positions: 1 });
    const [p, q] = [await w.participant(), await w.participant()];
    const sp = await w.atInterview(closed.vacancy.id, p);
    const sq = await w.atInterview(withdrawn.vacancy.id, q);
    await updateVacancy(deps, liaison, closed.vacancy.id, { status: 'closed' });
    const v = (await deps.repos.vacancies.get(ORG, withdrawn.vacancy.id))!;
    await deps.repos.vacancies.update(v, { ...v, status: 'withdrawn', version: v.version + 1 });
    // Act
    const hired = await recordOutcome(deps, liaison, sp.id, { outcome: 'hired', startDate: '2026-12-07' });
    const refused = await failureOf(recordOutcome(deps, liaison, sq.id, { outcome: 'hired', startDate: '2026-12-07' }));
    // Assess
    expect(hired.submission.state).toBe('hired');
    expect(await deps.repos.vacancies.get(ORG, closed.vacancy.id)).toMatchObject({ status: 'filled', filledPositions: 1 });
    expect(refused).toBeInstanceOf(ConflictError);
    expect(refused.extra).toMatchObject({ vacancyStatus: 'withdrawn' });
  });

  it('needs a start date (the request schema), and an interview first (409)', async () => {
    // Prepare
    const { vacancy, employerActor } = await w.openVacancy();
    const p = await w.participant();
    const s = await w.submitted(vacancy.id, p);
    // Act
    const noStart = OutcomeInput.safeParse({ outcome: 'hired' });
    const tooEarly = await failureOf(recordOutcome(deps, employerActor, s.id, { outcome: 'hired', startDate: '2026-12-07' }));
    // Assess
    expect(noStart.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['startDate', 'a hire needs a start date']]);
    expect(tooEarly).toBeInstanceOf(ConflictError);
    expect(tooEarly.message).toBe('A hired outcome needs a submission in interview, trial-passed or offer-accepted; this one is submitted');
  });
});

describe('not hired', () => {
  it('after an interview, with a reason (the schema insists), frees the place and tells the adviser', async () => {
    // Prepare
    const { vacancy, employerActor } = await w.openVacancy();
    const p = await w.participant();
    const s = await w.atInterview(vacancy.id, p);
    // Act
    const noReason = OutcomeInput.safeParse({ outcome: 'not-hired' });
    await recordOutcome(deps, employerActor, s.id, { outcome: 'not-hired', reasonCode: 'did-not-attend' });
    // Assess
    const submission = await stored(s.id);
    expect(noReason.error?.issues.map((i) => i.path.join('.'))).toEqual(['reasonCode']);
    expect(submission).toMatchObject({ state: 'not-hired', outcome: { outcome: 'not-hired', reasonCode: 'did-not-attend' } });
    expect(submission.history.at(-1)).toMatchObject({ from: 'interview', to: 'not-hired', reason: 'did-not-attend' });
    expect(await deps.repos.participants.get(ORG, p.id)).toMatchObject({ status: 'active', liveSubmissions: 0 });
    expect(await deps.repos.vacancies.get(ORG, vacancy.id)).toMatchObject({ liveSubmissions: 0, filledPositions: 0 });
    expect(deps.events.at(-1)).toMatchObject({ type: 'submission.not-hired', detail: { reasonCode: 'did-not-attend' } });
  });
});

describe('withdrawal', () => {
  it.each(['proposed', 'submitted', 'interview'] as const)('from %s: withdrawn, place freed, adviser told', async (state) => {
    // Prepare
    const { vacancy } = await w.openVacancy();
    const p = await w.participant();
    const s =
      state === 'proposed'
        ? await w.proposed(vacancy.id, p)
        : state === 'submitted'
          ? await w.submitted(vacancy.id, p)
          : await w.atInterview(vacancy.id, p);
    // Act
    await recordOutcome(deps, liaison, s.id, { outcome: 'withdrawn', reasonCode: 'offer-declined' });
    // Assess
    const submission = await stored(s.id);
    expect(submission).toMatchObject({
      state: 'withdrawn',
      outcome: { outcome: 'withdrawn', reasonCode: 'offer-declined', by: 'u-liaison-1' },
    });
    expect(submission.history.at(-1)).toMatchObject({ from: state, to: 'withdrawn', reason: 'offer-declined' });
    expect(await deps.repos.vacancies.get(ORG, vacancy.id)).toMatchObject({ liveSubmissions: 0 });
    expect(await deps.repos.participants.get(ORG, p.id)).toMatchObject({ liveSubmissions: 0 });
    expect(deps.events.at(-1)).toMatchObject({
      type: 'submission.withdrawn',
      submissionId: s.id,
      detail: { reasonCode: 'offer-declined' },
    });
  });

  it.each(['declined', 'rejected', 'hired'] as const)('not once %s (409), unchanged', async (state) => {
    // Prepare
    const { vacancy, employerActor } = await w.openVacancy();
    const p = await w.participant();
    let s: Submission;
    if (state === 'declined') s = await recordAgreement(deps, adviserOf(p), (await w.proposed(vacancy.id, p)).id, { agreed: false });
    else if (state === 'rejected')
      s = await recordDecision(deps, employerActor, (await w.submitted(vacancy.id, p)).id, { decision: 'reject', reasonCode: 'skills' });
    else s = (await w.hired(vacancy.id, p)).submission as Submission;
    const before = deps.snapshot();
    // Act
    const err = await failureOf(recordOutcome(deps, liaison, s.id, { outcome: 'withdrawn' }));
    // Assess
    expect(err).toBeInstanceOf(ConflictError);
    expect(err.message).toBe(
      `A withdrawn outcome needs a submission in proposed, submitted, interview, trial, trial-passed, offered or offer-accepted; this one is ${state}`,
    );
    expect(deps.snapshot()).toBe(before);
  });

  it('another employer cannot record any outcome (404)', async () => {
    // Prepare
    const { vacancy } = await w.openVacancy();
    const other = await w.employer();
    const p = await w.participant();
    const s = await w.atInterview(vacancy.id, p);
    // Act
    const err = await failureOf(recordOutcome(deps, employerUser(other.id, 'u-employer-9'), s.id, { outcome: 'withdrawn' }));
    // Assess
    expect(err).toBeInstanceOf(NotFoundError);
  });
});

describe('a vacancy that can take nobody more', () => {
  it.each([
    ['filled', 'position-filled'],
    ['withdrawn', 'vacancy-withdrawn'],
  ] as const)('marked %s, lets its live candidates go with “%s”', async (status, reason) => {
    // Prepare
    const { vacancy } = await w.openVacancy();
    const [a, b] = [await w.participant(), await w.participant()];
    const [sa, sb] = [await w.proposed(vacancy.id, a), await w.atInterview(vacancy.id, b)];
    // Act
    await updateVacancy(deps, liaison, vacancy.id, { status });
    // Assess
    for (const s of [sa, sb]) expect(await stored(s.id)).toMatchObject({ state: 'withdrawn', outcome: { reasonCode: reason } });
    expect(await deps.repos.vacancies.get(ORG, vacancy.id)).toMatchObject({ status, liveSubmissions: 0 });
  });
});
