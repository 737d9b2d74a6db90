import type { FieldError } from '../../../../../shared/errors.js';
import { fieldsFor } from '../../components.js';
import { friendly, valueAt, type Values } from '../../forms.js';

/** A form on the participant page that was posted and refused: the page is shown again with it refilled. */
export type Failed =
  | { form: 'readiness' | 'sensitive' | 'consent' | 'skills' | 'referral'; errors: FieldError[]; values: Values }
  | { form: 'agreement' | 'checkin'; id: string; errors: FieldError[]; values: Values };

/** A refused form of which the page holds one per record (an answer per proposal, a check-in per placement). */
export type FailedOfRecord = Extract<Failed, { id: string }>;

/**
 * The fields of one of several forms of a kind (an answer per proposal, a check-in per placement): the form
 * with an error takes the plain ids, so the error summary lands on it; the others are numbered by their record.
 */
export const fieldsOf = (failed: Failed | undefined, recordId: string) =>
  fieldsFor(failed?.values, failed?.errors, failed ? {} : { suffix: `-${recordId}` });

/** What to say when a required answer is missing, by field. */
const MISSING: Record<string, string> = {
  readiness: 'Select their readiness',
  referralSource: 'Select who referred them',
  reason: 'Enter why their readiness is changing',
  agreed: 'Select whether they agree to be put forward',
  milestone: 'Select which check-in this is',
  inWork: 'Select whether they are still in work',
  'convictions.unspent': 'Say whether they have unspent convictions',
  'benefitConstraints.permittedWork': 'Say whether they are on permitted work',
};

/** Field errors said plainly, and item errors (`adjustments.3`) on the field the page shows. */
export function tidy(errors: FieldError[], values: Values): FieldError[] {
  const lists = [
    'adjustments',
    'adjustmentTypes',
    'workLimits',
    'shareWithEmployers',
    'skills',
    'convictions.unspentOffences',
    'convictions.spentOffences',
  ];
  return friendly(errors, values).map((e) => {
    const base = lists.find((l) => e.path.startsWith(`${l}.`));
    const path = base ?? e.path;
    const missing = valueAt(values, path) === '';
    return { path, message: missing && MISSING[path] ? MISSING[path] : e.message };
  });
}
