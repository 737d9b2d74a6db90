import type { Child } from 'hono/jsx';
import type { AppDeps } from '../../../deps.js';
import type { Actor } from '../../../../../shared/domain/actor.js';
import { SECTORS, SHIFT_PATTERNS, WORK_DEMANDS } from '../../../../../shared/domain/common.js';
import { BACKGROUND_CHECKS, CONTRACT_TYPES } from '../../../../../shared/domain/vacancy.js';
import type { FieldError } from '../../../../../shared/errors.js';
import * as employers from '../../../../../shared/use-cases/employers.js';
import * as skills from '../../../../../shared/use-cases/skills.js';
import {
  Button,
  Checkbox,
  Choices,
  DateParts,
  fieldsFor,
  PostForm,
  Select,
  SkillChoice,
  skillChoiceGroups,
  TextInput,
  words,
  type Option,
} from '../../components.js';
import { page, type WebContext } from '../../context.js';
import { valueAt, type Values } from '../../forms.js';
import { BACKGROUND_CHECK_CHOICES } from '../../labels.js';

/* Taking a new vacancy: the form, the employers to choose from, and the page around them. */

/** Groups of fields a missing value is reported on (friendly()). */
export const VACANCY_GROUPS = {
  hoursPerWeek: ['hoursPerWeek.min', 'hoursPerWeek.max'],
  wage: ['wage.amount'],
  site: ['site.postcode'],
  occupation: ['occupation.title'],
};

/** Your employers first, then the others, by name. */
async function employerChoices(deps: AppDeps, actor: Actor, preselected?: string) {
  const [mine, all] = await Promise.all([
    employers.listEmployers(deps, actor, { limit: 100, accountManagerId: actor.sub }),
    employers.listEmployers(deps, actor, { limit: 100 }),
  ]);
  const mineIds = new Set(mine.items.map((e) => e.id));
  const others = all.items.filter((e) => !mineIds.has(e.id));
  const known = mineIds.has(preselected ?? '') || others.some((e) => e.id === preselected);
  // A preselected employer beyond the first hundred is fetched on its own (a 404 if it is not one we may see).
  const extra =
    preselected && !known && /^[0-9A-HJKMNP-TV-Z]{26}$/.test(preselected) ? [await employers.getEmployer(deps, actor, preselected)] : [];
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
  const opt = (e: { id: string; name: string }) => [e.id, e.name] as const;
  return [
    { label: 'Your employers', options: [...mine.items, ...extra].sort(byName).map(opt) },
    { label: 'Other employers', options: others.sort(byName).map(opt) },
  ];
}

/**
 * The vacancy's questions. Taking a new one (`groups`: the employers to choose from) also asks whose it is
 * and whether to publish it; changing one (`edit`: where it posts, and its hidden fields) asks the rest.
 */
export function VacancyForm({
  c,
  groups,
  skillGroups,
  values,
  errors,
  edit,
}: {
  c: WebContext;
  groups?: { label: string; options: readonly Option[] }[];
  skillGroups: { label: string; skills: string[] }[];
  values: Values;
  errors?: FieldError[];
  edit?: { action: string; hidden: Child };
}) {
  const f = fieldsFor(values, errors);
  return (
    <PostForm c={c} action={edit?.action ?? '/app/vacancies'}>
      {edit ? edit.hidden : <Select {...f.field('employerId')} label="Employer" options={[['', 'Choose an employer']]} groups={groups} />}
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
      <Button>{edit ? 'Continue' : 'Save vacancy'}</Button>
    </PostForm>
  );
}

/** The new-vacancy page, refilled with `values` (and their errors) after a refused save. */
export async function renderNewVacancy(c: WebContext, deps: AppDeps, values: Values, errors?: FieldError[], status?: number) {
  const actor = c.get('actor');
  const [groups, list] = await Promise.all([
    employerChoices(deps, actor, valueAt(values, 'employerId') || undefined),
    skills.listSkills(deps, actor),
  ]);
  return page(
    c,
    { title: 'Take a new vacancy', current: '/app/vacancies', errors, status },
    <>
      <a class="govuk-back-link" href="/app/vacancies">
        Back to vacancies
      </a>
      <h1 class="govuk-heading-l">Take a new vacancy</h1>
      <p class="govuk-body">Record what the employer needs. Must-haves rule candidates in or out; nice-to-haves only rank them.</p>
      <VacancyForm c={c} groups={groups} skillGroups={skillChoiceGroups(list.skills)} values={values} errors={errors} />
    </>,
  );
}
