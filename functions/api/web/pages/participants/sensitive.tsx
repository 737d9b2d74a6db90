import type { Child } from 'hono/jsx';
import { WORK_DEMANDS } from '../../../../../shared/domain/common.js';
import type { Sensitive } from '../../../../../shared/domain/participant.js';
import {
  Button,
  Checkbox,
  Choices,
  commaList as list,
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
  rows.push(['Adjustments', list(s.adjustments, 'None')]);
  rows.push(['Work they cannot do', s.workLimits.length ? s.workLimits.map(words).join(', ') : 'None']);
  if (s.convictions)
    rows.push(['Unspent convictions', `${yesNo(s.convictions.unspent)}${s.convictions.details ? `: ${s.convictions.details}` : ''}`]);
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
        itemHint="Permitted work is usually at most 16 hours a week."
      />
      <TextInput
        {...f.field('benefitConstraints.maxHoursPerWeek:number')}
        label="Most hours a week they may work (optional)"
        hint="Leave empty for 16 hours."
        width="3"
        inputmode="numeric"
      />
      <TextInput
        {...f.field('benefitConstraints.until')}
        label="Permitted work ends on (optional)"
        hint="As YYYY-MM-DD, for example 2027-03-31."
        width="10"
      />
      <TextInput
        {...f.field('adjustments[]')}
        label="Adjustments they need"
        hint="Separate each one with a comma, for example: step-free access, written instructions."
      />
      <Choices
        {...f.choice('workLimits[]')}
        kind="checkboxes"
        legend="Work they cannot do"
        hint="Jobs that need these will not be suggested. Select all that apply."
        options={WORK_DEMANDS.map((d) => [d, words(d)] as const)}
        small
      />
      <Checkbox {...f.flag('convictions.unspent:boolean')} legend="Convictions" text="They have unspent convictions" />
      {area(
        'convictions.details',
        'Details of convictions (optional)',
        'Only they can decide to tell an employer; record their own words for that under consent.',
      )}
      <Button id="save-sensitive">Save sensitive information</Button>
    </PostForm>
  );
}
