import type { Child } from 'hono/jsx';
import type { Hono } from 'hono';
import type { AppDeps } from '../../deps.js';
import { ValidationError, type FieldError } from '../../../../shared/errors.js';
import * as reports from '../../../../shared/use-cases/reports.js';
import { peopleFor } from '../people.js';
import { page, type WebContext, type WebEnv } from '../context.js';
import { fmtDate, SummaryList, Table } from '../components.js';
import { labelOr, PAYMENT_GROUP_LABELS, REFERRAL_SOURCE_LABELS } from '../labels.js';
import { BarChart } from '../bar-chart.js';
import { longMonth } from '../../../../shared/domain/dates.js';
import { csv, fmtRatio, period, PeriodForm, periodErrors, query } from './reports.js';

/**
 * The reports beside the funnel, each a page with a chart and a table, a CSV download, and the same
 * use case as its API route: outcomes by payment group and by referral source, repeat business by employer, and interviews
 * per job by liaison officer.
 */

const num = 'govuk-table__cell govuk-table__cell--numeric';
const share = (r: number | null) => (r === null ? '–' : `${Math.round(r * 100)}%`);

interface Breakdown<R extends { from: string; to: string }> {
  path: string;
  title: string;
  intro: string;
  load: (deps: AppDeps, c: WebContext, p: { from?: string; to?: string }) => Promise<R>;
  rows: (r: R) => Record<string, unknown>[];
  body: (r: R) => Child;
}

/** One breakdown's page and CSV: the period form, a refused period said for people, the download link. */
function breakdownPage<R extends { from: string; to: string }>(web: Hono<WebEnv>, deps: AppDeps, b: Breakdown<R>) {
  web.get(`/app/reports/${b.path}`, async (c) => {
    const asked = period(c);
    let errors: FieldError[] = [];
    let r: R | undefined;
    try {
      r = await b.load(deps, c, asked);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      errors = periodErrors(err);
    }
    const action = `/app/reports/${b.path}`;
    if (!r) {
      return page(
        c,
        { title: b.title, current: '/app/reports', errors, status: 400 },
        <>
          <h1 class="govuk-heading-l">{b.title}</h1>
          <PeriodForm from={asked.from} to={asked.to} today={deps.clock.today()} errors={errors} action={action} />
        </>,
      );
    }
    return page(
      c,
      { title: b.title, current: '/app/reports' },
      <>
        <a href="/app/reports" class="govuk-back-link">
          All reports
        </a>
        <h1 class="govuk-heading-l">{b.title}</h1>
        <p class="govuk-body-l">
          {longMonth(r.from)} to {longMonth(r.to)}
        </p>
        <p class="govuk-body">{b.intro}</p>
        <PeriodForm from={r.from} to={r.to} today={deps.clock.today()} action={action} />
        {b.body(r)}
        <p class="govuk-body">
          <a class="govuk-link" href={`/app/reports/${b.path}.csv${query({ from: r.from, to: r.to })}`} download>
            Download as a spreadsheet (CSV)
          </a>
        </p>
      </>,
    );
  });
  web.get(`/app/reports/${b.path}.csv`, async (c) => {
    const r = await b.load(deps, c, period(c));
    return csv(c, reports.toCsv(b.rows(r)), `routeway-${b.path}-${r.from}-to-${r.to}.csv`);
  });
}

type Payment = Awaited<ReturnType<typeof reports.paymentGroupReport>>;
type Sources = Awaited<ReturnType<typeof reports.referralSourceReport>>;
type Repeat = Awaited<ReturnType<typeof reports.repeatBusinessReport>>;
type Officers = Awaited<ReturnType<typeof reports.officerReport>>;
type Pet = Awaited<ReturnType<typeof reports.petOutcomesReport>>;

const PET_STEPS = [
  ['enrolled', 'Enrolled'],
  ['completed', 'Completed'],
  ['interviewed', 'Interviewed'],
  ['hired', 'Hired'],
  ['sustained13', 'In work at 13 weeks'],
  ['sustained26', 'In work at 26 weeks'],
] as const;

function PetTable({
  caption,
  first,
  rows,
}: {
  caption: string;
  first: string;
  rows: (reports.PetOutcome & { name: Child; hint?: string })[];
}) {
  return (
    <Table caption={caption} showCaption head={[first, ...PET_STEPS.map(([, label]) => ({ numeric: label })), { numeric: 'Withdrew' }]}>
      {rows.length === 0 ? (
        <tr class="govuk-table__row">
          <td class="govuk-table__cell" colspan={8}>
            No cohort ended in this period.
          </td>
        </tr>
      ) : (
        rows.map((r) => (
          <tr class="govuk-table__row">
            <th scope="row" class="govuk-table__header">
              {r.name}
              {r.hint ? <span class="govuk-hint govuk-!-margin-bottom-0">{r.hint}</span> : null}
            </th>
            <td class={num}>{r.enrolled}</td>
            <td class={num}>{r.completed}</td>
            <td class={num}>{r.interviewed}</td>
            <td class={num}>{r.hired}</td>
            <td class={num}>{`${r.sustained13} of ${r.reached13}`}</td>
            <td class={num}>{`${r.sustained26} of ${r.reached26}`}</td>
            <td class={num}>{r.withdrawn}</td>
          </tr>
        ))
      )}
    </Table>
  );
}

/** A count as a table shows it: one held back as too small to show is "fewer than 5". */
const shown = (n: number | null) => (n === null ? `fewer than ${reports.SMALL_NUMBER}` : String(n));

type OutcomeCounts = Record<(typeof reports.SOURCE_COUNTERS)[number], number | null>;

function OutcomesTable({ caption, first, rows }: { caption: string; first: string; rows: (OutcomeCounts & { name: string })[] }) {
  return (
    <Table
      caption={caption}
      showCaption
      head={[
        first,
        ...['Put forward', 'Submitted', 'Interviews', 'Hires', 'In work at 13 weeks', 'In work at 26 weeks'].map((numeric) => ({
          numeric,
        })),
      ]}
    >
      {rows.length === 0 ? (
        <tr class="govuk-table__row">
          <td class="govuk-table__cell" colspan={7}>
            Nothing happened in this period.
          </td>
        </tr>
      ) : (
        rows.map((g) => (
          <tr class="govuk-table__row">
            <th scope="row" class="govuk-table__header">
              {g.name}
            </th>
            <td class={num}>{shown(g.proposed)}</td>
            <td class={num}>{shown(g.submitted)}</td>
            <td class={num}>{shown(g.interviews)}</td>
            <td class={num}>{shown(g.hires)}</td>
            <td class={num}>{`${shown(g.sustained13)} of ${shown(g.reached13)}`}</td>
            <td class={num}>{`${shown(g.sustained26)} of ${shown(g.reached26)}`}</td>
          </tr>
        ))
      )}
    </Table>
  );
}

export function reportBreakdownPages(web: Hono<WebEnv>, deps: AppDeps): void {
  breakdownPage<Pet>(web, deps, {
    path: 'pet-outcomes',
    title: 'Pre-employment training outcomes',
    intro:
      'Each cohort that ended in the period, and what became of the people who completed it after it began, to date: interviews, hires, and whether they were in work at 13 and 26 weeks ("x of y": in work, of those who have got that far).',
    load: (d, c, p) => reports.petOutcomesReport(d, c.get('actor'), p),
    rows: (r) => reports.petOutcomeRows(r),
    body: (r) => {
      const total = (k: keyof reports.PetOutcome) => r.cohorts.reduce((n, c) => n + c[k], 0);
      return (
        <>
          <BarChart
            id="pet-chart"
            title={`Pre-employment training, ${longMonth(r.from)} to ${longMonth(r.to)}: every cohort that ended`}
            bars={PET_STEPS.map(([k, label]) => ({ label, n: total(k) }))}
          />
          <PetTable
            caption="By cohort"
            first="Cohort"
            rows={r.cohorts.map((c) => ({
              ...c,
              name: (
                <a class="govuk-link" href={`/app/cohorts/${c.cohortId}`}>
                  {c.title}
                </a>
              ),
              hint: `${c.provider}, ${fmtDate(c.startDate)} to ${fmtDate(c.endDate)}`,
            }))}
          />
          <PetTable
            caption="By training provider"
            first="Provider"
            rows={r.providers.map((p) => ({ ...p, name: p.provider, hint: `${p.cohorts} ${p.cohorts === 1 ? 'cohort' : 'cohorts'}` }))}
          />
        </>
      );
    },
  });

  breakdownPage<Payment>(web, deps, {
    path: 'payment-groups',
    title: 'Outcomes by payment group',
    intro:
      'What happened to people in each Work Programme payment group, counted as it happened. These are facts about results: a payment group is never used to rank or choose anyone. Admins only, as a payment group is not shown to liaison officers.',
    load: (d, c, p) => reports.paymentGroupReport(d, c.get('actor'), p),
    rows: (r) => r.groups,
    body: (r) => {
      const rows = r.groups.map((g) => ({ ...g, name: labelOr(PAYMENT_GROUP_LABELS, g.group) }));
      return (
        <>
          <BarChart
            id="payment-chart"
            title={`Hires by payment group, ${longMonth(r.from)} to ${longMonth(r.to)}`}
            bars={rows.map((g) => ({ label: g.name, n: g.hires }))}
          />
          <OutcomesTable caption="Outcomes by payment group" first="Payment group" rows={rows} />
        </>
      );
    },
  });

  breakdownPage<Sources>(web, deps, {
    path: 'referral-sources',
    title: 'Referrals and hires by referral source',
    intro: `Where the people put forward came from, and how far they got, counted as it happened. A referral from prison, probation or OLASS says someone has a conviction, so this report is for admins only, and a count from 1 to ${reports.SMALL_NUMBER - 1} is shown as "fewer than ${reports.SMALL_NUMBER}" (with the next smallest beside it when it is the only one), in the spreadsheet too.`,
    load: (d, c, p) => reports.referralSourceReport(d, c.get('actor'), p),
    rows: (r) => reports.referralSourceRows(r),
    body: (r) => {
      const rows = r.sources.map((g) => ({ ...g, name: labelOr(REFERRAL_SOURCE_LABELS, g.source) }));
      return (
        <>
          <BarChart
            id="source-chart"
            title={`Hires by referral source, ${longMonth(r.from)} to ${longMonth(r.to)}`}
            bars={rows.map((g) => ({ label: g.name, n: g.hires }))}
            none={`fewer than ${r.smallNumber}`}
          />
          <OutcomesTable caption="Referrals and hires by referral source" first="Referred by" rows={rows} />
        </>
      );
    },
  });

  breakdownPage<Repeat>(web, deps, {
    path: 'repeat-business',
    title: 'Repeat business by employer',
    intro:
      'Employers active in the period (a vacancy opened, someone put forward, a hire or a milestone), busiest first. In the Employment Zones about 15% of employers gave a third of all placements: keeping those employers matters.',
    load: (d, c, p) => reports.repeatBusinessReport(d, c.get('actor'), p),
    rows: (r) => r.employers,
    body: (r) => (
      <>
        <SummaryList
          rows={[
            ['Hires', String(r.hires)],
            ['Employers who hired', String(r.employersWithHires)],
            [
              'Employers who hired twice or more',
              `${r.repeatEmployers}${r.repeatHiresShare === null ? '' : `, giving ${share(r.repeatHiresShare)} of hires`}`,
            ],
            [
              'The busiest 15% of employers who hired',
              r.topEmployers.hiresShare === null
                ? 'Not enough data yet'
                : `${r.topEmployers.count} ${r.topEmployers.count === 1 ? 'employer' : 'employers'}, giving ${share(r.topEmployers.hiresShare)} of hires`,
            ],
          ]}
        />
        <BarChart
          id="repeat-chart"
          title={`Hires by employer, ${longMonth(r.from)} to ${longMonth(r.to)} (the 20 busiest)`}
          bars={r.employers.slice(0, 20).map((e) => ({ label: e.name, n: e.hires }))}
        />
        <Table
          caption="Employers, busiest first"
          showCaption
          head={[
            'Employer',
            ...['Vacancies opened', 'Put forward', 'Interviews', 'Hires', 'Share of hires', 'In work at 26 weeks'].map((numeric) => ({
              numeric,
            })),
          ]}
        >
          {r.employers.length === 0 ? (
            <tr class="govuk-table__row">
              <td class="govuk-table__cell" colspan={7}>
                No employer was active in this period.
              </td>
            </tr>
          ) : (
            r.employers.map((e) => (
              <tr class="govuk-table__row">
                <th scope="row" class="govuk-table__header">
                  <a class="govuk-link" href={`/app/employers/${e.employerId}`}>
                    {e.name}
                  </a>
                </th>
                <td class={num}>{e.vacanciesOpened}</td>
                <td class={num}>{e.proposed}</td>
                <td class={num}>{e.interviews}</td>
                <td class={num}>{e.hires}</td>
                <td class={num}>{share(e.shareOfHires)}</td>
                <td class={num}>{e.sustained26}</td>
              </tr>
            ))
          )}
        </Table>
      </>
    ),
  });

  breakdownPage<Officers>(web, deps, {
    path: 'officers',
    title: 'Interviews per job, by liaison officer',
    intro:
      'The candidates each liaison officer put forward, through to hire, and the same by team (each officer in the team the staff directory has them in now). Fewer, better-targeted submissions do better: in the Employment Zones the best had about 3 interviews to a placement where others had 6 or 7.',
    // Each officer by name from the staff directory (the API's report keeps their ids).
    load: async (d, c, p) => {
      const r = await reports.officerReport(d, c.get('actor'), p);
      const people = await peopleFor(
        c,
        d,
        r.officers.map((o) => o.group),
      );
      return { ...r, officers: r.officers.map((o) => ({ ...o, group: people.name(o.group) })) };
    },
    rows: (r) => r.officers.map(({ group, ...o }) => ({ officer: group, ...o })),
    body: (r) => (
      <>
        <BarChart
          id="officer-chart"
          title={`Hires by liaison officer, ${longMonth(r.from)} to ${longMonth(r.to)}`}
          bars={r.officers.map((o) => ({ label: o.group, n: o.hires }))}
        />
        <Table
          caption="By team"
          showCaption
          head={[
            'Team',
            ...['Officers', 'Put forward', 'Interviews', 'Hires', 'Submissions per interview', 'Interviews per job'].map((numeric) => ({
              numeric,
            })),
          ]}
        >
          {r.teams.length === 0 ? (
            <tr class="govuk-table__row">
              <td class="govuk-table__cell" colspan={7}>
                Nobody was put forward in this period.
              </td>
            </tr>
          ) : (
            r.teams.map((t) => (
              <tr class="govuk-table__row">
                <th scope="row" class="govuk-table__header">
                  {t.team === reports.NO_TEAM ? 'No team recorded' : t.team}
                </th>
                <td class={num}>{t.officers}</td>
                <td class={num}>{t.proposed}</td>
                <td class={num}>{t.interviews}</td>
                <td class={num}>{t.hires}</td>
                <td class={num}>{fmtRatio(t.ratios.submissionsPerInterview)}</td>
                <td class={num}>{fmtRatio(t.ratios.interviewsPerHire)}</td>
              </tr>
            ))
          )}
        </Table>
        <Table
          caption="By liaison officer"
          showCaption
          head={[
            'Officer',
            ...['Put forward', 'Submitted', 'Interviews', 'Hires', 'Submissions per interview', 'Interviews per job'].map((numeric) => ({
              numeric,
            })),
          ]}
        >
          {r.officers.length === 0 ? (
            <tr class="govuk-table__row">
              <td class="govuk-table__cell" colspan={7}>
                Nobody was put forward in this period.
              </td>
            </tr>
          ) : (
            r.officers.map((o) => (
              <tr class="govuk-table__row">
                <th scope="row" class="govuk-table__header">
                  {o.group}
                  {o.team ? <span class="govuk-hint govuk-!-margin-bottom-0">{o.team}</span> : null}
                </th>
                <td class={num}>{o.proposed}</td>
                <td class={num}>{o.submitted}</td>
                <td class={num}>{o.interviews}</td>
                <td class={num}>{o.hires}</td>
                <td class={num}>{fmtRatio(o.ratios.submissionsPerInterview)}</td>
                <td class={num}>{fmtRatio(o.ratios.interviewsPerHire)}</td>
              </tr>
            ))
          )}
        </Table>
      </>
    ),
  });
}
