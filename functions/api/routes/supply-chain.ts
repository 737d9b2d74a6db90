import { createRoute, z } from '@hono/zod-openapi';
import { Id, ListQuery, OrgId, pageOf, Said, UserId } from '../../../shared/domain/common.js';
import { AgreementInput } from '../../../shared/domain/submission.js';
import {
  ChainContact,
  ChainCandidate,
  ChainProposal,
  ChainProposalRequest,
  Contract,
  ContractEnd,
  ContractRecord,
  Organisation,
  ShareAuditEntry,
  SharedVacancy,
  ShareRequest,
  VacancyShare,
} from '../../../shared/domain/supply-chain.js';
import type { Deps } from '../../../shared/use-cases/deps.js';
import * as chain from '../../../shared/use-cases/supply-chain.js';
import * as proposals from '../../../shared/use-cases/supply-chain-proposals.js';
import type { App } from '../env.js';
import { actorOf, errorResponses, IdParam, json, jsonBody, noBody, security, writeErrorResponses } from './common.js';

const tags = ['Supply chains'];

const SupplyChain = z
  .object({
    organisation: Organisation,
    contracts: z
      .array(
        Contract.extend({
          otherName: Said(200).meta({ description: 'The other party: the subcontractor, or the prime it serves' }),
          live: z.boolean().meta({ description: 'Started, and not ended, today' }),
        }),
      )
      .max(200),
  })
  .meta({ id: 'SupplyChain' });

const ShareState = z
  .object({
    share: VacancyShare.nullable(),
    subcontractors: z.array(z.object({ id: OrgId, name: Said(200) })).max(200),
  })
  .meta({ id: 'VacancyShareState' });

const OrgParam = z.object({ orgId: OrgId.meta({ param: { name: 'orgId', in: 'path' } }) });
const SharedParams = z.object({
  orgId: OrgId.meta({ param: { name: 'orgId', in: 'path' }, description: 'The prime that shared it' }),
  id: Id.meta({ param: { name: 'id', in: 'path' } }),
});

const ProposalParams = SharedParams.extend({ proposalId: Id.meta({ param: { name: 'proposalId', in: 'path' } }) });

const SharedMatches = z
  .object({
    vacancyId: Id,
    candidates: z
      .array(
        z.object({
          participantId: Id,
          name: Said(210).meta({ description: 'First name and initial: your own organisation’s participant' }),
          adviserId: UserId,
          score: z.number().min(0).max(100),
        }),
      )
      .max(proposals.SHARED_MATCHES),
  })
  .meta({ id: 'SharedVacancyMatches' });

const ProposalList = z
  .object({ items: z.array(ChainProposal.extend({ participantName: Said(210) })).max(500) })
  .meta({ id: 'ChainProposalList' });
const CandidateList = z.object({ items: z.array(ChainCandidate).max(500) }).meta({ id: 'ChainCandidateList' });

/**
 * Work Programme supply chains: a prime's contracts with its subcontractors, the vacancies it shares with
 * them, and what each subcontractor sees of those (the job, never the prime's people or records).
 */
export function supplyChainRoutes(app: App, deps: Deps): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/supply-chain',
      operationId: 'getSupplyChain',
      tags,
      summary: 'Your organisation and its supply-chain contracts',
      description:
        'Standalone, prime or subcontractor; as a prime its subcontractors, as a subcontractor the primes it serves, live and ended, with names and dates.',
      security,
      responses: { 200: json(SupplyChain, 'The organisation and its contracts'), ...errorResponses },
    }),
    async (c) => c.json(await chain.supplyChainOf(deps, actorOf(c)), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/supply-chain/contracts',
      operationId: 'recordSupplyChainContract',
      tags,
      summary: 'Record a contract with a subcontractor (a prime’s admins)',
      description:
        'Names the subcontractor organisation and the contract’s dates; recording it again changes the dates. Your organisation becomes a prime ' +
        'if it was standalone. A subcontractor may not hold contracts of its own, nor a prime be another’s subcontractor (422).',
      security,
      request: jsonBody(ContractRecord),
      responses: { 201: json(Contract, 'The contract'), ...writeErrorResponses },
    }),
    async (c) => c.json(await chain.recordContract(deps, actorOf(c), c.req.valid('json')), 201),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/supply-chain/contracts/{orgId}/end',
      operationId: 'endSupplyChainContract',
      tags,
      summary: 'End a contract with a subcontractor (a prime’s admins)',
      description: 'Its last day: from the day after, the subcontractor no longer sees the vacancies you shared with it.',
      security,
      request: { params: OrgParam, ...jsonBody(ContractEnd) },
      responses: { 200: json(Contract, 'The contract, ended'), ...writeErrorResponses },
    }),
    async (c) => c.json(await chain.endContract(deps, actorOf(c), c.req.valid('param').orgId, c.req.valid('json')), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/vacancies/{id}/share',
      operationId: 'getVacancyShare',
      tags,
      summary: 'With whom your vacancy is shared, and whom it could be',
      description: 'The share (null when not shared) and your live subcontractors by name.',
      security,
      request: { params: IdParam },
      responses: { 200: json(ShareState, 'The share and the supply chain'), ...errorResponses },
    }),
    async (c) => c.json(await chain.shareOf(deps, actorOf(c), c.req.valid('param').id), 200),
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/vacancies/{id}/share',
      operationId: 'shareVacancy',
      tags,
      summary: 'Share an open vacancy with your supply chain (a prime’s liaison officers and admins)',
      description:
        '`chain`: every subcontractor with a live contract today; `chosen`: those named in `orgIds` (one that is not a live subcontractor is a 400 naming it). ' +
        'Sharing again replaces whom it reaches. Their staff see the job, never your people, employer records or candidates. Audited.',
      security,
      request: { params: IdParam, ...jsonBody(ShareRequest) },
      responses: { 200: json(VacancyShare, 'The share'), ...writeErrorResponses },
    }),
    async (c) => c.json(await chain.shareVacancy(deps, actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/vacancies/{id}/share',
      operationId: 'withdrawVacancyShare',
      tags,
      summary: 'Stop sharing a vacancy',
      description: 'Every subcontractor it reached loses sight of it at once. Audited.',
      security,
      request: { params: IdParam, ...noBody },
      responses: { 204: { description: 'No longer shared' }, ...writeErrorResponses },
    }),
    async (c) => {
      await chain.withdrawShare(deps, actorOf(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/vacancies/{id}/share/audit',
      operationId: 'listVacancyShareAudit',
      tags,
      summary: 'Who shared the vacancy with whom, and withdrew it',
      description: 'Newest first. Staff ids and organisation ids only: no personal data.',
      security,
      request: { params: IdParam, query: ListQuery },
      responses: { 200: json(pageOf(ShareAuditEntry, 'ShareAuditPage'), 'A page of the audit'), ...errorResponses },
    }),
    async (c) => c.json(await chain.listShareAudit(deps, actorOf(c), c.req.valid('param').id, c.req.valid('query')), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/shared-vacancies',
      operationId: 'listSharedVacancies',
      tags,
      summary: 'Vacancies primes shared with your organisation',
      description:
        'Only while the share reaches you and your contract with that prime is live. The job as `SharedVacancy`: nothing of the prime’s people.',
      security,
      request: { query: ListQuery },
      responses: { 200: json(pageOf(SharedVacancy, 'SharedVacancyPage'), 'A page of shared vacancies'), ...errorResponses },
    }),
    async (c) => c.json(await chain.listSharedWithMe(deps, actorOf(c), c.req.valid('query')), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/shared-vacancies/{orgId}/{id}',
      operationId: 'getSharedVacancy',
      tags,
      summary: 'One vacancy a prime shared with your organisation',
      description: 'A 404 if it is not shared with you today, as if it did not exist.',
      security,
      request: { params: SharedParams },
      responses: { 200: json(SharedVacancy, 'The shared vacancy'), ...errorResponses },
    }),
    async (c) => {
      const { orgId, id } = c.req.valid('param');
      return c.json(await chain.getSharedVacancy(deps, actorOf(c), orgId, id), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/shared-vacancies/{orgId}/{id}/matches',
      operationId: 'listSharedVacancyMatches',
      tags,
      summary: 'Your own caseload’s best matches for a shared vacancy',
      description:
        'Ranked over your organisation’s own participants (who consent to be matched), never the prime’s; those you have already proposed are left out. ' +
        'Advisers see their own caseload only.',
      security,
      request: { params: SharedParams },
      responses: { 200: json(SharedMatches, 'Your best-ranked participants'), ...errorResponses },
    }),
    async (c) => {
      const { orgId, id } = c.req.valid('param');
      return c.json(await proposals.sharedVacancyMatches(deps, actorOf(c), orgId, id), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/shared-vacancies/{orgId}/{id}/proposals',
      operationId: 'listSharedVacancyProposals',
      tags,
      summary: 'Your own participants proposed for a shared vacancy',
      description: 'Your organisation’s records: whom, their adviser, and whether their adviser agreed. Advisers see their own caseload’s.',
      security,
      request: { params: SharedParams },
      responses: { 200: json(ProposalList, 'Your proposals'), ...errorResponses },
    }),
    async (c) => {
      const { orgId, id } = c.req.valid('param');
      return c.json({ items: await proposals.listSharedProposals(deps, actorOf(c), orgId, id) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/shared-vacancies/{orgId}/{id}/proposals',
      operationId: 'proposeForSharedVacancy',
      tags,
      summary: 'Propose one of your own participants for a shared vacancy',
      description:
        'Your liaison officers and admins, or the participant’s own adviser. The prime sees a candidate reference and your organisation’s name ' +
        'until the participant’s adviser agrees, then only what the participant consented to share. Once per participant and vacancy (409).',
      security,
      request: { params: SharedParams, ...jsonBody(ChainProposalRequest) },
      responses: { 201: json(ChainProposal, 'The proposal'), ...writeErrorResponses },
    }),
    async (c) => {
      const { orgId, id } = c.req.valid('param');
      return c.json(await proposals.proposeForShared(deps, actorOf(c), orgId, id, c.req.valid('json')), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/shared-vacancies/{orgId}/{id}/proposals/{proposalId}/agreement',
      operationId: 'answerSharedVacancyProposal',
      tags,
      summary: 'The participant’s adviser agrees to a proposal, or declines it',
      description: 'Agreed: the prime sees what the participant consents to share, frozen now. Answered once (409 after).',
      security,
      request: { params: ProposalParams, ...jsonBody(AgreementInput) },
      responses: { 200: json(ChainProposal, 'The proposal, answered'), ...writeErrorResponses },
    }),
    async (c) => {
      const { orgId, id, proposalId } = c.req.valid('param');
      return c.json(await proposals.answerSharedProposal(deps, actorOf(c), orgId, id, proposalId, c.req.valid('json')), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/vacancies/{id}/chain-candidates',
      operationId: 'listVacancyChainCandidates',
      tags,
      summary: 'Candidates your supply chain proposed for your vacancy (the prime’s liaison officers and admins)',
      description:
        'A reference and the subcontractor’s name for each; once the participant’s adviser agreed, the fields the participant consented to share. ' +
        'Never their id, name (unless consented), adviser or notes.',
      security,
      request: { params: IdParam },
      responses: { 200: json(CandidateList, 'The candidates'), ...errorResponses },
    }),
    async (c) => c.json({ items: await proposals.listChainCandidates(deps, actorOf(c), c.req.valid('param').id) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/employers/{id}/chain-contacts',
      operationId: 'listEmployerChainContacts',
      tags,
      summary: 'Who else in your supply chain has been in touch with this employer lately',
      description:
        'The last 30 days, newest first: the organisation, the officer’s name, when and how (call, visit…), never what was said. ' +
        'The same company is found in each organisation’s own records by company number, else by name and postcode.',
      security,
      request: { params: IdParam },
      responses: {
        200: json(z.object({ items: z.array(ChainContact).max(5000) }).meta({ id: 'ChainContactList' }), 'Recent contacts'),
        ...errorResponses,
      },
    }),
    async (c) => c.json({ items: await chain.chainContactsFor(deps, actorOf(c), c.req.valid('param').id) }, 200),
  );
}
