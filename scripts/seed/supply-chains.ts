import type { Actor } from '../../shared/domain/actor.js';
import { EmployerCreate, InteractionCreate } from '../../shared/domain/employer.js';
import { ParticipantCreate } from '../../shared/domain/participant.js';
import { createEmployer, logInteraction } from '../../shared/use-cases/employers.js';
import type { Deps } from '../../shared/use-cases/deps.js';
import { createParticipant } from '../../shared/use-cases/participants.js';
import { recordContract, shareVacancy } from '../../shared/use-cases/supply-chain.js';
import type { DemoUser } from './generate.js';
import { loadDemoStaff } from './load.js';

/*
 * The demo supply chains (issue 14): the demo district's organisation is a prime, West Yorkshire Works,
 * with two subcontractors; Calder Futures also serves a second prime, Aire Employment Partnership. The
 * prime shares a few open vacancies; each subcontractor has a small caseload of its own near Leeds (so its
 * matches for a shared vacancy show someone) and its own records of some of the prime's employers, with
 * recent calls, so contact coordination has something to say. Every subcontractor has demo users who can
 * sign in on the local sign-in page. Written through the use cases, once (a meta item guards it).
 */

export const SECOND_PRIME = 'aire-partnership';
export const SUBCONTRACTORS = [
  { id: 'hunslet-works', name: 'Hunslet Works Trust', domain: 'hunslet-works.example.org' },
  { id: 'calder-futures', name: 'Calder Futures', domain: 'calder-futures.example.org' },
] as const;

const person = (sub: string, role: DemoUser['role'], name: string, domain: string, org: string) => ({
  sub,
  role,
  name,
  email: `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@${domain}`,
  team: 'Supply chain',
  org,
});

/** The subcontractors' and the second prime's demo users, with the organisation each signs in to. */
export const SUPPLY_CHAIN_USERS: readonly (DemoUser & { org: string })[] = [
  person('u-hunslet-admin', 'admin', 'Marcia Lindqvist', 'hunslet-works.example.org', 'hunslet-works'),
  person('u-hunslet-liaison', 'liaison', 'Tariq Mahmood', 'hunslet-works.example.org', 'hunslet-works'),
  person('u-hunslet-adviser', 'adviser', 'Bethany Crowther', 'hunslet-works.example.org', 'hunslet-works'),
  person('u-calder-admin', 'admin', 'Owen Pickles', 'calder-futures.example.org', 'calder-futures'),
  person('u-calder-liaison', 'liaison', 'Aisha Begum', 'calder-futures.example.org', 'calder-futures'),
  person('u-calder-adviser', 'adviser', 'Declan Firth', 'calder-futures.example.org', 'calder-futures'),
  person('u-aire-admin', 'admin', 'Helen Sutcliffe', 'aire-partnership.example.org', SECOND_PRIME),
  person('u-aire-liaison', 'liaison', 'Graham Oddie', 'aire-partnership.example.org', SECOND_PRIME),
];

const actor = (sub: string): Actor => {
  const u = SUPPLY_CHAIN_USERS.find((x) => x.sub === sub)!;
  return { sub: u.sub, role: u.role, orgId: u.org };
};

const FIRST_NAMES = ['Kyle', 'Jade', 'Imran', 'Chloe', 'Liam', 'Sana', 'Reece', 'Megan', 'Tomasz', 'Ellie'];
const LAST_NAMES = ['Hirst', 'Akhtar', 'Brook', 'Nowak', 'Ramsden', 'Iqbal', 'Holroyd', 'Kaur', 'Senior', 'Lund'];
const HOMES = [
  { postcode: 'LS10 1AB', location: { lat: 53.77, lng: -1.53 } },
  { postcode: 'LS11 8PL', location: { lat: 53.78, lng: -1.56 } },
  { postcode: 'LS9 8AB', location: { lat: 53.8, lng: -1.51 } },
];
const SKILLS = [
  ['picking', 'manual handling'],
  ['customer service', 'cash handling'],
  ['food hygiene', 'cleaning'],
  ['forklift', 'picking'],
];

/** Loads the demo supply chains into a district already loaded for `primeOrgId`; returns what it wrote. */
export async function seedSupplyChains(deps: Deps, primeOrgId: string, opts: { primeAdmin: string; primeLiaison: string; now: Date }) {
  const nowIso = opts.now.toISOString();
  for (const org of [...SUBCONTRACTORS.map((s) => s.id), SECOND_PRIME])
    await loadDemoStaff(deps.directory, { orgId: org, users: SUPPLY_CHAIN_USERS.filter((u) => u.org === org), now: nowIso });
  const sc = deps.repos.supplyChain;
  await sc.putOrganisation({ id: primeOrgId, name: 'West Yorkshire Works', kind: 'prime' });
  await sc.putOrganisation({ id: SECOND_PRIME, name: 'Aire Employment Partnership', kind: 'prime' });
  const primeAdmin: Actor = { sub: opts.primeAdmin, role: 'admin', orgId: primeOrgId };
  const primeLiaison: Actor = { sub: opts.primeLiaison, role: 'liaison', orgId: primeOrgId };
  for (const s of SUBCONTRACTORS)
    await recordContract(deps, primeAdmin, {
      subcontractorOrgId: s.id,
      subcontractorName: s.name,
      startDate: '2026-04-01',
      endDate: '2028-03-31',
    });
  await recordContract(deps, actor('u-aire-admin'), {
    subcontractorOrgId: 'calder-futures',
    subcontractorName: 'Calder Futures',
    startDate: '2026-06-01',
  });

  // A few of the prime's open vacancies, shared: the first with the whole chain, the rest with Hunslet Works only.
  const open = (await deps.repos.vacancies.list(primeOrgId, { by: 'status', status: 'open' }, { limit: 4 })).items;
  for (const [i, v] of open.entries())
    await shareVacancy(deps, primeLiaison, v.id, i === 0 ? { with: 'chain' } : { with: 'chosen', orgIds: ['hunslet-works'] });

  // Each subcontractor's own caseload: job-ready people near Leeds who consent to be matched.
  let people = 0;
  for (const [si, s] of SUBCONTRACTORS.entries()) {
    const adviser = actor(`u-${s.id.split('-')[0]}-adviser`);
    for (let i = 0; i < 6; i++) {
      const n = si * 6 + i;
      await createParticipant(
        deps,
        adviser,
        ParticipantCreate.parse({
          firstName: FIRST_NAMES[n % FIRST_NAMES.length],
          lastName: LAST_NAMES[(n * 3) % LAST_NAMES.length],
          rightToWork: true,
          home: HOMES[n % HOMES.length],
          unemployedSince: '2025-09-01',
          skills: SKILLS[n % SKILLS.length],
          readiness: i < 5 ? 'green' : 'amber',
          consent: { matching: true, shareWithEmployers: ['firstName', 'skills'] },
        }),
      );
      people++;
    }
  }

  // Overlapping employer contacts: each subcontractor holds its own record of three of the prime's
  // employers (same name and postcode) and called them lately.
  const theirs = (await deps.repos.employers.list(primeOrgId, { by: 'all' }, { limit: 3 })).items;
  let contacts = 0;
  for (const [si, s] of SUBCONTRACTORS.entries()) {
    const officer = actor(`u-${s.id.split('-')[0]}-liaison`);
    for (const [ei, e] of theirs.entries()) {
      const own = await createEmployer(
        deps,
        officer,
        EmployerCreate.parse({
          name: e.name,
          sector: e.sector,
          sizeBand: e.sizeBand,
          address: { line1: e.address.line1, town: e.address.town, postcode: e.address.postcode },
          accountManagerId: officer.sub,
        }),
      );
      const occurredAt = new Date(opts.now.getTime() - (2 + si * 3 + ei) * 86_400_000).toISOString();
      await logInteraction(
        deps,
        officer,
        own.id,
        InteractionCreate.parse({
          kind: ei % 2 ? 'visit' : 'call',
          occurredAt,
          summary: 'Asked about entry-level roles',
          outcome: 'positive',
        }),
      );
      contacts++;
    }
  }
  return { shared: open.length, people, contacts };
}
