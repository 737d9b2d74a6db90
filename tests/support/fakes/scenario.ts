/**
 * The people and records unit tests start from, made through the real use cases (inputs parsed with
 * the request schemas, so defaults apply as they do over HTTP), over the in-memory fakes.
 */
import type { Actor } from '../../../shared/domain/actor.js';
import { CohortCreate } from '../../../shared/domain/cohort.js';
import { EmployerCreate } from '../../../shared/domain/employer.js';
import { ParticipantCreate, type Participant } from '../../../shared/domain/participant.js';
import type { Submission } from '../../../shared/domain/submission.js';
import { VacancyCreate } from '../../../shared/domain/vacancy.js';
import { createCohort } from '../../../shared/use-cases/cohorts.js';
import { createEmployer } from '../../../shared/use-cases/employers.js';
import { createParticipant } from '../../../shared/use-cases/participants.js';
import { propose, recordAgreement, recordDecision, recordOutcome } from '../../../shared/use-cases/submissions.js';
import { createVacancy } from '../../../shared/use-cases/vacancies.js';
import { deliver } from '../../../shared/use-cases/deliver.js';
import { MemoryEmailSender } from '../../../shared/adapters/email/local-outbox.js';
import type { FakeDeps } from './fake-deps.js';

export const ORG = 'test-org';

export const admin: Actor = { sub: 'u-admin-1', role: 'admin', orgId: ORG };
export const liaison: Actor = { sub: 'u-liaison-1', role: 'liaison', orgId: ORG };
export const adviser: Actor = { sub: 'u-adviser-1', role: 'adviser', orgId: ORG };
export const otherAdviser: Actor = { sub: 'u-adviser-2', role: 'adviser', orgId: ORG };
export const employerUser = (employerId: string, sub = 'u-employer-1'): Actor => ({ sub, role: 'employer', orgId: ORG, employerId });
/** The adviser whose caseload the participant is on. */
export const adviserOf = (p: Pick<Participant, 'adviserId'>): Actor => ({ sub: p.adviserId, role: 'adviser', orgId: ORG });

export const LEEDS = { lat: 53.7965, lng: -1.5478 };

export function scenario(deps: FakeDeps) {
  let employers = 0;
  const s = {
    async employer(over: Record<string, unknown> = {}) {
      return createEmployer(
        deps,
        liaison,
        EmployerCreate.parse({
          name: `Hartley Logistics ${++employers}`,
          sector: 'warehousing-logistics',
          sizeBand: 'large',
          address: { line1: '4 Canal Wharf', town: 'Leeds', postcode: 'LS11 5PQ' },
          accountManagerId: liaison.sub,
          ...over,
        }),
      );
    },

    async vacancy(employerId: string, over: Record<string, unknown> = {}) {
      return createVacancy(
        deps,
        liaison,
        VacancyCreate.parse({
          employerId,
          title: 'Warehouse operative',
          occupation: { title: 'Warehouse operative', socCode: '9252' },
          sector: 'warehousing-logistics',
          site: { postcode: 'LS1 4AP', town: 'Leeds', location: LEEDS },
          positions: 2,
          hoursPerWeek: { min: 30, max: 40 },
          shiftPatterns: ['early', 'late'],
          contractType: 'permanent',
          wage: { amount: 12.6, period: 'hour' },
          essentialSkills: ['picking'],
          closingDate: '2026-12-20',
          status: 'open',
          ...over,
        }),
      );
    },

    /** A job-ready participant who consents to be matched and shares first name and skills. */
    async participant(over: Record<string, unknown> = {}, by: Actor = adviser) {
      return createParticipant(
        deps,
        by,
        ParticipantCreate.parse({
          firstName: 'Dean',
          lastName: 'Walsh',
          rightToWork: true,
          home: { postcode: 'LS10 1AB', location: { lat: 53.77, lng: -1.53 } },
          unemployedSince: '2025-06-01',
          skills: ['picking', 'customer service'],
          readiness: 'green',
          consent: { matching: true, shareWithEmployers: ['firstName', 'skills'] },
          email: 'dean.private@example.com',
          ...over,
        }),
      );
    },

    async cohort(over: Record<string, unknown> = {}) {
      return createCohort(
        deps,
        liaison,
        CohortCreate.parse({
          title: 'Warehouse routeway',
          kind: 'sector',
          sector: 'warehousing-logistics',
          provider: 'Aire Valley Training',
          venue: 'Hunslet Community Hub',
          startDate: '2026-11-16',
          endDate: '2027-01-22',
          capacity: 12,
          modules: ['manual-handling', 'induction'],
          ...over,
        }),
      );
    },

    /** An employer with an open vacancy. */
    async openVacancy(over: Record<string, unknown> = {}) {
      const employer = await s.employer();
      const vacancy = await s.vacancy(employer.id, over);
      return { employer, vacancy, employerActor: employerUser(employer.id) };
    },

    async proposed(vacancyId: string, participant: Participant): Promise<Submission> {
      const [sub] = await propose(deps, liaison, vacancyId, { participantIds: [participant.id] });
      return sub!;
    },

    /** Proposed and agreed by the participant's adviser: with the employer. */
    async submitted(vacancyId: string, participant: Participant): Promise<Submission> {
      const sub = await s.proposed(vacancyId, participant);
      return recordAgreement(deps, adviserOf(participant), sub.id, { agreed: true });
    },

    /** Invited to interview by the liaison officer, on the employer's behalf. */
    async atInterview(vacancyId: string, participant: Participant): Promise<Submission> {
      const sub = await s.submitted(vacancyId, participant);
      return recordDecision(deps, liaison, sub.id, { decision: 'interview' });
    },

    async hired(vacancyId: string, participant: Participant, startDate = '2026-12-07') {
      const sub = await s.atInterview(vacancyId, participant);
      return recordOutcome(deps, liaison, sub.id, { outcome: 'hired', startDate });
    },
  };
  return s;
}

/** The error a call fails with (the test fails if it succeeds). */
export async function failureOf(
  call: Promise<unknown>,
): Promise<Error & { status?: number; errors?: { path: string; message: string }[]; extra?: Record<string, unknown> }> {
  try {
    await call;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected the call to fail, but it succeeded');
}

/** Runs the notifier over every event still in the outbox, as the stream would (notifications, counters). */
export async function deliverAll(deps: FakeDeps, email = new MemoryEmailSender()) {
  for (const e of deps.repos.pendingEvents()) await deliver({ ...deps, email }, e);
  return email;
}
