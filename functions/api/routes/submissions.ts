import { createRoute, z } from '@hono/zod-openapi';
import { ListQuery } from '../../../shared/domain/common.js';
import {
  AgreementInput,
  DecisionInput,
  EmployerView,
  GUARANTEE_SOURCES,
  GuaranteeOverrideInput,
  InterviewInput,
  OutcomeInput,
  Placement,
  Submission,
  SubmissionCreate,
  SubmissionState,
} from '../../../shared/domain/submission.js';
import type { Deps } from '../../../shared/use-cases/deps.js';
import * as submissions from '../../../shared/use-cases/submissions.js';
import type { App } from '../env.js';
import { IdParam, IdempotencyHeader, actorOf, errorResponses, json, jsonBody, security, writeErrorResponses } from './common.js';

/** What employer users get instead of the full record: the frozen consented view, no ids of people. */
const EmployerSubmission = z
  .object({
    id: z.string(),
    candidateRef: z.string(),
    vacancyId: z.string(),
    vacancyTitle: z.string(),
    state: SubmissionState,
    guaranteedInterview: z.boolean(),
    guarantee: z
      .object({
        source: z.enum(GUARANTEE_SOURCES).optional(),
        cohortTitle: z.string().optional(),
        meetsMustHaves: z.boolean().optional(),
        lifted: z.boolean(),
        mayReject: z.boolean(),
        why: z.string(),
      })
      .optional()
      .describe('Why the candidate is guaranteed an interview, in words, and whether you may reject them without one'),
    candidate: EmployerView,
    respondBy: z.string().optional(),
    decision: z.unknown().optional(),
    interview: z.object({ at: z.string(), place: z.string() }).optional(),
    outcome: z.object({ outcome: z.string(), startDate: z.string().optional() }).optional(),
    version: z.number(),
  })
  .meta({ id: 'EmployerSubmission' });
const SubmissionView = z.union([Submission, EmployerSubmission]).meta({ id: 'SubmissionView' });

const tags = ['Submissions'];

export function submissionRoutes(app: App, deps: Deps): void {
  app.openapi(
    createRoute({
      method: 'post',
      path: '/vacancies/{id}/submissions',
      tags,
      summary: 'Put candidates forward (liaison, admin)',
      description:
        'All or nothing: if anyone cannot be put forward, nobody is, and each refusal is named. Each starts `proposed`: the adviser must agree before the employer sees them. ' +
        'A vacancy holds at most 5 live submissions per position. ' +
        'Each records whether the candidate is guaranteed an interview and why (`guaranteedInterview`, `guarantee`: the vacancy offers one, or they completed a linked cohort that does) and whether they meet its must-haves.',
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
      responses: {
        200: json(z.object({ items: z.array(SubmissionView), nextCursor: z.string().nullable() }), 'A page of submissions'),
        ...errorResponses,
      },
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
      description:
        'Agreed: the employer now sees the consented view, frozen at this moment. Declined: the place is freed and the liaison officer told why.',
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
      description:
        'A candidate guaranteed an interview (`guaranteedInterview`, and `guarantee` says why: the vacancy offers one, or they completed linked training that does) ' +
        'who met the must-haves cannot be rejected without an interview: `reject` is refused with 422 naming the rule (`rule: "guaranteed-interview"`, field `decision`) ' +
        'unless a liaison officer has first recorded an override with a reason (`POST /submissions/{id}/guarantee-override`). ' +
        "The employer's view says so before they try: `guarantee.mayReject` is false and `guarantee.why` says why.",
      security,
      request: { params: IdParam, ...jsonBody(DecisionInput) },
      responses: { 200: json(SubmissionView, 'The submission'), ...writeErrorResponses },
    }),
    async (c) => {
      const actor = actorOf(c);
      return c.json(
        submissions.viewFor(actor, await submissions.recordDecision(deps, actor, c.req.valid('param').id, c.req.valid('json'))),
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/submissions/{id}/guarantee-override',
      tags,
      summary: 'Lift a guaranteed interview, with a reason (liaison, admin)',
      description:
        'For a submitted candidate whose guaranteed interview binds (they met the must-haves): the employer may then reject them without an interview. ' +
        "Once per submission, before the employer decides; the reason is kept in the submission's history, and the employer's inbox and the adviser are told.",
      security,
      request: { params: IdParam, ...jsonBody(GuaranteeOverrideInput) },
      responses: { 200: json(Submission, 'The submission'), ...writeErrorResponses },
    }),
    async (c) => c.json(await submissions.overrideGuarantee(deps, actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
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
      return c.json(
        submissions.viewFor(actor, await submissions.bookInterview(deps, actor, c.req.valid('param').id, c.req.valid('json'))),
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/submissions/{id}/outcome',
      tags,
      summary: 'The outcome: hired (with a start date), not hired (with a reason), or withdrawn',
      description:
        'A hire creates the placement with 13- and 26-week check-ins, marks the participant placed and fills the vacancy when its positions are used, in one transaction.',
      security,
      request: { params: IdParam, ...jsonBody(OutcomeInput) },
      responses: {
        200: json(z.object({ submission: SubmissionView, placement: Placement.optional() }), 'The submission (and placement)'),
        ...writeErrorResponses,
      },
    }),
    async (c) => {
      return c.json(await submissions.recordOutcome(deps, actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200);
    },
  );
}
