import { z } from 'zod';
import type { Role } from './actor.js';
import { IsoDateTime } from './common.js';

/**
 * How a member of staff hears of each kind of notification. Every notification is in their Routeway
 * inbox whatever they choose; the choice is about email: at once, in one email a day, or none.
 */
export const CHANNELS = ['immediate', 'digest', 'in-app'] as const;
export const Channel = z.enum(CHANNELS);
export type Channel = z.infer<typeof Channel>;

export const CHANNEL_LABELS: Record<Channel, string> = {
  immediate: 'Email me straight away',
  digest: 'Put it in one email a day',
  'in-app': 'Do not email me: Routeway only',
};

interface KindInfo {
  /** What it is about, as a settings page lists it. */
  label: string;
  /**
   * The one sentence its email says, beside a link to Routeway. Never a name, a participant's details,
   * an employer's or a job's: an email leaves Routeway and may be read anywhere.
   */
  email: string;
  /** What someone who has not chosen gets. */
  default: Channel;
  /** Who receives this kind, so the settings page offers it only to them. */
  roles: readonly Role[];
}

/** Who receives a kind: the advisers' side, the liaison officers' side, or both (admins see everything). */
const ADVISERS: readonly Role[] = ['adviser', 'admin'];
const OFFICERS: readonly Role[] = ['liaison', 'admin'];
const STAFF: readonly Role[] = ['adviser', 'liaison', 'admin'];
const kind = (label: string, email: string, byDefault: Channel, roles: readonly Role[]): KindInfo => ({
  label,
  email,
  default: byDefault,
  roles,
});

/**
 * Every kind of notification staff receive (the notifier's `kind`), with its default. A kind not
 * listed here is treated as `other`. Add a kind here when a use case starts sending it: the settings
 * page, the defaults and the email wording come from this table.
 */
export const NOTIFICATION_KINDS = {
  'agree-or-decline': kind(
    'One of your participants is proposed for a vacancy: agree or decline',
    'One of your participants has been proposed for a vacancy and needs your answer.',
    'immediate',
    ADVISERS,
  ),
  submitted: kind('A candidate is now with the employer', 'A candidate is now with an employer.', 'digest', ADVISERS),
  declined: kind('An adviser declined a candidate you proposed', 'An adviser has answered a proposal you made.', 'immediate', OFFICERS),
  lapsed: kind('A proposal lapsed without an answer', 'A proposal lapsed without an answer.', 'digest', STAFF),
  invited: kind('A candidate is invited to interview', 'An employer wants to interview a candidate.', 'immediate', STAFF),
  rejected: kind('A candidate is not taken forward', 'An employer has answered about a candidate.', 'immediate', STAFF),
  reminder: kind(
    'An employer has not yet decided on a candidate',
    'An employer has not yet answered about a candidate.',
    'digest',
    OFFICERS,
  ),
  expired: kind('A candidate expired without a decision', 'A candidate expired without a decision from the employer.', 'digest', STAFF),
  'interview-booked': kind('An interview is booked', 'An interview has been booked for one of your participants.', 'immediate', ADVISERS),
  hired: kind('A candidate is hired', 'A candidate has been offered a job.', 'immediate', STAFF),
  'not-hired': kind('A candidate is not hired after interview', 'An employer has decided after an interview.', 'immediate', STAFF),
  withdrawn: kind('A candidate is withdrawn', 'A candidate has been withdrawn.', 'digest', STAFF),
  'guarantee-overridden': kind(
    'A guaranteed interview is lifted',
    'A guaranteed interview has been lifted for one of your participants.',
    'immediate',
    ADVISERS,
  ),
  'checkin-due': kind('An in-work check-in is due', 'An in-work check-in is due.', 'immediate', ADVISERS),
  'support-overdue': kind(
    'An in-work support contact is overdue',
    'An in-work support contact with one of your participants is overdue.',
    'immediate',
    ADVISERS,
  ),
  'permitted-work-ending': kind(
    'A participant’s permitted work ends within 4 weeks',
    'Something about one of your participants needs your attention within 4 weeks.',
    'immediate',
    ADVISERS,
  ),
  'review-due': kind(
    'One of your participants needs a review (no contact, a plan review due, readiness unchanged)',
    'One of your participants is due a review.',
    'digest',
    ADVISERS,
  ),
  'follow-up-due': kind(
    'A follow-up you promised an employer is due',
    'A follow-up you promised an employer is due.',
    'immediate',
    OFFICERS,
  ),
  'trial-scheduled': kind(
    'A work trial is arranged or changed',
    'A work trial has been arranged or changed for a candidate.',
    'immediate',
    STAFF,
  ),
  'trial-passed': kind('A work trial went well', 'An employer has recorded how a work trial went.', 'immediate', STAFF),
  'trial-failed': kind('A work trial did not go well', 'An employer has recorded how a work trial went.', 'immediate', STAFF),
  'trial-result-due': kind(
    'A work trial has ended and its result is not recorded',
    'A work trial has ended and its result is not yet recorded.',
    'digest',
    OFFICERS,
  ),
  offered: kind('A candidate is offered the job', 'An employer has offered a job to a candidate.', 'immediate', STAFF),
  'offer-reminder': kind('A job offer is not answered yet', 'A job offer is waiting for an answer.', 'immediate', STAFF),
  'offer-accepted': kind('A candidate accepts a job offer', 'A candidate has answered a job offer.', 'immediate', STAFF),
  'offer-declined': kind('A candidate declines a job offer', 'A candidate has answered a job offer.', 'immediate', STAFF),
  'decision-due': kind(
    'A work trial went well but nobody has decided since',
    'A work trial went well and a decision is waiting.',
    'immediate',
    OFFICERS,
  ),
  'hire-due': kind(
    'An accepted job offer’s start date has come and the hire is not recorded',
    'A hire is waiting to be recorded.',
    'immediate',
    STAFF,
  ),
  'callback-due': kind(
    'A callback promised on a new vacancy is due',
    'A callback you promised on a vacancy is due.',
    'immediate',
    OFFICERS,
  ),
  'vacancy-status': kind(
    'A vacancy of an employer you manage is closed, filled, withdrawn or reopened',
    'A vacancy of an employer you manage has changed.',
    'immediate',
    OFFICERS,
  ),
  // A busy district opens many vacancies a day: one email a day unless the adviser asks for each.
  'match-alert': kind(
    'A new or changed vacancy suits people on your caseload',
    'A vacancy suits people on your caseload.',
    'digest',
    ADVISERS,
  ),
  'work-handed-over': kind(
    'Participants or employer accounts are handed over to you',
    'An administrator has handed work over to you.',
    'immediate',
    STAFF,
  ),
  other: kind('Anything else', 'There is something new for you in Routeway.', 'immediate', STAFF),
} satisfies Record<string, KindInfo>;

export type NotificationKind = keyof typeof NOTIFICATION_KINDS;
export const KINDS = Object.keys(NOTIFICATION_KINDS) as NotificationKind[];

/** The preference a notification's kind falls under (`other` for one not in the table). */
export const preferenceKind = (kind: string): NotificationKind =>
  Object.hasOwn(NOTIFICATION_KINDS, kind) ? (kind as NotificationKind) : 'other';

/** The kinds someone in this role is sent, as their settings page lists them. */
export const kindsFor = (role: Role): NotificationKind[] =>
  KINDS.filter((k) => (NOTIFICATION_KINDS[k].roles as readonly Role[]).includes(role));

/** A user's choices: only the kinds they chose; the rest follow the defaults. */
export const Preferences = z.object({
  channels: z.partialRecord(z.enum(KINDS as [NotificationKind, ...NotificationKind[]]), Channel),
  updatedAt: IsoDateTime.optional(),
});
export type Preferences = z.infer<typeof Preferences>;

/** What a user chose for a kind of notification, or its default. */
export function channelOf(prefs: Preferences | undefined, kind: string): Channel {
  const k = preferenceKind(kind);
  return prefs?.channels[k] ?? NOTIFICATION_KINDS[k].default;
}

/** Changing choices: any of the kinds, each to a channel (the request is strict: an unknown kind is a 400). */
export const PreferencesChange = z
  .strictObject({ channels: z.partialRecord(z.enum(KINDS as [NotificationKind, ...NotificationKind[]]), Channel) })
  .meta({ id: 'PreferencesChange' });
