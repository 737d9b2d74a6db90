import { ExternalRef } from './bulk-import.js';
import { z } from 'zod';
import { Adjustment } from './adjustments.js';
import { Address, Audit, Count, FreeText, Id, Int, IsoDate, IsoDateTime, Phone, Sector, Text, UserId, Version } from './common.js';
import { OFFENCE_CATEGORIES, OffenceCategory } from './convictions.js';

export const ENGAGEMENT_STAGES = ['prospect', 'contacted', 'engaged', 'active', 'lapsed'] as const;
export const EngagementStage = z.enum(ENGAGEMENT_STAGES);
export const SIZE_BANDS = ['micro', 'small', 'medium', 'large'] as const;
export const DISABILITY_CONFIDENT = ['none', 'committed', 'employer', 'leader'] as const;

export const Commitments = z
  .strictObject({
    guaranteedInterviews: z.boolean().default(false),
    workTrials: z.boolean().default(false),
    disabilityConfident: z.enum(DISABILITY_CONFIDENT).default('none'),
    /** Whether it considers people with convictions at all; matching applies this as a hard constraint. */
    openToConvictions: z.boolean().default(false),
    /** Offence categories the employer will not consider, when open to convictions (the list participants' records use). */
    convictionExclusions: z.array(OffenceCategory).max(OFFENCE_CATEGORIES.length).default([]),
    /** Adjustments offered, in the employer's words. */
    adjustmentsOffered: z.array(Text(200)).max(30).default([]),
    /** The same in the shared vocabulary participants' needs use: what matching compares. */
    adjustmentTypesOffered: z.array(Adjustment).max(30).default([]),
  })
  .meta({ id: 'EmployerCommitments' });

export const CompanyNumber = z
  .string()
  .max(16)
  .trim()
  .toUpperCase()
  .regex(/^(?:[0-9]{8}|[A-Z]{2}[0-9]{6})$/, { message: 'must be a Companies House number (8 characters)' });

const employerFields = {
  externalRef: ExternalRef.optional(),
  name: Text(200),
  sector: Sector,
  sizeBand: z.enum(SIZE_BANDS),
  companyNumber: CompanyNumber.optional(),
  address: Address,
  stage: EngagementStage,
  accountManagerId: UserId,
  commitments: Commitments,
  website: z.url().max(300).optional(),
  notes: FreeText(4000).optional(),
};

export const EmployerCreate = z
  .strictObject({
    ...employerFields,
    stage: EngagementStage.default('prospect'),
    commitments: Commitments.default({
      guaranteedInterviews: false,
      workTrials: false,
      disabilityConfident: 'none',
      openToConvictions: false,
      convictionExclusions: [],
      adjustmentsOffered: [],
      adjustmentTypesOffered: [],
    }),
  })
  .meta({ id: 'EmployerCreate' });
export type EmployerCreate = z.infer<typeof EmployerCreate>;

export const EmployerPatch = z
  .strictObject({
    name: employerFields.name,
    sector: employerFields.sector,
    sizeBand: employerFields.sizeBand,
    companyNumber: CompanyNumber.nullable(),
    address: Address,
    stage: EngagementStage,
    accountManagerId: UserId,
    commitments: Commitments,
    website: z.url().max(300).nullable(),
    notes: FreeText(4000).nullable(),
  })
  .partial()
  .refine((p) => Object.keys(p).length > 0, { message: 'nothing to change' })
  .meta({ id: 'EmployerPatch' });
export type EmployerPatch = z.infer<typeof EmployerPatch>;

export const Employer = z.object({ id: Id, ...employerFields, ...Audit }).meta({ id: 'Employer' });
export type Employer = z.infer<typeof Employer>;

/**
 * An employer keeps at most this many contacts and pledges (their lists are not paged): more is refused,
 * far beyond what a liaison officer keeps for one employer.
 */
export const MAX_CONTACTS = 100;
export const MAX_PLEDGES = 100;

export const CONTACT_ROLES = ['hiring-manager', 'hr', 'owner', 'site-manager', 'other'] as const;
const ContactEmail = z.email().max(254);
const ContactPhone = Phone;
export const ContactCreate = z
  .strictObject({
    name: Text(200),
    jobTitle: Text(200).optional(),
    role: z.enum(CONTACT_ROLES).default('other'),
    email: ContactEmail.optional(),
    phone: ContactPhone.optional(),
    primary: z.boolean().default(false),
  })
  .refine((c) => c.email !== undefined || c.phone !== undefined, {
    message: 'give an email or a phone number',
    path: ['email'],
  })
  .meta({ id: 'ContactCreate' });
/** Send only what changes; `null` clears an optional field. A contact always keeps an email or a phone number. */
export const ContactPatch = z
  .strictObject({
    name: Text(200),
    jobTitle: Text(200).nullable(),
    role: z.enum(CONTACT_ROLES),
    email: ContactEmail.nullable(),
    phone: ContactPhone.nullable(),
    primary: z.boolean(),
  })
  .partial()
  .refine((p) => Object.keys(p).length > 0, { message: 'nothing to change' })
  .meta({ id: 'ContactPatch' });
export const Contact = z
  .object({
    id: Id,
    employerId: Id,
    name: Text(200),
    jobTitle: Text(200).optional(),
    role: z.enum(CONTACT_ROLES),
    email: ContactEmail.optional(),
    phone: ContactPhone.optional(),
    primary: z.boolean(),
    createdAt: IsoDateTime,
    createdBy: UserId,
    /** The last change, if any. */
    updatedAt: IsoDateTime.optional(),
    updatedBy: UserId.optional(),
    /** Counts its changes (absent until the first): what a change is conditional on, so two at once cannot lose one. */
    version: Version.optional(),
  })
  .meta({ id: 'Contact' });
export type Contact = z.infer<typeof Contact>;

export const INTERACTION_KINDS = ['call', 'visit', 'email', 'meeting', 'event'] as const;
export const INTERACTION_OUTCOMES = [
  'positive',
  'neutral',
  'negative',
  'no-answer',
  'vacancy-taken',
  'pledge-made',
  'follow-up-needed',
] as const;
export const InteractionCreate = z
  .strictObject({
    kind: z.enum(INTERACTION_KINDS),
    occurredAt: IsoDateTime,
    summary: Text(2000),
    outcome: z.enum(INTERACTION_OUTCOMES),
    contactId: Id.optional(),
    followUpOn: IsoDate.optional(),
    /** The vacancy the contact was about: a call after the employer posted one is its 48-hour callback. */
    vacancyId: Id.optional(),
  })
  .refine((i) => !i.followUpOn || i.followUpOn >= i.occurredAt.slice(0, 10), {
    message: 'follow-up date must not be before the interaction',
    path: ['followUpOn'],
  })
  .meta({ id: 'InteractionCreate' });
export const Interaction = z
  .object({
    id: Id,
    employerId: Id,
    kind: z.enum(INTERACTION_KINDS),
    occurredAt: IsoDateTime,
    summary: Text(2000),
    outcome: z.enum(INTERACTION_OUTCOMES),
    contactId: Id.optional(),
    followUpOn: IsoDate.optional(),
    vacancyId: Id.optional(),
    recordedBy: UserId,
    recordedAt: IsoDateTime,
    followUpNotifiedAt: IsoDateTime.optional(),
    /** The promise kept: who marked the follow-up done, and when. */
    followUpDoneAt: IsoDateTime.optional(),
    followUpDoneBy: UserId.optional(),
  })
  .meta({ id: 'Interaction' });
export type Interaction = z.infer<typeof Interaction>;

export const PledgeCreate = z
  .strictObject({
    description: Text(500),
    jobsPledged: Int(1, 10_000),
    byDate: IsoDate,
    sector: Sector.optional(),
  })
  .meta({ id: 'PledgeCreate' });
export const Pledge = z
  .object({
    id: Id,
    employerId: Id,
    description: Text(500),
    jobsPledged: Int(1, 10_000),
    byDate: IsoDate,
    sector: Sector.optional(),
    madeAt: IsoDateTime,
    recordedBy: UserId,
    /** Derived from placements (hires) and 26-week sustainments made with this employer since the pledge. */
    progress: z.object({ hires: Count, sustained: Count, percent: z.number().min(0).max(100) }),
  })
  .meta({ id: 'Pledge' });
export type Pledge = z.infer<typeof Pledge>;

/** The duplicate guard's key: case, punctuation and company suffixes removed. */
export function normaliseEmployerName(name: string): string {
  return name
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9 ]+/g, ' ')
    .replace(/\b(ltd|limited|plc|llp|inc|co|company|the|uk)\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
