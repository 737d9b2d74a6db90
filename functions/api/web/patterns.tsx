import type { Child } from 'hono/jsx';
import { PostForm } from './components.js';
import type { WebContext } from './context.js';
import type { RawForm } from './forms.js';

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
      <div class="govuk-button-group">
        <StepButton step="confirm">{confirm}</StepButton>
        <StepButton step="change" secondary>
          Change the answers
        </StepButton>
      </div>
    </PostForm>
  );
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
