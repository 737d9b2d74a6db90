import { ExternalRef } from './bulk-import.js';
import { z } from 'zod';
import {
  Audit,
  Count,
  Decimal,
  FreeText,
  GeoPoint,
  HoursRange,
  Id,
  Int,
  IsoDate,
  IsoDateTime,
  Postcode,
  Sector,
  ShiftPattern,
  Tag,
  Text,
  UserId,
  WorkDemand,
} from './common.js';

export const VACANCY_STATUSES = ['draft', 'open', 'filled', 'closed', 'withdrawn'] as const;
export const VacancyStatus = z.enum(VACANCY_STATUSES);
export type VacancyStatus = z.infer<typeof VacancyStatus>;
export const CONTRACT_TYPES = ['permanent', 'fixed-term', 'temporary', 'zero-hours', 'apprenticeship'] as const;
export const BACKGROUND_CHECKS = ['none', 'basic-dbs', 'standard-dbs', 'enhanced-dbs', 'bs7858'] as const;

export const Wage = z
  .strictObject({
    amount: Decimal(0.01, 1_000_000),
    period: z.enum(['hour', 'week', 'year']),
  })
  .meta({ id: 'Wage' });

export const Site = z.strictObject({ postcode: Postcode, town: Text(100).optional(), location: GeoPoint.optional() }).meta({ id: 'Site' });

export const Occupation = z
  .strictObject({
    title: Text(200),
    socCode: z
      .string()
      .max(4)
      .regex(/^[0-9]{4}$/, { message: 'must be a 4-digit SOC 2020 code' })
      .optional(),
  })
  .meta({ id: 'Occupation' });

/**
 * A vacancy's history holds at most this many changes of status. Only reopening can make a vacancy change
 * status again and again, so reopening is refused when it would leave no room for the changes a reopened
 * vacancy can still make (closed, then withdrawn): past that, it is advertised as a new vacancy.
 */
export const MAX_STATUS_CHANGES = 100;
export const mayReopen = (v: { statusHistory: readonly unknown[] }) => v.statusHistory.length + 3 <= MAX_STATUS_CHANGES;

const vacancyFields = {
  externalRef: ExternalRef.optional(),
  employerId: Id,
  title: Text(200),
  description: FreeText(8000).optional(),
  occupation: Occupation,
  sector: Sector,
  site: Site,
  positions: Int(1, 500),
  hoursPerWeek: HoursRange,
  shiftPatterns: z.array(ShiftPattern).min(1).max(7),
  contractType: z.enum(CONTRACT_TYPES),
  wage: Wage,
  essentialSkills: z.array(Tag).max(30),
  desirableSkills: z.array(Tag).max(30),
  essentialCertifications: z.array(Tag).max(20),
  drivingLicenceRequired: z.boolean(),
  backgroundCheck: z.enum(BACKGROUND_CHECKS),
  workDemands: z.array(WorkDemand).max(20),
  guaranteedInterview: z.boolean(),
  workTrial: z.boolean(),
  linkedCohortIds: z.array(Id).max(20),
  closingDate: IsoDate,
  startDate: IsoDate.optional(),
  /** Working days the employer has to decide on a candidate (default 10). */
  employerResponseDays: Int(1, 60).optional(),
};

/** New vacancies start as drafts ("time to prepare a client") unless created straight into `open`. */
export const VacancyCreate = z
  .strictObject({
    ...vacancyFields,
    essentialSkills: vacancyFields.essentialSkills.default([]),
    desirableSkills: vacancyFields.desirableSkills.default([]),
    essentialCertifications: vacancyFields.essentialCertifications.default([]),
    drivingLicenceRequired: z.boolean().default(false),
    backgroundCheck: vacancyFields.backgroundCheck.default('none'),
    workDemands: vacancyFields.workDemands.default([]),
    guaranteedInterview: z.boolean().default(false),
    workTrial: z.boolean().default(false),
    linkedCohortIds: vacancyFields.linkedCohortIds.default([]),
    status: z.enum(['draft', 'open']).default('draft'),
  })
  .meta({ id: 'VacancyCreate' });
export type VacancyCreate = z.infer<typeof VacancyCreate>;

/** Status changes go through PATCH too; the transition rules live in `changeVacancyStatus`. */
export const VacancyPatch = z
  .strictObject({
    title: vacancyFields.title,
    description: vacancyFields.description.nullable(),
    occupation: vacancyFields.occupation,
    sector: vacancyFields.sector,
    site: vacancyFields.site,
    positions: vacancyFields.positions,
    hoursPerWeek: vacancyFields.hoursPerWeek,
    shiftPatterns: vacancyFields.shiftPatterns,
    contractType: vacancyFields.contractType,
    wage: vacancyFields.wage,
    essentialSkills: vacancyFields.essentialSkills,
    desirableSkills: vacancyFields.desirableSkills,
    essentialCertifications: vacancyFields.essentialCertifications,
    drivingLicenceRequired: vacancyFields.drivingLicenceRequired,
    backgroundCheck: vacancyFields.backgroundCheck,
    workDemands: vacancyFields.workDemands,
    guaranteedInterview: vacancyFields.guaranteedInterview,
    workTrial: vacancyFields.workTrial,
    linkedCohortIds: vacancyFields.linkedCohortIds,
    closingDate: vacancyFields.closingDate,
    startDate: IsoDate.nullable(),
    employerResponseDays: Int(1, 60).nullable(),
    status: z.enum(['open', 'closed', 'withdrawn', 'filled']),
  })
  .partial()
  .refine((p) => Object.keys(p).length > 0, { message: 'nothing to change' })
  .meta({ id: 'VacancyPatch' });
export type VacancyPatch = z.infer<typeof VacancyPatch>;

export const VacancyReopen = z
  .strictObject({ reason: Text(500), closingDate: IsoDate, positions: vacancyFields.positions.optional() })
  .meta({ id: 'VacancyReopen' });

export const Vacancy = z
  .object({
    id: Id,
    ...vacancyFields,
    employerName: Text(200),
    status: VacancyStatus,
    filledPositions: Count,
    /** Submissions holding a place on the shortlist now (proposed, submitted, interview, trial, offer). */
    liveSubmissions: Count.optional(),
    /** Positions promised by an accepted offer whose hire is not yet recorded (each one reserved, see positionsLeft). */
    offersAccepted: Count.optional(),
    /**
     * Filled or withdrawn with more live submissions than its own transaction could end: they are being
     * withdrawn one by one, and the sweeper finishes the job (and clears this) from the due index.
     */
    withdrawing: z.object({ reasonCode: z.enum(['position-filled', 'vacancy-withdrawn']), since: IsoDate }).optional(),
    publishedAt: IsoDateTime.optional(),
    /** Every change of status, oldest first (at most `MAX_STATUS_CHANGES`: then the vacancy is advertised anew). */
    statusHistory: z
      .array(z.object({ from: VacancyStatus.nullable(), to: VacancyStatus, at: IsoDateTime, by: UserId, reason: Text(500).optional() }))
      .max(MAX_STATUS_CHANGES),
    /** Must-have or nice-to-have skills as typed that are not in the skills list: kept, flagged here; matching cannot use them until an admin adds them. */
    skillsUnrecognised: z.array(Tag).max(60).optional(),
    ...Audit,
  })
  .meta({ id: 'Vacancy' });
export type Vacancy = z.infer<typeof Vacancy>;

/**
 * Positions nobody holds: neither hired nor promised by an accepted offer. An accepted offer reserves
 * its position, so hires plus accepted offers never exceed the positions (a participant who said yes is
 * never told afterwards that someone else took their place).
 */
export const positionsLeft = (v: Pick<Vacancy, 'positions' | 'filledPositions' | 'offersAccepted'>): number =>
  v.positions - v.filledPositions - (v.offersAccepted ?? 0);

/**
 * Allowed status moves through PATCH. Reopening a filled or closed vacancy is deliberately absent:
 * it needs the explicit `POST /vacancies/{id}/reopen` action with a reason.
 */
export const VACANCY_TRANSITIONS: Record<VacancyStatus, readonly VacancyStatus[]> = {
  draft: ['open', 'withdrawn'],
  open: ['closed', 'filled', 'withdrawn'],
  closed: ['withdrawn'],
  filled: [],
  withdrawn: [],
};

export function canTransition(from: VacancyStatus, to: VacancyStatus): boolean {
  return VACANCY_TRANSITIONS[from].includes(to);
}
