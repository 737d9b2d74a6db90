import type { Page, PageRequest } from '../domain/common.js';
import type {
  ChainCandidate,
  ChainProposal,
  Contract,
  Organisation,
  ShareAuditEntry,
  SharedIn,
  VacancyShare,
} from '../domain/supply-chain.js';

/**
 * Organisations, the contracts that make supply chains, and the vacancies primes share. The share lives
 * with the prime's vacancy; each organisation it reaches holds a pointer in its own partition, so listing
 * what was shared with one organisation never reads another's records.
 */
export interface SupplyChainRepository {
  getOrganisation(orgId: string): Promise<Organisation | undefined>;
  putOrganisation(org: Organisation): Promise<void>;
  /** Every contract the organisation is party to, as prime or as subcontractor. */
  contractsOf(orgId: string): Promise<Contract[]>;
  putContract(contract: Contract): Promise<void>;
  getShare(primeOrgId: string, vacancyId: string): Promise<VacancyShare | undefined>;
  /** Writes the share, points each organisation it reaches at it (and no longer those it reached before), and the audit entry, in one transaction. */
  putShare(share: VacancyShare, reach: readonly string[], before: readonly string[], audit: ShareAuditEntry): Promise<void>;
  /** Removes the share and every pointer to it, with the audit entry, in one transaction. */
  removeShare(primeOrgId: string, vacancyId: string, reached: readonly string[], audit: ShareAuditEntry): Promise<void>;
  /** What has been shared with the organisation, by prime and vacancy. */
  listSharedWith(orgId: string, page: PageRequest): Promise<Page<SharedIn>>;
  getSharedIn(orgId: string, primeOrgId: string, vacancyId: string): Promise<SharedIn | undefined>;
  /** Newest first. */
  listShareAudit(primeOrgId: string, vacancyId: string, page: PageRequest): Promise<Page<ShareAuditEntry>>;
  /**
   * A subcontractor's proposal (in its own partition) and the prime's candidate made from it (with the
   * prime's vacancy), in one transaction; refused (ConflictError) if the participant is already proposed for it.
   */
  addChainProposal(proposal: ChainProposal, candidate: ChainCandidate): Promise<void>;
  /** The answered proposal and the prime's candidate, in one transaction, only if it was still `proposed` (ConflictError otherwise). */
  answerChainProposal(proposal: ChainProposal, candidate: ChainCandidate): Promise<void>;
  getChainProposal(orgId: string, primeOrgId: string, vacancyId: string, id: string): Promise<ChainProposal | undefined>;
  /** The organisation's own proposals for one prime's vacancy, oldest first. */
  listChainProposals(orgId: string, primeOrgId: string, vacancyId: string): Promise<ChainProposal[]>;
  /** Every candidate the prime's vacancy has from its supply chain, oldest first. */
  listChainCandidates(primeOrgId: string, vacancyId: string): Promise<ChainCandidate[]>;
  /** Every proposal of the organisation's for one of its participants (erasure). */
  chainProposalsOf(orgId: string, participantId: string): Promise<ChainProposal[]>;
  /** Writes the proposal and the prime's candidate as given, whatever their state (erasure: without the person's copies). */
  putChainProposal(proposal: ChainProposal, candidate: ChainCandidate): Promise<void>;
}
