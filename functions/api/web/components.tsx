import type { Participant } from '../../../shared/domain/participant.js';
import type { Child } from 'hono/jsx';
import type { FieldError } from '../../../shared/errors.js';
import { skillGroups, unrecognisedMessage, type SkillEntry } from '../../../shared/domain/skills.js';
import { longDate, longDateTime } from '../../../shared/domain/dates.js';
import { datePartsOf, errorAt, listAt, pathOf, valueAt, type Values } from './forms.js';
import { PARTICIPANT_STATUS_LABELS, READINESS_LABELS } from './labels.js';
import type { WebContext } from './context.js';
import { fieldId } from './layout.js';

/* ------------------------------------------------------------------------------------------------
 * The GOV.UK building blocks the pages share: forms and their fields, tags, summary lists, tables,
 * pagination, and how dates, codes and money are said.
 * ---------------------------------------------------------------------------------------------- */

export type Option = readonly [value: string, text: string];

/* ------------------------------------------------------------------------------------------------
 * Forms
 * ---------------------------------------------------------------------------------------------- */

/** The hidden field every form carries. */
export function Csrf({ c }: { c: WebContext }) {
  return <input type="hidden" name="csrf" value={c.get('csrf')} />;
}

/** A form that posts to a page route, with its CSRF token; the server validates (no browser validation). */
export function PostForm({ c, action, multipart, children }: { c: WebContext; action: string; multipart?: boolean; children?: Child }) {
  return (
    <form method="post" action={action} novalidate {...(multipart ? { enctype: 'multipart/form-data' } : {})}>
      <Csrf c={c} />
      {children}
    </form>
  );
}

/**
 * The props a form's fields take from their posted names (`hoursPerWeek.min:number`, `skills[]`): the
 * id the error summary links to (`hoursPerWeek-min`, with a prefix or suffix where one page holds several
 * forms of one kind), the name, the error, and the value to refill. Props given after the spread override these.
 */
export function fieldsFor(values: Values, errors?: FieldError[], { prefix = '', suffix = '' }: { prefix?: string; suffix?: string } = {}) {
  const base = (name: string) => ({ id: `${prefix}${fieldId(pathOf(name))}${suffix}`, name, error: errorAt(errors, pathOf(name)) });
  return {
    /** A text input, textarea or select. */
    field: (name: string) => ({ ...base(name), value: valueAt(values, pathOf(name)) }),
    /** Radios or checkboxes: the values ticked. */
    choice: (name: string) => ({ ...base(name), checked: listAt(values, pathOf(name)) }),
    /** One yes-or-no checkbox (`name:boolean`): whether it is ticked. */
    flag: (name: string) => ({ ...base(name), checked: valueAt(values, pathOf(name)) === 'true' }),
    /** A GOV.UK date input (DateParts): its fields are read from the values. */
    date: (name: string) => ({ ...base(name), values }),
  };
}

const describedBy = (id: string, hint: Child | undefined, error: string | undefined) =>
  [hint !== undefined && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;

const groupClass = (error?: string) => `govuk-form-group${error ? ' govuk-form-group--error' : ''}`;

function ErrorMessage({ id, error }: { id: string; error?: string }) {
  return error ? (
    <p id={`${id}-error`} class="govuk-error-message">
      <span class="govuk-visually-hidden">Error:</span> {error}
    </p>
  ) : null;
}

function Hint({ id, hint }: { id: string; hint?: Child }) {
  return hint ? (
    <div id={`${id}-hint`} class="govuk-hint">
      {hint}
    </div>
  ) : null;
}

interface FieldProps {
  id: string;
  name: string;
  label: Child;
  value?: string;
  error?: string;
  hint?: Child;
}

/** A form group with a label, hint and error message, around the control that `control` draws. */
function LabelledField({ id, label, hint, error, control }: FieldProps & { control: (describedBy: string | undefined) => Child }) {
  return (
    <div class={groupClass(error)}>
      <label class="govuk-label" for={id}>
        {label}
      </label>
      <Hint id={id} hint={hint} />
      <ErrorMessage id={id} error={error} />
      {control(describedBy(id, hint, error))}
    </div>
  );
}

export function TextInput(
  props: FieldProps & {
    type?: string;
    width?: string;
    inputmode?: 'numeric' | 'decimal' | 'text';
    autocomplete?: string;
    spellcheck?: boolean;
  },
) {
  return (
    <LabelledField
      {...props}
      control={(aria) => (
        <input
          class={`govuk-input${props.width ? ` govuk-input--width-${props.width}` : ''}${props.error ? ' govuk-input--error' : ''}`}
          id={props.id}
          name={props.name}
          type={props.type ?? 'text'}
          value={props.value ?? ''}
          inputmode={props.inputmode}
          autocomplete={props.autocomplete}
          spellcheck={props.spellcheck}
          aria-describedby={aria}
        />
      )}
    />
  );
}

/**
 * The GOV.UK date input: day, month and year in a fieldset, posted as `name.day`, `name.month`,
 * `name.year`, which parseForm makes one ISO date. With `time`, a fourth field for the UK clock time
 * (`name.time`: "9:30am", "14:00"), made one UTC instant. The day's id is the field's id, so the error
 * summary's link lands on it. Refilled from its own fields after a refused post, or from an ISO value.
 */
export function DateParts(props: {
  id: string;
  name: string;
  legend: Child;
  hint?: Child;
  error?: string;
  values: Values;
  time?: boolean;
}) {
  const { id, name, error, time } = props;
  const hint = props.hint ?? (time ? 'For example, 27 3 2027 and 9:30am' : 'For example, 27 3 2027');
  const shown = datePartsOf(props.values, pathOf(name), time === true);
  const parts: [part: 'day' | 'month' | 'year' | 'time', label: string, width: number][] = [
    ['day', 'Day', 2],
    ['month', 'Month', 2],
    ['year', 'Year', 4],
    ...(time ? [['time', 'Time', 5] as ['time', string, number]] : []),
  ];
  return (
    <div class={groupClass(error)}>
      <fieldset class="govuk-fieldset" aria-describedby={describedBy(id, hint, error)}>
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{props.legend}</legend>
        <Hint id={id} hint={hint} />
        <ErrorMessage id={id} error={error} />
        <div class="govuk-date-input" id={`${id}-parts`}>
          {parts.map(([part, text, width]) => {
            const partId = part === 'day' ? id : `${id}-${part}`;
            return (
              <div class="govuk-date-input__item">
                <div class="govuk-form-group">
                  <label class="govuk-label govuk-date-input__label" for={partId}>
                    {text}
                  </label>
                  <input
                    class={`govuk-input govuk-date-input__input govuk-input--width-${width}${error ? ' govuk-input--error' : ''}`}
                    id={partId}
                    name={`${pathOf(name)}.${part}`}
                    type="text"
                    inputmode={part === 'time' ? 'text' : 'numeric'}
                    value={shown[part]}
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

export function TextArea(props: FieldProps & { rows?: number }) {
  return (
    <LabelledField
      {...props}
      control={(aria) => (
        <textarea
          class={`govuk-textarea${props.error ? ' govuk-textarea--error' : ''}`}
          id={props.id}
          name={props.name}
          rows={props.rows ?? 4}
          aria-describedby={aria}
        >
          {props.value ?? ''}
        </textarea>
      )}
    />
  );
}

export function Select(props: FieldProps & { options: readonly Option[]; groups?: { label: string; options: readonly Option[] }[] }) {
  const opt = ([v, t]: Option) => (
    <option value={v} selected={props.value === v}>
      {t}
    </option>
  );
  return (
    <LabelledField
      {...props}
      control={(aria) => (
        <select class={`govuk-select${props.error ? ' govuk-select--error' : ''}`} id={props.id} name={props.name} aria-describedby={aria}>
          {props.options.map(opt)}
          {(props.groups ?? [])
            .filter((g) => g.options.length)
            .map((g) => (
              <optgroup label={g.label}>{g.options.map(opt)}</optgroup>
            ))}
        </select>
      )}
    />
  );
}

const YES_NO = [
  ['true', 'Yes'],
  ['false', 'No'],
] as const;

/** A yes-or-no question (`name:boolean`): "Yes" and "No" as small radios side by side. */
export function YesNo(props: { id: string; name: string; legend: Child; checked: string[]; error?: string; hint?: Child }) {
  return <Choices {...props} kind="radios" options={YES_NO} inline small />;
}

/**
 * Checkboxes or radios in a fieldset. The first input's id is the field's id (so the error summary
 * lands on it); the others are numbered `id-1`, `id-2`… matching item paths such as `shiftPatterns.2`.
 */
export function Choices(props: {
  kind: 'checkboxes' | 'radios';
  id: string;
  name: string;
  legend: Child;
  options: readonly (readonly [value: string, text: Child, hint?: Child])[];
  checked: string[];
  /** Values shown but not to be chosen (say why in the option's hint). */
  disabled?: readonly string[];
  error?: string;
  hint?: Child;
  inline?: boolean;
  small?: boolean;
}) {
  const { id, error, hint, kind } = props;
  return (
    <div class={groupClass(error)}>
      <fieldset class="govuk-fieldset" aria-describedby={describedBy(id, hint, error)}>
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{props.legend}</legend>
        <Hint id={id} hint={hint} />
        <ErrorMessage id={id} error={error} />
        <div
          class={`govuk-${kind}${props.small ? ` govuk-${kind}--small` : ''}${props.inline ? ` govuk-${kind}--inline` : ''}`}
          data-module={`govuk-${kind}`}
        >
          {props.options.map(([value, text, itemHint], i) => {
            const itemId = i === 0 ? id : `${id}-${i}`;
            return (
              <div class={`govuk-${kind}__item`}>
                <input
                  class={`govuk-${kind}__input`}
                  id={itemId}
                  name={props.name}
                  type={kind === 'checkboxes' ? 'checkbox' : 'radio'}
                  value={value}
                  checked={props.checked.includes(value)}
                  disabled={props.disabled?.includes(value)}
                  aria-describedby={itemHint !== undefined ? `${itemId}-item-hint` : undefined}
                />
                <label class={`govuk-label govuk-${kind}__label`} for={itemId}>
                  {text}
                </label>
                {itemHint !== undefined ? (
                  <div id={`${itemId}-item-hint`} class={`govuk-hint govuk-${kind}__hint`}>
                    {itemHint}
                  </div>
                ) : null}
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

/** The skills list as the forms offer it: skills of several sectors first, then each sector's own. */
export function skillChoiceGroups(entries: readonly SkillEntry[]): { label: string; skills: string[] }[] {
  return skillGroups(entries).map((g) => ({ label: g.sector ? words(g.sector) : 'Useful in many jobs', skills: g.skills }));
}

/**
 * Skills as an accessible choice that needs no JavaScript: a text box for skills typed with commas
 * (first, and the field's id, so the error summary lands on something visible), then the skills list as
 * GOV.UK checkboxes, a collapsible group per sector (open where something is ticked). Both post under
 * one list name (`essentialSkills[]`); the route splits every value on commas (`splitLists`). What was
 * chosen comes back ticked when it is in the list, and in the text box when it is not.
 */
export function SkillChoice(props: {
  id: string;
  name: string;
  legend: string;
  hint?: Child;
  error?: string;
  checked: string[];
  groups: { label: string; skills: string[] }[];
}) {
  const { id, name, error, hint } = props;
  const listed = new Set(props.groups.flatMap((g) => g.skills));
  const ticked = props.checked.filter((s) => listed.has(s));
  const typed = props.checked.filter((s) => !listed.has(s));
  const typedHint = `${id}-typed-hint`;
  return (
    <div class={groupClass(error)}>
      <fieldset class="govuk-fieldset" aria-describedby={describedBy(id, hint, error)}>
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{props.legend}</legend>
        <Hint id={id} hint={hint} />
        <ErrorMessage id={id} error={error} />
        <div class="govuk-form-group govuk-!-margin-bottom-3">
          <label class="govuk-label" for={id}>
            Type skills, separated by commas
          </label>
          <div id={typedHint} class="govuk-hint">
            Or choose them from the skills list below. Anything not in the list is kept, and flagged so an admin can add it.
          </div>
          <input
            class={`govuk-input${error ? ' govuk-input--error' : ''}`}
            id={id}
            name={name}
            type="text"
            value={typed.join(', ')}
            spellcheck={false}
            aria-describedby={typedHint}
          />
        </div>
        {props.groups.map((g, gi) => {
          const chosen = g.skills.filter((s) => ticked.includes(s)).length;
          return (
            <details class="govuk-details govuk-!-margin-bottom-2" open={chosen ? true : undefined}>
              <summary class="govuk-details__summary">
                <span class="govuk-details__summary-text">
                  {g.label}
                  {chosen ? ` (${chosen} chosen)` : ''}
                </span>
              </summary>
              <div class="govuk-details__text">
                <fieldset class="govuk-fieldset">
                  <legend class="govuk-fieldset__legend govuk-visually-hidden">
                    {props.legend}: {g.label}
                  </legend>
                  <div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
                    {g.skills.map((skill, i) => (
                      <div class="govuk-checkboxes__item">
                        <input
                          class="govuk-checkboxes__input"
                          id={`${id}-${gi}-${i}`}
                          name={name}
                          type="checkbox"
                          value={skill}
                          checked={ticked.includes(skill)}
                        />
                        <label class="govuk-label govuk-checkboxes__label" for={`${id}-${gi}-${i}`}>
                          {skill}
                        </label>
                      </div>
                    ))}
                  </div>
                </fieldset>
              </div>
            </details>
          );
        })}
      </fieldset>
    </div>
  );
}

/** What a record says of skills it kept but the skills list does not know (`skillsUnrecognised`). */
export function UnrecognisedSkills({ skills }: { skills: readonly string[] | undefined }) {
  if (!skills?.length) return null;
  return (
    <div class="govuk-warning-text govuk-!-margin-top-2 govuk-!-margin-bottom-0">
      <span class="govuk-warning-text__icon" aria-hidden="true">
        !
      </span>
      <div class="govuk-warning-text__text">
        <span class="govuk-visually-hidden">Warning</span>
        {skills.map((s) => (
          <p class="govuk-body govuk-!-margin-bottom-1">{unrecognisedMessage(s)}.</p>
        ))}
      </div>
    </div>
  );
}

/** One small checkbox for a yes-or-no field (`name:boolean`, ticked posts "true"), in a fieldset with its legend. */
export function Checkbox(props: {
  id: string;
  name: string;
  legend: Child;
  text: Child;
  itemHint?: Child;
  checked: boolean;
  error?: string;
}) {
  return (
    <Choices
      kind="checkboxes"
      id={props.id}
      name={props.name}
      legend={props.legend}
      options={[['true', props.text, props.itemHint]]}
      checked={props.checked ? ['true'] : []}
      error={props.error}
      small
    />
  );
}

export function Button({ children, secondary, id }: { children: Child; secondary?: boolean; id?: string }) {
  return (
    <button type="submit" id={id} class={`govuk-button${secondary ? ' govuk-button--secondary' : ''}`} data-module="govuk-button">
      {children}
    </button>
  );
}

/* ------------------------------------------------------------------------------------------------
 * Showing things
 * ---------------------------------------------------------------------------------------------- */

/** The success banner after a Post/Redirect/Get, chosen by the `?done=` query parameter. */
export function DoneBanner({ c, messages }: { c: WebContext; messages: Record<string, string> }) {
  const done = c.req.query('done') ?? '';
  // Own keys only: `?done=constructor` is not a message.
  const text = Object.hasOwn(messages, done) ? messages[done] : undefined;
  if (!text) return null;
  return (
    <div
      class="govuk-notification-banner govuk-notification-banner--success"
      role="alert"
      aria-labelledby="done-banner-title"
      data-module="govuk-notification-banner"
    >
      <div class="govuk-notification-banner__header">
        <h2 class="govuk-notification-banner__title" id="done-banner-title">
          Success
        </h2>
      </div>
      <div class="govuk-notification-banner__content">
        <p class="govuk-notification-banner__heading">{text}</p>
      </div>
    </div>
  );
}

/** Links as a plain GOV.UK list: where to go next after a job is done. */
export function LinkList({ links, small }: { links: readonly (readonly [href: string, text: Child])[]; small?: boolean }) {
  return (
    <ul class={small ? 'govuk-list govuk-body-s' : 'govuk-list'}>
      {links.map(([href, text]) => (
        <li>
          <a class="govuk-link" href={href}>
            {text}
          </a>
        </li>
      ))}
    </ul>
  );
}

/** A link to the next page of a list, if there is one. */
export function NextPage({ href }: { href?: string }) {
  if (!href) return null;
  return (
    <nav class="govuk-pagination" aria-label="Pagination">
      <div class="govuk-pagination__next">
        <a class="govuk-link govuk-pagination__link" href={href} rel="next">
          <span class="govuk-pagination__link-title">Next page</span>
        </a>
      </div>
    </nav>
  );
}

export function SummaryList({ rows }: { rows: [key: string, value: Child][] }) {
  return (
    <dl class="govuk-summary-list">
      {rows.map(([k, v]) => (
        <div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key">{k}</dt>
          <dd class="govuk-summary-list__value">{v}</dd>
        </div>
      ))}
    </dl>
  );
}

export function Tag({ children, colour }: { children: Child; colour?: string }) {
  return <strong class={`govuk-tag${colour ? ` govuk-tag--${colour}` : ''}`}>{children}</strong>;
}

/** A value's tag from its table of labels: `[text, colour, …]` for each value. */
export function LabelTag<K extends string>({
  labels,
  value,
}: {
  labels: Record<K, readonly [text: string, colour: string, ...rest: string[]]>;
  value: K;
}) {
  return <Tag colour={labels[value][1]}>{labels[value][0]}</Tag>;
}

/** A participant's readiness and status as two table cells, each a tag. */
export function ReadinessStatusCells({ p }: { p: Pick<Participant, 'readiness' | 'status'> }) {
  return (
    <>
      <td class="govuk-table__cell">
        <LabelTag labels={READINESS_LABELS} value={p.readiness} />
      </td>
      <td class="govuk-table__cell">
        <LabelTag labels={PARTICIPANT_STATUS_LABELS} value={p.status} />
      </td>
    </>
  );
}

/** "Guaranteed interview" as a tag after a title, with the space before it, when `show` is true. */
export function GuaranteedInterview({ show, colour = 'turquoise' }: { show: boolean | undefined; colour?: string }) {
  return show ? (
    <>
      {' '}
      <Tag colour={colour}>Guaranteed interview</Tag>
    </>
  ) : null;
}

/** A column heading; numbers are right-aligned. */
export type Column = string | { numeric: string };

/**
 * A GOV.UK table: the caption (visually hidden, or shown small with `showCaption`), the column headings,
 * and the rows as children.
 */
export function Table({
  caption,
  showCaption,
  head,
  children,
}: {
  caption: Child;
  showCaption?: boolean;
  head: Column[];
  children?: Child;
}) {
  // On a narrow screen a wide table scrolls inside its own box (a focusable region, so it scrolls by keyboard too).
  return (
    <section class="rw-scroll" aria-label={typeof caption === 'string' ? caption : 'Table'} tabindex={0}>
      <table class="govuk-table">
        <caption class={`govuk-table__caption ${showCaption ? 'govuk-table__caption--s' : 'govuk-visually-hidden'}`}>{caption}</caption>
        <thead class="govuk-table__head">
          <tr class="govuk-table__row">
            {head.map((col) =>
              typeof col === 'string' ? (
                <th scope="col" class="govuk-table__header">
                  {col}
                </th>
              ) : (
                <th scope="col" class="govuk-table__header govuk-table__header--numeric">
                  {col.numeric}
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody class="govuk-table__body">{children}</tbody>
      </table>
    </section>
  );
}

/* ------------------------------------------------------------------------------------------------
 * Saying values
 * ---------------------------------------------------------------------------------------------- */

/** `warehousing-logistics` → "Warehousing logistics". */
export function words(code: string): string {
  const s = code.replace(/-/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export const yesNo = (b: boolean | undefined) => (b ? 'Yes' : 'No');

/** A list as "a, b, c", or what to say when it is empty. */
export const commaList = (xs: readonly string[] | undefined, empty = 'None recorded') => (xs?.length ? xs.join(', ') : empty);

/** `2026-12-20` → "20 December 2026" (shared/domain/dates.ts, as notifications say it too). */
export const fmtDate = longDate;

/** An instant, as UK clock time: "20 December 2026 at 9:30am". */
export const fmtDateTime = longDateTime;

export const money = (amount: number) =>
  amount.toLocaleString('en-GB', { style: 'currency', currency: 'GBP', minimumFractionDigits: Number.isInteger(amount) ? 0 : 2 });
