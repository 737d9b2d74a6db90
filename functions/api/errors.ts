import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ZodError } from 'zod';
import { DomainError, ValidationError, type FieldError } from '../../shared/errors.js';
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

function fromHttpException(err: HTTPException): Problem {
  const status = err.status;
  const titles: Record<number, string> = { 400: 'Invalid request', 401: 'Not signed in', 413: 'Request body too large', 415: 'Unsupported media type' };
  return {
    type: `https://routeway.dev/problems/http-${status}`,
    title: titles[status] ?? 'Request failed',
    status,
    detail: err.message || titles[status] || 'Request failed',
  };
}

const THROTTLED = new Set(['ProvisionedThroughputExceededException', 'ThrottlingException', 'RequestLimitExceeded']);

/** The one place errors become responses: domain errors by class, framework errors by status, the rest as a bare 500. */
export function makeOnError(logger: AppLogger) {
  return (err: Error, c: Context): Response => {
    if (err instanceof DomainError) {
      return problemResponse(c, {
        type: err.type,
        title: err.title,
        status: err.status,
        detail: err.message,
        ...(err.errors ? { errors: err.errors } : {}),
        ...(err.extra ?? {}),
      });
    }
    if (err instanceof HTTPException && err.status < 500) return problemResponse(c, fromHttpException(err));
    if (THROTTLED.has(err.name)) {
      logger.warn('Database throttled the request', { errorName: err.name });
      return problemResponse(
        c,
        { type: 'https://routeway.dev/problems/busy', title: 'Busy', status: 503, detail: 'The service is busy; retry in a moment.' },
        { 'Retry-After': '1' },
      );
    }
    logger.error('Unhandled error', { error: err });
    return problemResponse(c, {
      type: 'https://routeway.dev/problems/internal',
      title: 'Internal error',
      status: 500,
      detail: 'Something went wrong on our side. Quote the correlation id if you report it.',
      correlationId: c.get('correlationId' as never),
    });
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
