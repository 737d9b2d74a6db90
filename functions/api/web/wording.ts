import type { FieldError } from '../../../shared/errors.js';

/* ------------------------------------------------------------------------------------------------
 * Error messages written for people. The API names a field by its path and says what is wrong in a
 * fragment ("hoursPerWeek.min": "min must not be greater than max"); a page says it as one sentence
 * that names the thing as the form asks for it ("The fewest hours a week must be no more than the
 * most hours a week"), the same in the error summary and beside the field (GOV.UK's error message
 * pattern). One table of what each field is called, one set of rules; pages change nothing.
 * ---------------------------------------------------------------------------------------------- */

/**
 * What each field is called in a sentence, by its path (list items, `skills.3`, share their list's
 * name). Paths used by several forms (`title`, `reason`) have the name that fits all of them.
 */
export const FIELD_NAMES: Record<string, string> = {
  // Vacancies
  employerId: 'the employer',
  title: 'the title',
  description: 'the description',
  occupation: 'the occupation',
  'occupation.title': 'the occupation',
  'occupation.socCode': 'the SOC code',
  sector: 'the sector',
  site: 'the place of work',
  'site.postcode': 'the postcode of the place of work',
  'site.town': 'the town',
  positions: 'the number of positions',
  hoursPerWeek: 'the hours a week',
  'hoursPerWeek.min': 'the fewest hours a week',
  'hoursPerWeek.max': 'the most hours a week',
  shiftPatterns: 'the shift patterns',
  contractType: 'the contract type',
  wage: 'the pay',
  'wage.amount': 'the pay',
  'wage.period': 'how often the pay is counted',
  essentialSkills: 'the must-have skills',
  desirableSkills: 'the nice-to-have skills',
  essentialCertifications: 'the certificates or licences needed',
  drivingLicenceRequired: 'whether a driving licence is needed',
  backgroundCheck: 'the background check',
  workDemands: 'what the work involves',
  guaranteedInterview: 'the guaranteed interview',
  workTrial: 'the work trial',
  linkedCohortIds: 'the linked cohorts',
  closingDate: 'the closing date',
  startDate: 'the start date',
  employerResponseDays: 'the working days the employer has to decide',
  externalRef: 'the import reference',
  status: 'the status',
  // Candidates and the employer's answers
  participantIds: 'the candidates',
  candidates: 'the candidates',
  decision: 'your decision',
  reasonCode: 'the reason',
  note: 'the note',
  at: 'the interview date and time',
  place: 'where it is',
  outcome: 'the outcome',
  agreed: 'whether they agree',
  startsOn: 'the first day of the work trial',
  endsOn: 'the last day of the work trial',
  result: 'how the work trial went',
  respondBy: 'the date the answer is needed by',
  accepted: 'whether they accept the offer',
  milestone: 'which check-in this is',
  inWork: 'whether they are still in work',
  evidence: 'how you know they are in work',
  reason: 'the reason',
  // Employers, contacts, contact history, pledges
  name: 'the name',
  sizeBand: 'the size of the organisation',
  address: 'the address',
  'address.line1': 'the first line of the address',
  'address.line2': 'the second line of the address',
  'address.town': 'the town or city',
  'address.postcode': 'the postcode',
  companyNumber: 'the Companies House number',
  stage: 'the engagement stage',
  accountManagerId: 'the account manager',
  website: 'the website',
  notes: 'the notes',
  'commitments.guaranteedInterviews': 'the guaranteed interviews',
  'commitments.disabilityConfident': 'the Disability Confident level',
  'commitments.openToConvictions': 'whether they are open to people with convictions',
  'commitments.convictionExclusions': 'the convictions they will not consider',
  'commitments.adjustmentsOffered': 'the adjustments offered',
  'commitments.adjustmentTypesOffered': 'the kinds of adjustment offered',
  'commitments.workTrials': 'the work trials',
  jobTitle: 'the job title',
  role: 'the role',
  email: 'the email address',
  phone: 'the phone number',
  primary: 'the main contact',
  kind: 'the kind',
  occurredAt: 'the date and time it happened',
  summary: 'the summary',
  contactId: 'the contact',
  followUpOn: 'the follow-up date',
  jobsPledged: 'the number of jobs pledged',
  byDate: 'the date they are pledged by',
  // Participants
  firstName: 'the first name',
  lastName: 'the last name',
  home: 'the home address',
  'home.postcode': 'the home postcode',
  'home.town': 'the town',
  readiness: 'their readiness',
  readinessReason: 'why their readiness is what it is',
  skills: 'their skills',
  certifications: 'their certificates',
  drivingLicence: 'whether they have a driving licence',
  rightToWork: 'their right to work',
  unemployedSince: 'the date they have been out of work since',
  referralSource: 'who referred them',
  'preferences.occupations': 'the jobs they want',
  'preferences.sectors': 'the sectors they want',
  'preferences.hoursPerWeek.min': 'the fewest hours a week they want',
  'preferences.hoursPerWeek.max': 'the most hours a week they want',
  'preferences.shifts': 'the shifts they can work',
  'preferences.maxTravelKm': 'how far they will travel',
  workHistory: 'their work history',
  adviserId: 'the adviser',
  toAdviserId: 'the adviser taking them on',
  participant: 'the participant',
  'convictions.unspent': 'whether they have unspent convictions',
  'convictions.unspentOffences': 'the unspent offences',
  'convictions.spentOffences': 'the spent offences',
  'convictions.releasedOn': 'the release date',
  'convictions.licenceEndsOn': 'the date their licence ends',
  'benefitConstraints.permittedWork': 'whether they are on permitted work',
  'benefitConstraints.until': 'the date permitted work ends',
  'benefitConstraints.maxHoursPerWeek': 'the most hours a week they may work',
  adjustments: 'the adjustments',
  adjustmentTypes: 'the kinds of adjustment',
  workLimits: 'what they cannot do',
  healthDisclosureText: 'the health disclosure',
  convictionDisclosureText: 'the conviction disclosure',
  shareWithEmployers: 'what employers may see',
  'consent.matching': 'whether they agree to be matched',
  'consent.healthDisclosureText': 'the health disclosure',
  'consent.convictionDisclosureText': 'the conviction disclosure',
  // Cohorts
  provider: 'the training provider',
  venue: 'the venue',
  endDate: 'the end date',
  capacity: 'the number of places',
  modules: 'the modules',
  certificationsAwarded: 'the certificates awarded',
  linkedEmployerIds: 'the linked employers',
  linkedVacancyIds: 'the linked vacancies',
  eligibility: 'who can join',
  vacancyId: 'the vacancy',
  // Reports, skills, searches
  from: 'the first month',
  to: 'the last month',
  skill: 'the skill',
  synonyms: 'the other names',
  q: 'the search',
};

/** The name of the field at `path`: its own, its list's (`skills.3`), its group's, or its last word said plainly. */
export function fieldName(path: string): string {
  const bare = path
    .split('.')
    .filter((s) => !/^\d+$/.test(s))
    .join('.');
  // A part without a name of its own (`site.location.lat`) is said as its group.
  for (let p = bare; p; p = p.includes('.') ? p.slice(0, p.lastIndexOf('.')) : '') {
    if (Object.hasOwn(FIELD_NAMES, p)) return FIELD_NAMES[p]!;
  }
  const last = bare.split('.').at(-1) ?? bare;
  return `the ${last.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()}`;
}

const upper = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const noStop = (s: string) => s.trim().replace(/\.+$/, '');

/** A message for one field, by the field's path and the message's words: the first rule that matches says it. */
type Rule = [pattern: RegExp, say: (name: string, m: RegExpExecArray, path: string) => string, onlyPath?: RegExp];

const RULES: Rule[] = [
  // Said for particular fields, where the general rule would read oddly.
  [/^min must not be greater than max$/, (n, _m, path) => `${upper(n)} must be no more than ${fieldName(path.replace(/min$/, 'max'))}`],
  [/a rejection needs a reason code/, () => 'Select why you are not taking them forward', /^reasonCode$/],
  [/^say why they were not hired$/, () => 'Select why they were not hired', /^reasonCode$/],
  [/^say why the trial did not work out$/, () => 'Select why the work trial did not work out', /^reasonCode$/],
  [/^say why the offer was turned down$/, () => 'Select why they turned the offer down', /^reasonCode$/],
  [/^only a trial that did not work out has a reason$/, () => 'Leave the reason empty unless the work trial did not work out'],
  [/^only an offer turned down has a reason$/, () => 'Leave the reason empty unless they turned the offer down'],
  [/^say why when the reason is 'other'$/, () => 'Enter a note to say why, as the reason is ‘another reason’'],
  [/^a hire needs a start date$/, () => 'Enter the start date of the job'],
  [/^only a hire has a start date$/, () => 'Leave the start date empty unless they were hired'],
  [/^end (date )?must not be before (the )?start( date)?$/, (n) => `${upper(n)} must be the same as or after the start date`],
  [/^give an email or a phone number$/, () => 'Enter an email address or a phone number'],
  // Something missing.
  [/^(enter a value|required|enter a number)$/, (n) => `Enter ${n}`],
  [/^(choose an option|choose at least one|select an option)$/, (n) => `Select ${n}`],
  [/^Invalid option/, (n) => `Select ${n}`],
  [/^Invalid input: expected (string|boolean|number|array|object), received undefined$/, (n) => `Enter ${n}`],
  // Something of the wrong kind.
  [/received NaN|^must be a number$|^Invalid input: expected number/, (n) => `${upper(n)} must be a number`],
  [/^Invalid input: expected int/, (n) => `${upper(n)} must be a whole number`],
  [/^(must be a date as YYYY-MM-DD|enter a real date|must be a real date)$/, (n) => `${upper(n)} must be a real date`],
  [/^(must be a date-time as ISO 8601 in UTC|enter a real date and time)$/, (n) => `${upper(n)} must be a real date and time`],
  [/^must be a month as YYYY-MM$/, (n) => `${upper(n)} must be a real month`],
  [/^must be a real time/, (n) => `${upper(n)} must be a real time, like 9:30am or 14:00`],
  [/^must include (.+)$/, (n, m) => `${upper(n)} must include ${m[1]}`],
  [/^year must include 4 numbers$/, (n) => `The year of ${n} must include 4 numbers`],
  [/^must be a UK postcode$/, (n) => `Enter ${n} in the right format, like LS1 4AP`],
  [/^Invalid email/, (n) => `Enter ${n} in the right format, like name@example.com`],
  [/^must be a ULID$|^unknown \w+/, (n) => `We cannot find ${n}: check it and try again`],
  [/^must be a user id(, such as (.+))?$/, (n, m) => `${upper(n)} must be a user id${m[2] ? `, such as ${m[2]}` : ''}`],
  // Too much or too little.
  [/^Too big: expected string to have <=(\d+) characters?$/, (n, m) => `${upper(n)} must be ${m[1]} characters or fewer`],
  [
    /^Too small: expected string to have >=(\d+) characters?$/,
    (n, m) => (m[1] === '1' ? `Enter ${n}` : `${upper(n)} must be ${m[1]} characters or more`),
  ],
  [/^Too big: expected number to be <=(-?[\d.]+)$/, (n, m) => `${upper(n)} must be ${m[1]} or less`],
  [/^Too big: expected number to be <(-?[\d.]+)$/, (n, m) => `${upper(n)} must be less than ${m[1]}`],
  [/^Too small: expected number to be >=(-?[\d.]+)$/, (n, m) => `${upper(n)} must be ${m[1]} or more`],
  [/^Too small: expected number to be >(-?[\d.]+)$/, (n, m) => `${upper(n)} must be more than ${m[1]}`],
  [/^Too big: expected array to have <=(\d+) items?$/, (n, m) => `Choose no more than ${m[1]} for ${n}`],
  [/^Too small: expected array to have >=(\d+) items?$/, (n, m) => (m[1] === '1' ? `Select ${n}` : `Choose at least ${m[1]} for ${n}`)],
  [/^unknown field$|^not a field of this form$/, (n) => `${upper(n)} is not part of this form`],
  // A fragment about the field ("must not be in the past"): the field's name starts the sentence.
  [/^(must|is|are|cannot|can|needs|has|was|were|should|not|at most|at least|already|only)\b/, (n, m) => `${upper(n)} ${m.input}`],
];

/**
 * The message a page shows for a field error: one sentence, no full stop, naming the field as people
 * know it. A message that already is a sentence (a rule's own words, "This candidate is guaranteed an
 * interview: …") is kept, with its first letter made a capital. A page whose field means something
 * more particular than the shared name (an appointment's `at`, not an interview's) uses sayErrorAs.
 */
export function sayError(e: FieldError): string {
  return sayErrorAs(e, fieldName(e.path));
}

/** sayError with the field named as `name`. */
export function sayErrorAs(e: FieldError, name: string): string {
  const message = noStop(e.message);
  // Messages about the whole request or form name no field.
  if (e.path.startsWith('(')) return upper(message);
  for (const [pattern, say, onlyPath] of RULES) {
    if (onlyPath && !onlyPath.test(e.path)) continue;
    const m = pattern.exec(message);
    if (m) return say(name, m, e.path);
  }
  return upper(message);
}
