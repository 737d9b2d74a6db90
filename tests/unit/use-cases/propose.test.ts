import { beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../../shared/domain/actor.js';
import { BusinessRuleError, ConflictError, ForbiddenError, NotFoundError } from '../../../shared/errors.js';
import { updateParticipant } from '../../../shared/use-cases/participants.js';
import { propose, putCohortForward, recordAgreement } from '../../../shared/use-cases/submissions.js';
import { changeEnrolment, enrol } from '../../../shared/use-cases/cohorts.js';
import { fakeDeps, type FakeDeps } from '../../support/fakes/fake-deps.js';
import { admin, adviser, adviserOf, employerUser, failureOf, liaison, scenario, ORG } from '../../support/fakes/scenario.js';

/** Putting candidates forward: shared/use-cases/submissions.ts `propose` (and `putCohortForward`). */
let deps: FakeDeps;
let w: ReturnType<typeof scenario>;

beforeEach(() => {
  deps = fakeDeps({ now: '2026-11-25T10:00:00Z' }); // a Wednesday
  w = scenario(deps);
});

describe('who may propose', () => {
  it.each([
    ['a liaison officer', liaison],
    ['an admin', admin],
  ])('%s may put candidates forward', async (_who, actor: Actor) => {
    // Prepare
    const { vacancy } = await w.openVacancy();
    const p = await w.participant();
    // Act
    const subs = await propose(deps, actor, vacancy.id, { participantIds: [p.id] });
    // Assess
    expect(subs.map((s) => [s.participantId, s.state, s.proposedBy])).toEqual([[p.id, 'proposed', actor.sub]]);
  });

  it.each([
    ['an adviser', adviser],
    ['an employer user', employerUser('01KTEST0000000000000000000Z')],
  ])('%s may not (403), and nothing is written', async (_who, actor: Actor) => {
    // Prepare
    const { vacancy } = await w.openVacancy();
    const p = await w.participant();
    const before = deps.snapshot();
    // Act
    const err = await failureOf(propose(deps, actor, vacancy.id, { participantIds: [p.id] }));
    // Assess
    expect(err).toBeInstanceOf(ForbiddenError);
    expect(err.status).toBe(403);
    expect(deps.snapshot()).toBe(before);
  });
});

describe('a proposal', () => {
  it('starts proposed, for the participant’s adviser to answer within three working days, and counts on both sides', async () => {
    // Prepare
    const { vacancy } = await w.openVacancy();
    const p = await w.participant({ unemployedSince: '2025-06-01' });
    // Act
    const [s] = await propose(deps, liaison, vacancy.id, { participantIds: [p.id], note: 'Strong picker' });
    // Assess: the submission
    expect(s).toMatchObject({
      orgId: ORG,
      vacancyId: vacancy.id,
      vacancyTitle: 'Warehouse operative',
      employerId: vacancy.employerId,
      participantId: p.id,
      adviserId: 'u-adviser-1',
      proposedBy: 'u-liaison-1',
      state: 'proposed',
      guaranteedInterview: false,
      note: 'Strong picker',
      proposedAt: '2026-11-25T10:00:00.000Z',
      agreeBy: '2026-11-30', // Thu, Fri, Mon
      history: [{ from: null, to: 'proposed', at: '2026-11-25T10:00:00.000Z', by: 'u-liaison-1' }],
      version: 1,
    });
    expect(s!.candidateRef).toBe(`C-${s!.id.slice(-6)}`);
    expect(s).not.toHaveProperty('employerView');
    expect(await deps.repos.submissions.get(ORG, s!.id)).toEqual(s);
    // Assess: the counters and the guard
    expect(await deps.repos.vacancies.get(ORG, vacancy.id)).toMatchObject({ liveSubmissions: 1, version: vacancy.version + 1 });
    expect(await deps.repos.participants.get(ORG, p.id)).toMatchObject({
      liveSubmissions: 1,
      lastPutForwardAt: '2026-11-25T10:00:00.000Z',
      version: p.version + 1,
    });
    expect(await deps.repos.submissions.participantsPutForward(ORG, vacancy.id)).toEqual(new Set([p.id]));
    // Assess: the event, with the group labels the funnel counts by
    expect(deps.events.at(-1)).toMatchObject({
      type: 'submission.proposed',
      actorSub: 'u-liaison-1',
      submissionId: s!.id,
      vacancyId: vacancy.id,
      participantId: p.id,
      detail: { ltu: 'yes', readiness: 'green', adviser: 'u-adviser-1' },
    });
  });

  it('refuses an unknown vacancy (404) and one that is not open (422)', async () => {
    // Prepare
    const { employer } = await w.openVacancy();
    const draft = await w.vacancy(employer.id, { status: 'draft' });
    const p = await w.participant();
    const before = deps.snapshot();
    // Act
    const unknown = await failureOf(propose(deps, liaison, '01KTEST00000000000000000ZZZ', { participantIds: [p.id] }));
    const notOpen = await failureOf(propose(deps, liaison, draft.id, { participantIds: [p.id] }));
    // Assess
    expect(unknown).toBeInstanceOf(NotFoundError);
    expect(notOpen).toBeInstanceOf(BusinessRuleError);
    expect(notOpen.message).toContain('this one is draft');
    expect(deps.snapshot()).toBe(before);
  });
});

describe('refusals: all or nothing, each named', () => {
  /** Participants in each state that cannot be put forward, and the words that name it. */
  const cases = {
    'already placed in work': async (vacancyId: string) => {
      const p = await w.participant();
      const other = await w.vacancy((await w.employer()).id, { positions: 1 });
      await w.hired(other.id, p);
      void vacancyId;
      return p.id;
    },
    'has left the programme': async () => {
      const p = await w.participant();
      await updateParticipant(deps, adviser, p.id, { status: 'exited' });
      return p.id;
    },
    'has not consented to be matched': async () => (await w.participant({ consent: { matching: false, shareWithEmployers: [] } })).id,
    'not job-ready (amber)': async () => (await w.participant({ readiness: 'amber' })).id,
    'not job-ready (red)': async () => (await w.participant({ readiness: 'red' })).id,
    'already put forward for this vacancy': async (vacancyId: string) => {
      const p = await w.participant();
      await w.proposed(vacancyId, p);
      return p.id;
    },
    'unknown participant': async () => '01KTEST00000000000000000YYY',
  };

  it.each(Object.keys(cases))('“%s” refuses the shortlist (422) and puts nobody forward', async (reason) => {
    // Prepare
    const { vacancy } = await w.openVacancy({ positions: 3 });
    const fine = await w.participant();
    const refused = await cases[reason as keyof typeof cases](vacancy.id);
    const before = deps.snapshot();
    // Act
    const err = await failureOf(propose(deps, liaison, vacancy.id, { participantIds: [fine.id, refused] }));
    // Assess
    expect(err).toBeInstanceOf(BusinessRuleError);
    expect(err.status).toBe(422);
    expect(err.errors).toEqual([{ path: 'participantIds.1', message: reason }]);
    expect(deps.snapshot()).toBe(before);
  });

  it('names every refusal at once, in request order, and creates nothing for those who could go', async () => {
    // Prepare
    const { vacancy } = await w.openVacancy({ positions: 3 });
    const ok = await w.participant();
    const amber = await w.participant({ readiness: 'amber' });
    const noConsent = await w.participant({ consent: { matching: false, shareWithEmployers: [] } });
    const alsoOk = await w.participant();
    const already = await w.participant();
    await w.proposed(vacancy.id, already);
    const eventsBefore = deps.events.length;
    const before = deps.snapshot();
    // Act
    const err = await failureOf(
      propose(deps, liaison, vacancy.id, { participantIds: [ok.id, amber.id, noConsent.id, alsoOk.id, already.id] }),
    );
    // Assess
    expect(err.errors).toEqual([
      { path: 'participantIds.1', message: 'not job-ready (amber)' },
      { path: 'participantIds.2', message: 'has not consented to be matched' },
      { path: 'participantIds.4', message: 'already put forward for this vacancy' },
    ]);
    expect(deps.snapshot()).toBe(before);
    expect(deps.events.length).toBe(eventsBefore);
    expect(await deps.repos.submissions.listByParticipant(ORG, ok.id)).toEqual([]);
  });

  it('keeps a participant put forward once, whatever became of it: a declined proposal still refuses', async () => {
    // Prepare
    const { vacancy } = await w.openVacancy();
    const p = await w.participant();
    const s = await w.proposed(vacancy.id, p);
    await recordAgreement(deps, adviserOf(p), s.id, { agreed: false, note: 'Not interested' });
    // Act
    const err = await failureOf(propose(deps, liaison, vacancy.id, { participantIds: [p.id] }));
    // Assess
    expect(err.errors).toEqual([{ path: 'participantIds.0', message: 'already put forward for this vacancy' }]);
  });

  it('two officers proposing the same person at once: one proposal lands, the other is refused by name', async () => {
    // Prepare
    const { vacancy } = await w.openVacancy();
    const p = await w.participant();
    // Act
    const results = await Promise.allSettled([
      propose(deps, liaison, vacancy.id, { participantIds: [p.id] }),
      propose(deps, { ...liaison, sub: 'u-liaison-2' }, vacancy.id, { participantIds: [p.id] }),
    ]);
    // Assess
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r): r is PromiseRejectedResult => r.status === 'rejected')!.reason as BusinessRuleError;
    expect(refused.errors).toEqual([{ path: 'participantIds.0', message: 'already put forward for this vacancy' }]);
    expect(await deps.repos.submissions.listByParticipant(ORG, p.id)).toHaveLength(1);
    expect(await deps.repos.participants.get(ORG, p.id)).toMatchObject({ liveSubmissions: 1 });
  });
});

describe('the live cap: positions × 5', () => {
  it('takes up to five live submissions per position and refuses the request that would pass it (409), changing nothing', async () => {
    // Prepare
    const { vacancy } = await w.openVacancy({ positions: 1 });
    const people = await Promise.all(Array.from({ length: 6 }, () => w.participant()));
    await propose(deps, liaison, vacancy.id, { participantIds: people.slice(0, 4).map((p) => p.id) });
    const before = deps.snapshot();
    // Act
    const err = await failureOf(propose(deps, liaison, vacancy.id, { participantIds: people.slice(4, 6).map((p) => p.id) }));
    // Assess
    expect(err).toBeInstanceOf(ConflictError);
    expect(err.status).toBe(409);
    expect(err.message).toBe('The shortlist is full: at most 5 live submissions for 1 position(s), 4 live now, 2 asked');
    expect(deps.snapshot()).toBe(before);
    // …and the fifth place is still there to take.
    expect(await propose(deps, liaison, vacancy.id, { participantIds: [people[4]!.id] })).toHaveLength(1);
    expect(await deps.repos.vacancies.get(ORG, vacancy.id)).toMatchObject({ liveSubmissions: 5 });
  });

  it('scales with positions: ten for two positions', async () => {
    // Prepare
    const { vacancy } = await w.openVacancy({ positions: 2 });
    const people = await Promise.all(Array.from({ length: 11 }, () => w.participant()));
    // Act
    const ten = await propose(deps, liaison, vacancy.id, { participantIds: people.slice(0, 10).map((p) => p.id) });
    const eleventh = await failureOf(propose(deps, liaison, vacancy.id, { participantIds: [people[10]!.id] }));
    // Assess
    expect(ten).toHaveLength(10);
    expect(eleventh).toBeInstanceOf(ConflictError);
  });

  it('counts only live submissions: a declined one frees its place', async () => {
    // Prepare
    const { vacancy } = await w.openVacancy({ positions: 1 });
    const people = await Promise.all(Array.from({ length: 6 }, () => w.participant()));
    const subs = await propose(deps, liaison, vacancy.id, { participantIds: people.slice(0, 5).map((p) => p.id) });
    await recordAgreement(deps, adviserOf(people[0]!), subs[0]!.id, { agreed: false });
    // Act
    const sixth = await propose(deps, liaison, vacancy.id, { participantIds: [people[5]!.id] });
    // Assess
    expect(sixth).toHaveLength(1);
    expect(await deps.repos.vacancies.get(ORG, vacancy.id)).toMatchObject({ liveSubmissions: 5 });
  });

  it('holds when officers shortlist at once: the vacancy’s version makes them queue', async () => {
    // Prepare
    const { vacancy } = await w.openVacancy({ positions: 1 });
    const people = await Promise.all(Array.from({ length: 8 }, () => w.participant()));
    const ids = people.map((p) => p.id);
    // Act
    const results = await Promise.allSettled([
      propose(deps, liaison, vacancy.id, { participantIds: ids.slice(0, 3) }),
      propose(deps, { ...liaison, sub: 'u-liaison-2' }, vacancy.id, { participantIds: ids.slice(3, 6) }),
      propose(deps, { ...liaison, sub: 'u-liaison-3' }, vacancy.id, { participantIds: ids.slice(6, 8) }),
    ]);
    // Assess
    const created = results.flatMap((r) => (r.status === 'fulfilled' ? r.value : []));
    const refused = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
    expect(created.length).toBeGreaterThan(0);
    expect(created.length).toBeLessThanOrEqual(5);
    expect(refused.every((e) => e instanceof ConflictError)).toBe(true);
    expect(await deps.repos.vacancies.get(ORG, vacancy.id)).toMatchObject({ liveSubmissions: created.length });
    expect(await deps.repos.submissions.listAllByVacancy(ORG, vacancy.id)).toHaveLength(created.length);
  });
});

describe('a guaranteed-interview cohort put forward together', () => {
  it('proposes the completers who can go, flagged guaranteedInterview, and names those skipped', async () => {
    // Prepare
    const { vacancy } = await w.openVacancy({ positions: 2 });
    const cohort = await w.cohort({ guaranteedInterview: true, linkedVacancyIds: [vacancy.id] });
    const [x, y, amber, notDone] = [
      await w.participant(),
      await w.participant(),
      await w.participant({ readiness: 'amber' }),
      await w.participant(),
    ];
    for (const p of [x, y, amber, notDone]) await enrol(deps, adviser, cohort.id, p.id);
    for (const p of [x, y, amber]) await changeEnrolment(deps, adviser, cohort.id, p.id, { status: 'completed' });
    // Act
    const out = await putCohortForward(deps, liaison, cohort.id, vacancy.id);
    // Assess
    expect(out.submissions.map((s) => s.participantId).sort()).toEqual([x.id, y.id].sort());
    expect(out.submissions.every((s) => s.guaranteedInterview)).toBe(true);
    expect(out.skipped).toEqual([{ participantId: amber.id, reason: 'not job-ready (amber)' }]);
  });

  it('refuses a cohort that carries no guaranteed interview, or is not linked to the vacancy (422)', async () => {
    // Prepare
    const { vacancy } = await w.openVacancy();
    const plain = await w.cohort({ guaranteedInterview: false, linkedVacancyIds: [vacancy.id] });
    const unlinked = await w.cohort({ guaranteedInterview: true });
    // Act
    const notGuaranteed = await failureOf(putCohortForward(deps, liaison, plain.id, vacancy.id));
    const notLinked = await failureOf(putCohortForward(deps, liaison, unlinked.id, vacancy.id));
    // Assess
    expect(notGuaranteed).toBeInstanceOf(BusinessRuleError);
    expect(notGuaranteed.message).toContain('does not carry a guaranteed interview');
    expect(notLinked).toBeInstanceOf(BusinessRuleError);
    expect(notLinked.message).toContain('not linked');
  });
});
