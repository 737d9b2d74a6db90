import { createRoute, z } from '@hono/zod-openapi';
import {
  Contact,
  MAX_CONTACTS,
  MAX_PLEDGES,
  ContactCreate,
  ContactPatch,
  EmployerCreate,
  EmployerPatch,
  Employer,
  EngagementStage,
  Interaction,
  InteractionCreate,
  Pledge,
  PledgeCreate,
} from '../../../shared/domain/employer.js';
import { VacancyCallback } from '../../../shared/domain/callback.js';
import { Id, ListQuery, pageOf, Text, UserId } from '../../../shared/domain/common.js';
import * as employers from '../../../shared/use-cases/employers.js';
import type { Deps } from '../../../shared/use-cases/deps.js';
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
  noBody,
  security,
  updateErrorResponses,
  writeErrorResponses,
} from './common.js';

const tags = ['Employers'];

export function employerRoutes(app: App, deps: Deps): void {
  app.openapi(
    createRoute({
      method: 'post',
      path: '/employers',
      tags,
      summary: 'Record an employer',
      description:
        'Liaison officers and admins. A duplicate (same normalised name and postcode, or company number) answers 409 with `existingId`.',
      security,
      request: { headers: IdempotencyHeader, ...jsonBody(EmployerCreate) },
      responses: { 201: json(Employer, 'The employer', etagHeader), ...writeErrorResponses },
    }),
    async (c) => {
      const e = await employers.createEmployer(deps, actorOf(c), c.req.valid('json'));
      return c.json(e, 201, { ETag: etag(e.version), Location: `/employers/${e.id}` });
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/employers',
      tags,
      summary: 'List employers',
      description:
        'Name order. One filter alone reads its own index: by account manager, by engagement stage, or by name prefix (`q`). ' +
        'Filters together, or `area`, are the search the pages offer: every filter given must hold, and `q` is then words of the name ' +
        '(each word typed starts a word of it: `kirk bak` finds Kirkgate Bakery); at most 1,000 employers are read for one page, so a page ' +
        'of a rare search may be short with a `nextCursor` to go on. Employer users see their own employer.',
      security,
      request: {
        query: ListQuery.extend({
          accountManagerId: UserId.optional(),
          stage: EngagementStage.optional(),
          q: Text(100).optional(),
          area: Text(100)
            .optional()
            .meta({ description: 'A town (words of it), or a postcode area, district or sector: `LS` finds LS1 and LS11, `LS1` only LS1' }),
        }),
      },
      responses: { 200: json(pageOf(Employer, 'EmployerPage'), 'A page of employers'), ...errorResponses },
    }),
    async (c) => c.json(await employers.listEmployers(deps, actorOf(c), c.req.valid('query')), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/employers/{id}',
      tags,
      summary: 'Read an employer',
      security,
      request: { params: IdParam },
      responses: { 200: json(Employer, 'The employer', etagHeader), ...errorResponses },
    }),
    async (c) => {
      const e = await employers.getEmployer(deps, actorOf(c), c.req.valid('param').id);
      return c.json(e, 200, { ETag: etag(e.version) });
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/employers/{id}',
      tags,
      summary: 'Change an employer',
      description: 'Send only the fields to change; `null` clears an optional field. Honours If-Match.',
      security,
      request: { params: IdParam, headers: IfMatchHeader, ...jsonBody(EmployerPatch) },
      responses: { 200: json(Employer, 'The employer as changed', etagHeader), ...updateErrorResponses },
    }),
    async (c) => {
      const e = await employers.updateEmployer(deps, actorOf(c), c.req.valid('param').id, c.req.valid('json'), ifMatchVersion(c));
      return c.json(e, 200, { ETag: etag(e.version) });
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/employers/{id}/contacts',
      tags,
      summary: 'Add a contact',
      security,
      request: { params: IdParam, headers: IdempotencyHeader, ...jsonBody(ContactCreate) },
      responses: { 201: json(Contact, 'The contact'), ...writeErrorResponses },
    }),
    async (c) => c.json(await employers.addContact(deps, actorOf(c), c.req.valid('param').id, c.req.valid('json')), 201),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/employers/{id}/contacts',
      tags,
      summary: "An employer's contacts",
      security,
      request: { params: IdParam },
      responses: { 200: json(z.object({ items: z.array(Contact).max(MAX_CONTACTS) }), 'The contacts'), ...errorResponses },
    }),
    async (c) => c.json({ items: await employers.listContacts(deps, actorOf(c), c.req.valid('param').id) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/employers/{id}/contacts/{contactId}',
      tags,
      summary: 'Change a contact',
      description:
        'Liaison officers and admins. Send only the fields to change; `null` clears an optional field. A contact keeps an email or a phone number (400 naming `email` otherwise). Two changes at once both land.',
      security,
      request: { params: IdParam.extend({ contactId: Id.meta({ param: { name: 'contactId', in: 'path' } }) }), ...jsonBody(ContactPatch) },
      responses: { 200: json(Contact, 'The contact as changed'), ...writeErrorResponses },
    }),
    async (c) => {
      const { id, contactId } = c.req.valid('param');
      return c.json(await employers.updateContact(deps, actorOf(c), id, contactId, c.req.valid('json')), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/employers/{id}/interactions',
      tags,
      summary: 'Log an interaction',
      description:
        'A call, visit, email, meeting or event, with its outcome and an optional follow-up date. With `vacancyId` (one of this employer’s vacancies) it is about that vacancy: a call, visit, meeting or email after the employer posted it makes its 48-hour callback.',
      security,
      request: { params: IdParam, headers: IdempotencyHeader, ...jsonBody(InteractionCreate) },
      responses: { 201: json(Interaction, 'The interaction'), ...writeErrorResponses },
    }),
    async (c) => c.json(await employers.logInteraction(deps, actorOf(c), c.req.valid('param').id, c.req.valid('json')), 201),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/employers/{id}/interactions',
      tags,
      summary: 'The engagement log, newest first',
      security,
      request: { params: IdParam, query: ListQuery },
      responses: { 200: json(pageOf(Interaction, 'InteractionPage'), 'A page of interactions'), ...errorResponses },
    }),
    async (c) => c.json(await employers.listInteractions(deps, actorOf(c), c.req.valid('param').id, c.req.valid('query')), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/employers/{id}/interactions/{interactionId}/follow-up-done',
      tags,
      summary: 'Mark a promised follow-up done',
      description: 'Once: it is then neither due nor overdue anywhere (the start page, the log, the sweeper). A second time is 409.',
      security,
      request: { params: IdParam.extend({ interactionId: Id.meta({ param: { name: 'interactionId', in: 'path' } }) }), ...noBody },
      responses: { 200: json(Interaction, 'The interaction, follow-up done'), ...writeErrorResponses },
    }),
    async (c) => {
      const { id, interactionId } = c.req.valid('param');
      return c.json(await employers.completeFollowUp(deps, actorOf(c), id, interactionId), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/callbacks',
      tags,
      summary: 'The 48-hour callbacks not yet made',
      description:
        'Vacancies employers posted themselves, for their account manager to call back within two working days (the caller’s employers; every employer’s for an admin), soonest due first. Logging an interaction with `vacancyId` set makes the call.',
      security,
      responses: {
        200: json(
          z.object({
            items: z
              .array(z.object({ callback: VacancyCallback, employer: z.object({ id: Id, name: Text(200) }), overdue: z.boolean() }))
              .max(employers.CALLBACKS_LISTED),
          }),
          'The open callbacks',
        ),
        ...errorResponses,
      },
    }),
    async (c) => c.json({ items: await employers.listCallbacksDue(deps, actorOf(c)) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/employers/{id}/pledges',
      tags,
      summary: 'Record a pledge',
      description: 'e.g. "20 jobs by 2027-03-31"; progress is derived from hires and sustained placements.',
      security,
      request: { params: IdParam, headers: IdempotencyHeader, ...jsonBody(PledgeCreate) },
      responses: { 201: json(Pledge, 'The pledge'), ...writeErrorResponses },
    }),
    async (c) => c.json(await employers.addPledge(deps, actorOf(c), c.req.valid('param').id, c.req.valid('json')), 201),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/employers/{id}/pledges',
      tags,
      summary: "An employer's pledges with progress",
      security,
      request: { params: IdParam },
      responses: { 200: json(z.object({ items: z.array(Pledge).max(MAX_PLEDGES) }), 'The pledges'), ...errorResponses },
    }),
    async (c) => c.json({ items: await employers.listPledges(deps, actorOf(c), c.req.valid('param').id) }, 200),
  );
}
