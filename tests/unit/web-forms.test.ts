import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkFieldNames, formToObject, listAt, typedValues, valueAt } from '../../functions/api/web/forms.js';
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
