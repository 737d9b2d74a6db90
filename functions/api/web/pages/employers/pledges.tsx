import type { AppDeps } from '../../../deps.js';
import { SECTORS } from '../../../../../shared/domain/common.js';
import { PledgeCreate, type Employer } from '../../../../../shared/domain/employer.js';
import type { FieldError } from '../../../../../shared/errors.js';
import * as employers from '../../../../../shared/use-cases/employers.js';
import { DateParts, fieldsFor, fmtDate, PostForm, Select, SummaryList, TextInput, words } from '../../components.js';
import { page, type WebContext } from '../../context.js';
import { formErrors, parseForm, plainly, typedValues, valueAt, type RawForm, type Values, type Wording } from '../../forms.js';
import { HiddenFields, ConfirmOrChange } from '../../patterns.js';
import { staffOnly } from '../../session.js';

/* Recording a pledge an employer made: the question page, check your answers, then back to the record with a banner. */

const WORDING: Wording = {
  description: { missing: 'Enter what the employer pledged, for example 20 warehouse jobs' },
  jobsPledged: { missing: 'Enter how many jobs it pledged' },
  byDate: { missing: 'Enter the date it pledged them by' },
  sector: { invalid: 'Select the sector, or leave it as any sector' },
};

/** The pledge's errors in people's words: the date, posted as three boxes, reads as missing only when all three are empty. */
function sayPlainly(errors: FieldError[], values: Values) {
  const flat: Values = Object.assign(Object.create(null), values, {
    byDate: ['day', 'month', 'year'].map((p) => valueAt(values, `byDate.${p}`)).join(''),
  });
  return plainly(errors, flat, WORDING);
}

function check(raw: RawForm) {
  const { step: _step, ...answers } = raw;
  const values = typedValues(answers);
  const parsed = parseForm(PledgeCreate, answers);
  return { answers, values, value: parsed.ok ? parsed.value : undefined, errors: parsed.ok ? [] : sayPlainly(parsed.errors, values) };
}

function renderForm(c: WebContext, e: Employer, values: Values, errors?: FieldError[], status?: number) {
  const f = fieldsFor(values, errors);
  return page(
    c,
    { title: `Record a pledge by ${e.name}`, current: '/app', errors, status },
    <>
      <a class="govuk-back-link" href={`/app/employers/${e.id}#pledges`}>
        Back to {e.name}
      </a>
      <span class="govuk-caption-l">{e.name}</span>
      <h1 class="govuk-heading-l">Record a pledge</h1>
      <p class="govuk-body">
        A number of jobs the employer has promised to fill through the programme by a date. Its progress counts the hires made with it from
        today.
      </p>
      <PostForm c={c} action={`/app/employers/${e.id}/pledges/new`}>
        <TextInput
          {...f.field('description')}
          label="What it pledged"
          hint="In its words, for example 20 warehouse jobs for people who have finished the routeway"
        />
        <TextInput {...f.field('jobsPledged:number')} label="Number of jobs" width="4" inputmode="numeric" />
        <DateParts {...f.date('byDate')} legend="By when" hint="For example, 31 3 2027" />
        <Select
          {...f.field('sector')}
          label="Sector of the jobs (optional)"
          options={[['', 'Any sector'], ...SECTORS.map((s) => [s, words(s)] as const)]}
        />
        <button type="submit" class="govuk-button" data-module="govuk-button">
          Continue
        </button>
      </PostForm>
    </>,
  );
}

export async function newPledgePage(c: WebContext, deps: AppDeps, employerId: string) {
  const actor = c.get('actor');
  staffOnly(actor);
  return renderForm(c, await employers.getEmployer(deps, actor, employerId), undefined);
}

export async function postNewPledge(c: WebContext, deps: AppDeps, employerId: string) {
  const actor = c.get('actor');
  staffOnly(actor);
  const e = await employers.getEmployer(deps, actor, employerId);
  const raw = await c.req.parseBody({ all: true });
  const { answers, values, value, errors } = check(raw);
  if (raw.step === 'change') return renderForm(c, e, values);
  if (!value) return renderForm(c, e, values, errors, 400);
  if (raw.step !== 'save') {
    return page(
      c,
      { title: 'Check the pledge before recording it', current: '/app' },
      <>
        <span class="govuk-caption-l">{e.name}</span>
        <h1 class="govuk-heading-l">Check the pledge before recording it</h1>
        <SummaryList
          rows={[
            ['What it pledged', value.description],
            ['Number of jobs', String(value.jobsPledged)],
            ['By', fmtDate(value.byDate)],
            ['Sector', value.sector ? words(value.sector) : 'Any sector'],
          ]}
        />
        <PostForm c={c} action={`/app/employers/${e.id}/pledges/new`}>
          <HiddenFields form={answers} />
          <p class="govuk-body">
            Its progress is counted from the hires and 26-week job outcomes with {e.name} from now on, and shows on its record. Nobody is
            sent a notification.
          </p>
          <ConfirmOrChange step="save">Record pledge</ConfirmOrChange>
        </PostForm>
      </>,
    );
  }
  try {
    await employers.addPledge(deps, actor, employerId, value);
    return c.redirect(`/app/employers/${employerId}?done=pledge#pledges`, 303);
  } catch (err) {
    const f = formErrors(err, 'description');
    if (!f) throw err;
    return renderForm(c, e, values, sayPlainly(f.errors, values), f.status);
  }
}
