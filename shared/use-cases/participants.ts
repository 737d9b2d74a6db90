import type { z } from 'zod';
import type { Actor } from '../domain/actor.js';
import {
  derivedFacts,
  recordedConsent,
  sensitiveRules,
  type Participant,
  type ParticipantCreate,
  type ParticipantPatch,
  type Readiness,
  type ReadinessChange,
  type ReadinessHistoryEntry,
  type Sensitive,
  type SensitiveInput,
} from '../domain/participant.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import type { AuditAction, AuditEntry } from '../domain/audit.js';
import { assertParticipantReadable, assertParticipantWritable, consentVisibleTo, ownsParticipant, requireRole } from '../policy.js';
import type { PageRequest } from '../ports/repositories.js';
import { locate } from './places.js';
import { searchCaseload } from './search.js';
import { applyPatch, checkExpectedVersion, withVersionRetry, newRecordStamp, type Deps } from './deps.js';
import { vocabularyOf, withParticipantSkills } from './skills.js';
import { toError, writeInBulk } from './bulk-write.js';

export async function createParticipant(deps: Deps, actor: Actor, input: ParticipantCreate): Promise<Participant> {
  const { participant, first } = await newParticipant(deps, actor, input);
  await deps.repos.participants.create(participant, first);
  return participant;
}

/**
 * Several participants at once (bulk import): each made exactly as `createParticipant` makes it, then
 * written several to a transaction (`createMany`). A pack refused as a whole (someone's reference taken
 * meanwhile) is written again one by one, so each gets its own answer. In the inputs' order: each
 * participant created, or the error that refused it.
 */
export async function createParticipants(deps: Deps, actor: Actor, inputs: readonly ParticipantCreate[]): Promise<(Participant | Error)[]> {
  const made = await Promise.all(inputs.map((input) => newParticipant(deps, actor, input).catch(toError)));
  return writeInBulk(
    made,
    {
      many: (ready) => deps.repos.participants.createMany(ready.map((m) => ({ participant: m.participant, history: [m.first] }))),
      one: (m) => deps.repos.participants.create(m.participant, m.first),
    },
    (m) => m.participant,
  );
}

/** A new participant as the rules make it (checked, located, stamped, skills mapped), not yet written. */
async function newParticipant(deps: Deps, actor: Actor, input: ParticipantCreate) {
  requireRole(actor, 'participant:write');
  const adviserId = input.adviserId ?? (actor.role === 'adviser' ? actor.sub : undefined);
  if (!adviserId) {
    throw new ValidationError('Say whose caseload the participant joins', { errors: [{ path: 'adviserId', message: 'required' }] });
  }
  if (actor.role === 'adviser' && adviserId !== actor.sub) {
    throw new ValidationError('Advisers add participants to their own caseload; a transfer is a separate action', {
      errors: [{ path: 'adviserId', message: 'must be your own id' }],
    });
  }
  const now = deps.clock.now().toISOString();
  const recorded = recordedConsent(input.consent, actor.sub, now, 'consent.');
  if ('errors' in recorded)
    throw new ValidationError('A disclosure is shared only in the participant’s own words', { errors: recorded.errors });
  const home = await locate(deps, input.home, 'home');
  const { readinessReason, consent, ...fields } = input;
  // Skills are stored as the skills list names them; what it does not know is kept and flagged.
  const { index } = await vocabularyOf(deps, actor.orgId);
  const participant: Participant = withParticipantSkills(
    {
      id: deps.ids.next(),
      ...fields,
      home,
      adviserId,
      status: 'active',
      consent: recorded.consent,
      ...(input.readiness === 'green' ? { readySince: now } : {}),
      readinessSince: now,
      ...newRecordStamp(actor, now),
    },
    index,
  );
  const first: ReadinessHistoryEntry = { from: null, to: input.readiness, reason: readinessReason, changedBy: actor.sub, changedAt: now };
  return { participant, first };
}

/** What a liaison officer sees: the profile matching needs, minus contact details and benefit labels, plus derived facts. */
export type LiaisonParticipantView = Omit<Participant, 'email' | 'phone' | 'paymentGroup' | 'referralSource' | 'casework'> &
  ReturnType<typeof derivedFacts>;

export async function getParticipant(deps: Deps, actor: Actor, id: string): Promise<Participant | LiaisonParticipantView> {
  requireRole(actor, 'participant:read');
  const p = await deps.repos.participants.get(actor.orgId, id);
  if (!p) throw new NotFoundError('participant', id);
  assertParticipantReadable(actor, p);
  if (ownsParticipant(actor, p)) return p;
  return { ...liaisonView(actor, p), ...derivedFacts(await deps.repos.participants.getSensitive(actor.orgId, id), deps.clock.today()) };
}

/** The profile without contact details, benefit labels, casework dates or unshared disclosures (policy.consentVisibleTo). */
function liaisonView(actor: Actor, p: Participant): Omit<Participant, 'email' | 'phone' | 'paymentGroup' | 'referralSource' | 'casework'> {
  const { email: _e, phone: _p, paymentGroup: _g, referralSource: _r, casework: _c, ...rest } = p;
  return { ...rest, consent: consentVisibleTo(actor, p) };
}

export interface ParticipantListQuery extends PageRequest {
  adviserId?: string;
  /** The caseload page's search: words of their name, or their participant reference. */
  q?: string;
  readiness?: Readiness;
  /** Only people something is waiting on their adviser for (advisers and admins). */
  needsAction?: boolean;
}

export async function listParticipants(deps: Deps, actor: Actor, q: ParticipantListQuery) {
  requireRole(actor, 'participant:list');
  const adviserId = q.adviserId ?? (actor.role === 'adviser' ? actor.sub : undefined);
  if (!adviserId) {
    throw new ValidationError('Choose whose caseload to list', { errors: [{ path: 'adviserId', message: 'required' }] });
  }
  // An adviser lists their own caseload only; someone else's is simply empty to them.
  if (actor.role === 'adviser' && adviserId !== actor.sub) return { items: [], nextCursor: null };
  // Any search filter is the caseload page's search (surname order, its own cursors); none, the stored order.
  const searched = q.q !== undefined || q.readiness !== undefined || q.needsAction === true;
  const page = searched
    ? await searchCaseload(deps, actor, {
        text: q.q,
        readiness: q.readiness,
        needsAction: q.needsAction,
        adviserId,
        limit: q.limit,
        cursor: q.cursor,
      }).then((found) => ({ items: found.items.map((row) => row.participant), nextCursor: found.nextCursor }))
    : await deps.repos.participants.listByAdviser(actor.orgId, adviserId, { limit: q.limit, cursor: q.cursor });
  if (actor.role !== 'liaison') return page;
  // Liaison list views carry no derived sensitive facts (that would be one read per row); the single view does.
  return { ...page, items: page.items.map((p) => liaisonView(actor, p)) };
}

export async function updateParticipant(deps: Deps, actor: Actor, id: string, given: ParticipantPatch, ifMatch?: number) {
  requireRole(actor, 'participant:write');
  const patch = given.home ? { ...given, home: await locate(deps, given.home, 'home') } : given;
  const { index } = await vocabularyOf(deps, actor.orgId);
  return withVersionRetry(async () => {
    const current = await deps.repos.participants.get(actor.orgId, id);
    if (!current) throw new NotFoundError('participant', id);
    assertParticipantWritable(actor, current);
    checkExpectedVersion(current.version, ifMatch);
    // Placed stays placed while a job runs; once every placement records that they left, they may come back.
    if (patch.status === 'active' && current.status === 'placed') {
      const placements = await deps.repos.placements.listOf(actor.orgId, id);
      if (placements.some((x) => !x.leftJob))
        throw new ConflictError('A placed participant returns to active through their placement ending, not an edit');
    }
    const now = deps.clock.now().toISOString();
    // Every save maps the skills again, so one kept before an admin added it to the list is now recognised.
    const next: Participant = withParticipantSkills(
      { ...applyPatch(current, patch), updatedAt: now, updatedBy: actor.sub, version: current.version + 1 },
      index,
    );
    // Leaving the programme starts the retention clock; coming back stops it.
    if (patch.status === 'exited' && current.status !== 'exited') next.exitedAt = now;
    if (patch.status === 'active') delete next.exitedAt;
    await deps.repos.participants.update(current, next);
    return next;
  });
}

export async function changeReadiness(
  deps: Deps,
  actor: Actor,
  id: string,
  input: z.infer<typeof ReadinessChange>,
  ifMatch?: number,
): Promise<{ participant: Participant; change: ReadinessHistoryEntry }> {
  requireRole(actor, 'participant:write');
  return withVersionRetry(async () => {
    const current = await deps.repos.participants.get(actor.orgId, id);
    if (!current) throw new NotFoundError('participant', id);
    assertParticipantWritable(actor, current);
    checkExpectedVersion(current.version, ifMatch);
    if (current.readiness === input.readiness) {
      throw new ConflictError(`Readiness is already ${input.readiness}`);
    }
    const now = deps.clock.now().toISOString();
    const change: ReadinessHistoryEntry = {
      from: current.readiness,
      to: input.readiness,
      reason: input.reason,
      changedBy: actor.sub,
      changedAt: now,
    };
    const next: Participant = {
      ...current,
      readiness: input.readiness,
      readinessSince: now,
      updatedAt: now,
      updatedBy: actor.sub,
      version: current.version + 1,
    };
    if (input.readiness === 'green') next.readySince = now;
    await deps.repos.participants.changeReadiness(current, next, change);
    return { participant: next, change };
  });
}

export async function readinessHistory(deps: Deps, actor: Actor, id: string) {
  requireRole(actor, 'participant:read');
  const p = await deps.repos.participants.get(actor.orgId, id);
  if (!p) throw new NotFoundError('participant', id);
  assertParticipantReadable(actor, p);
  return deps.repos.participants.readinessHistory(actor.orgId, id);
}

export async function ownParticipant(deps: Deps, actor: Actor, id: string) {
  requireRole(actor, 'participant:sensitive');
  const p = await deps.repos.participants.get(actor.orgId, id);
  if (!p) throw new NotFoundError('participant', id);
  assertParticipantWritable(actor, p);
  return p;
}

/** An audit entry for an action on a participant: who, role, what, which subject, when, correlation id. */
export function auditEntry(
  deps: Deps,
  actor: Actor | 'system',
  subjectId: string,
  action: AuditAction,
  detail?: AuditEntry['detail'],
): AuditEntry {
  return {
    id: deps.ids.next(),
    subjectType: 'participant',
    subjectId,
    action,
    actorSub: actor === 'system' ? 'system' : actor.sub,
    actorRole: actor === 'system' ? 'system' : actor.role,
    at: deps.clock.now().toISOString(),
    ...(actor !== 'system' && actor.correlationId ? { correlationId: actor.correlationId } : {}),
    ...(detail ? { detail } : {}),
  };
}

/** Reading the sensitive part leaves a trace first: no audit entry, no data. */
export async function getSensitive(deps: Deps, actor: Actor, id: string): Promise<Sensitive> {
  await ownParticipant(deps, actor, id);
  const s = await deps.repos.participants.getSensitive(actor.orgId, id);
  if (!s) throw new NotFoundError('sensitive record for participant', id);
  await deps.repos.participants.recordAudit(actor.orgId, auditEntry(deps, actor, id, 'sensitive.read'));
  return s;
}

export async function putSensitive(deps: Deps, actor: Actor, id: string, input: SensitiveInput, ifMatch?: number): Promise<Sensitive> {
  await ownParticipant(deps, actor, id);
  const broken = sensitiveRules(input, deps.clock.today());
  if (broken.length) throw new ValidationError('The convictions recorded do not add up', { errors: broken });
  return withVersionRetry(async () => {
    const current = await deps.repos.participants.getSensitive(actor.orgId, id);
    const currentVersion = current?.version ?? 0;
    checkExpectedVersion(currentVersion, ifMatch);
    // The adviser was told of this permitted-work end date already: not again, unless the date changes.
    const told = current?.permittedWorkNoticeFor;
    const next: Sensitive = {
      ...input,
      ...(told && told === input.benefitConstraints?.until ? { permittedWorkNoticeFor: told } : {}),
      // Not part of this request: the better-off circumstances have their own (shared/use-cases/better-off.ts).
      ...(current?.benefitCircumstances ? { benefitCircumstances: current.benefitCircumstances } : {}),
      participantId: id,
      updatedAt: deps.clock.now().toISOString(),
      updatedBy: actor.sub,
      version: currentVersion + 1,
    };
    const changed = Object.keys(input).filter(
      (k) =>
        JSON.stringify((current as Record<string, unknown> | undefined)?.[k]) !== JSON.stringify((input as Record<string, unknown>)[k]),
    );
    await deps.repos.participants.putSensitive(
      actor.orgId,
      next,
      currentVersion,
      auditEntry(deps, actor, id, 'sensitive.write', { fields: changed.sort(), version: next.version }),
    );
    return next;
  });
}
