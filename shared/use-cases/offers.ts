import type { z } from 'zod';
import type { Actor } from '../domain/actor.js';
import { addDays, addWorkingDays } from '../domain/dates.js';
import { PIPELINE } from '../domain/pipeline-rules.js';
import {
  type OfferInput,
  type OfferResponseInput,
  statesLeadingTo,
  type Submission,
  transition,
  type TrialInput,
  type TrialResultInput,
} from '../domain/submission.js';
import { positionsLeft, type Vacancy } from '../domain/vacancy.js';
import { ConflictError, ValidationError } from '../errors.js';
import { requireRole } from '../policy.js';
import { withVersionRetry, type Deps } from './deps.js';
import { event, subjectOf } from './events.js';
import { assertMayActForEmployer, assertMayAnswer, groupLabels, HIRING_STATUSES, loadForChange, release } from './submissions.js';

/*
 * After the interview: the optional work trial and the job offer (docs/pipeline.md). Each step is one
 * state change with its own event; the hire itself stays `recordOutcome`, which takes the capacity guard.
 */

const today = (deps: Deps) => deps.clock.today();

const notInPast = (deps: Deps, path: string, date: string | undefined) =>
  date !== undefined && date < today(deps) ? [{ path, message: 'must not be in the past' }] : [];

/**
 * Arranges a work trial after the interview (employer users, or liaison officers for them), or
 * rearranges one whose result is not yet recorded. Its result is asked for the day after its last day.
 */
export async function scheduleTrial(deps: Deps, actor: Actor, id: string, input: z.infer<typeof TrialInput>) {
  requireRole(actor, 'submission:progress');
  return withVersionRetry(async () => {
    const s = await loadForChange(deps, actor, id);
    assertMayActForEmployer(actor, s);
    const rearranged = s.state === 'trial';
    if (!rearranged && !statesLeadingTo('trial').includes(s.state))
      throw new ConflictError(`A work trial is arranged after the interview; this submission is ${s.state}`);
    // A trial already under way keeps its first day; anything new must lie ahead.
    const errors = [
      ...(rearranged && input.startsOn === s.trial?.startsOn ? [] : notInPast(deps, 'startsOn', input.startsOn)),
      ...notInPast(deps, 'endsOn', input.endsOn),
    ];
    if (errors.length) throw new ValidationError('The work trial cannot be in the past', { errors });
    const now = deps.clock.now().toISOString();
    const trial: NonNullable<Submission['trial']> = {
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      place: input.place,
      ...(input.note ? { note: input.note } : {}),
      bookedBy: actor.sub,
      bookedAt: now,
    };
    const next: Submission = rearranged ? { ...s, trial, version: s.version + 1 } : { ...transition(s, 'trial', actor.sub, now), trial };
    await deps.repos.submissions.apply({
      prev: s,
      next,
      events: [event(deps, actor, 'submission.trial-scheduled', { ...subjectOf(s), detail: { rearranged } })],
    });
    return next;
  });
}

/**
 * How the work trial went, once it has begun: passed (the employer may now offer the job, or hire), or
 * failed with a reason code (the submission ends and its shortlist place is freed).
 */
export async function recordTrialResult(deps: Deps, actor: Actor, id: string, input: z.infer<typeof TrialResultInput>) {
  requireRole(actor, 'submission:progress');
  return withVersionRetry(async () => {
    const s = await loadForChange(deps, actor, id);
    assertMayActForEmployer(actor, s);
    if (s.state !== 'trial' || !s.trial)
      throw new ConflictError(`A work trial's result is recorded while it is arranged; this submission is ${s.state}`);
    if (today(deps) < s.trial.startsOn)
      throw new ConflictError(`The work trial starts on ${s.trial.startsOn}: record how it went once it has begun`);
    const now = deps.clock.now().toISOString();
    const passed = input.result === 'passed';
    const result = {
      passed,
      ...(input.reasonCode ? { reasonCode: input.reasonCode } : {}),
      ...(input.note ? { note: input.note } : {}),
      by: actor.sub,
      at: now,
    };
    const to = passed ? 'trial-passed' : 'trial-failed';
    const next: Submission = { ...transition(s, to, actor.sub, now, input.reasonCode), trial: { ...s.trial, result } };
    await deps.repos.submissions.apply({
      prev: s,
      next,
      ...(passed ? {} : await release(deps, s, now)),
      events: [
        event(deps, actor, passed ? 'submission.trial-passed' : 'submission.trial-failed', {
          ...subjectOf(s),
          ...(input.reasonCode ? { detail: { reasonCode: input.reasonCode } } : {}),
        }),
      ],
    });
    return next;
  });
}

/**
 * The employer offers the job, after the interview or a passed trial, while the vacancy still has a
 * position to fill. The answer is due by `respondBy` (by default `PIPELINE.offerResponseWorkingDays`
 * working days on): a reminder goes then, and an offer still unanswered
 * `PIPELINE.offerLapseAfterReminderWorkingDays` working days later lapses. Offers made are not counted
 * against the positions (an employer may offer more than it has, knowing some are turned down); an
 * accepted offer is, see respondToOffer.
 */
export async function makeOffer(deps: Deps, actor: Actor, id: string, input: z.infer<typeof OfferInput>) {
  requireRole(actor, 'submission:progress');
  return withVersionRetry(async () => {
    const s = await loadForChange(deps, actor, id);
    assertMayActForEmployer(actor, s);
    if (!statesLeadingTo('offered').includes(s.state))
      throw new ConflictError(`A job is offered after the interview or a work trial that went well; this submission is ${s.state}`);
    const on = today(deps);
    const latest = addDays(on, PIPELINE.offerResponseMaxDays);
    const errors = [
      ...notInPast(deps, 'startDate', input.startDate),
      ...notInPast(deps, 'respondBy', input.respondBy),
      ...(input.respondBy && input.respondBy > latest
        ? [{ path: 'respondBy', message: `must be within ${PIPELINE.offerResponseMaxDays} days` }]
        : []),
    ];
    if (errors.length) throw new ValidationError('The offer’s dates do not work', { errors });
    const [vacancy, participant] = await Promise.all([
      deps.repos.vacancies.get(actor.orgId, s.vacancyId),
      deps.repos.participants.get(actor.orgId, s.participantId),
    ]);
    if (!vacancy || !HIRING_STATUSES.includes(vacancy.status) || positionsLeft(vacancy) <= 0)
      throw new ConflictError('This vacancy has no position left to offer: each one is filled or promised by an accepted offer');
    const now = deps.clock.now().toISOString();
    const respondBy = input.respondBy ?? addWorkingDays(on, PIPELINE.offerResponseWorkingDays, PIPELINE.bankHolidays);
    const offer: NonNullable<Submission['offer']> = {
      ...(input.startDate ? { startDate: input.startDate } : {}),
      respondBy,
      lapsesOn: addWorkingDays(respondBy, PIPELINE.offerLapseAfterReminderWorkingDays, PIPELINE.bankHolidays),
      ...(input.note ? { note: input.note } : {}),
      by: actor.sub,
      at: now,
    };
    const next: Submission = { ...transition(s, 'offered', actor.sub, now), offer };
    await deps.repos.submissions.apply({
      prev: s,
      next,
      events: [event(deps, actor, 'submission.offered', { ...subjectOf(s), detail: participant ? groupLabels(participant, on) : {} })],
    });
    return next;
  });
}

/**
 * The participant's answer to the offer, recorded by their own adviser, by the employer or by a liaison
 * officer (whoever heard it). Accepted, while a position is left: it reserves that position, and the
 * hire follows with the start date (`recordOutcome`). Turned
 * down, with a reason code: the submission ends and its shortlist place is freed. Turning an offer
 * down never counts against them.
 */
export async function respondToOffer(deps: Deps, actor: Actor, id: string, input: z.infer<typeof OfferResponseInput>) {
  requireRole(actor, 'submission:offer-response');
  return withVersionRetry(async () => {
    const s = await loadForChange(deps, actor, id);
    await assertMayAnswer(deps, actor, s);
    if (s.state !== 'offered' || !s.offer)
      throw new ConflictError(`An answer is recorded while an offer is waiting for one; this submission is ${s.state}`);
    const now = deps.clock.now().toISOString();
    const response = {
      accepted: input.accepted,
      ...(input.reasonCode ? { reasonCode: input.reasonCode } : {}),
      ...(input.note ? { note: input.note } : {}),
      by: actor.sub,
      at: now,
    };
    const offer = { ...s.offer, response };
    if (input.accepted) {
      // A yes reserves a position: checked on the vacancy version the write is conditioned on, so two
      // acceptances racing for the last position cannot both pass (the loser re-reads and stops here).
      const vacancy = await deps.repos.vacancies.get(actor.orgId, s.vacancyId);
      if (!vacancy || !HIRING_STATUSES.includes(vacancy.status) || positionsLeft(vacancy) <= 0)
        throw new ConflictError(
          'Every position of this vacancy is filled or promised by an accepted offer: the employer may withdraw this offer, or add a position',
        );
      const vacancyNext: Vacancy = {
        ...vacancy,
        offersAccepted: (vacancy.offersAccepted ?? 0) + 1,
        updatedAt: now,
        version: vacancy.version + 1,
      };
      const next: Submission = { ...transition(s, 'offer-accepted', actor.sub, now), offer };
      await deps.repos.submissions.apply({
        prev: s,
        next,
        vacancy: { prev: vacancy, next: vacancyNext },
        events: [event(deps, actor, 'submission.offer-accepted', subjectOf(s))],
      });
      return next;
    }
    const next: Submission = { ...transition(s, 'offer-declined', actor.sub, now, input.reasonCode), offer };
    await deps.repos.submissions.apply({
      prev: s,
      next,
      ...(await release(deps, s, now)),
      events: [event(deps, actor, 'submission.offer-declined', { ...subjectOf(s), detail: { reasonCode: input.reasonCode! } })],
    });
    return next;
  });
}
