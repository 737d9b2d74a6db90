import { HTTPException } from 'hono/http-exception';
import { unavailableReason } from '../../shared/adapters/dynamodb/client.js';
import { ConflictError, DomainError, ServiceUnavailableError, VersionConflict, type FieldError } from '../../shared/errors.js';

/** An error as the caller is told it: the same for API clients (problem+json) and pages (GOV.UK error page). */
export interface ErrorAnswer {
  status: number;
  type: string;
  title: string;
  detail: string;
  errors?: FieldError[];
  extra?: Record<string, unknown>;
  headers: Record<string, string>;
  /** Whether this is ours to investigate (logged as an error) rather than the caller's to fix. */
  ours: boolean;
}

const HTTP_TITLES: Record<number, string> = {
  400: 'Invalid request',
  401: 'Not signed in',
  404: 'Not found',
  413: 'Request body too large',
  415: 'Unsupported media type',
};

/**
 * The one table from errors to answers. Domain errors carry their own status; a version conflict that
 * outlived its retries is a 409; framework errors keep their 4xx; anything else is a bare 500 that
 * names nothing internal. Unavailability (timeouts, refused connections, throttling) reaches here as
 * `ServiceUnavailableError` from the database client and is a 503 with Retry-After; a raw SDK error of
 * that kind (from a client built elsewhere) is recognised the same way.
 */
export function answerFor(err: unknown): ErrorAnswer {
  const reason = err instanceof DomainError ? undefined : unavailableReason(err);
  const e =
    err instanceof VersionConflict
      ? new ConflictError('Someone else changed this at the same moment; read it again and retry')
      : reason
        ? new ServiceUnavailableError(reason, { cause: err })
        : err;
  if (e instanceof DomainError) {
    return {
      status: e.status,
      type: e.type,
      title: e.title,
      detail: e.message,
      ...(e.errors ? { errors: e.errors } : {}),
      ...(e.extra ? { extra: e.extra } : {}),
      headers: 'retryAfterSeconds' in e && typeof e.retryAfterSeconds === 'number' ? { 'Retry-After': String(e.retryAfterSeconds) } : {},
      ours: false,
    };
  }
  if (e instanceof HTTPException && e.status < 500) {
    const title = HTTP_TITLES[e.status] ?? 'Request failed';
    return {
      status: e.status,
      type: `https://routeway.dev/problems/http-${e.status}`,
      title,
      detail: e.message || title,
      headers: e.status === 413 ? { Connection: 'close' } : {},
      ours: false,
    };
  }
  return {
    status: 500,
    type: 'https://routeway.dev/problems/internal',
    title: 'Internal error',
    detail: 'Something went wrong on our side. Quote the correlation id if you report it.',
    headers: {},
    ours: true,
  };
}
