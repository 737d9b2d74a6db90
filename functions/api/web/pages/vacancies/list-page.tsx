import type { AppDeps } from '../../../deps.js';
import * as vacancies from '../../../../../shared/use-cases/vacancies.js';
import { fmtDate, GuaranteedInterview, NextPage, Table, words } from '../../components.js';
import { page, type WebContext } from '../../context.js';

/* The vacancies, by status, for liaison officers and admins. */

const STATUSES = ['open', 'draft', 'closed', 'filled', 'withdrawn'] as const;

export async function renderVacancyList(c: WebContext, deps: AppDeps) {
  const actor = c.get('actor');
  const status = STATUSES.find((s) => s === c.req.query('status')) ?? 'open';
  const list = await vacancies.listVacancies(deps, actor, { limit: 25, cursor: c.req.query('cursor'), status });
  const heading = status === 'open' ? 'Open vacancies' : `${words(status)} vacancies`;
  return page(
    c,
    { title: heading, current: '/app/vacancies' },
    <>
      <h1 class="govuk-heading-l">{heading}</h1>
      {/* biome-ignore lint/a11y/useSemanticElements: the GOV.UK link-styled-as-button pattern (govuk-frontend's button component with href) */}
      <a class="govuk-button" data-module="govuk-button" href="/app/vacancies/new" role="button" draggable="false">
        Take a new vacancy
      </a>
      <p class="govuk-body">
        By status:{' '}
        {STATUSES.map((s) => (
          <>
            <a class="govuk-link" href={`/app/vacancies?status=${s}`} aria-current={s === status ? 'page' : undefined}>
              {s}
            </a>{' '}
          </>
        ))}
      </p>
      {list.items.length === 0 ? (
        <p class="govuk-body">No {status} vacancies.</p>
      ) : (
        <Table caption={heading} head={['Vacancy', 'Employer', 'Sector', { numeric: 'Positions' }, { numeric: 'In progress' }, 'Closes']}>
          {list.items.map((v) => (
            <tr class="govuk-table__row">
              <td class="govuk-table__cell">
                <a class="govuk-link" href={`/app/vacancies/${v.id}`}>
                  {v.title}
                </a>
                <GuaranteedInterview show={v.guaranteedInterview} />
              </td>
              <td class="govuk-table__cell">
                <a class="govuk-link" href={`/app/employers/${v.employerId}`}>
                  {v.employerName}
                </a>
              </td>
              <td class="govuk-table__cell">{words(v.sector)}</td>
              <td class="govuk-table__cell govuk-table__cell--numeric">
                {v.filledPositions} of {v.positions} filled
              </td>
              <td class="govuk-table__cell govuk-table__cell--numeric">{v.liveSubmissions ?? 0}</td>
              <td class="govuk-table__cell">{fmtDate(v.closingDate)}</td>
            </tr>
          ))}
        </Table>
      )}
      <NextPage href={list.nextCursor ? `/app/vacancies?status=${status}&cursor=${encodeURIComponent(list.nextCursor)}` : undefined} />
    </>,
  );
}
