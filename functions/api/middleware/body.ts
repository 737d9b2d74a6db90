import type { MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { ValidationError } from '../../../shared/errors.js';
import type { AppEnv } from '../env.js';

export const MAX_BODY_BYTES = 256 * 1024;
/**
 * How much of an over-limit body is read and dropped before the 413 goes out. A client still sending
 * when the server closes would get a reset instead of the answer; past this much, it gets the reset.
 */
const DRAIN_MAX_BYTES = 8 * 1024 * 1024;

/** Reads and drops the rest of a body; false when there was more than DRAIN_MAX_BYTES of it. */
async function drain(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<boolean> {
  let dropped = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return true;
      dropped += value.byteLength;
      if (dropped > DRAIN_MAX_BYTES) return false;
    }
  } catch {
    return false;
  } finally {
    reader.releaseLock();
  }
}

/**
 * An over-limit body is answered 413 once the rest of it has been read, so the client reads the answer
 * rather than a reset. A keep-alive connection whose request was not read to its end cannot carry the
 * next request (it would never be answered), so the 413 also says `Connection: close` (error-table.ts
 * adds it to every 413) and Node closes the connection after it.
 */
async function tooLarge(rest: ReadableStreamDefaultReader<Uint8Array>): Promise<never> {
  await drain(rest);
  throw new HTTPException(413, { message: `The request body is larger than ${MAX_BODY_BYTES / 1024} KiB` });
}

/** Bodies over MAX_BODY_BYTES are refused, by Content-Length when it is declared, by counting otherwise. */
export const limitBody: MiddlewareHandler<AppEnv> = async (c, next) => {
  const body = c.req.raw.body;
  if (!body) return next();
  const declared = c.req.raw.headers.get('content-length');
  if (declared !== null && !c.req.raw.headers.has('transfer-encoding')) {
    // A declared length is held to by Node's parser (and by API Gateway), so the body need not be read here.
    return Number.parseInt(declared, 10) > MAX_BODY_BYTES ? tooLarge(body.getReader()) : next();
  }
  const reader = body.getReader();
  let buffer = new Uint8Array(0);
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    const offset = size;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) return tooLarge(reader);
    if (size > buffer.length) {
      const grown = new Uint8Array(Math.min(MAX_BODY_BYTES, Math.max(size, buffer.length * 2)));
      grown.set(buffer.subarray(0, offset));
      buffer = grown;
    }
    buffer.set(value, offset);
  }
  c.req.raw = new Request(c.req.raw, { body: buffer.subarray(0, size) });
  return next();
};

/**
 * Requests that carry a body must say it is JSON (415 otherwise), so no body is silently ignored, and
 * must be UTF-8 (400 otherwise). One leading byte order mark is ignored (RFC 8259 §8.1 allows it); the
 * Fetch API's `text()`, which Hono's `json()` parses, would also drop a second one and turn bad bytes
 * into U+FFFD, so a body of two BOMs and `{}` was accepted as `{}`. The bytes are checked here, strictly,
 * and handed on unchanged.
 */
export const requireJson: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (['POST', 'PUT', 'PATCH'].includes(c.req.method)) {
    const type = c.req.header('content-type') ?? '';
    const hasBody = c.req.raw.body !== null && c.req.header('content-length') !== '0';
    if (hasBody && !/^application\/(?:[a-z.+-]*\+)?json\s*(?:;|$)/i.test(type)) {
      throw new HTTPException(415, { message: 'Send the request body as application/json' });
    }
    if (hasBody) {
      const bytes = new Uint8Array(await c.req.raw.arrayBuffer());
      let text: string;
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(bytes); // drops one leading BOM
      } catch {
        throw new ValidationError('The request body is not UTF-8', { errors: [{ path: '(body)', message: 'not valid UTF-8' }] });
      }
      if (text.startsWith('\uFEFF')) throw new HTTPException(400, { message: 'Malformed JSON in request body' });
      c.req.raw = new Request(c.req.raw, { body: bytes });
    }
  }
  await next();
};
