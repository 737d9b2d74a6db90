import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  checkFieldNames,
  datePartsOf,
  formToObject,
  joinDateParts,
  listAt,
  parseClock,
  plainly,
  typedValues,
  valueAt,
} from '../../functions/api/web/forms.js';
import { ValidationError } from '../../shared/errors.js';

const form = (entries: Record<string, string | string[]>) => Object.assign(Object.create(null), entries);

describe('the web form parser', () => {
  it('builds the nested object the API schemas validate', () => {
    // Prepare
    const posted = form({
      title: 'Picker',
      'hoursPerWeek.min:number': '16',
      'skills[]': ['picking', 'packing'],
      'guaranteedInterview:boolean': 'on',
      csrf: 'x',
    });
    // Act
    const out = formToObject(posted);
    // Assess
    expect(JSON.parse(JSON.stringify(out))).toEqual({
      title: 'Picker',
      hoursPerWeek: { min: 16 },
      skills: ['picking', 'packing'],
      guaranteedInterview: true,
    });
  });

  it.each([
    '__proto__.polluted',
    'constructor.prototype.polluted',
    'a.__proto__.b',
    'prototype.x',
    '__proto__[]',
    'x.constructor:number',
    'a..b',
    '.a',
    'a b',
    'a\r\nb',
  ])('refuses the field name %j, naming it, and touches no prototype', (name) => {
    // Act
    let thrown: unknown;
    try {
      formToObject(form({ [name]: 'yes' }));
    } catch (err) {
      thrown = err;
    }
    // Assess
    expect(thrown).toBeInstanceOf(ValidationError);
    expect((thrown as ValidationError).errors?.[0]?.message).toBe('not a field of this form');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(Object.prototype)).toEqual([]);
  });

  it('refuses a name used both as a value and as a group instead of throwing a TypeError', () => {
    expect(() => formToObject(form({ a: '1', 'a.b': '2' }))).toThrow(ValidationError);
    expect(() => formToObject(form({ 'a.b': '2', a: '1' }))).toThrow(ValidationError);
  });

  it('never pollutes Object.prototype whatever names and values are posted', () => {
    const segment = fc.oneof(
      fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', 'a', 'b'),
      fc.string({ maxLength: 8 }),
    );
    const name = fc
      .tuple(fc.array(segment, { minLength: 1, maxLength: 4 }), fc.constantFrom('', '[]', ':number', ':boolean'))
      .map(([s, t]) => s.join('.') + t);
    fc.assert(
      fc.property(fc.dictionary(name, fc.oneof(fc.string(), fc.array(fc.string(), { maxLength: 3 }))), (entries) => {
        try {
          const out = formToObject(form(entries));
          typedValues(form(entries));
          // Every name, and every group above it, reads back without throwing.
          for (const k of Object.keys(entries)) {
            const parts = k.split('.');
            for (let i = 1; i <= parts.length; i++) {
              valueAt(out, parts.slice(0, i).join('.'));
              listAt(out, parts.slice(0, i).join('.'));
            }
          }
        } catch (err) {
          if (!(err instanceof ValidationError)) throw err;
        }
        expect(Object.keys(Object.prototype)).toEqual([]);
        expect(({} as Record<string, unknown>).toString).toBe(Object.prototype.toString);
      }),
      { seed: 20261201, numRuns: 500 },
    );
  });

  it('caps the number of fields', () => {
    const many = form(Object.fromEntries(Array.from({ length: 401 }, (_, i) => [`f${i}`, 'x'])));
    expect(() => checkFieldNames(many)).toThrow(/too many fields/);
  });

  it('reads values back only from the object itself', () => {
    expect(valueAt(formToObject(form({ title: 'x' })), 'constructor')).toBe('');
  });

  it('shows a group posted where a value belongs as empty, rather than throwing on its prototype-free object', () => {
    const out = formToObject(form({ 'title.x': '1', 'skills.a[]': ['b'] }));
    expect(valueAt(out, 'title')).toBe('');
    expect(valueAt(out, 'skills')).toBe('');
    expect(listAt(out, 'skills')).toEqual([]);
  });
});

describe('GOV.UK date inputs', () => {
  it('makes three fields one ISO date, and four (with a UK clock time) one UTC instant', () => {
    // Prepare: a winter day and a summer evening (British Summer Time, an hour ahead of UTC).
    const posted = form({
      'closingDate.day': '4',
      'closingDate.month': '12',
      'closingDate.year': '2026',
      'at.day': '1',
      'at.month': '7',
      'at.year': '2026',
      'at.time': '6:30pm',
      title: 'Picker',
    });
    // Act
    const { form: out, errors } = joinDateParts(posted);
    // Assess
    expect(errors).toEqual([]);
    expect({ ...out }).toEqual({ closingDate: '2026-12-04', at: '2026-07-01T17:30:00Z', title: 'Picker' });
  });

  it.each([
    [{ 'd.day': '4', 'd.month': '', 'd.year': '2026' }, 'must include a month'],
    [{ 'd.day': '', 'd.month': '', 'd.year': '2026' }, 'must include a day and a month'],
    [{ 'd.day': '31', 'd.month': '2', 'd.year': '2027' }, 'must be a real date'],
    [{ 'd.day': '4', 'd.month': '12', 'd.year': '26' }, 'year must include 4 numbers'],
    [{ 'd.day': 'x', 'd.month': '12', 'd.year': '2026' }, 'must be a real date'],
    [{ 'd.day': '4', 'd.month': '12', 'd.year': '2026', 'd.time': '' }, 'must include a time'],
    [{ 'd.day': '4', 'd.month': '12', 'd.year': '2026', 'd.time': '25:00' }, 'must be a real time'],
  ])('refuses %j: “%s”, and leaves the date out', (fields, message) => {
    const { form: out, errors } = joinDateParts(form(fields));
    expect(errors).toEqual([{ path: 'd', message }]);
    expect(Object.keys(out)).toEqual([]);
  });

  it('leaves a wholly empty date out, and a date posted whole as it came', () => {
    const { form: out, errors } = joinDateParts(form({ 'd.day': '', 'd.month': '', 'd.year': '', closingDate: '2026-12-04' }));
    expect(errors).toEqual([]);
    expect({ ...out }).toEqual({ closingDate: '2026-12-04' });
  });

  it('reads clock times as people write them', () => {
    const read = (t: string) => parseClock(t);
    expect(read('9:30')).toEqual({ hour: 9, minute: 30 });
    expect(read('09.30')).toEqual({ hour: 9, minute: 30 });
    expect(read('9:30am')).toEqual({ hour: 9, minute: 30 });
    expect(read('2pm')).toEqual({ hour: 14, minute: 0 });
    expect(read('12pm')).toEqual({ hour: 12, minute: 0 });
    expect(read('12am')).toEqual({ hour: 0, minute: 0 });
    expect(read('14:00')).toEqual({ hour: 14, minute: 0 });
    expect(read('Midday')).toEqual({ hour: 12, minute: 0 });
    expect(read('midnight')).toEqual({ hour: 0, minute: 0 });
    for (const bad of ['13pm', '9:60', '24:00', 'soon', '', '0am']) expect(read(bad), bad).toBeUndefined();
  });

  it('refills a date input from its own fields, or from an ISO value (an instant in UK time)', () => {
    expect(datePartsOf({ d: { day: '31', month: '2', year: '2027' } }, 'd', false)).toEqual({
      day: '31',
      month: '2',
      year: '2027',
      time: '',
    });
    expect(datePartsOf({ d: '2026-12-04' }, 'd', false)).toEqual({ day: '4', month: '12', year: '2026', time: '' });
    expect(datePartsOf({ d: '2026-07-01T17:30:00Z' }, 'd', true)).toEqual({ day: '1', month: '7', year: '2026', time: '6:30pm' });
  });

  it('takes any date and time it shows back as the same instant', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2020, 0, 1) / 60_000, max: Date.UTC(2035, 0, 1) / 60_000 }), (minutes) => {
        const iso = `${new Date(minutes * 60_000).toISOString().slice(0, 16)}:00Z`;
        const shown = datePartsOf({ d: iso }, 'd', true);
        const back = joinDateParts(form({ 'd.day': shown.day, 'd.month': shown.month, 'd.year': shown.year, 'd.time': shown.time }));
        // The hour the clocks go back happens twice in UK time: either instant is a fair reading of it.
        const got = back.form.d as string;
        expect([
          iso,
          new Date(Date.parse(iso) - 3_600_000).toISOString().replace('.000', ''),
          new Date(Date.parse(iso) + 3_600_000).toISOString().replace('.000', ''),
        ]).toContain(got);
      }),
    );
  });
});

describe('plainly: a form’s own words for its fields’ errors', () => {
  const wording = {
    name: { missing: 'Enter the employer’s name' },
    essentialSkills: { invalid: 'Choose skills from the list' },
    website: {},
  };
  it('says a missing field in the form’s words, an item’s error on its list once, in the order of the page', () => {
    const out = plainly(
      [
        { path: 'website', message: 'must be a web address' },
        { path: 'essentialSkills.2', message: 'Too big' },
        { path: 'essentialSkills.4', message: 'Too big' },
        { path: 'name', message: 'Invalid input: expected string, received undefined' },
        { path: '(body)', message: 'The form has fields that contradict each other' },
      ],
      { name: '', website: 'x', essentialSkills: ['a'] },
      wording,
    );
    expect(out).toEqual([
      { path: 'name', message: 'Enter the employer’s name' },
      { path: 'essentialSkills', message: 'Choose skills from the list' },
      { path: 'website', message: 'must be a web address' },
      { path: '(body)', message: 'The form has fields that contradict each other' },
    ]);
  });
  it('keeps the rule’s own words when the field was given and the form has none of its own', () => {
    expect(plainly([{ path: 'name', message: 'must be 200 characters or fewer' }], { name: 'x' }, wording)).toEqual([
      { path: 'name', message: 'must be 200 characters or fewer' },
    ]);
  });
});
