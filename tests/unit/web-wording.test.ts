import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fieldErrors } from '../../functions/api/errors.js';
import { FIELD_NAMES, fieldName, sayError } from '../../functions/api/web/wording.js';
import { clockTime, longDate, longDateTime, longMonth } from '../../shared/domain/dates.js';
import { DecisionInput } from '../../shared/domain/submission.js';
import { VacancyCreate } from '../../shared/domain/vacancy.js';

describe('error messages written for people', () => {
  it.each([
    // The two the issue quotes.
    ['hoursPerWeek.min', 'min must not be greater than max', 'The fewest hours a week must be no more than the most hours a week'],
    ['reasonCode', 'a rejection needs a reason code', 'Select why you are not taking them forward'],
    // Missing answers.
    ['title', 'enter a value', 'Enter the title'],
    ['contractType', 'choose an option', 'Select the contract type'],
    ['shiftPatterns', 'choose at least one', 'Select the shift patterns'],
    ['positions', 'must be a number', 'The number of positions must be a number'],
    // Fragments about the field.
    [
      'closingDate',
      'must not be in the past when the vacancy is published',
      'The closing date must not be in the past when the vacancy is published',
    ],
    ['startDate', 'must include a month', 'The start date must include a month'],
    ['startDate', 'year must include 4 numbers', 'The year of the start date must include 4 numbers'],
    ['site.postcode', 'must be a UK postcode', 'Enter the postcode of the place of work in the right format, like LS1 4AP'],
    [
      'site.postcode',
      'is not a postcode we can find: check it, or enter the nearest one',
      'The postcode of the place of work is not a postcode we can find: check it, or enter the nearest one',
    ],
    ['employerId', 'unknown employer', 'We cannot find the employer: check it and try again'],
    ['endDate', 'end date must not be before the start date', 'The end date must be the same as or after the start date'],
    // zod's own words.
    ['title', 'Too big: expected string to have <=200 characters', 'The title must be 200 characters or fewer'],
    ['positions', 'Too small: expected number to be >=1', 'The number of positions must be 1 or more'],
    ['hoursPerWeek.max', 'Too big: expected number to be <=84', 'The most hours a week must be 84 or less'],
    ['essentialSkills', 'Too big: expected array to have <=30 items', 'Choose no more than 30 for the must-have skills'],
    // A list's item is said as its list; a sentence already written for people is kept.
    ['essentialSkills.3', 'Too big: expected string to have <=80 characters', 'The must-have skills must be 80 characters or fewer'],
    ['candidates', 'choose at least one candidate to put forward', 'Choose at least one candidate to put forward'],
    ['(body)', 'Malformed JSON in request body.', 'Malformed JSON in request body'],
  ])('%s: “%s” → “%s”', (path, message, said) => {
    expect(sayError({ path, message })).toBe(said);
  });

  it('says what zod says of a bad vacancy and a bad decision without a field path or a code', () => {
    // Prepare: the errors the vacancy form and the decision form actually get.
    const vacancy = VacancyCreate.safeParse({ hoursPerWeek: { min: 40, max: 16 }, positions: 0, title: 'x'.repeat(201) });
    const decision = DecisionInput.safeParse({ decision: 'reject' });
    // Act
    const said = [...fieldErrors(vacancy.error!), ...fieldErrors(decision.error!)].map(sayError);
    // Assess: sentences with a capital, no full stop, no camelCase or dotted path, no zod jargon.
    expect(said.length).toBeGreaterThan(10);
    for (const s of said) {
      expect(s).toMatch(/^[A-Z]/);
      expect(s).not.toMatch(/\.$/);
      expect(s).not.toMatch(/\b[a-z]+[A-Z][a-zA-Z]*\b|\w\.\w|Too big|Too small|Invalid input|expected /);
    }
    expect(said).toContain('The fewest hours a week must be no more than the most hours a week');
    expect(said).toContain('Select why you are not taking them forward');
  });

  it('names every field of the vacancy form, and a path it does not know by its last word', () => {
    const paths = Object.keys(VacancyCreate.shape);
    expect(paths.length).toBeGreaterThan(20);
    // A named field is said in words of its own; one without a name would come out as "the closing date" too, so check the table.
    for (const p of paths) expect(FIELD_NAMES[p], p).toBeDefined();
    expect(fieldName('linkedCohortIds.4')).toBe('the linked cohorts');
    expect(fieldName('site.location.lat')).toBe('the place of work');
    expect(fieldName('somethingNew')).toBe('the something new');
  });

  it('always answers a sentence starting with a capital, whatever path and message it is given', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.string({ minLength: 1 }), (path, message) => {
        const said = sayError({ path, message: `${message}x` });
        expect(said.charAt(0)).toBe(said.charAt(0).toUpperCase());
      }),
    );
  });
});

describe('dates as people read them', () => {
  it.each([
    ['2026-12-04', '4 December 2026'],
    ['2027-01-31T23:59:00Z', '31 January 2027'],
    ['2028-02-29', '29 February 2028'],
    ['2027-02-29', '2027-02-29'],
    ['soon', 'soon'],
    ['', ''],
  ])('longDate(%j) is %j', (iso, said) => expect(longDate(iso)).toBe(said));

  it.each([
    ['2026-12-04T09:30:00Z', '4 December 2026 at 9:30am'],
    // British Summer Time: UTC 13:00 is 2pm in London.
    ['2026-07-01T13:00:00Z', '1 July 2026 at 2pm'],
    ['2026-07-01T11:00:00Z', '1 July 2026 at midday'],
    ['2026-12-31T00:00:00Z', '31 December 2026 at midnight'],
    ['2026-12-04', '2026-12-04'],
  ])('longDateTime(%j) is %j', (iso, said) => expect(longDateTime(iso)).toBe(said));

  it('says months and clock times the GOV.UK way', () => {
    expect(longMonth('2026-03')).toBe('March 2026');
    expect(longMonth('2026-13')).toBe('2026-13');
    expect([clockTime(9, 0), clockTime(14, 5), clockTime(0, 30), clockTime(12, 15)]).toEqual(['9am', '2:05pm', '12:30am', '12:15pm']);
  });

  it('never shows an ISO date for any real day', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1990-01-01'), max: new Date('2100-12-31'), noInvalidDate: true }), (d) => {
        const iso = d.toISOString();
        expect(longDate(iso.slice(0, 10))).toMatch(/^\d{1,2} [A-Z][a-z]+ \d{4}$/);
        expect(longDateTime(iso)).toMatch(/^\d{1,2} [A-Z][a-z]+ \d{4} at (\d{1,2}(:\d{2})?[ap]m|midday|midnight)$/);
      }),
    );
  });
});
