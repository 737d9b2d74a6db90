import type { Actor } from '../domain/actor.js';
import {
  CHAIN_CONTACT_DAYS,
  chainPartners,
  type ChainContact,
  liveSubcontractors,
  reachOf,
  shareable,
  sharedView,
  sharedWith,
  type Contract,
  type ContractEnd,
  type ContractRecord,
  type Organisation,
  type ShareAuditEntry,
  type SharedVacancy,
  type ShareRequest,
  type VacancyShare,
} from '../domain/supply-chain.js';
import { BusinessRuleError, NotFoundError, ValidationError } from '../errors.js';
import { requireRole } from '../policy.js';
import type { PageRequest } from '../ports/repositories.js';
import type { Deps } from './deps.js';

/*
 * Supply chains: a prime shares an open vacancy with its whole chain or chosen subcontractors, and
 * withdraws it; their staff see it as `SharedVacancy` (the job, never the prime's staff, employer
 * records or candidates). What may cross an organisation boundary is decided in shared/domain/supply-chain.ts.
 */

const standalone = (orgId: string): Organisation => ({ id: orgId, name: orgId, kind: 'standalone' });

export async function organisation(deps: Deps, orgId: string): Promise<Organisation> {
  return (await deps.repos.supplyChain.getOrganisation(orgId)) ?? standalone(orgId);
}

export interface SupplyChainView {
  organisation: Organisation;
  /** As prime: its subcontractors; as subcontractor: the primes it serves. Live and ended alike, with names. */
  contracts: (Contract & { otherName: string; live: boolean })[];
}

/** The caller's organisation and its contracts. */
export async function supplyChainOf(deps: Deps, actor: Actor): Promise<SupplyChainView> {
  requireRole(actor, 'supply-chain:read');
  const [org, contracts] = await Promise.all([organisation(deps, actor.orgId), deps.repos.supplyChain.contractsOf(actor.orgId)]);
  const today = deps.clock.today();
  const others = await Promise.all(
    contracts.map((c) => organisation(deps, c.primeOrgId === actor.orgId ? c.subcontractorOrgId : c.primeOrgId)),
  );
  return {
    organisation: org,
    contracts: contracts.map((c, i) => ({
      ...c,
      otherName: others[i]!.name,
      live: liveSubcontractors([c], c.primeOrgId, today).length > 0,
    })),
  };
}

/**
 * A prime's admin records a contract with a subcontractor (recording it again changes its dates). The
 * caller's organisation becomes a prime if it was standalone; the other becomes a subcontractor, named as
 * the prime names it if Routeway did not know it yet. An organisation is one or the other, never both.
 */
export async function recordContract(deps: Deps, actor: Actor, input: ContractRecord): Promise<Contract> {
  requireRole(actor, 'supply-chain:contract');
  if (input.subcontractorOrgId === actor.orgId)
    throw new ValidationError('A contract is with another organisation', {
      errors: [{ path: 'subcontractorOrgId', message: 'is your own organisation' }],
    });
  const [own, other] = await Promise.all([
    organisation(deps, actor.orgId),
    deps.repos.supplyChain.getOrganisation(input.subcontractorOrgId),
  ]);
  if (own.kind === 'subcontractor') throw new BusinessRuleError('A subcontractor does not hold contracts with subcontractors of its own');
  if (other?.kind === 'prime') throw new BusinessRuleError(`${other.name} is a prime provider, not a subcontractor`);
  const contract: Contract = {
    primeOrgId: actor.orgId,
    subcontractorOrgId: input.subcontractorOrgId,
    startDate: input.startDate,
    ...(input.endDate ? { endDate: input.endDate } : {}),
  };
  await Promise.all([
    own.kind === 'prime' ? undefined : deps.repos.supplyChain.putOrganisation({ ...own, kind: 'prime' }),
    other?.kind === 'subcontractor'
      ? undefined
      : deps.repos.supplyChain.putOrganisation({
          id: input.subcontractorOrgId,
          name: other?.name ?? input.subcontractorName,
          kind: 'subcontractor',
        }),
  ]);
  await deps.repos.supplyChain.putContract(contract);
  return contract;
}

/** Ends the prime's contract on its last day: from the day after, the subcontractor no longer sees the prime's shared vacancies. */
export async function endContract(deps: Deps, actor: Actor, subcontractorOrgId: string, input: ContractEnd): Promise<Contract> {
  requireRole(actor, 'supply-chain:contract');
  const found = (await deps.repos.supplyChain.contractsOf(actor.orgId)).find(
    (c) => c.primeOrgId === actor.orgId && c.subcontractorOrgId === subcontractorOrgId,
  );
  if (!found) throw new NotFoundError('contract', subcontractorOrgId);
  if (input.endDate < found.startDate)
    throw new ValidationError('The contract ends before it starts', {
      errors: [{ path: 'endDate', message: 'must be on or after the start date' }],
    });
  const ended: Contract = { ...found, endDate: input.endDate };
  await deps.repos.supplyChain.putContract(ended);
  return ended;
}

function shareAudit(deps: Deps, actor: Actor, vacancyId: string, action: ShareAuditEntry['action'], orgIds: string[]): ShareAuditEntry {
  return {
    id: deps.ids.next(),
    vacancyId,
    action,
    orgIds,
    actorSub: actor.sub,
    at: deps.clock.now().toISOString(),
    ...(actor.correlationId ? { correlationId: actor.correlationId } : {}),
  };
}

async function ownVacancy(deps: Deps, actor: Actor, vacancyId: string) {
  const v = await deps.repos.vacancies.get(actor.orgId, vacancyId);
  if (!v) throw new NotFoundError('vacancy', vacancyId);
  return v;
}

export interface ShareState {
  share: VacancyShare | null;
  /** Whom the prime may share with today: its live subcontractors, by name. */
  subcontractors: { id: string; name: string }[];
}

/** A prime's vacancy: with whom it is shared, and whom it could be. */
export async function shareOf(deps: Deps, actor: Actor, vacancyId: string): Promise<ShareState> {
  requireRole(actor, 'supply-chain:read');
  await ownVacancy(deps, actor, vacancyId);
  const [share, contracts] = await Promise.all([
    deps.repos.supplyChain.getShare(actor.orgId, vacancyId),
    deps.repos.supplyChain.contractsOf(actor.orgId),
  ]);
  const live = liveSubcontractors(contracts, actor.orgId, deps.clock.today());
  const names = await Promise.all(live.map((o) => organisation(deps, o)));
  return { share: share ?? null, subcontractors: names.map((o) => ({ id: o.id, name: o.name })) };
}

/**
 * Shares the prime's open vacancy with its whole supply chain (the subcontractors live today) or those
 * chosen; sharing again replaces whom it reaches. Audited with the vacancy, in the same transaction.
 */
export async function shareVacancy(deps: Deps, actor: Actor, vacancyId: string, req: ShareRequest): Promise<VacancyShare> {
  requireRole(actor, 'supply-chain:share');
  const org = await organisation(deps, actor.orgId);
  if (org.kind !== 'prime') throw new BusinessRuleError('Only a prime provider shares vacancies with a supply chain');
  const v = await ownVacancy(deps, actor, vacancyId);
  if (!shareable(v)) throw new BusinessRuleError(`The vacancy is ${v.status}: only an open vacancy is shared`);
  const [contracts, before] = await Promise.all([
    deps.repos.supplyChain.contractsOf(actor.orgId),
    deps.repos.supplyChain.getShare(actor.orgId, vacancyId),
  ]);
  const { reach, notInChain } = reachOf(req, contracts, actor.orgId, deps.clock.today());
  if (notInChain.length)
    throw new ValidationError('Not a subcontractor of this prime', {
      errors: notInChain.map((o) => ({
        path: `orgIds.${(req.orgIds ?? []).indexOf(o)}`,
        message: 'is not a subcontractor in your supply chain today',
      })),
    });
  if (!reach.length) throw new BusinessRuleError('Your supply chain has no subcontractor with a live contract to share with');
  const share: VacancyShare = {
    primeOrgId: actor.orgId,
    vacancyId,
    with: req.with,
    orgIds: reach,
    sharedBy: actor.sub,
    sharedAt: deps.clock.now().toISOString(),
  };
  await deps.repos.supplyChain.putShare(share, reach, before?.orgIds ?? [], shareAudit(deps, actor, vacancyId, 'share.grant', reach));
  return share;
}

/** Stops sharing: every subcontractor loses sight of it at once. Audited with the vacancy. */
export async function withdrawShare(deps: Deps, actor: Actor, vacancyId: string): Promise<void> {
  requireRole(actor, 'supply-chain:share');
  await ownVacancy(deps, actor, vacancyId);
  const share = await deps.repos.supplyChain.getShare(actor.orgId, vacancyId);
  if (!share) throw new NotFoundError('share', vacancyId);
  await deps.repos.supplyChain.removeShare(
    actor.orgId,
    vacancyId,
    share.orgIds,
    shareAudit(deps, actor, vacancyId, 'share.withdraw', share.orgIds),
  );
}

/** Who shared the prime's vacancy with whom, and withdrew it, newest first. */
export async function listShareAudit(deps: Deps, actor: Actor, vacancyId: string, page: PageRequest) {
  requireRole(actor, 'supply-chain:share');
  await ownVacancy(deps, actor, vacancyId);
  return deps.repos.supplyChain.listShareAudit(actor.orgId, vacancyId, {
    limit: Math.min(page.limit, 100),
    ...(page.cursor ? { cursor: page.cursor } : {}),
  });
}

/**
 * One vacancy a prime shared with the caller's organisation, if the share reaches it today (otherwise as
 * if it did not exist): the prime's record, for ranking over the caller's own pool, and the view that may be shown.
 */
export async function sharedRecord(deps: Deps, actor: Actor, primeOrgId: string, vacancyId: string) {
  const [pointer, share, contracts] = await Promise.all([
    deps.repos.supplyChain.getSharedIn(actor.orgId, primeOrgId, vacancyId),
    deps.repos.supplyChain.getShare(primeOrgId, vacancyId),
    deps.repos.supplyChain.contractsOf(actor.orgId),
  ]);
  if (!pointer || !sharedWith(share, contracts, actor.orgId, deps.clock.today())) return undefined;
  // The one read of another organisation's records, and only of this vacancy.
  const [v, prime] = await Promise.all([deps.repos.vacancies.get(primeOrgId, vacancyId), organisation(deps, primeOrgId)]);
  return v ? { vacancy: v, view: sharedView(v, prime, share!.sharedAt) } : undefined;
}

const readShared = async (deps: Deps, actor: Actor, primeOrgId: string, vacancyId: string): Promise<SharedVacancy | undefined> =>
  (await sharedRecord(deps, actor, primeOrgId, vacancyId))?.view;

/** The vacancies primes share with the caller's organisation, as `SharedVacancy`. */
export async function listSharedWithMe(deps: Deps, actor: Actor, page: PageRequest) {
  requireRole(actor, 'supply-chain:read');
  const pointers = await deps.repos.supplyChain.listSharedWith(actor.orgId, page);
  const found = await Promise.all(pointers.items.map((p) => readShared(deps, actor, p.primeOrgId, p.vacancyId)));
  return { items: found.filter((v): v is SharedVacancy => !!v), nextCursor: pointers.nextCursor };
}

export async function getSharedVacancy(deps: Deps, actor: Actor, primeOrgId: string, vacancyId: string): Promise<SharedVacancy> {
  requireRole(actor, 'supply-chain:read');
  const v = await readShared(deps, actor, primeOrgId, vacancyId);
  if (!v) throw new NotFoundError('shared vacancy', vacancyId);
  return v;
}

/**
 * Who else in the caller's supply chain has been in touch with this employer in the last
 * `CHAIN_CONTACT_DAYS` days, newest first: their organisation, officer's name, when and how — never what
 * was said. Each organisation holds its own employer records; the same company is found in another's by
 * company number, else by normalised name and postcode (docs/decisions.md §31).
 */
export async function chainContactsFor(deps: Deps, actor: Actor, employerId: string): Promise<ChainContact[]> {
  requireRole(actor, 'employer:engagement');
  const e = await deps.repos.employers.get(actor.orgId, employerId);
  if (!e) throw new NotFoundError('employer', employerId);
  const today = deps.clock.today();
  const own = await deps.repos.supplyChain.contractsOf(actor.orgId);
  const primes = own.filter((c) => c.subcontractorOrgId === actor.orgId).map((c) => c.primeOrgId);
  const primesContracts = (await Promise.all(primes.map((p) => deps.repos.supplyChain.contractsOf(p)))).flat();
  const since = new Date(deps.clock.now().getTime() - CHAIN_CONTACT_DAYS * 86_400_000).toISOString();
  const found = await Promise.all(
    chainPartners(actor.orgId, own, primesContracts, today).map(async (orgId) => {
      const theirs = await deps.repos.employers.findSame(orgId, e);
      if (!theirs) return [];
      const recent = (await deps.repos.employers.listInteractions(orgId, theirs, { limit: 50 })).items.filter((i) => i.occurredAt >= since);
      if (!recent.length) return [];
      const [org, names] = await Promise.all([
        organisation(deps, orgId),
        deps.directory.getMany(orgId, [...new Set(recent.map((i) => i.recordedBy))]),
      ]);
      return recent.map((i) => ({
        orgId,
        orgName: org.name,
        officerName: names.get(i.recordedBy)?.name ?? 'An officer',
        occurredAt: i.occurredAt,
        kind: i.kind,
      }));
    }),
  );
  return found.flat().sort((a, b) => (a.occurredAt < b.occurredAt ? 1 : -1));
}
