import type { z } from 'zod';
import type { Actor } from '../domain/actor.js';
import { MAX_ENROLMENTS, type Cohort, type CohortCreate, type Enrolment, type EnrolmentPatch } from '../domain/cohort.js';
import type { Participant } from '../domain/participant.js';
import { awardedCertificate } from '../domain/certificates.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, type FieldError } from '../errors.js';
import { mayReadEnrolmentNotes, ownsParticipant, requireRole, rolesFor } from '../policy.js';
import type { PageRequest } from '../ports/repositories.js';
import { recordCap } from './record-cap.js';
import { withVersionRetry, newRecordStamp, type Deps } from './deps.js';
import { event } from './events.js';
import { getEmployer } from './employers.js';
import { getVacancy } from './vacancies.js';

export async function createCohort(deps: Deps, actor: Actor, input: CohortCreate): Promise<Cohort> {
  requireRole(actor, 'cohort:write');
  const [employers, vacancies] = await Promise.all([
    Promise.all(input.linkedEmployerIds.map((id) => deps.repos.employers.get(actor.orgId, id))),
    Promise.all(input.linkedVacancyIds.map((id) => deps.repos.vacancies.get(actor.orgId, id))),
  ]);
  const errors: FieldError[] = [
    ...employers.flatMap((e, i) => (e ? [] : [{ path: `linkedEmployerIds.${i}`, message: 'unknown employer' }])),
    ...vacancies.flatMap((v, i) => (v ? [] : [{ path: `linkedVacancyIds.${i}`, message: 'unknown vacancy' }])),
  ];
  if (errors.length) throw new ValidationError('The cohort refers to records that do not exist', { errors });
  const now = deps.clock.now().toISOString();
  const cohort: Cohort = {
    id: deps.ids.next(),
    ...input,
    enrolledCount: 0,
    ...newRecordStamp(actor, now),
  };
  await deps.repos.cohorts.create(cohort);
  return cohort;
}

/**
 * A cohort with its roster as this actor may see it: each enrolment with the participant's name where
 * the actor may see it (liaison officers and admins anyone's, advisers their own caseload's) and its
 * note only for those who may read it (policy.mayReadEnrolmentNotes). One read per enrolment, all at
 * once (a cohort holds at most 100 people).
 */
export async function getCohort(deps: Deps, actor: Actor, id: string) {
  requireRole(actor, 'cohort:read');
  const cohort = await deps.repos.cohorts.get(actor.orgId, id);
  if (!cohort) throw new NotFoundError('cohort', id);
  const enrolments = await deps.repos.cohorts.enrolments(actor.orgId, id);
  const people = await Promise.all(enrolments.map((e) => deps.repos.participants.get(actor.orgId, e.participantId)));
  return {
    ...cohort,
    enrolments: enrolments.map((e, i): Enrolment & { participantName?: string; onRecord: boolean } => {
      const p = people[i];
      const { note, ...rest } = e;
      return {
        ...rest,
        ...(note !== undefined && mayReadEnrolmentNotes(actor, p) ? { note } : {}),
        ...(p && mayReadNames(actor, p) ? { participantName: `${p.firstName} ${p.lastName}` } : {}),
        onRecord: p !== undefined,
      };
    }),
  };
}

const mayReadNames = (actor: Actor, p: Participant) => actor.role === 'liaison' || ownsParticipant(actor, p);

/** A linked record the caller may not see, or that is gone, is left out; any other failure stands. */
const orNone = <T>(p: Promise<T>) =>
  p.catch((err: unknown) => {
    if (err instanceof NotFoundError || err instanceof ForbiddenError) return undefined;
    throw err;
  });
const present = <T>(xs: (T | undefined)[]) => xs.flatMap((x) => (x === undefined ? [] : [x]));

/**
 * The cohort page's record: the cohort with its roster (getCohort), and the employers and vacancies it
 * is linked to, by name, as far as the caller may see them (advisers read no employer records; a
 * vacancy the caller may not see, or one that is gone, is left out).
 */
export async function cohortRecord(deps: Deps, actor: Actor, id: string) {
  const cohort = await getCohort(deps, actor, id);
  const readsEmployers = rolesFor('employer:read').includes(actor.role);
  const [linkedEmployers, linkedVacancies] = await Promise.all([
    readsEmployers ? Promise.all(cohort.linkedEmployerIds.map((e) => orNone(getEmployer(deps, actor, e)))) : [],
    Promise.all(cohort.linkedVacancyIds.map((v) => orNone(getVacancy(deps, actor, v)))),
  ]);
  return { cohort, linkedEmployers: present(linkedEmployers), linkedVacancies: present(linkedVacancies) };
}

export async function listCohorts(deps: Deps, actor: Actor, page: PageRequest) {
  requireRole(actor, 'cohort:read');
  return deps.repos.cohorts.list(actor.orgId, page);
}

/**
 * The participant with the cohort's certificates added (awarded today, expiring as is usual for each),
 * replacing an older copy of the same certificate; undefined when the cohort awards none.
 */
async function certificatesAwarded(deps: Deps, actor: Actor, cohortId: string, participantId: string) {
  const [cohort, participant] = await Promise.all([
    deps.repos.cohorts.get(actor.orgId, cohortId),
    deps.repos.participants.get(actor.orgId, participantId),
  ]);
  if (!cohort?.certificationsAwarded.length || !participant) return undefined;
  const today = deps.clock.today();
  const awarded = cohort.certificationsAwarded.map((name) => awardedCertificate(name, today, cohort.id));
  const kept = participant.certifications.filter((c) => !cohort.certificationsAwarded.includes(c.name));
  const next: Participant = {
    ...participant,
    certifications: [...kept, ...awarded],
    updatedAt: deps.clock.now().toISOString(),
    updatedBy: actor.sub,
    version: participant.version + 1,
  };
  return { prev: participant, next };
}

/** Advisers may enrol only participants on their own caseload; liaison officers and admins anyone. */
async function participantForEnrolment(deps: Deps, actor: Actor, participantId: string) {
  const p = await deps.repos.participants.get(actor.orgId, participantId);
  const reachable = p && (actor.role !== 'adviser' || ownsParticipant(actor, p));
  if (!reachable) {
    throw new ValidationError('Unknown participant', { errors: [{ path: 'participantId', message: 'unknown participant' }] });
  }
  return p;
}

export async function enrol(deps: Deps, actor: Actor, cohortId: string, participantId: string): Promise<Enrolment> {
  requireRole(actor, 'cohort:enrol');
  const cohort = await deps.repos.cohorts.get(actor.orgId, cohortId);
  if (!cohort) throw new NotFoundError('cohort', cohortId);
  const participant = await participantForEnrolment(deps, actor, participantId);
  if (participant.status !== 'active') throw new ConflictError(`The participant is ${participant.status} and cannot be enrolled`);
  if (cohort.endDate < deps.clock.today()) throw new ConflictError('The cohort has already ended');
  const cap = recordCap(
    MAX_ENROLMENTS,
    (await deps.repos.cohorts.enrolments(actor.orgId, cohortId)).length,
    `The cohort already holds ${MAX_ENROLMENTS} enrolments, withdrawn ones included: set up a new cohort`,
  );
  const now = deps.clock.now().toISOString();
  const enrolment: Enrolment = { cohortId, participantId, status: 'enrolled', enrolledAt: now, enrolledBy: actor.sub, version: 1 };
  await deps.repos.cohorts.enrol(actor.orgId, enrolment, cap);
  return enrolment;
}

export async function changeEnrolment(
  deps: Deps,
  actor: Actor,
  cohortId: string,
  participantId: string,
  input: z.infer<typeof EnrolmentPatch>,
): Promise<Enrolment> {
  requireRole(actor, 'cohort:enrol');
  if (actor.role === 'adviser') {
    const p = await deps.repos.participants.get(actor.orgId, participantId);
    if (!p || !ownsParticipant(actor, p)) throw new NotFoundError('enrolment');
  }
  return withVersionRetry(async () => {
    const current = await deps.repos.cohorts.getEnrolment(actor.orgId, cohortId, participantId);
    if (!current) throw new NotFoundError('enrolment');
    if (current.status !== 'enrolled') {
      throw new ConflictError(`The enrolment is already ${current.status}`);
    }
    const now = deps.clock.now().toISOString();
    const next: Enrolment = {
      ...current,
      status: input.status,
      statusChangedAt: now,
      statusChangedBy: actor.sub,
      ...(input.note ? { note: input.note } : {}),
      version: current.version + 1,
    };
    // Completing the course gives its certificates, so a vacancy that needs them sees the completer.
    const award = input.status === 'completed' ? await certificatesAwarded(deps, actor, cohortId, participantId) : undefined;
    // A withdrawal is told to those it affects (the participant's adviser, the cohort's organiser), in the same transaction.
    const events =
      input.status === 'withdrawn'
        ? [event(deps, actor, 'enrolment.withdrawn', { orgId: actor.orgId, participantId, detail: { cohortId } })]
        : [];
    await deps.repos.cohorts.updateEnrolment(actor.orgId, current, next, award, events);
    return next;
  });
}
