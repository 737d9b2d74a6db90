import { createRoute, z } from '@hono/zod-openapi';
import { Id, ListQuery } from '../../../shared/domain/common.js';
import {
  AgreementInput,
  CheckinInput,
  DecisionInput,
  EmployerView,
  InterviewInput,
  Notification,
  OutcomeInput,
  Placement,
  Submission,
  SubmissionCreate,
  SubmissionState,
} from '../../../shared/domain/submission.js';
import type { Deps } from '../../../shared/use-cases/deps.js';
import * as notifications from '../../../shared/use-cases/notifications.js';
import * as placements from '../../../shared/use-cases/placements.js';
import * as reports from '../../../shared/use-cases/reports.js';
import * as submissions from '../../../shared/use-cases/submissions.js';
import type { Context } from 'hono';
import type { App, AppEnv } from '../env.js';
import { IdParam, IdempotencyHeader, actorOf, errorResponses, json, jsonBody, noBody, security, writeErrorResponses } from './common.js';

/** What employer users get instead of the full record: the frozen consented view, no ids of people. */
const EmployerSubmission = z
  .object({
    id: z.string(),
    candidateRef: z.string(),
    vacancyId: z.string(),
    vacancyTitle: z.string(),
    state: SubmissionState,
    guaranteedInterview: z.boolean(),
    candidate: EmployerView,
    respondBy: z.string().optional(),
    decision: z.unknown().optional(),
    interview: z.object({ at: z.string(), place: z.string() }).optional(),
    outcome: z.object({ outcome: z.string(), startDate: z.string().optional() }).optional(),
    version: z.number(),
  })
  .meta({ id: 'EmployerSubmission' });
const SubmissionView = z.union([Submission, EmployerSubmission]).meta({ id: 'SubmissionView' });
const PlacementView = Placement.extend({
  checkins: z.array(Placement.shape.checkins.element.extend({ state: z.enum(['recorded', 'overdue', 'due', 'upcoming']) })),
}).meta({ id: 'PlacementView' });

const tags = ['Submissions'];
const FromTo = z.object({
  from: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'must be a month as YYYY-MM' }).optional(),
  to: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'must be a month as YYYY-MM' }).optional(),
});

export function submissionRoutes(app: App, deps: Deps): void {
  app.openapi(
    createRoute({
      method: 'post',
      path: '/vacancies/{id}/submissions',
      tags,
      summary: 'Put candidates forward (liaison, admin)',
      description:
        'All or nothing: if anyone cannot be put forward, nobody is, and each refusal is named. Each starts `proposed`: the adviser must agree before the employer sees them. ' +
        'A vacancy holds at most 5 live submissions per position.',
      security,
      request: { params: IdParam, headers: IdempotencyHeader, ...jsonBody(SubmissionCreate) },
      responses: { 201: json(z.object({ items: z.array(Submission) }), 'The proposals'), ...writeErrorResponses },
    }),
    async (c) => c.json({ items: await submissions.propose(deps, actorOf(c), c.req.valid('param').id, c.req.valid('json')) }, 201),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/vacancies/{id}/submissions',
      tags,
      summary: "A vacancy's submissions",
      description: 'Employer users see only candidates their advisers agreed to, as the consented view.',
      security,
      request: { params: IdParam, query: ListQuery },
      responses: { 200: json(z.object({ items: z.array(SubmissionView), nextCursor: z.string().nullable() }), 'A page of submissions'), ...errorResponses },
    }),
    async (c) => c.json(await submissions.listForVacancy(deps, actorOf(c), c.req.valid('param').id, c.req.valid('query')), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/submissions/{id}',
      tags,
      summary: 'Read a submission (as your role may see it)',
      security,
      request: { params: IdParam },
      responses: { 200: json(SubmissionView, 'The submission'), ...errorResponses },
    }),
    async (c) => c.json(await submissions.getSubmission(deps, actorOf(c), c.req.valid('param').id), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/submissions/{id}/agreement',
      tags,
      summary: "The participant's answer, recorded by their own adviser",
      description: 'Agreed: the employer now sees the consented view, frozen at this moment. Declined: the place is freed and the liaison officer told why.',
      security,
      request: { params: IdParam, ...jsonBody(AgreementInput) },
      responses: { 200: json(Submission, 'The submission'), ...writeErrorResponses },
    }),
    async (c) => c.json(await submissions.recordAgreement(deps, actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/submissions/{id}/decision',
      tags,
      summary: "The employer's decision: interview, or reject with a reason",
      security,
      request: { params: IdParam, ...jsonBody(DecisionInput) },
      responses: { 200: json(SubmissionView, 'The submission'), ...writeErrorResponses },
    }),
    async (c) => {
      const actor = actorOf(c);
      return c.json(submissions.viewFor(actor, await submissions.recordDecision(deps, actor, c.req.valid('param').id, c.req.valid('json'))), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/submissions/{id}/interview',
      tags,
      summary: 'Book the interview',
      security,
      request: { params: IdParam, ...jsonBody(InterviewInput) },
      responses: { 200: json(SubmissionView, 'The submission'), ...writeErrorResponses },
    }),
    async (c) => {
      const actor = actorOf(c);
      return c.json(submissions.viewFor(actor, await submissions.bookInterview(deps, actor, c.req.valid('param').id, c.req.valid('json'))), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/submissions/{id}/outcome',
      tags,
      summary: 'The outcome: hired (with a start date), not hired (with a reason), or withdrawn',
      description: 'A hire creates the placement with 13- and 26-week check-ins, marks the participant placed and fills the vacancy when its positions are used, in one transaction.',
      security,
      request: { params: IdParam, ...jsonBody(OutcomeInput) },
      responses: { 200: json(z.object({ submission: SubmissionView, placement: Placement.optional() }), 'The submission (and placement)'), ...writeErrorResponses },
    }),
    async (c) => {
      const actor = actorOf(c);
      const out = await submissions.recordOutcome(deps, actor, c.req.valid('param').id, c.req.valid('json'));
      const placement = actor.role === 'employer' ? undefined : out.placement;
      return c.json({ submission: submissions.viewFor(actor, out.submission), ...(placement ? { placement } : {}) }, 200);
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
        201: json(z.object({ submissions: z.array(Submission), skipped: z.array(z.object({ participantId: z.string(), reason: z.string() })) }), 'Proposed, and who was skipped'),
        ...writeErrorResponses,
      },
    }),
    async (c) => c.json(await submissions.putCohortForward(deps, actorOf(c), c.req.valid('param').id, c.req.valid('json').vacancyId), 201),
  );

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

  app.openapi(
    createRoute({
      method: 'get',
      path: '/notifications',
      tags: ['Notifications'],
      summary: 'Your in-app inbox, newest first',
      security,
      request: { query: ListQuery.extend({ unread: z.enum(['true', 'false']).transform((v) => v === 'true').optional() }) },
      responses: { 200: json(z.object({ items: z.array(Notification), nextCursor: z.string().nullable() }), 'A page of notifications'), ...errorResponses },
    }),
    async (c) => c.json(await notifications.listNotifications(deps, actorOf(c), c.req.valid('query')), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/notifications/{id}/read',
      tags: ['Notifications'],
      summary: 'Mark one of your notifications read',
      security,
      request: { params: z.object({ id: z.string().min(1).max(64) }), ...noBody },
      responses: { 200: json(Notification, 'The notification'), ...errorResponses },
    }),
    async (c) => c.json(await notifications.markRead(deps, actorOf(c), c.req.valid('param').id), 200),
  );

  const csvOr = (c: Context<AppEnv>, rows: Record<string, unknown>[], body: unknown) =>
    (c.req.header('accept') ?? '').includes('text/csv') ? c.body(reports.toCsv(rows), 200, { 'Content-Type': 'text/csv; charset=utf-8' }) : c.json(body, 200);

  app.openapi(
    createRoute({
      method: 'get',
      path: '/reports/funnel',
      tags: ['Reports'],
      summary: 'From engagement to 26-week sustainment, with conversion ratios',
      description: 'Months `from`–`to` (YYYY-MM; the last 12 by default). `Accept: text/csv` for a spreadsheet.',
      security,
      request: { query: FromTo },
      responses: { 200: { description: 'The funnel (JSON or CSV)', content: { 'application/json': { schema: z.record(z.string(), z.unknown()) }, 'text/csv': { schema: z.string() } } }, ...errorResponses },
    }),
    async (c) => {
      const r = await reports.funnelReport(deps, actorOf(c), c.req.valid('query'));
      return csvOr(c as never, [r], r) as never;
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/reports/fairness',
      tags: ['Reports'],
      summary: 'The funnel by participant group: long-term unemployed or not, readiness band, adviser',
      description: 'So managers can see creaming and parking. `Accept: text/csv` for a spreadsheet.',
      security,
      request: { query: FromTo },
      responses: { 200: { description: 'The split funnel (JSON or CSV)', content: { 'application/json': { schema: z.record(z.string(), z.unknown()) }, 'text/csv': { schema: z.string() } } }, ...errorResponses },
    }),
    async (c) => {
      const r = await reports.fairnessReport(deps, actorOf(c), c.req.valid('query'));
      const rows = [
        ...r.longTermUnemployed.map((g) => ({ dimension: 'longTermUnemployed', ...g })),
        ...r.readiness.map((g) => ({ dimension: 'readiness', ...g })),
        ...r.adviser.map((g) => ({ dimension: 'adviser', ...g })),
      ];
      return csvOr(c as never, rows, r) as never;
    },
  );
}
