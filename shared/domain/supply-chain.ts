import { z } from 'zod';
import { CorrelationId } from './audit.js';
import { FreeText, Id, IsoDate, IsoDateTime, OrgId, Text, UserId } from './common.js';
import { CandidateRef, EmployerView } from './submission.js';
import { Vacancy } from './vacancy.js';
import { INTERACTION_KINDS } from './employer.js';

/*
 * Work Programme supply chains (seed report 003, §1.1.1, §2.1, §17.1): a prime provider holds the contract
 * for an area and works through subcontractors, one of which may serve several primes. A prime's liaison
 * officer shares a vacancy with its whole supply chain or chosen subcontractors; their staff then see that
 * vacancy, as a prime's vacancy, and nothing else of the prime's. Every rule of who sees what across an
 * organisation boundary is here.
 */

export const ORGANISATION_KINDS = ['standalone', 'prime', 'subcontractor'] as const;

export const Organisation = z.object({ id: OrgId, name: Text(200), kind: z.enum(ORGANISATION_KINDS) }).meta({ id: 'Organisation' });
export type Organisation = z.infer<typeof Organisation>;

/** A subcontractor serving a prime, from `startDate` to `endDate` (both days included; no end: open-ended). */
export const Contract = z
  .object({
    primeOrgId: OrgId,
    subcontractorOrgId: OrgId,
    startDate: IsoDate,
    endDate: IsoDate.optional(),
  })
  .meta({ id: 'SupplyChainContract' });
export type Contract = z.infer<typeof Contract>;

export const contractLive = (c: Contract, today: string) => c.startDate <= today && (!c.endDate || today <= c.endDate);

/** The prime's subcontractors whose contract is live today, in id order. */
export const liveSubcontractors = (contracts: readonly Contract[], primeOrgId: string, today: string): string[] =>
  [...new Set(contracts.filter((c) => c.primeOrgId === primeOrgId && contractLive(c, today)).map((c) => c.subcontractorOrgId))].sort();

/**
 * The organisations in the caller's supply chain today: as a prime its live subcontractors; as a
 * subcontractor the primes it serves and their other live subcontractors. `primesContracts` are the
 * contracts of the primes it serves. Whose recent contacts with an employer it is told of.
 */
export function chainPartners(orgId: string, own: readonly Contract[], primesContracts: readonly Contract[], today: string): string[] {
  const live = own.filter((c) => contractLive(c, today));
  const primes = live.filter((c) => c.subcontractorOrgId === orgId).map((c) => c.primeOrgId);
  const siblings = primes.flatMap((p) => liveSubcontractors(primesContracts, p, today));
  const subs = liveSubcontractors(live, orgId, today);
  return [...new Set([...primes, ...siblings, ...subs])].filter((o) => o !== orgId).sort();
}

/** How far back "recently in touch" looks, in days. */
export const CHAIN_CONTACT_DAYS = 30;

/** Another organisation's contact with the same employer, as it crosses the boundary: who, when, how. Never the summary, outcome or notes. */
export const ChainContact = z
  .object({
    orgId: OrgId,
    orgName: Text(200),
    officerName: Text(200),
    occurredAt: IsoDateTime,
    kind: z.enum(INTERACTION_KINDS),
  })
  .meta({ id: 'ChainContact' });
export type ChainContact = z.infer<typeof ChainContact>;

/** Sharing a vacancy: with the whole supply chain as it stands today, or with the subcontractors chosen. */
export const ShareRequest = z
  .strictObject({
    with: z.enum(['chain', 'chosen']),
    orgIds: z.array(OrgId).max(50).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.with === 'chosen' && !v.orgIds?.length)
      ctx.addIssue({ code: 'custom', path: ['orgIds'], message: 'choose at least one subcontractor' });
    if (v.with === 'chain' && v.orgIds?.length)
      ctx.addIssue({ code: 'custom', path: ['orgIds'], message: 'only when sharing with chosen subcontractors' });
  })
  .meta({ id: 'VacancyShareRequest' });
export type ShareRequest = z.infer<typeof ShareRequest>;

/** A vacancy's share as the prime holds it: with whom (for `chain`, the subcontractors it reached when shared), and who shared it when. */
export const VacancyShare = z
  .object({
    primeOrgId: OrgId,
    vacancyId: Id,
    with: z.enum(['chain', 'chosen']),
    orgIds: z.array(OrgId).max(50),
    sharedBy: UserId,
    sharedAt: IsoDateTime,
  })
  .meta({ id: 'VacancyShare' });
export type VacancyShare = z.infer<typeof VacancyShare>;

/** What each subcontractor holds of a share: enough to list it and to find the prime's vacancy. */
export const SharedIn = z.object({ primeOrgId: OrgId, vacancyId: Id, sharedAt: IsoDateTime });
export type SharedIn = z.infer<typeof SharedIn>;

/** Granting and withdrawing a share, kept with the prime's vacancy: who, when, with which organisations. No personal data. */
export const SHARE_AUDIT_ACTIONS = ['share.grant', 'share.withdraw'] as const;
export const ShareAuditEntry = z
  .object({
    id: Id,
    vacancyId: Id,
    action: z.enum(SHARE_AUDIT_ACTIONS),
    orgIds: z.array(OrgId).max(50),
    actorSub: UserId,
    at: IsoDateTime,
    correlationId: CorrelationId.optional(),
  })
  .meta({ id: 'ShareAuditEntry' });
export type ShareAuditEntry = z.infer<typeof ShareAuditEntry>;

/** Only an open vacancy is shared: a draft is not ready for candidates, a closed one no longer wants them. */
export const shareable = (v: Pick<Vacancy, 'status'>) => v.status === 'open';

/**
 * Whom a share reaches when it is made: the whole supply chain as it stands today, or the subcontractors
 * chosen; `notInChain` names any chosen organisation that is not a live subcontractor of the prime.
 */
export function reachOf(req: ShareRequest, contracts: readonly Contract[], primeOrgId: string, today: string) {
  const live = liveSubcontractors(contracts, primeOrgId, today);
  if (req.with === 'chain') return { reach: live, notInChain: [] as string[] };
  const chosen = [...new Set(req.orgIds ?? [])];
  return { reach: chosen.filter((o) => live.includes(o)).sort(), notInChain: chosen.filter((o) => !live.includes(o)) };
}

/**
 * May this organisation's staff see the prime's vacancy? Only through a share that reached them, while
 * their contract with the prime is live: a subcontractor whose contract ends stops seeing it that day.
 */
export function sharedWith(share: VacancyShare | undefined, contracts: readonly Contract[], orgId: string, today: string): boolean {
  return (
    !!share &&
    orgId !== share.primeOrgId &&
    share.orgIds.includes(orgId) &&
    liveSubcontractors(contracts, share.primeOrgId, today).includes(orgId)
  );
}

/**
 * The vacancy as another organisation's staff see it: the job, its employer's name and place, its status.
 * Not the prime's employer id, linked cohorts, status history or who changed it (the prime's staff ids),
 * nor anything of its candidates.
 */
export const SharedVacancy = Vacancy.pick({
  id: true,
  title: true,
  description: true,
  occupation: true,
  sector: true,
  positions: true,
  hoursPerWeek: true,
  shiftPatterns: true,
  contractType: true,
  wage: true,
  essentialSkills: true,
  desirableSkills: true,
  essentialCertifications: true,
  drivingLicenceRequired: true,
  backgroundCheck: true,
  workDemands: true,
  guaranteedInterview: true,
  workTrial: true,
  closingDate: true,
  startDate: true,
  employerName: true,
  status: true,
})
  .extend({
    site: z.object({ postcode: Vacancy.shape.site.shape.postcode, town: Vacancy.shape.site.shape.town }),
    primeOrgId: OrgId,
    primeName: Text(200),
    sharedAt: IsoDateTime,
  })
  .meta({ id: 'SharedVacancy' });
export type SharedVacancy = z.infer<typeof SharedVacancy>;

export function sharedView(v: Vacancy, prime: Pick<Organisation, 'id' | 'name'>, sharedAt: string): SharedVacancy {
  return {
    id: v.id,
    title: v.title,
    ...(v.description ? { description: v.description } : {}),
    occupation: v.occupation,
    sector: v.sector,
    positions: v.positions,
    hoursPerWeek: v.hoursPerWeek,
    shiftPatterns: v.shiftPatterns,
    contractType: v.contractType,
    wage: v.wage,
    essentialSkills: v.essentialSkills,
    desirableSkills: v.desirableSkills,
    essentialCertifications: v.essentialCertifications,
    drivingLicenceRequired: v.drivingLicenceRequired,
    backgroundCheck: v.backgroundCheck,
    workDemands: v.workDemands,
    guaranteedInterview: v.guaranteedInterview,
    workTrial: v.workTrial,
    closingDate: v.closingDate,
    ...(v.startDate ? { startDate: v.startDate } : {}),
    employerName: v.employerName,
    status: v.status,
    site: { postcode: v.site.postcode, ...(v.site.town ? { town: v.site.town } : {}) },
    primeOrgId: prime.id,
    primeName: prime.name,
    sharedAt,
  };
}

/**
 * A prime's admin records a contract with a subcontractor organisation (decided in docs/decisions.md): the
 * prime names it, since organisations have no register of their own; recording it again changes its dates.
 */
export const ContractRecord = z
  .strictObject({
    subcontractorOrgId: OrgId,
    subcontractorName: Text(200),
    startDate: IsoDate,
    endDate: IsoDate.optional(),
  })
  .refine((c) => !c.endDate || c.startDate <= c.endDate, { path: ['endDate'], message: 'must be on or after the start date' })
  .meta({ id: 'SupplyChainContractRecord' });
export type ContractRecord = z.infer<typeof ContractRecord>;

/** Ending a contract: its last day. The subcontractor stops seeing the prime's shared vacancies the day after. */
export const ContractEnd = z.strictObject({ endDate: IsoDate }).meta({ id: 'SupplyChainContractEnd' });
export type ContractEnd = z.infer<typeof ContractEnd>;

/*
 * A subcontractor proposing its own participant for a prime's shared vacancy. The proposal is the
 * subcontractor's record (its participant, their adviser, who proposed); the prime holds a candidate
 * of its own: a meaningless reference and the subcontractor's name until the participant's own adviser
 * agrees, then only the fields the participant consented to share, frozen at agreement, exactly as an
 * employer sees a candidate within one organisation. The participant's id never reaches the prime.
 */
export const CHAIN_PROPOSAL_STATES = ['proposed', 'agreed', 'declined'] as const;

export const ChainProposalRequest = z
  .strictObject({ participantId: Id, note: FreeText(1000).optional() })
  .meta({ id: 'ChainProposalRequest' });
export type ChainProposalRequest = z.infer<typeof ChainProposalRequest>;

/** What the prime holds of a subcontractor's proposal: no id, name or anything of the person before agreement. */
export const ChainCandidate = z
  .object({
    id: Id,
    primeOrgId: OrgId,
    vacancyId: Id,
    fromOrgId: OrgId,
    fromOrgName: Text(200),
    candidateRef: CandidateRef,
    state: z.enum(CHAIN_PROPOSAL_STATES),
    proposedAt: IsoDateTime,
    answeredAt: IsoDateTime.optional(),
    /** Only once agreed: what the participant consented to share. */
    view: EmployerView.optional(),
  })
  .meta({ id: 'ChainCandidate' });
export type ChainCandidate = z.infer<typeof ChainCandidate>;

/** The subcontractor's own record of the proposal: whom, their adviser, who proposed and why. */
export const ChainProposal = ChainCandidate.omit({ fromOrgName: true })
  .extend({
    participantId: Id,
    adviserId: UserId,
    proposedBy: UserId,
    note: FreeText(1000).optional(),
    answeredBy: UserId.optional(),
  })
  .meta({ id: 'ChainProposal' });
export type ChainProposal = z.infer<typeof ChainProposal>;

/** The prime's candidate made from the subcontractor's proposal: the fields that may cross, and no others. */
export function candidateOf(p: ChainProposal, fromOrgName: string): ChainCandidate {
  return {
    id: p.id,
    primeOrgId: p.primeOrgId,
    vacancyId: p.vacancyId,
    fromOrgId: p.fromOrgId,
    fromOrgName,
    candidateRef: p.candidateRef,
    state: p.state,
    proposedAt: p.proposedAt,
    ...(p.answeredAt ? { answeredAt: p.answeredAt } : {}),
    ...(p.state === 'agreed' && p.view ? { view: p.view } : {}),
  };
}
