import { createRoute, z } from '@hono/zod-openapi';
import { CHECKIN_MILESTONES, CheckinInput, Placement } from '../../../shared/domain/submission.js';
import type { Deps } from '../../../shared/use-cases/deps.js';
import * as placements from '../../../shared/use-cases/placements.js';
import type { App } from '../env.js';
import { IdParam, actorOf, errorResponses, json, jsonBody, security, writeErrorResponses } from './common.js';

const PlacementView = Placement.extend({
  checkins: z
    .array(Placement.shape.checkins.element.extend({ state: z.enum(['recorded', 'overdue', 'due', 'upcoming']) }))
    .max(CHECKIN_MILESTONES.length),
}).meta({ id: 'PlacementView' });

/** Placements and their sustainment check-ins. */
export function placementRoutes(app: App, deps: Deps): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/placements/{id}',
      tags: ['Placements'],
      summary: 'A placement with its check-ins (recorded, due, overdue, upcoming)',
      security,
      request: { params: IdParam },
      responses: { 200: json(PlacementView, 'The placement'), ...errorResponses },
    }),
    async (c) => c.json(await placements.getPlacement(deps, actorOf(c), c.req.valid('param').id), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/placements/{id}/checkins',
      tags: ['Placements'],
      summary: 'Record a 13- or 26-week check-in',
      security,
      request: { params: IdParam, ...jsonBody(CheckinInput) },
      responses: { 200: json(PlacementView, 'The placement'), ...writeErrorResponses },
    }),
    async (c) => c.json(await placements.recordCheckin(deps, actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
}
