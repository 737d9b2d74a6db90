import type { Child } from 'hono/jsx';
import type { FieldError } from '../../../shared/errors.js';
import { PostForm, SummaryList } from './components.js';
import { page, type WebContext } from './context.js';
import type { z } from 'zod';
import { formErrors, parseForm, typedValues, type RawForm, type Values } from './forms.js';

/* ------------------------------------------------------------------------------------------------
 * GOV.UK patterns for jobs with steps: check your answers (the answers carried as hidden fields), the
 * confirmation panel, warning text and the task list. The date input is in components.tsx.
 * ---------------------------------------------------------------------------------------------- */

/* Check your answers --------------------------------------------------------------------------- */

/** The answers given on the question page, carried on the check-your-answers page as hidden fields. */
export function HiddenFields({ form, except = [] }: { form: RawForm; except?: string[] }) {
  const fields = Object.entries(form).flatMap(([name, v]) =>
    name === 'csrf' || except.includes(name)
      ? []
      : (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string').map((value) => [name, value] as const),
  );
  return (
    <>
      {fields.map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
    </>
  );
}

/** The end of a check-your-answers page: the answers carried on, the button that confirms them and the one to change them. */
export function CheckAnswersForm({ c, action, answers, confirm }: { c: WebContext; action: string; answers: RawForm; confirm: Child }) {
  return (
    <PostForm c={c} action={action}>
      <HiddenFields form={answers} except={['step']} />
      <ConfirmOrChange step="confirm" change="Change the answers">
        {confirm}
      </ConfirmOrChange>
    </PostForm>
  );
}

/** The buttons that end a check-your-answers page: the one that does the job (`step`), and the one back to the questions. */
export function ConfirmOrChange({ step, change = 'Change your answers', children }: { step: string; change?: string; children: Child }) {
  return (
    <div class="govuk-button-group">
      <StepButton step={step}>{children}</StepButton>
      <StepButton step="change" secondary>
        {change}
      </StepButton>
    </div>
  );
}

/** The rows a change alters, each with what it was beneath it (check your changes). */
export function changedRows(now: [string, Child][], was: [string, Child][], changed: readonly string[]): [string, Child][] {
  const before = new Map(was);
  return now
    .filter(([k]) => changed.includes(k))
    .map(([k, v]) => [
      k,
      <>
        {v}
        <span class="govuk-hint govuk-!-margin-bottom-0 govuk-!-margin-top-1">Was: {before.get(k)}</span>
      </>,
    ]);
}

/**
 * Check your changes to a record: what it is, the rows changed (with what they were), what saving them
 * does (`children`), and the buttons to save or change them. `hidden` carries what the form needs beyond
 * the answers (the version it was read at).
 */
export function checkChangesPage(
  c: WebContext,
  props: {
    title: string;
    current?: string;
    caption: Child;
    rows: [string, Child][];
    action: string;
    answers: RawForm;
    hidden?: Child;
    children: Child;
  },
) {
  return page(
    c,
    { title: props.title, current: props.current },
    <>
      <span class="govuk-caption-l">{props.caption}</span>
      <h1 class="govuk-heading-l">Check your changes before saving them</h1>
      <SummaryList rows={props.rows} />
      <PostForm c={c} action={props.action}>
        {props.hidden}
        <HiddenFields form={props.answers} />
        {props.children}
        <ConfirmOrChange step="save">Save changes</ConfirmOrChange>
      </PostForm>
    </>,
  );
}

/** The version an edit form was read at, as posted back; a missing or broken one is the version now. */
export function postedVersion(raw: RawForm, current: number): number {
  const posted = typeof raw['version:number'] === 'string' ? Number(raw['version:number']) : Number.NaN;
  return Number.isInteger(posted) && posted > 0 ? posted : current;
}

/** A whole check-your-answers page: what the job is, the answers as a summary list, and the buttons to confirm or change them. */
export function checkAnswersPage(
  c: WebContext,
  props: { title: string; caption: Child; rows: [key: string, value: Child][]; action: string; answers: RawForm; confirm: Child },
) {
  return page(
    c,
    { title: props.title, current: '/app' },
    <>
      <span class="govuk-caption-l">{props.caption}</span>
      <h1 class="govuk-heading-l">{props.title}</h1>
      <SummaryList rows={props.rows} />
      <CheckAnswersForm c={c} action={props.action} answers={props.answers} confirm={props.confirm} />
    </>,
  );
}

/** What a question page's post does at each step: see questionPost. */
export interface QuestionSteps<S extends z.ZodType> {
  /** The question page: as answered (`change`), or with the errors said and its status. */
  question: (values: Values, errors?: FieldError[], status?: number) => Response | Promise<Response>;
  /** The API's schema for the answers, and what to make of the answers first, if anything. */
  schema: S;
  prepare?: (answers: RawForm) => RawForm;
  /** The use case's own rules, asked before the answers are checked rather than after. */
  rules?: (value: z.infer<S>) => FieldError[];
  /** The errors in the page's words. */
  say: (errors: FieldError[], values: Values) => FieldError[];
  /** Check your answers, carrying `answers` on. */
  check: (value: z.infer<S>, answers: RawForm) => Response | Promise<Response>;
  /** Does it through the use case, and says where the browser goes next (the confirmation). */
  save: (value: z.infer<S>) => Promise<string>;
  /** Where a refusal that names no field is said. */
  fallback: string;
}

/**
 * A question page's post (the form as posted, unless the caller has read it already), by the step its
 * button names: `change` shows the question again as answered; otherwise answers the schema or the
 * rules refuse show it again with the error summary (400); without `confirm` it is check your answers;
 * with it the job is done and the browser sent on (303), or a refusal from the use case shows the
 * question again.
 */
export async function questionPost<S extends z.ZodType>(c: WebContext, s: QuestionSteps<S>, posted?: RawForm): Promise<Response> {
  const { step, csrf: _c, ...answers } = posted ?? (await c.req.parseBody({ all: true }));
  const values = typedValues(answers);
  if (step === 'change') return s.question(values);
  const parsed = parseForm(s.schema, s.prepare ? s.prepare(answers) : answers);
  const errors = parsed.ok ? (s.rules?.(parsed.value) ?? []) : parsed.errors;
  if (errors.length || !parsed.ok) return s.question(values, s.say(errors, values), 400);
  if (step !== 'confirm') return s.check(parsed.value, answers);
  try {
    return c.redirect(await s.save(parsed.value), 303);
  } catch (err) {
    const f = formErrors(err, s.fallback);
    if (!f) throw err;
    return s.question(values, s.say(f.errors, values), f.status);
  }
}

/** A submit button that names the step it takes (`step=confirm`), so one form route serves both steps. */
export function StepButton({
  step,
  children,
  secondary,
  warning,
}: {
  step: string;
  children: Child;
  secondary?: boolean;
  warning?: boolean;
}) {
  const kind = warning ? ' govuk-button--warning' : secondary ? ' govuk-button--secondary' : '';
  return (
    <button type="submit" name="step" value={step} class={`govuk-button${kind}`} data-module="govuk-button">
      {children}
    </button>
  );
}

/* Saying what happened ------------------------------------------------------------------------- */

/** The confirmation panel at the end of a job. */
export function Panel({ title, children }: { title: Child; children?: Child }) {
  return (
    <div class="govuk-panel govuk-panel--confirmation">
      <h1 class="govuk-panel__title">{title}</h1>
      {children ? <div class="govuk-panel__body">{children}</div> : null}
    </div>
  );
}

/** GOV.UK warning text: what cannot be undone, said before it is done. */
export function WarningText({ children }: { children: Child }) {
  return (
    <div class="govuk-warning-text">
      <span class="govuk-warning-text__icon" aria-hidden="true">
        !
      </span>
      <strong class="govuk-warning-text__text">
        <span class="govuk-visually-hidden">Warning</span>
        {children}
      </strong>
    </div>
  );
}

/* The task list -------------------------------------------------------------------------------- */

export interface Task {
  id: string;
  href: string;
  name: string;
  hint?: string;
  /** Said on the right, as GOV.UK's task list does (plain text, or a tag). */
  status?: Child;
}

export function TaskList({ tasks }: { tasks: Task[] }) {
  return (
    <ul class="govuk-task-list">
      {tasks.map((t) => {
        const described = [t.hint && `${t.id}-hint`, t.status !== undefined && `${t.id}-status`].filter(Boolean).join(' ') || undefined;
        return (
          <li class="govuk-task-list__item govuk-task-list__item--with-link">
            <div class="govuk-task-list__name-and-hint">
              <a class="govuk-link govuk-task-list__link" href={t.href} aria-describedby={described}>
                {t.name}
              </a>
              {t.hint ? (
                <div id={`${t.id}-hint`} class="govuk-task-list__hint">
                  {t.hint}
                </div>
              ) : null}
            </div>
            {t.status !== undefined ? (
              <div class="govuk-task-list__status" id={`${t.id}-status`}>
                {t.status}
              </div>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}

/* Summary cards -------------------------------------------------------------------------------- */

/** A GOV.UK summary card: a record's title, its actions (each link names the record for screen readers), and its rows. */
export function SummaryCard({
  title,
  level = 2,
  actions = [],
  id,
  children,
}: {
  title: Child;
  /** The title's heading level: one below the section it sits in. */
  level?: 2 | 3;
  actions?: { href: string; text: string; hidden: string }[];
  id?: string;
  children: Child;
}) {
  const Heading = level === 3 ? 'h3' : 'h2';
  return (
    <div class="govuk-summary-card" id={id}>
      <div class="govuk-summary-card__title-wrapper">
        <Heading class="govuk-summary-card__title">{title}</Heading>
        {actions.length ? (
          <ul class="govuk-summary-card__actions">
            {actions.map((a) => (
              <li class="govuk-summary-card__action">
                <a class="govuk-link" href={a.href}>
                  {a.text}
                  <span class="govuk-visually-hidden"> {a.hidden}</span>
                </a>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      <div class="govuk-summary-card__content">{children}</div>
    </div>
  );
}
