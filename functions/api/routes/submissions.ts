import { createRoute, z } from '@hono/zod-openapi';
import { Cursor, Id, IsoDate, IsoDateTime, ListQuery, Said, Text, Version } from '../../../shared/domain/common.js';
import {
  AgreementInput,
  CandidateRef,
  DecisionInput,
  EmployerView,
  GUARANTEE_SOURCES,
  GuaranteeOverrideInput,
  InterviewInput,
  OFFER_DECLINE_REASONS,
  OfferInput,
  OfferResponseInput,
  OutcomeInput,
  TRIAL_FAIL_REASONS,
  TrialInput,
  TrialResultInput,
  Placement,
  Submission,
  SubmissionCreate,
  SubmissionState,
} from '../../../shared/domain/submission.js';
import { PIPELINE } from '../../../shared/domain/pipeline-rules.js';
import type { Deps } from '../../../shared/use-cases/deps.js';
import * as offers from '../../../shared/use-cases/offers.js';
import * as submissions from '../../../shared/use-cases/submissions.js';
import type { App } from '../env.js';
import { IdParam, IdempotencyHeader, actorOf, errorResponses, json, jsonBody, security, writeErrorResponses } from './common.js';

/** What employer users get instead of the full record: the frozen consented view, no ids of people. */
const EmployerSubmission = z
  .object({
    id: Id,
    candidateRef: CandidateRef,
    vacancyId: Id,
    vacancyTitle: Text(200),
    state: SubmissionState,
    guaranteedInterview: z.boolean(),
    guarantee: z
      .object({
        source: z.enum(GUARANTEE_SOURCES).optional(),
        cohortTitle: Text(200).optional(),
        meetsMustHaves: z.boolean().optional(),
        lifted: z.boolean(),
        mayReject: z.boolean(),
        why: Said(1000),
      })
      .optional()
      .describe('Why the candidate is guaranteed an interview, in words, and whether you may reject them without one'),
    candidate: EmployerView,
    respondBy: IsoDate.optional(),
    decision: Submission.shape.decision,
    interview: z.object({ at: IsoDateTime, place: Submission.shape.interview.unwrap().shape.place }).optional(),
    trial: z
      .object({
        startsOn: IsoDate,
        endsOn: IsoDate,
        place: Text(300),
        result: z.object({ passed: z.boolean(), reasonCode: z.enum(TRIAL_FAIL_REASONS).optional() }).optional(),
      })
      .optional()
      .describe('The work trial, if one was arranged, and how it went'),
    offer: z
      .object({
        startDate: IsoDate.optional(),
        respondBy: IsoDate,
        response: z.object({ accepted: z.boolean(), reasonCode: z.enum(OFFER_DECLINE_REASONS).optional() }).optional(),
      })
      .optional()
      .describe('The job offer, if one was made, and the answer (a reason code, never the note)'),
    outcome: z.object({ outcome: Submission.shape.outcome.unwrap().shape.outcome, startDate: IsoDate.optional() }).optional(),
    version: Version,
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
      responses: {
        201: json(z.object({ items: z.array(Submission).max(PIPELINE.maxPerRequest) }), 'The proposals'),
        ...writeErrorResponses,
      },
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
        200: json(z.object({ items: z.array(SubmissionView).max(100), nextCursor: Cursor.nullable() }), 'A page of submissions'),
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
      path: '/submissions/{id}/trial',
      tags,
      summary: 'Arrange a work trial after the interview (employer, liaison, admin)',
      description:
        'From `interview` to `trial`, with its first and last days (at most 42 days) and where; again while it is arranged, to change it. ' +
        'The adviser and the liaison officer are told; the day after its last day the employer and the liaison officer are asked how it went.',
      security,
      request: { params: IdParam, ...jsonBody(TrialInput) },
      responses: { 200: json(SubmissionView, 'The submission'), ...writeErrorResponses },
    }),
    async (c) => {
      const actor = actorOf(c);
      return c.json(submissions.viewFor(actor, await offers.scheduleTrial(deps, actor, c.req.valid('param').id, c.req.valid('json'))), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/submissions/{id}/trial-result',
      tags,
      summary: 'How the work trial went: passed, or failed with a reason code',
      description:
        'Once the trial has begun. `passed` moves to `trial-passed` (then an offer, or a hire); `failed` needs a `reasonCode` and ends the submission (`trial-failed`), freeing its shortlist place. The adviser and the liaison officer are told.',
      security,
      request: { params: IdParam, ...jsonBody(TrialResultInput) },
      responses: { 200: json(SubmissionView, 'The submission'), ...writeErrorResponses },
    }),
    async (c) => {
      const actor = actorOf(c);
      return c.json(
        submissions.viewFor(actor, await offers.recordTrialResult(deps, actor, c.req.valid('param').id, c.req.valid('json'))),
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/submissions/{id}/offer',
      tags,
      summary: 'Offer the job (employer, liaison, admin)',
      description:
        'After the interview or a passed trial, while the vacancy has a position left: `offered`, with the start date proposed and the day the answer is due (`respondBy`, by default 5 working days on, at most 30 days). ' +
        'A reminder goes on that day and an offer still unanswered 5 working days later lapses (`offer-declined`, reason `no-response`). The adviser and the liaison officer are told.',
      security,
      request: { params: IdParam, ...jsonBody(OfferInput) },
      responses: { 200: json(SubmissionView, 'The submission'), ...writeErrorResponses },
    }),
    async (c) => {
      const actor = actorOf(c);
      return c.json(submissions.viewFor(actor, await offers.makeOffer(deps, actor, c.req.valid('param').id, c.req.valid('json'))), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/submissions/{id}/offer-response',
      tags,
      summary: "The participant's answer to the offer (their own adviser, the employer, liaison, admin)",
      description:
        '`accepted: true` moves to `offer-accepted`: the hire follows with `POST /submissions/{id}/outcome` and the start date. `accepted: false` needs a `reasonCode` and ends the submission (`offer-declined`); turning an offer down never counts against the participant. ' +
        'The adviser, the liaison officer and the employer are told (the employer by reason code only).',
      security,
      request: { params: IdParam, ...jsonBody(OfferResponseInput) },
      responses: { 200: json(SubmissionView, 'The submission'), ...writeErrorResponses },
    }),
    async (c) => {
      const actor = actorOf(c);
      return c.json(
        submissions.viewFor(actor, await offers.respondToOffer(deps, actor, c.req.valid('param').id, c.req.valid('json'))),
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
        'A hire creates the placement with 13- and 26-week check-ins, marks the participant placed and fills the vacancy when its positions are used, in one transaction. ' +
        'A hire is recorded after the interview, after a work trial that went well, or once an offer is accepted (an offer waiting for its answer is answered first); not hired from the same states and from an offer not yet answered (`offer-withdrawn`); withdrawn from any live state.',
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
