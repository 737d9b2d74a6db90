import type { NOT_HIRED_REASONS, REJECTION_REASONS, WithdrawalReason } from './submission.js';

/** Every reason a submission ends for: an employer's rejection, an outcome other than a hire, a withdrawal. */
export type SubmissionReason = (typeof REJECTION_REASONS)[number] | (typeof NOT_HIRED_REASONS)[number] | WithdrawalReason;

/**
 * Why a submission ended, said after the fact and keyed by the domain's reason codes: the adviser's
 * page shows these, and notifications say them after "Reason:" (first letter lowered). The words an
 * employer chooses from when deciding are the web's (functions/api/web/labels.ts).
 */
export const REASON_LABELS: Record<SubmissionReason, string> = {
  skills: 'Skills did not match',
  experience: 'Not enough experience',
  availability: 'Availability did not fit',
  location: 'Location or travel',
  'position-filled': 'The position was filled',
  'vacancy-withdrawn': 'The vacancy was withdrawn',
  other: 'Another reason',
  'interview-performance': 'The interview did not go well enough',
  'did-not-attend': 'Did not attend the interview',
  'offer-declined': 'Turned the offer down',
  'consent-withdrawn': 'They withdrew consent to be matched',
  'participant-placed': 'They started another job',
  'participant-erased': 'Their record was erased',
};

/** A reason code in words; a code without a label is said as it is. */
export function reasonLabel(code: string): string {
  return Object.hasOwn(REASON_LABELS, code) ? REASON_LABELS[code as SubmissionReason] : code;
}
