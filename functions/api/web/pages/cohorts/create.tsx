import type { Child } from 'hono/jsx';
import type { AppDeps } from '../../../deps.js';
import { COHORT_KINDS, COHORT_MODULES, CohortCreate } from '../../../../../shared/domain/cohort.js';
import { SECTORS } from '../../../../../shared/domain/common.js';
import { ForbiddenError, NotFoundError, type FieldError } from '../../../../../shared/errors.js';
import * as cohorts from '../../../../../shared/use-cases/cohorts.js';
import { getEmployer } from '../../../../../shared/use-cases/employers.js';
import { getVacancy } from '../../../../../shared/use-cases/vacancies.js';
import {
  Button,
  Choices,
  DateParts,
  fieldsFor,
  fmtDate,
  PostForm,
  Select,
  SummaryList,
  TextArea,
  TextInput,
  words,
  yesNo,
  YesNo,
} from '../../components.js';
import { page, type WebContext } from '../../context.js';
import { formErrors, friendly, parseForm, typedValues, valueAt, type RawForm, type Values } from '../../forms.js';
import { COHORT_KIND_LABELS, COHORT_MODULE_LABELS } from '../../labels.js';
import { HiddenFields, Panel, ConfirmOrChange } from '../../patterns.js';
import { staffOnly } from '../../session.js';

/* Setting up a cohort: the question page, check your answers, and the confirmation panel. */

const DATES = ['startDate', 'endDate'];
const LISTS = ['modules', 'certificationsAwarded', 'linkedEmployerIds', 'linkedVacancyIds'];

/** What to say when a required answer is missing, by field. */
const MISSING: Record<string, string> = {
  title: 'enter the cohort’s title',
  kind: 'select the kind of cohort',
  sector: 'select the sector',
  provider: 'enter the training provider',
  venue: 'enter where the training happens',
  startDate: 'enter the start date',
  endDate: 'enter the end date',
  capacity: 'enter how many places it has',
  modules: 'select at least one module',
};

/** Errors said plainly, each on a field the page shows (an item of a list on the list, `linkedVacancyIds.2` on `linkedVacancyIds`). */
function tidy(errors: FieldError[], values: Values): FieldError[] {
  // A date input's value is its three fields: said as one string here, so an empty one reads as missing.
  const flat: Record<string, unknown> = Object.assign(Object.create(null), values);
  for (const d of DATES) flat[d] = ['day', 'month', 'year'].map((part) => valueAt(values, `${d}.${part}`)).join('');
  const seen = new Set<string>();
  return friendly(errors, flat).flatMap((e) => {
    const path = LISTS.find((l) => e.path.startsWith(`${l}.`)) ?? e.path;
    const message = valueAt(flat, path) === '' && MISSING[path] ? MISSING[path] : e.message;
    const key = `${path}|${message}`;
    if (seen.has(key)) return [];
    seen.add(key);
    return [{ path, message }];
  });
}

/** The posted answers checked as the API checks them: the dates made ISO first; the step button is not an answer. */
function check(raw: RawForm) {
  const { step: _step, ...answers } = raw;
  const values = typedValues(answers);
  const parsed = parseForm(CohortCreate, answers);
  const errors = parsed.ok ? [] : tidy(parsed.errors, values);
  return { answers, values, value: parsed.ok ? parsed.value : undefined, errors };
}

function CohortForm({ c, values, errors }: { c: WebContext; values: Values; errors?: FieldError[] }) {
  const f = fieldsFor(values, errors);
  return (
    <PostForm c={c} action="/app/cohorts/new">
      <TextInput {...f.field('title')} label="Title" hint="For example, Warehouse routeway, January" />
      <Choices
        {...f.choice('kind')}
        kind="radios"
        legend="Kind of cohort"
        options={COHORT_KINDS.map((k) => [k, COHORT_KIND_LABELS[k][0], COHORT_KIND_LABELS[k][1]] as const)}
      />
      <Select {...f.field('sector')} label="Sector" options={[['', 'Choose a sector'], ...SECTORS.map((s) => [s, words(s)] as const)]} />
      <TextInput {...f.field('provider')} label="Training provider" />
      <TextInput {...f.field('venue')} label="Venue" hint="Where the training happens" />
      <DateParts {...f.date('startDate')} legend="Start date" hint="For example, 11 1 2027" />
      <DateParts {...f.date('endDate')} legend="End date" hint="The last day of training. For example, 22 1 2027" />
      <TextInput
        {...f.field('capacity:number')}
        label="Places"
        hint="How many people it can take, up to 100"
        width="3"
        inputmode="numeric"
      />
      <Choices
        {...f.choice('modules[]')}
        kind="checkboxes"
        legend="Modules"
        hint="Select all that the course covers"
        options={COHORT_MODULES.map((m) => [m, COHORT_MODULE_LABELS[m]] as const)}
        small
      />
      <TextInput
        {...f.field('certificationsAwarded[]')}
        label="Certificates completers are awarded (optional)"
        hint="Separate them with commas, for example: sia door supervisor, first aid at work. Completing the course adds them to each person’s record."
      />
      <TextInput
        {...f.field('linkedEmployerIds[]')}
        label="Linked employers (optional)"
        hint="Employer references, separated by commas: the reference is the last part of the employer page’s web address"
        spellcheck={false}
      />
      <TextInput
        {...f.field('linkedVacancyIds[]')}
        label="Linked vacancies (optional)"
        hint="Vacancy references, separated by commas: the last part of the vacancy page’s web address"
        spellcheck={false}
      />
      <YesNo
        {...f.choice('guaranteedInterview:boolean')}
        legend="Does completing it guarantee an interview?"
        hint="With a guaranteed interview, completers can be put forward together to the linked vacancies"
      />
      <TextArea {...f.field('eligibility')} label="Who it is for (optional)" rows={3} />
      <Button>Continue</Button>
    </PostForm>
  );
}

function renderForm(c: WebContext, values: Values, errors?: FieldError[], status?: number) {
  return page(
    c,
    { title: 'Set up a cohort', current: '/app/cohorts', errors, status },
    <>
      <a class="govuk-back-link" href="/app/cohorts">
        Back to cohorts
      </a>
      <span class="govuk-caption-l">Cohorts</span>
      <h1 class="govuk-heading-l">Set up a cohort</h1>
      <p class="govuk-body">A pre-employment training course. You can check your answers before it is created.</p>
      <CohortForm c={c} values={values} errors={errors} />
    </>,
  );
}

const orNone = <T,>(p: Promise<T>) =>
  p.catch((err: unknown) => {
    if (err instanceof NotFoundError || err instanceof ForbiddenError) return undefined;
    throw err;
  });

const list = (items: Child[]) =>
  items.length ? (
    <ul class="govuk-list">
      {items.map((x) => (
        <li>{x}</li>
      ))}
    </ul>
  ) : (
    'None'
  );

/** Check your answers: what will be created, the linked records by name, and the answers carried on to create it or change them. */
async function renderCheck(c: WebContext, deps: AppDeps, answers: RawForm, values: Values, cohort: CohortCreate) {
  const actor = c.get('actor');
  const [emps, vacs] = await Promise.all([
    Promise.all(cohort.linkedEmployerIds.map((id) => orNone(getEmployer(deps, actor, id)))),
    Promise.all(cohort.linkedVacancyIds.map((id) => orNone(getVacancy(deps, actor, id)))),
  ]);
  const unknown: FieldError[] = [
    ...cohort.linkedEmployerIds.flatMap((id, i) =>
      emps[i] ? [] : [{ path: 'linkedEmployerIds', message: `no employer has the reference ${id}` }],
    ),
    ...cohort.linkedVacancyIds.flatMap((id, i) =>
      vacs[i] ? [] : [{ path: 'linkedVacancyIds', message: `no vacancy has the reference ${id}` }],
    ),
  ];
  if (unknown.length) return renderForm(c, values, unknown, 400);
  const rows: [string, Child][] = [
    ['Title', cohort.title],
    ['Kind', COHORT_KIND_LABELS[cohort.kind][0]],
    ['Sector', words(cohort.sector)],
    ['Training provider', cohort.provider],
    ['Venue', cohort.venue],
    ['Dates', `${fmtDate(cohort.startDate)} to ${fmtDate(cohort.endDate)}`],
    ['Places', String(cohort.capacity)],
    ['Modules', list(cohort.modules.map((m) => COHORT_MODULE_LABELS[m]))],
    ['Certificates awarded', list(cohort.certificationsAwarded)],
    ['Linked employers', list(emps.map((e) => e?.name ?? ''))],
    ['Linked vacancies', list(vacs.map((v) => (v ? `${v.title} (${v.employerName})` : '')))],
    ['Guaranteed interview', yesNo(cohort.guaranteedInterview)],
    ['Who it is for', cohort.eligibility ?? 'Not said'],
  ];
  return page(
    c,
    { title: 'Check your answers before creating the cohort', current: '/app/cohorts' },
    <>
      <span class="govuk-caption-l">Set up a cohort</span>
      <h1 class="govuk-heading-l">Check your answers before creating the cohort</h1>
      <SummaryList rows={rows} />
      <PostForm c={c} action="/app/cohorts/new">
        <HiddenFields form={answers} />
        <h2 class="govuk-heading-m">Now create the cohort</h2>
        <p class="govuk-body">Advisers and officers can then enrol people on it, up to {cohort.capacity}.</p>
        <ConfirmOrChange step="create">Create cohort</ConfirmOrChange>
      </PostForm>
    </>,
  );
}

/** The question page (liaison officers and admins). */
export function newCohortPage(c: WebContext) {
  staffOnly(c.get('actor'));
  return renderForm(c, undefined);
}

/**
 * The one form route of the job, by the step its button names: none (the question page) checks the
 * answers and shows them to check; `change` shows the question page again with them; `create` checks
 * them once more and creates the cohort, then goes to the confirmation.
 */
export async function postNewCohort(c: WebContext, deps: AppDeps) {
  const actor = c.get('actor');
  staffOnly(actor);
  const raw = await c.req.parseBody({ all: true });
  const { answers, values, value, errors } = check(raw);
  if (raw.step === 'change') return renderForm(c, values);
  if (!value) return renderForm(c, values, errors, 400);
  if (raw.step !== 'create') return renderCheck(c, deps, answers, values, value);
  try {
    const created = await cohorts.createCohort(deps, actor, value);
    return c.redirect(`/app/cohorts/${created.id}/created`, 303);
  } catch (err) {
    const f = formErrors(err, 'title');
    if (!f) throw err;
    return renderForm(c, values, tidy(f.errors, values), f.status);
  }
}

/** The confirmation: what was created, what happens next, and who was told (nobody, yet). */
export async function cohortCreatedPage(c: WebContext, deps: AppDeps, id: string) {
  const actor = c.get('actor');
  staffOnly(actor);
  const cohort = await cohorts.getCohort(deps, actor, id);
  return page(
    c,
    { title: 'Cohort created', current: '/app/cohorts' },
    <>
      <Panel title="Cohort created">
        {cohort.title}
        <br />
        {fmtDate(cohort.startDate)} to {fmtDate(cohort.endDate)}
      </Panel>
      <h2 class="govuk-heading-m">What happens next</h2>
      <p class="govuk-body">
        Advisers can now find it under Cohorts and enrol people from their caseloads; you can enrol people too. It has {cohort.capacity}{' '}
        places.
      </p>
      {cohort.guaranteedInterview ? (
        <p class="govuk-body">
          When people complete it, you can put them forward together to its linked vacancies, each with a guaranteed interview.
        </p>
      ) : null}
      <p class="govuk-body">Nobody has been sent a notification about it: tell the advisers and employers who need to know.</p>
      <p class="govuk-body">
        <a class="govuk-link" href={`/app/cohorts/${cohort.id}`}>
          Go to the cohort
        </a>
      </p>
      <p class="govuk-body">
        <a class="govuk-link" href="/app/cohorts/new">
          Set up another cohort
        </a>
      </p>
    </>,
  );
}
