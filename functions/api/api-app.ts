import { OpenAPIHono } from '@hono/zod-openapi';
import type { WiredAppDeps } from './deps.js';
import type { AppEnv } from './env.js';
import { makeOnError, validationProblem } from './errors.js';
import { authenticate } from './middleware/auth.js';
import { limitBody, requireJson } from './middleware/body.js';
import { idempotent } from './middleware/idempotency.js';
import { limitUser } from './middleware/rate-limit.js';
import { betterOffRoutes } from './routes/better-off.js';
import { caseworkRoutes } from './routes/casework.js';
import { cohortRoutes } from './routes/cohorts.js';
import { docsRoutes, servedDocument } from './routes/docs.js';
import { employerRoutes } from './routes/employers.js';
import { matchingRoutes } from './routes/matching.js';
import { notificationRoutes } from './routes/notifications.js';
import { participantRoutes } from './routes/participants.js';
import { placementRoutes } from './routes/placements.js';
import { reportRoutes } from './routes/reports.js';
import { skillRoutes } from './routes/skills.js';
import { importRoutes } from './routes/imports.js';
import { staffRoutes } from './routes/staff.js';
import { supplyChainRoutes } from './routes/supply-chain.js';
import { submissionRoutes } from './routes/submissions.js';
import { vacancyRoutes } from './routes/vacancies.js';

/** The API's own paths anyone may call: liveness and the description of the API. */
const PUBLIC_PATHS = new Set(['/health', '/openapi.json', '/docs']);

/**
 * The HTTP API: bearer tokens, JSON bodies, `Idempotency-Key` and problem+json, for every path the
 * web app did not answer (app.ts mounts the web first). Routes validate with zod, call one use case,
 * respond; errors become problem+json in `onError`, through the shared answer table.
 */
export function createApiApp(deps: WiredAppDeps): OpenAPIHono<AppEnv> {
  const api = new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw validationProblem(result.error, result.target);
    },
  });
  const auth = authenticate(deps.verifier, deps.rateLimiting, deps.sessions);
  const perUser = limitUser(deps.rateLimiting);
  const idempotency = idempotent(deps);
  const open = (c: { req: { path: string } }) => PUBLIC_PATHS.has(c.req.path);

  api.use('*', limitBody);
  // Everything else needs a verified bearer token; each caller's requests are counted.
  api.use('*', async (c, next) => (open(c) ? next() : auth(c, next)));
  api.use('*', async (c, next) => (open(c) ? next() : perUser(c, next)));
  api.use('*', requireJson);
  api.use('*', idempotency);

  api.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description:
      'An ID token from the Cognito user pool (locally, `npm run token`), verified as RFC8725 (JWT best current practice) advises: signature by a key of the issuer’s key set, issuer, audience, `exp` and `iat` required, at most 12 hours old.',
  });
  docsRoutes(api, deps);
  employerRoutes(api, deps);
  vacancyRoutes(api, deps);
  cohortRoutes(api, deps);
  participantRoutes(api, deps);
  matchingRoutes(api, deps);
  submissionRoutes(api, deps);
  placementRoutes(api, deps);
  caseworkRoutes(api, deps);
  betterOffRoutes(api, deps);
  notificationRoutes(api, deps);
  reportRoutes(api, deps);
  skillRoutes(api, deps);
  importRoutes(api, deps);
  staffRoutes(api, deps);
  supplyChainRoutes(api, deps);

  api.onError(makeOnError(deps.logger));
  return api;
}

/**
 * The document `/openapi.json` serves, without serving anything: routes only declare themselves when
 * registered and use their dependencies when called, so none is needed. The typed client (client/) is
 * generated from it.
 */
export const openApiDocument = () => servedDocument(createApiApp({} as WiredAppDeps));
