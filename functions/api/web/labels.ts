import type { Role } from '../../../shared/domain/actor.js';
import type { AuditAction } from '../../../shared/domain/audit.js';
import type { COHORT_KINDS, COHORT_MODULES, Enrolment } from '../../../shared/domain/cohort.js';
import type {
  CONTACT_ROLES,
  DISABILITY_CONFIDENT,
  Employer,
  INTERACTION_KINDS,
  INTERACTION_OUTCOMES,
  SIZE_BANDS,
} from '../../../shared/domain/employer.js';
import type { FunnelCounts } from '../../../shared/domain/funnel.js';
import type { Participant, SHAREABLE_FIELDS } from '../../../shared/domain/participant.js';
import type {
  NOT_HIRED_REASONS,
  OFFER_DECLINE_CHOICES as OFFER_DECLINE_CODES,
  REJECTION_REASONS,
  SubmissionState,
  TRIAL_FAIL_REASONS,
} from '../../../shared/domain/submission.js';
import type { BACKGROUND_CHECKS, Vacancy } from '../../../shared/domain/vacancy.js';
import type { ExclusionReason, Factor } from '../../../shared/matching/types.js';
import type { MilestoneKind } from '../../../shared/domain/programmes.js';
import type { CheckinState } from '../../../shared/use-cases/placements.js';

/* ------------------------------------------------------------------------------------------------
 * How the pages say the domain's states and reasons, keyed by its enums: `[text, tag colour]` where a
 * value is shown as a tag, plain text otherwise. Why a submission ended is shared with the
 * notifications (shared/domain/labels.ts).
 * ---------------------------------------------------------------------------------------------- */

export { REASON_LABELS, reasonLabel } from '../../../shared/domain/labels.js';

/** A label for a value that may not be one of the table's keys (a group name from stored counts): the value itself then. */
export function labelOr<K extends string>(labels: Record<K, string>, value: string): string {
  return Object.hasOwn(labels, value) ? labels[value as K] : value;
}

/* Participants ----------------------------------------------------------------------------------- */

export const READINESS_LABELS: Record<Participant['readiness'], [text: string, colour: string, hint: string]> = {
  green: ['Green', 'green', 'Job-ready: can be matched to vacancies and put forward'],
  amber: ['Amber', 'yellow', 'Nearly job-ready'],
  red: ['Red', 'red', 'Not job-ready yet'],
};

export const PARTICIPANT_STATUS_LABELS: Record<Participant['status'], [text: string, colour: string]> = {
  active: ['Active', 'blue'],
  placed: ['In work', 'green'],
  exited: ['Left the programme', 'grey'],
};

/** What each shareable field means, in plain words. */
export const SHARE_LABELS: Record<(typeof SHAREABLE_FIELDS)[number], string> = {
  firstName: 'Their first name',
  skills: 'Their skills',
  workHistory: 'Their work history',
  certifications: 'Their certificates and licences',
  availability: 'When they are available (hours and shifts)',
  drivingLicence: 'Whether they have a driving licence',
  healthDisclosure: 'Their health disclosure, in their own words',
  convictionDisclosure: 'Their conviction disclosure, in their own words',
  programmeParticipation: 'That they are on an employment programme',
};

export const CHECKIN_STATE_LABELS: Record<CheckinState, [text: string, colour: string]> = {
  recorded: ['Recorded', 'green'],
  ended: ['Ended: they left the job', 'grey'],
  overdue: ['Overdue', 'red'],
  due: ['Due today', 'orange'],
  upcoming: ['Not due yet', 'grey'],
};

/** A milestone as a page names it: its weeks, and what it is for the programme. */
export const milestoneLabel = (x: { milestone: number; kind?: MilestoneKind | undefined }): string =>
  `${x.milestone} weeks${x.kind === 'job-outcome' ? ' (job outcome)' : x.kind === 'sustainment' ? ' (sustainment)' : ''}`;

export { EVIDENCE_LABELS } from '../../../shared/domain/programmes.js';

/* Casework --------------------------------------------------------------------------------------- */

/** A contact's channel: as an option, and as a sentence says it ("by phone"). */
export { CHANNEL_LABELS } from '../../../shared/domain/casework.js';

/** Why someone needs a review, as the caseload (and the reminder) says it. */
export { REVIEW_REASONS, reviewReasonLabel } from '../../../shared/domain/casework.js';
export { reviewRulesOf } from '../../../shared/domain/programmes.js';

/* Submissions ------------------------------------------------------------------------------------ */

/** Where a submission is, as the participant's adviser sees it. */
export const ADVISER_STATE_LABELS: Record<SubmissionState, [text: string, colour: string]> = {
  proposed: ['Waiting for their answer', 'yellow'],
  submitted: ['With the employer', 'blue'],
  declined: ['They declined', 'grey'],
  lapsed: ['Lapsed: no answer in time', 'grey'],
  interview: ['Interview', 'purple'],
  rejected: ['Not taken forward', 'red'],
  expired: ['No answer from the employer', 'orange'],
  trial: ['Work trial', 'purple'],
  'trial-passed': ['Work trial went well', 'turquoise'],
  'trial-failed': ['Work trial did not work out', 'red'],
  offered: ['Offered the job: waiting for their answer', 'yellow'],
  'offer-accepted': ['Accepted the offer', 'turquoise'],
  'offer-declined': ['Turned the offer down', 'grey'],
  hired: ['Hired', 'green'],
  'not-hired': ['Not hired', 'red'],
  withdrawn: ['Withdrawn', 'grey'],
};

/** Where a submission is, as liaison officers and employers see it on the vacancy. */
export const VACANCY_STATE_LABELS: Record<SubmissionState, [text: string, colour: string]> = {
  proposed: ['Waiting for the adviser', 'grey'],
  submitted: ['Awaiting decision', 'blue'],
  declined: ['Declined', 'grey'],
  lapsed: ['Lapsed', 'grey'],
  interview: ['Interview', 'purple'],
  rejected: ['Not taken forward', 'red'],
  expired: ['Expired', 'orange'],
  trial: ['Work trial', 'purple'],
  'trial-passed': ['Trial passed', 'turquoise'],
  'trial-failed': ['Trial not passed', 'red'],
  offered: ['Offer made', 'yellow'],
  'offer-accepted': ['Offer accepted', 'turquoise'],
  'offer-declined': ['Offer declined', 'grey'],
  hired: ['Hired', 'green'],
  'not-hired': ['Not hired', 'red'],
  withdrawn: ['Withdrawn', 'grey'],
};

/** The reasons an employer chooses from for not taking a candidate forward (and the vacancy page repeats). */
export const REJECTION_CHOICES: Record<(typeof REJECTION_REASONS)[number], string> = {
  skills: 'Does not have the skills needed',
  experience: 'Not enough experience',
  availability: 'Availability does not fit the job',
  location: 'Location or travel does not work',
  'position-filled': 'The position has been filled',
  other: 'Another reason (say why in the note)',
};

/** The employer's two answers to a candidate, and why rejecting is not offered when a guaranteed interview binds. */
export const DECISION_CHOICES = {
  interview: 'Invite to interview',
  reject: 'Do not take forward',
  rejectBarred: 'Not available: this candidate is guaranteed an interview (see above)',
} as const;

/** Lifting a guaranteed interview (liaison officers and admins), as the candidate's page offers it. */
export const GUARANTEE_OVERRIDE_TEXT = {
  heading: 'Lift the guaranteed interview',
  hint: 'Only when the employer cannot interview this candidate. The reason is kept in the submission’s history and their adviser sees it; the employer is told only that they may now decide either way.',
  label: 'Why the guarantee is lifted',
  button: 'Lift the guarantee',
} as const;

/** The reasons an employer chooses from when a candidate is not hired. */
export const NOT_HIRED_CHOICES: Record<(typeof NOT_HIRED_REASONS)[number], string> = {
  'interview-performance': 'The interview did not go well enough',
  'did-not-attend': 'Did not attend the interview',
  'offer-declined': 'Turned the offer down',
  'offer-withdrawn': 'We withdrew the offer',
  'did-not-start': 'Accepted the offer but did not start',
  'position-filled': 'The position has been filled',
  other: 'Another reason (say why in the note)',
};

/** How a work trial went, and the reasons when it did not work out. */
export const TRIAL_RESULT_CHOICES = { passed: 'It went well', failed: 'It did not work out' } as const;
export const TRIAL_FAIL_CHOICES: Record<(typeof TRIAL_FAIL_REASONS)[number], string> = {
  skills: 'They did not have the skills the work needs',
  attendance: 'Attendance or timekeeping',
  'not-suited': 'The work did not suit them',
  'left-trial': 'They left the trial early',
  'position-filled': 'The position has been filled',
  other: 'Another reason (say why in the note)',
};

/** The participant's answer to a job offer, and the reasons they may give for turning it down. */
export const OFFER_ANSWER_CHOICES = { accepted: 'Yes, they accept the offer', declined: 'No, they turn it down' } as const;
export const OFFER_DECLINE_CHOICES: Record<(typeof OFFER_DECLINE_CODES)[number], string> = {
  hours: 'The hours do not suit them',
  pay: 'The pay',
  travel: 'The journey to work',
  contract: 'The kind of contract',
  'another-job': 'They have taken another job',
  'own-circumstances': 'Their own circumstances',
  other: 'Another reason (say why in the note)',
};

/* Matching --------------------------------------------------------------------------------------- */

export const FACTOR_LABELS: Record<Factor, string> = {
  'essential-skills': 'Must-have skills',
  'desirable-skills': 'Nice-to-have skills',
  preference: 'Job preference',
  'work-history': 'Work history',
  distance: 'Distance',
  'hours-fit': 'Hours',
  adjustments: 'Adjustments',
  'pet-completion': 'Pre-employment training',
  'waiting-time': 'Time waiting',
  'long-term-unemployed': 'Long-term unemployed',
  'already-put-forward': 'Already put forward',
};

/** Why people were left out of a vacancy's suggestions: "3 people …". */
export const EXCLUDED_PEOPLE_LABELS: Record<ExclusionReason, string> = {
  'no-matching-consent': 'have not consented to be matched',
  'not-active': 'are not active on the programme',
  'not-job-ready': 'are not job-ready',
  'already-submitted': 'have already been put forward for this vacancy',
  'no-right-to-work': 'have no right to work recorded',
  'no-driving-licence': 'do not have the driving licence the job needs',
  'missing-certification': 'do not hold a required certificate',
  'missing-essential-skills': 'lack the must-have skills',
  hours: 'cannot work these hours',
  shifts: 'cannot work these shifts',
  'work-demands': 'cannot meet the demands of the work',
  'too-far': 'live too far away',
  'employer-conditions': "do not meet the employer's conditions",
};

/** Why vacancies were left out of a participant's suggestions: "2 vacancies because …". */
export const EXCLUDED_VACANCIES_LABELS: Record<ExclusionReason, string> = {
  'no-matching-consent': 'they have not agreed to be matched',
  'not-active': 'they are not active on the programme',
  'not-job-ready': 'their readiness is not green',
  'already-submitted': 'they have already been put forward for it',
  'no-right-to-work': 'no right to work is recorded',
  'no-driving-licence': 'the job needs a driving licence',
  'missing-certification': 'the job needs a certificate they do not hold',
  'missing-essential-skills': 'they lack its must-have skills',
  hours: 'the hours do not fit',
  shifts: 'the shifts do not fit',
  'work-demands': 'the work includes something they cannot do',
  'too-far': 'it is too far from home',
  'employer-conditions': "they do not meet the employer's conditions on convictions (see below)",
};

/* Vacancies -------------------------------------------------------------------------------------- */

export const VACANCY_STATUS_TAG: Record<Vacancy['status'], string> = {
  draft: 'grey',
  open: 'green',
  filled: 'blue',
  closed: 'orange',
  withdrawn: 'red',
};

/** The background checks as the vacancy form offers them. */
export const BACKGROUND_CHECK_CHOICES: Record<(typeof BACKGROUND_CHECKS)[number], string> = {
  none: 'None',
  'basic-dbs': 'Basic DBS',
  'standard-dbs': 'Standard DBS',
  'enhanced-dbs': 'Enhanced DBS',
  bs7858: 'BS 7858 security screening',
};

/* Employers and cohorts -------------------------------------------------------------------------- */

export const STAGE_TAG: Record<Employer['stage'], string> = {
  prospect: 'grey',
  contacted: 'light-blue',
  engaged: 'blue',
  active: 'green',
  lapsed: 'orange',
};

/** Each engagement stage, and what it means for the officer choosing it. */
export const STAGE_LABELS: Record<Employer['stage'], [text: string, hint: string]> = {
  prospect: ['Prospect', 'Not contacted yet'],
  contacted: ['Contacted', 'In touch, nothing agreed yet'],
  engaged: ['Engaged', 'Talking about vacancies, training or a pledge'],
  active: ['Active', 'Taking people on through the programme'],
  lapsed: ['Lapsed', 'Was active, no contact for a while'],
};

export const SIZE_LABELS: Record<(typeof SIZE_BANDS)[number], string> = {
  micro: 'Micro: fewer than 10 staff',
  small: 'Small: 10 to 49 staff',
  medium: 'Medium: 50 to 249 staff',
  large: 'Large: 250 staff or more',
};

export const DISABILITY_CONFIDENT_LABELS: Record<(typeof DISABILITY_CONFIDENT)[number], string> = {
  none: 'Not signed up',
  committed: 'Disability Confident committed (level 1)',
  employer: 'Disability Confident employer (level 2)',
  leader: 'Disability Confident leader (level 3)',
};

/** Each role as the staff pages name it. */
export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Administrator',
  liaison: 'Employer liaison officer',
  adviser: 'Adviser',
  employer: 'Employer user',
};

export const CONTACT_ROLE_LABELS: Record<(typeof CONTACT_ROLES)[number], string> = {
  'hiring-manager': 'Hiring manager',
  hr: 'HR',
  owner: 'Owner',
  'site-manager': 'Site manager',
  other: 'Other',
};

export const INTERACTION_KIND_LABELS: Record<(typeof INTERACTION_KINDS)[number], string> = {
  call: 'Phone call',
  visit: 'Visit',
  email: 'Email',
  meeting: 'Meeting',
  event: 'Event',
};

export const INTERACTION_OUTCOME_LABELS: Record<(typeof INTERACTION_OUTCOMES)[number], string> = {
  positive: 'Positive',
  neutral: 'Neutral',
  negative: 'Negative',
  'no-answer': 'No answer',
  'vacancy-taken': 'Vacancy taken',
  'pledge-made': 'Pledge made',
  'follow-up-needed': 'Follow-up needed',
};

export const ENROLMENT_TAG: Record<Enrolment['status'], string> = { enrolled: 'blue', completed: 'green', withdrawn: 'grey' };

/* Reports ---------------------------------------------------------------------------------------- */

/** The stages of the funnel, in order, as the chart and its table show them. */
export const FUNNEL_STAGES = [
  ['employersEngaged', 'Employers engaged'],
  ['vacanciesOpened', 'Vacancies opened'],
  ['proposed', 'Put forward'],
  ['submitted', 'Submitted to employers'],
  ['interviews', 'Interviews'],
  ['hires', 'Hires'],
  ['sustained13', 'In work at 13 weeks'],
  ['sustained26', 'In work at 26 weeks'],
] as const satisfies readonly (readonly [keyof FunnelCounts, string])[];

/** Work Programme payment groups as the programme names them (DWP, Table 1.1); `none`: not recorded. */
export const PAYMENT_GROUP_LABELS: Record<string, string> = {
  'jsa-18-24': 'JSA claimants aged 18 to 24',
  'jsa-25-plus': 'JSA claimants aged 25 and over',
  'jsa-early-access': 'JSA early access',
  'jsa-ex-ib': 'JSA ex-incapacity benefit',
  'esa-volunteer': 'ESA volunteers',
  'new-esa-claimant': 'New ESA claimants',
  'esa-ex-ib': 'ESA ex-incapacity benefit',
  'ib-is-volunteer': 'IB and IS volunteers',
  'uc-intensive': 'Universal Credit, intensive support',
  none: 'Not recorded',
};

/** Who referred a participant, as the agencies call themselves (Joint Pilots Table C.3); `none`: not recorded. */
export const REFERRAL_SOURCE_LABELS: Record<string, string> = {
  'jobcentre-plus': 'Jobcentre Plus',
  'prison-service': 'Prison service',
  'probation-service': 'Probation service',
  olass: 'Offender Learning and Skills Service (OLASS)',
  progress2work: 'progress2work',
  'self-referral': 'They came to us themselves',
  other: 'Another organisation',
  none: 'Not recorded',
};

/** The fairness split's groups: long-term unemployed or not, and readiness when it happened. */
export const LONG_TERM_GROUP_LABELS: Record<'yes' | 'no', string> = {
  yes: 'Long-term unemployed (12 months or more)',
  no: 'Out of work under 12 months',
};
export const READINESS_GROUP_LABELS: Record<Participant['readiness'], string> = {
  green: 'Green (job-ready)',
  amber: 'Amber (nearly ready)',
  red: 'Red (not ready yet)',
};

/* Cohorts: setting one up, and its enrolments ------------------------------------------------------ */

export const COHORT_KIND_LABELS: Record<(typeof COHORT_KINDS)[number], [text: string, hint: string]> = {
  sector: ['Sector-based', 'Open to anyone heading for work in the sector'],
  bespoke: ['Bespoke, for one employer', 'Designed with an employer for their own vacancies'],
};

export const COHORT_MODULE_LABELS: Record<(typeof COHORT_MODULES)[number], string> = {
  'sector-skills': 'Sector skills',
  induction: 'Induction',
  'manual-handling': 'Manual handling',
  'health-and-safety': 'Health and safety',
  'food-hygiene': 'Food hygiene',
  'first-aid': 'First aid',
  'customer-service': 'Customer service',
  'sia-licence': 'SIA licence',
  'cscs-card': 'CSCS card',
  forklift: 'Forklift',
  employability: 'Employability',
  'work-placement': 'Work placement',
};

/** Marking an enrolment: the two ways a place ends. */
export const ENROLMENT_CHANGE_LABELS: Record<'completed' | 'withdrawn', string> = {
  completed: 'Completed the course',
  withdrawn: 'Withdrew from the course',
};

/* Administration ---------------------------------------------------------------------------------- */

export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  'sensitive.read': 'Read their sensitive information',
  'sensitive.write': 'Changed their sensitive information',
  'consent.change': 'Recorded their consent choices',
  'caseload.transfer': 'Moved them to another caseload',
  'participant.export': 'Exported everything held about them',
  'participant.erasure': 'Erased their personal data (on request)',
  'retention.erasure': 'Erased their personal data (retention period over)',
  'casework.read': 'Read their contacts and appointments',
  'casework.write': 'Recorded casework (a contact or an appointment)',
};

/** What an erasure takes away and what it keeps (docs/privacy.md, "Subject rights"). */
export const ERASURE_TEXT = {
  erased: [
    'their profile: name, contact details, home, skills, work history and preferences',
    'their sensitive information (health, convictions, circumstances, adjustments and work limits)',
    'their readiness history and their place in matching',
    'the copies of their details employers were shown, and the notes on their submissions (a decline’s reason too)',
    'the notes on their check-ins in work',
    'the notes on their cohort enrolments',
    'the text of notifications about them',
    'their contacts and appointments with their adviser, with the notes on them',
  ],
  kept: [
    'anonymous counts: submissions, hires, placements and cohort places stay in the figures, with no name or notes',
    'the audit trail of who read or changed their record, with a record of this erasure',
  ],
} as const;

/** What an admin can do to one participant, as the pages that find them offer it. */
export const ADMIN_TASK_LABELS = {
  transfer: 'Transfer to another adviser',
  erase: 'Erase their personal data',
  export: 'Export everything held about them',
  audit: 'See their audit trail',
} as const;
