import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import type { AppEnv } from '../env.js';

export const MAX_BODY_BYTES = 256 * 1024;

export const limitBody: MiddlewareHandler<AppEnv> = bodyLimit({
  maxSize: MAX_BODY_BYTES,
  onError: () => {
    throw new HTTPException(413, { message: `The request body is larger than ${MAX_BODY_BYTES / 1024} KiB` });
  },
});

/** Requests that carry a body must say it is JSON (415 otherwise), so no body is silently ignored. */
export const requireJson: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (['POST', 'PUT', 'PATCH'].includes(c.req.method)) {
    const type = c.req.header('content-type') ?? '';
    const hasBody = c.req.raw.body !== null && c.req.header('content-length') !== '0';
    if (hasBody && !/^application\/(?:[a-z.+-]*\+)?json\s*(?:;|$)/i.test(type)) {
      throw new HTTPException(415, { message: 'Send the request body as application/json' });
    }
  }
  await next();
};
