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

/**
 * Every kind of notification staff receive (the notifier's `kind`), with its default. A kind not
 * listed here is treated as `other`. Add a kind here when a use case starts sending it: the settings
 * page, the defaults and the email wording come from this table.
 */
export const NOTIFICATION_KINDS = {
  'agree-or-decline': {
    label: 'One of your participants is proposed for a vacancy: agree or decline',
    email: 'One of your participants has been proposed for a vacancy and needs your answer.',
    default: 'immediate',
    roles: ['adviser', 'admin'],
  },
  submitted: {
    label: 'A candidate is now with the employer',
    email: 'A candidate is now with an employer.',
    default: 'digest',
    roles: ['adviser', 'admin'],
  },
  declined: {
    label: 'An adviser declined a candidate you proposed',
    email: 'An adviser has answered a proposal you made.',
    default: 'immediate',
    roles: ['liaison', 'admin'],
  },
  lapsed: {
    label: 'A proposal lapsed without an answer',
    email: 'A proposal lapsed without an answer.',
    default: 'digest',
    roles: ['adviser', 'liaison', 'admin'],
  },
  invited: {
    label: 'A candidate is invited to interview',
    email: 'An employer wants to interview a candidate.',
    default: 'immediate',
    roles: ['adviser', 'liaison', 'admin'],
  },
  rejected: {
    label: 'A candidate is not taken forward',
    email: 'An employer has answered about a candidate.',
    default: 'immediate',
    roles: ['adviser', 'liaison', 'admin'],
  },
  reminder: {
    label: 'An employer has not yet decided on a candidate',
    email: 'An employer has not yet answered about a candidate.',
    default: 'digest',
    roles: ['liaison', 'admin'],
  },
  expired: {
    label: 'A candidate expired without a decision',
    email: 'A candidate expired without a decision from the employer.',
    default: 'digest',
    roles: ['adviser', 'liaison', 'admin'],
  },
  'interview-booked': {
    label: 'An interview is booked',
    email: 'An interview has been booked for one of your participants.',
    default: 'immediate',
    roles: ['adviser', 'admin'],
  },
  hired: {
    label: 'A candidate is hired',
    email: 'A candidate has been offered a job.',
    default: 'immediate',
    roles: ['adviser', 'liaison', 'admin'],
  },
  'not-hired': {
    label: 'A candidate is not hired after interview',
    email: 'An employer has decided after an interview.',
    default: 'immediate',
    roles: ['adviser', 'liaison', 'admin'],
  },
  withdrawn: {
    label: 'A candidate is withdrawn',
    email: 'A candidate has been withdrawn.',
    default: 'digest',
    roles: ['adviser', 'liaison', 'admin'],
  },
  'guarantee-overridden': {
    label: 'A guaranteed interview is lifted',
    email: 'A guaranteed interview has been lifted for one of your participants.',
    default: 'immediate',
    roles: ['adviser', 'admin'],
  },
  'checkin-due': {
    label: 'An in-work check-in is due',
    email: 'An in-work check-in is due.',
    default: 'immediate',
    roles: ['adviser', 'admin'],
  },
  'permitted-work-ending': {
    label: 'A participant’s permitted work ends within 4 weeks',
    email: 'Something about one of your participants needs your attention within 4 weeks.',
    default: 'immediate',
    roles: ['adviser', 'admin'],
  },
  'follow-up-due': {
    label: 'A follow-up you promised an employer is due',
    email: 'A follow-up you promised an employer is due.',
    default: 'immediate',
    roles: ['liaison', 'admin'],
  },
  'trial-scheduled': {
    label: 'A work trial is arranged or changed',
    email: 'A work trial has been arranged or changed for a candidate.',
    default: 'immediate',
    roles: ['adviser', 'liaison', 'admin'],
  },
  'trial-passed': {
    label: 'A work trial went well',
    email: 'An employer has recorded how a work trial went.',
    default: 'immediate',
    roles: ['adviser', 'liaison', 'admin'],
  },
  'trial-failed': {
    label: 'A work trial did not go well',
    email: 'An employer has recorded how a work trial went.',
    default: 'immediate',
    roles: ['adviser', 'liaison', 'admin'],
  },
  'trial-result-due': {
    label: 'A work trial has ended and its result is not recorded',
    email: 'A work trial has ended and its result is not yet recorded.',
    default: 'digest',
    roles: ['liaison', 'admin'],
  },
  offered: {
    label: 'A candidate is offered the job',
    email: 'An employer has offered a job to a candidate.',
    default: 'immediate',
    roles: ['adviser', 'liaison', 'admin'],
  },
  'offer-reminder': {
    label: 'A job offer is not answered yet',
    email: 'A job offer is waiting for an answer.',
    default: 'immediate',
    roles: ['adviser', 'liaison', 'admin'],
  },
  'offer-accepted': {
    label: 'A candidate accepts a job offer',
    email: 'A candidate has answered a job offer.',
    default: 'immediate',
    roles: ['adviser', 'liaison', 'admin'],
  },
  'offer-declined': {
    label: 'A candidate declines a job offer',
    email: 'A candidate has answered a job offer.',
    default: 'immediate',
    roles: ['adviser', 'liaison', 'admin'],
  },
  'callback-due': {
    label: 'A callback promised on a new vacancy is due',
    email: 'A callback you promised on a vacancy is due.',
    default: 'immediate',
    roles: ['liaison', 'admin'],
  },
  'work-handed-over': {
    label: 'Participants or employer accounts are handed over to you',
    email: 'An administrator has handed work over to you.',
    default: 'immediate',
    roles: ['adviser', 'liaison', 'admin'],
  },
  other: {
    label: 'Anything else',
    email: 'There is something new for you in Routeway.',
    default: 'immediate',
    roles: ['adviser', 'liaison', 'admin'],
  },
} as const satisfies Record<string, KindInfo>;

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
