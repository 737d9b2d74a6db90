import type { NOT_HIRED_REASONS, OFFER_DECLINE_REASONS, REJECTION_REASONS, TRIAL_FAIL_REASONS, WithdrawalReason } from './submission.js';

/**
 * Every reason a submission ends for: an employer's rejection, a work trial that did not work out, an
 * offer turned down, an outcome other than a hire, a withdrawal.
 */
export type SubmissionReason =
  | (typeof REJECTION_REASONS)[number]
  | (typeof TRIAL_FAIL_REASONS)[number]
  | (typeof OFFER_DECLINE_REASONS)[number]
  | (typeof NOT_HIRED_REASONS)[number]
  | WithdrawalReason;

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
  'offer-withdrawn': 'The employer withdrew the offer',
  'did-not-start': 'Accepted the offer but did not start',
  attendance: 'Attendance or timekeeping on the trial',
  'not-suited': 'The work did not suit them',
  'left-trial': 'They left the trial early',
  hours: 'The hours did not suit them',
  pay: 'The pay',
  travel: 'The journey to work',
  contract: 'The kind of contract',
  'another-job': 'They took another job',
  'own-circumstances': 'Their own circumstances',
  'no-response': 'No answer came in time',
  'consent-withdrawn': 'They withdrew consent to be matched',
  'participant-placed': 'They started another job',
  'participant-erased': 'Their record was erased',
};

/** A reason code in words; a code without a label is said as it is. */
export function reasonLabel(code: string): string {
  return Object.hasOwn(REASON_LABELS, code) ? REASON_LABELS[code as SubmissionReason] : code;
}
