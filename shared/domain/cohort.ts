import { z } from 'zod';
import { Audit, Count, FreeText, Id, Int, IsoDate, IsoDateTime, Sector, Tag, Text, UserId, Version } from './common.js';

export const ENROLMENT_STATUSES = ['enrolled', 'completed', 'withdrawn'] as const;
export const EnrolmentStatus = z.enum(ENROLMENT_STATUSES);
export const COHORT_KINDS = ['bespoke', 'sector'] as const;
export const COHORT_MODULES = [
  'sector-skills',
  'induction',
  'manual-handling',
  'health-and-safety',
  'food-hygiene',
  'first-aid',
  'customer-service',
  'sia-licence',
  'cscs-card',
  'forklift',
  'employability',
  'work-placement',
] as const;

const cohortFields = {
  title: Text(200),
  kind: z.enum(COHORT_KINDS),
  sector: Sector,
  provider: Text(200),
  venue: Text(300),
  startDate: IsoDate,
  endDate: IsoDate,
  capacity: Int(1, 100),
  modules: z.array(z.enum(COHORT_MODULES)).min(1).max(COHORT_MODULES.length),
  /** Certifications completers hold at the end (e.g. "sia door supervisor", "cscs green card"). */
  certificationsAwarded: z.array(Tag).max(10),
  linkedEmployerIds: z.array(Id).max(20),
  linkedVacancyIds: z.array(Id).max(50),
  guaranteedInterview: z.boolean(),
  eligibility: FreeText(1000).optional(),
};

const datesInOrder = (c: { startDate: string; endDate: string }) => c.endDate >= c.startDate;

export const CohortCreate = z
  .strictObject({
    ...cohortFields,
    certificationsAwarded: cohortFields.certificationsAwarded.default([]),
    linkedEmployerIds: cohortFields.linkedEmployerIds.default([]),
    linkedVacancyIds: cohortFields.linkedVacancyIds.default([]),
    guaranteedInterview: z.boolean().default(false),
  })
  .refine(datesInOrder, { message: 'end date must not be before the start date', path: ['endDate'] })
  .meta({ id: 'CohortCreate' });
export type CohortCreate = z.infer<typeof CohortCreate>;

export const Cohort = z.object({ id: Id, ...cohortFields, enrolledCount: Count, ...Audit }).meta({ id: 'Cohort' });
export type Cohort = z.infer<typeof Cohort>;

export const EnrolmentCreate = z.strictObject({ participantId: Id }).meta({ id: 'EnrolmentCreate' });
export const EnrolmentPatch = z
  .strictObject({ status: z.enum(['completed', 'withdrawn']), note: FreeText(1000).optional() })
  .meta({ id: 'EnrolmentPatch' });

export const Enrolment = z
  .object({
    cohortId: Id,
    participantId: Id,
    status: EnrolmentStatus,
    enrolledAt: IsoDateTime,
    enrolledBy: UserId,
    statusChangedAt: IsoDateTime.optional(),
    statusChangedBy: UserId.optional(),
    note: FreeText(1000).optional(),
    version: Version,
  })
  .meta({ id: 'Enrolment' });
export type Enrolment = z.infer<typeof Enrolment>;

/**
 * A cohort keeps at most this many enrolments, whatever their status: at most 100 places are taken at
 * once, and a withdrawal frees its place, so only withdrawals can pile up records; past this, enrolling
 * is refused and a new cohort is the answer.
 */
export const MAX_ENROLMENTS = 500;

export const CohortWithEnrolments = Cohort.extend({ enrolments: z.array(Enrolment).max(MAX_ENROLMENTS) }).meta({
  id: 'CohortWithEnrolments',
});

/**
 * A cohort is linked to a vacancy when either names the other, or the cohort names the vacancy's
 * employer: what lets its completers go forward together and counts their training in the ranking.
 */
export function isCohortLinked(
  c: Pick<Cohort, 'id' | 'linkedVacancyIds' | 'linkedEmployerIds'>,
  v: { id: string; employerId: string; linkedCohortIds: readonly string[] },
): boolean {
  return v.linkedCohortIds.includes(c.id) || c.linkedVacancyIds.includes(v.id) || c.linkedEmployerIds.includes(v.employerId);
}
