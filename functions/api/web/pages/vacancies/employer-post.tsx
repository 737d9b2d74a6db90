import type { Child } from 'hono/jsx';
import type { AppDeps } from '../../../deps.js';
import { PIPELINE } from '../../../../../shared/domain/pipeline-rules.js';
import type { Vacancy } from '../../../../../shared/domain/vacancy.js';
import type { FieldError } from '../../../../../shared/errors.js';
import * as skills from '../../../../../shared/use-cases/skills.js';
import * as vacancies from '../../../../../shared/use-cases/vacancies.js';
import { fmtDate, PostForm, skillChoiceGroups, SummaryList } from '../../components.js';
import { page, type WebContext } from '../../context.js';
import { formErrors, friendly, parseForm, splitLists, typedValues, type RawForm, type Values } from '../../forms.js';
import { HiddenFields, Panel, ConfirmOrChange } from '../../patterns.js';
import { VACANCY_GROUPS, VacancyAnswers, VacancyForm } from './vacancy-form.js';
import { vacancyRows } from './vacancy-page.js';

/*
 * An employer user posting a vacancy of their own: the vacancy's questions (not whose it is, nor whether
 * to publish it: it is a draft for their account manager), check your answers, then a confirmation panel
 * saying who was told and what happens next. The same use case as POST /vacancies, which opens the
 * account manager's callback.
 */

const ACTION = '/app/vacancies';

async function renderForm(c: WebContext, deps: AppDeps, values: Values, errors?: FieldError[], status?: number) {
  const list = await skills.listSkills(deps, c.get('actor'));
  return page(
    c,
    { title: 'Post a vacancy', current: '/app', errors, status },
    <>
      <a class="govuk-back-link" href="/app">
        Back to your vacancies
      </a>
      <h1 class="govuk-heading-l">Post a vacancy</h1>
      <p class="govuk-body">
        Tell us about the job. Your account manager checks it with you before anyone is put forward for it, so give what you know now.
      </p>
      <VacancyForm c={c} skillGroups={skillChoiceGroups(list.skills)} values={values} errors={errors} edit={{ action: ACTION }} />
    </>,
  );
}

export function employerNewVacancyPage(c: WebContext, deps: AppDeps) {
  return renderForm(c, deps, { wage: { period: 'hour' } });
}

function check(raw: RawForm) {
  const { step: _step, ...posted } = raw;
  const answers = splitLists(posted, 'essentialSkills[]', 'desirableSkills[]');
  const parsed = parseForm(VacancyAnswers, answers);
  return {
    answers: posted,
    values: typedValues(answers),
    value: parsed.ok ? parsed.value : undefined,
    errors: parsed.ok ? [] : friendly(parsed.errors, parsed.values, VACANCY_GROUPS),
  };
}

/** By the step its button names: none checks the answers; `change` shows the questions again; `post` posts the vacancy as a draft. */
export async function postEmployerVacancy(c: WebContext, deps: AppDeps) {
  const actor = c.get('actor');
  const raw = await c.req.parseBody({ all: true });
  const { answers, values, value, errors } = check(raw);
  if (raw.step === 'change') return renderForm(c, deps, values);
  if (!value) return renderForm(c, deps, values, errors, 400);
  const input = { ...value, employerId: actor.employerId ?? '', status: 'draft' as const };
  if (raw.step !== 'post') {
    // The answers as the vacancy will read, before it exists.
    const preview = { ...input, employerName: '', filledPositions: 0 } as unknown as Vacancy;
    const rows: [string, Child][] = [
      ['Job title', value.title],
      ...vacancyRows(preview, false).filter(([k]) => k !== 'Employer' && k !== 'Status' && k !== 'Positions'),
      ['Positions', String(value.positions)],
    ];
    return page(
      c,
      { title: 'Check your answers before posting the vacancy', current: '/app' },
      <>
        <h1 class="govuk-heading-l">Check your answers before posting the vacancy</h1>
        <SummaryList rows={rows} />
        <PostForm c={c} action={ACTION}>
          <HiddenFields form={answers} />
          <h2 class="govuk-heading-m">Now post the vacancy</h2>
          <p class="govuk-body">
            Your account manager is told at once, and calls you within {PIPELINE.callbackWithinWorkingDays} working days to go through it
            before it opens to candidates.
          </p>
          <ConfirmOrChange step="post">Post vacancy</ConfirmOrChange>
        </PostForm>
      </>,
    );
  }
  try {
    const v = await vacancies.createVacancy(deps, actor, input);
    return c.redirect(`/app/vacancies/${v.id}/posted`, 303);
  } catch (err) {
    const f = formErrors(err, 'title');
    if (!f) throw err;
    const errs = f.errors.map((e) => (e.path === 'site' ? { ...e, path: 'site.postcode' } : e));
    return renderForm(c, deps, values, friendly(errs, values, VACANCY_GROUPS), f.status);
  }
}

/** The confirmation: who was told, and what happens next. */
export async function vacancyPostedPage(c: WebContext, deps: AppDeps, id: string) {
  const v = await vacancies.getVacancy(deps, c.get('actor'), id);
  // Only for the employer user who has just posted it; anyone else, or a vacancy since published, goes to the vacancy.
  if (c.get('actor').role !== 'employer' || v.status !== 'draft') return c.redirect(`/app/vacancies/${id}`, 303);
  return page(
    c,
    { title: 'Vacancy posted', current: '/app' },
    <>
      <Panel title="Vacancy posted">
        {v.title}
        <br />
        Closing {fmtDate(v.closingDate)}
      </Panel>
      <h2 class="govuk-heading-m">Who was told</h2>
      <p class="govuk-body">Your account manager has been sent a notification about it.</p>
      <h2 class="govuk-heading-m">What happens next</h2>
      <p class="govuk-body">
        They will call you within {PIPELINE.callbackWithinWorkingDays} working days to go through it and agree anything missing. Once they
        publish it, our liaison officers put candidates forward, and we tell you when someone is.
      </p>
      <p class="govuk-body">
        <a class="govuk-link" href={`/app/vacancies/${v.id}`}>
          See the vacancy
        </a>
      </p>
      <p class="govuk-body">
        <a class="govuk-link" href="/app">
          Back to your vacancies
        </a>
      </p>
    </>,
  );
}
