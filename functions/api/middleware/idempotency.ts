import type { MiddlewareHandler } from 'hono';
import { createHash } from 'node:crypto';
import type { Deps } from '../../../shared/use-cases/deps.js';
import { claimRequest, completeRequest, releaseRequest } from '../../../shared/use-cases/idempotency.js';
import type { AppEnv } from '../env.js';

const REPLAYED_HEADERS = ['content-type', 'etag', 'location'];

/**
 * `Idempotency-Key` on creates, as HTTP: the request (method, path and body) is hashed and claimed
 * (shared/use-cases/idempotency.ts has the rules); a replay returns the stored first response with
 * `Idempotent-Replayed: true`; a 2xx is kept, anything else releases the key.
 */
export function idempotent(deps: Deps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const key = c.req.header('idempotency-key');
    if (key === undefined || c.req.method !== 'POST') return next();
    const actor = c.get('actor');
    const body = await c.req.text();
    const hash = createHash('sha256')
      .update(`${c.req.method} ${new URL(c.req.url).pathname}\n${body}`)
      .digest('hex');
    const claim = await claimRequest(deps, actor, key, hash);
    if (!claim.run) {
      const { status, body: stored, headers } = claim.replay;
      return new Response(stored, { status, headers: { ...headers, 'Idempotent-Replayed': 'true' } });
    }
    try {
      await next();
    } catch (err) {
      await releaseRequest(deps, actor, key);
      throw err;
    }
    // Errors thrown downstream are turned into responses by onError before we see them here.
    if (c.res.status >= 200 && c.res.status < 300) {
      const headers: Record<string, string> = {};
      for (const h of REPLAYED_HEADERS) {
        const v = c.res.headers.get(h);
        if (v) headers[h] = v;
      }
      await completeRequest(deps, actor, key, { status: c.res.status, body: await c.res.clone().text(), headers });
    } else {
      await releaseRequest(deps, actor, key);
    }
  };
}
