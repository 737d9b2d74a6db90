import type { Child } from 'hono/jsx';
import type { AppDeps } from '../../../deps.js';
import { VacancyPatch, type Vacancy } from '../../../../../shared/domain/vacancy.js';
import { PreconditionFailedError, type FieldError } from '../../../../../shared/errors.js';
import * as skills from '../../../../../shared/use-cases/skills.js';
import * as vacancies from '../../../../../shared/use-cases/vacancies.js';
import { skillChoiceGroups } from '../../components.js';
import { page, type WebContext } from '../../context.js';
import { formErrors, friendly, parseForm, said, splitLists, typedValues, type RawForm, type Values } from '../../forms.js';
import { checkChangesPage, changedRows, postedVersion } from '../../patterns.js';
import { managing, vacancyFor } from './manage.js';
import { VACANCY_GROUPS, VacancyAnswers, VacancyForm } from './vacancy-form.js';
import { vacancyRows } from './vacancy-page.js';

/*
 * Changing a vacancy's details (liaison officers and admins): the questions as it stands, the changes to
 * check beside what they were, then back to the vacancy with a banner. Saved with PATCH /vacancies/{id}'s
 * use case at the version first read, so a change made in between is shown, not overwritten.
 */

type EditInput = ReturnType<typeof VacancyAnswers.parse>;

const actionOf = (id: string) => `/app/vacancies/${id}/edit`;

/** The vacancy's details as the form shows them. */
function vacancyValues(v: Vacancy): Values {
  return {
    title: v.title,
    occupation: { title: v.occupation.title },
    sector: v.sector,
    site: { postcode: v.site.postcode, town: v.site.town },
    positions: String(v.positions),
    hoursPerWeek: { min: String(v.hoursPerWeek.min), max: String(v.hoursPerWeek.max) },
    shiftPatterns: v.shiftPatterns,
    contractType: v.contractType,
    wage: { amount: String(v.wage.amount), period: v.wage.period },
    essentialSkills: v.essentialSkills,
    desirableSkills: v.desirableSkills,
    essentialCertifications: v.essentialCertifications,
    workDemands: v.workDemands,
    drivingLicenceRequired: String(v.drivingLicenceRequired),
    backgroundCheck: v.backgroundCheck,
    guaranteedInterview: String(v.guaranteedInterview),
    workTrial: String(v.workTrial),
    closingDate: v.closingDate,
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The fields the form asks that are saved as they are posted. */
const PLAIN = [
  'title',
  'sector',
  'positions',
  'hoursPerWeek',
  'shiftPatterns',
  'contractType',
  'wage',
  'essentialSkills',
  'desirableSkills',
  'essentialCertifications',
  'workDemands',
  'drivingLicenceRequired',
  'backgroundCheck',
  'guaranteedInterview',
  'workTrial',
  'closingDate',
] as const satisfies readonly (keyof EditInput & keyof VacancyPatch)[];

/**
 * What the answers change, as the API's patch. The occupation keeps its SOC code; a new place of work is
 * sent without the old one's map position, so the use case finds the new one. What the form does not ask
 * (description, start date, linked cohorts…) is left as it is.
 */
function changesOf(v: Vacancy, d: EditInput): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const k of PLAIN) if (!same(v[k], d[k])) patch[k] = d[k];
  if (v.occupation.title !== d.occupation.title) patch.occupation = { ...v.occupation, title: d.occupation.title };
  if (v.site.postcode !== d.site.postcode || (v.site.town ?? null) !== (d.site.town ?? null)) {
    patch.site = { postcode: d.site.postcode, ...(d.site.town ? { town: d.site.town } : {}) };
  }
  return patch;
}

/** The posted answers, checked as the API checks a new vacancy's (the skills text boxes may hold "a, b"). */
function check(raw: RawForm) {
  const { step: _step, 'version:number': _version, ...posted } = raw;
  const answers = splitLists(posted, 'essentialSkills[]', 'desirableSkills[]');
  const values = typedValues(answers);
  const parsed = parseForm(VacancyAnswers, answers);
  return {
    answers: posted,
    values,
    value: parsed.ok ? parsed.value : undefined,
    errors: parsed.ok ? [] : friendly(parsed.errors, parsed.values, VACANCY_GROUPS),
  };
}

async function renderForm(
  c: WebContext,
  deps: AppDeps,
  v: Vacancy,
  values: Values,
  version: number,
  errors?: FieldError[],
  status?: number,
) {
  const list = await skills.listSkills(deps, c.get('actor'));
  return page(
    c,
    { title: `Change ${v.title}`, current: '/app/vacancies', errors, status },
    <>
      <a class="govuk-back-link" href={`/app/vacancies/${v.id}`}>
        Back to the vacancy
      </a>
      <span class="govuk-caption-l">{v.employerName}</span>
      <h1 class="govuk-heading-l">Change the vacancy’s details</h1>
      <VacancyForm
        c={c}
        skillGroups={skillChoiceGroups(list.skills)}
        values={values}
        errors={errors}
        edit={{ action: actionOf(v.id), hidden: <input type="hidden" name="version:number" value={String(version)} /> }}
      />
    </>,
  );
}

/** Check your changes: each changed row as it will read, and as it was. */
function renderCheck(c: WebContext, v: Vacancy, answers: RawForm, next: Vacancy, version: number) {
  // The title is the page's heading, not a row of the summary: it is one of the answers here.
  const rowsOf = (x: Vacancy): [string, Child][] => [['Job title', x.title], ...vacancyRows(x, false)];
  const was = rowsOf(v);
  const now = rowsOf(next);
  const before = new Map(was);
  const changed = now.filter(([k, x]) => String(before.get(k)) !== String(x)).map(([k]) => k);
  const live = v.liveSubmissions ?? 0;
  return checkChangesPage(c, {
    title: `Check your changes to ${v.title}`,
    current: '/app/vacancies',
    caption: `${v.title}, ${v.employerName}`,
    rows: changedRows(now, was, changed),
    action: actionOf(v.id),
    answers,
    hidden: <input type="hidden" name="version:number" value={String(version)} />,
    children: (
      <p class="govuk-body">
        {c.get('actor').role === 'employer' ? 'Your account manager and advisers' : 'Advisers and the employer'} see the vacancy as you save
        it, and its suggested candidates are worked out again from the new details.
        {live ? ` The ${live === 1 ? 'candidate' : `${live} candidates`} in progress carry on.` : ''} Nobody is sent a notification.
      </p>
    ),
  });
}

export async function editVacancyPage(c: WebContext, deps: AppDeps, id: string) {
  const v = await vacancyFor(c, deps, id);
  if (!managing(v).edit) return c.redirect(`/app/vacancies/${id}`, 303);
  return renderForm(c, deps, v, vacancyValues(v), v.version);
}

/** By the step its button names: none checks the answers and shows the changes; `change` shows the form again; `save` saves them. */
export async function postEditVacancy(c: WebContext, deps: AppDeps, id: string) {
  const v = await vacancyFor(c, deps, id);
  const raw = await c.req.parseBody({ all: true });
  const version = postedVersion(raw, v.version);
  const { answers, values, value, errors } = check(raw);
  if (raw.step === 'change') return renderForm(c, deps, v, values, version);
  if (!value) return renderForm(c, deps, v, values, version, errors, 400);
  const patch = VacancyPatch.safeParse(changesOf(v, value));
  if (!patch.success) {
    // The answers passed the new-vacancy rules, so the only refusal left is an empty patch.
    return renderForm(c, deps, v, values, version, [said('title', 'You have not changed anything: change a detail, or go back')], 400);
  }
  if (raw.step !== 'save') {
    const next: Vacancy = { ...v, ...(patch.data as Partial<Vacancy>) };
    return renderCheck(c, v, answers, next, version);
  }
  try {
    await vacancies.updateVacancy(deps, c.get('actor'), id, patch.data, version);
    return c.redirect(`/app/vacancies/${id}?done=changed`, 303);
  } catch (err) {
    if (err instanceof PreconditionFailedError) {
      const now = await vacancyFor(c, deps, id);
      // Their answers stay, at the version now held: continuing shows their changes against the vacancy as it is now.
      return renderForm(
        c,
        deps,
        now,
        values,
        now.version,
        [said('title', 'Someone else changed this vacancy while you were editing it. Check your answers against it, then continue')],
        409,
      );
    }
    const f = formErrors(err, 'title');
    if (!f) throw err;
    // A place of work not found is said on its postcode, the field that has it.
    const errors = f.errors.map((e) => (e.path === 'site' ? { ...e, path: 'site.postcode' } : e));
    return renderForm(c, deps, v, values, version, friendly(errors, values, VACANCY_GROUPS), f.status);
  }
}
