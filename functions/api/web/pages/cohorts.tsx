import type { Hono } from 'hono';
import type { Child } from 'hono/jsx';
import type { AppDeps } from '../../deps.js';
import type { Enrolment } from '../../../../shared/domain/cohort.js';
import * as cohorts from '../../../../shared/use-cases/cohorts.js';
import { page, type WebEnv } from '../context.js';
import { fmtDate, GuaranteedInterview, NextPage, SummaryList, Table, Tag, words, yesNo } from '../components.js';
import { ENROLMENT_TAG } from '../labels.js';

const dates = (a: string, b: string) => (a === b ? fmtDate(a) : `${fmtDate(a)} to ${fmtDate(b)}`);

/** Pre-employment training cohorts (routeways): the list, and each cohort with its enrolments. */
export function cohortPages(web: Hono<WebEnv>, deps: AppDeps): void {
  web.get('/app/cohorts', async (c) => {
    const actor = c.get('actor');
    const list = await cohorts.listCohorts(deps, actor, { limit: 25, cursor: c.req.query('cursor') });
    return page(
      c,
      { title: 'Cohorts', current: '/app/cohorts' },
      <>
        <h1 class="govuk-heading-l">Cohorts</h1>
        <p class="govuk-body">Pre-employment training courses, and the jobs they lead to.</p>
        {list.items.length === 0 ? (
          <p class="govuk-body">No cohorts yet.</p>
        ) : (
          <Table caption="Cohorts" head={['Cohort', 'Sector', 'Provider', 'Dates', { numeric: 'Places taken' }]}>
            {list.items.map((x) => (
              <tr class="govuk-table__row">
                <td class="govuk-table__cell">
                  <a class="govuk-link" href={`/app/cohorts/${x.id}`}>
                    {x.title}
                  </a>
                  <GuaranteedInterview show={x.guaranteedInterview} />
                </td>
                <td class="govuk-table__cell">{words(x.sector)}</td>
                <td class="govuk-table__cell">{x.provider}</td>
                <td class="govuk-table__cell">{dates(x.startDate, x.endDate)}</td>
                <td class="govuk-table__cell govuk-table__cell--numeric">
                  {x.enrolledCount} of {x.capacity}
                </td>
              </tr>
            ))}
          </Table>
        )}
        <NextPage href={list.nextCursor ? `/app/cohorts?cursor=${encodeURIComponent(list.nextCursor)}` : undefined} />
      </>,
    );
  });

  web.get('/app/cohorts/:id', async (c) => {
    const actor = c.get('actor');
    // Linked records by name, where this role may see them; one that is gone or hidden is left out.
    const { cohort, linkedEmployers: emps, linkedVacancies: vacs } = await cohorts.cohortRecord(deps, actor, c.req.param('id'));
    const count = (s: Enrolment['status']) => cohort.enrolments.filter((e) => e.status === s).length;
    const rows: [string, Child][] = [
      ['Kind', cohort.kind === 'bespoke' ? 'Bespoke, for one employer' : 'Sector-based'],
      ['Sector', words(cohort.sector)],
      ['Provider', cohort.provider],
      ['Venue', cohort.venue],
      ['Dates', dates(cohort.startDate, cohort.endDate)],
      ['Places', `${cohort.enrolledCount} of ${cohort.capacity} taken`],
      ['Modules', cohort.modules.map(words).join(', ')],
      ['Certificates awarded', cohort.certificationsAwarded.join(', ') || 'None'],
      ['Guaranteed interview at the end', yesNo(cohort.guaranteedInterview)],
    ];
    if (cohort.eligibility) rows.push(['Who it is for', cohort.eligibility]);
    if (emps.length) {
      rows.push([
        'Linked employers',
        <ul class="govuk-list">
          {emps.map((e) => (
            <li>
              <a class="govuk-link" href={`/app/employers/${e.id}`}>
                {e.name}
              </a>
            </li>
          ))}
        </ul>,
      ]);
    }
    if (vacs.length) {
      rows.push([
        'Linked vacancies',
        <ul class="govuk-list">
          {vacs.map((v) => (
            <li>
              <a class="govuk-link" href={`/app/vacancies/${v.id}`}>
                {v.title}
              </a>{' '}
              ({v.employerName})
            </li>
          ))}
        </ul>,
      ]);
    }
    return page(
      c,
      { title: cohort.title, current: '/app/cohorts' },
      <>
        <a class="govuk-back-link" href="/app/cohorts">
          Back to cohorts
        </a>
        <span class="govuk-caption-l">Cohort</span>
        <h1 class="govuk-heading-l">{cohort.title}</h1>
        <SummaryList rows={rows} />
        <h2 class="govuk-heading-m" id="enrolments">
          Enrolments
        </h2>
        <p class="govuk-body">
          {count('enrolled')} enrolled, {count('completed')} completed, {count('withdrawn')} withdrawn.
        </p>
        {cohort.enrolments.length === 0 ? (
          <p class="govuk-body">Nobody is enrolled yet.</p>
        ) : (
          <Table
            caption={`People enrolled on ${cohort.title}`}
            head={['Participant', 'Status', 'Enrolled', 'Completed or withdrew', 'Note']}
          >
            {cohort.enrolments.map((e) => {
              const name = e.participantName;
              return (
                <tr class="govuk-table__row">
                  <td class="govuk-table__cell">
                    {name ? (
                      <a class="govuk-link" href={`/app/participants/${e.participantId}`}>
                        {name}
                      </a>
                    ) : e.onRecord ? (
                      'On another adviser’s caseload'
                    ) : (
                      'No longer on record'
                    )}
                  </td>
                  <td class="govuk-table__cell">
                    <Tag colour={ENROLMENT_TAG[e.status]}>{e.status}</Tag>
                  </td>
                  <td class="govuk-table__cell">{fmtDate(e.enrolledAt)}</td>
                  <td class="govuk-table__cell">{e.statusChangedAt ? fmtDate(e.statusChangedAt) : ''}</td>
                  <td class="govuk-table__cell">{e.note ?? ''}</td>
                </tr>
              );
            })}
          </Table>
        )}
      </>,
    );
  });
}
