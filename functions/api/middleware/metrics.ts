import type { Context, MiddlewareHandler } from 'hono';
import { matchedRoutes, routePath } from 'hono/route';
import { METRIC, metrics as processMetrics, publishMetrics, type MetricsSink } from '../../../shared/metrics.js';
import type { AppEnv } from '../env.js';

/** The routes whose 2xx answers count as `MatchesServed`. */
export const MATCH_ROUTES: ReadonlySet<string> = new Set(['GET /vacancies/{id}/matches', 'GET /participants/{id}/matches']);

/** The `route` of a request no route answered (unknown paths): one value, never the path itself (ids would explode the metric count). */
export const UNMATCHED_ROUTE = 'unmatched';

/** `/vacancies/:id/matches` (Hono) → `/vacancies/{id}/matches` (OpenAPI, as the docs write routes); a `{regex}` constraint is dropped. */
const asTemplate = (path: string) => path.replace(/:([A-Za-z0-9_]+)(\{[^}]*\})?/g, '{$1}');

const isWildcard = (path: string) => path === '*' || path === '/*';

/**
 * The route a request was for, as `METHOD /template`: the first matched route registered for a
 * method (middleware is registered for ALL), so a request that middleware turned away (401, 403,
 * 429) still names the route it asked for; else the last handler that ran, when it is narrower than
 * `/*` (a catch-all such as `/app/*`); else `unmatched`.
 */
export function routeLabel(c: Context): string {
  const handler = matchedRoutes(c).find((r) => r.method !== 'ALL');
  if (handler) return `${c.req.method} ${asTemplate(handler.path)}`;
  const last = routePath(c);
  return last && !isWildcard(last) ? `${c.req.method} ${asTemplate(last)}` : UNMATCHED_ROUTE;
}

export const statusClass = (status: number) => `${Math.floor(status / 100)}xx`;

/**
 * Request metrics, flushed once the response is made: `Requests` (Count) and `RequestLatency`
 * (Milliseconds, time in the app) by `route` and `statusClass`, and `MatchesServed` for a 2xx
 * answer to either matching route. A handler that threw past the error handlers counts as a 5xx.
 * Registered first in app.ts, so the latency covers every other middleware.
 */
export function requestMetrics(sink: MetricsSink = processMetrics): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    let status = 500;
    try {
      await next();
      status = c.res.status;
    } finally {
      const route = routeLabel(c);
      const latency = Math.round((performance.now() - started) * 10) / 10;
      publishMetrics(
        sink,
        [
          { name: METRIC.requests, unit: 'Count', value: 1 },
          { name: METRIC.requestLatency, unit: 'Milliseconds', value: latency },
        ],
        { route, statusClass: statusClass(status) },
      );
      if (status >= 200 && status < 300 && MATCH_ROUTES.has(route)) {
        publishMetrics(sink, [{ name: METRIC.matchesServed, unit: 'Count', value: 1 }]);
      }
    }
  };
}
