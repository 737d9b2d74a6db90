import type { Child } from 'hono/jsx';
import type { AppDeps } from '../../../deps.js';
import type { Actor } from '../../../../../shared/domain/actor.js';
import { Id, SECTORS, SHIFT_PATTERNS, WORK_DEMANDS } from '../../../../../shared/domain/common.js';
import type { Employer } from '../../../../../shared/domain/employer.js';
import { BACKGROUND_CHECKS, CONTRACT_TYPES, VacancyCreate, type Vacancy } from '../../../../../shared/domain/vacancy.js';
import { NotFoundError, type FieldError } from '../../../../../shared/errors.js';
import * as employers from '../../../../../shared/use-cases/employers.js';
import { searchEmployers } from '../../../../../shared/use-cases/search.js';
import * as skills from '../../../../../shared/use-cases/skills.js';
import {
  Button,
  Checkbox,
  Choices,
  DateParts,
  fieldsFor,
  fmtDate,
  NextPage,
  PostForm,
  Select,
  SkillChoice,
  skillChoiceGroups,
  SummaryList,
  TextInput,
  words,
} from '../../components.js';
import { page, type WebContext } from '../../context.js';
import { valueAt, type Values } from '../../forms.js';
import { BACKGROUND_CHECK_CHOICES } from '../../labels.js';
import { WarningText } from '../../patterns.js';
import { withQuery } from '../../search-form.js';

/* Taking a new vacancy: which employer it is for (found by name, any number of them), then the form. */

/** Groups of fields a missing value is reported on (friendly()). */
export const VACANCY_GROUPS = {
  hoursPerWeek: ['hoursPerWeek.min', 'hoursPerWeek.max'],
  wage: ['wage.amount'],
  site: ['site.postcode'],
  occupation: ['occupation.title'],
};

/** The employer a new vacancy is for, when the id given is one the caller may see; undefined when there is none. */
async function chosenEmployer(deps: AppDeps, actor: Actor, id: string): Promise<Employer | undefined> {
  if (!Id.safeParse(id).success) return undefined;
  try {
    return await employers.getEmployer(deps, actor, id);
  } catch (err) {
    if (err instanceof NotFoundError) return undefined;
    throw err;
  }
}

const CHOOSER_PAGE = 25;

/**
 * The first question: which employer the vacancy is for. Any number of employers: found by words of
 * the name (or, with nothing typed, the officer's own), 25 to a page, each a link to the form for it.
 */
async function renderEmployerChooser(c: WebContext, deps: AppDeps, opts: { error?: string; status?: number } = {}) {
  const actor = c.get('actor');
  const q = c.req.query('q')?.trim().slice(0, 100) ?? '';
  const cursor = c.req.query('cursor');
  const found = await searchEmployers(deps, actor, { ...(q ? { q } : { accountManagerId: actor.sub }), limit: CHOOSER_PAGE, cursor });
  const errors: FieldError[] | undefined = opts.error ? [{ path: 'q', message: opts.error }] : undefined;
  return page(
    c,
    { title: 'Which employer is the vacancy for?', current: '/app/vacancies', errors, status: opts.status },
    <>
      <a class="govuk-back-link" href="/app/vacancies">
        Back to vacancies
      </a>
      <span class="govuk-caption-l">Take a new vacancy</span>
      <h1 class="govuk-heading-l">Which employer is the vacancy for?</h1>
      <form method="get" action="/app/vacancies/new" class="govuk-!-margin-bottom-6">
        <TextInput
          id="q"
          name="q"
          value={q}
          label="Find the employer"
          hint="Any words of its name"
          type="search"
          error={errors?.[0]?.message}
        />
        <Button secondary>Search</Button>
      </form>
      <h2 class="govuk-heading-m">{q ? `Employers named “${q}”` : 'Employers you manage'}</h2>
      {found.items.length ? (
        <ul class="govuk-list govuk-list--spaced">
          {found.items.map((e) => (
            <li>
              <a class="govuk-link" href={`/app/vacancies/new?employerId=${e.id}`}>
                {e.name}
                <span class="govuk-visually-hidden">: take a vacancy</span>
              </a>{' '}
              <span class="govuk-hint govuk-!-display-inline">
                {e.address.town}, {words(e.sector)}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p class="govuk-body">
          {q ? `No employer’s name has the words “${q}”.` : 'You do not manage any employers yet: find the employer by name.'}
        </p>
      )}
      <NextPage href={found.nextCursor ? withQuery('/app/vacancies/new', { q, cursor: found.nextCursor }) : undefined} />
    </>,
  );
}

/**
 * What a vacancy's questions ask when whose it is and whether to publish it are not asked: changing one,
 * or an employer user posting their own (always a draft, for their account manager).
 */
export const VacancyAnswers = VacancyCreate.omit({ employerId: true, status: true });

/**
 * The vacancy's questions. Taking a new one (`employer`: the one chosen first) shows whose it is and asks
 * whether to publish it; with `edit` (where it posts, and any hidden fields: changing one, or an employer
 * user posting their own) those are not asked.
 */
export function VacancyForm({
  c,
  employer,
  skillGroups,
  values,
  errors,
  edit,
  repeat,
}: {
  c: WebContext;
  /** The employer a new vacancy is for (an edit carries its own hidden fields instead). */
  employer?: Employer;
  skillGroups: { label: string; skills: string[] }[];
  values: Values;
  errors?: FieldError[];
  edit?: { action: string; hidden?: Child };
  /** Asked after a repeat was found: saving needs a yes that this is another vacancy. */
  repeat?: boolean;
}) {
  const f = fieldsFor(values, errors);
  return (
    <PostForm c={c} action={edit?.action ?? '/app/vacancies'}>
      {edit ? (
        edit.hidden
      ) : employer ? (
        <>
          <input type="hidden" name="employerId" value={employer.id} />
          <SummaryList
            rows={[
              [
                'Employer',
                <>
                  {employer.name}{' '}
                  <a class="govuk-link" href="/app/vacancies/new">
                    Change<span class="govuk-visually-hidden"> the employer</span>
                  </a>
                </>,
              ],
            ]}
          />
        </>
      ) : null}
      <TextInput {...f.field('title')} label="Job title as advertised" />
      <TextInput
        {...f.field('occupation.title')}
        label="Occupation"
        hint="The kind of work, for matching, for example ‘Warehouse operative’"
      />
      <Select {...f.field('sector')} label="Sector" options={[['', 'Choose a sector'], ...SECTORS.map((s) => [s, words(s)] as const)]} />
      <TextInput {...f.field('site.postcode')} label="Postcode of the place of work" width="10" autocomplete="postal-code" />
      <TextInput {...f.field('site.town')} label="Town (optional)" width="20" />
      <TextInput {...f.field('positions:number')} label="Number of positions" width="4" inputmode="numeric" />
      <fieldset class="govuk-fieldset">
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Hours per week</legend>
        <TextInput {...f.field('hoursPerWeek.min:number')} label="Fewest hours" width="3" inputmode="numeric" />
        <TextInput {...f.field('hoursPerWeek.max:number')} label="Most hours" width="3" inputmode="numeric" />
      </fieldset>
      <Choices
        {...f.choice('shiftPatterns[]')}
        kind="checkboxes"
        legend="Shift patterns"
        hint="Select all that apply."
        options={SHIFT_PATTERNS.map((s) => [s, words(s)] as const)}
        small
      />
      <Select
        {...f.field('contractType')}
        label="Contract type"
        options={[['', 'Choose a contract type'], ...CONTRACT_TYPES.map((t) => [t, words(t)] as const)]}
      />
      <fieldset class="govuk-fieldset">
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Pay</legend>
        <TextInput {...f.field('wage.amount:number')} label="Amount in pounds" width="5" inputmode="decimal" />
        <Select
          {...f.field('wage.period')}
          label="Per"
          options={[
            ['hour', 'Hour'],
            ['week', 'Week'],
            ['year', 'Year'],
          ]}
          value={valueAt(values, 'wage.period') || 'hour'}
        />
      </fieldset>
      <SkillChoice
        {...f.choice('essentialSkills[]')}
        legend="Must-have skills (optional)"
        hint="Candidates without them are not suggested (one short: they are shown with training that could close the gap)."
        groups={skillGroups}
      />
      <SkillChoice
        {...f.choice('desirableSkills[]')}
        legend="Nice-to-have skills (optional)"
        hint="These only rank candidates."
        groups={skillGroups}
      />
      <TextInput
        {...f.field('essentialCertifications[]')}
        label="Certificates or licences needed (optional)"
        hint="Separate them with commas, for example: sia door supervisor, cscs green card"
      />
      <Choices
        {...f.choice('workDemands[]')}
        kind="checkboxes"
        legend="What the work involves (optional)"
        hint="Say what the job asks of people, so nobody is matched to tasks they cannot do."
        options={WORK_DEMANDS.map((d) => [d, words(d)] as const)}
        small
      />
      <Checkbox {...f.flag('drivingLicenceRequired:boolean')} legend="Driving" text="A full driving licence is needed" />
      <Select
        {...f.field('backgroundCheck')}
        label="Background check"
        options={BACKGROUND_CHECKS.map((b) => [b, BACKGROUND_CHECK_CHOICES[b]] as const)}
        value={valueAt(values, 'backgroundCheck') || 'none'}
      />
      <Checkbox
        {...f.flag('guaranteedInterview:boolean')}
        legend="Guaranteed interview"
        text="The employer guarantees an interview to candidates who meet the must-haves"
      />
      <Checkbox {...f.flag('workTrial:boolean')} legend="Work trial" text="The employer offers a work trial" />
      <DateParts {...f.date('closingDate')} legend="Closing date" />
      {edit ? null : (
        <Choices
          {...f.choice('status')}
          kind="radios"
          legend="Publish the vacancy?"
          hint="A draft gives advisers time to prepare candidates before it is advertised."
          options={[
            ['draft', 'Save as draft'],
            ['open', 'Publish now'],
          ]}
          checked={[valueAt(values, 'status') || 'draft']}
        />
      )}
      {repeat ? (
        <Checkbox
          id="confirmRepeat"
          name="confirmRepeat"
          legend="Is this another vacancy?"
          text="Yes, this is another vacancy, not one of those already open or in draft"
          checked={false}
        />
      ) : null}
      <Button>{edit ? 'Continue' : 'Save vacancy'}</Button>
    </PostForm>
  );
}

/** The employer already has a live vacancy of this title: which, and how to go on if this one is new. */
function RepeatWarning({ employer, repeats }: { employer: Employer; repeats: Vacancy[] }) {
  return (
    <div id="repeat">
      <WarningText>
        {employer.name} already has {repeats.length === 1 ? 'a vacancy' : `${repeats.length} vacancies`} with this title. Check it is not
        the same job before you save this one.
      </WarningText>
      <ul class="govuk-list">
        {repeats.map((v) => (
          <li>
            <a class="govuk-link" href={`/app/vacancies/${v.id}`}>
              {v.title}
            </a>{' '}
            ({v.status === 'draft' ? 'draft' : 'open'}, {v.site.town ?? v.site.postcode}, closes {fmtDate(v.closingDate)})
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * The new-vacancy page: which employer first, then the form for it, refilled with `values` (and their
 * errors) after a refused save.
 */
export async function renderNewVacancy(
  c: WebContext,
  deps: AppDeps,
  values: Values,
  errors?: FieldError[],
  status?: number,
  repeats: Vacancy[] = [],
) {
  const actor = c.get('actor');
  const id = valueAt(values, 'employerId');
  const [employer, list] = await Promise.all([id ? chosenEmployer(deps, actor, id) : undefined, skills.listSkills(deps, actor)]);
  // An employer we cannot find (or none, on a post) is chosen again; the rest of a posted form cannot be kept without one.
  if (!employer)
    return id
      ? renderEmployerChooser(c, deps, { error: 'We cannot find that employer: find it by name', status: 404 })
      : renderEmployerChooser(c, deps, errors ? { error: 'Select the employer the vacancy is for', status: 400 } : {});
  return page(
    c,
    { title: 'Take a new vacancy', current: '/app/vacancies', errors, status },
    <>
      <a class="govuk-back-link" href="/app/vacancies/new">
        Back to choosing the employer
      </a>
      <h1 class="govuk-heading-l">Take a new vacancy</h1>
      <p class="govuk-body">Record what the employer needs. Must-haves rule candidates in or out; nice-to-haves only rank them.</p>
      {repeats.length ? <RepeatWarning employer={employer} repeats={repeats} /> : null}
      <VacancyForm
        c={c}
        employer={employer}
        skillGroups={skillChoiceGroups(list.skills)}
        values={values}
        errors={errors}
        repeat={repeats.length > 0}
      />
    </>,
  );
}
