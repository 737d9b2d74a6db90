import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ZodError } from 'zod';
import { ValidationError, type FieldError } from '../../shared/errors.js';
import { answerFor } from './error-table.js';
import type { AppEnv } from './env.js';
import type { AppLogger } from '../../shared/logger.js';

const PROBLEM = 'application/problem+json';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldError[];
  [extra: string]: unknown;
}

export function problemResponse(c: Context, p: Problem, headers: Record<string, string> = {}): Response {
  return c.body(JSON.stringify(p), p.status as ContentfulStatusCode, { 'Content-Type': PROBLEM, ...headers });
}

/** Every zod issue as a field error, one per unknown key, paths dotted as `requirements.hoursPerWeek.max`. */
export function fieldErrors(error: ZodError, prefix?: string): FieldError[] {
  const out: FieldError[] = [];
  for (const issue of error.issues) {
    const base = [...(prefix ? [prefix] : []), ...issue.path.map(String)];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) out.push({ path: [...base, key].join('.'), message: 'unknown field' });
    } else {
      out.push({ path: base.join('.') || '(body)', message: issue.message });
    }
  }
  return out;
}

export function validationProblem(error: ZodError, target: string): ValidationError {
  const where = target === 'json' ? 'body' : target === 'query' ? 'query string' : target === 'param' ? 'path' : target;
  return new ValidationError(`The request ${where} has invalid fields`, { errors: fieldErrors(error) });
}

/** The one place API errors become responses, through the shared answer table (pages use the same table). */
export function makeOnError(logger: AppLogger) {
  return (err: Error, c: Context<AppEnv>): Response => {
    const a = answerFor(err);
    if (a.ours) logger.error('Unhandled error', { error: err });
    else if (a.status >= 500) logger.warn('Dependency unavailable', { errorName: err.name, reason: (err as { reason?: string }).reason });
    return problemResponse(
      c,
      {
        // Extra members first: they may add to the problem, never replace its own members.
        ...(a.extra ?? {}),
        type: a.type,
        title: a.title,
        status: a.status,
        detail: a.detail,
        ...(a.errors ? { errors: a.errors } : {}),
        ...(a.ours ? { correlationId: c.get('correlationId') } : {}),
      },
      a.headers,
    );
  };
}

export function notFound(c: Context): Response {
  return problemResponse(c, {
    type: 'https://routeway.dev/problems/not-found',
    title: 'Not found',
    status: 404,
    detail: `No route for ${c.req.method} ${new URL(c.req.url).pathname}`,
  });
}
