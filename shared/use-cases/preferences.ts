import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Actor } from '../domain/actor.js';
import {
  channelOf,
  kindsFor,
  NOTIFICATION_KINDS,
  preferenceKind,
  type Channel,
  type NotificationKind,
  type Preferences,
} from '../domain/preferences.js';
import { requireRole } from '../policy.js';
import { addDays } from '../domain/dates.js';
import type { OutboxEvent } from '../domain/events.js';
import type { Deps } from './deps.js';

/*
 * How each member of staff hears of each kind of notification: an email straight away, a daily email,
 * or Routeway only (docs/pipeline.md, "Email to staff"). The notifier asks `channelFor` for every staff
 * notification it writes; a new kind of notification is added to NOTIFICATION_KINDS
 * (shared/domain/preferences.ts) and follows these choices with nothing else to do.
 */

export interface PreferenceRow {
  kind: NotificationKind;
  label: string;
  channel: Channel;
  /** What it would be without a choice. */
  default: Channel;
  chosen: boolean;
}

/** The caller's choice for each kind they receive. */
export async function getPreferences(deps: Deps, actor: Actor): Promise<{ kinds: PreferenceRow[] }> {
  requireRole(actor, 'preferences:own');
  return view(actor, await deps.repos.staff.getPreferences(actor.orgId, actor.sub));
}

function view(actor: Actor, prefs: Preferences | undefined): { kinds: PreferenceRow[] } {
  return {
    kinds: kindsFor(actor.role).map((kind) => ({
      kind,
      label: NOTIFICATION_KINDS[kind].label,
      channel: channelOf(prefs, kind),
      default: NOTIFICATION_KINDS[kind].default,
      chosen: prefs?.channels[kind] !== undefined,
    })),
  };
}

/** Changes the kinds given (the rest stay as they were). */
export async function setPreferences(
  deps: Deps,
  actor: Actor,
  change: { channels: Partial<Record<NotificationKind, Channel>> },
): Promise<{ kinds: PreferenceRow[] }> {
  requireRole(actor, 'preferences:own');
  const next = await choose(deps, actor.orgId, actor.sub, change.channels);
  return view(actor, next);
}

async function choose(deps: Deps, orgId: string, userId: string, channels: Partial<Record<NotificationKind, Channel>>) {
  const current = await deps.repos.staff.getPreferences(orgId, userId);
  const next: Preferences = { channels: { ...(current?.channels ?? {}), ...channels }, updatedAt: deps.clock.now().toISOString() };
  await deps.repos.staff.putPreferences(orgId, userId, next);
  return next;
}

/** How this user wants to hear of a notification of this kind (their choice, else the kind's default). */
/**
 * A notification's place in its recipient's next daily email (the day after the event). A match alert's
 * title is listed there ("3 of your caseload suit Picker at …": a job and an employer, never a person);
 * every other kind is only counted.
 */
export function digestEntry(e: Pick<OutboxEvent, 'at'>, kind: string, title: string): { dueOn: string; headline?: string } {
  return { dueOn: addDays(e.at.slice(0, 10), 1), ...(preferenceKind(kind) === 'match-alert' ? { headline: title } : {}) };
}

export async function channelFor(deps: Pick<Deps, 'repos'>, orgId: string, userId: string, kind: string): Promise<Channel> {
  return channelOf(await deps.repos.staff.getPreferences(orgId, userId), kind);
}

// ---------------------------------------------------------------------------------------------------------
// Unsubscribe links: a signed token naming the user and the kind, good without signing in (RFC 8058).

const KEY = 'unsubscribe';
const SEP = '~';

const mac = (key: Buffer, payload: string) => createHmac('sha256', key).update(payload).digest('base64url');

/** The token an email's unsubscribe link carries: stop emails of this kind (`all`: of every kind) to this user. */
export async function unsubscribeToken(
  deps: Pick<Deps, 'repos'>,
  orgId: string,
  userId: string,
  kind: NotificationKind | 'all',
): Promise<string> {
  const payload = Buffer.from([orgId, userId, kind].join(SEP)).toString('base64url');
  return `${payload}.${mac(await deps.repos.secrets.signingKey(KEY), payload)}`;
}

export interface UnsubscribeRequest {
  orgId: string;
  userId: string;
  kind: NotificationKind | 'all';
  /** What they will stop getting by email, in words. */
  what: string;
}

/** What a token asks for, or undefined for one Routeway did not sign (or that was altered). */
export async function readUnsubscribe(deps: Pick<Deps, 'repos'>, token: string): Promise<UnsubscribeRequest | undefined> {
  if (token.length > 600 || !/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
  const [payload, sig] = token.split('.') as [string, string];
  const want = Buffer.from(mac(await deps.repos.secrets.signingKey(KEY), payload));
  const got = Buffer.from(sig);
  if (got.length !== want.length || !timingSafeEqual(got, want)) return undefined;
  const [orgId, userId, kind, ...rest] = Buffer.from(payload, 'base64url').toString('utf8').split(SEP);
  if (!orgId || !userId || !kind || rest.length) return undefined;
  if (kind === 'all') return { orgId, userId, kind, what: 'every kind of notification' };
  const k = preferenceKind(kind);
  return k === kind ? { orgId, userId, kind: k, what: NOTIFICATION_KINDS[k].label.toLowerCase() } : undefined;
}

/** Stops the emails a token names (the notifications stay in Routeway); undefined when the token is not good. */
export async function unsubscribe(deps: Deps, token: string): Promise<UnsubscribeRequest | undefined> {
  const req = await readUnsubscribe(deps, token);
  if (!req) return undefined;
  const kinds = req.kind === 'all' ? (Object.keys(NOTIFICATION_KINDS) as NotificationKind[]) : [req.kind];
  await choose(deps, req.orgId, req.userId, Object.fromEntries(kinds.map((k) => [k, 'in-app' as const])));
  return req;
}
