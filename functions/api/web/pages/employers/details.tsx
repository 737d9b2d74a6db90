import type { Child } from 'hono/jsx';
import type { z } from 'zod';
import { SECTORS } from '../../../../../shared/domain/common.js';
import {
  Commitments,
  DISABILITY_CONFIDENT,
  EmployerCreate,
  ENGAGEMENT_STAGES,
  SIZE_BANDS,
  type Employer,
} from '../../../../../shared/domain/employer.js';
import type { FieldError } from '../../../../../shared/errors.js';
import { Choices, fieldsFor, PostForm, Select, SummaryList, Tag, TextArea, TextInput, words, yesNo, YesNo } from '../../components.js';
import type { WebContext } from '../../context.js';
import { friendly, parseForm, plainly, typedValues, type RawForm, type Values, type Wording } from '../../forms.js';
import type { People } from '../../people.js';
import { DISABILITY_CONFIDENT_LABELS, SIZE_LABELS, STAGE_LABELS, STAGE_TAG } from '../../labels.js';

/* An employer's details, as recording one and changing them both ask them: the question page's fields, what they say when something is wrong, and the answers as check your answers shows them. */

/**
 * What the details pages ask: the API's own create schema (the same rules), with the commitments the
 * officer records here. Its conditions on convictions and the adjustments it offers have their own form.
 */
export const DetailsInput = EmployerCreate.omit({ commitments: true }).extend({
  commitments: Commitments.pick({ guaranteedInterviews: true, workTrials: true, disabilityConfident: true }).default({
    guaranteedInterviews: false,
    workTrials: false,
    disabilityConfident: 'none',
  }),
});
export type DetailsInput = z.infer<typeof DetailsInput>;

export const DETAILS_WORDING: Wording = {
  name: { missing: 'Enter the employer’s name' },
  companyNumber: {
    invalid: 'Enter a Companies House number of 8 characters, like 01234567 or SC123456',
  },
  sector: { missing: 'Select the sector it works in', invalid: 'Select the sector it works in' },
  sizeBand: { missing: 'Select how many people it employs', invalid: 'Select how many people it employs' },
  'address.line1': { missing: 'Enter the first line of its address' },
  'address.line2': {},
  'address.town': { missing: 'Enter the town or city' },
  'address.postcode': { missing: 'Enter its postcode', invalid: 'Enter a real postcode, like LS1 4AP' },
  accountManagerId: { missing: 'Select the account manager', invalid: 'Select the account manager' },
  stage: { missing: 'Select where things stand with it', invalid: 'Select where things stand with it' },
  website: { invalid: 'Enter the website’s full address, starting https://' },
  notes: {},
  'commitments.guaranteedInterviews': { missing: 'Select whether it guarantees interviews' },
  'commitments.workTrials': { missing: 'Select whether it offers work trials' },
  'commitments.disabilityConfident': {
    missing: 'Select its Disability Confident level',
    invalid: 'Select its Disability Confident level',
  },
};

/** A missing address is said on each of its required lines, so every summary link lands on a field. */
const GROUPS = { address: ['address.line1', 'address.town', 'address.postcode'] };

/** The posted details checked as the API checks them (the step button is not an answer; `version` is the edit's). */
export function checkDetails(raw: RawForm) {
  const { step: _step, ...answers } = raw;
  const values = typedValues(answers);
  const { 'version:number': _version, ...details } = answers;
  const parsed = parseForm(DetailsInput, details);
  const errors = parsed.ok ? [] : plainly(friendly(parsed.errors, parsed.values, GROUPS), values, DETAILS_WORDING);
  return { answers, values, value: parsed.ok ? parsed.value : undefined, errors };
}

/** The values a details form starts with for an employer as it is now. */
export function detailsValues(e: Employer): Values {
  return {
    name: e.name,
    companyNumber: e.companyNumber,
    sector: e.sector,
    sizeBand: e.sizeBand,
    address: { line1: e.address.line1, line2: e.address.line2, town: e.address.town, postcode: e.address.postcode },
    accountManagerId: e.accountManagerId,
    stage: e.stage,
    website: e.website,
    notes: e.notes,
    commitments: {
      guaranteedInterviews: String(e.commitments.guaranteedInterviews),
      workTrials: String(e.commitments.workTrials),
      disabilityConfident: e.commitments.disabilityConfident,
    },
  };
}

/** The details question page's form: posted to `action`, with `hidden` fields (the version an edit was read at). */
export function DetailsForm({
  c,
  action,
  values,
  errors,
  officers,
  button,
  hidden,
}: {
  c: WebContext;
  action: string;
  values: Values;
  errors?: FieldError[];
  /** Whom it may be given to: active liaison officers and admins, by name. */
  officers: [string, string][];
  button: string;
  hidden?: Child;
}) {
  const f = fieldsFor(values, errors);
  return (
    <PostForm c={c} action={action}>
      {hidden}
      <TextInput {...f.field('name')} label="Employer’s name" hint="The name it trades under, for example Kirkgate Bakery" />
      <TextInput
        {...f.field('companyNumber')}
        label="Companies House number (optional)"
        hint="8 characters, for example 01234567 or SC123456"
        width="10"
        spellcheck={false}
      />
      <Select {...f.field('sector')} label="Sector" options={[['', 'Choose a sector'], ...SECTORS.map((s) => [s, words(s)] as const)]} />
      <Choices
        {...f.choice('sizeBand')}
        kind="radios"
        legend="How many people it employs"
        options={SIZE_BANDS.map((b) => [b, SIZE_LABELS[b]] as const)}
        small
      />
      <fieldset class="govuk-fieldset">
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Address</legend>
        <TextInput {...f.field('address.line1')} label="Address line 1" autocomplete="address-line1" />
        <TextInput {...f.field('address.line2')} label="Address line 2 (optional)" autocomplete="address-line2" />
        <TextInput {...f.field('address.town')} label="Town or city" width="20" autocomplete="address-level2" />
        <TextInput {...f.field('address.postcode')} label="Postcode" width="10" autocomplete="postal-code" />
      </fieldset>
      <Select
        {...f.field('accountManagerId')}
        label="Account manager"
        hint="The liaison officer who looks after it"
        options={[['', 'Choose who looks after it'], ...officers]}
      />
      <Choices
        {...f.choice('stage')}
        kind="radios"
        legend="Where things stand with it"
        options={ENGAGEMENT_STAGES.map((s) => [s, STAGE_LABELS[s][0], STAGE_LABELS[s][1]] as const)}
        small
      />
      <YesNo
        {...f.choice('commitments.guaranteedInterviews:boolean')}
        legend="Does it guarantee an interview to candidates who meet a vacancy’s must-haves?"
      />
      <YesNo {...f.choice('commitments.workTrials:boolean')} legend="Does it offer work trials?" />
      <Choices
        {...f.choice('commitments.disabilityConfident')}
        kind="radios"
        legend="Disability Confident"
        options={DISABILITY_CONFIDENT.map((d) => [d, DISABILITY_CONFIDENT_LABELS[d]] as const)}
        small
      />
      <TextInput
        {...f.field('website')}
        label="Website (optional)"
        hint="Its full address, for example https://kirkgate.example"
        spellcheck={false}
      />
      <TextArea {...f.field('notes')} label="Notes (optional)" hint="Anything colleagues should know before they call" rows={3} />
      <button type="submit" class="govuk-button" data-module="govuk-button">
        {button}
      </button>
    </PostForm>
  );
}

const lines = (xs: (string | undefined)[]) =>
  xs.filter(Boolean).map((l) => (
    <>
      {l}
      <br />
    </>
  ));

/** The details as check your answers (and the duplicate cards) say them. */
export function detailsRows(d: DetailsInput, people: People): [string, Child][] {
  return [
    ['Name', d.name],
    ['Companies House number', d.companyNumber ?? 'Not given'],
    ['Sector', words(d.sector)],
    ['Size', SIZE_LABELS[d.sizeBand]],
    ['Address', lines([d.address.line1, d.address.line2, d.address.town, d.address.postcode])],
    ['Account manager', people.said(d.accountManagerId)],
    ['Stage', <Tag colour={STAGE_TAG[d.stage]}>{STAGE_LABELS[d.stage][0]}</Tag>],
    ['Guaranteed interviews', yesNo(d.commitments.guaranteedInterviews)],
    ['Work trials', yesNo(d.commitments.workTrials)],
    ['Disability Confident', DISABILITY_CONFIDENT_LABELS[d.commitments.disabilityConfident]],
    ['Website', d.website ?? 'Not given'],
    ['Notes', d.notes ?? 'None'],
  ];
}

/** An employer already recorded, as the duplicate check shows it: enough to tell whether it is the one meant. */
export function ExistingRows({ e, people }: { e: Employer; people: People }) {
  return (
    <SummaryList
      rows={[
        ['Address', lines([e.address.line1, e.address.line2, e.address.town, e.address.postcode])],
        ['Companies House number', e.companyNumber ?? 'Not recorded'],
        ['Stage', <Tag colour={STAGE_TAG[e.stage]}>{STAGE_LABELS[e.stage][0]}</Tag>],
        ['Account manager', people.said(e.accountManagerId)],
      ]}
    />
  );
}
