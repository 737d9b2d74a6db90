/**
 * Named domain errors. Use cases throw these; the HTTP layer maps them by class to
 * RFC 9457 problem details in one place (functions/api/errors.ts).
 */
export interface FieldError {
  path: string;
  message: string;
}

export abstract class DomainError extends Error {
  abstract readonly status: number;
  abstract readonly title: string;
  readonly errors?: FieldError[];
  readonly extra?: Record<string, unknown>;
  constructor(detail: string, opts: { errors?: FieldError[]; extra?: Record<string, unknown> } = {}) {
    super(detail);
    this.errors = opts.errors;
    this.extra = opts.extra;
  }
  get type(): string {
    return `https://routeway.dev/problems/${this.slug}`;
  }
  protected abstract readonly slug: string;
}

export class ValidationError extends DomainError {
  readonly status = 400;
  readonly title = 'Invalid request';
  protected readonly slug = 'validation';
}

export class UnauthenticatedError extends DomainError {
  readonly status = 401;
  readonly title = 'Not signed in';
  protected readonly slug = 'unauthenticated';
}

export class ForbiddenError extends DomainError {
  readonly status = 403;
  readonly title = 'Not allowed';
  protected readonly slug = 'forbidden';
}

export class NotFoundError extends DomainError {
  readonly status = 404;
  readonly title = 'Not found';
  protected readonly slug = 'not-found';
  constructor(what: string, id?: string) {
    super(id ? `No ${what} with id ${id}` : `No such ${what}`);
  }
}

export class ConflictError extends DomainError {
  readonly status = 409;
  readonly title = 'Conflict';
  protected readonly slug = 'conflict';
}

export class PreconditionFailedError extends DomainError {
  readonly status = 412;
  readonly title = 'Precondition failed';
  protected readonly slug = 'stale';
  constructor(detail = 'The resource has changed since you read it; fetch it again and retry') {
    super(detail);
  }
}

export class PreconditionRequiredError extends DomainError {
  readonly status = 428;
  readonly title = 'Precondition required';
  protected readonly slug = 'precondition-required';
}

/** Well-formed but breaks a business rule (e.g. publishing with a closing date in the past). */
export class BusinessRuleError extends DomainError {
  readonly status = 422;
  readonly title = 'Business rule violated';
  protected readonly slug = 'business-rule';
}

/**
 * The optimistic-concurrency condition on a write failed: someone else wrote first. Use cases retry
 * on fresh data (`withVersionRetry`); one that escapes every retry is answered as a 409 conflict.
 */
export class VersionConflict extends Error {
  override readonly name = 'VersionConflict';
}

/** The database (or another dependency) did not answer in time, refused, or throttled: retry shortly. */
export class ServiceUnavailableError extends DomainError {
  readonly status = 503;
  readonly title = 'Service unavailable';
  protected readonly slug = 'unavailable';
  /** Seconds the client should wait before retrying (the Retry-After header). */
  readonly retryAfterSeconds: number;
  constructor(
    readonly reason: 'throttled' | 'unreachable',
    opts: { cause?: unknown; retryAfterSeconds?: number } = {},
  ) {
    super(reason === 'throttled' ? 'The service is busy; retry in a moment.' : 'The database is not answering; retry in a moment.');
    this.retryAfterSeconds = opts.retryAfterSeconds ?? (reason === 'throttled' ? 1 : 2);
    if (opts.cause !== undefined) (this as { cause?: unknown }).cause = opts.cause;
  }
}

/** Too many requests from one caller: wait `retryAfterSeconds`. */
export class TooManyRequestsError extends DomainError {
  readonly status = 429;
  readonly title = 'Too many requests';
  protected readonly slug = 'rate-limited';
  constructor(
    readonly retryAfterSeconds: number,
    detail = 'Too many requests; wait a moment and try again.',
  ) {
    super(detail);
  }
}

export class DuplicateEmployerError extends ConflictError {
  constructor(
    readonly existingId: string,
    by: 'name-and-postcode' | 'company-number',
  ) {
    super(
      by === 'company-number'
        ? 'An employer with this company number is already recorded'
        : 'An employer with this name and postcode is already recorded',
      { extra: { existingId } },
    );
  }
}

/** A record with this import reference is already recorded (bulk import's re-runs skip it). */
export class DuplicateReferenceError extends ConflictError {
  constructor(readonly existingId: string) {
    super('A record with this reference is already recorded', { extra: { existingId } });
  }
}

export class CohortFullError extends ConflictError {
  constructor() {
    super('The cohort has no places left');
  }
}

export class AlreadyEnrolledError extends ConflictError {
  constructor() {
    super('The participant is already enrolled on this cohort');
  }
}

/** The email address is already a user's (addresses are unique across the whole directory, as Cognito's are). */
export class DuplicateStaffError extends ConflictError {
  constructor() {
    super('A user with this email address already exists', { errors: [{ path: 'email', message: 'is already a user’s address' }] });
  }
}
