import { z } from 'zod';

/*
 * The bounded building blocks of every schema. The OpenAPI document is generated from these schemas and
 * the same schemas validate every request, so a limit stated in the document is the limit enforced.
 */

/** The largest whole number the document promises (int32): every count and version Routeway keeps fits. */
export const INT32_MAX = 2_147_483_647;

/** A whole number within bounds, documented as int32. */
export const Int = (min: number, max: number) => z.number().int().min(min).max(max).meta({ format: 'int32' });
/** A count Routeway reports (never negative). */
export const Count = Int(0, INT32_MAX);
/** A record's version, for ETag and If-Match: nine digits, what If-Match takes. */
export const MAX_VERSION = 999_999_999;
export const Version = Int(1, MAX_VERSION);

/**
 * Text as people type it: anything but control characters, except tab and line breaks (what a text area
 * sends). NUL, escape sequences and the like mean nothing to a reader and only reach logs, CSV exports
 * and terminals, so they are refused with the field named.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: naming the control characters is the point
export const PRINTABLE = /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]*$/;
/** The characters PRINTABLE refuses, for showing them harmlessly where text echoes what was sent. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: naming the control characters is the point
export const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
const printable = { message: 'must not contain control characters' };

/** Required text: trimmed, at least one character, at most `max`. */
export const Text = (max: number) => z.string().trim().min(1).max(max).regex(PRINTABLE, printable);
/** Text that may be left empty (notes, descriptions): trimmed, at most `max`. */
export const FreeText = (max: number) => z.string().trim().max(max).regex(PRINTABLE, printable);
/**
 * Text Routeway itself writes (titles, explanations, names copied from records): documented with the
 * same pattern and a bound its writers stay within. Not trimmed: it is read back as written.
 */
export const Said = (max: number) => z.string().max(max).regex(PRINTABLE, printable);

/** ISO 8601 calendar date, e.g. 2026-03-02, that is a real day. */
export const IsoDate = z.iso.date({ message: 'must be a date as YYYY-MM-DD' }).max(10);
/** ISO 8601 date-time in UTC, e.g. 2026-03-02T09:30:00Z (up to nanoseconds). */
export const IsoDateTime = z.iso.datetime({ message: 'must be a date-time as ISO 8601 in UTC' }).max(30);

export const Id = z
  .string()
  .max(26)
  .regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, { message: 'must be a ULID' });
/** A user's subject id from the identity provider (Cognito sub or a local demo id). */
export const UserId = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9._@:-]+$/, { message: 'must be a user id' });

/** A UK or international phone number as people write it: digits, spaces, brackets, dashes, a leading +. */
export const Phone = z
  .string()
  .max(32)
  .trim()
  .regex(/^\+?[0-9 ()-]{7,20}$/, { message: 'must be a phone number' });

/** An organisation (a district or provider) as tokens name it: the partition every record lives in. */
export const ORG_ID = /^[a-z0-9-]{2,40}$/;
export const OrgId = z.string().max(40).regex(ORG_ID, { message: 'must be an organisation id' });

/** UK postcode as people type it (any case, spaces around and inside), before it is normalised. */
const POSTCODE_AS_TYPED = /^\s*[A-Za-z]{1,2}[0-9][A-Za-z0-9]?\s*[0-9][A-Za-z]{2}\s*$/;

/** UK postcode, normalised to upper case with a single space before the inward code. */
export const Postcode = z
  .string()
  .max(16)
  .regex(POSTCODE_AS_TYPED, { message: 'must be a UK postcode' })
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
    line1: Text(200),
    line2: FreeText(200).optional(),
    town: Text(100),
    postcode: Postcode,
    location: GeoPoint.optional(),
  })
  .meta({ id: 'Address' });

export const Tag = Text(80).toLowerCase();

/** Numeric range whose min must not exceed its max. */
export const HoursRange = z
  .strictObject({ min: Int(0, 84), max: Int(1, 84) })
  .refine((r) => r.min <= r.max, { message: 'min must not be greater than max', path: ['min'] })
  .meta({ id: 'HoursRange', description: 'Hours per week' });

export const Audit = {
  createdAt: IsoDateTime,
  createdBy: UserId,
  updatedAt: IsoDateTime,
  updatedBy: UserId,
  version: Version,
  orgId: OrgId,
};

/** A list's cursor: opaque base64url, only ever one the list issued. */
export const Cursor = z
  .string()
  .max(2048)
  .regex(/^[A-Za-z0-9_-]*$/, { message: 'must be a cursor this list issued' });

export const ListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(25).meta({ format: 'int32' }),
  cursor: Cursor.optional(),
});

/** Which page of a list: at most `limit` items, after the position `cursor` marks. */
export interface PageRequest {
  limit: number;
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** A page of a list: at most `limit` (≤ 100) items, and the cursor of the next page if there is one. */
export const pageOf = <T extends z.ZodType>(item: T, id: string) =>
  z.object({ items: z.array(item).max(100), nextCursor: Cursor.nullable() }).meta({ id });

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
