import type { Actor, Role } from './domain/actor.js';
import type { Participant } from './domain/participant.js';
import { ForbiddenError, NotFoundError } from './errors.js';

/**
 * Who may do what: the one place access rules live. Use cases call these before touching data;
 * routes never decide access themselves.
 *
 * Two layers:
 * - role gates (`requireRole`): which roles may use a capability at all (403 otherwise);
 * - record rules (`visible...`): whether this actor may reach this record. A record the actor may not
 *   reach is answered as not found (404), so its existence is not confirmed.
 */
export type Capability =
  | 'employer:write'
  | 'employer:read'
  | 'employer:engagement'
  | 'vacancy:write'
  | 'vacancy:read'
  | 'cohort:write'
  | 'cohort:read'
  | 'cohort:enrol'
  | 'participant:write'
  | 'participant:read'
  | 'participant:list'
  | 'participant:sensitive'
  | 'participant:erase'
  | 'matching:vacancy'
  | 'matching:participant'
  | 'submission:propose'
  | 'submission:agree'
  | 'submission:decide'
  | 'submission:progress'
  /** Lift a guaranteed interview so the employer may reject without one (with a reason, audited). */
  | 'submission:override'
  /** Record the participant's answer to a job offer: their own adviser, the employer, a liaison officer. */
  | 'submission:offer-response'
  | 'submission:read'
  | 'submission:list'
  | 'placement:read'
  | 'placement:checkin'
  | 'notification:read'
  | 'report:read'
  /** Reports by a fact only advisers and admins may see of a person (payment group): admins only, even as counts. */
  | 'report:restricted'
  | 'skill:read'
  | 'skill:write'
  /** Contacts, appointments, plans and reviews with a participant: their own adviser's casework (and admins'). */
  | 'casework:read'
  | 'casework:write'
  /** The staff directory: colleagues' names, roles, teams and work contact details. */
  | 'staff:read'
  /** Adding users, changing roles and teams, deactivating leavers and handing their work on. */
  | 'staff:write'
  /** A prime sharing its vacancies with its supply chain, and withdrawing them. */
  | 'supply-chain:share'
  /** Seeing one's supply chain and the vacancies primes shared with one's organisation. */
  | 'supply-chain:read'
  /** Recording and ending a prime's contracts with its subcontractors: the prime's admins. */
  | 'supply-chain:contract'
  /** Choosing how one is told of notifications (staff only: employers' users share an inbox and get no email from it). */
  | 'preferences:own'
  /** Bringing records in by the thousand from a file (bulk import): admins only. */
  | 'data:import';

const GATES: Record<Capability, readonly Role[]> = {
  'data:import': ['admin'],
  'employer:write': ['admin', 'liaison'],
  'employer:read': ['admin', 'liaison', 'employer'],
  'employer:engagement': ['admin', 'liaison'],
  'vacancy:write': ['admin', 'liaison', 'employer'],
  'vacancy:read': ['admin', 'liaison', 'employer', 'adviser'],
  'cohort:write': ['admin', 'liaison'],
  'cohort:read': ['admin', 'liaison', 'adviser'],
  'cohort:enrol': ['admin', 'liaison', 'adviser'],
  'participant:write': ['admin', 'adviser'],
  'participant:read': ['admin', 'adviser', 'liaison'],
  'participant:list': ['admin', 'adviser', 'liaison'],
  'participant:sensitive': ['admin', 'adviser'],
  'participant:erase': ['admin'],
  'matching:vacancy': ['admin', 'liaison'],
  'matching:participant': ['admin', 'adviser'],
  'submission:propose': ['admin', 'liaison'],
  'submission:agree': ['admin', 'adviser'],
  'submission:decide': ['admin', 'liaison', 'employer'],
  'submission:progress': ['admin', 'liaison', 'employer'],
  'submission:override': ['admin', 'liaison'],
  'submission:offer-response': ['admin', 'liaison', 'adviser', 'employer'],
  'submission:read': ['admin', 'liaison', 'adviser', 'employer'],
  'submission:list': ['admin', 'liaison', 'employer'],
  'placement:read': ['admin', 'liaison', 'adviser'],
  'placement:checkin': ['admin', 'liaison', 'adviser'],
  'notification:read': ['admin', 'liaison', 'adviser', 'employer'],
  'report:read': ['admin', 'liaison'],
  'report:restricted': ['admin'],
  /** Everyone who records skills (participants' or vacancies') chooses from the skills list; admins keep it. */
  'skill:read': ['admin', 'liaison', 'adviser', 'employer'],
  'skill:write': ['admin'],
  'casework:read': ['admin', 'adviser'],
  'casework:write': ['admin', 'adviser'],
  'staff:read': ['admin', 'liaison', 'adviser'],
  'staff:write': ['admin'],
  'preferences:own': ['admin', 'liaison', 'adviser'],
  'supply-chain:share': ['admin', 'liaison'],
  'supply-chain:read': ['admin', 'liaison', 'adviser'],
  'supply-chain:contract': ['admin'],
};

export function rolesFor(capability: Capability): readonly Role[] {
  return GATES[capability];
}

export function requireRole(actor: Actor, capability: Capability): void {
  if (!GATES[capability].includes(actor.role)) {
    throw new ForbiddenError(`Your role (${actor.role}) may not ${describe(capability)}`);
  }
}

function describe(c: Capability): string {
  const [what, action] = c.split(':');
  return `${action === 'read' ? 'read' : action === 'write' ? 'change' : action} ${what} records`;
}

/** Employer users reach only their own employer's records. */
export function visibleEmployer(actor: Actor, employerId: string): boolean {
  return actor.role !== 'employer' || actor.employerId === employerId;
}

export function assertEmployerVisible(actor: Actor, employerId: string, what = 'employer', id = employerId): void {
  if (!visibleEmployer(actor, employerId)) throw new NotFoundError(what, id);
}

/** An adviser's own caseload; admins all; liaison officers the non-sensitive profile of anyone. */
export function ownsParticipant(actor: Actor, p: Pick<Participant, 'adviserId'>): boolean {
  return actor.role === 'admin' || (actor.role === 'adviser' && p.adviserId === actor.sub);
}

export function assertParticipantReadable(actor: Actor, p: Participant): void {
  if (actor.role === 'liaison') return;
  if (!ownsParticipant(actor, p)) throw new NotFoundError('participant', p.id);
}

export function assertParticipantWritable(actor: Actor, p: Participant): void {
  if (!ownsParticipant(actor, p)) throw new NotFoundError('participant', p.id);
}

/**
 * The consent record as this actor may see it. The disclosure texts are the participant's own words,
 * written for employers: anyone but the participant's own adviser and admins sees one only when the
 * participant chose to share it (docs/privacy.md, "Disclosures").
 */
export function consentVisibleTo(actor: Actor, p: Pick<Participant, 'adviserId' | 'consent'>): Participant['consent'] {
  if (ownsParticipant(actor, p)) return p.consent;
  const share = new Set(p.consent.shareWithEmployers);
  const { healthDisclosureText, convictionDisclosureText, ...rest } = p.consent;
  return {
    ...rest,
    ...(healthDisclosureText !== undefined && share.has('healthDisclosure') ? { healthDisclosureText } : {}),
    ...(convictionDisclosureText !== undefined && share.has('convictionDisclosure') ? { convictionDisclosureText } : {}),
  };
}

/**
 * Free-text notes on a participant's enrolment: for those who run cohorts (liaison officers, admins)
 * and the participant's own adviser; another adviser sees that someone is enrolled, not what was noted.
 */
export function mayReadEnrolmentNotes(actor: Actor, p: Pick<Participant, 'adviserId'> | undefined): boolean {
  return actor.role === 'liaison' || actor.role === 'admin' || (p !== undefined && ownsParticipant(actor, p));
}
