import { Hono } from 'hono';
import { wireDeps, type AppDeps } from './deps.js';
import { createApiApp } from './api-app.js';
import type { AppEnv } from './env.js';
import { makeOnError, notFound } from './errors.js';
import { requestLogging } from './middleware/logging.js';
import { requestMetrics } from './middleware/metrics.js';
import { noStoreByDefault, securityHeaders } from './middleware/security-headers.js';
import { createWebApp } from './web/web-app.js';

export type { AppDeps } from './deps.js';

/**
 * The one Hono app, served by `handle(app)` in Lambda and by `@hono/node-server` locally: two apps
 * behind the middleware every response gets (a log line, security headers, no-store). The web app is
 * mounted first and answers every path it owns (its pages, sign-in, assets); the API answers the rest,
 * with its bearer tokens and problem+json. Each maps errors through the one answer table
 * (error-table.ts) in its own dress: a GOV.UK page or problem+json.
 */
export function createApp(given: AppDeps): Hono<AppEnv> {
  const deps = wireDeps(given);
  const app = new Hono<AppEnv>();
  app.use('*', requestMetrics());
  app.use('*', requestLogging(deps.logger));
  app.use(
    '*',
    securityHeaders({ hsts: deps.secureCookies ?? true, ...(deps.hostedSignIn ? { formTargets: [deps.hostedSignIn.domain] } : {}) }),
  );
  app.use('*', noStoreByDefault);
  app.route('/', createWebApp(deps)).route('/', createApiApp(deps));
  // Errors of the middleware above and unknown paths: the API's answers (the web app has its own).
  app.onError(makeOnError(deps.logger));
  app.notFound(notFound);
  return app;
}
