import { OpenAPIHono } from '@hono/zod-openapi';
import { compress } from 'hono/compress';
import type { TokenVerifier } from '../../shared/auth/verifier.js';
import type { AppLogger } from '../../shared/logger.js';
import type { Deps } from '../../shared/use-cases/deps.js';
import type { AppEnv } from './env.js';
import { makeOnError, notFound, validationProblem } from './errors.js';
import { authenticate } from './middleware/auth.js';
import { limitBody, requireJson } from './middleware/body.js';
import { idempotent } from './middleware/idempotency.js';
import { requestLogging } from './middleware/logging.js';
import { noStoreByDefault, securityHeaders } from './middleware/security-headers.js';
import { cohortRoutes } from './routes/cohorts.js';
import { docsRoutes } from './routes/docs.js';
import { employerRoutes } from './routes/employers.js';
import { participantRoutes } from './routes/participants.js';
import { matchingRoutes } from './routes/matching.js';
import { submissionRoutes } from './routes/submissions.js';
import { devRoutes } from './routes/dev.js';
import { webRoutes, type LocalSignIn } from './web/index.js';
import type { HostedSignIn } from './web/hosted-sign-in.js';
import { webError } from './web/errors.js';
import { NotFoundError } from '../../shared/errors.js';
import { vacancyRoutes } from './routes/vacancies.js';

export interface AppDeps extends Deps {
  verifier: TokenVerifier;
  logger: AppLogger;
  /** Local mode: the folder of "sent" email, listed at /dev/outbox. */
  localOutboxDir?: string;
  /** Local mode: the demo sign-in page (absent with Cognito). */
  localSignIn?: LocalSignIn;
  /** With Cognito: its hosted sign-in pages (absent when the user pool has no domain). */
  hostedSignIn?: HostedSignIn;
  /** Session cookies are Secure except on plain-HTTP localhost. */
  secureCookies?: boolean;
}

/** Paths anyone may call; everything else needs a verified bearer token. */
const PUBLIC_PATHS = new Set(['/health', '/openapi.json', '/docs']);
/** The web pages: they carry their own cookie session and CSRF check instead of a bearer token. */
const isWebPath = (path: string) => path === '/' || path === '/sign-in' || path === '/sign-out' || path === '/auth/callback' || path === '/app' || path.startsWith('/app/') || path.startsWith('/assets/') || path === '/dev/outbox';

/**
 * The one Hono app: served by `handle(app)` in Lambda and by `@hono/node-server` locally.
 * Routes validate with zod, call one use case, respond; errors become problem+json in `onError`.
 */
export function createApp(deps: AppDeps): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw validationProblem(result.error, result.target);
    },
  });

  app.use('*', requestLogging(deps.logger));
  app.use('*', securityHeaders({ hsts: deps.secureCookies ?? true, ...(deps.hostedSignIn ? { formTargets: [deps.hostedSignIn.domain] } : {}) }));
  app.use('*', noStoreByDefault);
  // Pages, their CSS/JS and the API description travel gzipped to browsers that ask (HTTP APIs do not
  // compress responses themselves): the vacancy page's first visit goes from ~285 KiB to ~100 KiB.
  const gzip = compress({ encoding: 'gzip' });
  app.use('*', async (c, next) => (isWebPath(c.req.path) || c.req.path === '/docs' || c.req.path === '/openapi.json' ? gzip(c, next) : next()));
  app.use('*', limitBody);
  app.use('*', async (c, next) => (PUBLIC_PATHS.has(c.req.path) || isWebPath(c.req.path) ? next() : authenticate(deps.verifier)(c, next)));
  app.use('*', async (c, next) => (isWebPath(c.req.path) ? next() : requireJson(c, next)));
  app.use('*', async (c, next) => (isWebPath(c.req.path) ? next() : idempotent(deps.repos.idempotency, deps.clock)(c, next)));

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });

  docsRoutes(app, deps);
  employerRoutes(app, deps);
  vacancyRoutes(app, deps);
  cohortRoutes(app, deps);
  participantRoutes(app, deps);
  matchingRoutes(app, deps);
  submissionRoutes(app, deps);
  if (deps.localOutboxDir) devRoutes(app, deps.localOutboxDir);
  webRoutes(app, deps);

  const apiError = makeOnError(deps.logger);
  app.onError((err, c) => (isWebPath(c.req.path) ? webError(err, c, deps.logger) : apiError(err, c)));
  app.notFound((c) => (isWebPath(c.req.path) ? webError(new NotFoundError('page'), c, deps.logger) : notFound(c)));
  return app;
}
