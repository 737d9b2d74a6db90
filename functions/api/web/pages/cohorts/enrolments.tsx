import type { AppDeps } from '../../../deps.js';
import { EnrolmentCreate, EnrolmentPatch } from '../../../../../shared/domain/cohort.js';
import { NotFoundError, ValidationError, type FieldError } from '../../../../../shared/errors.js';
import * as cohorts from '../../../../../shared/use-cases/cohorts.js';
import { findParticipants } from '../../../../../shared/use-cases/participant-search.js';
import {
  Button,
  Choices,
  Csrf,
  fieldsFor,
  Select,
  SummaryList,
  Table,
  TextArea,
  TextInput,
  ReadinessStatusCells,
} from '../../components.js';
import { page, type WebContext } from '../../context.js';
import { formErrors, friendly, parseForm, typedValues, type Values } from '../../forms.js';
import { ENROLMENT_CHANGE_LABELS } from '../../labels.js';
import { peopleFor, staffOptions } from '../../people.js';
import { isStaff } from '../../session.js';
import { awards, dates } from './cohort-words.js';

/* Enrolling people on a cohort (found by search, never a list of everyone), and marking a place completed or withdrawn. */

/**
 * The search that finds who to enrol: an adviser types a name from their caseload (or a reference);
 * liaison officers and admins a participant reference, or a name and the adviser whose caseload it is on.
 */
export function EnrolSearchForm({
  c,
  cohortId,
  values,
  errors,
  advisers,
}: {
  c: WebContext;
  cohortId: string;
  values: Values;
  errors?: FieldError[];
  /** For liaison officers and admins: the advisers to search the caseload of, by name. */
  advisers: [string, string][];
}) {
  const staff = isStaff(c.get('actor'));
  const f = fieldsFor(values, errors);
  return (
    <form method="get" action={`/app/cohorts/${cohortId}/enrol`} novalidate>
      <TextInput
        {...f.field('participant')}
        label={staff ? 'Participant reference or name' : 'Name of someone on your caseload'}
        hint={
          staff
            ? 'The reference is the last part of the participant page’s web address. To search by name, choose their adviser too.'
            : 'Their first name, last name or both. You can also use their participant reference.'
        }
        spellcheck={false}
      />
      {staff ? (
        <Select {...f.field('adviserId')} label="Their adviser (to search by name)" options={[['', 'Choose their adviser'], ...advisers]} />
      ) : null}
      <Button secondary>Find</Button>
    </form>
  );
}

type Found = Awaited<ReturnType<typeof findParticipants>>;

/** The search page: the form, and who it found with a button to enrol each (or why they cannot be). */
export async function enrolPage(c: WebContext, deps: AppDeps, id: string, failed?: { errors: FieldError[]; status: number }) {
  const actor = c.get('actor');
  const cohort = await cohorts.getCohort(deps, actor, id);
  const text = c.req.query('participant') ?? '';
  const adviserId = c.req.query('adviserId');
  const values = { participant: text, adviserId: adviserId ?? '' };
  let found: Found | undefined;
  let errors = failed?.errors;
  let status = failed?.status;
  if (text.trim() && !failed) {
    try {
      found = await findParticipants(deps, actor, { text, adviserId });
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      errors = err.errors;
      status = 400;
    }
  }
  const enrolled = new Set(cohort.enrolments.filter((e) => e.status !== 'withdrawn').map((e) => e.participantId));
  const staff = isStaff(actor);
  const [people, advisers] = await Promise.all([
    peopleFor(c, deps, staff ? (found?.items ?? []).map((p) => p.adviserId) : []),
    staff ? staffOptions(c, deps, ['adviser', 'admin']) : [],
  ]);
  return page(
    c,
    { title: `Enrol someone on ${cohort.title}`, current: '/app/cohorts', errors, status },
    <>
      <a class="govuk-back-link" href={`/app/cohorts/${cohort.id}`}>
        Back to {cohort.title}
      </a>
      <span class="govuk-caption-l">
        {cohort.title}, {dates(cohort.startDate, cohort.endDate)}
      </span>
      <h1 class="govuk-heading-l">Enrol someone</h1>
      <p class="govuk-body">
        {cohort.capacity - cohort.enrolledCount} of {cohort.capacity} places left.
      </p>
      <EnrolSearchForm c={c} cohortId={cohort.id} values={values} errors={errors} advisers={advisers} />
      {found ? (
        found.items.length === 0 ? (
          <p class="govuk-body" id="results">
            Nobody found. Check the spelling{staff ? ', the reference or their adviser' : ' or use their participant reference'}.
          </p>
        ) : (
          <>
            <Table
              caption={`${found.items.length}${found.more ? '+' : ''} found`}
              showCaption
              head={['Name', 'Reference', ...(staff ? ['Adviser'] : []), 'Readiness', 'Status', 'Enrol']}
            >
              {found.items.map((p) => {
                const name = `${p.firstName} ${p.lastName}`;
                return (
                  <tr class="govuk-table__row">
                    <th scope="row" class="govuk-table__header">
                      {name}
                    </th>
                    <td class="govuk-table__cell">{p.id}</td>
                    {staff ? <td class="govuk-table__cell">{people.name(p.adviserId)}</td> : null}
                    <ReadinessStatusCells p={p} />
                    <td class="govuk-table__cell">
                      {enrolled.has(p.id) ? (
                        'Already enrolled'
                      ) : p.status !== 'active' ? (
                        'Only people active on the programme can be enrolled'
                      ) : (
                        <form method="post" action={`/app/cohorts/${cohort.id}/enrolments`} novalidate class="rw-inline-form">
                          <Csrf c={c} />
                          <input type="hidden" name="participantId" value={p.id} />
                          <button type="submit" class="govuk-button govuk-!-margin-bottom-0" data-module="govuk-button">
                            Enrol<span class="govuk-visually-hidden"> {name}</span>
                          </button>
                        </form>
                      )}
                    </td>
                  </tr>
                );
              })}
            </Table>
            {found.more ? <p class="govuk-body">There are more: add more of their name to narrow it down.</p> : null}
          </>
        )
      ) : null}
    </>,
  );
}

/** Enrols the person chosen; what stops it (no places, already on it, the course over) is said on the search page, on its search box. */
export async function postEnrol(c: WebContext, deps: AppDeps, id: string) {
  const actor = c.get('actor');
  const parsed = parseForm(EnrolmentCreate, await c.req.parseBody({ all: true }));
  const onSearch = (errors: FieldError[]) => errors.map((e) => ({ path: 'participant', message: e.message }));
  if (!parsed.ok) return enrolPage(c, deps, id, { errors: onSearch(friendly(parsed.errors, undefined)), status: 400 });
  try {
    await cohorts.enrol(deps, actor, id, parsed.value.participantId);
    return c.redirect(`/app/cohorts/${id}?done=enrolled#enrolments`, 303);
  } catch (err) {
    const f = formErrors(err, 'participant');
    if (!f) throw err;
    return enrolPage(c, deps, id, { errors: onSearch(f.errors), status: f.status });
  }
}

/** One place on the cohort as this reader may see it, or a 404 (another adviser's participant, or nobody enrolled). */
async function placeOf(deps: AppDeps, c: WebContext, id: string, participantId: string) {
  const actor = c.get('actor');
  const cohort = await cohorts.getCohort(deps, actor, id);
  const e = cohort.enrolments.find((x) => x.participantId === participantId);
  if (!e || (!isStaff(actor) && e.participantName === undefined)) throw new NotFoundError('enrolment');
  return { cohort, e };
}

const MISSING: Record<string, string> = { status: 'select whether they completed or withdrew' };

/** The question page: did they complete (and what that awards) or withdraw, with a note. */
export async function enrolmentPage(
  c: WebContext,
  deps: AppDeps,
  id: string,
  participantId: string,
  failed?: { errors: FieldError[]; values: Values; status: number },
) {
  const { cohort, e } = await placeOf(deps, c, id, participantId);
  const name = e.participantName ?? 'This participant';
  const f = fieldsFor(failed?.values, failed?.errors);
  return page(
    c,
    { title: `Mark ${name}’s place on ${cohort.title}`, current: '/app/cohorts', errors: failed?.errors, status: failed?.status },
    <>
      <a class="govuk-back-link" href={`/app/cohorts/${cohort.id}#enrolments`}>
        Back to {cohort.title}
      </a>
      <span class="govuk-caption-l">{cohort.title}</span>
      <h1 class="govuk-heading-l">Did {name} complete the course?</h1>
      <SummaryList
        rows={[
          ['Participant', name],
          ['Dates', dates(cohort.startDate, cohort.endDate)],
          ['Status now', e.status],
        ]}
      />
      {e.status !== 'enrolled' ? (
        <p class="govuk-body">Their place is already marked {e.status}: it cannot be changed again.</p>
      ) : (
        <form method="post" action={`/app/cohorts/${cohort.id}/enrolments/${participantId}`} novalidate>
          <Csrf c={c} />
          <Choices
            {...f.choice('status')}
            kind="radios"
            legend="What happened"
            options={[
              [
                'completed',
                ENROLMENT_CHANGE_LABELS.completed,
                `${awards(cohort.certificationsAwarded)} They are added to their record today.`,
              ],
              ['withdrawn', ENROLMENT_CHANGE_LABELS.withdrawn, 'Their place is freed for someone else. No certificates are awarded.'],
            ]}
          />
          <TextArea
            {...f.field('note')}
            label="Note (optional)"
            hint="Seen by liaison officers, administrators and their adviser; never by employers"
            rows={3}
          />
          <Button>Save</Button>
        </form>
      )}
    </>,
  );
}

export async function postEnrolmentChange(c: WebContext, deps: AppDeps, id: string, participantId: string) {
  const actor = c.get('actor');
  const raw = await c.req.parseBody({ all: true });
  const values = typedValues(raw);
  const say = (errors: FieldError[]) =>
    friendly(errors, values).map((e) => ({ path: e.path, message: MISSING[e.path] && !values.status ? MISSING[e.path]! : e.message }));
  const parsed = parseForm(EnrolmentPatch, raw);
  if (!parsed.ok) return enrolmentPage(c, deps, id, participantId, { errors: say(parsed.errors), values, status: 400 });
  try {
    const e = await cohorts.changeEnrolment(deps, actor, id, participantId, parsed.value);
    return c.redirect(`/app/cohorts/${id}?done=${e.status}#enrolments`, 303);
  } catch (err) {
    const f = formErrors(err, 'status');
    if (!f) throw err;
    return enrolmentPage(c, deps, id, participantId, { errors: say(f.errors), values, status: f.status });
  }
}
