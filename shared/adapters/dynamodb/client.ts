import { DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { ServiceUnavailableError } from '../../errors.js';

export interface DbTimeouts {
  /** Most time to open a connection (ms). */
  connectMs: number;
  /** Most time one attempt may take, request and response (ms). */
  requestMs: number;
  /** Attempts in all, the first included (throttling and timeouts are retried with jittered backoff). */
  attempts: number;
}

/**
 * A stalled database must answer 503 in about three seconds, not hang until the caller gives up:
 * three attempts of at most one second each, plus backoff. DynamoDB answers a GetItem in single-digit
 * milliseconds and a 1 MB Query page in a few hundred, so a second per attempt is generous.
 */
export const DEFAULT_DB_TIMEOUTS: DbTimeouts = { connectMs: 1000, requestMs: 1000, attempts: 3 };
/** For bulk work against DynamoDB Local on a busy machine (the first start's demo load, tests, benches): a slow answer is not a failure. */
export const PATIENT_DB_TIMEOUTS: DbTimeouts = { connectMs: 5000, requestMs: 20_000, attempts: 4 };

export interface DbOptions {
  region?: string;
  /** DynamoDB Local's address; absent in AWS. */
  endpoint?: string;
  timeouts?: Partial<DbTimeouts>;
}

const THROTTLED = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'LimitExceededException',
]);
const DOWN = new Set([
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'InternalServerError',
  'ServiceUnavailable',
  'NetworkingError',
  'AbortError',
]);
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
]);
const THROTTLED_REASONS = new Set(['ThrottlingError', 'ProvisionedThroughputExceeded', 'RequestLimitExceeded']);

/**
 * Whether a database error means "not now" rather than "no": throttling (also inside a cancelled
 * transaction), timeouts, refused or dropped connections, and the service's own 5xx. These are the
 * client's to retry later (503 with Retry-After), never a bug to report as 500.
 */
export function unavailableReason(err: unknown): 'throttled' | 'unreachable' | undefined {
  if (!(err instanceof Error)) return undefined;
  const e = err as Error & { code?: string; $metadata?: { httpStatusCode?: number }; cause?: unknown };
  if (THROTTLED.has(e.name)) return 'throttled';
  if (err instanceof TransactionCanceledException && (err.CancellationReasons ?? []).some((r) => r.Code && THROTTLED_REASONS.has(r.Code))) {
    // A cancelled transaction also names its condition failures; those are the caller's business and win.
    return (err.CancellationReasons ?? []).some((r) => r.Code === 'ConditionalCheckFailed') ? undefined : 'throttled';
  }
  if (DOWN.has(e.name) || (e.code && SOCKET_CODES.has(e.code))) return 'unreachable';
  if ((e.$metadata?.httpStatusCode ?? 0) >= 500) return 'unreachable';
  if (e.cause instanceof Error && e.cause !== err) return unavailableReason(e.cause);
  return undefined;
}

/**
 * One document client per process (module scope in Lambda), with `removeUndefinedValues` so optional
 * fields can be passed straight through, and bounded timeouts. Errors that mean the database is
 * unavailable leave the client as one domain error, `ServiceUnavailableError`, once the SDK's own
 * retries are spent, so every caller (API, pages, notifier, sweeper) maps them the same way.
 * Locally, DynamoDB Local accepts any credentials; they are set here only when an endpoint is given.
 */
export function createDocumentClient(opts: DbOptions): DynamoDBDocumentClient {
  const t = { ...DEFAULT_DB_TIMEOUTS, ...opts.timeouts };
  const client = new DynamoDBClient({
    region: opts.region ?? 'eu-west-2',
    ...(opts.endpoint ? { endpoint: opts.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
    maxAttempts: t.attempts,
    requestHandler: new NodeHttpHandler({ connectionTimeout: t.connectMs, requestTimeout: t.requestMs, throwOnRequestTimeout: true }),
  });
  // 'initialize' is the outermost step: this sees an error only after every retry has been spent.
  client.middlewareStack.add(
    (next) => async (args) => {
      try {
        return await next(args);
      } catch (err) {
        const reason = unavailableReason(err);
        if (reason) throw new ServiceUnavailableError(reason, { cause: err });
        throw err;
      }
    },
    { step: 'initialize', name: 'routewayUnavailable', priority: 'high' },
  );
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
}
