import { beforeEach, describe, expect, it } from 'vitest';
import { SUBMISSION_STATES, type SubmissionState } from '../../../shared/domain/submission.js';
import { changeEnrolment, enrol } from '../../../shared/use-cases/cohorts.js';
import { listNotifications } from '../../../shared/use-cases/notifications.js';
import { makeOffer, recordTrialResult, respondToOffer, scheduleTrial } from '../../../shared/use-cases/offers.js';
import { transferCaseload } from '../../../shared/use-cases/subject-rights.js';
import { bookInterview, recordAgreement, recordDecision, recordOutcome } from '../../../shared/use-cases/submissions.js';
import { sweepDue } from '../../../shared/use-cases/sweep.js';
import { createVacancy, reopenVacancy, updateVacancy } from '../../../shared/use-cases/vacancies.js';
import { VacancyCreate } from '../../../shared/domain/vacancy.js';
import { Consent } from '../../../shared/domain/participant.js';
import { logInteraction } from '../../../shared/use-cases/employers.js';
import { recordCheckin } from '../../../shared/use-cases/placements.js';
import { recordConsent } from '../../../shared/use-cases/subject-rights.js';
import { overrideGuarantee } from '../../../shared/use-cases/submissions.js';
import { fakeDeps, type FakeDeps } from '../../support/fakes/fake-deps.js';
import { admin, adviser, adviserOf, deliverAll, employerUser, liaison, ORG, otherAdviser, scenario } from '../../support/fakes/scenario.js';

/**
 * Every state change, and who hears of it: each row drives the real use case (or the sweeper), runs the
 * notifier, and lists the inboxes its events reached. A change nobody hears of, or that reaches someone
 * it should not, fails here. Every submission state is reached by some row.
 */
let deps: FakeDeps;
let w: ReturnType<typeof scenario>;

beforeEach(() => {
  deps = fakeDeps({ now: '2026-11-25T10:00:00Z' });
  w = scenario(deps);
});

/** Who an inbox belongs to, as the table names them. */
type Hearer = 'adviser' | 'other adviser' | 'liaison' | 'admin' | 'employer';

/** Runs `act`, delivers its events, and says who heard of each, by event type. */
async function heard(employerId: string, act: () => Promise<unknown>): Promise<Record<string, Hearer[]>> {
  const from = deps.events.length;
  await act();
  const events = deps.events.slice(from);
  await deliverAll(deps);
  const inboxes: [Hearer, Parameters<typeof listNotifications>[1]][] = [
    ['adviser', adviser],
    ['other adviser', otherAdviser],
    ['liaison', liaison],
    ['admin', admin],
    ['employer', employerUser(employerId)],
  ];
  const out: Record<string, Hearer[]> = {};
  for (const e of events) out[e.type] ??= [];
  for (const [who, actor] of inboxes) {
    for (const n of (await listNotifications(deps, actor, { limit: 100 })).items) {
      const e = events.find((x) => n.id.startsWith(`${x.id}.`));
      if (e && !out[e.type]!.includes(who)) out[e.type]!.push(who);
    }
  }
  return out;
}

const stateOf = async (id: string) => (await deps.repos.submissions.get(ORG, id))!.state;

describe('who hears of each state change', () => {
  it('along the pipeline, after the interview, by the sweeper, and when a vacancy closes', async () => {
    const { vacancy, employer, employerActor } = await w.openVacancy({ positions: 1 });
    const E = employer.id;
    const reached = new Set<SubmissionState>();
    const rows: [change: string, heard: Record<string, Hearer[]>][] = [];
    const row = async (change: string, act: () => Promise<unknown>, subId?: () => string) => {
      rows.push([change, await heard(E, act)]);
      if (subId) reached.add(await stateOf(subId()));
    };

    // Before the employer: proposed, declined, lapsed, submitted.
    const p = [await w.participant(), await w.participant(), await w.participant(), await w.participant(), await w.participant()];
    let a = '';
    await row(
      'proposed',
      async () => (a = (await w.proposed(vacancy.id, p[0]!)).id),
      () => a,
    );
    await row(
      'declined',
      () => recordAgreement(deps, adviserOf(p[0]!), a, { agreed: false }),
      () => a,
    );
    let b = '';
    await row(
      'submitted',
      async () => (b = (await w.submitted(vacancy.id, p[1]!)).id),
      () => b,
    );
    await row(
      'rejected',
      () => recordDecision(deps, employerActor, b, { decision: 'reject', reasonCode: 'skills' }),
      () => b,
    );
    let c = '';
    await row(
      'invited',
      async () => (c = (await w.atInterview(vacancy.id, p[2]!)).id),
      () => c,
    );
    await row('interview booked', () => bookInterview(deps, employerActor, c, { at: '2026-11-30T10:00:00Z', place: 'Depot' }));
    await row(
      'trial arranged',
      () => scheduleTrial(deps, employerActor, c, { startsOn: '2026-11-25', endsOn: '2026-11-26', place: 'Depot' }),
      () => c,
    );
    deps.clock.set('2026-11-27T02:00:00Z');
    await row('trial result asked for (sweeper)', () => sweepDue(deps));
    await row(
      'trial passed',
      () => recordTrialResult(deps, employerActor, c, { result: 'passed' }),
      () => c,
    );
    await row(
      'offered',
      () => makeOffer(deps, employerActor, c, { respondBy: '2026-11-30' }),
      () => c,
    );
    deps.clock.set('2026-11-30T02:00:00Z');
    await row('offer reminder (sweeper)', () => sweepDue(deps));
    await row(
      'offer accepted',
      () => respondToOffer(deps, adviserOf(p[2]!), c, { accepted: true }),
      () => c,
    );
    // The last position goes: the other live candidate (d, at interview) is withdrawn and told why.
    let d = '';
    await w.atInterview(vacancy.id, p[3]!).then((s) => (d = s.id));
    await row(
      'hired (and the rest withdrawn: position filled)',
      () => recordOutcome(deps, liaison, c, { outcome: 'hired', startDate: '2026-12-07' }),
      () => c,
    );
    reached.add(await stateOf(d));

    // Trial failed, offer declined, offer lapsed, not hired, withdrawn, expired, lapsed, on a second vacancy.
    const two = await w.vacancy(E, { positions: 3 });
    const q = [
      await w.participant(),
      await w.participant(),
      await w.participant(),
      await w.participant(),
      await w.participant(),
      await w.participant(),
    ];
    deps.clock.set('2026-11-30T10:00:00Z');
    const f = (await w.atInterview(two.id, q[0]!)).id;
    await scheduleTrial(deps, employerActor, f, { startsOn: '2026-11-30', endsOn: '2026-12-01', place: 'Depot' });
    await row(
      'trial failed',
      () => recordTrialResult(deps, employerActor, f, { result: 'failed', reasonCode: 'attendance' }),
      () => f,
    );
    const g = (await w.atInterview(two.id, q[1]!)).id;
    await makeOffer(deps, employerActor, g, {});
    await row(
      'offer declined',
      () => respondToOffer(deps, employerActor, g, { accepted: false, reasonCode: 'pay' }),
      () => g,
    );
    const i = (await w.atInterview(two.id, q[2]!)).id;
    await row(
      'not hired',
      () => recordOutcome(deps, employerActor, i, { outcome: 'not-hired', reasonCode: 'interview-performance' }),
      () => i,
    );
    const j = (await w.submitted(two.id, q[3]!)).id;
    await row(
      'withdrawn (the candidate withdrew)',
      () => recordOutcome(deps, liaison, j, { outcome: 'withdrawn' }),
      () => j,
    );
    const k = (await w.submitted(two.id, q[4]!)).id;
    const l = (await w.proposed(two.id, q[5]!)).id;
    const m = (await w.atInterview(two.id, p[4]!)).id;
    await makeOffer(deps, employerActor, m, { respondBy: '2026-12-01' });
    deps.clock.set('2026-12-04T02:00:00Z');
    await row(
      'lapsed, offer reminded (sweeper)',
      () => sweepDue(deps),
      () => l,
    );
    deps.clock.set('2026-12-09T02:00:00Z');
    await row(
      'offer lapsed (sweeper)',
      () => sweepDue(deps),
      () => m,
    );
    deps.clock.set('2026-12-18T02:00:00Z');
    await row('employer reminded (sweeper)', () => sweepDue(deps));
    deps.clock.set('2027-01-06T02:00:00Z');
    await row(
      'expired (sweeper)',
      () => sweepDue(deps),
      () => k,
    );
    // A vacancy withdrawn: its remaining live candidates are withdrawn and their advisers told why.
    const n = (await w.atInterview(two.id, await w.participant())).id;
    await row(
      'vacancy withdrawn (its candidates withdrawn)',
      () => updateVacancy(deps, liaison, two.id, { status: 'withdrawn' }),
      () => n,
    );

    expect(Object.fromEntries(rows)).toEqual({
      proposed: { 'submission.proposed': ['adviser'] },
      declined: { 'submission.declined': ['liaison'] },
      submitted: { 'submission.proposed': ['adviser'], 'submission.submitted': ['adviser', 'employer'] },
      rejected: { 'submission.rejected': ['adviser', 'liaison'] },
      invited: {
        'submission.proposed': ['adviser'],
        'submission.submitted': ['adviser', 'employer'],
        'submission.invited': ['adviser', 'liaison'],
      },
      'interview booked': { 'submission.interview-booked': ['adviser'] },
      'trial arranged': { 'submission.trial-scheduled': ['adviser', 'liaison'] },
      'trial result asked for (sweeper)': { 'submission.trial-result-due': ['liaison', 'employer'] },
      'trial passed': { 'submission.trial-passed': ['adviser', 'liaison'] },
      offered: { 'submission.offered': ['adviser', 'liaison'] },
      'offer reminder (sweeper)': { 'submission.offer-reminder': ['adviser', 'liaison'] },
      'offer accepted': { 'submission.offer-accepted': ['adviser', 'liaison', 'employer'] },
      // Hired by the liaison officer, the account manager: the employer hears the vacancy is filled.
      'hired (and the rest withdrawn: position filled)': {
        'submission.hired': ['adviser', 'liaison'],
        'submission.withdrawn': ['adviser', 'liaison', 'employer'],
        'vacancy.filled': ['employer'],
      },
      'trial failed': { 'submission.trial-failed': ['adviser', 'liaison'] },
      'offer declined': { 'submission.offer-declined': ['adviser', 'liaison', 'employer'] },
      'not hired': { 'submission.not-hired': ['adviser', 'liaison'] },
      'withdrawn (the candidate withdrew)': { 'submission.withdrawn': ['adviser', 'liaison', 'employer'] },
      'lapsed, offer reminded (sweeper)': {
        'submission.lapsed': ['adviser', 'liaison'],
        'submission.offer-reminder': ['adviser', 'liaison'],
      },
      // Two weeks on with no contact logged: the participant's adviser is reminded of a review too (their programme's review rules).
      // The hire's in-work support contacts have come and gone unmade by now: its adviser hears once.
      'employer reminded (sweeper)': {
        'casework.review-due': ['adviser'],
        'placement.support-overdue': ['adviser'],
        'submission.reminder': ['liaison', 'employer'],
      },
      'offer lapsed (sweeper)': {
        'casework.review-due': ['adviser'],
        'submission.offer-declined': ['adviser', 'liaison', 'employer'],
      },
      'expired (sweeper)': { 'placement.support-overdue': ['adviser'], 'submission.expired': ['adviser', 'liaison'] },
      'vacancy withdrawn (its candidates withdrawn)': {
        'submission.withdrawn': ['adviser', 'liaison', 'employer'],
        'vacancy.withdrawn': ['employer'],
      },
    });
    // Nobody else's adviser ever hears; every state but the first is reached by some change above.
    expect(rows.some(([, h]) => Object.values(h).some((x) => x.includes('other adviser')))).toBe(false);
    expect(SUBMISSION_STATES.filter((s) => !reached.has(s))).toEqual([]);
  });

  it('a vacancy’s own changes, its callback, check-ins, a lifted guarantee, and withdrawals a participant causes', async () => {
    // The employer's account manager is the liaison officer: they hear of its vacancies' changes unless they made them.
    const employer = await w.employer();
    const E = employer.id;
    const emp = employerUser(E);
    const rows: [change: string, heard: Record<string, Hearer[]>][] = [];
    const row = async (change: string, act: () => Promise<unknown>) => rows.push([change, await heard(E, act)]);
    const input = (status: 'draft' | 'open', over: Record<string, unknown> = {}) =>
      VacancyCreate.parse({
        employerId: E,
        title: 'Picker',
        occupation: { title: 'Warehouse operative', socCode: '9252' },
        sector: 'warehousing-logistics',
        site: { postcode: 'LS1 4AP', town: 'Leeds' },
        positions: 1,
        hoursPerWeek: { min: 30, max: 40 },
        shiftPatterns: ['early'],
        contractType: 'permanent',
        wage: { amount: 12.6, period: 'hour' },
        essentialSkills: ['picking'],
        closingDate: '2026-12-20',
        status,
        ...over,
      });
    let v = '';
    await row('vacancy drafted (by the employer)', async () => (v = (await createVacancy(deps, emp, input('draft'))).id));
    await row('vacancy published (by the employer)', () => updateVacancy(deps, emp, v, { status: 'open' }));
    deps.clock.set('2026-11-25T11:00:00Z');
    await row('callback made', () =>
      logInteraction(deps, liaison, E, {
        kind: 'call',
        occurredAt: '2026-11-25T10:30:00Z',
        summary: 'Shifts',
        outcome: 'positive',
        vacancyId: v,
      }),
    );
    await row('vacancy closed (by its account manager)', () => updateVacancy(deps, liaison, v, { status: 'closed' }));
    await row('vacancy reopened (by an admin)', () => reopenVacancy(deps, admin, v, { reason: 'More work', closingDate: '2026-12-24' }));
    await row('vacancy filled (marked so by an admin)', () => updateVacancy(deps, admin, v, { status: 'filled' }));
    const other = await createVacancy(deps, liaison, input('open', { positions: 2 }));
    const held = await w.submitted(other.id, await w.participant());
    await row('vacancy withdrawn (by the employer; its candidate withdrawn)', () =>
      updateVacancy(deps, emp, other.id, { status: 'withdrawn' }),
    );
    expect((await deps.repos.submissions.get(ORG, held.id))!.state).toBe('withdrawn');

    // A guarantee lifted; consent withdrawn; a hire elsewhere withdraws the rest; the check-ins.
    const guaranteed = await createVacancy(deps, liaison, input('open', { guaranteedInterview: true, positions: 2 }));
    const g = await w.submitted(guaranteed.id, await w.participant());
    await row('guarantee lifted', () => overrideGuarantee(deps, liaison, g.id, { reason: 'The post needs a forklift licence after all' }));
    const p = await w.participant();
    const shown = await w.submitted(guaranteed.id, p);
    await row('consent to be matched withdrawn (their undecided submissions withdrawn)', () =>
      recordConsent(deps, adviserOf(p), p.id, Consent.parse({ matching: false, shareWithEmployers: [] })),
    );
    expect((await deps.repos.submissions.get(ORG, shown.id))!.state).toBe('withdrawn');
    const q = await w.participant();
    const elsewhere = await w.submitted(guaranteed.id, q);
    const third = await createVacancy(deps, liaison, input('open', { positions: 2 }));
    const hire = await w.atInterview(third.id, q);
    let placementId = '';
    await row('hired elsewhere (their other live submission withdrawn)', async () => {
      placementId = (await recordOutcome(deps, liaison, hire.id, { outcome: 'hired', startDate: '2026-12-07' })).placement!.id;
    });
    expect((await deps.repos.submissions.get(ORG, elsewhere.id))!.state).toBe('withdrawn');
    deps.clock.set('2027-03-01T09:00:00Z');
    await row('13-week check-in recorded (a week early)', () =>
      recordCheckin(deps, adviserOf(q), placementId, { milestone: 13, inWork: true }),
    );
    deps.clock.set('2027-06-07T02:00:00Z');
    await row('26-week check-in due (sweeper)', async () => {
      const report = await sweepDue(deps);
      expect(report.checkinsDue).toBe(1);
    });

    expect(Object.fromEntries(rows)).toEqual({
      // The callback it opens: the account manager is told at once.
      'vacancy drafted (by the employer)': { 'vacancy.drafted': ['liaison'] },
      'vacancy published (by the employer)': { 'vacancy.published': [] },
      'callback made': { 'vacancy.callback-made': [] },
      // Never whoever made the change: not the account manager who closed it, not the employer who withdrew it.
      'vacancy closed (by its account manager)': { 'vacancy.closed': ['employer'] },
      'vacancy reopened (by an admin)': { 'vacancy.published': ['liaison', 'employer'] },
      'vacancy filled (marked so by an admin)': { 'vacancy.filled': ['liaison', 'employer'] },
      'vacancy withdrawn (by the employer; its candidate withdrawn)': {
        'submission.withdrawn': ['adviser', 'liaison', 'employer'],
        'vacancy.withdrawn': ['liaison'],
      },
      'guarantee lifted': { 'submission.guarantee-overridden': ['adviser', 'employer'] },
      // Their employer view goes with their consent: the employer is not told about someone who said no.
      'consent to be matched withdrawn (their undecided submissions withdrawn)': { 'submission.withdrawn': ['adviser', 'liaison'] },
      'hired elsewhere (their other live submission withdrawn)': {
        'submission.hired': ['adviser', 'liaison'],
        'submission.withdrawn': ['adviser', 'liaison', 'employer'],
      },
      // Recorded by their own adviser: nobody else needs telling.
      '13-week check-in recorded (a week early)': { 'placement.checkin-recorded': [] },
      // The hire's in-work support contacts came and went unmade: its adviser hears of that too.
      '26-week check-in due (sweeper)': {
        'placement.checkin-due': ['adviser'],
        'placement.support-overdue': ['adviser'],
        'casework.review-due': ['adviser'],
        'submission.reminder': ['liaison', 'employer'],
      },
    });
    expect(rows.some(([, h]) => Object.values(h).some((x) => x.includes('other adviser')))).toBe(false);
  });

  it('a caseload transfer tells the receiving adviser, and the one giving them up when an admin moved them', async () => {
    const { employer } = await w.openVacancy();
    const p = await w.participant();
    const byAdviser = await heard(employer.id, () =>
      transferCaseload(deps, adviser, p.id, { toAdviserId: otherAdviser.sub, reason: 'Moved to Hunslet' }),
    );
    const byAdmin = await heard(employer.id, () => transferCaseload(deps, admin, p.id, { toAdviserId: adviser.sub, reason: 'Back' }));
    expect(byAdviser).toEqual({ 'participant.transferred': ['other adviser'] });
    expect(byAdmin).toEqual({ 'participant.transferred': ['adviser', 'other adviser'] });
    const [n] = (await listNotifications(deps, adviser, { limit: 1 })).items;
    expect(n).toMatchObject({ kind: 'caseload-transferred', title: `${p.firstName} ${p.lastName} has joined your caseload` });
  });

  it('a cohort withdrawal tells the participant’s adviser and the cohort’s organiser, but not whoever withdrew them', async () => {
    const { employer } = await w.openVacancy();
    const cohort = await w.cohort({ guaranteedInterview: true });
    const p = await w.participant();
    const p2 = await w.participant();
    await enrol(deps, adviser, cohort.id, p.id);
    await enrol(deps, adviser, cohort.id, p2.id);
    const byAdviser = await heard(employer.id, () => changeEnrolment(deps, adviser, cohort.id, p.id, { status: 'withdrawn' }));
    const byOrganiser = await heard(employer.id, () => changeEnrolment(deps, liaison, cohort.id, p2.id, { status: 'withdrawn' }));
    expect(byAdviser).toEqual({ 'enrolment.withdrawn': ['liaison'] });
    expect(byOrganiser).toEqual({ 'enrolment.withdrawn': ['adviser'] });
    const [n] = (await listNotifications(deps, adviser, { limit: 1 })).items;
    expect(n).toMatchObject({
      kind: 'enrolment-withdrawn',
      title: `${p2.firstName} ${p2.lastName} withdrawn from Warehouse routeway`,
      body: 'Their place is free for someone else. Having not completed it, they no longer have its guaranteed interview.',
    });
  });
});
