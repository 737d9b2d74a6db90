import { beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../../shared/domain/actor.js';
import type { Participant } from '../../../shared/domain/participant.js';
import { EmployerCreate, InteractionCreate } from '../../../shared/domain/employer.js';
import { createEmployer, logInteraction } from '../../../shared/use-cases/employers.js';
import { chainContactsFor, shareVacancy, withdrawShare } from '../../../shared/use-cases/supply-chain.js';
import {
  answerSharedProposal,
  listChainCandidates,
  listSharedProposals,
  proposeForShared,
  sharedVacancyMatches,
} from '../../../shared/use-cases/supply-chain-proposals.js';
import { eraseParticipant } from '../../../shared/use-cases/subject-rights.js';
import { fakeDeps, type FakeDeps } from '../../support/fakes/fake-deps.js';
import { failureOf, liaison, ORG, scenario } from '../../support/fakes/scenario.js';

/**
 * A subcontractor's own caseload for a prime's shared vacancy (shared/use-cases/supply-chain-proposals.ts):
 * matched over its own pool only, proposed by its staff, agreed by the participant's own adviser; the prime
 * sees a reference until then, and afterwards only what the participant consented to share.
 */
let deps: FakeDeps;
let vacancyId: string;
let own: Participant;
let primes: Participant;
const subAdviser: Actor = { sub: 'u-sub1-adviser', role: 'adviser', orgId: 'sub-one' };
const subOtherAdviser: Actor = { sub: 'u-sub1-adviser-2', role: 'adviser', orgId: 'sub-one' };
const subLiaison: Actor = { sub: 'u-sub1-liaison', role: 'liaison', orgId: 'sub-one' };
const outsider: Actor = { sub: 'u-out-liaison', role: 'liaison', orgId: 'outside-org' };

beforeEach(async () => {
  deps = fakeDeps({ now: '2026-11-25T10:00:00Z' });
  const w = scenario(deps);
  const sc = deps.repos.supplyChain;
  await sc.putOrganisation({ id: ORG, name: 'Aire Employment Partnership', kind: 'prime' });
  await sc.putOrganisation({ id: 'sub-one', name: 'Hunslet Works', kind: 'subcontractor' });
  await sc.putContract({ primeOrgId: ORG, subcontractorOrgId: 'sub-one', startDate: '2026-01-01' });
  vacancyId = (await w.vacancy((await w.employer()).id)).id;
  primes = await w.participant({ firstName: 'Priya', email: 'priya.private@example.com' });
  own = await w.participant({ firstName: 'Sally', lastName: 'Okafor', email: 'sally.private@example.com' }, subAdviser);
  await shareVacancy(deps, liaison, vacancyId, { with: 'chain' });
});

describe('a shared vacancy across the subcontractor’s own caseload', () => {
  it('matches over the subcontractor’s own pool only; neither the prime nor an outsider reaches it', async () => {
    const m = await sharedVacancyMatches(deps, subLiaison, ORG, vacancyId);
    expect(m.candidates.map((c) => c.participantId)).toEqual([own.id]);
    expect(JSON.stringify(m)).not.toContain(primes.id);
    // An adviser sees their own caseload only.
    expect((await sharedVacancyMatches(deps, subOtherAdviser, ORG, vacancyId)).candidates).toEqual([]);
    expect((await failureOf(sharedVacancyMatches(deps, outsider, ORG, vacancyId))).status).toBe(404);
    expect((await failureOf(sharedVacancyMatches(deps, liaison, ORG, vacancyId))).status).toBe(404);
  });

  it('shows the prime a reference until the own adviser agrees, then only what the participant consented to share', async () => {
    const p = await proposeForShared(deps, subLiaison, ORG, vacancyId, { participantId: own.id });
    const before = await listChainCandidates(deps, liaison, vacancyId);
    expect(before).toEqual([expect.objectContaining({ candidateRef: p.candidateRef, fromOrgName: 'Hunslet Works', state: 'proposed' })]);
    expect(before[0]).not.toHaveProperty('view');
    for (const hidden of [own.id, 'Sally', 'Okafor', subAdviser.sub, subLiaison.sub]) expect(JSON.stringify(before)).not.toContain(hidden);
    // Proposed: no longer among the matches, and not twice.
    expect((await sharedVacancyMatches(deps, subLiaison, ORG, vacancyId)).candidates).toEqual([]);
    expect((await failureOf(proposeForShared(deps, subAdviser, ORG, vacancyId, { participantId: own.id }))).status).toBe(409);

    expect((await failureOf(answerSharedProposal(deps, subLiaison, ORG, vacancyId, p.id, { agreed: true }))).status).toBe(403);
    expect((await failureOf(answerSharedProposal(deps, subOtherAdviser, ORG, vacancyId, p.id, { agreed: true }))).status).toBe(404);
    await answerSharedProposal(deps, subAdviser, ORG, vacancyId, p.id, { agreed: true });
    const after = await listChainCandidates(deps, liaison, vacancyId);
    expect(after[0]).toMatchObject({ state: 'agreed', view: { firstName: 'Sally', skills: ['picking', 'customer service'] } });
    for (const hidden of [own.id, 'Okafor', 'sally.private', subAdviser.sub]) expect(JSON.stringify(after)).not.toContain(hidden);
    expect((await failureOf(answerSharedProposal(deps, subAdviser, ORG, vacancyId, p.id, { agreed: false }))).status).toBe(409);
    expect((await listSharedProposals(deps, subLiaison, ORG, vacancyId)).map((x) => [x.participantName, x.state])).toEqual([
      ['Sally O.', 'agreed'],
    ]);
    // Erased by their organisation: the prime's candidate loses the consented view with everything else of theirs.
    await eraseParticipant(deps, { sub: 'u-sub1-admin', role: 'admin', orgId: 'sub-one' }, own.id);
    const erased = await listChainCandidates(deps, liaison, vacancyId);
    expect(erased[0]).toMatchObject({ candidateRef: p.candidateRef, state: 'agreed' });
    expect(JSON.stringify(erased)).not.toContain('Sally');
  });

  it('refuses the prime’s own participants, people not job-ready, and a vacancy no longer shared', async () => {
    const w = scenario(deps);
    const amber = await w.participant({ firstName: 'Amber', readiness: 'amber' }, subAdviser);
    expect(await failureOf(proposeForShared(deps, subLiaison, ORG, vacancyId, { participantId: primes.id }))).toMatchObject({
      status: 422,
      errors: [{ path: 'participantId', message: 'unknown participant' }],
    });
    expect((await failureOf(proposeForShared(deps, subLiaison, ORG, vacancyId, { participantId: amber.id }))).status).toBe(422);
    expect((await failureOf(proposeForShared(deps, subOtherAdviser, ORG, vacancyId, { participantId: own.id }))).status).toBe(422);
    await withdrawShare(deps, liaison, vacancyId);
    expect((await failureOf(proposeForShared(deps, subLiaison, ORG, vacancyId, { participantId: own.id }))).status).toBe(404);
  });
});

describe('employer contact coordination across the supply chain', () => {
  const subTwo: Actor = { sub: 'u-sub2-liaison', role: 'liaison', orgId: 'sub-two' };
  const company = (over: Record<string, unknown> = {}) =>
    EmployerCreate.parse({
      name: 'Hartley Logistics 1',
      sector: 'warehousing-logistics',
      sizeBand: 'large',
      address: { line1: '4 Canal Wharf', town: 'Leeds', postcode: 'LS11 5PQ' },
      accountManagerId: subLiaison.sub,
      ...over,
    });
  const call = (occurredAt: string, summary: string) => InteractionCreate.parse({ kind: 'call', occurredAt, summary, outcome: 'positive' });

  it('tells each organisation of the others’ recent contacts with the same company (who, when, how), never what was said', async () => {
    await deps.repos.supplyChain.putOrganisation({ id: 'sub-two', name: 'Calder Futures', kind: 'subcontractor' });
    await deps.repos.supplyChain.putContract({ primeOrgId: ORG, subcontractorOrgId: 'sub-two', startDate: '2026-01-01' });
    const at = '2026-11-25T10:00:00.000Z';
    await deps.directory.create({
      id: subLiaison.sub,
      orgId: 'sub-one',
      name: 'Sam Hunslet',
      email: 'sam@hunslet.example.org',
      role: 'liaison',
      active: true,
      createdAt: at,
      updatedAt: at,
    });
    const primeRecord = (await deps.repos.employers.list(ORG, { by: 'all' }, { limit: 5 })).items[0]!;
    // The subcontractor holds the same company under its own id (same normalised name and postcode).
    const theirs = await createEmployer(deps, subLiaison, company({ name: 'HARTLEY  LOGISTICS 1' }));
    await logInteraction(deps, subLiaison, theirs.id, call('2026-11-24T09:00:00Z', 'SECRET-PRICE-TALK'));
    await logInteraction(deps, subLiaison, theirs.id, call('2026-09-01T09:00:00Z', 'Too long ago'));
    // An organisation outside the chain calling the same company is not said.
    await createEmployer(deps, { ...outsider, role: 'liaison' }, company({ accountManagerId: outsider.sub }));

    const seen = await chainContactsFor(deps, liaison, primeRecord.id);
    expect(seen).toEqual([
      { orgId: 'sub-one', orgName: 'Hunslet Works', officerName: 'Sam Hunslet', occurredAt: '2026-11-24T09:00:00Z', kind: 'call' },
    ]);
    expect(JSON.stringify(seen)).not.toContain('SECRET');
    // A sibling subcontractor of the same prime sees it too; the prime's own contacts reach the subcontractor.
    await createEmployer(deps, subTwo, company({ accountManagerId: subTwo.sub }));
    const sibling = (await deps.repos.employers.list('sub-two', { by: 'all' }, { limit: 5 })).items[0]!;
    expect((await chainContactsFor(deps, subTwo, sibling.id)).map((k) => k.orgId)).toEqual(['sub-one']);
    await logInteraction(deps, liaison, primeRecord.id, call('2026-11-25T08:00:00Z', 'Prime called'));
    expect((await chainContactsFor(deps, subLiaison, theirs.id)).map((k) => [k.orgId, k.officerName])).toEqual([[ORG, 'An officer']]);
    expect((await failureOf(chainContactsFor(deps, subAdviser, theirs.id))).status).toBe(403);
    expect((await failureOf(chainContactsFor(deps, subLiaison, primeRecord.id))).status).toBe(404);
  });
});
