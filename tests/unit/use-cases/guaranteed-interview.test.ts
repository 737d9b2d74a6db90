import { beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../../shared/domain/actor.js';
import { GuaranteeOverrideInput, guaranteeWords, rejectionBarred, Submission } from '../../../shared/domain/submission.js';
import { BusinessRuleError, ConflictError, ForbiddenError } from '../../../shared/errors.js';
import { changeEnrolment, enrol } from '../../../shared/use-cases/cohorts.js';
import { listNotifications } from '../../../shared/use-cases/notifications.js';
import { eraseParticipant } from '../../../shared/use-cases/subject-rights.js';
import { getSubmission, overrideGuarantee, propose, putCohortForward, recordDecision } from '../../../shared/use-cases/submissions.js';
import { fakeDeps, type FakeDeps } from '../../support/fakes/fake-deps.js';
import { admin, adviser, adviserOf, deliverAll, failureOf, liaison, ORG, scenario } from '../../support/fakes/scenario.js';

/**
 * The guaranteed interview: shared/use-cases/submissions.ts `propose` and `putCohortForward` record
 * whether a candidate is guaranteed one and why; `recordDecision` refuses to reject one who met the
 * must-haves; `overrideGuarantee` lets a liaison officer lift it with a reason; `viewFor` tells the employer.
 */
let deps: FakeDeps;
let w: ReturnType<typeof scenario>;

beforeEach(() => {
  deps = fakeDeps({ now: '2026-11-25T10:00:00Z' });
  w = scenario(deps);
});

/** A completer of a cohort (made with `over`), as their adviser records it. */
async function completer(cohortOver: Record<string, unknown>, participantOver: Record<string, unknown> = {}) {
  const cohort = await w.cohort(cohortOver);
  const p = await w.participant(participantOver);
  await enrol(deps, adviser, cohort.id, p.id);
  await changeEnrolment(deps, adviser, cohort.id, p.id, { status: 'completed' });
  return { cohort, p };
}

/** A candidate with the employer for a vacancy that guarantees an interview, who meets its must-haves. */
async function guaranteedWithEmployer() {
  const { vacancy, employerActor } = await w.openVacancy({ guaranteedInterview: true });
  const p = await w.participant();
  const s = await w.submitted(vacancy.id, p);
  return { vacancy, employerActor, p, s };
}

const REJECT = { decision: 'reject', reasonCode: 'experience' } as const;

describe('on propose: whether a candidate is guaranteed an interview, and why', () => {
  it('the vacancy offers one: guaranteed, from the vacancy, meeting the must-haves', async () => {
    // Prepare
    const { vacancy } = await w.openVacancy({ guaranteedInterview: true });
    const p = await w.participant({ skills: ['picking'] });
    // Act
    const [s] = await propose(deps, liaison, vacancy.id, { participantIds: [p.id] });
    // Assess
    expect(s).toMatchObject({ guaranteedInterview: true, guarantee: { source: 'vacancy', meetsMustHaves: true } });
    expect((await deps.repos.submissions.get(ORG, s!.id))?.guarantee).toEqual({ source: 'vacancy', meetsMustHaves: true });
  });

  it('a must-have skill missing: still guaranteed by the vacancy, but not meeting the must-haves', async () => {
    // Prepare
    const { vacancy } = await w.openVacancy({ guaranteedInterview: true, essentialSkills: ['picking', 'forklift'] });
    const p = await w.participant({ skills: ['picking'] });
    // Act
    const [s] = await propose(deps, liaison, vacancy.id, { participantIds: [p.id] });
    // Assess
    expect(s).toMatchObject({ guaranteedInterview: true, guarantee: { source: 'vacancy', meetsMustHaves: false } });
    expect(rejectionBarred(s!)).toBe(false);
  });

  it.each([
    ['not held', false, []],
    ['held, but expiring before the start date', false, [{ name: 'cscs green card', expiresOn: '2026-12-31' }]],
    ['held and valid on the start date', true, [{ name: 'cscs green card', expiresOn: '2027-06-30' }]],
    ['held with no expiry', true, [{ name: 'cscs green card' }]],
  ])('an essential certificate %s: meets the must-haves %s', async (_what, meets, certifications) => {
    // Prepare
    const { vacancy } = await w.openVacancy({
      guaranteedInterview: true,
      essentialCertifications: ['cscs green card'],
      startDate: '2027-01-04',
      closingDate: '2026-12-20',
    });
    const p = await w.participant({ certifications });
    // Act
    const [s] = await propose(deps, liaison, vacancy.id, { participantIds: [p.id] });
    // Assess
    expect(s!.guarantee).toEqual({ source: 'vacancy', meetsMustHaves: meets });
  });

  it.each([
    ['names the vacancy', (v: { id: string }) => ({ linkedVacancyIds: [v.id] })],
    ['names the vacancy’s employer', (v: { employerId: string }) => ({ linkedEmployerIds: [v.employerId] })],
  ])('completed a guaranteeing cohort that %s: guaranteed, from that cohort, by name', async (_how, link) => {
    // Prepare
    const { vacancy } = await w.openVacancy();
    const { cohort, p } = await completer({ title: 'Warehouse routeway', guaranteedInterview: true, ...link(vacancy) });
    // Act
    const [s] = await propose(deps, liaison, vacancy.id, { participantIds: [p.id] });
    // Assess
    expect(s).toMatchObject({
      guaranteedInterview: true,
      guarantee: { source: 'cohort', cohortId: cohort.id, cohortTitle: 'Warehouse routeway', meetsMustHaves: true },
    });
  });

  it('a cohort the vacancy names (linkedCohortIds) counts too', async () => {
    // Prepare
    const { cohort, p } = await completer({ guaranteedInterview: true });
    const { vacancy } = await w.openVacancy({ linkedCohortIds: [cohort.id] });
    // Act
    const [s] = await propose(deps, liaison, vacancy.id, { participantIds: [p.id] });
    // Assess
    expect(s!.guarantee).toMatchObject({ source: 'cohort', cohortId: cohort.id });
  });

  it('no guarantee from a cohort only enrolled on, one without a guarantee, or one not linked', async () => {
    // Prepare
    const { vacancy } = await w.openVacancy();
    const enrolledOnly = await w.participant();
    const linkedGuaranteeing = await w.cohort({ guaranteedInterview: true, linkedVacancyIds: [vacancy.id] });
    await enrol(deps, adviser, linkedGuaranteeing.id, enrolledOnly.id);
    const { p: plainCompleter } = await completer({ guaranteedInterview: false, linkedVacancyIds: [vacancy.id] });
    const { p: unlinkedCompleter } = await completer({ guaranteedInterview: true });
    // Act
    const subs = await propose(deps, liaison, vacancy.id, { participantIds: [enrolledOnly.id, plainCompleter.id, unlinkedCompleter.id] });
    // Assess
    expect(subs.map((s) => s.guaranteedInterview)).toEqual([false, false, false]);
    expect(subs.every((s) => !('guarantee' in s))).toBe(true);
  });

  it('the vacancy’s own offer is the reason given when a linked cohort also guarantees one', async () => {
    // Prepare
    const { vacancy } = await w.openVacancy({ guaranteedInterview: true });
    const { p } = await completer({ guaranteedInterview: true, linkedVacancyIds: [vacancy.id] });
    // Act
    const [s] = await propose(deps, liaison, vacancy.id, { participantIds: [p.id] });
    // Assess
    expect(s!.guarantee).toEqual({ source: 'vacancy', meetsMustHaves: true });
  });

  it('put forward with a cohort: that cohort is the reason, even when they completed another that guarantees one', async () => {
    // Prepare
    const { vacancy } = await w.openVacancy();
    const first = await w.cohort({ title: 'A first course', guaranteedInterview: true, linkedVacancyIds: [vacancy.id] });
    const second = await w.cohort({ title: 'The one put forward', guaranteedInterview: true, linkedVacancyIds: [vacancy.id] });
    const p = await w.participant({ skills: ['cleaning'] });
    for (const c of [first, second]) {
      await enrol(deps, adviser, c.id, p.id);
      await changeEnrolment(deps, adviser, c.id, p.id, { status: 'completed' });
    }
    // Act
    const out = await putCohortForward(deps, liaison, second.id, vacancy.id);
    // Assess: guaranteed by that cohort, though without the must-have (picking) it does not bind.
    expect(out.submissions.map((s) => [s.guaranteedInterview, s.guarantee])).toEqual([
      [true, { source: 'cohort', cohortId: second.id, cohortTitle: 'The one put forward', meetsMustHaves: false }],
    ]);
  });
});

describe('rejecting a guaranteed candidate who met the must-haves', () => {
  it.each([
    ['the employer', 'employer'],
    ['a liaison officer on their behalf', 'liaison'],
  ])('is refused for %s (422 naming the rule, field decision), and nothing is written', async (_who, role) => {
    // Prepare
    const { employerActor, s } = await guaranteedWithEmployer();
    const actor: Actor = role === 'employer' ? employerActor : liaison;
    const before = deps.snapshot();
    // Act
    const err = await failureOf(recordDecision(deps, actor, s.id, REJECT));
    // Assess
    expect(err).toBeInstanceOf(BusinessRuleError);
    expect(err.status).toBe(422);
    expect(err.message).toMatch(/^Guaranteed interview: /);
    expect(err.errors).toEqual([
      {
        path: 'decision',
        message: 'This candidate is guaranteed an interview: invite them, or ask your liaison officer to lift the guarantee first',
      },
    ]);
    expect(err.extra).toEqual({ rule: 'guaranteed-interview' });
    expect(deps.snapshot()).toBe(before);
  });

  it('inviting them to interview is fine', async () => {
    // Prepare
    const { employerActor, s } = await guaranteedWithEmployer();
    // Act
    const next = await recordDecision(deps, employerActor, s.id, { decision: 'interview' });
    // Assess
    expect(next.state).toBe('interview');
  });

  it('one who did not meet the must-haves may be rejected', async () => {
    // Prepare
    const { vacancy, employerActor } = await w.openVacancy({ guaranteedInterview: true, essentialSkills: ['picking', 'forklift'] });
    const p = await w.participant({ skills: ['picking'] });
    const s = await w.submitted(vacancy.id, p);
    // Act
    const next = await recordDecision(deps, employerActor, s.id, REJECT);
    // Assess
    expect(next.state).toBe('rejected');
  });

  it('a cohort completer who met the must-haves is held the same way', async () => {
    // Prepare
    const { vacancy, employerActor } = await w.openVacancy();
    const { p } = await completer({ guaranteedInterview: true, linkedEmployerIds: [vacancy.employerId] });
    const s = await w.submitted(vacancy.id, p);
    // Act
    const err = await failureOf(recordDecision(deps, employerActor, s.id, REJECT));
    // Assess
    expect(err).toBeInstanceOf(BusinessRuleError);
    expect(err.extra).toEqual({ rule: 'guaranteed-interview' });
  });

  it('a submission stored before guarantees were recorded still parses, and is not held (its must-haves were never checked)', () => {
    // Prepare: an item as putCohortForward wrote it before, guaranteed but with no guarantee details.
    const old = {
      id: '01KTEST000000000000000000A',
      orgId: ORG,
      vacancyId: '01KTEST000000000000000000B',
      vacancyTitle: 'Warehouse operative',
      employerId: '01KTEST000000000000000000C',
      participantId: '01KTEST000000000000000000D',
      adviserId: 'u-adviser-1',
      proposedBy: 'u-liaison-1',
      candidateRef: 'C-00000A',
      state: 'submitted',
      guaranteedInterview: true,
      proposedAt: '2026-11-20T10:00:00.000Z',
      agreeBy: '2026-11-25',
      history: [{ from: null, to: 'proposed', at: '2026-11-20T10:00:00.000Z', by: 'u-liaison-1' }],
      version: 2,
    };
    // Act
    const parsed = Submission.safeParse(old);
    // Assess
    expect(parsed.success).toBe(true);
    expect(rejectionBarred(parsed.data!)).toBe(false);
    expect(guaranteeWords(parsed.data!)).toBe('This candidate was put forward with a guaranteed interview.');
  });
});

describe('a liaison officer lifts the guarantee, with a reason', () => {
  it('records who, when and why in the submission and its history; then the employer may reject', async () => {
    // Prepare
    const { employerActor, s } = await guaranteedWithEmployer();
    // Act
    const lifted = await overrideGuarantee(deps, liaison, s.id, { reason: 'Site closed for refit until March: agreed with the employer' });
    const rejected = await recordDecision(deps, employerActor, s.id, REJECT);
    // Assess
    expect(lifted).toMatchObject({
      state: 'submitted',
      guaranteeOverride: {
        reason: 'Site closed for refit until March: agreed with the employer',
        by: 'u-liaison-1',
        at: '2026-11-25T10:00:00.000Z',
      },
      version: s.version + 1,
    });
    expect(lifted.history.at(-1)).toEqual({
      from: 'submitted',
      to: 'submitted',
      at: '2026-11-25T10:00:00.000Z',
      by: 'u-liaison-1',
      reason: 'Site closed for refit until March: agreed with the employer',
      action: 'guarantee-override',
    });
    expect(deps.events.find((e) => e.type === 'submission.guarantee-overridden')).toMatchObject({
      submissionId: s.id,
      employerId: s.employerId,
      actorSub: 'u-liaison-1',
    });
    expect(rejected.state).toBe('rejected');
  });

  it('an admin may too', async () => {
    // Prepare
    const { s } = await guaranteedWithEmployer();
    // Act
    const lifted = await overrideGuarantee(deps, admin, s.id, { reason: 'Agreed at the review' });
    // Assess
    expect(lifted.guaranteeOverride?.by).toBe('u-admin-1');
  });

  it.each([
    ['the employer', 'employer'],
    ['the participant’s adviser', 'adviser'],
  ])('%s may not (403), and nothing is written', async (_who, role) => {
    // Prepare
    const { employerActor, p, s } = await guaranteedWithEmployer();
    const actor: Actor = role === 'employer' ? employerActor : adviserOf(p);
    const before = deps.snapshot();
    // Act
    const err = await failureOf(overrideGuarantee(deps, actor, s.id, { reason: 'We would rather not' }));
    // Assess
    expect(err).toBeInstanceOf(ForbiddenError);
    expect(deps.snapshot()).toBe(before);
  });

  it('needs a reason (the request schema refuses a blank one)', () => {
    // Prepare, Act
    const blank = GuaranteeOverrideInput.safeParse({ reason: '   ' });
    const none = GuaranteeOverrideInput.safeParse({});
    // Assess
    expect(blank.success).toBe(false);
    expect(blank.error?.issues.map((i) => i.path.join('.'))).toEqual(['reason']);
    expect(none.success).toBe(false);
  });

  it('only while the employer has still to decide (409 before the adviser agrees, and after a decision)', async () => {
    // Prepare
    const { vacancy, employerActor } = await w.openVacancy({ guaranteedInterview: true });
    const proposed = await w.proposed(vacancy.id, await w.participant());
    const decided = await w.submitted(vacancy.id, await w.participant());
    await recordDecision(deps, employerActor, decided.id, { decision: 'interview' });
    const before = deps.snapshot();
    // Act
    const early = await failureOf(overrideGuarantee(deps, liaison, proposed.id, { reason: 'Too soon' }));
    const late = await failureOf(overrideGuarantee(deps, liaison, decided.id, { reason: 'Too late' }));
    // Assess
    expect(early).toBeInstanceOf(ConflictError);
    expect(early.message).toBe('A guarantee is lifted while the employer has still to decide; this submission is proposed');
    expect(late).toBeInstanceOf(ConflictError);
    expect(deps.snapshot()).toBe(before);
  });

  it('only a guarantee that binds (422 with none, or when the must-haves were not met), and once (409)', async () => {
    // Prepare
    const plain = await w.openVacancy();
    const none = await w.submitted(plain.vacancy.id, await w.participant());
    const strict = await w.openVacancy({ guaranteedInterview: true, essentialSkills: ['forklift'] });
    const short = await w.submitted(strict.vacancy.id, await w.participant({ skills: ['picking'] }));
    const { s } = await guaranteedWithEmployer();
    await overrideGuarantee(deps, liaison, s.id, { reason: 'First time' });
    const before = deps.snapshot();
    // Act
    const noGuarantee = await failureOf(overrideGuarantee(deps, liaison, none.id, { reason: 'Nothing to lift' }));
    const notBinding = await failureOf(overrideGuarantee(deps, liaison, short.id, { reason: 'Nothing to lift' }));
    const twice = await failureOf(overrideGuarantee(deps, liaison, s.id, { reason: 'Second time' }));
    // Assess
    expect(noGuarantee).toBeInstanceOf(BusinessRuleError);
    expect(noGuarantee.message).toBe('This candidate has no guaranteed interview to lift');
    expect(notBinding).toBeInstanceOf(BusinessRuleError);
    expect(notBinding.message).toMatch(/did not meet every must-have/);
    expect(twice).toBeInstanceOf(ConflictError);
    expect(twice.message).toBe('The guarantee has already been lifted');
    expect(deps.snapshot()).toBe(before);
  });

  it('the adviser hears why; the employer’s inbox hears that they may decide either way, not why', async () => {
    // Prepare
    const { p, s, employerActor } = await guaranteedWithEmployer();
    await overrideGuarantee(deps, liaison, s.id, { reason: 'Site closed for refit until March' });
    // Act
    await deliverAll(deps);
    // Assess
    const adviserInbox = (await listNotifications(deps, adviserOf(p), { limit: 50 })).items;
    const employerInbox = (await listNotifications(deps, employerActor, { limit: 50 })).items;
    const toAdviser = adviserInbox.find((n) => n.kind === 'guarantee-overridden');
    const toEmployer = employerInbox.find((n) => n.kind === 'guarantee-overridden');
    expect(toAdviser).toMatchObject({ title: 'Guaranteed interview lifted: Dean Walsh for Warehouse operative at Hartley Logistics 1' });
    expect(toAdviser?.body).toContain('Reason: Site closed for refit until March');
    expect(toEmployer).toMatchObject({ title: `You may decide either way on ${s.candidateRef} for Warehouse operative` });
    expect(JSON.stringify(toEmployer)).not.toMatch(/refit|Dean|Walsh/);
  });

  it('erasing the participant keeps the override but drops the officer’s words', async () => {
    // Prepare
    const { p, s } = await guaranteedWithEmployer();
    await overrideGuarantee(deps, liaison, s.id, { reason: 'CANARY-override-reason' });
    // Act
    await eraseParticipant(deps, admin, p.id);
    // Assess
    const kept = await deps.repos.submissions.get(ORG, s.id);
    expect(kept?.guaranteeOverride).toEqual({ by: 'u-liaison-1', at: '2026-11-25T10:00:00.000Z' });
    expect(JSON.stringify(kept)).not.toContain('CANARY');
    expect(kept?.history.some((h) => h.action === 'guarantee-override')).toBe(true);
  });
});

describe('what the employer is told before they decide', () => {
  it('that the candidate is guaranteed an interview and why, in their words, with no participant identity', async () => {
    // Prepare
    const { vacancy, employerActor } = await w.openVacancy();
    const { cohort, p } = await completer({ title: 'Warehouse routeway', guaranteedInterview: true, linkedVacancyIds: [vacancy.id] });
    const s = await w.submitted(vacancy.id, p);
    // Act
    const view = await getSubmission(deps, employerActor, s.id);
    // Assess
    expect(view).toMatchObject({
      guaranteedInterview: true,
      guarantee: {
        source: 'cohort',
        cohortTitle: 'Warehouse routeway',
        meetsMustHaves: true,
        lifted: false,
        mayReject: false,
        why:
          'This candidate is guaranteed an interview: they completed “Warehouse routeway”, pre-employment training that guarantees its completers an interview with you, and they meet the must-haves. ' +
          'Invite them to interview; if you cannot, ask your liaison officer.',
      },
    });
    const text = JSON.stringify(view);
    for (const secret of [p.id, cohort.id, 'Walsh', p.adviserId]) expect(text).not.toContain(secret);
  });

  it('a vacancy’s own offer, said to the employer as theirs', async () => {
    // Prepare
    const { employerActor, s } = await guaranteedWithEmployer();
    // Act
    const view = await getSubmission(deps, employerActor, s.id);
    // Assess
    expect(view).toMatchObject({
      guarantee: {
        source: 'vacancy',
        mayReject: false,
        why: expect.stringMatching(
          /^This candidate is guaranteed an interview: you offer an interview to every candidate for this vacancy who meets its must-haves, and they meet them\./,
        ),
      },
    });
  });

  it('once lifted, that they may decide either way (not the officer’s reason)', async () => {
    // Prepare
    const { employerActor, s } = await guaranteedWithEmployer();
    await overrideGuarantee(deps, liaison, s.id, { reason: 'Site closed for refit' });
    // Act
    const view = await getSubmission(deps, employerActor, s.id);
    // Assess
    expect(view).toMatchObject({ guarantee: { lifted: true, mayReject: true, why: expect.stringContaining('you may decide either way') } });
    expect(JSON.stringify(view)).not.toContain('refit');
  });

  it('nothing about a guarantee when there is none', async () => {
    // Prepare
    const { vacancy, employerActor } = await w.openVacancy();
    const s = await w.submitted(vacancy.id, await w.participant());
    // Act
    const view = await getSubmission(deps, employerActor, s.id);
    // Assess
    expect(view).toMatchObject({ guaranteedInterview: false });
    expect(view).not.toHaveProperty('guarantee');
  });
});
