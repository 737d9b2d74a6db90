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
import { limitSignIn, limitUser, type RateLimiting } from './middleware/rate-limit.js';
import { MemoryRateLimiter } from '../../shared/adapters/memory/rate-limiter.js';
import { DEFAULT_RATE_LIMITS } from '../../shared/ports/rate-limiter.js';
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
  /**
   * Per-caller limits. Absent: counters in this process's memory with the default limits, right for
   * one process (`npm start`, tests); in AWS the runtime passes the table-backed limiter.
   */
  rateLimiting?: RateLimiting;
}

/** The deps once createApp has filled in what was left to it. */
export type WiredAppDeps = AppDeps & { rateLimiting: RateLimiting };

/** Paths anyone may call; everything else needs a verified bearer token. */
const PUBLIC_PATHS = new Set(['/health', '/openapi.json', '/docs']);
/** The web pages: they carry their own cookie session and CSRF check instead of a bearer token. */
const isWebPath = (path: string) => path === '/' || path === '/sign-in' || path === '/sign-out' || path === '/auth/callback' || path === '/app' || path.startsWith('/app/') || path.startsWith('/assets/') || path === '/dev/outbox';

/**
 * The one Hono app: served by `handle(app)` in Lambda and by `@hono/node-server` locally.
 * Routes validate with zod, call one use case, respond; errors become problem+json in `onError`.
 */
export function createApp(given: AppDeps): OpenAPIHono<AppEnv> {
  const deps: WiredAppDeps = {
    ...given,
    rateLimiting: given.rateLimiting ?? { limiter: new MemoryRateLimiter(DEFAULT_RATE_LIMITS.windowSeconds), limits: DEFAULT_RATE_LIMITS, clock: given.clock },
  };
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
  const auth = authenticate(deps.verifier, deps.rateLimiting);
  const perUser = limitUser(deps.rateLimiting);
  const signInLimit = limitSignIn(deps.rateLimiting);
  app.use('*', async (c, next) => (PUBLIC_PATHS.has(c.req.path) || isWebPath(c.req.path) ? next() : auth(c, next)));
  // Each signed-in caller's requests are counted, API and pages alike; sign-in attempts per address.
  app.use('*', async (c, next) => (PUBLIC_PATHS.has(c.req.path) || isWebPath(c.req.path) ? next() : perUser(c, next)));
  // (Pages count their user in the session check, once the session names who it is.)
  app.use('/sign-in', signInLimit);
  app.use('/auth/callback', signInLimit);
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
