import { createRoute, z } from '@hono/zod-openapi';
import { BenefitCircumstances, BenefitCircumstancesRecord } from '../../../shared/domain/better-off.js';
import { Decimal, HoursRange, Id, Int, Said } from '../../../shared/domain/common.js';
import { Wage } from '../../../shared/domain/vacancy.js';
import * as betterOff from '../../../shared/use-cases/better-off.js';
import type { Deps } from '../../../shared/use-cases/deps.js';
import type { App } from '../env.js';
import { IdParam, actorOf, errorResponses, json, jsonBody, security, writeErrorResponses } from './common.js';

const tags = ['Better off in work'];
const who =
  'Their circumstances are part of the sensitive part: only the participant’s own adviser and admins (another adviser: 404; liaison officers and employers: 403), and each read and write is in their audit trail.';

const Money = Decimal(-100_000, 100_000);
const Estimate = z
  .object({
    taxYear: Said(10),
    grossWeekly: Money,
    incomeTaxWeekly: Money,
    nationalInsuranceWeekly: Money,
    netPayWeekly: Money,
    netPayMonthly: Money,
    universalCreditMonthlyOutOfWork: Money,
    workAllowanceMonthly: Money,
    earningsReductionMonthly: Money,
    universalCreditMonthlyInWork: Money,
    universalCreditWeeklyInWork: Money,
    inWorkWeekly: Money,
    outOfWorkWeekly: Money,
    differenceWeekly: Money,
  })
  .meta({ id: 'BetterOffEstimate' });

const BetterOffView = z
  .object({
    participantId: Id,
    vacancy: z.object({ id: Id, title: Said(200), wage: Wage, hoursPerWeek: HoursRange }),
    hours: Int(1, 84),
    circumstances: BenefitCircumstancesRecord.optional(),
    estimate: Estimate.optional(),
    /** Why there is no estimate. */
    noEstimate: Said(200).optional(),
    assumptions: z.array(Said(400)).max(20),
    taxYear: Said(10),
    sources: z.array(z.object({ title: Said(200), url: Said(300) })).max(10),
  })
  .meta({ id: 'BetterOffView' });

const EstimateQuery = z.object({
  vacancyId: Id,
  hours: z.coerce.number().int().min(1).max(84).optional().meta({ format: 'int32' }),
});

/** The better-off estimate for a vacancy the adviser is considering, and the circumstances it needs. */
export function betterOffRoutes(app: App, deps: Deps): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/participants/{id}/better-off',
      tags,
      summary: 'Estimate whether a participant would be better off in a job',
      description: `For the vacancy \`vacancyId\` at \`hours\` a week (its most hours unless said): weekly pay less Income Tax and employee National Insurance, plus the Universal Credit left after the work allowance and the 55% taper, against Universal Credit out of work, with the tax year, the official sources and the assumptions. An estimate, never advice; matching never uses it. Without their circumstances recorded there is no estimate (\`noEstimate\` says why). ${who}`,
      security,
      request: { params: IdParam, query: EstimateQuery },
      responses: { 200: json(BetterOffView, 'The estimate, or why there is none'), ...errorResponses },
    }),
    async (c) => c.json(await betterOff.estimateBetterOff(deps, actorOf(c), c.req.valid('param').id, c.req.valid('query')), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/participants/{id}/benefit-circumstances',
      tags,
      summary: 'The circumstances the better-off estimate uses',
      description: `Single or a couple, age band, children, limited capability for work, housing costs in their Universal Credit, and its other elements a month; null until recorded. ${who}`,
      security,
      request: { params: IdParam },
      responses: {
        200: json(
          z.object({ circumstances: BenefitCircumstancesRecord.nullable() }).meta({ id: 'BenefitCircumstancesView' }),
          'As recorded',
        ),
        ...errorResponses,
      },
    }),
    async (c) => c.json({ circumstances: await betterOff.getBenefitCircumstances(deps, actorOf(c), c.req.valid('param').id) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/participants/{id}/benefit-circumstances',
      tags,
      summary: 'Record the circumstances the better-off estimate uses',
      description: `Replaces them; the rest of the sensitive part is kept as it is. ${who}`,
      security,
      request: { params: IdParam, ...jsonBody(BenefitCircumstances) },
      responses: { 200: json(BenefitCircumstancesRecord, 'As recorded'), ...writeErrorResponses },
    }),
    async (c) => c.json(await betterOff.putBenefitCircumstances(deps, actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
}
