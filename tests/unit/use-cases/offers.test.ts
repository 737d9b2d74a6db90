import { beforeEach, describe, expect, it } from 'vitest';
import {
  LIVE_STATES,
  mayMove,
  OfferInput,
  OfferResponseInput,
  SUBMISSION_STATES,
  SUBMISSION_TRANSITIONS,
  type Submission,
  submissionDue,
  transition,
  TrialInput,
  TrialResultInput,
} from '../../../shared/domain/submission.js';
import { ContactCreate } from '../../../shared/domain/employer.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../../shared/errors.js';
import { addContact } from '../../../shared/use-cases/employers.js';
import { listNotifications } from '../../../shared/use-cases/notifications.js';
import { makeOffer, recordTrialResult, respondToOffer, scheduleTrial } from '../../../shared/use-cases/offers.js';
import { eraseParticipant } from '../../../shared/use-cases/subject-rights.js';
import { getSubmission, recordOutcome } from '../../../shared/use-cases/submissions.js';
import { sweepDue } from '../../../shared/use-cases/sweep.js';
import { updateVacancy } from '../../../shared/use-cases/vacancies.js';
import { fakeDeps, type FakeDeps } from '../../support/fakes/fake-deps.js';
import {
  admin,
  adviser,
  adviserOf,
  deliverAll,
  employerUser,
  failureOf,
  liaison,
  ORG,
  otherAdviser,
  scenario,
} from '../../support/fakes/scenario.js';

/**
 * After the interview: the work trial and the job offer (shared/use-cases/offers.ts), the state machine
 * they move along (shared/domain/submission.ts), the sweeper's deadlines for them and who hears of each.
 */
let deps: FakeDeps;
let w: ReturnType<typeof scenario>;

beforeEach(() => {
  // A Wednesday: 5 working days on is Wednesday 2 December, 5 more is Wednesday 9 December.
  deps = fakeDeps({ now: '2026-11-25T10:00:00Z' });
  w = scenario(deps);
});

const stored = (id: string) => deps.repos.submissions.get(ORG, id) as Promise<Submission>;
const typesSince = (n: number) => deps.events.slice(n).map((e) => e.type);
const TRIAL = { startsOn: '2026-11-30', endsOn: '2026-12-04', place: 'Hartley Logistics, Stourton depot' } as const;

async function inbox(userId: string) {
  const actor = userId.startsWith('employer:')
    ? employerUser(userId.slice('employer:'.length))
    : { sub: userId, role: userId.includes('adviser') ? ('adviser' as const) : ('liaison' as const), orgId: ORG };
  return (await listNotifications(deps, actor, { limit: 100 })).items;
}

/** A candidate at interview, with the employer user who decides. */
async function atInterview(over: Record<string, unknown> = {}) {
  const { vacancy, employerActor } = await w.openVacancy(over);
  const p = await w.participant();
  const s = await w.atInterview(vacancy.id, p);
  return { vacancy, employerActor, p, s };
}

describe('the state machine', () => {
  it('every live state can be withdrawn, terminal states go nowhere, and live states are exactly those with a way on', () => {
    for (const state of SUBMISSION_STATES) {
      const live = LIVE_STATES.includes(state);
      expect(SUBMISSION_TRANSITIONS[state].length > 0, state).toBe(live);
      expect(mayMove(state, 'withdrawn'), state).toBe(live);
    }
  });

  it('after the interview: a trial, an offer or the outcome; an offer waits for its answer before a hire', () => {
    expect(SUBMISSION_TRANSITIONS.interview).toEqual(['trial', 'offered', 'hired', 'not-hired', 'withdrawn']);
    expect(SUBMISSION_TRANSITIONS.trial).toEqual(['trial-passed', 'trial-failed', 'withdrawn']);
    expect(mayMove('trial-passed', 'offered')).toBe(true);
    expect(mayMove('trial-passed', 'hired')).toBe(true);
    expect(mayMove('offered', 'hired')).toBe(false);
    expect(mayMove('offer-accepted', 'hired')).toBe(true);
    expect(mayMove('submitted', 'offered')).toBe(false);
    expect(mayMove('trial-failed', 'offered')).toBe(false);
  });

  it('transition refuses a move the machine does not allow', async () => {
    const { s } = await atInterview();
    expect(() => transition(s, 'submitted', 'u-liaison-1', '2026-11-25T10:00:00Z')).toThrow('cannot move from interview to submitted');
  });

  it('each state’s next deadline for the sweeper: the trial’s result the day after it ends (then a chase), the offer’s answer, then its lapse, then the hire', async () => {
    const { s } = await atInterview();
    const trial = { ...TRIAL, bookedBy: 'u-liaison-1', bookedAt: '2026-11-25T10:00:00Z' };
    expect(submissionDue(s)).toBeUndefined();
    expect(submissionDue({ ...s, state: 'trial', trial })).toBe('2026-12-05');
    // Asked once: chased 5 working days later (from Saturday 5 December), then nothing more.
    expect(submissionDue({ ...s, state: 'trial', trial: { ...trial, reminderSentAt: '2026-12-05T01:00:00Z' } })).toBe('2026-12-11');
    const chased = { ...trial, reminderSentAt: '2026-12-05T01:00:00Z', chasedAt: '2026-12-11T01:00:00Z' };
    expect(submissionDue({ ...s, state: 'trial', trial: chased })).toBeUndefined();
    const passed = { ...trial, result: { passed: true, by: 'u-employer-1', at: '2026-12-07T10:00:00Z' } };
    expect(submissionDue({ ...s, state: 'trial-passed', trial: passed })).toBe('2026-12-14');
    expect(
      submissionDue({ ...s, state: 'trial-passed', trial: { ...passed, decisionReminderSentAt: '2026-12-14T01:00:00Z' } }),
    ).toBeUndefined();
    const offer = { respondBy: '2026-12-02', lapsesOn: '2026-12-09', by: 'u-employer-1', at: '2026-11-25T10:00:00Z' };
    expect(submissionDue({ ...s, state: 'offered', offer })).toBe('2026-12-02');
    expect(submissionDue({ ...s, state: 'offered', offer: { ...offer, reminderSentAt: '2026-12-02T01:00:00Z' } })).toBe('2026-12-09');
    expect(submissionDue({ ...s, state: 'offer-accepted', offer })).toBeUndefined();
    const yes = { ...offer, response: { accepted: true, by: 'u-adviser-1', at: '2026-12-01T10:00:00Z' } };
    expect(submissionDue({ ...s, state: 'offer-accepted', offer: { ...yes, startDate: '2026-12-21' } })).toBe('2026-12-21');
    expect(submissionDue({ ...s, state: 'offer-accepted', offer: yes })).toBe('2026-12-08');
    expect(submissionDue({ ...s, state: 'offer-accepted', offer: { ...yes, hireReminderSentAt: '2026-12-08T01:00:00Z' } })).toBeUndefined();
  });
});

describe('the request schemas', () => {
  const issues = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
    r.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];

  it('a work trial ends on or after its first day and lasts at most 42 days', () => {
    expect(TrialInput.safeParse(TRIAL).success).toBe(true);
    expect(issues(TrialInput.safeParse({ ...TRIAL, endsOn: '2026-11-29' }))).toEqual(['endsOn: must be on or after the first day']);
    expect(TrialInput.safeParse({ ...TRIAL, endsOn: '2027-01-10' }).success).toBe(true); // the 42nd day
    expect(issues(TrialInput.safeParse({ ...TRIAL, endsOn: '2027-01-11' }))).toEqual(['endsOn: a work trial lasts at most 42 days']);
    expect(issues(TrialInput.safeParse({ startsOn: 'soon', place: '' })).map((x) => x.split(':')[0])).toEqual([
      'startsOn',
      'endsOn',
      'place',
    ]);
  });

  it('a failed trial needs a reason, a passed one has none, and “other” needs a note', () => {
    expect(TrialResultInput.safeParse({ result: 'passed' }).success).toBe(true);
    expect(issues(TrialResultInput.safeParse({ result: 'failed' }))).toEqual(['reasonCode: say why the trial did not work out']);
    expect(issues(TrialResultInput.safeParse({ result: 'passed', reasonCode: 'skills' }))).toEqual([
      'reasonCode: only a trial that did not work out has a reason',
    ]);
    expect(issues(TrialResultInput.safeParse({ result: 'failed', reasonCode: 'other' }))).toEqual([
      "note: say why when the reason is 'other'",
    ]);
  });

  it('an offer turned down needs a reason from the list, never the system’s “no-response”', () => {
    expect(OfferResponseInput.safeParse({ accepted: true }).success).toBe(true);
    expect(OfferResponseInput.safeParse({ accepted: false, reasonCode: 'hours' }).success).toBe(true);
    expect(issues(OfferResponseInput.safeParse({ accepted: false }))).toEqual(['reasonCode: say why the offer was turned down']);
    expect(OfferResponseInput.safeParse({ accepted: false, reasonCode: 'no-response' }).success).toBe(false);
    expect(issues(OfferResponseInput.safeParse({ accepted: true, reasonCode: 'pay' }))).toEqual([
      'reasonCode: only an offer turned down has a reason',
    ]);
    expect(OfferInput.safeParse({ salary: 1 }).success).toBe(false);
  });
});

describe('a work trial', () => {
  it('is arranged after the interview: state trial, an event, and the adviser and liaison officer hear when and where', async () => {
    // Prepare
    const { employerActor, p, s } = await atInterview();
    const n = deps.events.length;
    // Act
    const next = await scheduleTrial(deps, employerActor, s.id, { ...TRIAL, note: 'Bring safety boots' });
    // Assess
    expect(next).toMatchObject({
      state: 'trial',
      trial: { ...TRIAL, note: 'Bring safety boots', bookedBy: 'u-employer-1', bookedAt: '2026-11-25T10:00:00.000Z' },
    });
    expect(next.history.at(-1)).toMatchObject({ from: 'interview', to: 'trial', by: 'u-employer-1' });
    expect(await stored(s.id)).toEqual(next);
    expect(typesSince(n)).toEqual(['submission.trial-scheduled']);
    await deliverAll(deps);
    const [forAdviser] = await inbox(p.adviserId);
    expect(forAdviser).toMatchObject({
      kind: 'trial-scheduled',
      title: 'Work trial arranged: Dean Walsh for Warehouse operative at Hartley Logistics 1',
      body: 'From 2026-11-30 to 2026-12-04 at Hartley Logistics, Stourton depot.',
    });
    expect((await inbox('u-liaison-1')).find((x) => x.kind === 'trial-scheduled')).toBeDefined();
  });

  it('can be rearranged until its result is in (the first day may stay in the past once it has begun)', async () => {
    // Prepare
    const { employerActor, s } = await atInterview();
    await scheduleTrial(deps, employerActor, s.id, TRIAL);
    deps.clock.set('2026-12-01T09:00:00Z');
    // Act
    const next = await scheduleTrial(deps, employerActor, s.id, { ...TRIAL, endsOn: '2026-12-11' });
    // Assess
    expect(next).toMatchObject({ state: 'trial', trial: { endsOn: '2026-12-11' } });
    expect(next.history.filter((h) => h.to === 'trial')).toHaveLength(1);
    expect(deps.events.at(-1)).toMatchObject({ type: 'submission.trial-scheduled', detail: { rearranged: true } });
  });

  it('is refused before the interview (409), in the past (400), to advisers (403) and to another employer (404), changing nothing', async () => {
    // Prepare
    const { vacancy, employerActor, s } = await atInterview();
    const submitted = await w.submitted(vacancy.id, await w.participant());
    const before = deps.snapshot();
    // Act
    const early = await failureOf(scheduleTrial(deps, employerActor, submitted.id, TRIAL));
    const past = await failureOf(scheduleTrial(deps, employerActor, s.id, { ...TRIAL, startsOn: '2026-11-24' }));
    const byAdviser = await failureOf(scheduleTrial(deps, adviser, s.id, TRIAL));
    const otherEmployer = await failureOf(scheduleTrial(deps, employerUser('01KOTHEREMPLOYER0000000000'), s.id, TRIAL));
    // Assess
    expect(early).toBeInstanceOf(ConflictError);
    expect(early.message).toBe('A work trial is arranged after the interview; this submission is submitted');
    expect(past).toBeInstanceOf(ValidationError);
    expect(past.errors).toEqual([{ path: 'startsOn', message: 'must not be in the past' }]);
    expect(byAdviser).toBeInstanceOf(ForbiddenError);
    expect(otherEmployer).toBeInstanceOf(NotFoundError);
    expect(deps.snapshot()).toBe(before);
  });

  it('passed: trial-passed, still live; the adviser hears the employer may now offer the job', async () => {
    // Prepare
    const { vacancy, employerActor, p, s } = await atInterview();
    await scheduleTrial(deps, employerActor, s.id, TRIAL);
    deps.clock.set('2026-12-04T16:00:00Z');
    // Act
    const next = await recordTrialResult(deps, employerActor, s.id, { result: 'passed' });
    // Assess
    expect(next).toMatchObject({ state: 'trial-passed', trial: { result: { passed: true, by: 'u-employer-1' } } });
    expect(await deps.repos.vacancies.get(ORG, vacancy.id)).toMatchObject({ liveSubmissions: 1 });
    expect(deps.events.at(-1)).toMatchObject({ type: 'submission.trial-passed', submissionId: s.id });
    await deliverAll(deps);
    expect((await inbox(p.adviserId)).find((x) => x.kind === 'trial-passed')).toMatchObject({
      title: 'Work trial went well: Dean Walsh for Warehouse operative at Hartley Logistics 1',
    });
  });

  it('failed, with a reason: trial-failed, the shortlist place and the participant’s count freed; the adviser hears why', async () => {
    // Prepare
    const { vacancy, employerActor, p, s } = await atInterview();
    await scheduleTrial(deps, employerActor, s.id, TRIAL);
    deps.clock.set('2026-12-02T12:00:00Z');
    // Act
    const next = await recordTrialResult(deps, employerActor, s.id, { result: 'failed', reasonCode: 'attendance', note: 'Late twice' });
    // Assess
    expect(next).toMatchObject({
      state: 'trial-failed',
      trial: { result: { passed: false, reasonCode: 'attendance', note: 'Late twice' } },
    });
    expect(next.history.at(-1)).toMatchObject({ from: 'trial', to: 'trial-failed', reason: 'attendance' });
    expect(await deps.repos.vacancies.get(ORG, vacancy.id)).toMatchObject({ liveSubmissions: 0 });
    expect(await deps.repos.participants.get(ORG, p.id)).toMatchObject({ liveSubmissions: 0, status: 'active' });
    expect(deps.events.at(-1)).toMatchObject({ type: 'submission.trial-failed', detail: { reasonCode: 'attendance' } });
    await deliverAll(deps);
    expect((await inbox(p.adviserId)).find((x) => x.kind === 'trial-failed')).toMatchObject({
      body: 'Reason: attendance or timekeeping on the trial. "Late twice"',
    });
    // The liaison officer hears the reason, not the note.
    expect((await inbox('u-liaison-1')).find((x) => x.kind === 'trial-failed')?.body).toBe(
      'Reason: attendance or timekeeping on the trial',
    );
  });

  it('its result waits for its first day (409), and needs a trial (409)', async () => {
    const { employerActor, s } = await atInterview();
    const noTrial = await failureOf(recordTrialResult(deps, employerActor, s.id, { result: 'passed' }));
    await scheduleTrial(deps, employerActor, s.id, TRIAL);
    const early = await failureOf(recordTrialResult(deps, employerActor, s.id, { result: 'passed' }));
    expect(noTrial).toBeInstanceOf(ConflictError);
    expect(early).toBeInstanceOf(ConflictError);
    expect(early.message).toBe('The work trial starts on 2026-11-30: record how it went once it has begun');
  });
});

describe('a job offer', () => {
  it('is made after the interview: offered, the answer due in 5 working days, lapsing 5 after that; the adviser is asked', async () => {
    // Prepare
    const { employerActor, p, s } = await atInterview();
    const n = deps.events.length;
    // Act
    const next = await makeOffer(deps, employerActor, s.id, { startDate: '2026-12-14', note: 'Days, 37.5 hours' });
    // Assess
    expect(next).toMatchObject({
      state: 'offered',
      offer: {
        startDate: '2026-12-14',
        respondBy: '2026-12-02',
        lapsesOn: '2026-12-09',
        note: 'Days, 37.5 hours',
        by: 'u-employer-1',
        at: '2026-11-25T10:00:00.000Z',
      },
    });
    expect(typesSince(n)).toEqual(['submission.offered']);
    expect(deps.events.at(-1)?.detail).toMatchObject({ readiness: 'green', adviser: 'u-adviser-1' });
    await deliverAll(deps);
    expect((await inbox(p.adviserId)).find((x) => x.kind === 'offered')).toMatchObject({
      title: 'Job offer: Dean Walsh for Warehouse operative at Hartley Logistics 1',
      body: 'The employer offers the job, starting 2026-12-14. Please ask Dean and record their answer by 2026-12-02.',
    });
    expect((await inbox('u-liaison-1')).find((x) => x.kind === 'offered')?.body).toBe('Their answer is due by 2026-12-02.');
  });

  it('is made after a passed trial too, with the employer’s own answer date', async () => {
    const { employerActor, s } = await atInterview();
    await scheduleTrial(deps, employerActor, s.id, { ...TRIAL, startsOn: '2026-11-25' });
    await recordTrialResult(deps, employerActor, s.id, { result: 'passed' });
    const next = await makeOffer(deps, liaison, s.id, { respondBy: '2026-11-27' });
    expect(next.offer).toMatchObject({ respondBy: '2026-11-27', lapsesOn: '2026-12-04', by: 'u-liaison-1' });
    expect(next.history.map((h) => h.to)).toEqual(['proposed', 'submitted', 'interview', 'trial', 'trial-passed', 'offered']);
  });

  it('is refused during a trial or before the interview (409), with dates out of bounds (400), and once every position is filled (409)', async () => {
    // Prepare
    const { vacancy, employerActor, s } = await atInterview({ positions: 1 });
    const other = await w.atInterview(vacancy.id, await w.participant());
    await scheduleTrial(deps, employerActor, other.id, TRIAL);
    const submitted = await w.submitted(vacancy.id, await w.participant());
    const before = deps.snapshot();
    // Act
    const inTrial = await failureOf(makeOffer(deps, employerActor, other.id, {}));
    const early = await failureOf(makeOffer(deps, employerActor, submitted.id, {}));
    const dates = await failureOf(makeOffer(deps, employerActor, s.id, { startDate: '2026-11-01', respondBy: '2027-01-30' }));
    // Assess
    expect(inTrial).toBeInstanceOf(ConflictError);
    expect(early).toBeInstanceOf(ConflictError);
    expect(dates).toBeInstanceOf(ValidationError);
    expect(dates.errors).toEqual([
      { path: 'startDate', message: 'must not be in the past' },
      { path: 'respondBy', message: 'must be within 30 days' },
    ]);
    expect(deps.snapshot()).toBe(before);
    // The one position goes to someone else: the others are withdrawn, and no offer is left to make.
    await recordOutcome(deps, liaison, s.id, { outcome: 'hired', startDate: '2026-12-07' });
    const late = await failureOf(makeOffer(deps, liaison, other.id, {}));
    expect(late).toBeInstanceOf(ConflictError);
    expect(late.message).toBe('A job is offered after the interview or a work trial that went well; this submission is withdrawn');
  });

  it('accepted by the participant’s own adviser: offer-accepted; then the hire (with its placement) from there', async () => {
    // Prepare
    const { vacancy, employerActor, p, s } = await atInterview({ positions: 1 });
    await makeOffer(deps, employerActor, s.id, { startDate: '2026-12-14' });
    const n = deps.events.length;
    // Act
    const accepted = await respondToOffer(deps, adviserOf(p), s.id, { accepted: true, note: 'Delighted' });
    const hired = await recordOutcome(deps, employerActor, s.id, { outcome: 'hired', startDate: '2026-12-14' });
    // Assess
    expect(accepted).toMatchObject({
      state: 'offer-accepted',
      offer: { response: { accepted: true, note: 'Delighted', by: 'u-adviser-1' } },
    });
    expect(hired.submission).toMatchObject({ state: 'hired', outcome: { outcome: 'hired', startDate: '2026-12-14' } });
    expect(typesSince(n)).toEqual(['submission.offer-accepted', 'submission.hired', 'vacancy.filled']);
    expect(await deps.repos.placements.listOf(ORG, p.id)).toHaveLength(1);
    expect(await deps.repos.vacancies.get(ORG, vacancy.id)).toMatchObject({ status: 'filled', filledPositions: 1 });
    expect((await stored(s.id)).history.map((h) => h.to)).toEqual([
      'proposed',
      'submitted',
      'interview',
      'offered',
      'offer-accepted',
      'hired',
    ]);
    await deliverAll(deps);
    const employerInbox = await inbox(`employer:${vacancy.employerId}`);
    expect(employerInbox.find((x) => x.kind === 'offer-accepted')).toMatchObject({
      title: `${s.candidateRef} accepted your offer for Warehouse operative`,
    });
    expect(JSON.stringify(employerInbox)).not.toMatch(/Dean|Walsh|Delighted/);
  });

  it('a hire waits for the answer while an offer is open (409); the employer may take the offer back (not hired, offer-withdrawn)', async () => {
    const { employerActor, s } = await atInterview();
    await makeOffer(deps, employerActor, s.id, {});
    const early = await failureOf(recordOutcome(deps, employerActor, s.id, { outcome: 'hired', startDate: '2026-12-14' }));
    expect(early).toBeInstanceOf(ConflictError);
    expect(early.message).toBe('A hired outcome needs a submission in interview, trial-passed or offer-accepted; this one is offered');
    const out = await recordOutcome(deps, employerActor, s.id, { outcome: 'not-hired', reasonCode: 'offer-withdrawn' });
    expect(out.submission.state).toBe('not-hired');
  });

  it('turned down, with a reason: offer-declined and the place freed; the employer hears the reason code, never the note', async () => {
    // Prepare
    const { vacancy, employerActor, p, s } = await atInterview();
    await makeOffer(deps, employerActor, s.id, {});
    // Act
    const next = await respondToOffer(deps, employerActor, s.id, { accepted: false, reasonCode: 'travel', note: 'Two buses each way' });
    // Assess
    expect(next).toMatchObject({ state: 'offer-declined' });
    expect(await stored(s.id)).toMatchObject({ offer: { response: { accepted: false, reasonCode: 'travel', by: 'u-employer-1' } } });
    expect(await deps.repos.vacancies.get(ORG, vacancy.id)).toMatchObject({ liveSubmissions: 0 });
    expect(await deps.repos.participants.get(ORG, p.id)).toMatchObject({ liveSubmissions: 0 });
    expect(deps.events.at(-1)).toMatchObject({ type: 'submission.offer-declined', detail: { reasonCode: 'travel' } });
    // The employer's view: the answer as a code, no note.
    const view = await getSubmission(deps, employerActor, s.id);
    expect(view).toMatchObject({ offer: { respondBy: '2026-12-02', response: { accepted: false, reasonCode: 'travel' } } });
    expect(JSON.stringify(view)).not.toContain('Two buses');
    await deliverAll(deps);
    expect((await inbox(p.adviserId)).find((x) => x.kind === 'offer-declined')?.body).toBe('Reason: the journey to work');
    expect((await inbox(`employer:${vacancy.employerId}`)).find((x) => x.kind === 'offer-declined')).toMatchObject({
      title: `${s.candidateRef} turned down your offer for Warehouse operative`,
      body: 'Reason: the journey to work',
    });
  });

  it('a yes reserves a position: hires plus accepted offers never exceed the positions, and the reserved place is the hire’s', async () => {
    // Prepare: 2 positions, 3 offers out, and a fourth candidate still at interview.
    const { vacancy, employerActor, s } = await atInterview({ positions: 2 });
    const b = await w.atInterview(vacancy.id, await w.participant());
    const c = await w.atInterview(vacancy.id, await w.participant());
    const d = await w.atInterview(vacancy.id, await w.participant());
    for (const x of [s, b, c]) await makeOffer(deps, employerActor, x.id, {});
    await respondToOffer(deps, employerActor, s.id, { accepted: true });
    await respondToOffer(deps, employerActor, b.id, { accepted: true });
    const before = deps.snapshot();
    // Act
    const third = await failureOf(respondToOffer(deps, employerActor, c.id, { accepted: true }));
    const straight = await failureOf(recordOutcome(deps, employerActor, d.id, { outcome: 'hired', startDate: '2026-12-14' }));
    const offerMore = await failureOf(makeOffer(deps, employerActor, d.id, {}));
    const fewer = await failureOf(updateVacancy(deps, liaison, vacancy.id, { positions: 1 }));
    // Assess: nothing changed; each refusal says why.
    expect(third).toBeInstanceOf(ConflictError);
    expect(third.message).toBe(
      'Every position of this vacancy is filled or promised by an accepted offer: the employer may withdraw this offer, or add a position',
    );
    expect(straight).toBeInstanceOf(ConflictError);
    expect(straight.message).toBe(
      'Every position of this vacancy is filled (0 of 2, 2 promised by an accepted offer); reopen it with more positions to hire again',
    );
    expect(offerMore).toBeInstanceOf(ConflictError);
    expect(fewer.errors).toEqual([{ path: 'positions', message: 'must be at least 2' }]);
    expect(deps.snapshot()).toBe(before);
    expect(await deps.repos.vacancies.get(ORG, vacancy.id)).toMatchObject({ offersAccepted: 2, filledPositions: 0 });
    // The first hire takes its reserved place; the second fills the vacancy, and the rest are let go.
    await recordOutcome(deps, employerActor, s.id, { outcome: 'hired', startDate: '2026-12-14' });
    expect(await deps.repos.vacancies.get(ORG, vacancy.id)).toMatchObject({ offersAccepted: 1, filledPositions: 1, status: 'open' });
    await recordOutcome(deps, employerActor, b.id, { outcome: 'hired', startDate: '2026-12-14' });
    expect(await deps.repos.vacancies.get(ORG, vacancy.id)).toMatchObject({ offersAccepted: 0, filledPositions: 2, status: 'filled' });
    expect((await stored(c.id)).state).toBe('withdrawn');
    expect((await stored(d.id)).state).toBe('withdrawn');
  });

  it('an accepted offer that ends without a hire gives its position back', async () => {
    // Prepare
    const { vacancy, employerActor, s } = await atInterview({ positions: 1 });
    const b = await w.atInterview(vacancy.id, await w.participant());
    await makeOffer(deps, employerActor, s.id, {});
    await respondToOffer(deps, employerActor, s.id, { accepted: true });
    const blocked = await failureOf(makeOffer(deps, employerActor, b.id, {}));
    // Act
    await recordOutcome(deps, employerActor, s.id, { outcome: 'not-hired', reasonCode: 'did-not-start' });
    // Assess
    expect(blocked).toBeInstanceOf(ConflictError);
    expect(await deps.repos.vacancies.get(ORG, vacancy.id)).toMatchObject({ offersAccepted: 0, filledPositions: 0, status: 'open' });
    expect((await makeOffer(deps, employerActor, b.id, {})).state).toBe('offered');
  });

  it('its answer is refused to another adviser (404) and when no offer waits (409), changing nothing', async () => {
    const { employerActor, s } = await atInterview();
    const noOffer = await failureOf(respondToOffer(deps, adviser, s.id, { accepted: true }));
    await makeOffer(deps, employerActor, s.id, {});
    const before = deps.snapshot();
    const stranger = await failureOf(respondToOffer(deps, otherAdviser, s.id, { accepted: true }));
    expect(noOffer).toBeInstanceOf(ConflictError);
    expect(stranger).toBeInstanceOf(NotFoundError);
    expect(deps.snapshot()).toBe(before);
    // Admins and liaison officers may record it.
    expect((await respondToOffer(deps, admin, s.id, { accepted: true })).state).toBe('offer-accepted');
  });
});

describe('guaranteed interviews flow through', () => {
  it('a guaranteed candidate goes interview → trial → offer → hire, and the employer still sees why they were guaranteed one', async () => {
    // Prepare
    const { vacancy, employerActor } = await w.openVacancy({ guaranteedInterview: true });
    const p = await w.participant();
    const s = await w.atInterview(vacancy.id, p);
    // Act
    await scheduleTrial(deps, employerActor, s.id, { ...TRIAL, startsOn: '2026-11-25' });
    await recordTrialResult(deps, employerActor, s.id, { result: 'passed' });
    await makeOffer(deps, employerActor, s.id, { startDate: '2026-12-14' });
    await respondToOffer(deps, adviserOf(p), s.id, { accepted: true });
    const out = await recordOutcome(deps, employerActor, s.id, { outcome: 'hired', startDate: '2026-12-14' });
    // Assess
    expect(out.submission).toMatchObject({
      state: 'hired',
      guaranteedInterview: true,
      guarantee: { source: 'vacancy', meetsMustHaves: true, lifted: false },
      trial: { result: { passed: true } },
      offer: { startDate: '2026-12-14', response: { accepted: true } },
    });
  });
});

describe('the sweeper', () => {
  it('asks for a trial’s result the day after it ends, once, of the employer and the liaison officer', async () => {
    // Prepare
    const { vacancy, employerActor, s } = await atInterview();
    await addContact(
      deps,
      liaison,
      vacancy.employerId,
      ContactCreate.parse({ name: 'Pat Lee', email: 'pat@hartley.example', primary: true }),
    );
    await scheduleTrial(deps, employerActor, s.id, TRIAL);
    deps.clock.set('2026-12-04T23:00:00Z');
    expect((await sweepDue(deps)).trialResultsDue).toBe(0);
    deps.clock.set('2026-12-05T01:00:00Z');
    const n = deps.events.length;
    // Act
    const report = await sweepDue(deps);
    const again = await sweepDue(deps);
    // Assess
    expect(report).toMatchObject({ trialResultsDue: 1, failed: [] });
    expect(again).toMatchObject({ dueRead: 0, trialResultsDue: 0 });
    expect(typesSince(n)).toEqual(['submission.trial-result-due']);
    expect((await stored(s.id)).trial?.reminderSentAt).toBe('2026-12-05T01:00:00.000Z');
    const email = await deliverAll(deps);
    expect((await inbox(`employer:${vacancy.employerId}`)).find((x) => x.kind === 'trial-result-due')).toMatchObject({
      title: `How did the work trial go for ${s.candidateRef}?`,
    });
    expect((await inbox('u-liaison-1')).find((x) => x.kind === 'trial-result-due')).toBeDefined();
    expect(email.sent.map((m) => `${m.to}: ${m.subject}`)).toContain(
      `pat@hartley.example: How did the work trial go? Candidate ${s.candidateRef} for Warehouse operative`,
    );
  });

  it('reminds on the offer’s answer date, then lapses it unanswered: declined for no response, the place freed, everyone told', async () => {
    // Prepare
    const { vacancy, employerActor, p, s } = await atInterview();
    await makeOffer(deps, employerActor, s.id, {});
    deps.clock.set('2026-12-02T01:00:00Z');
    // Act: the reminder
    const first = await sweepDue(deps);
    // Assess
    expect(first).toMatchObject({ offerReminders: 1, offersLapsed: 0 });
    expect((await stored(s.id)).state).toBe('offered');
    deps.clock.set('2026-12-08T23:00:00Z');
    expect((await sweepDue(deps)).offersLapsed).toBe(0);
    // Act: the lapse
    deps.clock.set('2026-12-09T01:00:00Z');
    const second = await sweepDue(deps);
    // Assess
    expect(second).toMatchObject({ offersLapsed: 1, failed: [] });
    const lapsed = await stored(s.id);
    expect(lapsed).toMatchObject({
      state: 'offer-declined',
      offer: { response: { accepted: false, reasonCode: 'no-response', by: 'system' } },
    });
    expect(lapsed.history.at(-1)).toMatchObject({ from: 'offered', to: 'offer-declined', by: 'system', reason: 'no-response' });
    expect(await deps.repos.vacancies.get(ORG, vacancy.id)).toMatchObject({ liveSubmissions: 0 });
    const pipeline = deps.events.filter((e) => e.type !== 'casework.review-due');
    expect(pipeline.slice(-2).map((e) => e.type)).toEqual(['submission.offer-reminder', 'submission.offer-declined']);
    await deliverAll(deps);
    const adviserInbox = await inbox(p.adviserId);
    expect(adviserInbox.find((x) => x.kind === 'offer-reminder')).toMatchObject({
      title: 'Answer the job offer: Dean Walsh for Warehouse operative at Hartley Logistics 1',
      body: 'Their answer was due by 2026-12-02. Without one the offer lapses on 2026-12-09.',
    });
    expect(adviserInbox.find((x) => x.kind === 'offer-declined')?.body).toBe('Reason: no answer came in time');
  });

  it('leaves an answered offer alone', async () => {
    const { employerActor, p, s } = await atInterview();
    await makeOffer(deps, employerActor, s.id, {});
    await respondToOffer(deps, adviserOf(p), s.id, { accepted: true });
    deps.clock.set('2026-12-10T01:00:00Z');
    expect(await sweepDue(deps)).toMatchObject({ offerReminders: 0, offersLapsed: 0 });
    expect((await deps.repos.due.dueOnOrBefore('2026-12-10', 10)).filter((d) => d.kind === 'submission')).toEqual([]);
    expect((await stored(s.id)).state).toBe('offer-accepted');
  });
});

describe('erasure', () => {
  it('keeps the trial’s and the offer’s dates and codes and drops their notes', async () => {
    const { employerActor, p, s } = await atInterview();
    await scheduleTrial(deps, employerActor, s.id, { ...TRIAL, startsOn: '2026-11-25', note: 'CANARY-trial-note' });
    await recordTrialResult(deps, employerActor, s.id, { result: 'passed', note: 'CANARY-result-note' });
    await makeOffer(deps, employerActor, s.id, { note: 'CANARY-offer-note' });
    await respondToOffer(deps, adviserOf(p), s.id, { accepted: false, reasonCode: 'other', note: 'CANARY-response-note' });
    await eraseParticipant(deps, admin, p.id);
    const after = await stored(s.id);
    expect(JSON.stringify(after)).not.toContain('CANARY');
    expect(after).toMatchObject({
      trial: { startsOn: '2026-11-25', result: { passed: true } },
      offer: { respondBy: '2026-12-02', response: { accepted: false, reasonCode: 'other' } },
    });
    expect(after.history.at(-1)).toMatchObject({ to: 'offer-declined', reason: 'other' });
  });
});
