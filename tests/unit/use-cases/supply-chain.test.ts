import { beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../../shared/domain/actor.js';
import { ContractRecord, ShareRequest } from '../../../shared/domain/supply-chain.js';
import {
  endContract,
  getSharedVacancy,
  recordContract,
  listShareAudit,
  listSharedWithMe,
  shareOf,
  shareVacancy,
  supplyChainOf,
  withdrawShare,
} from '../../../shared/use-cases/supply-chain.js';
import { fakeDeps, type FakeDeps } from '../../support/fakes/fake-deps.js';
import { admin, adviser, employerUser, failureOf, liaison, ORG, scenario } from '../../support/fakes/scenario.js';

/** Supply chains: who sees a prime's vacancy across organisations, and how sharing is granted and withdrawn (shared/use-cases/supply-chain.ts). */
let deps: FakeDeps;
let vacancyId: string;
const NOW = '2026-11-25T10:00:00Z';
// ORG is the prime; two subcontractors (the second's contract ends on 30 November) and an organisation outside the chain.
const sub1: Actor = { sub: 'u-sub1-adviser', role: 'adviser', orgId: 'sub-one' };
const sub2: Actor = { sub: 'u-sub2-liaison', role: 'liaison', orgId: 'sub-two' };
const outsider: Actor = { sub: 'u-out-liaison', role: 'liaison', orgId: 'outside-org' };

beforeEach(async () => {
  deps = fakeDeps({ now: NOW });
  const w = scenario(deps);
  const sc = deps.repos.supplyChain;
  await sc.putOrganisation({ id: ORG, name: 'Aire Employment Partnership', kind: 'prime' });
  await sc.putOrganisation({ id: 'sub-one', name: 'Hunslet Works', kind: 'subcontractor' });
  await sc.putOrganisation({ id: 'sub-two', name: 'Calder Futures', kind: 'subcontractor' });
  await sc.putContract({ primeOrgId: ORG, subcontractorOrgId: 'sub-one', startDate: '2026-01-01' });
  await sc.putContract({ primeOrgId: ORG, subcontractorOrgId: 'sub-two', startDate: '2026-01-01', endDate: '2026-11-30' });
  const e = await w.employer();
  vacancyId = (await w.vacancy(e.id)).id;
});

describe('sharing a vacancy with the supply chain', () => {
  it('reaches the whole chain: each subcontractor sees the job and nothing of the prime’s people; an outsider sees nothing', async () => {
    // Act
    const share = await shareVacancy(deps, liaison, vacancyId, ShareRequest.parse({ with: 'chain' }));
    const seen = await getSharedVacancy(deps, sub1, ORG, vacancyId);
    const listed = await listSharedWithMe(deps, sub2, { limit: 25 });
    // Assess
    expect(share.orgIds).toEqual(['sub-one', 'sub-two']);
    expect(seen).toMatchObject({ id: vacancyId, title: 'Warehouse operative', primeName: 'Aire Employment Partnership', status: 'open' });
    for (const hidden of ['employerId', 'statusHistory', 'createdBy', 'updatedBy', 'linkedCohortIds', 'liveSubmissions'])
      expect(seen).not.toHaveProperty(hidden);
    expect(JSON.stringify(seen)).not.toContain(liaison.sub);
    expect(listed.items.map((v) => v.id)).toEqual([vacancyId]);
    expect((await failureOf(getSharedVacancy(deps, outsider, ORG, vacancyId))).status).toBe(404);
    expect((await listSharedWithMe(deps, outsider, { limit: 25 })).items).toEqual([]);
    expect((await failureOf(getSharedVacancy(deps, employerUser('e-1'), ORG, vacancyId))).status).toBe(403);
  });

  it('reaches only those chosen; refuses an organisation outside the chain, naming it, and changes nothing', async () => {
    const refused = await failureOf(
      shareVacancy(deps, liaison, vacancyId, ShareRequest.parse({ with: 'chosen', orgIds: ['sub-one', 'outside-org'] })),
    );
    expect(refused).toMatchObject({ status: 400, errors: [{ path: 'orgIds.1' }] });
    expect(await deps.repos.supplyChain.getShare(ORG, vacancyId)).toBeUndefined();
    await shareVacancy(deps, liaison, vacancyId, ShareRequest.parse({ with: 'chosen', orgIds: ['sub-one'] }));
    expect((await getSharedVacancy(deps, sub1, ORG, vacancyId)).id).toBe(vacancyId);
    expect((await failureOf(getSharedVacancy(deps, sub2, ORG, vacancyId))).status).toBe(404);
    // Sharing again replaces whom it reaches
    await shareVacancy(deps, liaison, vacancyId, ShareRequest.parse({ with: 'chosen', orgIds: ['sub-two'] }));
    expect((await failureOf(getSharedVacancy(deps, sub1, ORG, vacancyId))).status).toBe(404);
    expect((await listSharedWithMe(deps, sub1, { limit: 25 })).items).toEqual([]);
    expect((await shareOf(deps, liaison, vacancyId)).share?.orgIds).toEqual(['sub-two']);
  });

  it('stops the day a subcontractor’s contract ends, and at once when withdrawn; each grant and withdrawal audited', async () => {
    await shareVacancy(deps, liaison, vacancyId, ShareRequest.parse({ with: 'chain' }));
    deps.clock.set('2026-12-01T09:00:00Z');
    expect((await failureOf(getSharedVacancy(deps, sub2, ORG, vacancyId))).status).toBe(404);
    expect((await getSharedVacancy(deps, sub1, ORG, vacancyId)).id).toBe(vacancyId);
    await withdrawShare(deps, liaison, vacancyId);
    expect((await failureOf(getSharedVacancy(deps, sub1, ORG, vacancyId))).status).toBe(404);
    expect((await failureOf(withdrawShare(deps, liaison, vacancyId))).status).toBe(404);
    const audit = await listShareAudit(deps, liaison, vacancyId, { limit: 100 });
    expect(audit.items.map((e) => [e.action, e.actorSub, e.orgIds])).toEqual([
      ['share.withdraw', liaison.sub, ['sub-one', 'sub-two']],
      ['share.grant', liaison.sub, ['sub-one', 'sub-two']],
    ]);
  });

  it('is for a prime’s liaison officers and admins, of open vacancies only', async () => {
    expect((await failureOf(shareVacancy(deps, adviser, vacancyId, { with: 'chain' }))).status).toBe(403);
    expect((await failureOf(shareVacancy(deps, sub2, vacancyId, { with: 'chain' }))).status).toBe(422); // a subcontractor shares nothing
    await deps.repos.supplyChain.putOrganisation({ id: ORG, name: 'Aire Employment Partnership', kind: 'standalone' });
    expect((await failureOf(shareVacancy(deps, liaison, vacancyId, { with: 'chain' }))).status).toBe(422);
    const chain = await supplyChainOf(deps, sub1);
    expect(chain.contracts.map((c) => [c.otherName, c.live])).toEqual([['Aire Employment Partnership', true]]);
  });
});

describe('recording contracts', () => {
  const subAdmin: Actor = { sub: 'u-sub1-admin', role: 'admin', orgId: 'sub-one' };

  it('is for the prime’s admins: names a new subcontractor, makes a standalone organisation a prime, and ends on a day', async () => {
    const fresh = fakeDeps({ now: NOW });
    expect(
      (await failureOf(recordContract(fresh, liaison, { subcontractorOrgId: 'sub-one', subcontractorName: 'x', startDate: '2026-01-01' })))
        .status,
    ).toBe(403);
    await recordContract(
      fresh,
      admin,
      ContractRecord.parse({ subcontractorOrgId: 'sub-one', subcontractorName: 'Hunslet Works', startDate: '2026-01-01' }),
    );
    expect(await fresh.repos.supplyChain.getOrganisation(ORG)).toMatchObject({ kind: 'prime' });
    expect(await fresh.repos.supplyChain.getOrganisation('sub-one')).toEqual({
      id: 'sub-one',
      name: 'Hunslet Works',
      kind: 'subcontractor',
    });
    // The subcontractor's staff see it from their side.
    expect((await supplyChainOf(fresh, sub1)).contracts.map((c) => [c.primeOrgId, c.live])).toEqual([[ORG, true]]);
    expect((await failureOf(endContract(fresh, admin, 'sub-one', { endDate: '2025-12-31' }))).status).toBe(400);
    await endContract(fresh, admin, 'sub-one', { endDate: '2026-11-24' });
    expect((await supplyChainOf(fresh, sub1)).contracts.map((c) => [c.endDate, c.live])).toEqual([['2026-11-24', false]]);
    expect((await failureOf(endContract(fresh, admin, 'sub-nobody', { endDate: '2026-11-24' }))).status).toBe(404);
  });

  it('keeps an organisation one kind: a subcontractor holds no contracts, a prime is nobody’s subcontractor, none with itself', async () => {
    const rec = (actor: Actor, org: string) =>
      recordContract(deps, actor, { subcontractorOrgId: org, subcontractorName: 'Someone', startDate: '2026-01-01' });
    expect((await failureOf(rec(subAdmin, 'sub-three'))).status).toBe(422);
    expect((await failureOf(rec({ ...subAdmin, orgId: 'outside-org' }, ORG))).status).toBe(422);
    expect((await failureOf(rec(admin, ORG))).status).toBe(400);
    // Recorded again, the contract keeps the subcontractor's own name and changes its dates.
    await recordContract(deps, admin, { subcontractorOrgId: 'sub-two', subcontractorName: 'Renamed', startDate: '2026-02-01' });
    const chain = await supplyChainOf(deps, admin);
    expect(chain.contracts.find((c) => c.subcontractorOrgId === 'sub-two')).toMatchObject({
      otherName: 'Calder Futures',
      startDate: '2026-02-01',
    });
  });
});
