import type { Actor, Role } from '../domain/actor.js';
import type { OutboxEvent } from '../domain/events.js';
import {
  matchesSearch,
  staffOrder,
  type Deactivation,
  type Handover,
  type NewStaffMember,
  type SessionAccess,
  type StaffAuditEntry,
  type StaffChange,
  type StaffMember,
} from '../domain/staff.js';
import { BusinessRuleError, NotFoundError, ValidationError } from '../errors.js';
import type { PageRequest } from '../ports/repositories.js';
import { requireRole } from '../policy.js';
import { allPages, type Deps } from './deps.js';
import { updateEmployer } from './employers.js';
import { event } from './events.js';
import { transferCaseload } from './subject-rights.js';

/** Staff roles: the people who work in the organisation, as opposed to employers' users. */
const STAFF_ROLES: readonly Role[] = ['admin', 'liaison', 'adviser'];

/**
 * What a caller sees of a member of staff. Everyone who works here sees colleagues' names, roles, teams
 * and work contact details (to know who to talk to); only admins see employers' users and who is no
 * longer active.
 */
function visibleTo(actor: Actor, m: StaffMember): boolean {
  return actor.role === 'admin' || (STAFF_ROLES.includes(m.role) && m.active);
}

export interface StaffQuery {
  q?: string;
  role?: Role;
  team?: string;
  /** Admins: include users who have been deactivated (default: active only). */
  includeInactive?: boolean;
  /** Staff only, never employers' users (Colleagues: filtered before paging, so every page is full). */
  staffOnly?: boolean;
  limit: number;
  cursor?: string;
}

const badCursor = () =>
  new ValidationError('The cursor is not one this list issued', {
    errors: [{ path: 'cursor', message: 'unknown or expired cursor; start again without it' }],
  });

/** The directory, in name order: search by name or email start, role and team. */
export async function listStaff(deps: Deps, actor: Actor, query: StaffQuery) {
  requireRole(actor, 'staff:read');
  const all = (await deps.directory.list(actor.orgId))
    .filter((m) => visibleTo(actor, m))
    .filter((m) => (query.includeInactive && actor.role === 'admin') || m.active)
    .filter((m) => !query.staffOnly || STAFF_ROLES.includes(m.role))
    .filter((m) => !query.role || m.role === query.role)
    .filter((m) => !query.team || m.team?.toLowerCase() === query.team.trim().toLowerCase())
    .filter((m) => !query.q || matchesSearch(m, query.q))
    .sort(staffOrder);
  // The cursor is the position after the last one shown (the list is read whole: it is small).
  let start = 0;
  if (query.cursor) {
    const n = /^[0-9]{1,6}$/.test(query.cursor) ? Number(query.cursor) : Number.NaN;
    if (!Number.isInteger(n) || n > all.length) throw badCursor();
    start = n;
  }
  const items = all.slice(start, start + query.limit);
  const next = start + items.length;
  return { items, nextCursor: next < all.length ? String(next) : null };
}

/** Active colleagues who hold one of `roles`, in name order: whom a form may name (an account manager, a receiving adviser). */
export async function staffWithRoles(deps: Deps, actor: Actor, roles: readonly Role[]): Promise<StaffMember[]> {
  requireRole(actor, 'staff:read');
  return (await deps.directory.list(actor.orgId)).filter((m) => m.active && roles.includes(m.role) && visibleTo(actor, m)).sort(staffOrder);
}

/** The teams people are in, for the filters of the staff list. */
export async function listTeams(deps: Deps, actor: Actor): Promise<string[]> {
  requireRole(actor, 'staff:read');
  const teams = new Set((await deps.directory.list(actor.orgId)).flatMap((m) => (m.team && visibleTo(actor, m) ? [m.team] : [])));
  return [...teams].sort((a, b) => a.localeCompare(b, 'en-GB'));
}

export async function getStaff(deps: Deps, actor: Actor, id: string): Promise<StaffMember> {
  requireRole(actor, 'staff:read');
  const m = await deps.directory.get(actor.orgId, id);
  if (!m || !visibleTo(actor, m)) throw new NotFoundError('user', id);
  return m;
}

/**
 * Names for the ids a page, notification, report or CSV is about to show. Names are not private among
 * colleagues, so any signed-in caller gets them (an employer's users see their account manager's);
 * someone the directory does not know keeps their id.
 */
export async function staffNames(deps: Deps, actor: Pick<Actor, 'orgId'>, ids: readonly (string | undefined)[]): Promise<Names> {
  const wanted = [...new Set(ids.filter((x): x is string => !!x && x !== 'system'))];
  const found = wanted.length ? await deps.directory.getMany(actor.orgId, wanted) : new Map<string, StaffMember>();
  return new Names(new Map([...found].map(([id, m]) => [id, m.name])));
}

/** Who someone is, said as a person would: their name, or the id of someone no longer in the directory. */
export class Names {
  constructor(private readonly byId: ReadonlyMap<string, string>) {}
  of(id: string | undefined): string {
    if (!id) return 'nobody';
    if (id === 'system') return 'Routeway';
    return this.byId.get(id) ?? id;
  }
  has(id: string): boolean {
    return this.byId.has(id);
  }
}

function staffAudit(
  deps: Deps,
  actor: Actor,
  staffId: string,
  action: StaffAuditEntry['action'],
  detail?: StaffAuditEntry['detail'],
): StaffAuditEntry {
  return {
    id: deps.ids.next(),
    staffId,
    action,
    actorSub: actor.sub,
    at: deps.clock.now().toISOString(),
    ...(actor.correlationId ? { correlationId: actor.correlationId } : {}),
    ...(detail ? { detail } : {}),
  };
}

/** A new user: the directory sends them an invitation; the admin's action is audited on the new user. */
export async function addStaff(deps: Deps, actor: Actor, input: NewStaffMember): Promise<StaffMember> {
  requireRole(actor, 'staff:write');
  if (input.employerId && !(await deps.repos.employers.get(actor.orgId, input.employerId)))
    throw new ValidationError('Unknown employer', { errors: [{ path: 'employerId', message: 'is not an employer of this organisation' }] });
  const now = deps.clock.now().toISOString();
  const made = await deps.directory.create({
    // Locally the id is made here; Cognito gives the user its own (`sub`), which is what is kept.
    id: `u-${deps.ids.next().toLowerCase()}`,
    orgId: actor.orgId,
    name: input.name,
    email: input.email,
    role: input.role,
    ...(input.team ? { team: input.team } : {}),
    ...(input.phone ? { phone: input.phone } : {}),
    ...(input.employerId ? { employerId: input.employerId } : {}),
    active: true,
    createdAt: now,
    updatedAt: now,
  });
  await deps.repos.staff.addAudit(
    actor.orgId,
    staffAudit(deps, actor, made.id, 'staff.create', { role: made.role, team: made.team ?? null }),
  );
  return made;
}

/** Withdraws every token issued before now (and, when `disabled`, every token at all). */
async function withdrawTokens(deps: Deps, orgId: string, userId: string, disabled: boolean) {
  const now = deps.clock.now();
  const access: SessionAccess = { notBefore: Math.floor(now.getTime() / 1000), disabled, at: now.toISOString() };
  await deps.repos.staff.putAccess(orgId, userId, access);
}

async function ownRecord(deps: Deps, actor: Actor, id: string): Promise<StaffMember> {
  requireRole(actor, 'staff:write');
  const m = await deps.directory.get(actor.orgId, id);
  if (!m) throw new NotFoundError('user', id);
  return m;
}

/**
 * Name, role, team, phone. A new role takes effect at the user's next sign-in: tokens issued before the
 * change (which carry the old role) are refused from now on. Admins cannot change their own role (the
 * organisation could be left with no admin), and employer users are not turned into staff or back.
 */
export async function changeStaff(deps: Deps, actor: Actor, id: string, patch: StaffChange): Promise<StaffMember> {
  const current = await ownRecord(deps, actor, id);
  if (patch.role && patch.role !== current.role) {
    if (current.id === actor.sub) throw new BusinessRuleError('You cannot change your own role: ask another administrator');
    if (patch.role === 'employer' || current.role === 'employer')
      throw new BusinessRuleError('An employer user cannot become staff, nor staff an employer user: add a new user instead', {
        errors: [{ path: 'role', message: 'cannot change between staff and employer user' }],
      });
  }
  const next: StaffMember = { ...current, updatedAt: deps.clock.now().toISOString() };
  if (patch.name !== undefined) next.name = patch.name;
  if (patch.role !== undefined) next.role = patch.role;
  for (const k of ['team', 'phone'] as const) {
    const v = patch[k];
    if (v === null) delete next[k];
    else if (v !== undefined) next[k] = v;
  }
  const changed = (['name', 'role', 'team', 'phone'] as const).filter((k) => current[k] !== next[k]);
  if (!changed.length) return current;
  await deps.directory.update(current, next);
  if (current.role !== next.role) await withdrawTokens(deps, actor.orgId, id, !next.active);
  await deps.repos.staff.addAudit(
    actor.orgId,
    staffAudit(deps, actor, id, 'staff.change', {
      fields: changed,
      ...(current.role !== next.role ? { roleBefore: current.role, role: next.role } : {}),
      ...(current.team !== next.team ? { teamBefore: current.team ?? null, team: next.team ?? null } : {}),
    }),
  );
  return next;
}

/**
 * A leaver: they can no longer sign in, the identity provider's sessions end, and every token they hold
 * is refused within a minute (the session check's cache), not at its expiry. Their caseload and employer
 * accounts stay where they are until handed over (`handOver`).
 */
export async function deactivateStaff(deps: Deps, actor: Actor, id: string, input: Deactivation): Promise<StaffMember> {
  const current = await ownRecord(deps, actor, id);
  if (current.id === actor.sub) throw new BusinessRuleError('You cannot deactivate yourself: ask another administrator');
  // Withdrawn first: even if the directory is slow to follow, the tokens are already refused.
  await withdrawTokens(deps, actor.orgId, id, true);
  const next: StaffMember = { ...current, active: false, updatedAt: deps.clock.now().toISOString() };
  if (current.active) await deps.directory.update(current, next);
  await deps.directory.signOutEverywhere(actor.orgId, id);
  await deps.repos.staff.addAudit(actor.orgId, staffAudit(deps, actor, id, 'staff.deactivate', { reason: input.reason }));
  return next;
}

/** Someone who comes back: they sign in afresh (tokens from before stay refused). */
export async function reactivateStaff(deps: Deps, actor: Actor, id: string): Promise<StaffMember> {
  const current = await ownRecord(deps, actor, id);
  if (current.active) return current;
  const next: StaffMember = { ...current, active: true, updatedAt: deps.clock.now().toISOString() };
  await deps.directory.update(current, next);
  await withdrawTokens(deps, actor.orgId, id, false);
  await deps.repos.staff.addAudit(actor.orgId, staffAudit(deps, actor, id, 'staff.reactivate'));
  return next;
}

/** What admins did to a user, newest first, a page (at most 100) at a time: the trail grows without bound. */
export async function listStaffAudit(deps: Deps, actor: Actor, id: string, page: PageRequest) {
  await ownRecord(deps, actor, id);
  return deps.repos.staff.listAudit(actor.orgId, id, { limit: Math.min(page.limit, 100), ...(page.cursor ? { cursor: page.cursor } : {}) });
}

/** What someone holds that a hand-over would move. */
export async function workOf(deps: Deps, actor: Actor, id: string) {
  const m = await ownRecord(deps, actor, id);
  const [caseload, accounts] = await Promise.all([
    allPages((page) => deps.repos.participants.listByAdviser(actor.orgId, id, page)),
    allPages((page) => deps.repos.employers.list(actor.orgId, { by: 'accountManager', managerId: id }, page)),
  ]);
  return { member: m, caseload, accounts };
}

export interface HandoverResult {
  /** Per receiver: how many participants and employer accounts they took on. */
  received: { userId: string; participants: number; employers: number }[];
  participants: number;
  employers: number;
}

/** Each receiver must be an active member of staff who can hold what they are given. */
async function receivers(deps: Deps, actor: Actor, ids: readonly string[] | undefined, path: string, leaver: string, roles: Role[]) {
  if (!ids?.length) return [];
  const unique = [...new Set(ids)];
  const found = await deps.directory.getMany(actor.orgId, unique);
  const bad = unique.filter((u) => {
    const m = found.get(u);
    return u === leaver || !m || !m.active || !roles.includes(m.role);
  });
  if (bad.length)
    throw new ValidationError('Someone named cannot take this on', {
      errors: bad.map((u) => ({
        path: `${path}.${ids.indexOf(u)}`,
        message:
          u === leaver
            ? 'is the person whose work is being handed over'
            : `is not an active ${roles.includes('adviser') ? 'adviser' : 'liaison officer'}`,
      })),
    });
  // In name order, so "shared out in turn" is predictable.
  return unique.map((u) => found.get(u)!).sort(staffOrder);
}

/**
 * Hands a leaver's work on in one action: their whole caseload shared out in turn among `caseloadTo`
 * (each participant moved by the caseload transfer, audited in their trail as every transfer is) and
 * their employer accounts among `accountsTo`. Safe to run again: only what they still hold moves. The
 * hand-over is audited on the leaver, and each receiver is told what they took on, in one transaction.
 */
export async function handOver(deps: Deps, actor: Actor, id: string, input: Handover): Promise<HandoverResult> {
  const leaver = await ownRecord(deps, actor, id);
  const [advisers, officers] = await Promise.all([
    receivers(deps, actor, input.caseloadTo, 'caseloadTo', id, ['adviser', 'admin']),
    receivers(deps, actor, input.accountsTo, 'accountsTo', id, ['liaison', 'admin']),
  ]);
  const { caseload, accounts } = await workOf(deps, actor, id);
  const tally = new Map<string, { participants: number; employers: number }>();
  const count = (u: string, k: 'participants' | 'employers') => {
    const t = tally.get(u) ?? { participants: 0, employers: 0 };
    t[k]++;
    tally.set(u, t);
  };
  if (advisers.length) {
    const people = [...caseload].sort((a, b) => a.lastName.localeCompare(b.lastName) || a.id.localeCompare(b.id));
    for (const [i, p] of people.entries()) {
      const to = advisers[i % advisers.length]!.id;
      await transferCaseload(deps, actor, p.id, { toAdviserId: to, reason: input.reason });
      count(to, 'participants');
    }
  }
  if (officers.length) {
    const employers = [...accounts].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
    for (const [i, e] of employers.entries()) {
      const to = officers[i % officers.length]!.id;
      await updateEmployer(deps, actor, e.id, { accountManagerId: to });
      count(to, 'employers');
    }
  }
  const received = [...tally].map(([userId, t]) => ({ userId, ...t }));
  const participants = received.reduce((n, r) => n + r.participants, 0);
  const employers = received.reduce((n, r) => n + r.employers, 0);
  const events: OutboxEvent[] = received.map((r) =>
    event(deps, actor, 'staff.work-handed-over', {
      orgId: actor.orgId,
      staffId: r.userId,
      detail: { from: leaver.id, participants: r.participants, employers: r.employers },
    }),
  );
  await deps.repos.staff.addAudit(
    actor.orgId,
    staffAudit(deps, actor, id, 'staff.handover', {
      reason: input.reason,
      participants,
      employers,
      to: received.map((r) => r.userId),
    }),
    events,
  );
  return { received, participants, employers };
}

/**
 * Local mode's demo sign-in page only: everyone in the organisation's directory, as sign-in choices.
 * (No actor: the page exists only with `npm start`, where anyone may sign in as anyone.)
 */
export async function signInList(deps: Deps, orgId: string) {
  return (await deps.directory.list(orgId)).sort(staffOrder).map((m) => ({
    sub: m.id,
    role: m.role,
    name: m.name,
    active: m.active,
    ...(m.employerId ? { employerId: m.employerId } : {}),
  }));
}
