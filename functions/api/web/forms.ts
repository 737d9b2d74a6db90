import type { z } from 'zod';
import { fieldErrors } from '../errors.js';
import type { FieldError } from '../../../shared/errors.js';

/**
 * Turns a posted HTML form into the object the API's zod schemas validate, so pages and API share one
 * set of rules. Field names are paths (`hoursPerWeek.min`); `[]` marks lists (checkboxes, or one
 * comma-separated text box); `:number` and `:boolean` mark types; empty fields are left out.
 */
export function formToObject(form: Record<string, string | File | (string | File)[]>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [rawName, rawValue] of Object.entries(form)) {
    if (rawName === 'csrf') continue;
    const values = (Array.isArray(rawValue) ? rawValue : [rawValue]).filter((v): v is string => typeof v === 'string');
    const [name = '', type] = rawName.split(':');
    const isList = name.endsWith('[]');
    const path = (isList ? name.slice(0, -2) : name).split('.');
    const convert = (v: string): unknown => (type === 'number' ? (v.trim() === '' ? undefined : Number(v)) : type === 'boolean' ? v === 'true' || v === 'on' : v);
    let value: unknown;
    if (isList) {
      const items = values.flatMap((v) => (values.length === 1 ? v.split(',') : [v])).map((v) => v.trim()).filter(Boolean);
      value = items.map(convert);
    } else {
      const v = values.at(-1) ?? '';
      if (v.trim() === '' && type !== 'boolean') continue;
      value = convert(v);
    }
    if (value === undefined) continue;
    let cur = out;
    path.forEach((key, i) => {
      if (i === path.length - 1) cur[key] = value;
      else cur = (cur[key] ??= {}) as Record<string, unknown>;
    });
  }
  return out;
}

export type FormResult<T> = { ok: true; value: T } | { ok: false; errors: FieldError[]; values: Record<string, unknown> };

/** Validates a posted form with a zod schema; errors come back as field errors for the summary. */
export function parseForm<S extends z.ZodType>(schema: S, form: Record<string, string | File | (string | File)[]>): FormResult<z.infer<S>> {
  const values = formToObject(form);
  const r = schema.safeParse(values);
  return r.success ? { ok: true, value: r.data } : { ok: false, errors: fieldErrors(r.error), values };
}

/** Reads a nested value back for re-displaying a form after an error. */
export function valueAt(values: Record<string, unknown> | undefined, path: string): string {
  let cur: unknown = values;
  for (const k of path.split('.')) cur = cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[k] : undefined;
  return Array.isArray(cur) ? cur.join(', ') : cur === undefined || cur === null ? '' : String(cur);
}
