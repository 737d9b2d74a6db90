import { describe, expect, it } from 'vitest';
import { chainContactsFor, listSharedWithMe, supplyChainOf } from '../../shared/use-cases/supply-chain.js';
import { sharedVacancyMatches } from '../../shared/use-cases/supply-chain-proposals.js';
import { seedSupplyChains, SUPPLY_CHAIN_USERS } from '../../scripts/seed/supply-chains.js';
import { fakeDeps } from '../support/fakes/fake-deps.js';
import { liaison, ORG, scenario } from '../support/fakes/scenario.js';

/** The demo supply chains (scripts/seed/supply-chains.ts) over the in-memory ports: each persona finds something. */
describe('demo supply chains', () => {
  it('make a prime with two subcontractors (one serving a second prime), shared vacancies with matches, and overlapping contacts', async () => {
    const deps = fakeDeps({ now: '2026-11-25T10:00:00Z' });
    const w = scenario(deps);
    const employer = await w.employer();
    await w.vacancy(employer.id);
    await w.vacancy(employer.id, { title: 'Picker packer' });
    const wrote = await seedSupplyChains(deps, ORG, { primeAdmin: 'u-admin-1', primeLiaison: liaison.sub, now: deps.clock.now() });
    expect(wrote).toEqual({ shared: 2, people: 12, contacts: 2 });
    const as = (sub: string) => {
      const u = SUPPLY_CHAIN_USERS.find((x) => x.sub === sub)!;
      return { sub, role: u.role, orgId: u.org };
    };
    expect((await supplyChainOf(deps, as('u-calder-admin'))).contracts.map((c) => c.otherName).sort()).toEqual([
      'Aire Employment Partnership',
      'West Yorkshire Works',
    ]);
    const shared = await listSharedWithMe(deps, as('u-hunslet-liaison'), { limit: 25 });
    expect(shared.items).toHaveLength(2);
    const m = await sharedVacancyMatches(deps, as('u-hunslet-liaison'), ORG, shared.items[0]!.id);
    expect(m.candidates.length).toBeGreaterThan(0);
    expect((await chainContactsFor(deps, liaison, employer.id)).map((k) => k.orgName).sort()).toEqual([
      'Calder Futures',
      'Hunslet Works Trust',
    ]);
  });
});
