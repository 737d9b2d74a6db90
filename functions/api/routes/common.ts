import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { ValidationError } from '../../../shared/errors.js';
import type { Actor } from '../../../shared/domain/actor.js';
import type { AppEnv } from '../env.js';
import { Id, Int, PRINTABLE } from '../../../shared/domain/common.js';
import { PROBLEM_LIMITS } from '../errors.js';
import { IDEMPOTENCY_KEY } from '../../../shared/use-cases/idempotency.js';

const said = (max: number) => z.string().max(max).regex(PRINTABLE);

export const ProblemSchema = z
  .object({
    type: z.url().max(200).meta({ description: 'A URI naming the kind of problem' }),
    title: said(PROBLEM_LIMITS.title),
    status: Int(400, 599),
    detail: said(PROBLEM_LIMITS.detail),
    errors: z
      .array(z.object({ path: said(PROBLEM_LIMITS.path), message: said(PROBLEM_LIMITS.message) }))
      .max(PROBLEM_LIMITS.errors)
      .optional()
      .meta({ description: `Every bad field (the first ${PROBLEM_LIMITS.errors} of them), as a dotted path and a message` }),
  })
  .meta({ id: 'Problem' });

type HeaderSchema = { type: 'integer'; format: 'int32'; minimum: number; maximum: number };
const problem = (description: string, headers?: Record<string, { description: string; schema: HeaderSchema }>) => ({
  description,
  content: { 'application/problem+json': { schema: ProblemSchema } },
  ...(headers ? { headers } : {}),
});

/** The longest wait any answer asks for: an hour, far above the rate limiter's window (a minute unless configured) and the database's 2 s. */
export const MAX_RETRY_AFTER_SECONDS = 3600;
const retryAfter = {
  'Retry-After': {
    description: 'Seconds to wait before retrying',
    schema: { type: 'integer' as const, format: 'int32' as const, minimum: 1, maximum: MAX_RETRY_AFTER_SECONDS },
  },
};

/** The error responses every authenticated operation can give. */
export const errorResponses = {
  400: problem('Invalid input: every bad field is listed in `errors`'),
  401: problem('No or invalid bearer token'),
  403: problem('Your role may not do this'),
  404: problem('Unknown, or not visible to you'),
  429: problem('Too many requests from you (per user), or too many bad tokens or sign-ins from your address', retryAfter),
  500: problem('Something went wrong on our side: the body names nothing internal, only a correlation id to quote'),
  503: problem('The database is busy or not answering; nothing was changed', retryAfter),
};
export const writeErrorResponses = {
  ...errorResponses,
  409: problem('Conflicts with the current state'),
  413: problem('Body over 256 KiB'),
  415: problem('Body is not JSON'),
  422: problem('Breaks a business rule'),
};
export const updateErrorResponses = { ...writeErrorResponses, 412: problem('If-Match is stale: read the resource again') };

export const security = [{ bearer: [] }];

export const IdParam = z.object({
  id: Id.meta({ param: { name: 'id', in: 'path' } }),
});

/** An operation that takes no body: none, or an empty JSON object; anything else is a 400 naming the field. */
export const noBody = {
  body: {
    required: false,
    description: 'No body (an empty JSON object is accepted)',
    content: { 'application/json': { schema: z.strictObject({}).meta({ id: 'NoBody' }) } },
  },
};

export const jsonBody = <S extends z.ZodType>(schema: S, description?: string) => ({
  body: { required: true, content: { 'application/json': { schema } }, ...(description ? { description } : {}) },
});

export const json = <S extends z.ZodType>(
  schema: S,
  description: string,
  headers?: Record<string, { description: string; schema: { type: 'string'; maxLength: number; pattern: string } }>,
) => ({
  description,
  content: { 'application/json': { schema } },
  ...(headers ? { headers } : {}),
});

export const etagHeader = {
  ETag: {
    description: 'The version, for If-Match on the next update',
    schema: { type: 'string' as const, maxLength: 11, pattern: '^"[0-9]{1,9}"$' },
  },
};

/** What If-Match may hold: `*`, or an ETag this API issued (`"3"`), weak (`W/"3"`) or bare (`3`). */
const IF_MATCH = /^(?:\*|(?:W\/)?"?[0-9]{1,9}"?)$/;

export const IfMatchHeader = z.object({
  'if-match': z
    .string()
    .max(13)
    .regex(IF_MATCH, { message: 'must be an ETag this API issued' })
    .optional()
    .meta({ description: 'The ETag you read; a stale one answers 412' }),
});

export const IdempotencyHeader = z.object({
  'idempotency-key': z
    .string()
    .max(128)
    .regex(IDEMPOTENCY_KEY, { message: 'use 8–128 letters, digits or . _ : - (a UUID is ideal)' })
    .optional()
    .meta({ description: 'Makes the create safe to retry: a replay returns the first response' }),
});

export function etag(version: number): string {
  return `"${version}"`;
}

/** The expected version from If-Match (`"3"`, `W/"3"` or `3`); absent or `*` means "whatever is current". */
export function ifMatchVersion(c: Context<AppEnv>): number | undefined {
  const raw = c.req.header('if-match')?.trim();
  if (!raw || raw === '*') return undefined;
  const m = raw.match(/^(?:W\/)?"?(\d{1,9})"?$/);
  if (!m?.[1]) {
    throw new ValidationError('If-Match must be an ETag this API issued', { errors: [{ path: 'If-Match', message: 'malformed ETag' }] });
  }
  return Number(m[1]);
}

export function actorOf(c: Context<AppEnv>): Actor {
  return c.get('actor');
}
