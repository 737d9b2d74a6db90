import type { Child } from 'hono/jsx';
import type { z } from 'zod';
import { SECTORS, SHIFT_PATTERNS } from '../../../../../shared/domain/common.js';
import { PAYMENT_GROUPS, ParticipantCreate, READINESS, type Participant } from '../../../../../shared/domain/participant.js';
import { DEFAULT_PROGRAMME, PROGRAMME_IDS, programmeName } from '../../../../../shared/domain/programmes.js';
import type { FieldError } from '../../../../../shared/errors.js';
import {
  Choices,
  commaList,
  DateParts,
  fieldsFor,
  fmtDate,
  PostForm,
  Select,
  TextArea,
  TextInput,
  words,
  yesNo,
  YesNo,
} from '../../components.js';
import type { WebContext } from '../../context.js';
import { asValues, friendly, parseForm, plainly, typedValues, type RawForm, type Values, type Wording } from '../../forms.js';
import { PAYMENT_GROUP_LABELS, READINESS_LABELS } from '../../labels.js';
import { ReadinessTag } from './profile.js';

/*
 * A participant's details, as adding one and changing them both ask them: the question page's fields
 * (the API's own create schema, so the same rules), what they say when something is wrong, and the
 * answers as check your answers shows them. Their sensitive part, consent and skills have their own
 * forms on the participant page, which only their adviser and admins see.
 */

/** What both pages ask. */
export const DetailsInput = ParticipantCreate.pick({
  firstName: true,
  lastName: true,
  home: true,
  email: true,
  phone: true,
  rightToWork: true,
  drivingLicence: true,
  unemployedSince: true,
  preferences: true,
  paymentGroup: true,
  programme: true,
});
export type DetailsInput = z.infer<typeof DetailsInput>;

/** Adding someone also asks their readiness and why (their first history entry), and for an admin whose caseload they join. */
export const NewInput = DetailsInput.extend(ParticipantCreate.pick({ readiness: true, readinessReason: true, adviserId: true }).shape);
export type NewInput = z.infer<typeof NewInput>;

export const DETAILS_WORDING: Wording = {
  adviserId: { missing: 'Enter the user name of the adviser whose caseload they join, like u-adviser-2' },
  firstName: { missing: 'Enter their first name' },
  lastName: { missing: 'Enter their last name' },
  'home.postcode': { missing: 'Enter their home postcode', invalid: 'Enter a real postcode, like LS1 4AP' },
  email: { invalid: 'Enter an email address in the correct format, like name@example.com' },
  phone: { invalid: 'Enter a UK phone number, like 0113 496 0000 or 07700 900 982' },
  rightToWork: { missing: 'Select whether they have the right to work in the UK' },
  drivingLicence: { missing: 'Select whether they have a driving licence' },
  // A date input's own errors ("must be a real date") are said by wording.ts: its value is never a plain empty text.
  unemployedSince: {},
  'preferences.occupations': {},
  'preferences.sectors': {},
  'preferences.hoursPerWeek.min': { missing: 'Enter the fewest hours a week they want' },
  'preferences.hoursPerWeek.max': { missing: 'Enter the most hours a week they want' },
  'preferences.shifts': {},
  'preferences.maxTravelKm': { missing: 'Enter how far they will travel, in kilometres' },
  paymentGroup: {},
  programme: {},
  readiness: { missing: 'Select their readiness' },
  readinessReason: { missing: 'Enter why their readiness is what it is' },
};

/** A group left empty is said on each of its fields, so every summary link lands on one. */
const GROUPS = {
  'preferences.hoursPerWeek': ['preferences.hoursPerWeek.min', 'preferences.hoursPerWeek.max'],
  preferences: ['preferences.maxTravelKm'],
  home: ['home.postcode'],
};

/** The posted answers checked as the API checks them (the step button is not an answer; `version` is the edit's). */
export function checkAnswers<S extends typeof DetailsInput | typeof NewInput>(schema: S, raw: RawForm) {
  const { step: _step, ...answers } = raw;
  const values = typedValues(answers);
  const { 'version:number': _version, ...details } = answers;
  const parsed = parseForm(schema, details);
  const errors: FieldError[] = parsed.ok ? [] : plainly(friendly(parsed.errors, parsed.values, GROUPS), values, DETAILS_WORDING);
  return { answers, values, value: parsed.ok ? (parsed.value as z.infer<S>) : undefined, errors };
}

/** The values the form starts with for a participant as they are now. */
export const detailsValues = (p: Participant): Values => asValues(asDetails(p)) as Values;

/** The details as the form asks them, from a participant as stored (for showing what changed). */
export function asDetails(p: Participant): DetailsInput {
  return {
    firstName: p.firstName,
    lastName: p.lastName,
    home: { postcode: p.home.postcode },
    email: p.email,
    phone: p.phone,
    rightToWork: p.rightToWork,
    drivingLicence: p.drivingLicence,
    unemployedSince: p.unemployedSince,
    preferences: p.preferences,
    paymentGroup: p.paymentGroup,
    programme: p.programme,
  };
}

/** The question page's form, posted to `action`; `adding` asks readiness too, and `adviser` whose caseload (admins). */
export function DetailsForm({
  c,
  action,
  values,
  errors,
  adding,
  adviser,
  button,
  hidden,
}: {
  c: WebContext;
  action: string;
  values: Values;
  errors?: FieldError[];
  adding?: boolean;
  adviser?: boolean;
  button: string;
  hidden?: Child;
}) {
  const f = fieldsFor(values, errors);
  return (
    <PostForm c={c} action={action}>
      {hidden}
      {adviser ? (
        <TextInput
          {...f.field('adviserId')}
          label="Whose caseload do they join?"
          hint="The adviser’s user name, for example u-adviser-2"
          width="20"
          spellcheck={false}
        />
      ) : null}
      <TextInput {...f.field('firstName')} label="First name" autocomplete="off" spellcheck={false} />
      <TextInput {...f.field('lastName')} label="Last name" autocomplete="off" spellcheck={false} />
      <TextInput
        {...f.field('home.postcode')}
        label="Home postcode"
        hint="Matching uses it to find vacancies they can reach. For example, LS1 4AP"
        width="10"
        autocomplete="off"
      />
      <TextInput {...f.field('email')} label="Email address (optional)" type="email" autocomplete="off" spellcheck={false} />
      <TextInput {...f.field('phone')} label="Phone number (optional)" type="tel" width="20" autocomplete="off" />
      <YesNo {...f.choice('rightToWork:boolean')} legend="Do they have the right to work in the UK?" />
      <YesNo {...f.choice('drivingLicence:boolean')} legend="Do they have a full driving licence?" />
      <DateParts {...f.date('unemployedSince')} legend="When did their last job end?" hint="For example, 27 3 2025" />
      <fieldset class="govuk-fieldset">
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">What work they want</legend>
        <TextArea
          {...f.field('preferences.occupations[]')}
          label="Jobs they want (optional)"
          hint="Separate each with a comma, for example warehouse operative, delivery driver"
          rows={2}
        />
        <Choices
          {...f.choice('preferences.sectors[]')}
          kind="checkboxes"
          legend="Sectors they want to work in (optional)"
          options={SECTORS.map((s) => [s, words(s)] as const)}
          small
        />
        <div class="govuk-form-group">
          <fieldset class="govuk-fieldset">
            <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Hours a week they want (optional)</legend>
            <TextInput {...f.field('preferences.hoursPerWeek.min:number')} label="Fewest" width="3" inputmode="numeric" />
            <TextInput {...f.field('preferences.hoursPerWeek.max:number')} label="Most" width="3" inputmode="numeric" />
          </fieldset>
        </div>
        <Choices
          {...f.choice('preferences.shifts[]')}
          kind="checkboxes"
          legend="Shifts they can work (optional)"
          options={SHIFT_PATTERNS.map((s) => [s, words(s)] as const)}
          small
        />
        <TextInput
          {...f.field('preferences.maxTravelKm:number')}
          label="How far will they travel to work, in kilometres?"
          hint="From home, for example 15"
          width="3"
          inputmode="decimal"
        />
      </fieldset>
      <Select
        {...f.field('paymentGroup')}
        label="Payment group (optional)"
        hint="For reports only: matching never uses it"
        options={[['', 'Not recorded'], ...PAYMENT_GROUPS.map((g) => [g, PAYMENT_GROUP_LABELS[g] ?? g] as const)]}
      />
      <Select
        {...f.field('programme')}
        label="Programme (optional)"
        hint={`Sets their outcome milestones and when their plan is reviewed. Not recorded: ${programmeName(DEFAULT_PROGRAMME)}`}
        options={[['', 'Not recorded'], ...PROGRAMME_IDS.map((id) => [id, programmeName(id)] as const)]}
      />
      {adding ? (
        <>
          <Choices
            {...f.choice('readiness')}
            kind="radios"
            legend="How ready for work are they?"
            hint="Your judgement; it can change as you get to know them. Only green participants are matched."
            options={READINESS.map((r) => [r, READINESS_LABELS[r][0], READINESS_LABELS[r][2]] as const)}
            small
          />
          <TextArea {...f.field('readinessReason')} label="Why?" hint="For example, what the first assessment found" rows={3} />
        </>
      ) : null}
      <button type="submit" class="govuk-button" data-module="govuk-button">
        {button}
      </button>
    </PostForm>
  );
}

const none = (s: string | undefined, empty = 'Not given') => s ?? empty;

/** The details as check your answers says them, row names as `changedRows` names them. */
export function detailsRows(d: DetailsInput): [string, Child][] {
  const pref = d.preferences;
  return [
    ['Name', `${d.firstName} ${d.lastName}`],
    ['Home postcode', d.home.postcode],
    ['Email', none(d.email)],
    ['Phone', none(d.phone)],
    ['Right to work in the UK', yesNo(d.rightToWork)],
    ['Driving licence', yesNo(d.drivingLicence)],
    ['Out of work since', fmtDate(d.unemployedSince)],
    ['Jobs they want', commaList(pref.occupations, 'None given')],
    ['Sectors', pref.sectors.length ? pref.sectors.map(words).join(', ') : 'Any'],
    ['Hours a week', pref.hoursPerWeek ? `${pref.hoursPerWeek.min} to ${pref.hoursPerWeek.max}` : 'Not given'],
    ['Shifts', pref.shifts.length ? pref.shifts.map(words).join(', ') : 'Any'],
    ['Will travel up to', `${pref.maxTravelKm} km`],
    ['Payment group', d.paymentGroup ? (PAYMENT_GROUP_LABELS[d.paymentGroup] ?? d.paymentGroup) : 'Not recorded'],
    ['Programme', d.programme ? programmeName(d.programme) : `Not recorded (${programmeName(DEFAULT_PROGRAMME)})`],
  ];
}

/** Adding someone: the details, then their readiness. */
export function newRows(d: NewInput): [string, Child][] {
  return [
    ...detailsRows(d),
    [
      'Readiness',
      <>
        <ReadinessTag readiness={d.readiness} /> {d.readinessReason}
      </>,
    ],
  ];
}
