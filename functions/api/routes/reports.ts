import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Deps } from '../../../shared/use-cases/deps.js';
import * as caseworkReport from '../../../shared/use-cases/casework-report.js';
import * as reports from '../../../shared/use-cases/reports.js';
import type { App, AppEnv } from '../env.js';
import { actorOf, errorResponses, security } from './common.js';

const FromTo = z.object({
  from: z
    .string()
    .max(7)
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'must be a month as YYYY-MM' })
    .optional(),
  to: z
    .string()
    .max(7)
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'must be a month as YYYY-MM' })
    .optional(),
});

/** What every report answers: JSON or, for `Accept: text/csv`, a spreadsheet; and the shared errors. */
const reportResponses = {
  200: {
    description: 'The report (JSON or CSV)',
    content: { 'application/json': { schema: z.record(z.string(), z.unknown()) }, 'text/csv': { schema: z.string() } },
  },
  ...errorResponses,
};

/** Management information: the funnel and its split by participant group, as JSON or CSV. */
export function reportRoutes(app: App, deps: Deps): void {
  /** A spreadsheet for `Accept: text/csv`, else JSON: the one representation choice both reports make. */
  const csvOr = (c: Context<AppEnv>, rows: Record<string, unknown>[], body: Record<string, unknown>): Response =>
    (c.req.header('accept') ?? '').includes('text/csv')
      ? c.body(reports.toCsv(rows), 200, { 'Content-Type': 'text/csv; charset=utf-8' })
      : c.json(body, 200);

  /**
   * One report route: its declaration (the period, JSON or CSV, the shared errors) and its handler (the
   * use case, then the rows its spreadsheet has), the same for every report.
   */
  const report = <R extends Record<string, unknown>>(
    path: string,
    summary: string,
    description: string,
    run: (deps: Deps, actor: ReturnType<typeof actorOf>, period: z.infer<typeof FromTo>) => Promise<R>,
    rows: (r: R) => Record<string, unknown>[],
  ) =>
    app.openapi(
      createRoute({
        method: 'get',
        path,
        tags: ['Reports'],
        summary,
        description: `${description} Months \`from\`–\`to\` (YYYY-MM; the last 12 by default). \`Accept: text/csv\` for a spreadsheet.`,
        security,
        request: { query: FromTo },
        responses: reportResponses,
      }),
      async (c) => {
        const r = await run(deps, actorOf(c), c.req.valid('query'));
        return csvOr(c, rows(r), r);
      },
    );

  report(
    '/reports/funnel',
    'From engagement to 26-week sustainment, with conversion ratios',
    'Employers engaged, vacancies opened, candidates put forward, submitted, interviewed and hired, and in work at 13 and 26 weeks.',
    reports.funnelReport,
    (r) => [r],
  );

  report(
    '/reports/fairness',
    'The funnel by participant group: long-term unemployed or not, readiness band, adviser',
    'So managers can see creaming and parking.',
    reports.fairnessReport,
    (r) => [
      ...r.longTermUnemployed.map((g) => ({ dimension: 'longTermUnemployed', ...g })),
      ...r.readiness.map((g) => ({ dimension: 'readiness', ...g })),
      ...r.adviser.map((g) => ({ dimension: 'adviser', ...g })),
    ],
  );

  report(
    '/reports/payment-groups',
    'Outcomes by payment group',
    'The funnel for each Work Programme payment group (`none`: not recorded), as facts about results: the payment group never touches ranking. Admins only.',
    reports.paymentGroupReport,
    (r) => r.groups,
  );

  report(
    '/reports/referral-sources',
    'Referrals and hires by referral source',
    'For each referral source (`none`: not recorded), every one listed: the candidates put forward, agreed, interviewed, hired and in work at 13 and 26 weeks. A source such as prison or probation says a person has a conviction: admins only; a count from 1 to 4 is null (`<5` in CSV) and named in `suppressed`, and so is the next smallest of its column when it is the only one.',
    reports.referralSourceReport,
    reports.referralSourceRows,
  );

  report(
    '/reports/repeat-business',
    'Repeat business by employer',
    'Each employer active in the period with its vacancies, candidates, hires and share of all hires, busiest first; how many gave two hires or more, and the share of hires the top 15% of employers gave.',
    reports.repeatBusinessReport,
    (r) => r.employers,
  );

  report(
    '/reports/officers',
    'Interviews per job and submissions per interview, by liaison officer',
    'The candidates each liaison officer put forward, through agreement, interview and hire, with submissions per interview and interviews per hire; each officer with their `name` and `team` from the staff directory (null when it has none), and `teams`: the same summed by team as the directory has each officer now (`none`: no team recorded). The CSV has a row per officer.',
    reports.officerReport,
    (r) => r.officers.map(({ group, ...o }) => ({ officer: group, ...o })),
  );

  report(
    '/reports/pet-outcomes',
    'PET cohort outcomes, per cohort and per training provider',
    'Each pre-employment training cohort that ended in the period: enrolled, completed, withdrawn, and of those who completed, interviewed, hired and in work at 13 and 26 weeks after it began (to date); and the same summed by provider.',
    reports.petOutcomesReport,
    reports.petOutcomeRows,
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/reports/casework',
      tags: ['Reports'],
      summary: 'Contacts and reviews by adviser and team, readiness group and time out of work',
      description:
        'Who is being left alone, as of today: for everyone still looking for work, by adviser (with `name` and `team` from the staff directory) and team, and by readiness group and time out of work, how many there are, how many a contact reached in the last 14 days (`contacted`) and how many it has not, the contacts logged with them, how many are overdue a review (on their adviser’s “needs a review” list) and how many are due one in the next 14 days. From the casework summary on each record, never a note. Admins only. In the readiness and time-out-of-work groups a count from 1 to 4 is null (`<5` in CSV) and named in `suppressed`, as in the referral-source report. `Accept: text/csv` for a spreadsheet.',
      security,
      responses: reportResponses,
    }),
    async (c) => {
      const r = await caseworkReport.caseworkReport(deps, actorOf(c));
      return csvOr(c, caseworkReport.caseworkReportRows(r), r);
    },
  );
}
