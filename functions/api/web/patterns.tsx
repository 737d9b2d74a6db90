import type { Child } from 'hono/jsx';
import type { FieldError } from '../../../shared/errors.js';
import { errorAt, valueAt, type RawForm, type Values } from './forms.js';
import { fieldId } from './layout.js';

/* ------------------------------------------------------------------------------------------------
 * GOV.UK patterns for jobs with steps: the date input (three fields), check your answers (the answers
 * carried as hidden fields), the confirmation panel, warning text and the task list.
 * ---------------------------------------------------------------------------------------------- */

/* The date input ------------------------------------------------------------------------------- */

const PARTS = ['day', 'month', 'year'] as const;

/**
 * A GOV.UK date input: day, month and year in a fieldset, posted as `name.day`, `name.month`, `name.year`
 * (withIsoDates makes them one ISO date before validation). The day's id is the field's id, so the error
 * summary's link for `name` lands on it.
 */
export function DateParts(props: { name: string; legend: Child; hint?: Child; values: Values; errors?: FieldError[] }) {
  const id = fieldId(props.name);
  const error = errorAt(props.errors, props.name);
  const described = [props.hint !== undefined && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <fieldset class="govuk-fieldset" aria-describedby={described}>
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{props.legend}</legend>
        {props.hint !== undefined ? (
          <div id={`${id}-hint`} class="govuk-hint">
            {props.hint}
          </div>
        ) : null}
        {error ? (
          <p id={`${id}-error`} class="govuk-error-message">
            <span class="govuk-visually-hidden">Error:</span> {error}
          </p>
        ) : null}
        <div class="govuk-date-input" id={`${id}-parts`}>
          {PARTS.map((part) => {
            const partId = part === 'day' ? id : `${id}-${part}`;
            return (
              <div class="govuk-date-input__item">
                <div class="govuk-form-group">
                  <label class="govuk-label govuk-date-input__label" for={partId}>
                    {part.charAt(0).toUpperCase() + part.slice(1)}
                  </label>
                  <input
                    class={`govuk-input govuk-date-input__input govuk-input--width-${part === 'year' ? 4 : 2}${error ? ' govuk-input--error' : ''}`}
                    id={partId}
                    name={`${props.name}.${part}`}
                    type="text"
                    inputmode="numeric"
                    value={valueAt(props.values, `${props.name}.${part}`)}
                  />
                </div>
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

/**
 * The posted form with each date input's three fields made one ISO date (`startDate` = `2027-01-11`),
 * and what GOV.UK says when a date is partly given or not real. A date left wholly empty is left out, for
 * the schema to say it is needed; a field posted whole (`startDate`) is kept as it came.
 */
export function withIsoDates(form: RawForm, ...names: string[]): { form: RawForm; errors: FieldError[] } {
  const out: RawForm = Object.assign(Object.create(null), form);
  const errors: FieldError[] = [];
  for (const name of names) {
    const keys = PARTS.map((p) => `${name}.${p}`);
    if (!keys.some((k) => Object.hasOwn(out, k))) continue;
    const [day, month, year] = keys.map((k) => {
      const v = out[k];
      delete out[k];
      return (typeof v === 'string' ? v : Array.isArray(v) ? String(v.at(-1) ?? '') : '').trim();
    }) as [string, string, string];
    delete out[name];
    const missing = PARTS.filter((_, i) => [day, month, year][i] === '');
    if (missing.length === 3) continue;
    if (missing.length) {
      errors.push({ path: name, message: `must include a ${missing.join(' and a ')}` });
      continue;
    }
    if (![day, month].every((x) => /^\d{1,2}$/.test(x)) || !/^\d{4}$/.test(year)) {
      errors.push({
        path: name,
        message: /^\d{4}$/.test(year) || !/^\d+$/.test(year) ? 'must be a real date' : 'year must include 4 numbers',
      });
      continue;
    }
    const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
    const d = new Date(`${iso}T00:00:00Z`);
    if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso) {
      errors.push({ path: name, message: 'must be a real date' });
      continue;
    }
    out[name] = iso;
  }
  return { form: out, errors };
}

/** An ISO date as the three fields of a date input, for refilling it (`2027-01-11` → day 11, month 1, year 2027). */
export function dateParts(iso: string | undefined): { day: string; month: string; year: string } | undefined {
  const m = iso ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso) : null;
  return m ? { day: String(Number(m[3])), month: String(Number(m[2])), year: m[1]! } : undefined;
}

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
