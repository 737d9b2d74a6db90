import type { Child } from 'hono/jsx';
import { ADJUSTMENT_LABELS, ADJUSTMENTS } from '../../../../../shared/domain/adjustments.js';
import { WORK_DEMANDS } from '../../../../../shared/domain/common.js';
import { OFFENCE_CATEGORIES, OFFENCE_LABELS } from '../../../../../shared/domain/convictions.js';
import { PERMITTED_WORK, type Sensitive } from '../../../../../shared/domain/participant.js';
import {
  Button,
  Checkbox,
  Choices,
  commaList as list,
  DateParts,
  fieldsFor,
  fmtDate,
  fmtDateTime,
  PostForm,
  SummaryList,
  TextArea,
  TextInput,
  words,
  yesNo,
} from '../../components.js';
import type { WebContext } from '../../context.js';
import type { Values } from '../../forms.js';
import type { Failed } from './failed-forms.js';

/* Sensitive information, for the participant's own adviser (and admins): what is recorded, and the form that replaces it. */

export function SensitiveSummary({ s }: { s?: Sensitive }) {
  if (!s) return <p class="govuk-body">None recorded.</p>;
  const rows: [string, Child][] = [];
  const text = (label: string, v?: string) => v && rows.push([label, v]);
  text('Health', s.health);
  text('Disability', s.disability);
  text('Substance misuse', s.substanceMisuse);
  text('Housing', s.housing);
  text('Caring responsibilities', s.caring);
  text('Language', s.language);
  if (s.benefitConstraints) {
    const b = s.benefitConstraints;
    rows.push([
      'Permitted work',
      b.permittedWork ? `Yes, up to ${b.maxHoursPerWeek ?? 16} hours a week${b.until ? ` until ${fmtDate(b.until)}` : ''}` : 'No',
    ]);
  }
  rows.push([
    'Adjustments they need',
    list(
      (s.adjustmentTypes ?? []).map((a) => ADJUSTMENT_LABELS[a]),
      'None chosen from the list',
    ),
  ]);
  rows.push(['Adjustments in their words', list(s.adjustments, 'None')]);
  rows.push(['Work they cannot do', s.workLimits.length ? s.workLimits.map(words).join(', ') : 'None']);
  if (s.convictions) {
    const c = s.convictions;
    const cats = (xs: readonly (typeof OFFENCE_CATEGORIES)[number][] | undefined) =>
      list(
        (xs ?? []).map((x) => OFFENCE_LABELS[x]),
        'None',
      );
    rows.push(['Unspent convictions', `${yesNo(c.unspent)}${c.unspent ? ` (${cats(c.unspentOffences)})` : ''}`]);
    rows.push(['Spent convictions', cats(c.spentOffences)]);
    if (c.releasedOn) rows.push(['Released from custody', fmtDate(c.releasedOn)]);
    if (c.licenceEndsOn) rows.push(['Licence ends', fmtDate(c.licenceEndsOn)]);
    if (c.details) rows.push(['About their convictions', c.details]);
  }
  return (
    <>
      <SummaryList rows={rows} />
      <p class="govuk-body-s">
        Last changed {fmtDateTime(s.updatedAt)} by {s.updatedBy}.
      </p>
    </>
  );
}

export function SensitiveForm({ c, id, s, failed }: { c: WebContext; id: string; s?: Sensitive; failed?: Failed }) {
  const values: Values = failed ? failed.values : s;
  const f = fieldsFor(values, failed?.errors);
  const area = (path: string, label: string, hint?: string) => <TextArea {...f.field(path)} label={label} hint={hint} rows={3} />;
  return (
    <PostForm c={c} action={`/app/participants/${id}/sensitive`}>
      <h3 class="govuk-heading-s">Change sensitive information</h3>
      <p class="govuk-body">Saving replaces everything above with what is in this form. Leave a box empty if there is nothing to record.</p>
      {area('health', 'Health')}
      {area('disability', 'Disability')}
      {area('substanceMisuse', 'Substance misuse')}
      {area('housing', 'Housing')}
      {area('caring', 'Caring responsibilities')}
      {area('language', 'Language', 'For example, English is a second language and they would like support at interviews.')}
      <Checkbox
        {...f.flag('benefitConstraints.permittedWork:boolean')}
        legend="Benefit rules"
        text="They are on permitted work"
        itemHint={`Permitted work is less than 16 hours a week, earning at most £${(PERMITTED_WORK.weeklyEarningsLimitPence / 100).toFixed(2)} a week (${PERMITTED_WORK.earningsLimitYear}). Matching holds jobs to both until it ends; a job a few hours over comes back as one to ask the employer about.`}
      />
      <TextInput
        {...f.field('benefitConstraints.maxHoursPerWeek:number')}
        label="Most hours a week they may work (optional)"
        hint="Leave empty for 16 hours."
        width="3"
        inputmode="numeric"
      />
      <DateParts
        {...f.date('benefitConstraints.until')}
        legend="Permitted work ends on (optional)"
        hint="You will be told four weeks before. For example, 31 3 2027"
      />
      <Choices
        {...f.choice('adjustmentTypes[]')}
        kind="checkboxes"
        legend="Adjustments they need"
        hint="Matching compares these with the adjustments employers offer. Employers never see them unless they choose to tell them."
        options={ADJUSTMENTS.map((a) => [a, ADJUSTMENT_LABELS[a]] as const)}
        small
      />
      <TextInput
        {...f.field('adjustments[]')}
        label="Adjustments in their words (optional)"
        hint="Separate each one with a comma, for example: a stool at the till, instructions in writing."
      />
      <Choices
        {...f.choice('workLimits[]')}
        kind="checkboxes"
        legend="Work they cannot do"
        hint="Jobs that need these will not be suggested. Select all that apply."
        options={WORK_DEMANDS.map((d) => [d, words(d)] as const)}
        small
      />
      <h3 class="govuk-heading-s">Convictions</h3>
      <p class="govuk-body">
        Record only what they agreed to record. Matching uses these to leave out jobs whose employer would not consider them (a basic check
        sees unspent convictions only; a standard or enhanced DBS check sees spent ones too). Nobody else sees them, and employers are told
        only what they choose to say themselves.
      </p>
      <Checkbox {...f.flag('convictions.unspent:boolean')} legend="Unspent convictions" text="They have unspent convictions" />
      <Choices
        {...f.choice('convictions.unspentOffences[]')}
        kind="checkboxes"
        legend="Offences not yet spent"
        hint="Under the Rehabilitation of Offenders Act. Select all that apply; with none selected, matching counts them as other."
        options={OFFENCE_CATEGORIES.map((o) => [o, OFFENCE_LABELS[o]] as const)}
        small
      />
      <Choices
        {...f.choice('convictions.spentOffences[]')}
        kind="checkboxes"
        legend="Offences already spent"
        hint="Select all that apply."
        options={OFFENCE_CATEGORIES.map((o) => [o, OFFENCE_LABELS[o]] as const)}
        small
      />
      <DateParts {...f.date('convictions.releasedOn')} legend="Last released from custody on (optional)" />
      <DateParts
        {...f.date('convictions.licenceEndsOn')}
        legend="Licence ends on (optional)"
        hint="A conviction is not spent while its licence runs. For example, 27 3 2027"
      />
      {area(
        'convictions.details',
        'Details of convictions (optional)',
        'Only they can decide to tell an employer; record their own words for that under consent.',
      )}
      <Button id="save-sensitive">Save sensitive information</Button>
    </PostForm>
  );
}
