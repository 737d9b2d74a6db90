import { createRoute, z } from '@hono/zod-openapi';
import { AftercareDone, SupportChoice, SupportSchedule } from '../../../shared/domain/in-work-support.js';
import { CheckinInput, Placement } from '../../../shared/domain/submission.js';
import { Id, IsoDate, Int, Said } from '../../../shared/domain/common.js';
import { MILESTONES_MAX } from '../../../shared/domain/programmes.js';
import type { Deps } from '../../../shared/use-cases/deps.js';
import * as support from '../../../shared/use-cases/in-work-support.js';
import * as placements from '../../../shared/use-cases/placements.js';
import type { App } from '../env.js';
import { IdParam, actorOf, errorResponses, json, jsonBody, security, writeErrorResponses } from './common.js';

/** The schedule as read: each contact with its state today; a liaison officer sees the employer's aftercare only. */
const SupportView = SupportSchedule.partial({ status: true, contacts: true })
  .extend({
    contacts: z
      .array(SupportSchedule.shape.contacts.element.extend({ state: z.enum(['made', 'overdue', 'due', 'upcoming']) }))
      .max(20)
      .optional(),
  })
  .meta({ id: 'SupportScheduleView' });

const PlacementView = Placement.extend({
  checkins: z
    .array(Placement.shape.checkins.element.extend({ state: z.enum(['recorded', 'ended', 'overdue', 'due', 'upcoming']) }))
    .max(MILESTONES_MAX),
  support: SupportView.optional(),
}).meta({ id: 'PlacementView' });

const AftercareToDo = z
  .object({
    placementId: Id,
    vacancyId: Id,
    vacancyTitle: Said(200),
    employerId: Id,
    startDate: IsoDate,
    week: Int(1, 52),
    dueOn: IsoDate,
  })
  .meta({ id: 'AftercareToDo' });

const supportWho = 'Only the participant’s own adviser and admins (another adviser: 404; liaison officers and employers: 403).';

/** Placements, their sustainment check-ins and their in-work support. */
export function placementRoutes(app: App, deps: Deps): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/placements/{id}',
      tags: ['Placements'],
      summary: 'A placement with its check-ins (recorded, due, overdue, upcoming)',
      description:
        'With its in-work support schedule (each contact made, due, overdue or upcoming). A liaison officer sees only the employer-aftercare prompts of it.',
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
      summary: 'Record a check-in: 13 or 26 weeks, or another milestone of the placement’s outcome schedule',
      description:
        'Every placement has its 13- and 26-week check-ins; its programme and payment group may add a job outcome and sustainment points (docs/pipeline.md, "Outcome schedules"). A milestone not on the placement’s schedule, or evidence the programme does not accept for it, is 400 naming the field; one recorded already, or ended because an earlier check-in said they had left the job, is 409. Recording that they are not in work ends the schedule: the later milestones are ended and so is the in-work support.',
      security,
      request: { params: IdParam, ...jsonBody(CheckinInput) },
      responses: { 200: json(PlacementView, 'The placement'), ...writeErrorResponses },
    }),
    async (c) => c.json(await placements.recordCheckin(deps, actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/placements/{id}/support',
      tags: ['Placements'],
      summary: 'Choose the in-work support template',
      description: `standard, at-risk or light (docs/casework.md). Contacts already made or tried keep their record; the rest follow the template. Their consent is read afresh: someone who chose no contact in work has no schedule (status declined). Log each contact with POST /participants/{id}/contacts, naming placementId and supportDay. ${supportWho}`,
      security,
      request: { params: IdParam, ...jsonBody(SupportChoice) },
      responses: { 200: json(PlacementView, 'The placement with its schedule'), ...writeErrorResponses },
    }),
    async (c) => {
      const actor = actorOf(c);
      await support.chooseSupport(deps, actor, c.req.valid('param').id, c.req.valid('json'));
      return c.json(await placements.getPlacement(deps, actor, c.req.valid('param').id), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/placements/{id}/aftercare',
      tags: ['Placements'],
      summary: 'Record the employer aftercare of a week as done',
      description:
        'The liaison officer has been in touch with the employer about this placement after week 1 or week 4 (once it has come: otherwise 400; again: 409). Liaison officers and admins.',
      security,
      request: { params: IdParam, ...jsonBody(AftercareDone) },
      responses: { 200: json(PlacementView, 'The placement'), ...writeErrorResponses },
    }),
    async (c) => {
      const actor = actorOf(c);
      await support.markAftercareDone(deps, actor, c.req.valid('param').id, c.req.valid('json').week);
      return c.json(await placements.getPlacement(deps, actor, c.req.valid('param').id), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/me/aftercare',
      tags: ['Placements'],
      summary: 'My employer-aftercare prompts that have come',
      description: `The calling liaison officer's placements whose week-1 or week-4 employer aftercare is due and not done, oldest first (at most ${support.AFTERCARE_LISTED}). No participant's name. Liaison officers and admins.`,
      security,
      responses: {
        200: json(z.object({ items: z.array(AftercareToDo).max(support.AFTERCARE_LISTED) }).meta({ id: 'AftercareList' }), 'The prompts'),
        ...errorResponses,
      },
    }),
    async (c) => c.json({ items: await support.aftercareToDo(deps, actorOf(c)) }, 200),
  );
}
