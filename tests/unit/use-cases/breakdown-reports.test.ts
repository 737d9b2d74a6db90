import { beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../../shared/domain/actor.js';
import { PAYMENT_GROUPS } from '../../../shared/domain/participant.js';
import { officerReport, paymentGroupReport, repeatBusinessReport } from '../../../shared/use-cases/reports.js';
import { recordCheckin } from '../../../shared/use-cases/placements.js';
import { propose, recordAgreement, recordDecision, recordOutcome } from '../../../shared/use-cases/submissions.js';
import { sweepDue } from '../../../shared/use-cases/sweep.js';
import { fakeDeps, type FakeDeps } from '../../support/fakes/fake-deps.js';
import { admin, adviserOf, deliverAll, failureOf, liaison, ORG, scenario } from '../../support/fakes/scenario.js';

/**
 * The reports split by payment group, employer and liaison officer, against a district counted by hand:
 * shared/use-cases/reports.ts.
 */
let deps: FakeDeps;
let w: ReturnType<typeof scenario>;
const liaison2: Actor = { sub: 'u-liaison-2', role: 'liaison', orgId: ORG };

beforeEach(() => {
  deps = fakeDeps({ now: '2026-11-25T10:00:00Z' });
  w = scenario(deps);
});

const NOV = { from: '2026-11', to: '2026-11' };

/** Put forward by `by`, agreed, invited; hired when `hire`. */
async function through(by: Actor, vacancyId: string, paymentGroup: string | undefined, hire: boolean) {
  const p = await w.participant(paymentGroup ? { paymentGroup } : {});
  const [s] = await propose(deps, by, vacancyId, { participantIds: [p.id] });
  await recordAgreement(deps, adviserOf(p), s!.id, { agreed: true });
  await recordDecision(deps, by, s!.id, { decision: 'interview' });
  if (hire) await recordOutcome(deps, by, s!.id, { outcome: 'hired', startDate: '2026-12-07' });
}

/**
 * By hand, all in November 2026: Hartley 1 (two positions) hires two people in payment group JSA 18–24,
 * both put forward by officer 1; Hartley 2 hires one in ESA ex-IB, put forward by officer 2; Hartley 3
 * interviews one with no payment group recorded (officer 1) and hires nobody. Hartley 4 opened its
 * vacancy in October and did nothing in November.
 */
async function district() {
  deps.clock.set('2026-10-20T10:00:00Z');
  const quiet = await w.employer();
  await w.vacancy(quiet.id);
  deps.clock.set('2026-11-25T10:00:00Z');
  const one = await w.openVacancy({ positions: 2 });
  const two = await w.openVacancy({ positions: 1 });
  const three = await w.openVacancy({ positions: 1 });
  await through(liaison, one.vacancy.id, 'jsa-18-24', true);
  await through(liaison, one.vacancy.id, 'jsa-18-24', true);
  await through(liaison2, two.vacancy.id, 'esa-ex-ib', true);
  await through(liaison, three.vacancy.id, undefined, false);
  await deliverAll(deps);
  return { quiet, one: one.employer, two: two.employer, three: three.employer };
}

describe('outcomes by payment group', () => {
  it('count what happened to people in each group, every group listed in the programme’s order, not recorded last', async () => {
    await district();
    const r = await paymentGroupReport(deps, admin, NOV);
    expect(r.groups.map((g) => g.group)).toEqual([...PAYMENT_GROUPS, 'none']);
    expect(r.groups.filter((g) => g.proposed > 0).map((g) => [g.group, g.proposed, g.submitted, g.interviews, g.hires])).toEqual([
      ['jsa-18-24', 2, 2, 2, 2],
      ['esa-ex-ib', 1, 1, 1, 1],
      ['none', 1, 1, 1, 0],
    ]);
    expect(r.groups.find((g) => g.group === 'uc-intensive')).toMatchObject({ proposed: 0, hires: 0, ratios: { interviewsPerHire: null } });
    const oct = await paymentGroupReport(deps, admin, { from: '2026-10', to: '2026-10' });
    expect(oct.groups.every((g) => g.proposed === 0 && g.hires === 0)).toBe(true);
  });

  it('are for admins only: a liaison officer is refused before anything is read', async () => {
    expect((await failureOf(paymentGroupReport(deps, liaison, NOV))).status).toBe(403);
    expect((await failureOf(paymentGroupReport(deps, liaison, { from: 'soon' }))).status).toBe(403);
  });
});

describe('the 13-week milestone, split', () => {
  it('counts, in the month it fell in, who reached it and who was still in work, by payment group and by employer', async () => {
    // Prepare: the district's three hires all start on 7 December, so their 13 weeks come on 8 March 2027.
    // By hand: of the two JSA 18–24 hires at Hartley 1, one is still in work and one is not; the ESA ex-IB
    // hire at Hartley 2 is in work. The check-ins are recorded after the sweeper announced them due.
    const { one, two } = await district();
    deps.clock.set('2027-03-08T07:00:00Z');
    await sweepDue(deps);
    deps.clock.set('2027-03-10T09:00:00Z');
    const placements = [...deps.repos.tables.placements.values()].sort((a, b) => a.id.localeCompare(b.id));
    expect(placements).toHaveLength(3);
    const groupOf = async (participantId: string) => (await deps.repos.participants.get(ORG, participantId))!.paymentGroup;
    let jsaSeen = 0;
    for (const pl of placements) {
      const inWork = (await groupOf(pl.participantId)) !== 'jsa-18-24' || jsaSeen++ === 0;
      await recordCheckin(deps, { sub: pl.adviserId, role: 'adviser', orgId: ORG }, pl.id, { milestone: 13, inWork });
    }
    await deliverAll(deps);
    // Act
    const march = { from: '2027-03', to: '2027-03' };
    const byGroup = await paymentGroupReport(deps, admin, march);
    const byEmployer = await repeatBusinessReport(deps, liaison, march);
    // Assess
    expect(
      byGroup.groups.filter((g) => g.reached13 > 0).map((g) => [g.group, g.reached13, g.sustained13, g.ratios.sustained13Rate]),
    ).toEqual([
      ['jsa-18-24', 2, 1, 0.5],
      ['esa-ex-ib', 1, 1, 1],
    ]);
    expect(byEmployer.employers.map((e) => [e.employerId, e.hires, e.reached13, e.sustained13])).toEqual([
      [one.id, 0, 2, 1],
      [two.id, 0, 1, 1],
    ]);
  });
});

describe('repeat business', () => {
  it('lists the employers active in the period, busiest first, with their share of hires', async () => {
    const { one, two, three } = await district();
    const r = await repeatBusinessReport(deps, liaison, NOV);
    expect(r.employers.map((e) => [e.employerId, e.name, e.vacanciesOpened, e.proposed, e.hires, e.shareOfHires])).toEqual([
      [one.id, one.name, 1, 2, 2, 0.67],
      [two.id, two.name, 1, 1, 1, 0.33],
      [three.id, three.name, 1, 1, 0, 0],
    ]);
    expect(r).toMatchObject({
      hires: 3,
      employersWithHires: 2,
      repeatEmployers: 1,
      repeatHiresShare: 0.67,
      // 15% of the two employers with hires, rounded up: one employer, with two of the three hires.
      topEmployers: { count: 1, hiresShare: 0.67 },
    });
  });

  it('an employer only active before the period is not in it; an empty period has no shares', async () => {
    const { quiet } = await district();
    const oct = await repeatBusinessReport(deps, liaison, { from: '2026-10', to: '2026-10' });
    expect(oct.employers.map((e) => [e.employerId, e.vacanciesOpened, e.hires, e.shareOfHires])).toEqual([[quiet.id, 1, 0, null]]);
    expect(oct).toMatchObject({ hires: 0, employersWithHires: 0, repeatHiresShare: null, topEmployers: { count: 0, hiresShare: null } });
  });
});

describe('interviews per job and submissions per interview by officer', () => {
  it('count each officer’s candidates through to hire', async () => {
    await district();
    const r = await officerReport(deps, liaison, NOV);
    expect(
      r.officers.map((o) => [
        o.group,
        o.proposed,
        o.submitted,
        o.interviews,
        o.hires,
        o.ratios.submissionsPerInterview,
        o.ratios.interviewsPerHire,
      ]),
    ).toEqual([
      ['u-liaison-1', 3, 3, 3, 2, 1, 1.5],
      ['u-liaison-2', 1, 1, 1, 1, 1, 1],
    ]);
  });

  it('and by team, as the staff directory has each officer now: officers it gives no team are under none', async () => {
    // Prepare: officer 1 in Leeds Hunslet; officer 2 not in the directory; a third officer in Leeds Hunslet
    // puts one forward who is interviewed and not hired.
    const member = (id: string, name: string, team?: string) =>
      deps.directory.create({
        id,
        orgId: ORG,
        name,
        email: `${id}@provider.example.org`,
        role: 'liaison',
        ...(team ? { team } : {}),
        active: true,
        createdAt: '2026-01-05T09:00:00.000Z',
        updatedAt: '2026-01-05T09:00:00.000Z',
      });
    await member('u-liaison-1', 'Lia Son', 'Leeds Hunslet');
    await member('u-liaison-3', 'Tom Reed', 'Leeds Hunslet');
    const { one } = await district();
    const more = await w.vacancy(one.id);
    await through({ sub: 'u-liaison-3', role: 'liaison', orgId: ORG }, more.id, undefined, false);
    await deliverAll(deps);
    // Act
    const r = await officerReport(deps, liaison, NOV);
    // Assess
    expect(r.officers.map((o) => [o.group, o.name, o.team])).toEqual([
      ['u-liaison-1', 'Lia Son', 'Leeds Hunslet'],
      ['u-liaison-2', null, null],
      ['u-liaison-3', 'Tom Reed', 'Leeds Hunslet'],
    ]);
    expect(r.teams.map((t) => [t.team, t.officers, t.proposed, t.interviews, t.hires, t.ratios.interviewsPerHire])).toEqual([
      ['Leeds Hunslet', 2, 4, 4, 2, 2],
      ['none', 1, 1, 1, 1, 1],
    ]);
  });
});
