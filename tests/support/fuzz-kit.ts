import fc from 'fast-check';

/**
 * The machinery of the adversarial fuzzers (tests/integration/fuzz-*.test.ts): values generated from
 * the app's own OpenAPI document (JSON Schema), one-field mutations that are invalid by that schema,
 * hostile strings, the checks every response must pass, table diffs, prototype-pollution checks, and
 * a compact report of every offending response.
 */

/* ------------------------------------------------------------------------------------------------
 * The OpenAPI document
 * ---------------------------------------------------------------------------------------------- */

export interface Schema {
  type?: string | string[];
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  $ref?: string;
  default?: unknown;
}

interface ParameterObject {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
}

interface OperationObject {
  parameters?: (ParameterObject | { $ref: string })[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: Schema }> };
  security?: unknown[];
}

export interface OpenApiDoc {
  paths: Record<string, Record<string, OperationObject>>;
  components?: { schemas?: Record<string, Schema>; parameters?: Record<string, ParameterObject> };
}

export interface Param {
  name: string;
  required: boolean;
  schema: Schema;
}

export interface Operation {
  /** `POST /employers/{id}/contacts` */
  key: string;
  method: string;
  path: string;
  pathParams: Param[];
  query: Param[];
  /** Lower-case header names the operation declares (if-match, idempotency-key). */
  headers: string[];
  body?: Schema;
  secured: boolean;
}

/** Every operation of the document, with `$ref`s left for `resolve` (schemas may nest). */
export function operationsOf(doc: OpenApiDoc): Operation[] {
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const params = (op.parameters ?? []).map((p) => ('$ref' in p ? doc.components!.parameters![p.$ref.split('/').pop()!]! : p));
      const of = (where: string) =>
        params.filter((p) => p.in === where).map((p) => ({ name: p.name, required: p.required ?? false, schema: p.schema ?? {} }));
      const body = op.requestBody?.content?.['application/json']?.schema;
      ops.push({
        key: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        pathParams: of('path'),
        query: of('query'),
        headers: of('header').map((p) => p.name.toLowerCase()),
        ...(body ? { body } : {}),
        secured: (op.security ?? []).length > 0,
      });
    }
  }
  return ops;
}

/** A schema with its `$ref` (and `allOf`) resolved one level; nested schemas are resolved as they are reached. */
export function resolver(doc: OpenApiDoc) {
  const resolve = (s: Schema | undefined): Schema => {
    let cur: Schema = s ?? {};
    for (let i = 0; cur.$ref && i < 20; i++) cur = doc.components?.schemas?.[cur.$ref.split('/').pop()!] ?? {};
    if (cur.allOf) {
      const parts = cur.allOf.map(resolve);
      const { allOf: _drop, ...rest } = cur;
      void _drop;
      // Merge the allOf parts of one schema (a handful) into one.
      const merged: Schema = { ...rest, properties: { ...rest.properties }, required: [...(rest.required ?? [])] };
      for (const p of parts) {
        Object.assign(merged, { ...p, properties: merged.properties, required: merged.required });
        Object.assign(merged.properties!, p.properties);
        merged.required!.push(...(p.required ?? []));
      }
      cur = merged;
    }
    return cur;
  };
  return resolve;
}

/* ------------------------------------------------------------------------------------------------
 * Types as JSON Schema sees them
 * ---------------------------------------------------------------------------------------------- */

export type JsonType = 'null' | 'boolean' | 'number' | 'integer' | 'string' | 'array' | 'object';

export function jsonTypeOf(v: unknown): Exclude<JsonType, 'integer'> {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  const t = typeof v;
  return t === 'boolean' || t === 'number' || t === 'string' ? t : 'object';
}

/** The JSON types a schema admits; undefined means "anything". */
export function typesOf(s: Schema, resolve: (s: Schema) => Schema): Set<JsonType> | undefined {
  const branches = s.anyOf ?? s.oneOf;
  if (branches) {
    const all = new Set<JsonType>();
    for (const b of branches) {
      const t = typesOf(resolve(b), resolve);
      if (!t) return undefined;
      for (const x of t) all.add(x);
    }
    return all;
  }
  if (s.type) return new Set((Array.isArray(s.type) ? s.type : [s.type]) as JsonType[]);
  if (s.enum) return new Set(s.enum.map(jsonTypeOf));
  if (s.properties) return new Set(['object']);
  return undefined;
}

export function admitsType(types: Set<JsonType> | undefined, v: unknown): boolean {
  if (!types) return true;
  const t = jsonTypeOf(v);
  return types.has(t) || (t === 'number' && types.has('integer') && Number.isInteger(v));
}

const enumOf = (s: Schema, resolve: (s: Schema) => Schema): unknown[] | undefined => {
  if (s.enum) return s.enum;
  const branches = s.anyOf ?? s.oneOf;
  if (branches?.every((b) => resolve(b).enum)) return branches.flatMap((b) => resolve(b).enum!);
  return undefined;
};

/* ------------------------------------------------------------------------------------------------
 * Hostile strings
 * ---------------------------------------------------------------------------------------------- */

/** Unicode that has broken parsers, stores, logs and templates before. */
export const UNICODE_PAYLOADS = [
  'Kirkgate Bakery 🥐🍞',
  '👩🏽‍💻👨‍👩‍👧‍👦🏳️‍🌈',
  'مخبز كيركغيت',
  'abc\u202Etxt.exe',
  'שלום \u200F עולם',
  'a\u0000b',
  '\u0000',
  'lone \uD800 high',
  'lone \uDFFF low',
  '\uDBFF',
  'line1\r\nline2',
  'CR\rLF\n',
  '\r\n\r\nX-Injected: 1',
  'zero\u200Bwidth\uFEFF',
  'e\u0301\u0301\u0301\u0301',
  'Ｆｕｌｌｗｉｄｔｈ',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "' OR '1'='1' --",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, meant as a literal string
  '${7*7}{{7*7}}<%= 7*7 %>',
  '%s%n%x%d',
  '../../../../etc/passwd',
  '__proto__',
  'constructor',
  'toString',
  'null',
  'undefined',
  '\\u0000\\"',
  '\u2028\u2029',
  '\u001b[31mred\u001b[0m',
];

/** A string of exactly `n` UTF-16 code units made of `unit` (kept whole where it can be). */
export function longString(n: number, unit = 'x'): string {
  const s = unit.repeat(Math.ceil(n / unit.length));
  return s.slice(0, n);
}

/**
 * 10k–300k code units: over every maxLength, and (for the big ones) over the 256 KiB body limit. No
 * whitespace-only units: the schemas trim, and 100k of CR/LF trims to nothing (see `oversizedAnything`).
 */
export const oversizedString = fc
  .tuple(fc.integer({ min: 10_000, max: 300_000 }), fc.constantFrom('x', 'é', '😀', 'A\u0000', 'a\r\n', '𝔘'))
  .map(([n, unit]) => longString(n, unit));

/** Oversized strings including whitespace-only ones, for requests that may be accepted. */
export const oversizedAnything = fc.oneof(
  oversizedString,
  fc.integer({ min: 10_000, max: 200_000 }).map((n) => longString(n, '\r\n')),
);

/** Percent-encodes like encodeURIComponent, but lone surrogates too (as the bytes WTF-8 would give them) instead of throwing. */
export function encodeLoosely(s: string): string {
  let out = '';
  for (const part of s.match(/[\uD800-\uDBFF][\uDC00-\uDFFF]|[\uD800-\uDFFF]|[^\uD800-\uDFFF]+/g) ?? []) {
    const u = part.charCodeAt(0);
    if (part.length === 1 && u >= 0xd800 && u <= 0xdfff) {
      out += [0xe0 | (u >> 12), 0x80 | ((u >> 6) & 0x3f), 0x80 | (u & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
    } else out += encodeURIComponent(part);
  }
  return out;
}

/** Sentinel for a number JSON.stringify cannot write (1e309 parses as Infinity): see `toJsonText`. */
export const rawNumber = (text: string) => `@@RAW:${text}@@`;

/** JSON text with raw-number sentinels written as bare numbers. */
export function toJsonText(v: unknown): string {
  return JSON.stringify(v).replace(/"@@RAW:([^@"]*)@@"/g, '$1');
}

/** Sets an own, enumerable property, even one called `__proto__` (which an assignment would not create). */
export function defineOwn(target: Record<string, unknown>, key: string, value: unknown) {
  Object.defineProperty(target, key, { value, enumerable: true, configurable: true, writable: true });
}

/** Values that try to reach the prototype when an object is merged, walked or spread. */
export const PROTO_VALUES: unknown[] = [
  JSON.parse('{"__proto__": {"polluted": 1}}'),
  JSON.parse('{"constructor": {"prototype": {"polluted": 1}}}'),
  JSON.parse('{"prototype": {"polluted": 1}}'),
  JSON.parse('[{"__proto__": {"polluted": 1}}]'),
  { polluted: 1 },
  1,
  'polluted',
  null,
];

export const PROTO_KEYS = ['__proto__', 'constructor', 'prototype'];
/** Unknown keys to add to an object: prototype names (most of the time) and other oddities. */
export const UNKNOWN_KEYS = [
  ...PROTO_KEYS,
  'polluted',
  'toString',
  'hasOwnProperty',
  'valueOf',
  '__defineGetter__',
  'zzz-unknown',
  '',
  ' ',
  '🦄',
  'a.b',
  'isAdmin',
];

/* ------------------------------------------------------------------------------------------------
 * Valid-ish values from a schema
 * ---------------------------------------------------------------------------------------------- */

/** Field-name hints: real ids and plausible values for fields whose schema alone cannot say. */
export type Hints = (name: string, path: (string | number)[]) => fc.Arbitrary<unknown> | undefined;

const DATES = ['2026-11-30', '2026-12-07', '2026-12-20', '2027-01-11', '2027-01-22', '2027-03-31', '2026-06-01', '2025-06-01'];
const DATE_TIMES = ['2026-11-20T09:30:00Z', '2026-12-01T10:00:00Z', '2026-12-03T14:15:00Z', '2027-01-05T08:00:00.000Z'];
const WORDS = [
  'Kirkgate Bakery',
  'Warehouse operative',
  'Leeds',
  'picking',
  'forklift',
  'Priya Shah',
  'Called about spring hiring',
  'x',
  'Hunslet',
];

function clampLength(s: string, min = 0, max = 200): string {
  let out = s.length > max ? s.slice(0, max) : s;
  while (out.length < min) out += 'x';
  return out;
}

export interface Gen {
  resolve: (s: Schema) => Schema;
  hints: Hints;
}

/** A value the schema (probably) accepts: right types, in range, sometimes on the boundary, sometimes hostile unicode. */
export function validArb(g: Gen, schemaIn: Schema, path: (string | number)[] = []): fc.Arbitrary<unknown> {
  const s = g.resolve(schemaIn);
  const name = String(path.at(-1) ?? '');
  const hinted = path.length ? g.hints(name, path) : undefined;
  if (hinted) return hinted;
  const branches = s.anyOf ?? s.oneOf;
  if (branches) return fc.oneof(...branches.map((b) => validArb(g, b, path)));
  const values = s.enum?.filter((v) => v !== null);
  if (values?.length) return fc.constantFrom(...values);
  const types = typesOf(s, g.resolve);
  const type = [...(types ?? new Set<JsonType>(['string']))].find((t) => t !== 'null') ?? 'string';
  switch (type) {
    case 'object': {
      const props = s.properties ?? {};
      const required = new Set(s.required ?? []);
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [k, sub] of Object.entries(props)) model[k] = validArb(g, sub, [...path, k]);
      return fc.record(model, { requiredKeys: Object.keys(props).filter((k) => required.has(k)) });
    }
    case 'array': {
      const min = s.minItems ?? 0;
      const max = Math.max(min, Math.min(s.maxItems ?? 3, 3));
      const item = g.resolve(s.items ?? {});
      const itemArb = validArb(g, item, [...path, 0]);
      // Enum lists are sets in practice (shift patterns, modules): no repeats.
      return item.enum
        ? fc.uniqueArray(itemArb, { minLength: min, maxLength: max })
        : fc.array(itemArb, { minLength: min, maxLength: max });
    }
    case 'boolean':
      return fc.boolean();
    case 'integer':
    case 'number': {
      const lo = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + (type === 'integer' ? 1 : 0.01) : 0);
      const hi =
        s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - (type === 'integer' ? 1 : 0.01) : Math.max(lo, 1000));
      const min = type === 'integer' ? Math.ceil(lo) : lo;
      const max = type === 'integer' ? Math.floor(hi) : hi;
      const inRange = type === 'integer' ? fc.integer({ min, max }) : fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
      return fc.oneof({ weight: 3, arbitrary: inRange }, { weight: 1, arbitrary: fc.constantFrom(min, max) });
    }
    default:
      return stringArb(s);
  }
}

function stringArb(s: Schema): fc.Arbitrary<string> {
  const min = s.minLength ?? 0;
  const max = s.maxLength ?? 200;
  if (s.format === 'date') return fc.constantFrom(...DATES);
  if (s.format === 'date-time') return fc.constantFrom(...DATE_TIMES);
  if (s.format === 'email') return fc.constantFrom('someone@example.com', 'hr@hartley.example', 'a.b+c@example.co.uk');
  if (s.format === 'uri') return fc.constantFrom('https://example.com/jobs', 'https://hartley.example/', 'http://localhost:3000/x?y=1');
  if (s.pattern) {
    const re = new RegExp(s.pattern);
    return fc.stringMatching(re).filter((x) => x.length >= min && x.length <= max && re.test(x));
  }
  return fc
    .oneof(
      { weight: 4, arbitrary: fc.constantFrom(...WORDS) },
      { weight: 2, arbitrary: fc.constantFrom(...UNICODE_PAYLOADS) },
      { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }) },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }) },
      { weight: 1, arbitrary: fc.constant(longString(Math.max(min, Math.min(max, 5000)), 'é')) },
    )
    .map((x) => clampLength(x, min, max));
}

/* ------------------------------------------------------------------------------------------------
 * Mutations: one field made invalid by the schema
 * ---------------------------------------------------------------------------------------------- */

type Path = (string | number)[];

export interface FieldNode {
  path: Path;
  schema: Schema;
  value: unknown;
  /** The field may be left out (not required by its parent object). */
  optional: boolean;
}

/** Every field present in `value`, with its schema. */
export function fieldsOf(g: Gen, schemaIn: Schema, value: unknown, path: Path = [], optional = false, out: FieldNode[] = []): FieldNode[] {
  const s = g.resolve(schemaIn);
  out.push({ path, schema: s, value, optional });
  if (s.properties && value && typeof value === 'object' && !Array.isArray(value)) {
    const required = new Set(s.required ?? []);
    for (const [k, sub] of Object.entries(s.properties)) {
      if (Object.hasOwn(value, k)) fieldsOf(g, sub, (value as Record<string, unknown>)[k], [...path, k], !required.has(k), out);
    }
  }
  if (s.items && Array.isArray(value)) {
    for (const [i, v] of value.entries()) fieldsOf(g, s.items, v, [...path, i], false, out);
  }
  return out;
}

export const dotted = (p: Path) => (p.length ? p.join('.') : '(body)');

/** A deep copy through JSON (keeps own `__proto__` keys as own keys), with the value at `path` replaced or deleted. */
export function withAt(
  root: unknown,
  path: Path,
  change: { set: unknown } | { delete: true } | { addKey: string; value: unknown },
): unknown {
  const copy = JSON.parse(JSON.stringify(root ?? null)) as unknown;
  if (!path.length && 'set' in change) return change.set;
  let cur = copy as Record<string | number, unknown>;
  const target = 'addKey' in change ? path : path.slice(0, -1);
  for (const k of target) cur = cur[k] as Record<string | number, unknown>;
  if ('addKey' in change) defineOwn(cur as Record<string, unknown>, change.addKey, change.value);
  else if ('delete' in change) delete cur[path.at(-1)!];
  else defineOwn(cur as Record<string, unknown>, String(path.at(-1)!), change.set);
  return copy;
}

export interface Mutation {
  kind: string;
  /** The field the problem must name if the answer is 400. */
  field: string;
  value: unknown;
}

const WRONG_TYPED: unknown[] = [42, -1, 3.5, 0, true, false, 'a string', '', [], [1, 'two'], {}, { a: 1 }, null, rawNumber('1e309')];

const BAD_DATES = ['2026-02-30', '2026-13-01', '2026-1-1', '20261201', 'tomorrow', '2026-12-01T10:00:00Z', '', '0000-00-00', '2026-12-01 '];
const BAD_DATE_TIMES = [
  '2026-12-01',
  '2026-12-01T25:00:00Z',
  '2026-13-01T10:00:00Z',
  'now',
  '',
  '2026-12-01 10:00:00',
  '2026-12-01T10:00:00Z\n',
];
const BAD_EMAILS = ['not-an-email', 'a@', '@example.com', 'a b@example.com', '', 'a@b@c'];
const BAD_URIS = ['not a uri', '', '://x', 'http//missing-colon'];
const BAD_PATTERN = [
  '',
  ' ',
  'not valid!',
  '💥💥',
  'xyz',
  '0'.repeat(25),
  'abcdefghjkmnpqrstvwxyz0123',
  '../../x',
  '__proto__',
  'a\u0000b',
  '01J0000000000000000000000I',
];

/** How often each kind of break is chosen, relative to a wrong type: prototype keys and limits get the most attention. */
const WEIGHTS: Record<string, number> = {
  'wrong-type': 2,
  'bad-enum': 2,
  'out-of-range': 3,
  'too-long': 1,
  'oversized-string': 2,
  'too-short': 1,
  'bad-pattern': 2,
  'bad-date': 2,
  'bad-date-time': 2,
  'bad-email': 1,
  'bad-uri': 1,
  'too-many-items': 2,
  'too-few-items': 1,
  'unknown-key': 2,
  'proto-key': 5,
};

/** Every way to make one present field invalid by its schema (none are valid: each was checked against the schema). */
export function invalidations(g: Gen, node: FieldNode): { weight: number; arbitrary: fc.Arbitrary<Mutation> }[] {
  const s = node.schema;
  const field = dotted(node.path);
  const out: { weight: number; arbitrary: fc.Arbitrary<Mutation> }[] = [];
  const types = typesOf(s, g.resolve);
  const enumValues = enumOf(s, g.resolve);
  const add = (kind: string, arbitrary: fc.Arbitrary<Mutation>) => out.push({ weight: WEIGHTS[kind] ?? 1, arbitrary });
  const m = (kind: string, values: unknown[]) => {
    if (values.length)
      add(
        kind,
        fc.constantFrom(...values).map((value) => ({ kind, field, value })),
      );
  };
  if (types) {
    m(
      'wrong-type',
      WRONG_TYPED.filter((v) => {
        const real = typeof v === 'string' && v.startsWith('@@RAW:') ? Infinity : v;
        if (real === Infinity) return !types.has('number') && !types.has('integer');
        return !admitsType(types, real);
      }),
    );
  }
  if (enumValues?.length) {
    const first = String(enumValues.find((v) => typeof v === 'string') ?? 'x');
    m(
      'bad-enum',
      ['not-an-option', first.toUpperCase(), `${first} `, ` ${first}`, '__proto__', 'constructor', '', 14, 0].filter(
        (v) => !enumValues.includes(v) && (!types || admitsType(types, v) || typeof v === 'string'),
      ),
    );
  }
  const numeric = types && (types.has('number') || types.has('integer'));
  if (numeric && !enumValues) {
    const bad: unknown[] = [];
    if (s.maximum !== undefined) bad.push(s.maximum + 1, s.maximum + 0.5, Number.MAX_SAFE_INTEGER * 4, rawNumber('1e309'));
    if (s.minimum !== undefined) bad.push(s.minimum - 1, s.minimum - 0.001, -Number.MAX_VALUE, rawNumber('-1e309'));
    if (s.exclusiveMinimum !== undefined) bad.push(s.exclusiveMinimum, s.exclusiveMinimum - 1);
    if (types.has('integer') && !types.has('number')) bad.push(1.5, (s.minimum ?? 0) + 0.25);
    m('out-of-range', bad);
  }
  const stringy = types?.has('string');
  if (stringy && !enumValues) {
    if (s.maxLength !== undefined) {
      add('too-long', fc.constant({ kind: 'too-long', field, value: longString(s.maxLength + 1) }));
      add(
        'oversized-string',
        oversizedString.filter((v) => v.length > s.maxLength!).map((value) => ({ kind: 'oversized-string', field, value })),
      );
    }
    if ((s.minLength ?? 0) > 0) m('too-short', ['']);
    if (s.pattern) {
      const re = new RegExp(s.pattern);
      m(
        'bad-pattern',
        BAD_PATTERN.filter((v) => !re.test(v)),
      );
    }
    if (s.format === 'date') m('bad-date', BAD_DATES);
    if (s.format === 'date-time') m('bad-date-time', BAD_DATE_TIMES);
    if (s.format === 'email') m('bad-email', BAD_EMAILS);
    if (s.format === 'uri') m('bad-uri', BAD_URIS);
  }
  if (types?.has('array') && Array.isArray(node.value)) {
    const item = node.value[0] ?? 'x';
    if (s.maxItems !== undefined)
      add('too-many-items', fc.constant({ kind: 'too-many-items', field, value: Array.from({ length: s.maxItems + 1 }, () => item) }));
    if ((s.minItems ?? 0) > 0) m('too-few-items', [[]]);
  }
  if (s.properties && s.additionalProperties === false && node.value && typeof node.value === 'object' && !Array.isArray(node.value)) {
    const unknownKey = (kind: 'proto-key' | 'unknown-key', keys: string[]) =>
      add(
        kind,
        fc
          .tuple(fc.constantFrom(...keys.filter((k) => !Object.hasOwn(s.properties ?? {}, k))), fc.constantFrom(...PROTO_VALUES))
          .map(([key, value]) => ({
            kind,
            field: node.path.length ? `${dotted(node.path)}.${key}` : key,
            value: { __addKey: key, value },
          })),
      );
    unknownKey('proto-key', PROTO_KEYS);
    unknownKey(
      'unknown-key',
      UNKNOWN_KEYS.filter((k) => !PROTO_KEYS.includes(k)),
    );
  }
  return out;
}

/** One present field made invalid (or one required field dropped), applied to `value`. */
export function invalidBody(g: Gen, schema: Schema, value: unknown): fc.Arbitrary<{ body: unknown; kind: string; field: string }> {
  const nodes = fieldsOf(g, schema, value);
  const choices: { weight: number; arbitrary: fc.Arbitrary<{ body: unknown; kind: string; field: string }> }[] = [];
  for (const node of nodes) {
    for (const { weight, arbitrary } of invalidations(g, node)) {
      choices.push({
        weight,
        arbitrary: arbitrary.map((mu) => {
          const v = mu.value as { __addKey?: string; value?: unknown } | undefined;
          const body =
            v && typeof v === 'object' && !Array.isArray(v) && Object.hasOwn(v, '__addKey')
              ? withAt(value, node.path, { addKey: v.__addKey!, value: v.value })
              : withAt(value, node.path, { set: mu.value });
          return { body, kind: `body:${mu.kind}`, field: mu.field };
        }),
      });
    }
    if (node.path.length && !node.optional && !(typeof node.path.at(-1) === 'number')) {
      choices.push({
        weight: 2,
        arbitrary: fc.constant({
          body: withAt(value, node.path, { delete: true }),
          kind: 'body:missing-required',
          field: dotted(node.path),
        }),
      });
    }
  }
  return choices.length ? fc.oneof(...choices) : fc.constant({ body: [value], kind: 'body:wrong-type', field: '(body)' });
}

/** Does the schema accept an empty object (no required fields at the top)? */
export function acceptsEmptyObject(g: Gen, schema: Schema): boolean {
  return (g.resolve(schema).required ?? []).length === 0;
}

/* ------------------------------------------------------------------------------------------------
 * Query strings
 * ---------------------------------------------------------------------------------------------- */

const BAD_INTEGER_TEXT = [
  '-1',
  '0',
  '101',
  '1e309',
  'abc',
  '1.5',
  '',
  ' ',
  'NaN',
  'Infinity',
  '-Infinity',
  '１０',
  '10abc',
  '-0',
  '1e3',
  '99999999999999999999',
  '0x',
  '--1',
  '1,5',
  '[object Object]',
  '%00',
];

/** Query values that the param's schema refuses (integers as text are coerced, as the app does). */
export function badQueryValues(p: Param): string[] {
  const s = p.schema;
  const types = s.type ? new Set(Array.isArray(s.type) ? s.type : [s.type]) : new Set<string>();
  if (types.has('integer') || types.has('number')) {
    const lo = s.minimum ?? -Infinity;
    const hi = s.maximum ?? Infinity;
    return BAD_INTEGER_TEXT.filter((t) => {
      const n = Number(t);
      return !(Number.isFinite(n) && (types.has('number') || Number.isInteger(n)) && n >= lo && n <= hi);
    });
  }
  const out: string[] = [];
  if (s.enum) out.push(...['yes', 'TRUE', '1', 'not-an-option', '__proto__', ''].filter((v) => !s.enum!.includes(v)));
  if (s.maxLength !== undefined) out.push(longString(s.maxLength + 1), longString(Math.max(s.maxLength + 1, 20_000), 'é'));
  if ((s.minLength ?? 0) > 0) out.push('');
  if (s.pattern) {
    const re = new RegExp(s.pattern);
    out.push(...['abc', '2026-13', '2026-1', '26-01', '2026-01-01', '', '💥'].filter((v) => !re.test(v)));
  }
  return [...new Set(out)];
}

/* ------------------------------------------------------------------------------------------------
 * Cursors
 * ---------------------------------------------------------------------------------------------- */

export const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64url');
export const cursorOf = (o: unknown) => b64(typeof o === 'string' ? o : JSON.stringify(o));

/** Cursors no list ever issued, that a list must refuse with a 400 naming `cursor`. */
export function forgedCursorsRejected(real: Record<string, string>[], otherOrg: string, ownOrg: string): string[] {
  const out: string[] = [
    '!!!',
    '%%%',
    'null',
    'eyJ',
    'a',
    '😀',
    '....',
    b64('hello'),
    b64('{"PK":'),
    b64('[]'),
    b64('"O#x"'),
    b64('123'),
    b64('null'),
    b64('true'),
    b64('{}'),
    longString(2049, 'A'),
  ];
  out.push(
    b64('{"__proto__": {"PK": "x"}}'),
    b64('{"constructor": {"prototype": {"polluted": 1}}}'),
    b64(JSON.stringify({ PK: { S: 'O#x' }, SK: { S: 'EMP' } })),
  );
  for (const c of real) {
    const pkAttrs = Object.keys(c).filter((k) => k.endsWith('PK'));
    // Every partition swapped: another organisation's, another record's, nothing.
    out.push(
      cursorOf(
        Object.fromEntries(Object.entries(c).map(([k, v]) => [k, pkAttrs.includes(k) ? v.replace(`O#${ownOrg}`, `O#${otherOrg}`) : v])),
      ),
    );
    out.push(cursorOf(Object.fromEntries(Object.entries(c).map(([k, v]) => [k, pkAttrs.includes(k) ? `${v}X` : v]))));
    out.push(cursorOf(Object.fromEntries(Object.entries(c).map(([k, v]) => [k, pkAttrs.includes(k) ? '' : v]))));
    // Attribute names nobody uses.
    out.push(cursorOf(Object.fromEntries(Object.entries(c).map(([k, v]) => [k.toLowerCase(), v]))));
    // Non-string values (including a DynamoDB AttributeValue), nested objects.
    for (const k of Object.keys(c)) {
      for (const bad of [123, true, null, { S: c[k] }, [c[k]], { nested: { deeper: c[k] } }]) out.push(cursorOf({ ...c, [k]: bad }));
    }
    out.push(cursorOf({ cursor: c }), cursorOf([c]));
    // Too long for the query parameter.
    out.push(cursorOf({ ...c, pad: longString(2000) }));
  }
  return [...new Set(out)];
}

/** Cursors that name the right partition but are otherwise doctored: 200 or 400 are both fine, 500 never. */
export function forgedCursorsDoubtful(real: Record<string, string>[]): string[] {
  const out: string[] = [];
  for (const c of real) {
    out.push(cursorOf(c));
    const pkAttrs = Object.keys(c).filter((k) => k.endsWith('PK'));
    for (const k of Object.keys(c)) {
      if (!pkAttrs.includes(k)) {
        const { [k]: _dropped, ...rest } = c;
        void _dropped;
        out.push(cursorOf(rest));
        // Empty, odd, and over DynamoDB's 1024-byte sort key while under 1024 characters.
        for (const v of [
          '',
          'ZZZ',
          '\u0000',
          'lone \uD800',
          '💥',
          longString(1100),
          longString(1400, 'é'),
          longString(550, 'é'),
          longString(560, '😀'),
        ])
          out.push(cursorOf({ ...c, [k]: v }));
      }
    }
    out.push(cursorOf({ ...c, extra: 'x' }));
    const withProto = JSON.stringify(c).replace(/^\{/, '{"__proto__":"x",');
    out.push(b64(withProto));
    out.push(b64(JSON.stringify(c).replace(/^\{/, '{"constructor":"x",')));
  }
  return [...new Set(out)];
}

/* ------------------------------------------------------------------------------------------------
 * Responses
 * ---------------------------------------------------------------------------------------------- */

export interface Seen {
  status: number;
  contentType: string;
  retryAfter: string | null;
  text: string;
}

export async function seen(res: Response): Promise<Seen> {
  return {
    status: res.status,
    contentType: res.headers.get('content-type') ?? '',
    retryAfter: res.headers.get('retry-after'),
    text: await res.text(),
  };
}

export interface Expectation {
  /** The request must be refused (4xx) and change nothing. */
  reject: boolean;
  /** The field (body path, query or path parameter) a 400 must name in `errors`. */
  field?: string;
  /** A 400 may come without field errors (the body could not be parsed at all). */
  unparseable?: boolean;
}

/** What is wrong with a response, by the contract in API.md (empty when nothing is). */
export function responseProblems(r: Seen, e: Expectation): string[] {
  const out: string[] = [];
  if (r.status >= 500) {
    out.push(r.status === 503 ? '503 with a healthy database' : `${r.status} server error`);
    return out;
  }
  if (e.reject && r.status < 400) out.push(`accepted (${r.status}) a request that must be refused`);
  if (r.status >= 400) {
    if (!/^application\/problem\+json\b/i.test(r.contentType))
      out.push(`4xx without application/problem+json (Content-Type: ${r.contentType || 'none'})`);
    let p: Record<string, unknown> | undefined;
    try {
      p = JSON.parse(r.text) as Record<string, unknown>;
    } catch {
      out.push('4xx body is not JSON');
    }
    if (p) {
      for (const k of ['type', 'title', 'detail'])
        if (typeof p[k] !== 'string' || !(p[k] as string).length) out.push(`problem without a string ${k}`);
      if (p.status !== r.status) out.push(`problem status ${JSON.stringify(p.status)} ≠ ${r.status}`);
      if (r.status === 400 && !e.unparseable) {
        const errors = p.errors as { path?: unknown; message?: unknown }[] | undefined;
        if (!Array.isArray(errors) || errors.length === 0) out.push('400 without a non-empty errors array');
        else {
          if (!errors.every((x) => x && typeof x.path === 'string' && typeof x.message === 'string'))
            out.push('errors entries without string path/message');
          if (e.field !== undefined) {
            const f = e.field;
            const named = errors.some(
              (x) =>
                typeof x.path === 'string' &&
                (x.path === f || x.path.startsWith(`${f}.`) || (x.path !== '(body)' && f.startsWith(`${x.path}.`))),
            );
            if (!named) out.push(`400 does not name ${f} (names: ${errors.map((x) => x.path).join(', ')})`);
          }
        }
      }
      if (r.status === 429 && !r.retryAfter) out.push('429 without Retry-After');
    }
  }
  return out;
}

/* ------------------------------------------------------------------------------------------------
 * Table snapshots: what changed
 * ---------------------------------------------------------------------------------------------- */

/**
 * The keys that differ between two `h.snapshot()` strings (added +, removed -, changed ~); items
 * `ignore` accepts (as they are after) are left out. Empty when nothing else differs.
 */
export function snapshotDiff(
  before: string,
  after: string,
  { max = 6, ignore }: { max?: number; ignore?: (item: Record<string, unknown>) => boolean } = {},
): string {
  const parse = (s: string) => {
    const m = new Map<string, string>();
    for (const line of JSON.parse(s) as string[]) {
      const [pk, sk] = line.split('|');
      m.set(`${pk}|${sk}`, line);
    }
    return m;
  };
  const item = (line: string) => JSON.parse(line.slice(line.indexOf('|{') + 1)) as Record<string, unknown>;
  const a = parse(before);
  const b = parse(after);
  const out: string[] = [];
  for (const [k, v] of b) {
    if (ignore?.(item(v))) continue;
    if (!a.has(k)) out.push(`+${k}`);
    else if (a.get(k) !== v) out.push(`~${k}`);
  }
  for (const [k, v] of a) if (!b.has(k) && !ignore?.(item(v))) out.push(`-${k}`);
  return out.length > max ? `${out.slice(0, max).join(' ')} …(${out.length} in all)` : out.join(' ');
}

/* ------------------------------------------------------------------------------------------------
 * Prototype pollution
 * ---------------------------------------------------------------------------------------------- */

const PROTOTYPES: [string, object][] = [
  ['Object.prototype', Object.prototype],
  ['Array.prototype', Array.prototype],
  ['Function.prototype', Function.prototype],
  ['String.prototype', String.prototype],
  ['Number.prototype', Number.prototype],
  ['Boolean.prototype', Boolean.prototype],
];

export type ProtoBaseline = Map<string, Map<string | symbol, PropertyDescriptor>>;

export function protoBaseline(): ProtoBaseline {
  return new Map(
    PROTOTYPES.map(([name, p]) => [name, new Map(Reflect.ownKeys(p).map((k) => [k, Object.getOwnPropertyDescriptor(p, k)!]))]),
  );
}

/** What was added to or changed on the built-in prototypes since the baseline; `repair` puts them back. */
export function pollution(base: ProtoBaseline, { repair = true } = {}): string[] {
  const out: string[] = [];
  for (const [name, proto] of PROTOTYPES) {
    const was = base.get(name)!;
    for (const k of Reflect.ownKeys(proto)) {
      const d = Object.getOwnPropertyDescriptor(proto, k)!;
      const old = was.get(k);
      if (!old) {
        out.push(`${name}.${String(k)} added (${JSON.stringify(d.value)?.slice(0, 40)})`);
        if (repair) delete (proto as Record<string | symbol, unknown>)[k];
      } else if (old.value !== d.value || old.get !== d.get || old.set !== d.set) {
        out.push(`${name}.${String(k)} replaced`);
        if (repair) Object.defineProperty(proto, k, old);
      }
    }
  }
  const probe = {} as Record<string, unknown>;
  for (const k in probe) out.push(`for-in on {} sees ${k}`);
  if (probe.polluted !== undefined && !out.length) out.push('({}).polluted is defined');
  return [...new Set(out)];
}

/* ------------------------------------------------------------------------------------------------
 * The report
 * ---------------------------------------------------------------------------------------------- */

export interface Offence {
  method: string;
  /** The operation's path template, for grouping. */
  route: string;
  url: string;
  caller: string;
  kind: string;
  status: number;
  problem: string;
  snippet: string;
  request?: string;
}

const short = (s: string, n: number) => {
  const flat = JSON.stringify(s).slice(1, -1);
  return flat.length > n ? `${flat.slice(0, n)}…(${s.length} chars)` : flat;
};

export class Offences {
  readonly list: Offence[] = [];
  add(o: {
    method: string;
    route: string;
    url: string;
    caller: string;
    kind: string;
    status: number;
    problem: string;
    body?: string;
    request?: string;
  }) {
    this.list.push({
      ...o,
      url: short(o.url, 140),
      snippet: short(o.body ?? '', 160),
      ...(o.request !== undefined ? { request: short(o.request, 200) } : {}),
    });
  }
  get size() {
    return this.list.length;
  }
  /** One line per distinct (route, problem, status): the first example, how often, and which callers. */
  report(title: string, maxGroups = 60): string {
    const groups = new Map<string, { first: Offence; count: number; callers: Set<string>; kinds: Set<string> }>();
    for (const o of this.list) {
      const key = `${o.method} ${o.route} | ${o.status} | ${o.problem.replace(/\(names: .*\)/, '')}`;
      const g = groups.get(key) ?? { first: o, count: 0, callers: new Set(), kinds: new Set() };
      g.count++;
      g.callers.add(o.caller);
      g.kinds.add(o.kind);
      groups.set(key, g);
    }
    const lines = [...groups.values()].slice(0, maxGroups).map(({ first: o, count, callers, kinds }) => {
      const req = o.request ? ` body=${o.request}` : '';
      return `• ${o.status} ${o.method} ${o.url} as ${o.caller} [${o.kind}]: ${o.problem}${req} → ${o.snippet}  (×${count}; callers ${[...callers].join(',')}; kinds ${[...kinds].slice(0, 6).join(',')})`;
    });
    const more = groups.size > maxGroups ? `\n…and ${groups.size - maxGroups} more groups` : '';
    return `${title}: ${this.list.length} offending responses in ${groups.size} groups\n${lines.join('\n')}${more}`;
  }
}
