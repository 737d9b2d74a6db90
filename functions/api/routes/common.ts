import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { ValidationError } from '../../../shared/errors.js';
import type { Actor } from '../../../shared/domain/actor.js';
import type { AppEnv } from '../env.js';

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Problem' });

const problem = (description: string, headers?: Record<string, { description: string; schema: { type: 'integer'; minimum: number } }>) => ({
  description,
  content: { 'application/problem+json': { schema: ProblemSchema } },
  ...(headers ? { headers } : {}),
});

const retryAfter = { 'Retry-After': { description: 'Seconds to wait before retrying', schema: { type: 'integer' as const, minimum: 1 } } };

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
  id: z
    .string()
    .min(1)
    .max(64)
    .meta({ param: { name: 'id', in: 'path' } }),
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
  headers?: Record<string, { description: string; schema: { type: 'string' } }>,
) => ({
  description,
  content: { 'application/json': { schema } },
  ...(headers ? { headers } : {}),
});

export const etagHeader = { ETag: { description: 'The version, for If-Match on the next update', schema: { type: 'string' as const } } };

export const IfMatchHeader = z.object({
  'if-match': z.string().optional().meta({ description: 'The ETag you read; a stale one answers 412' }),
});

export const IdempotencyHeader = z.object({
  'idempotency-key': z.string().optional().meta({ description: 'Makes the create safe to retry: a replay returns the first response' }),
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
