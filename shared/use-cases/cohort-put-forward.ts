import type { Actor } from '../domain/actor.js';
import { isCohortLinked } from '../domain/cohort.js';
import type { Vacancy } from '../domain/vacancy.js';
import { BusinessRuleError, ForbiddenError, NotFoundError, ValidationError } from '../errors.js';
import { requireRole } from '../policy.js';
import type { Deps } from './deps.js';
import { refusal } from './submissions.js';
import { getVacancy, listVacancies } from './vacancies.js';

/* Putting a guaranteed-interview cohort's completers forward (submissions.putCohortForward), seen before it is done. */

const orNone = <T>(p: Promise<T>) =>
  p.catch((err: unknown) => {
    if (err instanceof NotFoundError || err instanceof ForbiddenError) return undefined;
    throw err;
  });

async function loadCohort(deps: Deps, actor: Actor, cohortId: string) {
  requireRole(actor, 'submission:propose');
  const cohort = await deps.repos.cohorts.get(actor.orgId, cohortId);
  if (!cohort) throw new NotFoundError('cohort', cohortId);
  return cohort;
}

/**
 * The open vacancies the cohort can be put forward to: those it names, and the open vacancies of the
 * employers it names (up to 50 each), each once, in title order.
 */
export async function putForwardTargets(deps: Deps, actor: Actor, cohortId: string) {
  const cohort = await loadCohort(deps, actor, cohortId);
  const [named, byEmployer] = await Promise.all([
    Promise.all(cohort.linkedVacancyIds.map((id) => orNone(getVacancy(deps, actor, id)))),
    Promise.all(cohort.linkedEmployerIds.map((employerId) => listVacancies(deps, actor, { employerId, status: 'open', limit: 50 }))),
  ]);
  const all = [...named, ...byEmployer.flatMap((p) => p.items)].filter(
    (v): v is Vacancy => v !== undefined && v.status === 'open' && isCohortLinked(cohort, v),
  );
  const vacancies = [...new Map(all.map((v) => [v.id, v])).values()].sort((a, b) => a.title.localeCompare(b.title, 'en-GB'));
  return { cohort, vacancies };
}

/**
 * Who putting the cohort forward to the vacancy would put forward, and who it would skip and why, by the
 * same rules as `putCohortForward`: only completers, and of them only those who may be put forward now
 * (refusal). The same refusals as the action itself (not linked, no guaranteed interview) are thrown here
 * first, so the page can say so before anyone confirms.
 */
export async function putForwardPlan(deps: Deps, actor: Actor, cohortId: string, vacancyId: string) {
  const cohort = await loadCohort(deps, actor, cohortId);
  const vacancy = await deps.repos.vacancies.get(actor.orgId, vacancyId);
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
  const eligible: { participantId: string; name: string }[] = [];
  const skipped: { participantId: string; name?: string; reason: string }[] = [];
  completers.forEach((participantId, i) => {
    const p = people[i];
    const name = p ? `${p.firstName} ${p.lastName}` : undefined;
    const why = refusal(p, already.has(participantId));
    if (why) skipped.push({ participantId, ...(name ? { name } : {}), reason: why });
    else eligible.push({ participantId, name: name! });
  });
  return {
    cohort: { id: cohort.id, title: cohort.title },
    vacancy: { id: vacancy.id, title: vacancy.title, employerName: vacancy.employerName, status: vacancy.status },
    eligible,
    skipped,
    notCompleted: enrolments.length - completers.length,
  };
}
