import { callbackEndedBy } from './callbacks.js';
import type { z } from 'zod';
import type { Actor } from '../domain/actor.js';
import { isLongTermUnemployed, type Participant } from '../domain/participant.js';
import { PIPELINE } from '../domain/pipeline-rules.js';
import { buildSchedule, defaultTemplate } from '../domain/in-work-support.js';
import {
  candidateRef,
  EMPLOYER_VISIBLE_STATES,
  LIVE_STATES,
  type AgreementInput,
  type DecisionInput,
  type EmployerView,
  GUARANTEE_RULE,
  type Guarantee,
  guaranteeBinds,
  type GuaranteeOverrideInput,
  guaranteeWords,
  type InterviewInput,
  type OutcomeInput,
  type Placement,
  type Submission,
  type SubmissionCreate,
  type SubmissionState,
  statesLeadingTo,
  transition,
  type WithdrawalReason,
  rejectionBarred,
  milestonesFrom,
} from '../domain/submission.js';
import { DEFAULT_PROGRAMME, outcomeScheduleOf } from '../domain/programmes.js';
import { positionsLeft, type Vacancy } from '../domain/vacancy.js';
import { isCohortLinked, type Cohort } from '../domain/cohort.js';
import { addWorkingDays } from '../domain/dates.js';
import { missingCertifications, missingEssentials } from '../matching/evaluate.js';
import { toMatchProfile, toMatchVacancy } from '../matching/profile.js';
import { BusinessRuleError, ConflictError, NotFoundError, ValidationError, type FieldError } from '../errors.js';
import { ownsParticipant, requireRole, visibleEmployer, type Capability } from '../policy.js';
import type { EndedSubmission, PageRequest } from '../ports/repositories.js';
import type { OutboxEvent } from '../domain/events.js';
import { withVersionRetry, type Deps } from './deps.js';
import { event, statusEvent, subjectOf } from './events.js';

const today = (deps: Deps) => deps.clock.today();

/** Group labels a funnel event is counted under, so managers can see creaming and parking. */
/**
 * The groups an event about a participant is counted in: long-term unemployed, readiness, adviser and
 * payment group (a fact reported on, never a ranking input), and, for a submission, the liaison officer
 * who put them forward.
 */
export function groupLabels(p: Participant, on: string, s?: Pick<Submission, 'proposedBy'>): Record<string, string> {
  return {
    ltu: isLongTermUnemployed(p, on) ? 'yes' : 'no',
    readiness: p.readiness,
    adviser: p.adviserId,
    payment: p.paymentGroup ?? 'none',
    source: p.referralSource ?? 'none',
    ...(s ? { officer: s.proposedBy } : {}),
  };
}

const live = (n: number | undefined) => n ?? 0;
const bump = <T extends { version: number }>(x: T, changes: Partial<T>): T => ({ ...x, ...changes, version: x.version + 1 });

/** Why a participant cannot be put forward, or nothing. */
export function refusal(p: Participant | undefined, already: boolean): string | undefined {
  if (!p) return 'unknown participant';
  if (p.status === 'placed') return 'already placed in work';
  if (p.status !== 'active') return 'has left the programme';
  if (!p.consent.matching) return 'has not consented to be matched';
  if (p.readiness !== 'green') return `not job-ready (${p.readiness})`;
  if (already) return 'already put forward for this vacancy';
  return undefined;
}

/**
 * Whether each participant is guaranteed an interview for the vacancy, and why: the vacancy offers one,
 * or they completed a cohort linked to the vacancy or its employer that guarantees one (`preferCohortId`
 * when it is one of theirs, else the first by id); and whether they meet its must-haves now: every
 * essential skill and every essential certificate valid on the start or closing date, as the matching
 * engine checks them.
 */
async function guaranteesFor(
  deps: Deps,
  orgId: string,
  vacancy: Vacancy,
  people: readonly Participant[],
  preferCohortId?: string,
): Promise<(Guarantee | undefined)[]> {
  const mv = toMatchVacancy(vacancy);
  const meetsMustHaves = (p: Participant) => {
    const profile = toMatchProfile(p, undefined);
    return missingEssentials(profile, mv).length === 0 && missingCertifications(profile, mv).length === 0;
  };
  if (vacancy.guaranteedInterview) return people.map((p) => ({ source: 'vacancy' as const, meetsMustHaves: meetsMustHaves(p) }));
  const enrolments = await Promise.all(people.map((p) => deps.repos.cohorts.enrolmentsOf(orgId, p.id)));
  const completed = (i: number) => enrolments[i]!.filter((e) => e.status === 'completed').map((e) => e.cohortId);
  const ids = [...new Set(people.flatMap((_, i) => completed(i)))];
  const guaranteeing = new Map(
    (await Promise.all(ids.map((id) => deps.repos.cohorts.get(orgId, id))))
      .filter((c): c is Cohort => c?.guaranteedInterview === true && isCohortLinked(c, vacancy))
      .map((c) => [c.id, c]),
  );
  return people.map((p, i) => {
    const theirs = completed(i).filter((id) => guaranteeing.has(id));
    const id = theirs.includes(preferCohortId ?? '') ? preferCohortId! : theirs.sort()[0];
    const c = id === undefined ? undefined : guaranteeing.get(id)!;
    return c ? { source: 'cohort' as const, cohortId: c.id, cohortTitle: c.title, meetsMustHaves: meetsMustHaves(p) } : undefined;
  });
}

/**
 * Puts candidates forward for a vacancy, all or nothing: any refusal names every participant refused
 * and creates nothing. The vacancy's version check makes concurrent shortlists queue up, so the live
 * limit (positions × 5) can never be exceeded.
 */
export async function propose(
  deps: Deps,
  actor: Actor,
  vacancyId: string,
  input: z.infer<typeof SubmissionCreate>,
  opts: { viaCohortId?: string } = {},
) {
  requireRole(actor, 'submission:propose');
  return withVersionRetry(async () => {
    const vacancy = await deps.repos.vacancies.get(actor.orgId, vacancyId);
    if (!vacancy) throw new NotFoundError('vacancy', vacancyId);
    if (vacancy.status !== 'open')
      throw new BusinessRuleError(`Candidates are put forward for open vacancies; this one is ${vacancy.status}`);
    const [participants, already] = await Promise.all([
      Promise.all(input.participantIds.map((id) => deps.repos.participants.get(actor.orgId, id))),
      deps.repos.submissions.participantsPutForward(actor.orgId, vacancyId),
    ]);
    const errors: FieldError[] = [];
    input.participantIds.forEach((id, i) => {
      const why = refusal(participants[i], already.has(id));
      if (why) errors.push({ path: `participantIds.${i}`, message: why });
    });
    if (errors.length) throw new BusinessRuleError('Nobody was put forward: some candidates cannot be', { errors });
    const limit = vacancy.positions * PIPELINE.liveSubmissionsPerPosition;
    const nowLive = live(vacancy.liveSubmissions);
    if (nowLive + input.participantIds.length > limit) {
      throw new ConflictError(
        `The shortlist is full: at most ${limit} live submissions for ${vacancy.positions} position(s), ${nowLive} live now, ${input.participantIds.length} asked`,
      );
    }
    const people = participants.map((p) => p!);
    const guarantees = await guaranteesFor(deps, actor.orgId, vacancy, people, opts.viaCohortId);
    const now = deps.clock.now().toISOString();
    const submissions: Submission[] = participants.map((p, i) => {
      const id = deps.ids.next();
      const guarantee = guarantees[i];
      return {
        id,
        orgId: actor.orgId,
        vacancyId,
        vacancyTitle: vacancy.title,
        employerId: vacancy.employerId,
        participantId: p!.id,
        adviserId: p!.adviserId,
        proposedBy: actor.sub,
        candidateRef: candidateRef(id),
        state: 'proposed',
        guaranteedInterview: guarantee !== undefined,
        ...(guarantee ? { guarantee } : {}),
        ...(input.note ? { note: input.note } : {}),
        proposedAt: now,
        agreeBy: addWorkingDays(today(deps), PIPELINE.agreeWithinWorkingDays, PIPELINE.bankHolidays),
        history: [{ from: null, to: 'proposed', at: now, by: actor.sub }],
        version: 1,
      };
    });
    await deps.repos.submissions.propose({
      vacancy: { prev: vacancy, next: bump(vacancy, { liveSubmissions: nowLive + submissions.length, updatedAt: now }) },
      submissions,
      participants: participants.map((p) => ({
        prev: p!,
        next: bump(p!, { liveSubmissions: live(p!.liveSubmissions) + 1, lastPutForwardAt: now }),
      })),
      events: submissions.map((s, i) =>
        event(deps, actor, 'submission.proposed', { ...subjectOf(s), detail: groupLabels(participants[i]!, today(deps), s) }),
      ),
    });
    return submissions;
  });
}

/** What the employer sees: the fields the participant consented to share, frozen when the adviser agrees. */
export function employerViewOf(p: Participant, ref: string): EmployerView {
  const share = new Set(p.consent.shareWithEmployers);
  return {
    candidateRef: ref,
    ...(share.has('firstName') ? { firstName: p.firstName } : {}),
    ...(share.has('skills') ? { skills: p.skills } : {}),
    ...(share.has('workHistory')
      ? {
          workHistory: p.workHistory.map((w) => ({
            role: w.role,
            ...(w.sector ? { sector: w.sector } : {}),
            from: w.from,
            ...(w.to ? { to: w.to } : {}),
          })),
        }
      : {}),
    ...(share.has('certifications') ? { certifications: p.certifications } : {}),
    ...(share.has('availability')
      ? {
          availability: {
            ...(p.preferences.hoursPerWeek ? { hoursPerWeek: p.preferences.hoursPerWeek } : {}),
            shifts: p.preferences.shifts,
          },
        }
      : {}),
    ...(share.has('drivingLicence') ? { drivingLicence: p.drivingLicence } : {}),
    ...(share.has('healthDisclosure') && p.consent.healthDisclosureText ? { healthDisclosure: p.consent.healthDisclosureText } : {}),
    ...(share.has('convictionDisclosure') && p.consent.convictionDisclosureText
      ? { convictionDisclosure: p.consent.convictionDisclosureText }
      : {}),
    ...(share.has('programmeParticipation') ? { programmeParticipation: 'Supported into work by an employment programme' } : {}),
    sharedFields: [...share].sort() as EmployerView['sharedFields'],
  };
}

export async function loadForChange(deps: Deps, actor: Actor, id: string) {
  const s = await deps.repos.submissions.get(actor.orgId, id);
  if (!s) throw new NotFoundError('submission', id);
  return s;
}

/** Frees the submission's place on the shortlist and the participant's live count. */
export async function release(deps: Deps, s: Submission, now: string) {
  const [vacancy, participant] = await Promise.all([
    deps.repos.vacancies.get(s.orgId, s.vacancyId),
    deps.repos.participants.get(s.orgId, s.participantId),
  ]);
  return {
    ...(vacancy
      ? {
          vacancy: {
            prev: vacancy,
            next: bump(vacancy, {
              liveSubmissions: Math.max(0, live(vacancy.liveSubmissions) - 1),
              // An accepted offer's reserved position goes with it (to the hire that follows, or back to the vacancy).
              ...(s.state === 'offer-accepted' ? { offersAccepted: Math.max(0, (vacancy.offersAccepted ?? 0) - 1) } : {}),
              updatedAt: now,
            }),
          },
        }
      : {}),
    ...(participant
      ? {
          participant: {
            prev: participant,
            next: bump(participant, { liveSubmissions: Math.max(0, live(participant.liveSubmissions) - 1) }),
          },
        }
      : {}),
  };
}

/** The participant's own adviser records whether the participant agrees to be put forward. */
export async function recordAgreement(deps: Deps, actor: Actor, id: string, input: z.infer<typeof AgreementInput>) {
  requireRole(actor, 'submission:agree');
  return withVersionRetry(async () => {
    const s = await loadForChange(deps, actor, id);
    const participant = await deps.repos.participants.get(actor.orgId, s.participantId);
    if (!participant || !ownsParticipant(actor, participant)) throw new NotFoundError('submission', id);
    if (s.state !== 'proposed') throw new ConflictError(`The proposal has already been answered (${s.state})`);
    const now = deps.clock.now().toISOString();
    const agreement = { agreed: input.agreed, ...(input.note ? { note: input.note } : {}), by: actor.sub, at: now };
    if (input.agreed) {
      if (!participant.consent.matching) throw new BusinessRuleError('The participant no longer consents to be matched');
      const vacancy = await deps.repos.vacancies.get(actor.orgId, s.vacancyId);
      const respondBy = addWorkingDays(
        today(deps),
        vacancy?.employerResponseDays ?? PIPELINE.employerResponseWorkingDays,
        PIPELINE.bankHolidays,
      );
      const next: Submission = {
        ...transition(s, 'submitted', actor.sub, now),
        agreement,
        employerView: employerViewOf(participant, s.candidateRef),
        respondBy,
        expiresOn: addWorkingDays(respondBy, PIPELINE.expireAfterReminderWorkingDays, PIPELINE.bankHolidays),
      };
      await deps.repos.submissions.apply({
        prev: s,
        next,
        events: [event(deps, actor, 'submission.submitted', { ...subjectOf(s), detail: groupLabels(participant, today(deps), s) })],
      });
      return next;
    }
    const next: Submission = { ...transition(s, 'declined', actor.sub, now, input.note), agreement };
    await deps.repos.submissions.apply({
      prev: s,
      next,
      ...(await release(deps, s, now)),
      events: [event(deps, actor, 'submission.declined', subjectOf(s))],
    });
    return next;
  });
}

/** Employer users decide for their own vacancies; liaison officers and admins may record a decision on their behalf. */
export function assertMayActForEmployer(actor: Actor, s: Submission) {
  if (!visibleEmployer(actor, s.employerId) || (actor.role === 'employer' && !EMPLOYER_VISIBLE_STATES.includes(s.state))) {
    throw new NotFoundError('submission', s.id);
  }
}

/**
 * The answers recorded on a candidate after they reach the employer, each with the capability it needs:
 * the employer's (decision, interview, work trial and its result, offer, outcome) and the participant's
 * answer to an offer.
 */
export type EmployerAnswer = 'decision' | 'interview' | 'trial' | 'trial-result' | 'offer' | 'offer-response' | 'outcome';
const ANSWER_GATES: Record<EmployerAnswer, Capability> = {
  decision: 'submission:decide',
  interview: 'submission:progress',
  trial: 'submission:progress',
  'trial-result': 'submission:progress',
  offer: 'submission:progress',
  'offer-response': 'submission:offer-response',
  outcome: 'submission:progress',
};

/**
 * Who may record an answer on this submission: employer users for their own vacancies' candidates,
 * liaison officers and admins on the employer's behalf, and (for the answer to an offer only, the one
 * answer that is the participant's) their own adviser. Someone else's candidate is 404.
 */
export async function assertMayAnswer(deps: Deps, actor: Actor, s: Submission) {
  assertMayActForEmployer(actor, s);
  if (actor.role === 'adviser') {
    const p = await deps.repos.participants.get(actor.orgId, s.participantId);
    if (!p || !ownsParticipant(actor, p)) throw new NotFoundError('submission', s.id);
  }
}

/**
 * A submission as the caller sees it when recording one of those answers (the same rules as the use
 * case that records it). Advisers never record an employer's answer (403).
 */
export async function submissionToAnswer(deps: Deps, actor: Actor, id: string, answer: EmployerAnswer) {
  requireRole(actor, ANSWER_GATES[answer]);
  const s = await loadForChange(deps, actor, id);
  await assertMayAnswer(deps, actor, s);
  return viewFor(actor, s);
}

/**
 * The employer's decision. A candidate guaranteed an interview who met the must-haves cannot be
 * rejected without one (422, rule `guaranteed-interview`, field `decision`) unless a liaison officer has
 * lifted the guarantee with a reason (`overrideGuarantee`).
 */
export async function recordDecision(deps: Deps, actor: Actor, id: string, input: z.infer<typeof DecisionInput>) {
  requireRole(actor, 'submission:decide');
  return withVersionRetry(async () => {
    const s = await loadForChange(deps, actor, id);
    assertMayActForEmployer(actor, s);
    if (s.state !== 'submitted') throw new ConflictError(`Only a submitted candidate can be decided on; this one is ${s.state}`);
    if (input.decision === 'reject' && rejectionBarred(s)) {
      throw new BusinessRuleError(
        'Guaranteed interview: this candidate is guaranteed an interview and met the must-haves, so they cannot be rejected without one. Invite them to interview, or a liaison officer first records an override with a reason (POST /submissions/{id}/guarantee-override).',
        {
          errors: [
            {
              path: 'decision',
              message: 'This candidate is guaranteed an interview: invite them, or ask your liaison officer to lift the guarantee first',
            },
          ],
          extra: { rule: GUARANTEE_RULE },
        },
      );
    }
    const now = deps.clock.now().toISOString();
    const decision = {
      decision: input.decision,
      ...(input.reasonCode ? { reasonCode: input.reasonCode } : {}),
      ...(input.note ? { note: input.note } : {}),
      by: actor.sub,
      at: now,
    };
    if (input.decision === 'interview') {
      const participant = await deps.repos.participants.get(actor.orgId, s.participantId);
      const next: Submission = { ...transition(s, 'interview', actor.sub, now), decision };
      const detail = participant ? groupLabels(participant, today(deps), s) : {};
      await deps.repos.submissions.apply({
        prev: s,
        next,
        events: [event(deps, actor, 'submission.invited', { ...subjectOf(s), detail })],
      });
      return next;
    }
    const next: Submission = { ...transition(s, 'rejected', actor.sub, now, input.reasonCode), decision };
    await deps.repos.submissions.apply({
      prev: s,
      next,
      ...(await release(deps, s, now)),
      events: [event(deps, actor, 'submission.rejected', { ...subjectOf(s), detail: { reasonCode: input.reasonCode! } })],
    });
    return next;
  });
}

/**
 * A liaison officer (or an admin) lifts a candidate's guaranteed interview, with a reason, so the
 * employer may decide either way: only while the employer has still to decide, and once. The reason is
 * kept in the submission's history (an entry that changes no state); the employer's inbox hears that
 * the guarantee is lifted (not why: the words may be about the participant), the adviser hears why.
 */
export async function overrideGuarantee(deps: Deps, actor: Actor, id: string, input: z.infer<typeof GuaranteeOverrideInput>) {
  requireRole(actor, 'submission:override');
  return withVersionRetry(async () => {
    const s = await loadForChange(deps, actor, id);
    if (s.state !== 'submitted')
      throw new ConflictError(`A guarantee is lifted while the employer has still to decide; this submission is ${s.state}`);
    if (!guaranteeBinds(s)) {
      throw new BusinessRuleError(
        s.guaranteedInterview
          ? 'The guarantee does not bind: the candidate did not meet every must-have, so the employer may already decide either way'
          : 'This candidate has no guaranteed interview to lift',
      );
    }
    if (s.guaranteeOverride) throw new ConflictError('The guarantee has already been lifted');
    const now = deps.clock.now().toISOString();
    const next: Submission = {
      ...s,
      guaranteeOverride: { reason: input.reason, by: actor.sub, at: now },
      history: [...s.history, { from: s.state, to: s.state, at: now, by: actor.sub, reason: input.reason, action: 'guarantee-override' }],
      version: s.version + 1,
    };
    await deps.repos.submissions.apply({ prev: s, next, events: [event(deps, actor, 'submission.guarantee-overridden', subjectOf(s))] });
    return next;
  });
}

/** A submission as the officer sees it when lifting its guarantee (the override form shown again). */
export async function submissionToOverride(deps: Deps, actor: Actor, id: string) {
  requireRole(actor, 'submission:override');
  return loadForChange(deps, actor, id);
}

export async function bookInterview(deps: Deps, actor: Actor, id: string, input: z.infer<typeof InterviewInput>) {
  requireRole(actor, 'submission:progress');
  return withVersionRetry(async () => {
    const s = await loadForChange(deps, actor, id);
    assertMayActForEmployer(actor, s);
    if (s.state !== 'interview')
      throw new ConflictError(`An interview is booked after the employer invites; this submission is ${s.state}`);
    if (input.at < deps.clock.now().toISOString()) {
      throw new ValidationError('The interview cannot be in the past', { errors: [{ path: 'at', message: 'must be in the future' }] });
    }
    const now = deps.clock.now().toISOString();
    const next: Submission = {
      ...s,
      interview: { at: input.at, place: input.place, ...(input.note ? { note: input.note } : {}), bookedBy: actor.sub, bookedAt: now },
      version: s.version + 1,
    };
    await deps.repos.submissions.apply({ prev: s, next, events: [event(deps, actor, 'submission.interview-booked', subjectOf(s))] });
    return next;
  });
}

/**
 * The outcome. A hire creates the placement with its 13- and 26-week check-ins, marks the participant
 * placed (out of every matching pool) and fills the vacancy when its positions are used, all at once.
 */
export async function recordOutcome(
  deps: Deps,
  actor: Actor,
  id: string,
  input: z.infer<typeof OutcomeInput>,
): Promise<{ submission: SubmissionView; placement?: Placement }> {
  requireRole(actor, 'submission:progress');
  const result = await withVersionRetry(async (): Promise<{ submission: Submission; placement?: Placement; withdrawing?: boolean }> => {
    const s = await loadForChange(deps, actor, id);
    assertMayActForEmployer(actor, s);
    // From the state machine: a hire after the interview, a passed trial or an accepted offer; withdrawn from any live state.
    const allowed = statesLeadingTo(input.outcome);
    if (!allowed.includes(s.state))
      throw new ConflictError(`A ${input.outcome} outcome needs a submission in ${orList(allowed)}; this one is ${s.state}`);
    const now = deps.clock.now().toISOString();
    const outcome = {
      outcome: input.outcome,
      ...(input.startDate ? { startDate: input.startDate } : {}),
      ...(input.reasonCode ? { reasonCode: input.reasonCode } : {}),
      ...(input.note ? { note: input.note } : {}),
      by: actor.sub,
      at: now,
    };
    const freed = await release(deps, s, now);
    if (input.outcome !== 'hired') {
      const next: Submission = { ...transition(s, input.outcome, actor.sub, now, input.reasonCode), outcome };
      const type = input.outcome === 'withdrawn' ? 'submission.withdrawn' : 'submission.not-hired';
      await deps.repos.submissions.apply({
        prev: s,
        next,
        ...freed,
        events: [event(deps, actor, type, { ...subjectOf(s), detail: input.reasonCode ? { reasonCode: input.reasonCode } : {} })],
      });
      return { submission: next };
    }
    if (!freed.vacancy || !freed.participant) throw new ConflictError('The vacancy or participant of this submission no longer exists');
    const v = freed.vacancy.next;
    // The capacity guard: checked on the version the transaction below is conditioned on, so two hires
    // racing for the last position cannot both pass (the loser re-reads, finds it filled, and stops here).
    // A hire after an accepted offer takes the position its offer reserved (released into `v` above).
    if (!HIRING_STATUSES.includes(v.status) || positionsLeft(v) <= 0) {
      const promised = v.offersAccepted ?? 0;
      throw new ConflictError(
        `Every position of this vacancy is filled (${v.filledPositions} of ${v.positions}` +
          `${promised ? `, ${promised} promised by an accepted offer` : ''}); reopen it with more positions to hire again`,
        { extra: { filledPositions: v.filledPositions, positions: v.positions, vacancyStatus: v.status } },
      );
    }
    const filled = v.filledPositions + 1;
    const vacancyNext: Vacancy = {
      ...v,
      filledPositions: filled,
      ...(filled >= v.positions
        ? {
            status: 'filled' as const,
            statusHistory: [
              ...v.statusHistory,
              { from: v.status, to: 'filled' as const, at: now, by: actor.sub, reason: 'all positions hired' },
            ],
          }
        : {}),
    };
    const placement: Placement = {
      id: deps.ids.next(),
      orgId: s.orgId,
      submissionId: s.id,
      vacancyId: s.vacancyId,
      vacancyTitle: s.vacancyTitle,
      employerId: s.employerId,
      participantId: s.participantId,
      adviserId: s.adviserId,
      startDate: input.startDate!,
      // The milestones of their programme and payment group (docs/pipeline.md, "Outcome schedules"), fixed at the hire.
      outcomeSchedule: { programme: freed.participant.prev.programme ?? DEFAULT_PROGRAMME },
      checkins: milestonesFrom(input.startDate!, outcomeScheduleOf(freed.participant.prev.programme, freed.participant.prev.paymentGroup)),
      // In-work support from the first day, as their consent allows, until their adviser chooses a template.
      support: buildSchedule(
        input.startDate!,
        defaultTemplate(freed.participant.prev.readiness),
        freed.participant.prev.consent,
        'system',
        now,
        undefined,
        (await deps.repos.employers.get(s.orgId, s.employerId))?.accountManagerId ?? s.proposedBy,
      ),
      createdAt: now,
      version: 1,
    };
    const participantNext: Participant = { ...freed.participant.next, status: 'placed' };
    const next: Submission = { ...transition(s, 'hired', actor.sub, now), outcome, placementId: placement.id };
    // The last position taken: the other live candidates are withdrawn in this transaction when they fit.
    const ending =
      vacancyNext.status === 'filled' ? await endingWithVacancy(deps, actor, freed.vacancy.prev, 'position-filled', s.id) : undefined;
    const vacancyEnded = ending ? withEnding(vacancyNext, ending) : vacancyNext;
    await deps.repos.submissions.apply({
      prev: s,
      next,
      vacancy: { prev: freed.vacancy.prev, next: vacancyEnded },
      // The last position taken: a callback nobody made yet closes with it.
      callback: await callbackEndedBy(deps, freed.vacancy.prev, vacancyNext, actor.sub, now),
      participant: { prev: freed.participant.prev, next: participantNext },
      placement,
      ...(ending ? { ended: ending.ended } : {}),
      events: [
        event(deps, actor, 'submission.hired', {
          ...subjectOf(s),
          placementId: placement.id,
          detail: groupLabels(freed.participant.prev, today(deps), s),
        }),
        ...(ending ? [statusEvent(deps, actor, vacancyNext, 'filled'), ...ending.events] : []),
      ],
    });
    return { submission: next, placement, withdrawing: vacancyEnded.withdrawing !== undefined };
  });
  // Too many to end with the hire: withdrawn one by one now (the sweeper finishes what a crash leaves).
  if (result.withdrawing) await withdrawRemaining(deps, actor, actor.orgId, result.submission.vacancyId, 'position-filled');
  // Placed in work: their other live submissions end, so nobody is hired twice.
  if (result.placement)
    await withdrawParticipant(
      deps,
      actor,
      actor.orgId,
      result.submission.participantId,
      'participant-placed',
      LIVE_STATES,
      result.submission.id,
    );
  // As the caller may see it: an employer gets the consented view, and no placement (it names the participant).
  return {
    submission: viewFor(actor, result.submission),
    ...(result.placement && actor.role !== 'employer' ? { placement: result.placement } : {}),
  };
}

/** "a, b or c". */
const orList = (xs: readonly string[]) => (xs.length > 1 ? `${xs.slice(0, -1).join(', ')} or ${xs.at(-1)}` : (xs[0] ?? ''));

/** A vacancy takes hires (and offers) while open, or closed to new candidates but still interviewing. */
export const HIRING_STATUSES: readonly Vacancy['status'][] = ['open', 'closed'];

/** What a vacancy that can take nobody more ends with it: the submissions, their events, and whether the sweeper must finish. */
export interface VacancyEnding {
  ended: EndedSubmission[];
  events: OutboxEvent[];
  /** Set when they were not all ended here: the vacancy is marked `withdrawing` and the rest go one by one. */
  withdrawing?: NonNullable<Vacancy['withdrawing']>;
}

/**
 * The live submissions a vacancy (as read, before the change) withdraws in the transaction that fills
 * or withdraws it, each with its event telling the adviser why: all of them, when they fit
 * (`PIPELINE.withdrawInVacancyTransaction`) and the index found as many as the vacancy counts;
 * otherwise none, and the vacancy is marked `withdrawing` so the sweeper always finishes what the loop
 * after the change (`withdrawRemaining`) may not. `except`: the submission the change itself ends (a hire).
 */
export async function endingWithVacancy(
  deps: Deps,
  actor: Actor | 'system',
  v: Vacancy,
  reasonCode: WithdrawalReasonOfVacancy,
  except?: string,
): Promise<VacancyEnding> {
  const by = actor === 'system' ? 'system' : actor.sub;
  const found = (await deps.repos.submissions.listAllByVacancy(v.orgId, v.id)).filter((s) => isLive(s) && s.id !== except);
  const counted = live(v.liveSubmissions) - (except ? 1 : 0);
  if (found.length > PIPELINE.withdrawInVacancyTransaction || found.length !== counted) {
    return { ended: [], events: [], withdrawing: { reasonCode, since: today(deps) } };
  }
  const now = deps.clock.now().toISOString();
  const people = await Promise.all(found.map((s) => deps.repos.participants.get(s.orgId, s.participantId)));
  return {
    ended: found.map((s, i) => {
      const p = people[i];
      return {
        prev: s,
        next: { ...transition(s, 'withdrawn', by, now, reasonCode), outcome: { outcome: 'withdrawn' as const, reasonCode, by, at: now } },
        ...(p ? { participant: { prev: p, next: bump(p, { liveSubmissions: Math.max(0, live(p.liveSubmissions) - 1) }) } } : {}),
      };
    }),
    events: found.map((s) => event(deps, actor, 'submission.withdrawn', { ...subjectOf(s), detail: { reasonCode } })),
  };
}

/** The vacancy after the change, less the places its ended submissions held (and any accepted offer's reserved position). */
export function withEnding(v: Vacancy, ending: VacancyEnding): Vacancy {
  const promised = ending.ended.filter((e) => e.prev.state === 'offer-accepted').length;
  return {
    ...v,
    liveSubmissions: Math.max(0, live(v.liveSubmissions) - ending.ended.length),
    ...(promised ? { offersAccepted: Math.max(0, (v.offersAccepted ?? 0) - promised) } : {}),
    ...(ending.withdrawing ? { withdrawing: ending.withdrawing } : {}),
  };
}

type WithdrawalReasonOfVacancy = 'position-filled' | 'vacancy-withdrawn';

/**
 * Withdraws every live submission of a vacancy that can no longer take anyone (filled or withdrawn)
 * and had too many to end in its own transaction, each in its own transaction with its release of the
 * shortlist place, and an event that tells the adviser and the liaison officer why. Safe to run again:
 * a submission no longer live is skipped. The sweeper runs it for a vacancy still `withdrawing`.
 */
export async function withdrawRemaining(
  deps: Deps,
  actor: Actor | 'system',
  orgId: string,
  vacancyId: string,
  reasonCode: WithdrawalReasonOfVacancy,
) {
  const by = actor === 'system' ? 'system' : actor.sub;
  const subs = await deps.repos.submissions.listAllByVacancy(orgId, vacancyId);
  let withdrawn = 0;
  for (const s0 of subs.filter(isLive)) {
    await withVersionRetry(async () => {
      const s = await deps.repos.submissions.get(s0.orgId, s0.id);
      if (!s || !isLive(s)) return;
      const now = deps.clock.now().toISOString();
      const next: Submission = {
        ...transition(s, 'withdrawn', by, now, reasonCode),
        outcome: { outcome: 'withdrawn', reasonCode, by, at: now },
      };
      await deps.repos.submissions.apply({
        prev: s,
        next,
        ...(await release(deps, s, now)),
        events: [event(deps, actor, 'submission.withdrawn', { ...subjectOf(s), detail: { reasonCode } })],
      });
      withdrawn++;
    });
  }
  return withdrawn;
}

export type SubmissionView = ReturnType<typeof viewFor>;

/** What each role may see of a submission. Employers: the frozen consented view and their own decisions, never ids of people. */
export function viewFor(actor: Actor, s: Submission) {
  if (actor.role !== 'employer') return s;
  return {
    id: s.id,
    candidateRef: s.candidateRef,
    vacancyId: s.vacancyId,
    vacancyTitle: s.vacancyTitle,
    state: s.state,
    guaranteedInterview: s.guaranteedInterview,
    // Why, in the employer's words (no participant identity, no cohort id), and whether they may reject.
    ...(s.guaranteedInterview
      ? {
          guarantee: {
            ...(s.guarantee
              ? {
                  source: s.guarantee.source,
                  ...(s.guarantee.cohortTitle ? { cohortTitle: s.guarantee.cohortTitle } : {}),
                  meetsMustHaves: s.guarantee.meetsMustHaves,
                }
              : {}),
            lifted: s.guaranteeOverride !== undefined,
            mayReject: !rejectionBarred(s),
            why: guaranteeWords(s)!,
          },
        }
      : {}),
    candidate: s.employerView ?? { candidateRef: s.candidateRef, sharedFields: [] },
    ...(s.respondBy ? { respondBy: s.respondBy } : {}),
    ...(s.decision ? { decision: s.decision } : {}),
    ...(s.interview ? { interview: { at: s.interview.at, place: s.interview.place } } : {}),
    ...(s.trial ? { trial: employerTrial(s.trial) } : {}),
    ...(s.offer ? { offer: employerOffer(s.offer) } : {}),
    ...(s.outcome ? { outcome: { outcome: s.outcome.outcome, ...(s.outcome.startDate ? { startDate: s.outcome.startDate } : {}) } } : {}),
    version: s.version,
  };
}

/** The work trial as the employer sees it: their own arrangements and result (no one else's notes). */
function employerTrial(t: NonNullable<Submission['trial']>) {
  return {
    startsOn: t.startsOn,
    endsOn: t.endsOn,
    place: t.place,
    ...(t.result ? { result: { passed: t.result.passed, ...(t.result.reasonCode ? { reasonCode: t.result.reasonCode } : {}) } } : {}),
  };
}

/**
 * The offer as the employer sees it: what they offered and the answer, by reason code only (the
 * adviser's note may be about the participant, so it stays with staff).
 */
function employerOffer(o: NonNullable<Submission['offer']>) {
  return {
    ...(o.startDate ? { startDate: o.startDate } : {}),
    respondBy: o.respondBy,
    ...(o.response
      ? { response: { accepted: o.response.accepted, ...(o.response.reasonCode ? { reasonCode: o.response.reasonCode } : {}) } }
      : {}),
  };
}

export async function getSubmission(deps: Deps, actor: Actor, id: string) {
  requireRole(actor, 'submission:read');
  const s = await deps.repos.submissions.get(actor.orgId, id);
  if (!s) throw new NotFoundError('submission', id);
  if (actor.role === 'employer') assertMayActForEmployer(actor, s);
  if (actor.role === 'adviser') {
    const p = await deps.repos.participants.get(actor.orgId, s.participantId);
    if (!p || !ownsParticipant(actor, p)) throw new NotFoundError('submission', id);
  }
  return viewFor(actor, s);
}

export async function listForVacancy(deps: Deps, actor: Actor, vacancyId: string, page: PageRequest) {
  requireRole(actor, 'submission:list');
  const v = await deps.repos.vacancies.get(actor.orgId, vacancyId);
  if (!v || !visibleEmployer(actor, v.employerId)) throw new NotFoundError('vacancy', vacancyId);
  const res = await deps.repos.submissions.listByVacancy(actor.orgId, vacancyId, page);
  const items = actor.role === 'employer' ? res.items.filter((s) => EMPLOYER_VISIBLE_STATES.includes(s.state)) : res.items;
  return { items: items.map((s) => viewFor(actor, s)), nextCursor: res.nextCursor };
}

/**
 * Withdraws a participant's live submissions in the given states, each with its release of the
 * shortlist place and an event saying why: consent to be matched withdrawn (the undecided ones, and
 * their employer views go), placed in another job, or erased (all that are live).
 */
async function withdrawParticipant(
  deps: Deps,
  actor: Actor | 'system',
  orgId: string,
  participantId: string,
  reasonCode: WithdrawalReason,
  states: readonly SubmissionState[],
  except?: string,
) {
  const by = actor === 'system' ? 'system' : actor.sub;
  const subs = await deps.repos.submissions.listByParticipant(orgId, participantId);
  for (const s0 of subs.filter((s) => states.includes(s.state) && s.id !== except)) {
    await withVersionRetry(async () => {
      const s = await deps.repos.submissions.get(orgId, s0.id);
      if (!s || !states.includes(s.state)) return;
      const now = deps.clock.now().toISOString();
      const { employerView, ...rest } = s;
      // Consent withdrawn: no employer keeps seeing someone who said no.
      const kept = reasonCode === 'consent-withdrawn' ? (rest as Submission) : { ...rest, ...(employerView ? { employerView } : {}) };
      const next: Submission = transition(kept, 'withdrawn', by, now, reasonCode);
      await deps.repos.submissions.apply({
        prev: s,
        next,
        ...(await release(deps, s, now)),
        events: [event(deps, actor, 'submission.withdrawn', { ...subjectOf(s), detail: { reasonCode } })],
      });
    });
  }
}

/** Consent to be matched withdrawn: every not-yet-decided submission is withdrawn at once and its employer view removed. */
export const withdrawForConsent = (deps: Deps, actor: Actor, participantId: string) =>
  withdrawParticipant(deps, actor, actor.orgId, participantId, 'consent-withdrawn', ['proposed', 'submitted']);

/** Erased: nothing of theirs stays live, so no employer is asked to decide on someone no longer on record. */
export const withdrawForErasure = (deps: Deps, actor: Actor | 'system', orgId: string, participantId: string) =>
  withdrawParticipant(deps, actor, orgId, participantId, 'participant-erased', LIVE_STATES);

export const isLive = (s: Submission) => LIVE_STATES.includes(s.state);

/**
 * The participant now shares less: every employer view of them loses what is no longer shared. A view
 * is frozen when the adviser agrees and never gains fields afterwards (more sharing takes a new
 * agreement), but a field the participant takes back leaves every employer's copy at once.
 */
export async function narrowEmployerViews(deps: Deps, p: Participant) {
  const share = new Set(p.consent.shareWithEmployers);
  for (const s0 of await deps.repos.submissions.listByParticipant(p.orgId, p.id)) {
    if (!s0.employerView || s0.employerView.sharedFields.every((f) => share.has(f))) continue;
    await withVersionRetry(async () => {
      const s = await deps.repos.submissions.get(p.orgId, s0.id);
      if (!s?.employerView) return;
      const kept = s.employerView.sharedFields.filter((f) => share.has(f));
      if (kept.length === s.employerView.sharedFields.length) return;
      const now = employerViewOf(p, s.candidateRef);
      const view: Record<string, unknown> = { candidateRef: s.candidateRef, sharedFields: kept };
      for (const [k, v] of Object.entries(s.employerView)) if (k !== 'candidateRef' && k !== 'sharedFields' && k in now) view[k] = v;
      await deps.repos.submissions.apply({
        prev: s,
        next: { ...s, employerView: view as EmployerView, version: s.version + 1 },
        events: [],
      });
    });
  }
}

/** After a caseload transfer, the participant's submissions and placements name their new adviser (who hears of them from now on). */
export async function moveToAdviser(deps: Deps, p: Participant) {
  for (const s0 of await deps.repos.submissions.listByParticipant(p.orgId, p.id)) {
    if (s0.adviserId === p.adviserId) continue;
    await withVersionRetry(async () => {
      const s = await deps.repos.submissions.get(p.orgId, s0.id);
      if (!s || s.adviserId === p.adviserId) return;
      await deps.repos.submissions.apply({ prev: s, next: { ...s, adviserId: p.adviserId, version: s.version + 1 }, events: [] });
    });
  }
  for (const pl of await deps.repos.placements.listOf(p.orgId, p.id)) {
    if (pl.adviserId !== p.adviserId)
      await deps.repos.placements.update(pl, { ...pl, adviserId: p.adviserId, version: pl.version + 1 }, []);
  }
}

/**
 * A cohort linked to a vacancy with a guaranteed interview puts its completers forward in one action,
 * flagged `guaranteedInterview` with this cohort as the reason (unless the vacancy guarantees one
 * itself). Completers who cannot be put forward (no consent, not job-ready,
 * already put forward…) are skipped and named, so one person does not block the rest.
 */
export async function putCohortForward(deps: Deps, actor: Actor, cohortId: string, vacancyId: string) {
  requireRole(actor, 'submission:propose');
  const [cohort, vacancy] = await Promise.all([
    deps.repos.cohorts.get(actor.orgId, cohortId),
    deps.repos.vacancies.get(actor.orgId, vacancyId),
  ]);
  if (!cohort) throw new NotFoundError('cohort', cohortId);
  if (!vacancy) throw new ValidationError('Unknown vacancy', { errors: [{ path: 'vacancyId', message: 'unknown vacancy' }] });
  if (!isCohortLinked(cohort, vacancy)) throw new BusinessRuleError('The cohort is not linked to this vacancy or its employer');
  if (!cohort.guaranteedInterview)
    throw new BusinessRuleError('The cohort does not carry a guaranteed interview; put completers forward one by one');
  const [enrolments, already] = await Promise.all([
    deps.repos.cohorts.enrolments(actor.orgId, cohortId),
    deps.repos.submissions.participantsPutForward(actor.orgId, vacancyId),
  ]);
  const completers = enrolments.filter((e) => e.status === 'completed').map((e) => e.participantId);
  const people = await Promise.all(completers.map((id) => deps.repos.participants.get(actor.orgId, id)));
  const skipped: { participantId: string; reason: string }[] = [];
  const eligible: string[] = [];
  completers.forEach((id, i) => {
    const why = refusal(people[i], already.has(id));
    if (why) skipped.push({ participantId: id, reason: why });
    else eligible.push(id);
  });
  const submissions = eligible.length
    ? (
        await Promise.all(
          Array.from({ length: Math.ceil(eligible.length / PIPELINE.maxPerRequest) }, (_, k) =>
            propose(
              deps,
              actor,
              vacancyId,
              { participantIds: eligible.slice(k * PIPELINE.maxPerRequest, (k + 1) * PIPELINE.maxPerRequest) },
              { viaCohortId: cohortId },
            ),
          ),
        )
      ).flat()
    : [];
  return { submissions, skipped };
}
