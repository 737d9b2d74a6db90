import type { Hono } from 'hono';
import type { z } from 'zod';
import type { Child } from 'hono/jsx';
import type { AppDeps } from '../../app.js';
import type { Actor } from '../../../../shared/domain/actor.js';
import { SECTORS, SHIFT_PATTERNS, WORK_DEMANDS } from '../../../../shared/domain/common.js';
import {
  DecisionInput,
  InterviewInput,
  NOT_HIRED_REASONS,
  OutcomeInput,
  REJECTION_REASONS,
  SubmissionCreate,
  type EmployerView,
  type Submission,
  type SubmissionState,
} from '../../../../shared/domain/submission.js';
import { BACKGROUND_CHECKS, CONTRACT_TYPES, VacancyCreate, type Vacancy } from '../../../../shared/domain/vacancy.js';
import { BusinessRuleError, ConflictError, ForbiddenError, ValidationError, type FieldError } from '../../../../shared/errors.js';
import type { ExclusionReason, Factor } from '../../../../shared/matching/types.js';
import * as employers from '../../../../shared/use-cases/employers.js';
import * as matching from '../../../../shared/use-cases/matching.js';
import * as submissions from '../../../../shared/use-cases/submissions.js';
import * as vacancies from '../../../../shared/use-cases/vacancies.js';
import { formToObject, parseForm, valueAt } from '../forms.js';
import { Csrf, page, type WebContext, type WebEnv } from '../index.js';
import { fieldId, label } from '../layout.js';

/* ------------------------------------------------------------------------------------------------
 * Small GOV.UK building blocks shared by the liaison pages (employers, vacancies, cohorts).
 * ---------------------------------------------------------------------------------------------- */

export type Values = Record<string, unknown> | undefined;
type Option = readonly [value: string, text: string];

/** Only liaison officers and admins work on these pages; others get the GOV.UK 403 page. */
export function staffOnly(actor: Actor): void {
  if (actor.role !== 'liaison' && actor.role !== 'admin') throw new ForbiddenError(`Your role (${actor.role}) may not use this page`);
}

/** The errors a form post shows in its error summary; anything else is not the user's to fix and propagates. */
export function formErrors(err: unknown, fallbackPath: string): { errors: FieldError[]; status: number } | undefined {
  if (err instanceof ValidationError || err instanceof BusinessRuleError || err instanceof ConflictError) {
    return { errors: err.errors?.length ? err.errors : [{ path: fallbackPath, message: err.message }], status: err.status };
  }
  return undefined;
}

/**
 * Zod's messages, said the GOV.UK way when a field was left empty; a missing group (hours, wage…) is
 * reported on each of its required fields so every summary link has an input to land on.
 */
export function friendly(errors: FieldError[], values: Values, groups: Record<string, string[]> = {}): FieldError[] {
  return errors.flatMap((e) => {
    const missing = valueAt(values, e.path) === '';
    if (missing && groups[e.path]) {
      return groups[e.path]!.filter((p) => valueAt(values, p) === '').map((path) => ({ path, message: 'enter a value' }));
    }
    if (/received NaN/.test(e.message)) return [{ path: e.path, message: 'must be a number' }];
    if (!missing && /must be a date-time/.test(e.message)) return [{ path: e.path, message: 'enter a real date and time' }];
    if (!missing && /must be a date as/.test(e.message)) return [{ path: e.path, message: 'enter a real date' }];
    if (!missing) return [e];
    if (/expected array/.test(e.message)) return [{ path: e.path, message: 'choose at least one' }];
    if (/Invalid option/.test(e.message)) return [{ path: e.path, message: 'choose an option' }];
    if (/expected number/.test(e.message)) return [{ path: e.path, message: 'enter a number' }];
    if (/expected (string|boolean)|Too small/.test(e.message)) return [{ path: e.path, message: 'enter a value' }];
    return [e];
  });
}

/** The first error for a field (or any of its items, `shiftPatterns.2`). */
export function errorAt(errors: FieldError[] | undefined, path: string): string | undefined {
  const e = errors?.find((x) => x.path === path || x.path.startsWith(`${path}.`));
  return e ? e.message.charAt(0).toUpperCase() + e.message.slice(1) : undefined;
}

/**
 * The form as the user typed it, shaped like the parsed object, for refilling it after an error:
 * no number or boolean conversion (so "lots" stays "lots"), and date-times as they were entered.
 */
export function typedValues(form: Record<string, string | File | (string | File)[]>): Record<string, unknown> {
  return formToObject(Object.fromEntries(Object.entries(form).map(([k, v]) => [k.replace(/:(number|boolean)$/, ''), v])));
}

/** A list value for refilling checkboxes. */
export function listAt(values: Values, path: string): string[] {
  let cur: unknown = values;
  for (const k of path.split('.')) cur = cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[k] : undefined;
  return Array.isArray(cur) ? cur.map(String) : typeof cur === 'string' && cur ? [cur] : [];
}

const describedBy = (...ids: (string | false | undefined)[]) => ids.filter(Boolean).join(' ') || undefined;

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

export function TextInput(props: {
  id: string;
  name: string;
  label: Child;
  value?: string;
  error?: string;
  hint?: Child;
  type?: string;
  width?: string;
  inputmode?: 'numeric' | 'decimal' | 'text';
  autocomplete?: string;
  spellcheck?: boolean;
}) {
  const { id, error, hint } = props;
  return (
    <div class={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <label class="govuk-label" for={id}>
        {props.label}
      </label>
      <Hint id={id} hint={hint} />
      <ErrorMessage id={id} error={error} />
      <input
        class={`govuk-input${props.width ? ` govuk-input--width-${props.width}` : ''}${error ? ' govuk-input--error' : ''}`}
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.value ?? ''}
        inputmode={props.inputmode}
        autocomplete={props.autocomplete}
        spellcheck={props.spellcheck}
        aria-describedby={describedBy(hint !== undefined && `${id}-hint`, error && `${id}-error`)}
      />
    </div>
  );
}

export function TextArea(props: { id: string; name: string; label: Child; value?: string; error?: string; hint?: Child; rows?: number }) {
  const { id, error, hint } = props;
  return (
    <div class={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <label class="govuk-label" for={id}>
        {props.label}
      </label>
      <Hint id={id} hint={hint} />
      <ErrorMessage id={id} error={error} />
      <textarea
        class={`govuk-textarea${error ? ' govuk-textarea--error' : ''}`}
        id={id}
        name={props.name}
        rows={props.rows ?? 4}
        aria-describedby={describedBy(hint !== undefined && `${id}-hint`, error && `${id}-error`)}
      >
        {props.value ?? ''}
      </textarea>
    </div>
  );
}

export function Select(props: {
  id: string;
  name: string;
  label: Child;
  options: readonly Option[];
  groups?: { label: string; options: readonly Option[] }[];
  value?: string;
  error?: string;
  hint?: Child;
}) {
  const { id, error, hint } = props;
  const opt = ([v, t]: Option) => (
    <option value={v} selected={props.value === v}>
      {t}
    </option>
  );
  return (
    <div class={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <label class="govuk-label" for={id}>
        {props.label}
      </label>
      <Hint id={id} hint={hint} />
      <ErrorMessage id={id} error={error} />
      <select
        class={`govuk-select${error ? ' govuk-select--error' : ''}`}
        id={id}
        name={props.name}
        aria-describedby={describedBy(hint !== undefined && `${id}-hint`, error && `${id}-error`)}
      >
        {props.options.map(opt)}
        {(props.groups ?? []).filter((g) => g.options.length).map((g) => (
          <optgroup label={g.label}>{g.options.map(opt)}</optgroup>
        ))}
      </select>
    </div>
  );
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
  error?: string;
  hint?: Child;
  inline?: boolean;
  small?: boolean;
}) {
  const { id, error, hint, kind } = props;
  return (
    <div class={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <fieldset class="govuk-fieldset" aria-describedby={describedBy(hint !== undefined && `${id}-hint`, error && `${id}-error`)}>
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

export function Button({ children, secondary, id }: { children: Child; secondary?: boolean; id?: string }) {
  return (
    <button type="submit" id={id} class={`govuk-button${secondary ? ' govuk-button--secondary' : ''}`} data-module="govuk-button">
      {children}
    </button>
  );
}

/** The success banner after a Post/Redirect/Get, chosen by the `?done=` query parameter. */
export function DoneBanner({ c, messages }: { c: WebContext; messages: Record<string, string> }) {
  const text = messages[c.req.query('done') ?? ''];
  if (!text) return null;
  return (
    <div class="govuk-notification-banner govuk-notification-banner--success" role="alert" aria-labelledby="done-banner-title" data-module="govuk-notification-banner">
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

/** `warehousing-logistics` → "Warehousing logistics". */
export function words(code: string): string {
  const s = code.replace(/-/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export const yesNo = (b: boolean | undefined) => (b ? 'Yes' : 'No');

/** `2026-12-20` → "20 December 2026". */
export function fmtDate(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/** An instant, as UK clock time. */
export function fmtDateTime(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? iso
    : d.toLocaleString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London' });
}

const LONDON = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** How far UK clock time is ahead of UTC at an instant (0 in winter, 1 hour in summer). */
function londonOffsetMs(ms: number): number {
  const p = Object.fromEntries(LONDON.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second)) - Math.floor(ms / 1000) * 1000;
}

/**
 * A `datetime-local` value is the user's UK clock time; the schemas want ISO 8601 in UTC (`…:00Z`).
 * Anything that is not a local date-time is returned as it is, for the schema to report.
 */
export function localToUtc(value: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?$/.exec(value.trim());
  if (!m) return value;
  const naive = Date.parse(`${m[1]}T${m[2]}:00Z`);
  if (Number.isNaN(naive)) return value;
  const utc = naive - londonOffsetMs(naive - londonOffsetMs(naive));
  return `${new Date(utc).toISOString().slice(0, 16)}:00Z`;
}

/** The `datetime-local` value (UK clock time) of an instant. */
export function utcToLocal(iso: string | undefined): string {
  const ms = iso ? Date.parse(iso) : Number.NaN;
  return Number.isNaN(ms) ? (iso ?? '') : new Date(ms + londonOffsetMs(ms)).toISOString().slice(0, 16);
}

/** The posted form with its `datetime-local` fields turned into UTC instants. */
export function withUtc(form: Record<string, string | File | (string | File)[]>, ...names: string[]) {
  const out = { ...form };
  for (const n of names) if (typeof out[n] === 'string') out[n] = localToUtc(out[n] as string);
  return out;
}

export const money = (amount: number) =>
  amount.toLocaleString('en-GB', { style: 'currency', currency: 'GBP', minimumFractionDigits: Number.isInteger(amount) ? 0 : 2 });

export const VACANCY_STATUS_TAG: Record<Vacancy['status'], string> = {
  draft: 'grey',
  open: 'green',
  filled: 'blue',
  closed: 'orange',
  withdrawn: 'red',
};

/* ------------------------------------------------------------------------------------------------
 * Labels
 * ---------------------------------------------------------------------------------------------- */

const REJECTION_LABELS: Record<(typeof REJECTION_REASONS)[number], string> = {
  skills: 'Does not have the skills needed',
  experience: 'Not enough experience',
  availability: 'Availability does not fit the job',
  location: 'Location or travel does not work',
  'position-filled': 'The position has been filled',
  other: 'Another reason (say why in the note)',
};

const NOT_HIRED_LABELS: Record<(typeof NOT_HIRED_REASONS)[number], string> = {
  'interview-performance': 'The interview did not go well enough',
  'did-not-attend': 'Did not attend the interview',
  'offer-declined': 'Turned the offer down',
  'position-filled': 'The position has been filled',
  other: 'Another reason (say why in the note)',
};

const STATE_LABELS: Record<SubmissionState, [text: string, colour: string]> = {
  proposed: ['Waiting for the adviser', 'grey'],
  submitted: ['Awaiting decision', 'blue'],
  declined: ['Declined', 'grey'],
  lapsed: ['Lapsed', 'grey'],
  interview: ['Interview', 'purple'],
  rejected: ['Not taken forward', 'red'],
  expired: ['Expired', 'orange'],
  hired: ['Hired', 'green'],
  'not-hired': ['Not hired', 'red'],
  withdrawn: ['Withdrawn', 'grey'],
};

const StateTag = ({ state }: { state: SubmissionState }) => <Tag colour={STATE_LABELS[state][1]}>{STATE_LABELS[state][0]}</Tag>;

const FACTOR_LABELS: Record<Factor, string> = {
  'essential-skills': 'Must-have skills',
  'desirable-skills': 'Nice-to-have skills',
  preference: 'Job preference',
  'work-history': 'Work history',
  distance: 'Distance',
  'hours-fit': 'Hours',
  'pet-completion': 'Pre-employment training',
  'waiting-time': 'Time waiting',
  'long-term-unemployed': 'Long-term unemployed',
  'already-put-forward': 'Already put forward',
};

const EXCLUSION_LABELS: Record<ExclusionReason, string> = {
  'no-matching-consent': 'have not consented to be matched',
  'not-active': 'are not active on the programme',
  'not-job-ready': 'are not job-ready',
  'already-submitted': 'have already been put forward for this vacancy',
  'no-right-to-work': 'have no right to work recorded',
  'no-driving-licence': 'do not have the driving licence the job needs',
  'missing-certification': 'do not hold a required certificate',
  hours: 'cannot work these hours',
  shifts: 'cannot work these shifts',
  'work-demands': 'cannot meet the demands of the work',
  'too-far': 'live too far away',
};

/* ------------------------------------------------------------------------------------------------
 * The vacancy form
 * ---------------------------------------------------------------------------------------------- */

const VACANCY_GROUPS = {
  hoursPerWeek: ['hoursPerWeek.min', 'hoursPerWeek.max'],
  wage: ['wage.amount'],
  site: ['site.postcode'],
  occupation: ['occupation.title'],
};

async function employerChoices(deps: AppDeps, actor: Actor, preselected?: string) {
  const [mine, all] = await Promise.all([
    employers.listEmployers(deps, actor, { limit: 100, accountManagerId: actor.sub }),
    employers.listEmployers(deps, actor, { limit: 100 }),
  ]);
  const mineIds = new Set(mine.items.map((e) => e.id));
  const others = all.items.filter((e) => !mineIds.has(e.id));
  const known = mineIds.has(preselected ?? '') || others.some((e) => e.id === preselected);
  // A preselected employer beyond the first hundred is fetched on its own (a 404 if it is not one we may see).
  const extra = preselected && !known && /^[0-9A-HJKMNP-TV-Z]{26}$/.test(preselected) ? [await employers.getEmployer(deps, actor, preselected)] : [];
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
  const opt = (e: { id: string; name: string }) => [e.id, e.name] as const;
  return [
    { label: 'Your employers', options: [...mine.items, ...extra].sort(byName).map(opt) },
    { label: 'Other employers', options: others.sort(byName).map(opt) },
  ];
}

function VacancyForm({ c, groups, values, errors }: { c: WebContext; groups: { label: string; options: readonly Option[] }[]; values: Values; errors?: FieldError[] }) {
  const v = (p: string) => valueAt(values, p);
  const e = (p: string) => errorAt(errors, p);
  return (
    <form method="post" action="/app/vacancies" novalidate>
      <Csrf c={c} />
      <Select id={fieldId('employerId')} name="employerId" label="Employer" options={[['', 'Choose an employer']]} groups={groups} value={v('employerId')} error={e('employerId')} />
      <TextInput id={fieldId('title')} name="title" label="Job title as advertised" value={v('title')} error={e('title')} />
      <TextInput
        id={fieldId('occupation.title')}
        name="occupation.title"
        label="Occupation"
        hint="The kind of work, for matching, for example ‘Warehouse operative’"
        value={v('occupation.title')}
        error={e('occupation.title')}
      />
      <Select id={fieldId('sector')} name="sector" label="Sector" options={[['', 'Choose a sector'], ...SECTORS.map((s) => [s, words(s)] as const)]} value={v('sector')} error={e('sector')} />
      <TextInput id={fieldId('site.postcode')} name="site.postcode" label="Postcode of the place of work" width="10" autocomplete="postal-code" value={v('site.postcode')} error={e('site.postcode')} />
      <TextInput id={fieldId('site.town')} name="site.town" label="Town (optional)" width="20" value={v('site.town')} error={e('site.town')} />
      <TextInput id={fieldId('positions')} name="positions:number" label="Number of positions" width="4" inputmode="numeric" value={v('positions')} error={e('positions')} />
      <fieldset class="govuk-fieldset">
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Hours per week</legend>
        <TextInput id={fieldId('hoursPerWeek.min')} name="hoursPerWeek.min:number" label="Fewest hours" width="3" inputmode="numeric" value={v('hoursPerWeek.min')} error={e('hoursPerWeek.min')} />
        <TextInput id={fieldId('hoursPerWeek.max')} name="hoursPerWeek.max:number" label="Most hours" width="3" inputmode="numeric" value={v('hoursPerWeek.max')} error={e('hoursPerWeek.max')} />
      </fieldset>
      <Choices
        kind="checkboxes"
        id={fieldId('shiftPatterns')}
        name="shiftPatterns[]"
        legend="Shift patterns"
        hint="Select all that apply."
        options={SHIFT_PATTERNS.map((s) => [s, words(s)] as const)}
        checked={listAt(values, 'shiftPatterns')}
        error={e('shiftPatterns')}
        small
      />
      <Select
        id={fieldId('contractType')}
        name="contractType"
        label="Contract type"
        options={[['', 'Choose a contract type'], ...CONTRACT_TYPES.map((t) => [t, words(t)] as const)]}
        value={v('contractType')}
        error={e('contractType')}
      />
      <fieldset class="govuk-fieldset">
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Pay</legend>
        <TextInput id={fieldId('wage.amount')} name="wage.amount:number" label="Amount in pounds" width="5" inputmode="decimal" value={v('wage.amount')} error={e('wage.amount')} />
        <Select
          id={fieldId('wage.period')}
          name="wage.period"
          label="Per"
          options={[
            ['hour', 'Hour'],
            ['week', 'Week'],
            ['year', 'Year'],
          ]}
          value={v('wage.period') || 'hour'}
          error={e('wage.period')}
        />
      </fieldset>
      <TextInput id={fieldId('essentialSkills')} name="essentialSkills[]" label="Must-have skills (optional)" hint="Separate skills with commas, for example: picking, packing" value={v('essentialSkills')} error={e('essentialSkills')} />
      <TextInput id={fieldId('desirableSkills')} name="desirableSkills[]" label="Nice-to-have skills (optional)" hint="Separate skills with commas." value={v('desirableSkills')} error={e('desirableSkills')} />
      <TextInput
        id={fieldId('essentialCertifications')}
        name="essentialCertifications[]"
        label="Certificates or licences needed (optional)"
        hint="Separate them with commas, for example: sia door supervisor, cscs green card"
        value={v('essentialCertifications')}
        error={e('essentialCertifications')}
      />
      <Choices
        kind="checkboxes"
        id={fieldId('workDemands')}
        name="workDemands[]"
        legend="What the work involves (optional)"
        hint="Say what the job asks of people, so nobody is matched to tasks they cannot do."
        options={WORK_DEMANDS.map((d) => [d, words(d)] as const)}
        checked={listAt(values, 'workDemands')}
        error={e('workDemands')}
        small
      />
      <Choices
        kind="checkboxes"
        id={fieldId('drivingLicenceRequired')}
        name="drivingLicenceRequired:boolean"
        legend="Driving"
        options={[['true', 'A full driving licence is needed']]}
        checked={v('drivingLicenceRequired') === 'true' ? ['true'] : []}
        error={e('drivingLicenceRequired')}
        small
      />
      <Select
        id={fieldId('backgroundCheck')}
        name="backgroundCheck"
        label="Background check"
        options={BACKGROUND_CHECKS.map((b) => [b, b === 'none' ? 'None' : b === 'bs7858' ? 'BS 7858 security screening' : words(b).replace('dbs', 'DBS')] as const)}
        value={v('backgroundCheck') || 'none'}
        error={e('backgroundCheck')}
      />
      <Choices
        kind="checkboxes"
        id={fieldId('guaranteedInterview')}
        name="guaranteedInterview:boolean"
        legend="Guaranteed interview"
        options={[['true', 'The employer guarantees an interview to candidates who meet the must-haves']]}
        checked={v('guaranteedInterview') === 'true' ? ['true'] : []}
        error={e('guaranteedInterview')}
        small
      />
      <Choices
        kind="checkboxes"
        id={fieldId('workTrial')}
        name="workTrial:boolean"
        legend="Work trial"
        options={[['true', 'The employer offers a work trial']]}
        checked={v('workTrial') === 'true' ? ['true'] : []}
        error={e('workTrial')}
        small
      />
      <TextInput id={fieldId('closingDate')} name="closingDate" type="date" label="Closing date" width="10" value={v('closingDate')} error={e('closingDate')} />
      <Choices
        kind="radios"
        id={fieldId('status')}
        name="status"
        legend="Publish the vacancy?"
        hint="A draft gives advisers time to prepare candidates before it is advertised."
        options={[
          ['draft', 'Save as draft'],
          ['open', 'Publish now'],
        ]}
        checked={[v('status') || 'draft']}
        error={e('status')}
      />
      <Button>Save vacancy</Button>
    </form>
  );
}

/* ------------------------------------------------------------------------------------------------
 * Candidates (employer view) and the decision, interview and outcome forms
 * ---------------------------------------------------------------------------------------------- */

type Full = Submission;
type ForEmployer = Exclude<ReturnType<typeof submissions.viewFor>, Submission>;
const isFull = (s: ReturnType<typeof submissions.viewFor>): s is Full => !('candidate' in s);

/** The consented fields, as the employer sees them. */
function CandidateDetails({ candidate, extra = [] }: { candidate: EmployerView; extra?: [string, Child][] }) {
  const rows: [string, Child][] = [['Reference', candidate.candidateRef]];
  if (candidate.firstName) rows.push(['First name', candidate.firstName]);
  if (candidate.skills) rows.push(['Skills', candidate.skills.length ? candidate.skills.join(', ') : 'None listed']);
  if (candidate.workHistory) {
    rows.push([
      'Work history',
      candidate.workHistory.length ? (
        <ul class="govuk-list">
          {candidate.workHistory.map((w) => (
            <li>
              {w.role}
              {w.sector ? ` (${words(w.sector)})` : ''}, {w.from} to {w.to ?? 'now'}
            </li>
          ))}
        </ul>
      ) : (
        'None recorded'
      ),
    ]);
  }
  if (candidate.certifications) {
    rows.push([
      'Certificates',
      candidate.certifications.length
        ? candidate.certifications.map((x) => `${x.name}${x.expiresOn ? ` (valid until ${fmtDate(x.expiresOn)})` : ''}`).join(', ')
        : 'None',
    ]);
  }
  if (candidate.availability) {
    const h = candidate.availability.hoursPerWeek;
    rows.push(['Availability', `${h ? `${h.min} to ${h.max} hours a week` : 'Hours not stated'}; shifts: ${candidate.availability.shifts.map(words).join(', ') || 'any'}`]);
  }
  if (candidate.drivingLicence !== undefined) rows.push(['Driving licence', yesNo(candidate.drivingLicence)]);
  if (candidate.healthDisclosure) rows.push(['Health or disability, in their words', candidate.healthDisclosure]);
  if (candidate.convictionDisclosure) rows.push(['Convictions, in their words', candidate.convictionDisclosure]);
  if (candidate.programmeParticipation) rows.push(['Support', candidate.programmeParticipation]);
  return <SummaryList rows={[...rows, ...extra]} />;
}

type FormProps = { c: WebContext; sid: string; prefix: string; values?: Values; errors?: FieldError[] };

function DecisionForm({ c, sid, prefix, values, errors }: FormProps) {
  const id = (p: string) => `${prefix}${fieldId(p)}`;
  return (
    <form method="post" action={`/app/submissions/${sid}/decision`} novalidate>
      <Csrf c={c} />
      <Choices
        kind="radios"
        id={id('decision')}
        name="decision"
        legend="Your decision"
        options={[
          ['interview', 'Invite to interview'],
          ['reject', 'Do not take forward'],
        ]}
        checked={listAt(values, 'decision')}
        error={errorAt(errors, 'decision')}
      />
      <Select
        id={id('reasonCode')}
        name="reasonCode"
        label="Reason for not taking them forward"
        hint="Needed if you do not take them forward. Their adviser sees the reason, so they can help."
        options={[['', 'Choose a reason'], ...REJECTION_REASONS.map((r) => [r, REJECTION_LABELS[r]] as const)]}
        value={valueAt(values, 'reasonCode')}
        error={errorAt(errors, 'reasonCode')}
      />
      <TextArea id={id('note')} name="note" label="Note (optional)" rows={3} value={valueAt(values, 'note')} error={errorAt(errors, 'note')} />
      <Button>Send decision</Button>
    </form>
  );
}

function InterviewForm({ c, sid, prefix, values, errors }: FormProps) {
  const id = (p: string) => `${prefix}${fieldId(p)}`;
  return (
    <form method="post" action={`/app/submissions/${sid}/interview`} novalidate>
      <Csrf c={c} />
      <TextInput id={id('at')} name="at" type="datetime-local" label="Interview date and time" hint="UK time" value={valueAt(values, 'at')} error={errorAt(errors, 'at')} />
      <TextInput id={id('place')} name="place" label="Where the interview is" value={valueAt(values, 'place')} error={errorAt(errors, 'place')} />
      <Button secondary>Book interview</Button>
    </form>
  );
}

function OutcomeForm({ c, sid, prefix, values, errors }: FormProps) {
  const id = (p: string) => `${prefix}${fieldId(p)}`;
  return (
    <form method="post" action={`/app/submissions/${sid}/outcome`} novalidate>
      <Csrf c={c} />
      <Choices
        kind="radios"
        id={id('outcome')}
        name="outcome"
        legend="Outcome"
        options={[
          ['hired', 'Hired'],
          ['not-hired', 'Not hired'],
          ['withdrawn', 'Withdrawn (the candidate withdrew)'],
        ]}
        checked={listAt(values, 'outcome')}
        error={errorAt(errors, 'outcome')}
      />
      <TextInput id={id('startDate')} name="startDate" type="date" width="10" label="Start date" hint="Only for a hire." value={valueAt(values, 'startDate')} error={errorAt(errors, 'startDate')} />
      <Select
        id={id('reasonCode')}
        name="reasonCode"
        label="Reason, if not hired"
        options={[['', 'Choose a reason'], ...NOT_HIRED_REASONS.map((r) => [r, NOT_HIRED_LABELS[r]] as const)]}
        value={valueAt(values, 'reasonCode')}
        error={errorAt(errors, 'reasonCode')}
      />
      <TextArea id={id('note')} name="note" label="Note (optional)" rows={3} value={valueAt(values, 'note')} error={errorAt(errors, 'note')} />
      <Button>Record outcome</Button>
    </form>
  );
}

type Action = 'decision' | 'interview' | 'outcome';

/** The forms a submission's state allows, each with ids unique on the page. */
function ActionForms({ c, s, state }: { c: WebContext; s: { id: string; interview?: unknown }; state: SubmissionState }) {
  const base = `s-${s.id}-`;
  const booked = s.interview !== undefined;
  if (state === 'submitted') {
    return (
      <>
        <h4 class="govuk-heading-s">Interview or not?</h4>
        <DecisionForm c={c} sid={s.id} prefix={`${base}decision-`} />
      </>
    );
  }
  if (state === 'interview') {
    return (
      <>
        <h4 class="govuk-heading-s">{booked ? 'Change the interview' : 'Book the interview'}</h4>
        <InterviewForm c={c} sid={s.id} prefix={`${base}interview-`} />
        <h4 class="govuk-heading-s">After the interview</h4>
        <OutcomeForm c={c} sid={s.id} prefix={`${base}outcome-`} />
      </>
    );
  }
  return null;
}

function progressRows(s: { respondBy?: string; decision?: { decision: string; reasonCode?: string }; interview?: { at: string; place: string }; outcome?: { outcome: string; startDate?: string } }, state: SubmissionState) {
  const rows: [string, Child][] = [];
  if (s.respondBy && state === 'submitted') rows.push(['Please decide by', fmtDate(s.respondBy)]);
  if (s.decision?.decision === 'reject') {
    const code = s.decision.reasonCode as (typeof REJECTION_REASONS)[number] | undefined;
    rows.push(['Reason not taken forward', code ? (REJECTION_LABELS[code] ?? code) : '']);
  }
  if (s.interview) rows.push(['Interview', `${fmtDateTime(s.interview.at)}, ${s.interview.place}`]);
  if (s.outcome) rows.push(['Outcome', `${words(s.outcome.outcome)}${s.outcome.startDate ? `, starting ${fmtDate(s.outcome.startDate)}` : ''}`]);
  return rows;
}

function EmployerCandidate({ c, s }: { c: WebContext; s: ForEmployer }) {
  return (
    <div class="govuk-summary-card" id={`candidate-${s.candidateRef}`}>
      <div class="govuk-summary-card__title-wrapper">
        <h3 class="govuk-summary-card__title">
          Candidate {s.candidateRef}
          {s.candidate.firstName ? ` (${s.candidate.firstName})` : ''}
        </h3>
        <div>
          <StateTag state={s.state} /> {s.guaranteedInterview ? <Tag colour="turquoise">Guaranteed interview</Tag> : null}
        </div>
      </div>
      <div class="govuk-summary-card__content">
        <CandidateDetails candidate={s.candidate} extra={progressRows(s, s.state)} />
        <ActionForms c={c} s={s} state={s.state} />
      </div>
    </div>
  );
}

/* ------------------------------------------------------------------------------------------------
 * The vacancy page
 * ---------------------------------------------------------------------------------------------- */

function VacancySummary({ v, linkEmployer }: { v: Vacancy; linkEmployer: boolean }) {
  const rows: [string, Child][] = [
    ['Employer', linkEmployer ? <a class="govuk-link" href={`/app/employers/${v.employerId}`}>{v.employerName}</a> : v.employerName],
    ['Status', <Tag colour={VACANCY_STATUS_TAG[v.status]}>{v.status}</Tag>],
    ['Occupation', v.occupation.title],
    ['Sector', words(v.sector)],
    ['Place of work', [v.site.town, v.site.postcode].filter(Boolean).join(', ')],
    ['Positions', `${v.positions} (${v.filledPositions} filled)`],
    ['Hours per week', v.hoursPerWeek.min === v.hoursPerWeek.max ? `${v.hoursPerWeek.min}` : `${v.hoursPerWeek.min} to ${v.hoursPerWeek.max}`],
    ['Shifts', v.shiftPatterns.map(words).join(', ')],
    ['Contract', words(v.contractType)],
    ['Pay', `${money(v.wage.amount)} a${v.wage.period === 'hour' ? 'n' : ''} ${v.wage.period}`],
    ['Must-have skills', v.essentialSkills.join(', ') || 'None'],
    ['Nice-to-have skills', v.desirableSkills.join(', ') || 'None'],
    ['Certificates needed', v.essentialCertifications.join(', ') || 'None'],
    ['Driving licence needed', yesNo(v.drivingLicenceRequired)],
    ['What the work involves', v.workDemands.map(words).join(', ') || 'Nothing noted'],
    ['Background check', v.backgroundCheck === 'none' ? 'None' : words(v.backgroundCheck)],
    ['Guaranteed interview', yesNo(v.guaranteedInterview)],
    ['Work trial', yesNo(v.workTrial)],
    ['Closing date', fmtDate(v.closingDate)],
  ];
  if (v.startDate) rows.push(['Start date', fmtDate(v.startDate)]);
  if (v.liveSubmissions !== undefined) rows.push(['Candidates in progress', `${v.liveSubmissions} of at most ${v.positions * 5}`]);
  return <SummaryList rows={rows} />;
}

const VACANCY_DONE = {
  created: 'Vacancy saved',
  proposed: 'Candidates put forward. Their advisers will ask them to agree before the employer sees them.',
  decided: 'Your answer has been recorded',
  published: 'Vacancy published',
};

const pct = (share: number) => Math.round(share * 100);
const signed = (n: number) => (n >= 0 ? `+${n}` : `−${Math.abs(n)}`);

type Matches = Awaited<ReturnType<typeof matching.matchesForVacancy>>;
type Candidate = Matches['candidates'][number];

function Factors({ m }: { m: Candidate }) {
  return (
    <>
      <ul class="rw-factors">
        {m.factors.map((f) => (
          <li>
            {FACTOR_LABELS[f.factor] ?? f.factor}: {signed(f.contribution)} – {f.detail}
          </li>
        ))}
      </ul>
      {m.gaps.length ? <div>Gaps: {m.gaps.join('; ')}</div> : null}
    </>
  );
}

function SuggestedCandidates({ c, v, m, chosen, errors }: { c: WebContext; v: Vacancy; m: Matches; chosen: string[]; errors?: FieldError[] }) {
  const excludedTotal = Object.values(m.excluded).reduce((a, b) => a + (b ?? 0), 0);
  const label = (x: Candidate) => (
    <>
      {x.summary.name} – score {x.score}
      {x.guaranteedInterview ? (
        <>
          {' '}
          <Tag colour="turquoise">Guaranteed interview</Tag>
        </>
      ) : null}
    </>
  );
  return (
    <>
      <h2 class="govuk-heading-m" id="suggested">
        Suggested candidates
      </h2>
      <p class="govuk-body">
        Ranked by how well they fit the job. These are recommendations: you decide who to put forward, and their adviser asks each person before the employer
        sees anything.
      </p>
      {m.fairness.eligible ? (
        <p class="govuk-body">
          {pct(m.fairness.longTermUnemployedShareOfEligible)}% of eligible candidates and {pct(m.fairness.longTermUnemployedShareOfList)}% of this list have been
          out of work 12 months or more ({m.fairness.eligible} eligible in all).
        </p>
      ) : null}
      {m.candidates.length === 0 ? (
        <p class="govuk-body">Nobody nearby meets the must-haves of this job right now.</p>
      ) : v.status === 'open' ? (
        <form method="post" action={`/app/vacancies/${v.id}/submissions`} novalidate>
          <Csrf c={c} />
          <Choices
            kind="checkboxes"
            id="candidates"
            name="participantIds[]"
            legend="Choose candidates to put forward"
            hint={`Put forward fewer, better-matched candidates: at most ${v.positions * 5 - (v.liveSubmissions ?? 0)} more for this vacancy.`}
            options={m.candidates.map((x) => [x.participantId, label(x), <Factors m={x} />] as const)}
            checked={chosen}
            error={errors?.filter((x) => x.path === 'candidates').map((x) => x.message).join('. ') || undefined}
          />
          <Button>Put forward selected</Button>
        </form>
      ) : (
        <>
          <div class="govuk-inset-text">This vacancy is a draft. Publish it to put candidates forward.</div>
          <ol class="govuk-list govuk-list--number">
            {m.candidates.map((x) => (
              <li>
                <span class="govuk-!-font-weight-bold">{label(x)}</span>
                <Factors m={x} />
              </li>
            ))}
          </ol>
        </>
      )}
      <details class="govuk-details">
        <summary class="govuk-details__summary">
          <span class="govuk-details__summary-text">Nearly ready (amber): {m.nearlyReady.length}</span>
        </summary>
        <div class="govuk-details__text">
          {m.nearlyReady.length ? (
            <>
              <p class="govuk-body">These people fit the job but their advisers do not yet judge them job-ready. Talk to the adviser before the closing date.</p>
              <ul class="govuk-list">
                {m.nearlyReady.map((x) => (
                  <li>
                    <span class="govuk-!-font-weight-bold">
                      {x.summary.name} – score {x.score}
                    </span>
                    {x.gaps.length ? <p class="govuk-body-s govuk-!-margin-bottom-0">Gaps: {x.gaps.join('; ')}</p> : null}
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p class="govuk-body">Nobody nearby is nearly ready for this job.</p>
          )}
        </div>
      </details>
      <details class="govuk-details">
        <summary class="govuk-details__summary">
          <span class="govuk-details__summary-text">Not suggested: {excludedTotal}</span>
        </summary>
        <div class="govuk-details__text">
          {excludedTotal ? (
            <ul class="govuk-list govuk-list--bullet">
              {(Object.entries(m.excluded) as [ExclusionReason, number][]).map(([reason, n]) => (
                <li>
                  {n} {n === 1 ? 'person' : 'people'} {EXCLUSION_LABELS[reason] ?? reason}
                </li>
              ))}
            </ul>
          ) : (
            <p class="govuk-body">Nobody nearby was ruled out.</p>
          )}
        </div>
      </details>
    </>
  );
}

function SubmissionsTable({ c, vacancyId, items, next }: { c: WebContext; vacancyId: string; items: Full[]; next?: string }) {
  const actionable = items.filter((s) => s.state === 'submitted' || s.state === 'interview');
  return (
    <>
      <h2 class="govuk-heading-m" id="submissions">
        Submissions
      </h2>
      {items.length === 0 ? (
        <p class="govuk-body">Nobody has been put forward yet.</p>
      ) : (
        <table class="govuk-table">
          <caption class="govuk-table__caption govuk-visually-hidden">Candidates put forward for this vacancy</caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">Candidate</th>
              <th scope="col" class="govuk-table__header">State</th>
              <th scope="col" class="govuk-table__header">Put forward</th>
              <th scope="col" class="govuk-table__header">Answer due</th>
              <th scope="col" class="govuk-table__header">Interview or outcome</th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {items.map((s) => (
              <tr class="govuk-table__row">
                <th scope="row" class="govuk-table__header">
                  {s.candidateRef}
                  {s.guaranteedInterview ? (
                    <>
                      {' '}
                      <Tag colour="turquoise">Guaranteed interview</Tag>
                    </>
                  ) : null}
                </th>
                <td class="govuk-table__cell">
                  <StateTag state={s.state} />
                </td>
                <td class="govuk-table__cell">{fmtDate(s.proposedAt)}</td>
                <td class="govuk-table__cell">
                  {s.state === 'proposed' ? `Adviser by ${fmtDate(s.agreeBy)}` : s.state === 'submitted' && s.respondBy ? `Employer by ${fmtDate(s.respondBy)}` : ''}
                </td>
                <td class="govuk-table__cell">
                  {s.outcome
                    ? `${words(s.outcome.outcome)}${s.outcome.startDate ? `, starts ${fmtDate(s.outcome.startDate)}` : ''}`
                    : s.interview
                      ? `${fmtDateTime(s.interview.at)}, ${s.interview.place}`
                      : s.decision?.decision === 'reject'
                        ? `Reason: ${REJECTION_LABELS[s.decision.reasonCode as (typeof REJECTION_REASONS)[number]] ?? s.decision.reasonCode ?? ''}`
                        : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <NextPage href={next ? `/app/vacancies/${vacancyId}?more=${encodeURIComponent(next)}#submissions` : undefined} />
      {actionable.map((s) => (
        <details class="govuk-details">
          <summary class="govuk-details__summary">
            <span class="govuk-details__summary-text">Record the employer’s answer for {s.candidateRef}</span>
          </summary>
          <div class="govuk-details__text">
            <ActionForms c={c} s={s} state={s.state} />
          </div>
        </details>
      ))}
    </>
  );
}

async function renderVacancy(
  c: WebContext,
  deps: AppDeps,
  id: string,
  opts: { errors?: FieldError[] | ((names: Map<string, string>) => FieldError[]); chosen?: string[]; status?: number } = {},
) {
  const actor = c.get('actor');
  const fixedErrors = typeof opts.errors === 'function' ? undefined : opts.errors;
  const v = await vacancies.getVacancy(deps, actor, id);
  const title = v.title;

  if (actor.role === 'employer') {
    const list = await submissions.listForVacancy(deps, actor, id, { limit: 100, cursor: c.req.query('more') });
    const mine = list.items.filter((s): s is ForEmployer => !isFull(s));
    return page(
      c,
      { title, current: '/app', errors: fixedErrors, status: opts.status },
      <>
        <DoneBanner c={c} messages={VACANCY_DONE} />
        <span class="govuk-caption-l">{v.employerName}</span>
        <h1 class="govuk-heading-l">{title}</h1>
        <h2 class="govuk-heading-m" id="candidates">
          Candidates
        </h2>
        {mine.length === 0 ? (
          <p class="govuk-body">No candidates have been put forward to you yet. We will tell you when someone is.</p>
        ) : (
          mine.map((s) => <EmployerCandidate c={c} s={s} />)
        )}
        <NextPage href={list.nextCursor ? `/app/vacancies/${id}?more=${encodeURIComponent(list.nextCursor)}` : undefined} />
        <details class="govuk-details">
          <summary class="govuk-details__summary">
            <span class="govuk-details__summary-text">The vacancy as we hold it</span>
          </summary>
          <div class="govuk-details__text">
            <VacancySummary v={v} linkEmployer={false} />
          </div>
        </details>
      </>,
    );
  }

  if (actor.role === 'adviser') {
    return page(
      c,
      { title },
      <>
        <span class="govuk-caption-l">{v.employerName}</span>
        <h1 class="govuk-heading-l">{title}</h1>
        <VacancySummary v={v} linkEmployer={false} />
      </>,
    );
  }

  const showMatches = v.status === 'open' || v.status === 'draft';
  const [m, list] = await Promise.all([
    showMatches ? matching.matchesForVacancy(deps, actor, id, 20) : undefined,
    submissions.listForVacancy(deps, actor, id, { limit: 100, cursor: c.req.query('more') }),
  ]);
  const items = list.items.filter(isFull);
  const names = new Map([...(m?.candidates ?? []), ...(m?.nearlyReady ?? [])].map((x) => [x.participantId, x.summary.name]));
  const errors = typeof opts.errors === 'function' ? opts.errors(names) : opts.errors;
  return page(
    c,
    { title, current: '/app/vacancies', errors, status: opts.status },
    <>
      <DoneBanner c={c} messages={VACANCY_DONE} />
      <span class="govuk-caption-l">{v.employerName}</span>
      <h1 class="govuk-heading-l">{title}</h1>
      <VacancySummary v={v} linkEmployer />
      {v.status === 'draft' ? (
        <form method="post" action={`/app/vacancies/${id}/publish`} novalidate>
          <Csrf c={c} />
          <Button id="publish">Publish vacancy</Button>
        </form>
      ) : null}
      {m ? <SuggestedCandidates c={c} v={v} m={m} chosen={opts.chosen ?? []} errors={errors} /> : null}
      <SubmissionsTable c={c} vacancyId={id} items={items} next={list.nextCursor ?? undefined} />
    </>,
  );
}

/** A submission's form again, on its own, with the error summary. */
async function renderAction(c: WebContext, deps: AppDeps, sid: string, action: Action, errors: FieldError[], values: Values, status: number) {
  const actor = c.get('actor');
  const s = await submissions.getSubmission(deps, actor, sid);
  const candidate: EmployerView = isFull(s) ? (s.employerView ?? { candidateRef: s.candidateRef, sharedFields: [] }) : s.candidate;
  const Form = action === 'decision' ? DecisionForm : action === 'interview' ? InterviewForm : OutcomeForm;
  const heading = action === 'decision' ? 'Interview or not?' : action === 'interview' ? 'Book the interview' : 'Record the outcome';
  return page(
    c,
    { title: `${heading} – candidate ${s.candidateRef}`, current: actor.role === 'employer' ? '/app' : '/app/vacancies', errors, status },
    <>
      <a class="govuk-back-link" href={`/app/vacancies/${s.vacancyId}`}>
        Back to {s.vacancyTitle}
      </a>
      <span class="govuk-caption-l">
        {s.vacancyTitle}: candidate {s.candidateRef}
      </span>
      <h1 class="govuk-heading-l">{heading}</h1>
      <CandidateDetails candidate={candidate} extra={progressRows(s, s.state)} />
      <Form c={c} sid={sid} prefix="" values={values} errors={errors} />
    </>,
  );
}

/* ------------------------------------------------------------------------------------------------
 * Routes
 * ---------------------------------------------------------------------------------------------- */

export function vacancyPages(web: Hono<WebEnv>, deps: AppDeps): void {
  web.get('/app/vacancies', async (c) => {
    const actor = c.get('actor');
    staffOnly(actor);
    const status = (['open', 'draft', 'closed', 'filled', 'withdrawn'] as const).find((s) => s === c.req.query('status')) ?? 'open';
    const list = await vacancies.listVacancies(deps, actor, { limit: 25, cursor: c.req.query('cursor'), status });
    const heading = status === 'open' ? 'Open vacancies' : `${words(status)} vacancies`;
    return page(
      c,
      { title: heading, current: '/app/vacancies' },
      <>
        <h1 class="govuk-heading-l">{heading}</h1>
        <a class="govuk-button" data-module="govuk-button" href="/app/vacancies/new" role="button" draggable="false">
          Take a new vacancy
        </a>
        <p class="govuk-body">
          By status:{' '}
          {(['open', 'draft', 'closed', 'filled', 'withdrawn'] as const).map((s) => (
            <>
              <a class="govuk-link" href={`/app/vacancies?status=${s}`} aria-current={s === status ? 'page' : undefined}>
                {s}
              </a>{' '}
            </>
          ))}
        </p>
        {list.items.length === 0 ? (
          <p class="govuk-body">No {status} vacancies.</p>
        ) : (
          <table class="govuk-table">
            <caption class="govuk-table__caption govuk-visually-hidden">{heading}</caption>
            <thead class="govuk-table__head">
              <tr class="govuk-table__row">
                <th scope="col" class="govuk-table__header">Vacancy</th>
                <th scope="col" class="govuk-table__header">Employer</th>
                <th scope="col" class="govuk-table__header">Sector</th>
                <th scope="col" class="govuk-table__header govuk-table__header--numeric">Positions</th>
                <th scope="col" class="govuk-table__header govuk-table__header--numeric">In progress</th>
                <th scope="col" class="govuk-table__header">Closes</th>
              </tr>
            </thead>
            <tbody class="govuk-table__body">
              {list.items.map((v) => (
                <tr class="govuk-table__row">
                  <td class="govuk-table__cell">
                    <a class="govuk-link" href={`/app/vacancies/${v.id}`}>
                      {v.title}
                    </a>
                    {v.guaranteedInterview ? (
                      <>
                        {' '}
                        <Tag colour="turquoise">Guaranteed interview</Tag>
                      </>
                    ) : null}
                  </td>
                  <td class="govuk-table__cell">
                    <a class="govuk-link" href={`/app/employers/${v.employerId}`}>
                      {v.employerName}
                    </a>
                  </td>
                  <td class="govuk-table__cell">{words(v.sector)}</td>
                  <td class="govuk-table__cell govuk-table__cell--numeric">
                    {v.filledPositions} of {v.positions} filled
                  </td>
                  <td class="govuk-table__cell govuk-table__cell--numeric">{v.liveSubmissions ?? 0}</td>
                  <td class="govuk-table__cell">{fmtDate(v.closingDate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <NextPage href={list.nextCursor ? `/app/vacancies?status=${status}&cursor=${encodeURIComponent(list.nextCursor)}` : undefined} />
      </>,
    );
  });

  const newForm = async (c: WebContext, values: Values, errors?: FieldError[], status?: number) => {
    const actor = c.get('actor');
    const groups = await employerChoices(deps, actor, valueAt(values, 'employerId') || undefined);
    return page(
      c,
      { title: 'Take a new vacancy', current: '/app/vacancies', errors, status },
      <>
        <a class="govuk-back-link" href="/app/vacancies">
          Back to vacancies
        </a>
        <h1 class="govuk-heading-l">Take a new vacancy</h1>
        <p class="govuk-body">Record what the employer needs. Must-haves rule candidates in or out; nice-to-haves only rank them.</p>
        <VacancyForm c={c} groups={groups} values={values} errors={errors} />
      </>,
    );
  };

  web.get('/app/vacancies/new', async (c) => {
    staffOnly(c.get('actor'));
    return newForm(c, { employerId: c.req.query('employerId') ?? '', status: 'draft', wage: { period: 'hour' } });
  });

  web.post('/app/vacancies', async (c) => {
    const actor = c.get('actor');
    staffOnly(actor);
    const form = await c.req.parseBody({ all: true });
    const parsed = parseForm(VacancyCreate, form);
    if (!parsed.ok) return newForm(c, typedValues(form), friendly(parsed.errors, parsed.values, VACANCY_GROUPS), 400);
    try {
      const v = await vacancies.createVacancy(deps, actor, parsed.value);
      return c.redirect(`/app/vacancies/${v.id}?done=created`, 303);
    } catch (err) {
      const f = formErrors(err, 'title');
      if (!f) throw err;
      return newForm(c, typedValues(form), f.errors, f.status);
    }
  });

  web.get('/app/vacancies/:id', (c) => renderVacancy(c, deps, c.req.param('id')));

  web.post('/app/vacancies/:id/publish', async (c) => {
    const actor = c.get('actor');
    staffOnly(actor);
    const id = c.req.param('id');
    try {
      await vacancies.updateVacancy(deps, actor, id, { status: 'open' });
      return c.redirect(`/app/vacancies/${id}?done=published`, 303);
    } catch (err) {
      const f = formErrors(err, 'publish');
      if (!f) throw err;
      // The summary links to the publish button: the fields it names are not on this page.
      const errors = f.errors.map((e) => ({ path: 'publish', message: e.path === 'publish' ? e.message : `${label(e.path).toLowerCase()} ${e.message}` }));
      return renderVacancy(c, deps, id, { errors, status: f.status });
    }
  });

  web.post('/app/vacancies/:id/submissions', async (c) => {
    const actor = c.get('actor');
    staffOnly(actor);
    const id = c.req.param('id');
    const parsed = parseForm(SubmissionCreate, await c.req.parseBody({ all: true }));
    if (!parsed.ok) {
      const chosen = listAt(parsed.values, 'participantIds');
      const message = chosen.length ? 'choose each candidate once, from the list' : 'choose at least one candidate to put forward';
      return renderVacancy(c, deps, id, { errors: [{ path: 'candidates', message }], chosen, status: 400 });
    }
    try {
      await submissions.propose(deps, actor, id, parsed.value);
      return c.redirect(`/app/vacancies/${id}?done=proposed`, 303);
    } catch (err) {
      const f = formErrors(err, 'candidates');
      if (!f) throw err;
      // Refusals name candidates by their position in the request: say who, from the names the page shows.
      const ids = parsed.value.participantIds;
      const errors = (names: Map<string, string>) =>
        f.errors.map((e) => {
          const i = /^participantIds\.(\d+)$/.exec(e.path)?.[1];
          const pid = i === undefined ? undefined : ids[Number(i)];
          return { path: 'candidates', message: pid ? `${names.get(pid) ?? 'One candidate'}: ${e.message}` : e.message };
        });
      return renderVacancy(c, deps, id, { errors, chosen: ids, status: f.status });
    }
  });

  /** The employer's answers (employer users, or liaison officers for them): each one form, one use case, then back to the vacancy. */
  const action = <S extends z.ZodType>(name: Action, schema: S, fallback: string, run: (actor: Actor, sid: string, input: z.infer<S>) => Promise<{ vacancyId: string }>) =>
    web.post(`/app/submissions/:sid/${name}`, async (c) => {
      const actor = c.get('actor');
      if (actor.role === 'adviser') throw new ForbiddenError('Advisers do not record employer decisions');
      const sid = c.req.param('sid');
      const raw = await c.req.parseBody({ all: true });
      const parsed = parseForm(schema, name === 'interview' ? withUtc(raw, 'at') : raw);
      if (!parsed.ok) return renderAction(c, deps, sid, name, friendly(parsed.errors, parsed.values), typedValues(raw), 400);
      try {
        const done = await run(actor, sid, parsed.value);
        return c.redirect(`/app/vacancies/${done.vacancyId}?done=decided`, 303);
      } catch (err) {
        const f = formErrors(err, fallback);
        if (!f) throw err;
        return renderAction(c, deps, sid, name, f.errors, typedValues(raw), f.status);
      }
    });
  action('decision', DecisionInput, 'decision', (actor, sid, input) => submissions.recordDecision(deps, actor, sid, input));
  action('interview', InterviewInput, 'at', (actor, sid, input) => submissions.bookInterview(deps, actor, sid, input));
  action('outcome', OutcomeInput, 'outcome', async (actor, sid, input) => (await submissions.recordOutcome(deps, actor, sid, input)).submission);
}
