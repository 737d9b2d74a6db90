import type { Actor } from '../domain/actor.js';
import { Id, UserId } from '../domain/common.js';
import type { Participant } from '../domain/participant.js';
import { ValidationError } from '../errors.js';
import { ownsParticipant, requireRole } from '../policy.js';
import { allPages, type Deps } from './deps.js';

/** What a search shows of each person found: enough to choose the right one, nothing private. */
export interface ParticipantFound {
  id: string;
  firstName: string;
  lastName: string;
  adviserId: string;
  status: Participant['status'];
  readiness: Participant['readiness'];
}

export interface ParticipantSearch {
  /** A participant reference (their id), or words of their name. */
  text: string;
  /** Whose caseload a name is looked for in (advisers: always their own). */
  adviserId?: string;
  limit?: number;
}

const MAX_TEXT = 200;
const DEFAULT_LIMIT = 20;

/** Lower case, accents dropped, anything but letters and digits a space: "Siân O'Neil" → ["sian", "o", "neil"]. */
const words = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

const found = (p: Participant): ParticipantFound => ({
  id: p.id,
  firstName: p.firstName,
  lastName: p.lastName,
  adviserId: p.adviserId,
  status: p.status,
  readiness: p.readiness,
});

const refused = (path: string, message: string) => new ValidationError('Check the search', { errors: [{ path, message }] });

/**
 * Finds people to act on (enrol, transfer, export, erase) without listing everyone: by participant
 * reference anywhere the caller may see (liaison officers and admins anyone, advisers their own
 * caseload), or by name within one caseload (an adviser's own; staff name the adviser). A name matches
 * when every word typed starts a word of the name, accents and case aside; a search of only symbols finds
 * nobody. Someone the caller may not see is simply not found.
 */
export async function findParticipants(deps: Deps, actor: Actor, q: ParticipantSearch) {
  requireRole(actor, 'participant:list');
  const text = q.text.trim();
  const limit = Math.min(Math.max(q.limit ?? DEFAULT_LIMIT, 1), 100);
  if (!text) throw refused('participant', 'enter a name or a participant reference');
  if (text.length > MAX_TEXT) throw refused('participant', `at most ${MAX_TEXT} characters`);

  const reference = Id.safeParse(text.toUpperCase());
  if (reference.success) {
    const p = await deps.repos.participants.get(actor.orgId, reference.data);
    const visible = p && (actor.role === 'liaison' || ownsParticipant(actor, p));
    return { by: 'reference' as const, items: visible ? [found(p)] : [], more: false };
  }

  const given = q.adviserId?.trim();
  const adviserId = actor.role === 'adviser' ? actor.sub : given;
  if (!adviserId) {
    throw refused('adviserId', 'enter the adviser’s user id to look for a name on their caseload, or search by participant reference');
  }
  if (!UserId.safeParse(adviserId).success) throw refused('adviserId', 'must be a user id, such as u-adviser-1');
  const wanted = words(text);
  if (!wanted.length) return { by: 'name' as const, adviserId, items: [], more: false };
  const caseload = await allPages((page) => deps.repos.participants.listByAdviser(actor.orgId, adviserId, page));
  const matches = caseload
    .filter((p) => {
      const have = words(`${p.firstName} ${p.lastName}`);
      return wanted.every((w) => have.some((h) => h.startsWith(w)));
    })
    .sort((a, b) => `${a.lastName} ${a.firstName}`.localeCompare(`${b.lastName} ${b.firstName}`, 'en-GB'));
  return { by: 'name' as const, adviserId, items: matches.slice(0, limit).map(found), more: matches.length > limit };
}
