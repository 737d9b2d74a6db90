import type { AppDeps } from '../../deps.js';
import { supportDayLabel } from '../../../../shared/domain/in-work-support.js';
import type { FieldError } from '../../../../shared/errors.js';
import { CASELOAD_SORTS, searchCaseload } from '../../../../shared/use-cases/search.js';
import { Checkbox, fieldsFor, fmtDate, fmtDateTime, NextPage, Select, Table, Tag, ReadinessStatusCells } from '../components.js';
import { page, type WebContext } from '../context.js';
import { milestoneLabel, reviewReasonLabel, reviewRulesOf } from '../labels.js';
import { askedFor, CaseloadSearchFields, FilterForm, refusedSearch, resultCount, withQuery } from '../search-form.js';

/* The adviser's start page: what is waiting on them today, then their caseload, found by name, reference, readiness and what needs doing. */

const FILTERS = ['text', 'readiness', 'needsAction', 'sort'] as const;
const SORT_LABELS: Record<(typeof CASELOAD_SORTS)[number], string> = {
  surname: 'Surname, A to Z',
  readiness: 'Readiness, job-ready first',
  'last-contact': 'Longest without a contact first',
  newest: 'Most recently registered first',
};
const SORT_CAPTIONS: Record<(typeof CASELOAD_SORTS)[number], string> = {
  surname: 'by surname',
  readiness: 'job-ready first',
  'last-contact': 'longest without a contact first',
  newest: 'most recently registered first',
};
const PAGE_SIZE = 25;

type Result = Awaited<ReturnType<typeof searchCaseload>>;

/** Today's jobs across the whole caseload, soonest first: proposals to agree or decline, check-ins and appointments to record. */
function WaitingOnYou({ result }: { result: Result }) {
  const name = (r: Result['items'][number]) => `${r.participant.firstName} ${r.participant.lastName}`;
  const proposals = result.waiting
    .flatMap((r) => r.needs.proposals.map((p) => ({ r, p })))
    .sort((a, b) => (a.p.agreeBy ?? '').localeCompare(b.p.agreeBy ?? ''));
  const checkins = result.waiting
    .flatMap((r) => r.needs.checkins.map((x) => ({ r, x })))
    .sort((a, b) => a.x.dueOn.localeCompare(b.x.dueOn));
  const support = result.waiting.flatMap((r) => r.needs.support.map((x) => ({ r, x }))).sort((a, b) => a.x.dueOn.localeCompare(b.x.dueOn));
  const appointments = result.waiting
    .flatMap((r) => (r.needs.appointmentToRecord ? [{ r, at: r.needs.appointmentToRecord }] : []))
    .sort((a, b) => a.at.localeCompare(b.at));
  const review = result.waiting
    .filter((r) => r.needs.review.length)
    .sort((a, b) => a.needs.review[0]!.dueOn.localeCompare(b.needs.review[0]!.dueOn));
  return (
    <>
      <h2 class="govuk-heading-m">Needs a review</h2>
      {review.length ? (
        <Table caption="People who need a review, longest waiting first" showCaption head={['Name', 'Why', 'Since', 'Action']}>
          {review.map((r) => (
            <tr class="govuk-table__row">
              <td class="govuk-table__cell">
                <a class="govuk-link" href={`/app/participants/${r.participant.id}`}>
                  {name(r)}
                </a>
              </td>
              <td class="govuk-table__cell">
                <ul class="govuk-list">
                  {r.needs.review.map((x) => (
                    <li>{reviewReasonLabel(x.reason, reviewRulesOf(r.participant.programme))}</li>
                  ))}
                </ul>
              </td>
              <td class="govuk-table__cell">{fmtDate(r.needs.review[0]!.dueOn)}</td>
              <td class="govuk-table__cell">
                <a class="govuk-link" href={`/app/participants/${r.participant.id}/contacts/new`}>
                  Log a contact<span class="govuk-visually-hidden"> with {name(r)}</span>
                </a>
              </td>
            </tr>
          ))}
        </Table>
      ) : (
        <p class="govuk-body">Nobody on your caseload needs a review.</p>
      )}
      <h2 class="govuk-heading-m">Proposals to answer</h2>
      {proposals.length ? (
        <Table caption="Ask them, then agree or decline, by the date given" showCaption head={['Name', 'Vacancy', 'Answer by']}>
          {proposals.map(({ r, p }) => (
            <tr class="govuk-table__row">
              <td class="govuk-table__cell">
                <a class="govuk-link" href={`/app/participants/${r.participant.id}#proposals`}>
                  {name(r)}
                </a>
              </td>
              <td class="govuk-table__cell">{p.vacancyTitle}</td>
              <td class="govuk-table__cell">{fmtDate(p.agreeBy)}</td>
            </tr>
          ))}
        </Table>
      ) : (
        <p class="govuk-body">No proposals waiting for your answer.</p>
      )}
      <h2 class="govuk-heading-m">Check-ins due</h2>
      {checkins.length ? (
        <Table caption="People in work whose check-in can be recorded now" showCaption head={['Name', 'Job', 'Check-in', 'Due']}>
          {checkins.map(({ r, x }) => (
            <tr class="govuk-table__row">
              <td class="govuk-table__cell">
                <a class="govuk-link" href={`/app/participants/${r.participant.id}`}>
                  {name(r)}
                </a>
              </td>
              <td class="govuk-table__cell">{x.vacancyTitle}</td>
              <td class="govuk-table__cell">{milestoneLabel(x)}</td>
              <td class="govuk-table__cell">
                {fmtDate(x.dueOn)}
                {x.overdue ? (
                  <>
                    {' '}
                    <Tag colour="red">Overdue</Tag>
                  </>
                ) : null}
              </td>
            </tr>
          ))}
        </Table>
      ) : (
        <p class="govuk-body">No check-ins to record.</p>
      )}
      <h2 class="govuk-heading-m">In-work support contacts due</h2>
      {support.length ? (
        <Table
          caption="People in their first weeks of work to contact, most overdue first"
          showCaption
          head={['Name', 'Job', 'Contact', 'Due', 'Action']}
        >
          {support.map(({ r, x }) => (
            <tr class="govuk-table__row">
              <td class="govuk-table__cell">
                <a class="govuk-link" href={`/app/placements/${x.placementId}/support`}>
                  {name(r)}
                </a>
              </td>
              <td class="govuk-table__cell">{x.vacancyTitle}</td>
              <td class="govuk-table__cell">
                {supportDayLabel(x.day)}
                {x.outsideWork ? <span class="govuk-body-s govuk-!-display-block">Not at work: phone or outside work</span> : null}
              </td>
              <td class="govuk-table__cell">
                {fmtDate(x.dueOn)}
                {x.overdue ? (
                  <>
                    {' '}
                    <Tag colour="red">Overdue</Tag>
                  </>
                ) : null}
              </td>
              <td class="govuk-table__cell">
                <a class="govuk-link" href={`/app/participants/${r.participant.id}/contacts/new?support=${x.placementId}:${x.day}`}>
                  Log it<span class="govuk-visually-hidden"> ({name(r)})</span>
                </a>
              </td>
            </tr>
          ))}
        </Table>
      ) : (
        <p class="govuk-body">No in-work support contacts due.</p>
      )}
      <h2 class="govuk-heading-m">Appointments to record</h2>
      {appointments.length ? (
        <Table
          caption="Appointments that have passed without a record of how they went"
          showCaption
          head={['Name', 'Appointment', 'Action']}
        >
          {appointments.map(({ r, at }) => (
            <tr class="govuk-table__row">
              <td class="govuk-table__cell">
                <a class="govuk-link" href={`/app/participants/${r.participant.id}`}>
                  {name(r)}
                </a>
              </td>
              <td class="govuk-table__cell">{fmtDateTime(at)}</td>
              <td class="govuk-table__cell">
                <a class="govuk-link" href={`/app/participants/${r.participant.id}/contacts`}>
                  Record it<span class="govuk-visually-hidden"> ({name(r)})</span>
                </a>
              </td>
            </tr>
          ))}
        </Table>
      ) : (
        <p class="govuk-body">No appointments waiting to be recorded.</p>
      )}
    </>
  );
}

/** What is waiting on the adviser for one person, said briefly with its date. */
function Needs({ row }: { row: Result['items'][number] }) {
  const { proposals, checkins, support, appointmentToRecord } = row.needs;
  if (!proposals.length && !checkins.length && !support.length && !appointmentToRecord && !row.needs.review.length) return <>None</>;
  return (
    <ul class="govuk-list govuk-!-margin-bottom-0">
      {proposals.map((p) => (
        <li>
          <a class="govuk-link" href={`/app/participants/${row.participant.id}#proposals`}>
            Agree or decline: {p.vacancyTitle}
          </a>
          {p.agreeBy ? ` by ${fmtDate(p.agreeBy)}` : ''}
        </li>
      ))}
      {checkins.map((x) => (
        <li>
          <a class="govuk-link" href={`/app/participants/${row.participant.id}#placements`}>
            {x.milestone}-week check-in
          </a>{' '}
          due {fmtDate(x.dueOn)}
          {x.overdue ? (
            <>
              {' '}
              <Tag colour="red">Overdue</Tag>
            </>
          ) : null}
        </li>
      ))}
      {support.map((x) => (
        <li>
          <a class="govuk-link" href={`/app/placements/${x.placementId}/support`}>
            In-work support: {supportDayLabel(x.day).toLowerCase()}
          </a>{' '}
          due {fmtDate(x.dueOn)}
          {x.overdue ? (
            <>
              {' '}
              <Tag colour="red">Overdue</Tag>
            </>
          ) : null}
        </li>
      ))}
      {row.needs.review.length ? <li>A review, since {fmtDate(row.needs.review[0]!.dueOn)}</li> : null}
      {appointmentToRecord ? (
        <li>
          <a class="govuk-link" href={`/app/participants/${row.participant.id}/contacts`}>
            Record the appointment
          </a>{' '}
          of {fmtDate(appointmentToRecord)}
        </li>
      ) : null}
    </ul>
  );
}

export async function renderCaseload(c: WebContext, deps: AppDeps) {
  const actor = c.get('actor');
  const asked = askedFor(c, FILTERS);
  const cursor = c.req.query('cursor');
  let errors: FieldError[] | undefined;
  let result: Result | undefined;
  try {
    result = await searchCaseload(deps, actor, { ...asked, needsAction: asked.needsAction === 'true', limit: PAGE_SIZE, cursor });
  } catch (err) {
    errors = refusedSearch(err);
  }
  const f = fieldsFor(asked, errors);
  const filtered = FILTERS.some((k) => k !== 'sort' && asked[k]);
  const sort = (CASELOAD_SORTS as readonly string[]).includes(asked.sort ?? '')
    ? (asked.sort as (typeof CASELOAD_SORTS)[number])
    : 'surname';
  return page(
    c,
    { title: 'My caseload', current: '/app', errors, status: errors ? 400 : 200 },
    <>
      <h1 class="govuk-heading-l">My caseload</h1>
      <p class="govuk-body">
        <a class="govuk-button" href="/app/participants/new" draggable="false">
          Add a participant
        </a>
      </p>
      {result ? <WaitingOnYou result={result} /> : null}
      <h2 class="govuk-heading-m">Participants</h2>
      <FilterForm action="/app" label="Filter your caseload" clear={filtered}>
        <CaseloadSearchFields f={f} />
        <Checkbox
          {...f.flag('needsAction')}
          legend="Needs action"
          text="Only people waiting on you (a proposal to answer, a check-in or an appointment to record)"
        />
        <Select {...f.field('sort')} label="Sort by" options={CASELOAD_SORTS.map((x) => [x, SORT_LABELS[x]] as const)} />
      </FilterForm>
      {result ? (
        <>
          <p class="govuk-body" role="status">
            {resultCount(result.items.length, Boolean(cursor || result.nextCursor), 'person', 'people')}
            {result.nextCursor || cursor ? ` (${result.total} in all)` : ''}
          </p>
          {result.items.length ? (
            <Table
              caption={`Participants on your caseload, ${SORT_CAPTIONS[sort]}`}
              head={['Name', 'Readiness', 'Status', 'Last contact', 'Waiting on you']}
            >
              {result.items.map((row) => (
                <tr class="govuk-table__row">
                  <td class="govuk-table__cell">
                    <a class="govuk-link" href={`/app/participants/${row.participant.id}`}>
                      {row.participant.firstName} {row.participant.lastName}
                    </a>
                  </td>
                  <ReadinessStatusCells p={row.participant} />
                  <td class="govuk-table__cell">
                    {row.participant.casework?.lastContactAt ? fmtDate(row.participant.casework.lastContactAt) : 'None logged'}
                  </td>
                  <td class="govuk-table__cell">
                    <Needs row={row} />
                  </td>
                </tr>
              ))}
            </Table>
          ) : null}
          <NextPage href={result.nextCursor ? withQuery('/app', { ...asked, cursor: result.nextCursor }) : undefined} />
        </>
      ) : (
        <p class="govuk-body">Check the filters.</p>
      )}
    </>,
  );
}
