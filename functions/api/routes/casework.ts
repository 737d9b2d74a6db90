import { createRoute, z } from '@hono/zod-openapi';
import { Id, ListQuery, pageOf } from '../../../shared/domain/common.js';
import {
  ActionPlanView,
  Appointment,
  AppointmentInput,
  CaseContact,
  ContactInput,
  PlanBarriersInput,
  PlanGoal,
  PlanGoalChange,
  PlanGoalInput,
  PlanJobsInput,
  PlanStep,
  PlanStepChange,
  PlanStepInput,
} from '../../../shared/domain/casework.js';
import * as plans from '../../../shared/use-cases/action-plans.js';
import * as contacts from '../../../shared/use-cases/contacts.js';
import type { Deps } from '../../../shared/use-cases/deps.js';
import type { App } from '../env.js';
import { IdParam, IdempotencyHeader, actorOf, errorResponses, json, jsonBody, noBody, security, writeErrorResponses } from './common.js';

const tags = ['Casework'];
const who =
  'Only the participant’s own adviser and admins (anyone else: 404, liaison officers and employers: 403). The notes are personal data: each read and write is in the audit trail.';

const AppointmentParams = IdParam.extend({
  appointmentId: Id.meta({ param: { name: 'appointmentId', in: 'path' } }),
});

const StepParams = IdParam.extend({
  stepId: Id.meta({ param: { name: 'stepId', in: 'path' } }),
});

const GoalParams = IdParam.extend({
  goalId: Id.meta({ param: { name: 'goalId', in: 'path' } }),
});

/** Contacts with a participant, the appointments planned with them, and their action plan. */
export function caseworkRoutes(app: App, deps: Deps): void {
  app.openapi(
    createRoute({
      method: 'post',
      path: '/participants/{id}/contacts',
      tags,
      summary: 'Log a contact with a participant',
      description: `An appointment or other contact, attended (reached) or not, by which channel, with a note; one that records a planned appointment (\`appointmentId\`) closes it. Not in the future. ${who}`,
      security,
      request: { params: IdParam, headers: IdempotencyHeader, ...jsonBody(ContactInput) },
      responses: { 201: json(CaseContact, 'The contact as logged'), ...writeErrorResponses },
    }),
    async (c) => {
      const out = await contacts.logContact(deps, actorOf(c), c.req.valid('param').id, c.req.valid('json'));
      return c.json(out, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/participants/{id}/contacts',
      tags,
      summary: 'A participant’s contacts, latest first',
      description: who,
      security,
      request: { params: IdParam, query: ListQuery },
      responses: {
        200: json(pageOf(CaseContact, 'CaseContactPage'), 'A page of contacts'),
        ...errorResponses,
      },
    }),
    async (c) => c.json(await contacts.listContacts(deps, actorOf(c), c.req.valid('param').id, c.req.valid('query')), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/participants/{id}/appointments',
      tags,
      summary: 'Plan an appointment with a participant',
      description: `In the future; the adviser is reminded the day before (unless it is planned less than a day ahead). ${who}`,
      security,
      request: { params: IdParam, headers: IdempotencyHeader, ...jsonBody(AppointmentInput) },
      responses: { 201: json(Appointment, 'The appointment as planned'), ...writeErrorResponses },
    }),
    async (c) => c.json(await contacts.planAppointment(deps, actorOf(c), c.req.valid('param').id, c.req.valid('json')), 201),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/participants/{id}/appointments',
      tags,
      summary: 'A participant’s appointments, soonest first',
      description: `Planned, recorded (with the contact that recorded it) and cancelled. ${who}`,
      security,
      request: { params: IdParam },
      responses: {
        200: json(z.object({ items: z.array(Appointment) }).meta({ id: 'AppointmentList' }), 'Their appointments'),
        ...errorResponses,
      },
    }),
    async (c) => c.json({ items: await contacts.listAppointments(deps, actorOf(c), c.req.valid('param').id) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/participants/{id}/appointments/{appointmentId}/cancel',
      tags,
      summary: 'Cancel a planned appointment',
      description: `No reminder goes. One already recorded or cancelled is a 409. ${who}`,
      security,
      request: { params: AppointmentParams, ...noBody },
      responses: { 200: json(Appointment, 'The appointment, cancelled'), ...writeErrorResponses },
    }),
    async (c) => {
      const { id, appointmentId } = c.req.valid('param');
      return c.json(await contacts.cancelAppointment(deps, actorOf(c), id, appointmentId), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/participants/{id}/action-plan',
      tags,
      summary: 'A participant’s action plan',
      description: `The steps agreed with them (what, who, by when, done), in the order added, and when the plan was last reviewed (a contact that reviewed it). No steps yet: an empty plan without stamps. ${who}`,
      security,
      request: { params: IdParam },
      responses: { 200: json(ActionPlanView, 'Their action plan'), ...errorResponses },
    }),
    async (c) => c.json(await plans.getPlan(deps, actorOf(c), c.req.valid('param').id), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/participants/{id}/action-plan/steps',
      tags,
      summary: 'Add a step to a participant’s action plan',
      description: `What will be done, who takes it (the participant, their adviser, or both together) and by when (today or later); optionally the goal it works towards (one of the plan’s: else 400 naming \`goalId\`) and the barrier it addresses. A plan holds at most 40 steps (then 409). ${who}`,
      security,
      request: { params: IdParam, headers: IdempotencyHeader, ...jsonBody(PlanStepInput) },
      responses: { 201: json(PlanStep, 'The step as added'), ...writeErrorResponses },
    }),
    async (c) => c.json(await plans.addStep(deps, actorOf(c), c.req.valid('param').id, c.req.valid('json')), 201),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/participants/{id}/action-plan/steps/{stepId}',
      tags,
      summary: 'Mark a step of the action plan done, or not done',
      description: `Who changed it and when are kept on the step and in the audit trail; the same answer again changes nothing. ${who}`,
      security,
      request: { params: StepParams, ...jsonBody(PlanStepChange) },
      responses: { 200: json(PlanStep, 'The step as it now is'), ...writeErrorResponses },
    }),
    async (c) => {
      const { id, stepId } = c.req.valid('param');
      return c.json(await plans.changeStep(deps, actorOf(c), id, stepId, c.req.valid('json')), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/participants/{id}/action-plan/goals',
      tags,
      summary: 'Add a goal to a participant’s action plan',
      description: `What they are working towards, and by when if a date was agreed (today or later). A plan holds at most 10 goals (then 409). Kept in the plan’s history with who and when. ${who}`,
      security,
      request: { params: IdParam, headers: IdempotencyHeader, ...jsonBody(PlanGoalInput) },
      responses: { 201: json(PlanGoal, 'The goal as added'), ...writeErrorResponses },
    }),
    async (c) => c.json(await plans.addGoal(deps, actorOf(c), c.req.valid('param').id, c.req.valid('json')), 201),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/participants/{id}/action-plan/goals/{goalId}',
      tags,
      summary: 'Mark a goal of the action plan achieved, or not achieved',
      description: `Who changed it and when are kept on the goal, in the plan’s history and in the audit trail; the same answer again changes nothing. ${who}`,
      security,
      request: { params: GoalParams, ...jsonBody(PlanGoalChange) },
      responses: { 200: json(PlanGoal, 'The goal as it now is'), ...writeErrorResponses },
    }),
    async (c) => {
      const { id, goalId } = c.req.valid('param');
      return c.json(await plans.changeGoal(deps, actorOf(c), id, goalId, c.req.valid('json')), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/participants/{id}/action-plan/barriers',
      tags,
      summary: 'Set the barriers a participant’s action plan addresses',
      description: `The whole list from the fixed vocabulary (it replaces the last; an empty list clears it). Kept in the plan’s history with who and when. ${who}`,
      security,
      request: { params: IdParam, ...jsonBody(PlanBarriersInput) },
      responses: { 200: json(ActionPlanView, 'The plan as it now is'), ...writeErrorResponses },
    }),
    async (c) => c.json(await plans.setBarriers(deps, actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/participants/{id}/action-plan/jobs',
      tags,
      summary: 'Set the ideal and transitional jobs of a participant’s action plan',
      description: `The job they aspire to (up to 3) and the jobs on the way to it (up to 5), as occupations. They feed the participant’s preferred occupations in the same write (a job taken off the plan comes off them, a new one goes on), so matching follows the plan; more than 20 occupations in all is a 400. Kept in the plan’s history with who and when. ${who}`,
      security,
      request: { params: IdParam, ...jsonBody(PlanJobsInput) },
      responses: { 200: json(ActionPlanView, 'The plan as it now is'), ...writeErrorResponses },
    }),
    async (c) => c.json(await plans.setJobs(deps, actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
}
