import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ZodError } from 'zod';
import { NotFoundError, ValidationError, type FieldError } from '../../shared/errors.js';
import { answerFor } from './error-table.js';
import { CONTROL_CHARACTERS } from '../../shared/domain/common.js';
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

/** What a problem's members may hold: the OpenAPI document states these (routes/common.ts) and every answer keeps to them. */
export const PROBLEM_LIMITS = { title: 200, detail: 1000, errors: 200, path: 200, message: 500 } as const;

/**
 * Paths and messages can echo what was sent (an unknown key, a path): control characters are shown as
 * U+FFFD and anything too long is cut, marked with an ellipsis.
 */
const cut = (s: string, max: number) => {
  const clean = s.replace(CONTROL_CHARACTERS, '\uFFFD');
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
};

/**
 * Every problem is kept within the limits the OpenAPI document states (PROBLEM_LIMITS): a detail that
 * names a 10,000-character path, or a body with thousands of unknown keys, still gets a bounded answer.
 */
export function problemResponse(c: Context, p: Problem, headers: Record<string, string> = {}): Response {
  const bounded: Problem = {
    ...p,
    title: cut(p.title, PROBLEM_LIMITS.title),
    detail: cut(p.detail, PROBLEM_LIMITS.detail),
    ...(p.errors
      ? {
          errors: p.errors
            .slice(0, PROBLEM_LIMITS.errors)
            .map((e) => ({ path: cut(e.path, PROBLEM_LIMITS.path), message: cut(e.message, PROBLEM_LIMITS.message) })),
        }
      : {}),
  };
  return c.body(JSON.stringify(bounded), p.status as ContentfulStatusCode, { 'Content-Type': PROBLEM, ...headers });
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

/** `if-match` → `If-Match`: a header is named as HTTP writes it. */
const headerName = (h: string) => h.replace(/(^|-)([a-z])/g, (_m, dash: string, ch: string) => dash + ch.toUpperCase());

/**
 * A request that failed its schema. A path id that cannot be one (the document states each id's pattern)
 * names nothing, so it is a 404 like any unknown id (which it was before ids had patterns); everything else is
 * a 400 naming every bad field.
 */
export function validationProblem(error: ZodError, target: string): ValidationError | NotFoundError {
  if (target === 'param') return new NotFoundError('resource at this path');
  const where = target === 'json' ? 'body' : target === 'query' ? 'query string' : target;
  const errors = fieldErrors(error);
  return new ValidationError(`The request ${where} has invalid fields`, {
    errors: target === 'header' ? errors.map((e) => ({ ...e, path: headerName(e.path) })) : errors,
  });
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
