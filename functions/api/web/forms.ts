import type { z } from 'zod';
import { fieldErrors } from '../errors.js';
import { clockTime, ukClock, ukOffsetMs } from '../../../shared/domain/dates.js';
import { sayError } from './wording.js';
import { BusinessRuleError, ConflictError, ValidationError, type FieldError } from '../../../shared/errors.js';

/** A posted form, as Hono parses it with `{ all: true }`. */
export type RawForm = Record<string, string | File | (string | File)[]>;

/** A form's values shaped like the parsed object, for refilling it. */
export type Values = Record<string, unknown> | undefined;

/** A record as a form's values, to fill its fields: numbers and yes-or-no answers as the text the fields hold. */
export function asValues(x: unknown): unknown {
  if (typeof x === 'number' || typeof x === 'boolean') return String(x);
  if (x === null || typeof x !== 'object' || Array.isArray(x)) return x;
  return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, asValues(v)]));
}

/** A field name: dotted segments, `[]` for a list, `:number` / `:boolean` for a type (`hoursPerWeek.min:number`). */
const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,63}(?:\.[A-Za-z0-9_-]{1,64}){0,5}(?:\[\])?(?::(?:number|boolean))?$/;
/** Segments that would walk into an object's prototype if used as keys. */
const RESERVED = new Set(['__proto__', 'prototype', 'constructor']);
const MAX_FIELDS = 400;

/**
 * Checks every posted field name before anything reads the form: a name outside the grammar, or one
 * with a segment such as `__proto__`, is refused (400, naming it) rather than walked into.
 */
export function checkFieldNames(form: RawForm): void {
  const names = Object.keys(form);
  if (names.length > MAX_FIELDS) {
    throw new ValidationError('The form has too many fields', { errors: [{ path: '(form)', message: `at most ${MAX_FIELDS} fields` }] });
  }
  const bad = names.filter((n) => !FIELD_NAME.test(n) || n.split(/[.:[]/).some((seg) => RESERVED.has(seg)));
  if (bad.length) {
    throw new ValidationError('The form has fields this service does not use', {
      errors: bad.slice(0, 20).map((n) => ({ path: n.slice(0, 80).replace(/[^\x20-\x7e]/g, '?'), message: 'not a field of this form' })),
    });
  }
}

/**
 * Turns a posted HTML form into the object the API's zod schemas validate, so pages and API share one
 * set of rules. Field names are paths (`hoursPerWeek.min`); `[]` marks lists (checkboxes, or one
 * comma-separated text box); `:number` and `:boolean` mark types; empty fields are left out. Names are
 * key-checked and every object built is prototype-free, so no posted name can reach `Object.prototype`.
 */
export function formToObject(form: RawForm): Record<string, unknown> {
  checkFieldNames(form);
  const out: Record<string, unknown> = Object.create(null);
  for (const [rawName, rawValue] of Object.entries(form)) {
    if (rawName === 'csrf') continue;
    const values = (Array.isArray(rawValue) ? rawValue : [rawValue]).filter((v): v is string => typeof v === 'string');
    const [name = '', type] = rawName.split(':');
    const isList = name.endsWith('[]');
    const path = (isList ? name.slice(0, -2) : name).split('.');
    const convert = (v: string): unknown =>
      type === 'number' ? (v.trim() === '' ? undefined : Number(v)) : type === 'boolean' ? v === 'true' || v === 'on' : v;
    let value: unknown;
    if (isList) {
      const items = values
        .flatMap((v) => (values.length === 1 ? v.split(',') : [v]))
        .map((v) => v.trim())
        .filter(Boolean);
      value = items.map(convert);
    } else {
      const v = values.at(-1) ?? '';
      if (v.trim() === '' && type !== 'boolean') continue;
      value = convert(v);
    }
    if (value === undefined) continue;
    let cur = out;
    for (const [i, key] of path.entries()) {
      if (i === path.length - 1) {
        if (Object.hasOwn(cur, key) && typeof cur[key] === 'object') throw clash(rawName);
        cur[key] = value;
        break;
      }
      const next = Object.hasOwn(cur, key) ? cur[key] : (cur[key] = Object.create(null));
      // `a=1` and `a.b=2` in one form: the name cannot be both a value and a group.
      if (typeof next !== 'object' || next === null || Array.isArray(next)) throw clash(rawName);
      cur = next as Record<string, unknown>;
    }
  }
  return out;
}

/**
 * Lists whose every posted value may be a comma-separated text (a skills text box posted with the skills
 * list's checkboxes under one name): each value split on commas, so one text box keeps meaning "a, b"
 * whatever else is ticked. A name posted with nothing in it stays an empty list; an absent one stays absent.
 */
export function splitLists(form: RawForm, ...names: string[]): RawForm {
  const out: RawForm = Object.assign(Object.create(null), form);
  for (const name of names) {
    if (!Object.hasOwn(form, name)) continue;
    const raw = form[name]!;
    out[name] = (Array.isArray(raw) ? raw : [raw])
      .filter((v): v is string => typeof v === 'string')
      .flatMap((v) => v.split(','))
      .map((v) => v.trim())
      .filter(Boolean);
  }
  return out;
}

const clash = (name: string) =>
  new ValidationError('The form has fields that contradict each other', {
    errors: [{ path: pathOf(name), message: 'given both as a value and as a group of values' }],
  });

/** The path a posted field name stands for: `hoursPerWeek.min:number` → `hoursPerWeek.min`, `skills[]` → `skills`. */
export const pathOf = (name: string) => name.replace(/:(number|boolean)$/, '').replace(/\[\]$/, '');

export type FormResult<T> = { ok: true; value: T } | { ok: false; errors: FieldError[]; values: Record<string, unknown> };

/**
 * Validates a posted form with a zod schema, its GOV.UK date inputs made ISO dates first (joinDateParts);
 * errors come back as field errors for the summary.
 */
export function parseForm<S extends z.ZodType>(schema: S, form: RawForm): FormResult<z.infer<S>> {
  const dated = joinDateParts(form);
  const values = formToObject(dated.form);
  const r = schema.safeParse(values);
  if (r.success && !dated.errors.length) return { ok: true, value: r.data };
  // A date the date input itself refused is said once, in its own words.
  const schemaErrors = r.success ? [] : fieldErrors(r.error).filter((e) => !dated.errors.some((d) => d.path === e.path));
  return { ok: false, errors: [...dated.errors, ...schemaErrors], values };
}

/**
 * The form as the user typed it, shaped like the parsed object, for refilling it after an error:
 * no number or boolean conversion (so "lots" stays "lots"), and date-times as they were entered.
 */
export function typedValues(form: RawForm): Record<string, unknown> {
  const untyped: RawForm = Object.create(null);
  for (const [k, v] of Object.entries(form)) untyped[k.replace(/:(number|boolean)$/, '')] = v;
  return formToObject(untyped);
}

function at(values: Values, path: string): unknown {
  let cur: unknown = values;
  for (const k of path.split('.'))
    cur = cur && typeof cur === 'object' && Object.hasOwn(cur, k) ? (cur as Record<string, unknown>)[k] : undefined;
  return cur;
}

/** Reads a nested value back for re-displaying a form after an error. */
export function valueAt(values: Values, path: string): string {
  const cur = at(values, path);
  if (Array.isArray(cur)) return cur.filter(isScalar).join(', ');
  // A group posted where a value belongs (`title.x` on a text field) shows as empty: its object has no
  // prototype, so String() would throw.
  return isScalar(cur) ? String(cur) : '';
}

const isScalar = (v: unknown): v is string | number | boolean => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

/** A list value for refilling checkboxes. */
export function listAt(values: Values, path: string): string[] {
  const cur = at(values, path);
  return Array.isArray(cur) ? cur.filter(isScalar).map(String) : typeof cur === 'string' && cur ? [cur] : [];
}

/** The first error for a field (or any of its items, `shiftPatterns.2`), said as the error summary says it. */
export function errorAt(errors: FieldError[] | undefined, path: string): string | undefined {
  const e = errors?.find((x) => x.path === path || x.path.startsWith(`${path}.`));
  return e ? sayError(e) : undefined;
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
    if (missing && Object.hasOwn(groups, e.path)) {
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

/* ------------------------------------------------------------------------------------------------
 * GOV.UK date inputs: a date posted as three fields, a date and time as four
 * ---------------------------------------------------------------------------------------------- */

const DATE_PARTS = ['day', 'month', 'year'] as const;
const PART_NAME = /^(.+)\.(day|month|year|time)$/;

const lastString = (v: RawForm[string] | undefined) =>
  (typeof v === 'string' ? v : Array.isArray(v) ? String(v.findLast((x) => typeof x === 'string') ?? '') : '').trim();

/**
 * A clock time as people type it: "9:30", "09.30", "9:30am", "2pm", "14:00", "midday", "midnight".
 * Hours and minutes, or undefined when it is not a real time.
 */
export function parseClock(text: string): { hour: number; minute: number } | undefined {
  const t = text.toLowerCase().replace(/\s+/g, '');
  if (t === 'midday' || t === 'noon' || t === '12noon') return { hour: 12, minute: 0 };
  if (t === 'midnight') return { hour: 0, minute: 0 };
  const m = /^(\d{1,2})(?:[:.](\d{2}))?(am|pm|a\.m\.|p\.m\.)?$/.exec(t);
  if (!m) return undefined;
  let hour = Number(m[1]);
  const minute = m[2] === undefined ? 0 : Number(m[2]);
  if (minute > 59) return undefined;
  if (m[3]) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (m[3].startsWith('p') ? 12 : 0);
  } else if (hour > 23) return undefined;
  return { hour, minute };
}

/**
 * The posted form with each GOV.UK date input made the one ISO value the schemas want: three fields
 * (`closingDate.day`, `.month`, `.year`) become `closingDate` = `2026-12-04`; with a fourth (`at.time`,
 * UK clock time) a UTC instant, `2026-12-04T09:30:00Z`. A date left wholly empty is left out, for the
 * schema to say it is needed; one partly given or not real is an error in GOV.UK's words ("must include
 * a month", "must be a real date"), and left out too.
 */
export function joinDateParts(form: RawForm): { form: RawForm; errors: FieldError[] } {
  const bases = new Map<string, Set<string>>();
  for (const name of Object.keys(form)) {
    const m = PART_NAME.exec(name);
    if (m) bases.set(m[1]!, (bases.get(m[1]!) ?? new Set()).add(m[2]!));
  }
  if (!bases.size) return { form, errors: [] };
  const out: RawForm = Object.assign(Object.create(null), form);
  const errors: FieldError[] = [];
  for (const [name, posted] of bases) {
    // Only a date input's own fields: a name such as `shift.time` alone is not one.
    if (!DATE_PARTS.some((p) => posted.has(p))) continue;
    const withTime = posted.has('time');
    const parts = [...DATE_PARTS, ...(withTime ? (['time'] as const) : [])];
    const given = Object.fromEntries(parts.map((p) => [p, lastString(out[`${name}.${p}`])])) as Record<string, string>;
    for (const p of parts) delete out[`${name}.${p}`];
    delete out[name];
    const missing = parts.filter((p) => given[p] === '');
    if (missing.length === parts.length) continue;
    const fail = (message: string) => errors.push({ path: name, message });
    if (missing.length) {
      fail(`must include a ${missing.join(' and a ')}`);
      continue;
    }
    const { day, month, year } = given as { day: string; month: string; year: string };
    if (![day, month].every((x) => /^\d{1,2}$/.test(x)) || !/^\d{4}$/.test(year)) {
      fail(/^\d{4}$/.test(year) || !/^\d+$/.test(year) ? 'must be a real date' : 'year must include 4 numbers');
      continue;
    }
    const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
    const d = new Date(`${iso}T00:00:00Z`);
    if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso) {
      fail('must be a real date');
      continue;
    }
    if (!withTime) {
      out[name] = iso;
      continue;
    }
    const clock = parseClock(given.time!);
    if (!clock) {
      fail('must be a real time');
      continue;
    }
    out[name] = localToUtc(`${iso}T${String(clock.hour).padStart(2, '0')}:${String(clock.minute).padStart(2, '0')}`);
  }
  return { form: out, errors };
}

/**
 * UK clock time (`2026-12-04T09:30`) as the UTC instant the schemas want (`…:00Z`); anything that is
 * not a local date-time is returned as it is, for the schema to report.
 */
export function localToUtc(value: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})$/.exec(value.trim());
  if (!m) return value;
  const naive = Date.parse(`${m[1]}T${m[2]}:00Z`);
  if (Number.isNaN(naive)) return value;
  const utc = naive - ukOffsetMs(naive - ukOffsetMs(naive));
  return `${new Date(utc).toISOString().slice(0, 16)}:00Z`;
}

/**
 * What a date input shows of a value: its own fields after a refused post, or an ISO date (and, for a
 * date and time, an instant in UK time) split into them.
 */
export function datePartsOf(values: Values, path: string, withTime: boolean): { day: string; month: string; year: string; time: string } {
  const whole = valueAt(values, path);
  const d = /^(\d{4})-(\d{2})-(\d{2})(T.*)?$/.exec(whole);
  if (d) {
    if (withTime && d[4]) {
      const ms = Date.parse(whole);
      if (!Number.isNaN(ms)) {
        const t = ukClock(ms);
        return { day: String(t.day), month: String(t.month), year: String(t.year), time: clockTime(t.hour, t.minute) };
      }
    }
    return { day: String(Number(d[3])), month: String(Number(d[2])), year: d[1]!, time: '' };
  }
  const at = (p: string) => valueAt(values, `${path}.${p}`);
  return { day: at('day'), month: at('month'), year: at('year'), time: at('time') };
}

/* ------------------------------------------------------------------------------------------------
 * A form's own words for its fields' errors (on top of wording.ts, which says the rest)
 * ---------------------------------------------------------------------------------------------- */

/** An error whose message is already a sentence for people ("Enter the employer’s name"): wording.ts shows it as it is. */
export const said = (path: string, message: string): FieldError => ({ path, message });

/**
 * Where a form says better than wording.ts's general rules what is wrong with one of its fields: what to
 * say when it was left empty (GOV.UK asks for "Enter the employer’s name", not "Enter the name"), and
 * one message for anything else wrong with it where that reads better than the rule's own words. Its
 * keys are the form's fields in the order the page shows them.
 */
export type Wording = Record<string, { missing?: string; invalid?: string }>;

/**
 * A form's errors, each on a field the page shows (an item's error, `essentialSkills.2`, on its list), in
 * the form's own words where it has them, each said once, in the order of the fields on the page (as the
 * error summary lists them). Errors on paths the wording does not know keep their path, after the others.
 */
export function plainly(errors: FieldError[], values: Values, wording: Wording): FieldError[] {
  const order = Object.keys(wording);
  const keys = [...order].sort((a, b) => b.length - a.length);
  const seen = new Set<string>();
  const rank = (e: FieldError) => (order.includes(e.path) ? order.indexOf(e.path) : order.length);
  return errors
    .flatMap((e) => {
      const key = keys.find((k) => e.path === k || e.path.startsWith(`${k}.`));
      if (!key) return [e];
      const w = wording[key]!;
      const message = (valueAt(values, key) === '' ? w.missing : undefined) ?? w.invalid ?? e.message;
      const id = `${key}|${message}`;
      if (seen.has(id)) return [];
      seen.add(id);
      return [{ path: key, message }];
    })
    .sort((a, b) => rank(a) - rank(b));
}
