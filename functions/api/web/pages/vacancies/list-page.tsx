import type { AppDeps } from '../../../deps.js';
import { VACANCY_STATUSES, type Vacancy } from '../../../../../shared/domain/vacancy.js';
import type { FieldError } from '../../../../../shared/errors.js';
import { CLOSING_SOON_DAYS, searchVacancies } from '../../../../../shared/use-cases/search.js';
import { Checkbox, fieldsFor, fmtDate, GuaranteedInterview, NextPage, Select, Table, TextInput, words } from '../../components.js';
import { page, type WebContext } from '../../context.js';
import { askedFor, FilterForm, refusedSearch, resultCount, withQuery } from '../../search-form.js';
import { isStaff } from '../../session.js';

/* The vacancies, soonest closing first, found by title, skill, employer, status and closing soon. */

const FILTERS = ['title', 'skill', 'employer', 'status', 'closingSoon'] as const;
const PAGE_SIZE = 25;

export async function renderVacancyList(c: WebContext, deps: AppDeps) {
  const actor = c.get('actor');
  const asked = askedFor(c, FILTERS);
  const status = asked.status ?? 'open';
  const cursor = c.req.query('cursor');
  let errors: FieldError[] | undefined;
  let found: { items: Vacancy[]; nextCursor: string | null } = { items: [], nextCursor: null };
  try {
    found = await searchVacancies(deps, actor, { ...asked, closingSoon: asked.closingSoon === 'true', limit: PAGE_SIZE, cursor });
  } catch (err) {
    errors = refusedSearch(err);
  }
  const heading = status === 'open' ? 'Open vacancies' : `${words(status)} vacancies`;
  const f = fieldsFor(asked, errors);
  const filtered = FILTERS.some((k) => asked[k]);
  // Advisers read vacancies but keep no employer records: no new vacancy, no link to the employer.
  const staff = isStaff(actor);
  return page(
    c,
    { title: errors ? 'Vacancies' : heading, current: '/app/vacancies', errors, status: errors ? 400 : 200 },
    <>
      <h1 class="govuk-heading-l">{errors ? 'Vacancies' : heading}</h1>
      {staff ? (
        // biome-ignore lint/a11y/useSemanticElements: the GOV.UK link-styled-as-button pattern (govuk-frontend's button component with href)
        <a class="govuk-button" data-module="govuk-button" href="/app/vacancies/new" role="button" draggable="false">
          Take a new vacancy
        </a>
      ) : (
        <p class="govuk-body">Open a vacancy to see who on your caseload it could suit.</p>
      )}
      <FilterForm action="/app/vacancies" label="Filter vacancies" clear={filtered}>
        <TextInput {...f.field('title')} label="Job title" hint="Words of the title or the occupation" type="search" />
        <TextInput {...f.field('skill')} label="Skill" hint="A must-have or nice-to-have skill, for example forklift" width="20" />
        <TextInput {...f.field('employer')} label="Employer" hint="Words of the employer’s name" width="20" />
        <Select {...f.field('status')} label="Status" options={VACANCY_STATUSES.map((s) => [s, words(s)] as const)} value={status} />
        <Checkbox {...f.flag('closingSoon')} legend="Closing date" text={`Closing soon (in the next ${CLOSING_SOON_DAYS} days)`} />
      </FilterForm>
      <p class="govuk-body" role="status">
        {errors ? 'Check the filters' : resultCount(found.items.length, Boolean(cursor || found.nextCursor), 'vacancy', 'vacancies')}
      </p>
      {found.items.length ? (
        <Table
          caption={`${heading}, soonest closing first`}
          head={['Vacancy', 'Employer', 'Sector', { numeric: 'Positions' }, { numeric: 'In progress' }, 'Closes']}
        >
          {found.items.map((v) => (
            <tr class="govuk-table__row">
              <td class="govuk-table__cell">
                <a class="govuk-link" href={`/app/vacancies/${v.id}`}>
                  {v.title}
                </a>
                <GuaranteedInterview show={v.guaranteedInterview} />
              </td>
              <td class="govuk-table__cell">
                {staff ? (
                  <a class="govuk-link" href={`/app/employers/${v.employerId}`}>
                    {v.employerName}
                  </a>
                ) : (
                  v.employerName
                )}
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
      ) : null}
      <NextPage href={found.nextCursor ? withQuery('/app/vacancies', { ...asked, cursor: found.nextCursor }) : undefined} />
    </>,
  );
}
