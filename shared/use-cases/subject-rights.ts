import { candidateOf } from '../domain/supply-chain.js';
import { organisation } from './supply-chain.js';
import type { z } from 'zod';
import type { Actor } from '../domain/actor.js';
import {
  isLongTermUnemployed,
  recordedConsent,
  type CaseloadTransfer,
  type Consent,
  type ErasureRecord,
  type Participant,
} from '../domain/participant.js';
import {
  NOT_HIRED_REASONS,
  OFFER_DECLINE_REASONS,
  REJECTION_REASONS,
  TRIAL_FAIL_REASONS,
  WITHDRAWAL_REASONS,
} from '../domain/submission.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import { assertParticipantWritable, requireRole } from '../policy.js';
import type { PageRequest } from '../ports/repositories.js';
import { allPages, checkExpectedVersion, withVersionRetry, type Deps } from './deps.js';
import { event } from './events.js';
import { auditEntry } from './participants.js';
import { moveToAdviser, narrowEmployerViews, withdrawForConsent, withdrawForErasure } from './submissions.js';

async function ownParticipant(deps: Deps, actor: Actor, id: string): Promise<Participant> {
  requireRole(actor, 'participant:sensitive');
  const p = await deps.repos.participants.get(actor.orgId, id);
  if (!p) throw new NotFoundError('participant', id);
  assertParticipantWritable(actor, p);
  return p;
}

/**
 * Records the participant's consent choices, on their behalf, with who recorded them and when.
 * Withdrawing consent to be matched takes effect at once: matching reads the participant's current
 * consent, and later features (match pool, employer views) follow the same record.
 */
export async function recordConsent(
  deps: Deps,
  actor: Actor,
  id: string,
  input: z.infer<typeof Consent>,
  ifMatch?: number,
): Promise<Participant> {
  requireRole(actor, 'participant:sensitive');
  const updated = await withVersionRetry(async () => {
    const current = await ownParticipant(deps, actor, id);
    checkExpectedVersion(current.version, ifMatch);
    const now = deps.clock.now().toISOString();
    const recorded = recordedConsent(input, actor.sub, now);
    if ('errors' in recorded)
      throw new ValidationError('A disclosure is shared only in the participant’s own words', { errors: recorded.errors });
    const next: Participant = {
      ...current,
      consent: recorded.consent,
      updatedAt: now,
      updatedBy: actor.sub,
      version: current.version + 1,
    };
    await deps.repos.participants.update(
      current,
      next,
      auditEntry(deps, actor, id, 'consent.change', {
        matchingBefore: current.consent.matching,
        matching: next.consent.matching,
        shareWithEmployers: next.consent.shareWithEmployers,
        inWorkContact: next.consent.inWorkContact,
      }),
    );
    return next;
  });
  // Withdrawn consent to be matched reaches every not-yet-decided submission at once; a field no
  // longer shared leaves every employer's copy.
  if (!input.matching) await withdrawForConsent(deps, actor, id);
  await narrowEmployerViews(deps, updated);
  return updated;
}

/** Moves a participant to another adviser's caseload: an explicit, audited action. */
export async function transferCaseload(deps: Deps, actor: Actor, id: string, input: z.infer<typeof CaseloadTransfer>, ifMatch?: number) {
  requireRole(actor, 'participant:write');
  const moved = await withVersionRetry(async () => {
    const current = await ownParticipant(deps, actor, id);
    checkExpectedVersion(current.version, ifMatch);
    if (current.adviserId === input.toAdviserId) throw new ConflictError('The participant is already on that caseload');
    const now = deps.clock.now().toISOString();
    const next: Participant = {
      ...current,
      adviserId: input.toAdviserId,
      updatedAt: now,
      updatedBy: actor.sub,
      version: current.version + 1,
    };
    await deps.repos.participants.update(
      current,
      next,
      auditEntry(deps, actor, id, 'caseload.transfer', { fromAdviserId: current.adviserId, toAdviserId: input.toAdviserId }),
      // The receiving adviser hears they have someone new (and the one giving them up, if someone else moved them).
      [
        event(deps, actor, 'participant.transferred', {
          orgId: actor.orgId,
          participantId: id,
          detail: { fromAdviserId: current.adviserId, toAdviserId: input.toAdviserId },
        }),
      ],
    );
    return next;
  });
  await moveToAdviser(deps, moved);
  return moved;
}

export async function listAudit(deps: Deps, actor: Actor, id: string, page: PageRequest) {
  requireRole(actor, 'participant:sensitive');
  const p = await deps.repos.participants.get(actor.orgId, id);
  // The trail outlives an erasure; after one, only admins may read it.
  if (!p) {
    const erased = actor.role === 'admin' ? await deps.repos.participants.getErasure(actor.orgId, id) : undefined;
    if (!erased) throw new NotFoundError('participant', id);
  } else {
    assertParticipantWritable(actor, p);
  }
  return deps.repos.participants.listAudit(actor.orgId, id, page);
}

const allAudit = (deps: Deps, orgId: string, id: string) => allPages((page) => deps.repos.participants.listAudit(orgId, id, page));

/** Everything held about the participant, as one JSON document (subject access request). */
export async function exportParticipant(deps: Deps, actor: Actor, id: string) {
  const participant = await ownParticipant(deps, actor, id);
  const exportEntry = auditEntry(deps, actor, id, 'participant.export');
  // Audit first: an export that leaves no trace does not happen.
  await deps.repos.participants.recordAudit(actor.orgId, exportEntry);
  const [sensitive, readinessHistory, enrolments, submissions, placements, notifications, audit, contacts, appointments, actionPlan] =
    await Promise.all([
      deps.repos.participants.getSensitive(actor.orgId, id),
      deps.repos.participants.readinessHistory(actor.orgId, id),
      deps.repos.cohorts.enrolmentsOf(actor.orgId, id),
      deps.repos.submissions.listByParticipant(actor.orgId, id),
      deps.repos.placements.listOf(actor.orgId, id),
      deps.repos.notifications.aboutParticipant(actor.orgId, id),
      allAudit(deps, actor.orgId, id),
      deps.repos.casework.allContacts(actor.orgId, id),
      deps.repos.casework.appointments(actor.orgId, id),
      deps.repos.casework.plan(actor.orgId, id),
    ]);
  return {
    exportedAt: exportEntry.at,
    exportedBy: actor.sub,
    participant,
    sensitive: sensitive ?? null,
    readinessHistory,
    enrolments,
    submissions,
    placements,
    notifications: notifications.map(({ orgId: _o, ...n }) => n),
    audit,
    contacts,
    appointments,
    actionPlan: actionPlan ?? null,
  };
}

const REASON_CODES: ReadonlySet<string> = new Set([
  ...REJECTION_REASONS,
  ...NOT_HIRED_REASONS,
  ...WITHDRAWAL_REASONS,
  ...TRIAL_FAIL_REASONS,
  ...OFFER_DECLINE_REASONS,
]);

function erasureRecord(p: Participant, at: string, by: string, reason: ErasureRecord['reason']): ErasureRecord {
  return {
    participantId: p.id,
    erasedAt: at,
    erasedBy: by,
    reason,
    counts: { status: p.status, readiness: p.readiness, longTermUnemployed: isLongTermUnemployed(p, at.slice(0, 10)) },
  };
}

/** A work trial or an offer without its free text: its own note and its result's or response's. */
function withoutNotes<T extends { note?: string; result?: { note?: string }; response?: { note?: string } }>(x: T): T {
  const { note: _n, ...rest } = x;
  const inner = (y: { note?: string } | undefined) => {
    if (!y) return undefined;
    const { note: _m, ...kept } = y;
    return kept;
  };
  return {
    ...rest,
    ...(x.result ? { result: inner(x.result) } : {}),
    ...(x.response ? { response: inner(x.response) } : {}),
  } as T;
}

async function eraseEverywhere(deps: Deps, orgId: string, given: Participant, by: Actor | 'system', reason: ErasureRecord['reason']) {
  // Nothing of theirs stays live: each live submission is withdrawn and its shortlist place freed first.
  await withdrawForErasure(deps, by, orgId, given.id);
  const p = (await deps.repos.participants.get(orgId, given.id)) ?? given;
  const at = deps.clock.now().toISOString();
  const entry = auditEntry(deps, by, p.id, reason === 'request' ? 'participant.erasure' : 'retention.erasure');
  // Proposals for primes' shared vacancies lose theirs too, the prime's candidate with them (its consented view).
  const chainProposals = await deps.repos.supplyChain.chainProposalsOf(orgId, p.id);
  const ownName = chainProposals.length ? (await organisation(deps, orgId)).name : '';
  for (const { view: _v, note: _n, ...kept } of chainProposals)
    await deps.repos.supplyChain.putChainProposal(kept, candidateOf(kept, ownName));
  // Submissions stay for the funnel's counts but lose their copies of personal data.
  for (const s of await deps.repos.submissions.listByParticipant(orgId, p.id)) {
    const { employerView: _v, note: _n, ...rest } = s;
    await deps.repos.submissions.putSubmission({
      ...rest,
      // A state change's reason is a code, except a decline's, which carried the adviser's words.
      history: s.history.map(({ reason, ...h }) => (reason !== undefined && REASON_CODES.has(reason) ? { ...h, reason } : h)),
      ...(s.agreement ? { agreement: { agreed: s.agreement.agreed, by: s.agreement.by, at: s.agreement.at } } : {}),
      // A lifted guarantee stays lifted; the officer's words go with the rest.
      ...(s.guaranteeOverride ? { guaranteeOverride: { by: s.guaranteeOverride.by, at: s.guaranteeOverride.at } } : {}),
      ...(s.decision
        ? {
            decision: {
              decision: s.decision.decision,
              ...(s.decision.reasonCode ? { reasonCode: s.decision.reasonCode } : {}),
              by: s.decision.by,
              at: s.decision.at,
            },
          }
        : {}),
      ...(s.outcome
        ? {
            outcome: {
              outcome: s.outcome.outcome,
              ...(s.outcome.startDate ? { startDate: s.outcome.startDate } : {}),
              ...(s.outcome.reasonCode ? { reasonCode: s.outcome.reasonCode } : {}),
              by: s.outcome.by,
              at: s.outcome.at,
            },
          }
        : {}),
      ...(s.interview
        ? { interview: { at: s.interview.at, place: s.interview.place, bookedBy: s.interview.bookedBy, bookedAt: s.interview.bookedAt } }
        : {}),
      // The work trial and the offer keep their dates and codes; their notes go.
      ...(s.trial ? { trial: withoutNotes(s.trial) } : {}),
      ...(s.offer ? { offer: withoutNotes(s.offer) } : {}),
      version: s.version + 1,
    });
  }
  // Placements stay for the sustainment counts but lose the free text of their check-ins, and their in-work
  // support schedule (how they asked to be contacted; its contacts went with the contact log), so nobody is reminded.
  for (const pl of await deps.repos.placements.listOf(orgId, p.id)) {
    if (!pl.checkins.some((c) => c.recorded?.note !== undefined) && !pl.support) continue;
    const checkins = pl.checkins.map((c) => {
      if (c.recorded?.note === undefined) return c;
      const { note: _n, ...recorded } = c.recorded;
      return { ...c, recorded };
    });
    const { support: _s, ...kept } = pl;
    await deps.repos.placements.update(pl, { ...kept, checkins, version: pl.version + 1 }, []);
  }
  // Notification texts that named them are rewritten without the name.
  for (const n of await deps.repos.notifications.aboutParticipant(orgId, p.id)) {
    await deps.repos.notifications.redact(orgId, n, { title: 'About a participant whose data was erased', body: '' });
  }
  // Enrolments stay for the cohort's counts but lose their free text.
  for (const e of await deps.repos.cohorts.enrolmentsOf(orgId, p.id)) {
    if (e.note !== undefined) {
      const { note: _n, ...rest } = e;
      await deps.repos.cohorts.putEnrolment(orgId, { ...rest, version: e.version + 1 });
    }
  }
  await deps.repos.participants.erase(orgId, p, erasureRecord(p, at, by === 'system' ? 'system' : by.sub, reason), entry);
}

/** Erases the participant's personal data everywhere it is held (admin only). */
export async function eraseParticipant(deps: Deps, actor: Actor, id: string): Promise<void> {
  requireRole(actor, 'participant:erase');
  await withVersionRetry(async () => {
    const p = await deps.repos.participants.get(actor.orgId, id);
    if (!p) throw new NotFoundError('participant', id);
    await eraseEverywhere(deps, actor.orgId, p, actor, 'request');
  });
}

/**
 * The retention sweep: participants who exited more than `retentionDays` ago are erased. Runs on a
 * schedule (EventBridge in AWS, an interval timer locally); idempotent, bounded per run.
 */
export async function sweepRetention(deps: Deps, retentionDays: number, batch = 100): Promise<{ erased: number; failed: string[] }> {
  const cutoff = new Date(deps.clock.now().getTime() - retentionDays * 86_400_000).toISOString();
  const due = await deps.repos.participants.exitedBefore(cutoff, batch);
  let erased = 0;
  const failed: string[] = [];
  for (const { orgId, id } of due) {
    // One participant who cannot be erased must not hold up everyone after them: note it and go on.
    try {
      const p = await deps.repos.participants.get(orgId, id);
      if (p?.status !== 'exited' || !p.exitedAt || p.exitedAt >= cutoff) continue;
      await eraseEverywhere(deps, orgId, p, 'system', 'retention');
      erased++;
    } catch {
      failed.push(id);
    }
  }
  return { erased, failed };
}
