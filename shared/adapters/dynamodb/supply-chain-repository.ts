import { PutCommand } from '@aws-sdk/lib-dynamodb';
import {
  ChainCandidate,
  ChainProposal,
  Contract,
  Organisation,
  ShareAuditEntry,
  SharedIn,
  VacancyShare,
} from '../../domain/supply-chain.js';
import { ConflictError } from '../../errors.js';
import type { PageRequest } from '../../ports/repositories.js';
import type { SupplyChainRepository } from '../../ports/supply-chain.js';
import { keys } from './keys.js';
import type { Store, TransactItem } from './store.js';

/** Organisations, contracts (one copy in each party's partition) and vacancy shares (the share with the prime, a pointer with each organisation reached). */
export class DynamoSupplyChainRepository implements SupplyChainRepository {
  constructor(private readonly store: Store) {}

  async getOrganisation(orgId: string) {
    return this.store.get(keys.organisation(orgId), Organisation);
  }

  async putOrganisation(org: Organisation) {
    await this.store.db.send(
      new PutCommand({ TableName: this.store.tableName, Item: { ...keys.organisation(org.id), type: 'Organisation', ...org } }),
    );
  }

  async contractsOf(orgId: string) {
    return this.store.queryAll({ partition: keys.chainPartition(orgId), schema: Contract });
  }

  async putContract(c: Contract) {
    const item = { type: 'Contract', ...c };
    await this.store.transact(
      [
        this.store.put({ ...keys.contractAtPrime(c.primeOrgId, c.subcontractorOrgId), ...item }),
        this.store.put({ ...keys.contractAtSubcontractor(c.primeOrgId, c.subcontractorOrgId), ...item }),
      ],
      () => new Error('contract write refused'),
    );
  }

  async getShare(primeOrgId: string, vacancyId: string) {
    return this.store.get(keys.share(primeOrgId, vacancyId), VacancyShare);
  }

  private auditItem(primeOrgId: string, audit: ShareAuditEntry): TransactItem {
    return this.store.put(
      { ...keys.shareAudit(primeOrgId, audit.vacancyId, audit.id), type: 'ShareAudit', ...audit },
      'attribute_not_exists(PK)',
    );
  }

  private del(key: { PK: string; SK: string }): TransactItem {
    return { Delete: { TableName: this.store.tableName, Key: key } };
  }

  async putShare(share: VacancyShare, reach: readonly string[], before: readonly string[], audit: ShareAuditEntry) {
    const pointer = { type: 'SharedIn', primeOrgId: share.primeOrgId, vacancyId: share.vacancyId, sharedAt: share.sharedAt };
    await this.store.transact(
      [
        this.store.put({ ...keys.share(share.primeOrgId, share.vacancyId), type: 'VacancyShare', ...share }),
        ...reach.map((o) => this.store.put({ ...keys.sharedIn(o, share.primeOrgId, share.vacancyId), ...pointer })),
        ...before.filter((o) => !reach.includes(o)).map((o) => this.del(keys.sharedIn(o, share.primeOrgId, share.vacancyId))),
        this.auditItem(share.primeOrgId, audit),
      ],
      () => new Error(`share audit ${audit.id} already exists`),
    );
  }

  async removeShare(primeOrgId: string, vacancyId: string, reached: readonly string[], audit: ShareAuditEntry) {
    await this.store.transact(
      [
        this.del(keys.share(primeOrgId, vacancyId)),
        ...reached.map((o) => this.del(keys.sharedIn(o, primeOrgId, vacancyId))),
        this.auditItem(primeOrgId, audit),
      ],
      () => new Error(`share audit ${audit.id} already exists`),
    );
  }

  async listSharedWith(orgId: string, page: PageRequest) {
    return this.store.queryPage({ partition: keys.sharedInPartition(orgId), schema: SharedIn, ...page });
  }

  async getSharedIn(orgId: string, primeOrgId: string, vacancyId: string) {
    return this.store.get(keys.sharedIn(orgId, primeOrgId, vacancyId), SharedIn);
  }

  async listShareAudit(primeOrgId: string, vacancyId: string, page: PageRequest) {
    return this.store.queryPage({
      partition: keys.sharePartition(primeOrgId, vacancyId),
      sortPrefix: keys.shareChildPrefix.audit,
      schema: ShareAuditEntry,
      forward: false,
      ...page,
    });
  }

  async addChainProposal(p: ChainProposal, c: ChainCandidate) {
    await this.store.transact(
      [
        this.store.put(
          { ...keys.chainProposalGuard(p.fromOrgId, p.primeOrgId, p.vacancyId, p.participantId), type: 'ChainProposalGuard', id: p.id },
          'attribute_not_exists(PK)',
        ),
        this.store.put(
          { ...keys.chainProposal(p.fromOrgId, p.primeOrgId, p.vacancyId, p.id), type: 'ChainProposal', ...p },
          'attribute_not_exists(PK)',
        ),
        this.store.put(
          { ...keys.chainCandidate(c.primeOrgId, c.vacancyId, c.id), type: 'ChainCandidate', ...c },
          'attribute_not_exists(PK)',
        ),
      ],
      () => new ConflictError('This participant has already been proposed for this vacancy'),
    );
  }

  async answerChainProposal(p: ChainProposal, c: ChainCandidate) {
    const stillProposed = {
      ConditionExpression: '#s = :proposed',
      ExpressionAttributeNames: { '#s': 'state' },
      ExpressionAttributeValues: { ':proposed': 'proposed' },
    };
    await this.store.transact(
      [
        {
          Put: {
            TableName: this.store.tableName,
            Item: { ...keys.chainProposal(p.fromOrgId, p.primeOrgId, p.vacancyId, p.id), type: 'ChainProposal', ...p },
            ...stillProposed,
          },
        },
        {
          Put: {
            TableName: this.store.tableName,
            Item: { ...keys.chainCandidate(c.primeOrgId, c.vacancyId, c.id), type: 'ChainCandidate', ...c },
            ...stillProposed,
          },
        },
      ],
      () => new ConflictError('The proposal has already been answered'),
    );
  }

  async getChainProposal(orgId: string, primeOrgId: string, vacancyId: string, id: string) {
    return this.store.get(keys.chainProposal(orgId, primeOrgId, vacancyId, id), ChainProposal);
  }

  async listChainProposals(orgId: string, primeOrgId: string, vacancyId: string) {
    return this.store.queryAll({
      partition: keys.chainProposalPartition(orgId),
      sortPrefix: keys.chainProposalPrefix(primeOrgId, vacancyId),
      schema: ChainProposal,
    });
  }

  async listChainCandidates(primeOrgId: string, vacancyId: string) {
    return this.store.queryAll({
      partition: keys.sharePartition(primeOrgId, vacancyId),
      sortPrefix: keys.shareChildPrefix.candidate,
      schema: ChainCandidate,
    });
  }

  async chainProposalsOf(orgId: string, participantId: string) {
    const all = await this.store.queryAll({
      partition: keys.chainProposalPartition(orgId),
      sortPrefix: keys.chainProposalsPrefix,
      schema: ChainProposal,
    });
    return all.filter((p) => p.participantId === participantId);
  }

  async putChainProposal(p: ChainProposal, c: ChainCandidate) {
    await this.store.transact(
      [
        this.store.put({ ...keys.chainProposal(p.fromOrgId, p.primeOrgId, p.vacancyId, p.id), type: 'ChainProposal', ...p }),
        this.store.put({ ...keys.chainCandidate(c.primeOrgId, c.vacancyId, c.id), type: 'ChainCandidate', ...c }),
      ],
      () => new Error('chain proposal write refused'),
    );
  }
}
