import type { Hono } from 'hono';
import type { AppDeps } from '../../deps.js';
import { READINESS_LABELS, REVIEW_REASONS, reviewReasonLabel } from '../labels.js';
import { BarChart } from '../bar-chart.js';
import { fmtDate, Table } from '../components.js';
import { page, type WebEnv } from '../context.js';
import {
  caseworkReport,
  caseworkReportRows,
  TIME_OUT_OF_WORK_LABELS,
  type CaseworkReport,
  type TimeOutOfWork,
} from '../../../../shared/use-cases/casework-report.js';
import { NO_TEAM, toCsv } from '../../../../shared/use-cases/reports.js';
import { csv } from './reports.js';

/*
 * The casework report for admins (managers): who is being left alone, by adviser and team, readiness
 * group and time out of work, as of today; a chart of the reviews overdue by adviser, the tables, a CSV.
 */

const num = 'govuk-table__cell govuk-table__cell--numeric';
const HEAD = [
  'Still looking for work',
  'Reached in the last 14 days',
  'Not reached',
  'Contacts logged',
  'Overdue a review',
  'Review due soon',
].map((numeric) => ({ numeric }));

type Counts = {
  participants: number | null;
  contacted: number | null;
  notContacted: number | null;
  contactsLogged: number | null;
  reviewsOverdue: number | null;
  reviewsDue: number | null;
};

function Cells({ r, small }: { r: Counts; small: number }) {
  const shown = (n: number | null) => (n === null ? `fewer than ${small}` : String(n));
  return (
    <>
      <td class={num}>{shown(r.participants)}</td>
      <td class={num}>{shown(r.contacted)}</td>
      <td class={num}>{shown(r.notContacted)}</td>
      <td class={num}>{shown(r.contactsLogged)}</td>
      <td class={num}>{shown(r.reviewsOverdue)}</td>
      <td class={num}>{shown(r.reviewsDue)}</td>
    </>
  );
}

function Rows({ rows, small, empty }: { rows: (Counts & { label: string; hint?: string | null })[]; small: number; empty: string }) {
  return rows.length === 0 ? (
    <tr class="govuk-table__row">
      <td class="govuk-table__cell" colspan={7}>
        {empty}
      </td>
    </tr>
  ) : (
    <>
      {rows.map((r) => (
        <tr class="govuk-table__row">
          <th scope="row" class="govuk-table__header">
            {r.label}
            {r.hint ? <span class="govuk-hint govuk-!-margin-bottom-0">{r.hint}</span> : null}
          </th>
          <Cells r={r} small={small} />
        </tr>
      ))}
    </>
  );
}

function body(r: CaseworkReport) {
  const none = 'Nobody on a caseload is looking for work.';
  return (
    <>
      <BarChart
        id="casework-chart"
        title={`People overdue a review, by adviser, on ${fmtDate(r.asOf)}`}
        bars={r.advisers.map((a) => ({ label: a.name, n: a.reviewsOverdue }))}
        unit="overdue a review"
      />
      <Table caption="By adviser, most overdue first" showCaption head={['Adviser', ...HEAD]}>
        <Rows rows={r.advisers.map((a) => ({ ...a, label: a.name, hint: a.team }))} small={r.smallNumber} empty={none} />
      </Table>
      <Table caption="By team" showCaption head={['Team', ...HEAD]}>
        <Rows
          rows={r.teams.map((t) => ({
            ...t,
            label: t.team === NO_TEAM ? 'No team recorded' : t.team,
            hint: `${t.advisers} ${t.advisers === 1 ? 'adviser' : 'advisers'}`,
          }))}
          small={r.smallNumber}
          empty={none}
        />
      </Table>
      <Table caption="By readiness" showCaption head={['Readiness', ...HEAD]}>
        <Rows rows={r.readiness.map((g) => ({ ...g, label: READINESS_LABELS[g.group][0] }))} small={r.smallNumber} empty={none} />
      </Table>
      <Table caption="By time out of work" showCaption head={['Out of work for', ...HEAD]}>
        <Rows
          rows={r.timeOutOfWork.map((g) => ({ ...g, label: TIME_OUT_OF_WORK_LABELS[g.group as TimeOutOfWork] }))}
          small={r.smallNumber}
          empty={none}
        />
      </Table>
    </>
  );
}

export function caseworkReportPages(web: Hono<WebEnv>, deps: AppDeps): void {
  web.get('/app/reports/casework', async (c) => {
    const r = await caseworkReport(deps, c.get('actor'));
    return page(
      c,
      { title: 'Contacts and reviews, by adviser', current: '/app/reports' },
      <>
        <a href="/app/reports" class="govuk-back-link">
          All reports
        </a>
        <h1 class="govuk-heading-l">Contacts and reviews, by adviser</h1>
        <p class="govuk-body-l">On {fmtDate(r.asOf)}</p>
        <p class="govuk-body">
          Who is being left alone: everyone still looking for work, by their adviser and team, readiness and time out of work. “Overdue a
          review” means they are on their adviser’s “Needs a review” list, by the rules of their programme (below); “review due soon” means
          a review falls due in the next {r.reviewDueWithinDays} days. In the readiness and time-out-of-work tables, a count from 1 to{' '}
          {r.smallNumber - 1} is not shown.
        </p>
        <ul class="govuk-list govuk-list--bullet">
          {r.programmes.map((x) => (
            <li>
              {x.name}: {REVIEW_REASONS.map((reason) => reviewReasonLabel(reason, x.reviewRules).toLowerCase()).join('; ')}.
            </li>
          ))}
        </ul>
        {body(r)}
        <p class="govuk-body">
          <a class="govuk-link" href="/app/reports/casework.csv" download>
            Download as a spreadsheet (CSV)
          </a>
        </p>
      </>,
    );
  });
  web.get('/app/reports/casework.csv', async (c) => {
    const r = await caseworkReport(deps, c.get('actor'));
    return csv(c, toCsv(caseworkReportRows(r)), `routeway-casework-${r.asOf}.csv`);
  });
}
