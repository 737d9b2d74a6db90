import { createRoute, z } from '@hono/zod-openapi';
import { Id, ListQuery, pageOf, Text } from '../../../shared/domain/common.js';
import { Vacancy, VacancyCreate, VacancyPatch, VacancyReopen, VacancyStatus } from '../../../shared/domain/vacancy.js';
import type { Deps } from '../../../shared/use-cases/deps.js';
import * as vacancies from '../../../shared/use-cases/vacancies.js';
import type { App } from '../env.js';
import {
  IdParam,
  IdempotencyHeader,
  IfMatchHeader,
  actorOf,
  errorResponses,
  etag,
  etagHeader,
  ifMatchVersion,
  json,
  jsonBody,
  security,
  updateErrorResponses,
  writeErrorResponses,
} from './common.js';

const tags = ['Vacancies'];

export function vacancyRoutes(app: App, deps: Deps): void {
  app.openapi(
    createRoute({
      method: 'post',
      path: '/vacancies',
      tags,
      summary: 'Take a vacancy',
      description:
        'Starts as `draft` unless `status: "open"`; publishing needs a closing date not in the past. Employer users post for their own employer.',
      security,
      request: { headers: IdempotencyHeader, ...jsonBody(VacancyCreate) },
      responses: { 201: json(Vacancy, 'The vacancy', etagHeader), ...writeErrorResponses },
    }),
    async (c) => {
      const v = await vacancies.createVacancy(deps, actorOf(c), c.req.valid('json'));
      return c.json(v, 201, { ETag: etag(v.version), Location: `/vacancies/${v.id}` });
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/vacancies',
      tags,
      summary: 'List vacancies',
      description:
        'By employer (optionally one status) or by status (default `open`, ordered by closing date). With `title`, `skill`, `employer` ' +
        'or `closingSoon=true` it is the search the pages offer: one status (default `open`), soonest closing first, every filter given ' +
        'holding; at most 1,000 vacancies are read for one page, so a page of a rare search may be short with a `nextCursor` to go on.',
      security,
      request: {
        query: ListQuery.extend({
          employerId: Id.optional(),
          status: VacancyStatus.optional(),
          title: Text(100).optional().meta({ description: 'Words of its title or occupation (each word typed starts a word of it)' }),
          skill: Text(100).optional().meta({ description: 'A must-have or nice-to-have skill, as the skills list names it or a synonym' }),
          employer: Text(100).optional().meta({ description: 'Words of the employer’s name' }),
          closingSoon: z
            .enum(['true', 'false'])
            .transform((v) => v === 'true')
            .optional()
            .meta({ description: 'Only those closing within 14 days (or past their closing date and still open)' }),
        }),
      },
      responses: { 200: json(pageOf(Vacancy, 'VacancyPage'), 'A page of vacancies'), ...errorResponses },
    }),
    async (c) => c.json(await vacancies.listVacancies(deps, actorOf(c), c.req.valid('query')), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/vacancies/{id}',
      tags,
      summary: 'Read a vacancy',
      security,
      request: { params: IdParam },
      responses: { 200: json(Vacancy, 'The vacancy', etagHeader), ...errorResponses },
    }),
    async (c) => {
      const v = await vacancies.getVacancy(deps, actorOf(c), c.req.valid('param').id);
      return c.json(v, 200, { ETag: etag(v.version) });
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/vacancies/{id}',
      tags,
      summary: 'Change a vacancy or move its status',
      description:
        'Status moves: draft → open | withdrawn; open → closed | filled | withdrawn; closed → withdrawn. A closed or filled vacancy reopens only through `POST /vacancies/{id}/reopen`.',
      security,
      request: { params: IdParam, headers: IfMatchHeader, ...jsonBody(VacancyPatch) },
      responses: { 200: json(Vacancy, 'The vacancy as changed', etagHeader), ...updateErrorResponses },
    }),
    async (c) => {
      const v = await vacancies.updateVacancy(deps, actorOf(c), c.req.valid('param').id, c.req.valid('json'), ifMatchVersion(c));
      return c.json(v, 200, { ETag: etag(v.version) });
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/vacancies/{id}/reopen',
      tags,
      summary: 'Reopen a closed or filled vacancy',
      description: 'The explicit action, with a reason and a new closing date (and more positions, for a filled one).',
      security,
      request: { params: IdParam, headers: IfMatchHeader, ...jsonBody(VacancyReopen) },
      responses: { 200: json(Vacancy, 'The reopened vacancy', etagHeader), ...updateErrorResponses },
    }),
    async (c) => {
      const v = await vacancies.reopenVacancy(deps, actorOf(c), c.req.valid('param').id, c.req.valid('json'), ifMatchVersion(c));
      return c.json(v, 200, { ETag: etag(v.version) });
    },
  );
}
