import { createRoute, z } from '@hono/zod-openapi';
import { Id, ListQuery, pageOf, Said } from '../../../shared/domain/common.js';
import {
  Cohort,
  CohortCreate,
  CohortWithEnrolments,
  Enrolment,
  EnrolmentCreate,
  EnrolmentPatch,
  MAX_ENROLMENTS,
} from '../../../shared/domain/cohort.js';
import * as cohorts from '../../../shared/use-cases/cohorts.js';
import * as submissions from '../../../shared/use-cases/submissions.js';
import { Submission } from '../../../shared/domain/submission.js';
import type { Deps } from '../../../shared/use-cases/deps.js';
import type { App } from '../env.js';
import {
  IdParam,
  IdempotencyHeader,
  actorOf,
  errorResponses,
  etag,
  etagHeader,
  json,
  jsonBody,
  security,
  updateErrorResponses,
  writeErrorResponses,
} from './common.js';

const tags = ['PET cohorts'];

export function cohortRoutes(app: App, deps: Deps): void {
  app.openapi(
    createRoute({
      method: 'post',
      path: '/cohorts',
      tags,
      summary: 'Set up a pre-employment training cohort',
      security,
      request: { headers: IdempotencyHeader, ...jsonBody(CohortCreate) },
      responses: { 201: json(Cohort, 'The cohort', etagHeader), ...writeErrorResponses },
    }),
    async (c) => {
      const co = await cohorts.createCohort(deps, actorOf(c), c.req.valid('json'));
      return c.json(co, 201, { ETag: etag(co.version), Location: `/cohorts/${co.id}` });
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/cohorts',
      tags,
      summary: 'List cohorts, latest start first',
      security,
      request: { query: ListQuery },
      responses: { 200: json(pageOf(Cohort, 'CohortPage'), 'A page of cohorts'), ...errorResponses },
    }),
    async (c) => c.json(await cohorts.listCohorts(deps, actorOf(c), c.req.valid('query')), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/cohorts/{id}',
      tags,
      summary: 'Read a cohort with its enrolments',
      security,
      request: { params: IdParam },
      responses: { 200: json(CohortWithEnrolments, 'The cohort', etagHeader), ...errorResponses },
    }),
    async (c) => {
      const co = await cohorts.getCohort(deps, actorOf(c), c.req.valid('param').id);
      return c.json(co, 200, { ETag: etag(co.version) });
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/cohorts/{id}/enrolments',
      tags,
      summary: 'Enrol a participant',
      description:
        'Capacity is enforced atomically: when two people take the last place at once, one gets 409. Advisers enrol their own participants.',
      security,
      request: { params: IdParam, headers: IdempotencyHeader, ...jsonBody(EnrolmentCreate) },
      responses: { 201: json(Enrolment, 'The enrolment'), ...writeErrorResponses },
    }),
    async (c) => c.json(await cohorts.enrol(deps, actorOf(c), c.req.valid('param').id, c.req.valid('json').participantId), 201),
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/cohorts/{id}/enrolments/{participantId}',
      tags,
      summary: 'Mark an enrolment completed or withdrawn',
      description: 'A withdrawal frees the place.',
      security,
      request: { params: IdParam.extend({ participantId: Id }), ...jsonBody(EnrolmentPatch) },
      responses: { 200: json(Enrolment, 'The enrolment'), ...updateErrorResponses },
    }),
    async (c) => {
      const { id, participantId } = c.req.valid('param');
      return c.json(await cohorts.changeEnrolment(deps, actorOf(c), id, participantId, c.req.valid('json')), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/cohorts/{id}/put-forward',
      tags: ['PET cohorts'],
      summary: "Put a guaranteed-interview cohort's completers forward for a linked vacancy",
      security,
      request: { params: IdParam, ...jsonBody(z.strictObject({ vacancyId: Id }).meta({ id: 'CohortPutForward' })) },
      responses: {
        201: json(
          z.object({
            submissions: z.array(Submission).max(MAX_ENROLMENTS),
            skipped: z.array(z.object({ participantId: Id, reason: Said(200) })).max(MAX_ENROLMENTS),
          }),
          'Proposed, and who was skipped',
        ),
        ...writeErrorResponses,
      },
    }),
    async (c) => c.json(await submissions.putCohortForward(deps, actorOf(c), c.req.valid('param').id, c.req.valid('json').vacancyId), 201),
  );
}
