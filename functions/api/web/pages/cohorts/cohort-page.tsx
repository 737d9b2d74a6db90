import type { Child } from 'hono/jsx';
import type { AppDeps } from '../../../deps.js';
import type { Enrolment } from '../../../../../shared/domain/cohort.js';
import { rolesFor } from '../../../../../shared/policy.js';
import * as cohorts from '../../../../../shared/use-cases/cohorts.js';
import { SECTORS } from '../../../../../shared/domain/common.js';
import type { FieldError } from '../../../../../shared/errors.js';
import { COHORT_PHASES, COHORT_SORTS, cohortPhase, searchCohorts, type CohortPhase } from '../../../../../shared/use-cases/search.js';
import {
  DoneBanner,
  fieldsFor,
  fmtDate,
  GuaranteedInterview,
  NextPage,
  Select,
  SummaryList,
  Table,
  Tag,
  TextInput,
  words,
  yesNo,
} from '../../components.js';
import { askedFor, FilterForm, refusedSearch, withQuery } from '../../search-form.js';
import { page, type WebContext } from '../../context.js';
import { COHORT_KIND_LABELS, COHORT_MODULE_LABELS, ENROLMENT_TAG } from '../../labels.js';
import { isStaff } from '../../session.js';
import { awards, dates } from './cohort-words.js';
import { staffOptions } from '../../people.js';
import { EnrolSearchForm } from './enrolments.js';

/* Pre-employment training cohorts (routeways): the list, and each cohort with its enrolments and what can be done with them. */

const FILTERS = ['text', 'sector', 'phase', 'sort'] as const;
const PAGE_SIZE = 25;
const PHASE_LABELS: Record<CohortPhase, string> = { upcoming: 'Not started yet', running: 'Running now', ended: 'Finished' };
const SORT_LABELS: Record<(typeof COHORT_SORTS)[number], string> = {
  start: 'Soonest start first',
  places: 'Most places free first',
  title: 'Title, A to Z',
};

export async function cohortListPage(c: WebContext, deps: AppDeps) {
  const actor = c.get('actor');
  const asked = askedFor(c, FILTERS);
  const cursor = c.req.query('cursor');
  let errors: FieldError[] | undefined;
  let list: Awaited<ReturnType<typeof searchCohorts>> | undefined;
  try {
    list = await searchCohorts(deps, actor, { ...asked, limit: PAGE_SIZE, cursor });
  } catch (err) {
    errors = refusedSearch(err);
  }
  const f = fieldsFor(asked, errors);
  const filtered = (['text', 'sector', 'phase'] as const).some((k) => asked[k]);
  const today = deps.clock.today();
  return page(
    c,
    { title: 'Cohorts', current: '/app/cohorts', errors, status: errors ? 400 : 200 },
    <>
      <h1 class="govuk-heading-l">Cohorts</h1>
      <p class="govuk-body">Pre-employment training courses, and the jobs they lead to.</p>
      {rolesFor('cohort:write').includes(actor.role) ? (
        // biome-ignore lint/a11y/useSemanticElements: the GOV.UK link-styled-as-button pattern (govuk-frontend's button component with href)
        <a class="govuk-button" href="/app/cohorts/new" role="button" draggable="false" data-module="govuk-button">
          Set up a cohort
        </a>
      ) : null}
      <FilterForm action="/app/cohorts" label="Find a cohort" clear={filtered || !!asked.sort}>
        <TextInput {...f.field('text')} label="Title, provider or venue" hint="Words of any of them" type="search" />
        <Select {...f.field('sector')} label="Sector" options={[['', 'Any sector'], ...SECTORS.map((x) => [x, words(x)] as const)]} />
        <Select
          {...f.field('phase')}
          label="When"
          options={[['', 'Any time'], ...COHORT_PHASES.map((x) => [x, PHASE_LABELS[x]] as const)]}
        />
        <Select {...f.field('sort')} label="Sort by" options={COHORT_SORTS.map((x) => [x, SORT_LABELS[x]] as const)} />
      </FilterForm>
      {!list ? null : list.items.length === 0 ? (
        <p class="govuk-body">{filtered ? 'No cohorts match. Try fewer words, or clear the filters.' : 'No cohorts yet.'}</p>
      ) : (
        <>
          <p class="govuk-body" aria-live="polite">
            {list.total === 1 ? '1 cohort' : `${list.total} cohorts`}
            {filtered ? ' match' : ''}
          </p>
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
                <td class="govuk-table__cell">
                  {dates(x.startDate, x.endDate)}
                  <br />
                  <span class="govuk-body-s">{PHASE_LABELS[cohortPhase(x, today)]}</span>
                </td>
                <td class="govuk-table__cell govuk-table__cell--numeric">
                  {x.enrolledCount} of {x.capacity}
                </td>
              </tr>
            ))}
          </Table>
        </>
      )}
      <NextPage href={list?.nextCursor ? withQuery('/app/cohorts', { ...asked, cursor: list.nextCursor }) : undefined} />
    </>,
  );
}

type Roster = Awaited<ReturnType<typeof cohorts.getCohort>>['enrolments'][number];

/** Whether this reader may mark the enrolment: those who run cohorts anyone's, an adviser their own caseload's (whose names they see). */
const mayMark = (c: WebContext, e: Roster) => e.status === 'enrolled' && (isStaff(c.get('actor')) || e.participantName !== undefined);

export async function cohortPage(c: WebContext, deps: AppDeps, id: string) {
  const actor = c.get('actor');
  // Linked records by name, where this role may see them; one that is gone or hidden is left out.
  const { cohort, linkedEmployers: emps, linkedVacancies: vacs } = await cohorts.cohortRecord(deps, actor, id);
  const advisers = isStaff(actor) ? await staffOptions(c, deps, ['adviser', 'admin']) : [];
  const count = (s: Enrolment['status']) => cohort.enrolments.filter((e) => e.status === s).length;
  const rows: [string, Child][] = [
    ['Kind', COHORT_KIND_LABELS[cohort.kind][0]],
    ['Sector', words(cohort.sector)],
    ['Provider', cohort.provider],
    ['Venue', cohort.venue],
    ['Dates', dates(cohort.startDate, cohort.endDate)],
    ['Places', `${cohort.enrolledCount} of ${cohort.capacity} taken`],
    ['Modules', cohort.modules.map((m) => COHORT_MODULE_LABELS[m] ?? words(m)).join(', ')],
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
  const ended = cohort.endDate < deps.clock.today();
  const full = cohort.enrolledCount >= cohort.capacity;
  const marking = cohort.enrolments.some((e) => mayMark(c, e));
  const done: Record<string, string> = {
    enrolled: 'Enrolled. Their adviser sees them on this cohort’s page; nobody is sent a notification.',
    completed: `Marked as completed. ${awards(cohort.certificationsAwarded).replace('It awards', 'They now hold')}`,
    withdrawn: 'Marked as withdrawn. Their place is free for someone else.',
  };
  return page(
    c,
    { title: cohort.title, current: '/app/cohorts' },
    <>
      <a class="govuk-back-link" href="/app/cohorts">
        Back to cohorts
      </a>
      <DoneBanner c={c} messages={done} />
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
          head={['Participant', 'Status', 'Enrolled', 'Completed or withdrew', 'Note', ...(marking ? ['Action'] : [])]}
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
                {marking ? (
                  <td class="govuk-table__cell">
                    {mayMark(c, e) ? (
                      <a class="govuk-link" href={`/app/cohorts/${cohort.id}/enrolments/${e.participantId}`}>
                        Mark completed or withdrawn<span class="govuk-visually-hidden"> for {name ?? 'this participant'}</span>
                      </a>
                    ) : null}
                  </td>
                ) : null}
              </tr>
            );
          })}
        </Table>
      )}

      <h2 class="govuk-heading-m" id="enrol">
        Enrol someone
      </h2>
      {ended ? (
        <p class="govuk-body">This cohort has ended: nobody more can be enrolled.</p>
      ) : full ? (
        <p class="govuk-body">All {cohort.capacity} places are taken. A withdrawal frees a place.</p>
      ) : (
        <EnrolSearchForm c={c} cohortId={cohort.id} values={undefined} advisers={advisers} />
      )}

      {isStaff(actor) && cohort.guaranteedInterview ? (
        <>
          <h2 class="govuk-heading-m" id="put-forward">
            Put completers forward
          </h2>
          <p class="govuk-body">
            Everyone who completed it can go forward together to a linked vacancy, each with a guaranteed interview. You see who would go
            and who would not before anything is done.
          </p>
          <p class="govuk-body">
            <a class="govuk-link" href={`/app/cohorts/${cohort.id}/put-forward`}>
              Put completers forward to a linked vacancy
            </a>
          </p>
        </>
      ) : null}
    </>,
  );
}
