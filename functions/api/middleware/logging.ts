import type { MiddlewareHandler } from 'hono';
import { randomUUID } from 'node:crypto';
import type { AppLogger } from '../../../shared/logger.js';
import type { AppEnv } from '../env.js';

const CORRELATION_HEADER = 'x-correlation-id';
const VALID_CORRELATION = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * A correlation id per request (the caller's, when it is sane, or a new one), echoed in the response;
 * Lambda context when present; one access log line; keys reset in `finally` so nothing leaks between
 * invocations of a warm Lambda. Only method, path, status and timing are logged: never headers
 * (tokens) or bodies (participant data).
 */
export function requestLogging(logger: AppLogger): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const given = c.req.header(CORRELATION_HEADER);
    const correlationId = given && VALID_CORRELATION.test(given) ? given : randomUUID();
    c.set('correlationId', correlationId);
    const started = performance.now();
    const lambdaContext = c.env?.lambdaContext;
    // Hono's LambdaContext lacks the deprecated callback methods Powertools' type lists; it reads only the names and ids.
    if (lambdaContext) logger.addContext({ ...lambdaContext, done: () => {}, fail: () => {}, succeed: () => {} });
    logger.appendKeys({ correlationId });
    try {
      await next();
    } finally {
      c.header(CORRELATION_HEADER, correlationId);
      const actor = c.get('actor');
      logger.info('request', {
        method: c.req.method,
        path: c.req.routePath && c.req.routePath !== '/*' ? c.req.routePath : new URL(c.req.url).pathname,
        status: c.res.status,
        durationMs: Math.round((performance.now() - started) * 10) / 10,
        ...(actor ? { role: actor.role, sub: actor.sub } : {}),
      });
      logger.resetKeys();
    }
  };
}
