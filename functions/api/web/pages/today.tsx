import type { AppDeps } from '../../deps.js';
import { employerToday, type liaisonToday } from '../../../../shared/use-cases/today.js';
import { fmtDate, fmtDateTime, Table, Tag, words } from '../components.js';
import { page, type WebContext } from '../context.js';

/* "What needs me today": the employer's start page, and the liaison officer's vacancies to act on. */

/** The employer's start page: interviews coming, then each open vacancy with the candidates waiting for a decision. */
export async function renderEmployerToday(c: WebContext, deps: AppDeps) {
  const actor = c.get('actor');
  const { vacancies, interviews, others } = await employerToday(deps, actor);
  const waiting = vacancies.reduce((n, r) => n + r.waiting, 0);
  const overdue = vacancies.reduce((n, r) => n + r.overdue, 0);
  return page(
    c,
    { title: 'My vacancies', current: '/app' },
    <>
      <h1 class="govuk-heading-l">My vacancies</h1>
      <p class="govuk-body">
        <a class="govuk-link" href="/app/vacancies/new">
          Post a vacancy
        </a>
      </p>
      {waiting ? (
        <div class="govuk-inset-text">
          {waiting} {waiting === 1 ? 'candidate is' : 'candidates are'} waiting for your decision
          {overdue ? (
            <>
              , {overdue} past the date to decide by <Tag colour="red">{overdue === 1 ? 'Decision overdue' : 'Decisions overdue'}</Tag>
            </>
          ) : null}
          .
        </div>
      ) : (
        <p class="govuk-body">No candidates are waiting for your decision.</p>
      )}
      <h2 class="govuk-heading-m">Interviews coming up</h2>
      {interviews.length ? (
        <Table caption="Interviews booked, soonest first" showCaption head={['When', 'Candidate', 'Vacancy', 'Where']}>
          {interviews.map((i) => (
            <tr class="govuk-table__row">
              <td class="govuk-table__cell">{fmtDateTime(i.at)}</td>
              <td class="govuk-table__cell">{i.candidateRef}</td>
              <td class="govuk-table__cell">
                <a class="govuk-link" href={`/app/vacancies/${i.vacancy.id}`}>
                  {i.vacancy.title}
                </a>
              </td>
              <td class="govuk-table__cell">{i.place}</td>
            </tr>
          ))}
        </Table>
      ) : (
        <p class="govuk-body">No interviews booked.</p>
      )}
      <h2 class="govuk-heading-m">Open vacancies</h2>
      {vacancies.length ? (
        <Table
          caption="Your open vacancies, those needing a decision first"
          head={['Vacancy', { numeric: 'Waiting for you' }, { numeric: 'Positions' }, 'Closes']}
        >
          {vacancies.map((r) => (
            <tr class="govuk-table__row">
              <td class="govuk-table__cell">
                <a class="govuk-link" href={`/app/vacancies/${r.vacancy.id}`}>
                  {r.vacancy.title}
                </a>
                {/* Two vacancies may share a title: where each is tells them apart. */}
                <span class="govuk-hint govuk-!-margin-bottom-0">{r.vacancy.site.town ?? r.vacancy.site.postcode}</span>
              </td>
              <td class="govuk-table__cell govuk-table__cell--numeric">
                {r.waiting}
                {r.overdue ? (
                  <>
                    {' '}
                    <Tag colour="red">{r.overdue} overdue</Tag>
                  </>
                ) : null}
              </td>
              <td class="govuk-table__cell govuk-table__cell--numeric">
                {r.vacancy.filledPositions} of {r.vacancy.positions} filled
              </td>
              <td class="govuk-table__cell">{fmtDate(r.vacancy.closingDate)}</td>
            </tr>
          ))}
        </Table>
      ) : (
        <p class="govuk-body">No open vacancies.</p>
      )}
      {others.length ? (
        <>
          <h2 class="govuk-heading-m">Drafts and closed vacancies</h2>
          <Table caption="Your drafts, then vacancies closed or filled, latest first" head={['Vacancy', 'Status', 'Closing date']}>
            {others.map((v) => (
              <tr class="govuk-table__row">
                <td class="govuk-table__cell">
                  <a class="govuk-link" href={`/app/vacancies/${v.id}`}>
                    {v.title}
                  </a>
                  <span class="govuk-hint govuk-!-margin-bottom-0">{v.site.town ?? v.site.postcode}</span>
                </td>
                <td class="govuk-table__cell">
                  {v.status === 'draft' ? (
                    <Tag colour="yellow">Draft: with your account manager</Tag>
                  ) : (
                    <Tag colour="grey">{words(v.status)}</Tag>
                  )}
                </td>
                <td class="govuk-table__cell">{fmtDate(v.closingDate)}</td>
              </tr>
            ))}
          </Table>
        </>
      ) : null}
    </>,
  );
}

/** The liaison officer's vacancies to act on today: employers to chase for a decision, vacancies with nobody put forward. */
export function LiaisonVacanciesToday({ today }: { today: Awaited<ReturnType<typeof liaisonToday>> }) {
  const { responsesOverdue, noCandidates } = today;
  return (
    <>
      <h2 class="govuk-heading-m">Employers’ decisions overdue</h2>
      {responsesOverdue.length ? (
        <Table
          caption="Candidates waiting past the date the employer was asked to decide by: chase the employer"
          showCaption
          head={['Vacancy', 'Employer', { numeric: 'Overdue' }]}
        >
          {responsesOverdue.map((r) => (
            <tr class="govuk-table__row">
              <td class="govuk-table__cell">
                <a class="govuk-link" href={`/app/vacancies/${r.vacancy.id}`}>
                  {r.vacancy.title}
                </a>
              </td>
              <td class="govuk-table__cell">
                <a class="govuk-link" href={`/app/employers/${r.vacancy.employerId}`}>
                  {r.vacancy.employerName}
                </a>
              </td>
              <td class="govuk-table__cell govuk-table__cell--numeric">{r.overdue}</td>
            </tr>
          ))}
        </Table>
      ) : (
        <p class="govuk-body">No employer of yours is past the date to decide by.</p>
      )}
      <h2 class="govuk-heading-m">Vacancies with no candidates</h2>
      {noCandidates.length ? (
        <Table
          caption="Your employers’ open vacancies nobody is put forward for, soonest closing first"
          showCaption
          head={['Vacancy', 'Employer', 'Closes']}
        >
          {noCandidates.map((r) => (
            <tr class="govuk-table__row">
              <td class="govuk-table__cell">
                <a class="govuk-link" href={`/app/vacancies/${r.vacancy.id}`}>
                  {r.vacancy.title}
                </a>
              </td>
              <td class="govuk-table__cell">{r.vacancy.employerName}</td>
              <td class="govuk-table__cell">{fmtDate(r.vacancy.closingDate)}</td>
            </tr>
          ))}
        </Table>
      ) : (
        <p class="govuk-body">Every open vacancy of your employers has candidates in progress.</p>
      )}
    </>
  );
}
