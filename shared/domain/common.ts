import { z } from 'zod';

/** ISO 8601 calendar date, e.g. 2026-03-02, that is a real day. */
export const IsoDate = z.iso.date({ message: 'must be a date as YYYY-MM-DD' });
export const IsoDateTime = z.iso.datetime({ message: 'must be a date-time as ISO 8601 in UTC' });

export const Id = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, { message: 'must be a ULID' });
/** A user's subject id from the identity provider (Cognito sub or a local demo id). */
export const UserId = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9._@:-]+$/, { message: 'must be a user id' });

/** UK postcode, normalised to upper case with a single space before the inward code. */
export const Postcode = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase().replace(/\s+/g, ''))
  .pipe(z.string().regex(/^[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}$/, { message: 'must be a UK postcode' }))
  .transform((s) => `${s.slice(0, -3)} ${s.slice(-3)}`)
  .meta({ description: 'UK postcode, e.g. LS1 4AP', example: 'LS1 4AP' });

/**
 * A decimal a person could mean: within its range, and zero or at least a billionth in size. DynamoDB
 * cannot store a number below 1e-130 (it answers "Number underflow"), so such values are refused here
 * with the field named, not failed at write time.
 */
export const Decimal = (min: number, max: number) =>
  z
    .number()
    .min(min)
    .max(max)
    .refine((v) => v === 0 || Math.abs(v) >= 1e-9, { message: 'is too small to mean anything; use 0' });

export const LOCATION_PRECISIONS = ['postcode', 'district', 'given'] as const;

export const GeoPoint = z
  .strictObject({
    lat: Decimal(49, 61),
    lng: Decimal(-9, 2.5),
    /** How it was found: the full postcode, its district's centre, or given by the caller. Set by Routeway. */
    precision: z.enum(LOCATION_PRECISIONS).optional(),
  })
  .meta({ description: 'WGS84 position within the UK; Routeway finds it from the postcode when none is given' });

export const Address = z
  .strictObject({
    line1: z.string().trim().min(1).max(200),
    line2: z.string().trim().max(200).optional(),
    town: z.string().trim().min(1).max(100),
    postcode: Postcode,
    location: GeoPoint.optional(),
  })
  .meta({ id: 'Address' });

export const Text = (max: number) => z.string().trim().min(1).max(max);
export const Tag = z.string().trim().toLowerCase().min(1).max(80);

/** Numeric range whose min must not exceed its max. */
export const HoursRange = z
  .strictObject({ min: z.number().int().min(0).max(84), max: z.number().int().min(1).max(84) })
  .refine((r) => r.min <= r.max, { message: 'min must not be greater than max', path: ['min'] })
  .meta({ id: 'HoursRange', description: 'Hours per week' });

export const Audit = {
  createdAt: IsoDateTime,
  createdBy: UserId,
  updatedAt: IsoDateTime,
  updatedBy: UserId,
  version: z.number().int().min(1),
  orgId: z.string(),
};

export const ListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(2048).optional(),
});

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export const pageOf = <T extends z.ZodType>(item: T, id: string) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() }).meta({ id });

export const SHIFT_PATTERNS = ['day', 'early', 'late', 'night', 'weekend', 'split', 'flexible'] as const;
export const ShiftPattern = z.enum(SHIFT_PATTERNS);

/** Physical and situational demands of a job, matched against a participant's stated limits. */
export const WORK_DEMANDS = [
  'heavy-lifting',
  'standing-long-periods',
  'night-work',
  'working-alone',
  'public-facing-busy',
  'working-at-height',
  'driving',
  'cleaning-toilets',
  'overtime',
] as const;
export const WorkDemand = z.enum(WORK_DEMANDS);

export const SECTORS = [
  'retail',
  'hospitality',
  'care',
  'security',
  'contact-centre',
  'warehousing-logistics',
  'construction',
  'cleaning-facilities',
  'manufacturing',
  'transport',
  'health',
  'public-sector',
  'admin-office',
  'other',
] as const;
export const Sector = z.enum(SECTORS);
