import type { Actor } from '../domain/actor.js';
import { candidateRef } from '../domain/submission.js';
import { candidateOf, type ChainProposal, type ChainProposalRequest } from '../domain/supply-chain.js';
import { BusinessRuleError, ConflictError, NotFoundError } from '../errors.js';
import { ownsParticipant, requireRole } from '../policy.js';
import type { Deps } from './deps.js';
import { rankOwnPoolFor } from './matching.js';
import { employerViewOf, refusal } from './submissions.js';
import { organisation, sharedRecord } from './supply-chain.js';

/*
 * A subcontractor's own caseload for a prime's shared vacancy: matches ranked over its own pool (never
 * the prime's), its staff proposing their own participants, the participant's own adviser agreeing. The
 * prime holds a candidate reference and the subcontractor's name until agreement, then what the
 * participant consented to share, frozen then, as an employer sees a candidate within one organisation.
 */

/** How many of a subcontractor's own people a shared vacancy's matches list. */
export const SHARED_MATCHES = 20;

async function shared(deps: Deps, actor: Actor, primeOrgId: string, vacancyId: string) {
  const rec = await sharedRecord(deps, actor, primeOrgId, vacancyId);
  if (!rec) throw new NotFoundError('shared vacancy', vacancyId);
  return rec;
}

/** Advisers see their own caseload only, as within one organisation; liaison officers and admins everyone of theirs. */
const mayReach = (actor: Actor, p: { adviserId: string }) => actor.role !== 'adviser' || p.adviserId === actor.sub;

/** The caller's own organisation's best-ranked participants for the prime's shared vacancy, not yet proposed. */
export async function sharedVacancyMatches(deps: Deps, actor: Actor, primeOrgId: string, vacancyId: string) {
  requireRole(actor, 'supply-chain:read');
  const rec = await shared(deps, actor, primeOrgId, vacancyId);
  if (rec.vacancy.status !== 'open') return { vacancyId, candidates: [] };
  const proposed = await deps.repos.supplyChain.listChainProposals(actor.orgId, primeOrgId, vacancyId);
  const ranked = await rankOwnPoolFor(
    deps,
    actor.orgId,
    rec.vacancy,
    primeOrgId,
    new Set(proposed.map((p) => p.participantId)),
    SHARED_MATCHES,
  );
  return { vacancyId, candidates: ranked.filter((c) => mayReach(actor, c)) };
}

/**
 * Proposes one of the caller's own organisation's participants for the prime's open shared vacancy: its
 * liaison officers and admins, or the participant's own adviser. The same refusals as within one
 * organisation (not job-ready, no consent to be matched, left); once per participant and vacancy.
 */
export async function proposeForShared(
  deps: Deps,
  actor: Actor,
  primeOrgId: string,
  vacancyId: string,
  input: ChainProposalRequest,
): Promise<ChainProposal> {
  requireRole(actor, 'supply-chain:read');
  const rec = await shared(deps, actor, primeOrgId, vacancyId);
  if (rec.vacancy.status !== 'open')
    throw new BusinessRuleError(`Candidates are put forward for open vacancies; this one is ${rec.vacancy.status}`);
  const p = await deps.repos.participants.get(actor.orgId, input.participantId);
  const why = refusal(p && mayReach(actor, p) ? p : undefined, false);
  if (why) throw new BusinessRuleError('They cannot be proposed', { errors: [{ path: 'participantId', message: why }] });
  const id = deps.ids.next();
  const proposal: ChainProposal = {
    id,
    primeOrgId,
    vacancyId,
    fromOrgId: actor.orgId,
    candidateRef: candidateRef(id),
    state: 'proposed',
    proposedAt: deps.clock.now().toISOString(),
    participantId: p!.id,
    adviserId: p!.adviserId,
    proposedBy: actor.sub,
    ...(input.note ? { note: input.note } : {}),
  };
  const own = await organisation(deps, actor.orgId);
  await deps.repos.supplyChain.addChainProposal(proposal, candidateOf(proposal, own.name));
  return proposal;
}

/**
 * The participant's own adviser (or an admin of their organisation) answers a proposal. Agreed: the prime
 * sees what the participant consents to share, as they consent now; declined: the prime sees only that.
 */
export async function answerSharedProposal(
  deps: Deps,
  actor: Actor,
  primeOrgId: string,
  vacancyId: string,
  proposalId: string,
  input: { agreed: boolean; note?: string | undefined },
): Promise<ChainProposal> {
  requireRole(actor, 'submission:agree');
  const found = await deps.repos.supplyChain.getChainProposal(actor.orgId, primeOrgId, vacancyId, proposalId);
  const p = found && (await deps.repos.participants.get(actor.orgId, found.participantId));
  if (!found || !p || !ownsParticipant(actor, p)) throw new NotFoundError('proposal', proposalId);
  if (found.state !== 'proposed') throw new ConflictError(`The proposal has already been answered (${found.state})`);
  await shared(deps, actor, primeOrgId, vacancyId);
  if (input.agreed && !p.consent.matching) throw new BusinessRuleError('The participant no longer consents to be matched');
  const next: ChainProposal = {
    ...found,
    state: input.agreed ? 'agreed' : 'declined',
    answeredAt: deps.clock.now().toISOString(),
    answeredBy: actor.sub,
    ...(input.agreed ? { view: employerViewOf(p, found.candidateRef) } : {}),
    ...(input.note ? { note: input.note } : {}),
  };
  const own = await organisation(deps, actor.orgId);
  await deps.repos.supplyChain.answerChainProposal(next, candidateOf(next, own.name));
  return next;
}

/** The caller's organisation's own proposals for the prime's shared vacancy, with their people's names (advisers: their own caseload's). */
export async function listSharedProposals(deps: Deps, actor: Actor, primeOrgId: string, vacancyId: string) {
  requireRole(actor, 'supply-chain:read');
  await shared(deps, actor, primeOrgId, vacancyId);
  const mine = (await deps.repos.supplyChain.listChainProposals(actor.orgId, primeOrgId, vacancyId)).filter((p) => mayReach(actor, p));
  const people = await Promise.all(mine.map((p) => deps.repos.participants.get(actor.orgId, p.participantId)));
  return mine.map((p, i) => ({
    ...p,
    participantName: people[i] ? `${people[i].firstName} ${people[i].lastName.slice(0, 1)}.` : 'Erased',
  }));
}

/** The candidates the prime's vacancy has from its supply chain: references until agreed, then what each participant consented to share. */
export async function listChainCandidates(deps: Deps, actor: Actor, vacancyId: string) {
  requireRole(actor, 'supply-chain:share');
  if (!(await deps.repos.vacancies.get(actor.orgId, vacancyId))) throw new NotFoundError('vacancy', vacancyId);
  return deps.repos.supplyChain.listChainCandidates(actor.orgId, vacancyId);
}
