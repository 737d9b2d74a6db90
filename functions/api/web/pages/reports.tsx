import type { Child } from 'hono/jsx';
import type { Hono } from 'hono';
import type { AppDeps } from '../../deps.js';
import { ValidationError, type FieldError } from '../../../../shared/errors.js';
import * as reports from '../../../../shared/use-cases/reports.js';
import { page, type WebContext, type WebEnv } from '../context.js';
import { longMonth } from '../../../../shared/domain/dates.js';
import { Button, fieldsFor, Select, SummaryList, Table } from '../components.js';
import { BarChart } from '../bar-chart.js';
import { peopleFor, type People } from '../people.js';
import { FUNNEL_STAGES, labelOr, LONG_TERM_GROUP_LABELS, READINESS_GROUP_LABELS } from '../labels.js';

type Funnel = Awaited<ReturnType<typeof reports.funnelReport>>;
type Fairness = Awaited<ReturnType<typeof reports.fairnessReport>>;
type Group = Fairness['readiness'][number];

/** The period asked for; an empty field means the default (the last 12 months). The report use cases check it. */
export function period(c: WebContext): { from?: string; to?: string } {
  return { from: c.req.query('from')?.trim() || undefined, to: c.req.query('to')?.trim() || undefined };
}

/** A refused period's errors, said for this form. */
export function periodErrors(err: ValidationError): FieldError[] {
  if (!err.errors?.length) return [{ path: 'from', message: err.message }];
  const notAMonth: Record<string, string> = {
    from: 'Select the first month',
    to: 'Select the last month',
  };
  return err.errors.map((e) => ({
    path: e.path,
    message:
      e.message === reports.PERIOD_ERRORS.backwards
        ? 'The first month must not be after the last month'
        : e.message === reports.PERIOD_ERRORS.notAMonth
          ? (notAMonth[e.path] ?? e.message)
          : e.message,
  }));
}

export const query = (p: { from?: string; to?: string }) => {
  const q = new URLSearchParams(Object.entries(p).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '')).toString();
  return q ? `?${q}` : '';
};

export const fmtRatio = (r: number | null) =>
  r === null ? 'Not enough data yet' : r.toLocaleString('en-GB', { maximumFractionDigits: 2 });
export const fmtPercent = (r: number | null) => (r === null ? 'Not enough data yet' : `${Math.round(r * 100)}%`);
const per100 = (a: number, b: number) => (b === 0 ? '–' : String(Math.round((a / b) * 100)));

const DIMENSIONS: [key: 'longTermUnemployed' | 'readiness' | 'adviser', caption: string, group: (g: string) => string][] = [
  ['longTermUnemployed', 'By time out of work', (g) => labelOr(LONG_TERM_GROUP_LABELS, g)],
  ['readiness', 'By readiness when it happened', (g) => labelOr(READINESS_GROUP_LABELS, g)],
  // Advisers by name, from the staff directory, where the page is drawn.
  ['adviser', 'By adviser', (g) => g],
];

function FairnessTable({ caption, groups, name }: { caption: string; groups: Group[]; name: (g: string) => string }) {
  const cell = 'govuk-table__cell govuk-table__cell--numeric';
  const head = [
    'Put forward',
    'Submitted',
    'Interviews',
    'Hires',
    'In work at 13 weeks',
    'In work at 26 weeks',
    'Hires per 100 put forward',
  ];
  return (
    <Table caption={caption} showCaption head={['Group', ...head.map((numeric) => ({ numeric }))]}>
      {groups.length === 0 ? (
        <tr class="govuk-table__row">
          <td class="govuk-table__cell" colspan={8}>
            Nothing happened in this period.
          </td>
        </tr>
      ) : (
        groups.map((g) => (
          <tr class="govuk-table__row">
            <th scope="row" class="govuk-table__header">
              {name(g.group)}
            </th>
            <td class={cell}>{g.proposed}</td>
            <td class={cell}>{g.submitted}</td>
            <td class={cell}>{g.interviews}</td>
            <td class={cell}>{g.hires}</td>
            <td class={cell}>{g.sustained13}</td>
            <td class={cell}>{g.sustained26}</td>
            <td class={cell}>{per100(g.hires, g.proposed)}</td>
          </tr>
        ))
      )}
    </Table>
  );
}

/** How many months back the period's pickers offer (the funnel's counters are kept far longer; a typed link may go further). */
const MONTHS_OFFERED = 36;

/** The months to choose from, newest first, as `2026-03` → "March 2026"; a month asked for that is older is offered too. */
function monthOptions(today: string, chosen: (string | undefined)[]): (readonly [string, string])[] {
  const [y, m] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
  const months = Array.from({ length: MONTHS_OFFERED }, (_, i) => {
    const d = new Date(Date.UTC(y, m - 1 - i, 1));
    return d.toISOString().slice(0, 7);
  });
  for (const c of chosen) if (c && /^\d{4}-(0[1-9]|1[0-2])$/.test(c) && !months.includes(c)) months.push(c);
  return months
    .sort()
    .reverse()
    .map((ym) => [ym, longMonth(ym)] as const);
}

/** The period as two month pickers (GOV.UK select): no format to get wrong; the report use cases still check the months. */
export function PeriodForm({
  from,
  to,
  today,
  errors,
  action = '/app/reports',
}: {
  from?: string;
  to?: string;
  today: string;
  errors?: FieldError[];
  action?: string;
}) {
  const f = fieldsFor({ from, to }, errors);
  const options = monthOptions(today, [from, to]);
  return (
    <form method="get" action={action} novalidate>
      <fieldset class="govuk-fieldset">
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Period</legend>
        <div class="govuk-hint">
          From the start of the first month to the end of the last. Leave both as they are for the last 12 months.
        </div>
        <Select {...f.field('from')} label="First month" options={[['', 'Choose a month'], ...options]} />
        <Select {...f.field('to')} label="Last month" options={[['', 'Choose a month'], ...options]} />
      </fieldset>
      <Button id="show-report" secondary>
        Show report
      </Button>
    </form>
  );
}

/** The split as the spreadsheet has it: each adviser by name (the API's CSV keeps their ids). */
function fairnessRows(r: Fairness, people: People) {
  return [
    ...r.longTermUnemployed.map((g) => ({ dimension: 'longTermUnemployed', ...g })),
    ...r.readiness.map((g) => ({ dimension: 'readiness', ...g })),
    ...r.adviser.map((g) => ({ dimension: 'adviser', ...g, group: people.name(g.group) })),
  ];
}

export function csv(c: WebContext, body: string, name: string) {
  return c.body(body, 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${name}"` });
}

/** Links to the breakdowns from the reports page; outcomes by payment group and referral source only for those who may read them. */
function MoreReports({ admin, from, to }: { admin: boolean; from: string; to: string }) {
  const q = query({ from, to });
  const links: [string, string][] = [
    ['pet-outcomes', 'Pre-employment training outcomes'],
    ['repeat-business', 'Repeat business by employer'],
    ['officers', 'Interviews per job, by liaison officer'],
    ...(admin
      ? ([
          ['payment-groups', 'Outcomes by payment group'],
          ['referral-sources', 'Referrals and hires by referral source'],
          ['casework', 'Contacts and reviews, by adviser: who is being left alone'],
        ] as [string, string][])
      : []),
  ];
  return (
    <>
      <h2 class="govuk-heading-m">More reports</h2>
      <ul class="govuk-list">
        {links.map(([path, label]) => (
          <li>
            <a class="govuk-link" href={`/app/reports/${path}${q}`}>
              {label}
            </a>
          </li>
        ))}
      </ul>
    </>
  );
}

export function reportPages(web: Hono<WebEnv>, deps: AppDeps): void {
  web.get('/app/reports', async (c) => {
    const actor = c.get('actor');
    const asked = period(c);
    let errors: FieldError[] = [];
    let data: [Funnel, Fairness] | undefined;
    try {
      data = await Promise.all([reports.funnelReport(deps, actor, asked), reports.fairnessReport(deps, actor, asked)]);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      errors = periodErrors(err);
    }
    if (!data) {
      return page(
        c,
        { title: 'Reports', current: '/app/reports', errors, status: 400 },
        <>
          <h1 class="govuk-heading-l">Reports</h1>
          <PeriodForm from={asked.from} to={asked.to} today={deps.clock.today()} errors={errors} />
        </>,
      );
    }
    const [funnel, fairness] = data;
    const people = await peopleFor(
      c,
      deps,
      fairness.adviser.map((g) => g.group),
    );
    const q = query({ from: funnel.from, to: funnel.to });
    const r = funnel.ratios;
    return page(
      c,
      { title: 'Reports', current: '/app/reports' },
      <>
        <h1 class="govuk-heading-l">Reports</h1>
        <p class="govuk-body-l">
          {longMonth(funnel.from)} to {longMonth(funnel.to)}
        </p>
        <PeriodForm from={funnel.from} to={funnel.to} today={deps.clock.today()} />

        <h2 class="govuk-heading-m">The funnel</h2>
        <p class="govuk-body">
          From employers engaged to people still in work at 26 weeks, all in the period: employers engaged are those in contact (a call,
          visit, email, meeting or event that happened then, or a vacancy they opened), each counted once; people in work at 13 or 26 weeks
          are counted in the month that milestone fell in.
        </p>
        <div class="govuk-body">
          <BarChart
            id="funnel-chart"
            title={`The funnel, ${longMonth(funnel.from)} to ${longMonth(funnel.to)}`}
            // Hires and work sustained at 13 and 26 weeks in green: the outcomes the earlier stages lead to.
            bars={FUNNEL_STAGES.map(([k, label], i) => ({ label, n: funnel[k], colour: i >= 5 ? '#00703c' : undefined }))}
          />
        </div>
        <Table caption="The funnel in numbers" showCaption head={['Stage', { numeric: 'Number' }]}>
          {FUNNEL_STAGES.map(([k, label]) => (
            <tr class="govuk-table__row">
              <th scope="row" class="govuk-table__header">
                {label}
              </th>
              <td class="govuk-table__cell govuk-table__cell--numeric">{funnel[k]}</td>
            </tr>
          ))}
        </Table>
        <p class="govuk-body">
          <a class="govuk-link" href={`/app/reports/funnel.csv${q}`} download>
            Download the funnel as a spreadsheet (CSV)
          </a>
        </p>

        <h2 class="govuk-heading-m">Conversion</h2>
        <SummaryList
          rows={[
            [
              'Employers called back within 2 working days',
              <>
                {fmtPercent(r.callbacksOnTimeRate)}
                <div class="govuk-hint govuk-!-margin-bottom-0">
                  {`${funnel.callbacksOnTime} of the ${funnel.callbacksDue} vacancies employers posted themselves in the period (${funnel.callbacksMade} called back so far).`}
                </div>
              </>,
            ],
            ['Put forward who agreed', fmtPercent(funnel.proposed ? funnel.submitted / funnel.proposed : null)],
            [
              'Submissions per interview',
              <>
                {fmtRatio(r.submissionsPerInterview)}
                <div class="govuk-hint govuk-!-margin-bottom-0">Ordinary practice is 5 to 7; fewer, better submissions do better.</div>
              </>,
            ],
            [
              'Interviews per hire',
              <>
                {fmtRatio(r.interviewsPerHire)}
                <div class="govuk-hint govuk-!-margin-bottom-0">Ordinary practice is about 5.</div>
              </>,
            ],
            ...([13, 26] as const).map((w): [string, Child] => [
              `Still in work at ${w} weeks`,
              <>
                {fmtPercent(w === 13 ? r.sustained13Rate : r.sustained26Rate)}
                <div class="govuk-hint govuk-!-margin-bottom-0">
                  {`${funnel[`sustained${w}`]} of the ${funnel[`reached${w}`]} placements that reached ${w} weeks in the period; more recent hires are not counted yet.`}
                </div>
              </>,
            ]),
            [
              'In work at the job outcome',
              <>
                {fmtPercent(r.jobOutcomeRate)}
                <div class="govuk-hint govuk-!-margin-bottom-0">
                  {`${funnel.sustainedOutcome} of the ${funnel.reachedOutcome} placements that reached their programme’s job outcome (13 or 26 weeks, by payment group) in the period.`}
                </div>
              </>,
            ],
            [
              'In work at each sustainment point',
              <>
                {fmtPercent(r.sustainmentRate)}
                <div class="govuk-hint govuk-!-margin-bottom-0">
                  {`${funnel.sustainedSustainment} of the ${funnel.reachedSustainment} sustainment points (every 4 weeks after the job outcome, where the programme has them) that came in the period; someone who left the job counts at each point that came after.`}
                </div>
              </>,
            ],
          ]}
        />

        <MoreReports admin={actor.role === 'admin'} from={funnel.from} to={funnel.to} />

        <h2 class="govuk-heading-m">Fairness</h2>
        <p class="govuk-body">
          The same funnel for each group, so you can see whether people who have been out of work longest, or who are less job-ready, are
          being left behind.
        </p>
        {DIMENSIONS.map(([key, caption, group]) => {
          const name = key === 'adviser' ? (g: string) => people.name(g) : group;
          return (
            <>
              <h3 class="govuk-heading-s">{caption}</h3>
              {fairness[key].length ? (
                <BarChart
                  id={`fairness-${key}`}
                  title={`Hires per 100 put forward, ${caption.toLowerCase()}`}
                  bars={fairness[key].map((g) => ({
                    label: name(g.group),
                    n: g.proposed ? Math.round((g.hires / g.proposed) * 100) : null,
                    colour: '#4c2c92',
                  }))}
                  unit="hires per 100 put forward"
                  none="nobody put forward"
                />
              ) : null}
              <FairnessTable caption={`${caption}, in numbers`} groups={fairness[key]} name={name} />
            </>
          );
        })}
        <p class="govuk-body">
          <a class="govuk-link" href={`/app/reports/fairness.csv${q}`} download>
            Download the fairness split as a spreadsheet (CSV)
          </a>
        </p>
      </>,
    );
  });

  web.get('/app/reports/funnel.csv', async (c) => {
    const r = await reports.funnelReport(deps, c.get('actor'), period(c));
    return csv(c, reports.toCsv([r]), `routeway-funnel-${r.from}-to-${r.to}.csv`);
  });

  web.get('/app/reports/fairness.csv', async (c) => {
    const r = await reports.fairnessReport(deps, c.get('actor'), period(c));
    const people = await peopleFor(
      c,
      deps,
      r.adviser.map((g) => g.group),
    );
    return csv(c, reports.toCsv(fairnessRows(r, people)), `routeway-fairness-${r.from}-to-${r.to}.csv`);
  });
}
