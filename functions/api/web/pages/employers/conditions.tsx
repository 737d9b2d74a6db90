import { z } from 'zod';
import { ADJUSTMENT_LABELS, ADJUSTMENTS } from '../../../../../shared/domain/adjustments.js';
import { OFFENCE_CATEGORIES, OFFENCE_LABELS } from '../../../../../shared/domain/convictions.js';
import { Commitments, type Employer } from '../../../../../shared/domain/employer.js';
import type { FieldError } from '../../../../../shared/errors.js';
import { Button, Checkbox, Choices, fieldsFor, PostForm, TextInput } from '../../components.js';
import type { Values } from '../../forms.js';
import type { WebContext } from '../../context.js';

/* The employer's conditions on convictions and the adjustments it offers: what matching applies, changed on its record. */

/** The employer's conditions and offers matching applies: a partial edit of its commitments, at the version the page showed. */
export const ConditionsInput = z.strictObject({
  version: z.number().int().min(1),
  commitments: Commitments.pick({
    openToConvictions: true,
    convictionExclusions: true,
    adjustmentTypesOffered: true,
    adjustmentsOffered: true,
  }),
});

export function ConditionsForm({ c, e, values, errors }: { c: WebContext; e: Employer; values?: Values; errors?: FieldError[] }) {
  const f = fieldsFor(values ?? { version: e.version, commitments: e.commitments }, errors);
  return (
    <PostForm c={c} action={`/app/employers/${e.id}/conditions`}>
      <input type="hidden" name="version:number" value={String(e.version)} />
      <p class="govuk-body">
        Matching applies these to every vacancy of {e.name}: people it would not consider are not suggested, and only counted ("do not meet
        the employer's conditions"). Each participant's adviser sees which of their vacancies are ruled out and why.
      </p>
      <Checkbox
        {...f.flag('commitments.openToConvictions:boolean')}
        legend="Convictions"
        text="Considers people with convictions"
        itemHint="Unspent convictions count for every vacancy; spent ones only where the vacancy needs a standard or enhanced DBS check."
      />
      <Choices
        {...f.choice('commitments.convictionExclusions[]')}
        kind="checkboxes"
        legend="Offences it will not consider"
        hint="When it considers people with convictions. Select all that apply."
        options={OFFENCE_CATEGORIES.map((o) => [o, OFFENCE_LABELS[o]] as const)}
        small
      />
      <Choices
        {...f.choice('commitments.adjustmentTypesOffered[]')}
        kind="checkboxes"
        legend="Adjustments it offers"
        hint="Matching compares these with what participants need; the employer never learns who needs what."
        options={ADJUSTMENTS.map((a) => [a, ADJUSTMENT_LABELS[a]] as const)}
        small
      />
      <TextInput
        {...f.field('commitments.adjustmentsOffered[]')}
        label="Other adjustments, in its words (optional)"
        hint="Separate each one with a comma."
      />
      <Button id="save-conditions">Save conditions and adjustments</Button>
    </PostForm>
  );
}
