import { beforeEach, describe, expect, it } from 'vitest';
import type { Participant } from '../../../shared/domain/participant.js';
import { changeEnrolment, enrol } from '../../../shared/use-cases/cohorts.js';
import { recordCheckin } from '../../../shared/use-cases/placements.js';
import { petOutcomesReport } from '../../../shared/use-cases/reports.js';
import { recordDecision } from '../../../shared/use-cases/submissions.js';
import { sweepDue } from '../../../shared/use-cases/sweep.js';
import { fakeDeps, type FakeDeps } from '../../support/fakes/fake-deps.js';
import { adviser, failureOf, liaison, scenario } from '../../support/fakes/scenario.js';

/** PET cohort outcomes, per cohort and per provider, against cohorts counted by hand: shared/use-cases/reports.ts. */
let deps: FakeDeps;
let w: ReturnType<typeof scenario>;

beforeEach(() => {
  deps = fakeDeps({ now: '2026-06-01T09:00:00Z' });
  w = scenario(deps);
});

async function enrolled(cohortId: string, n: number): Promise<Participant[]> {
  const people: Participant[] = [];
  for (let i = 0; i < n; i++) {
    const p = await w.participant();
    await enrol(deps, adviser, cohortId, p.id);
    people.push(p);
  }
  return people;
}
const complete = (cohortId: string, p: Participant) => changeEnrolment(deps, adviser, cohortId, p.id, { status: 'completed' });

/**
 * By hand. Aire Valley Training runs "Warehouse routeway" (1–12 June 2026: four enrolled, three complete,
 * one withdraws) and "Care starter" (8–26 June: two enrolled, one completes). Leeds City College runs
 * "Front of house" (15 June–10 July: one enrolled). Of the warehouse completers one is hired (and is in
 * work at 13 weeks), one is interviewed only, one does nothing yet; the care completer is hired and
 * reaches 13 weeks without a check-in recorded; the care enrolee who never completed is hired too,
 * which is not the cohort's outcome.
 */
async function cohorts() {
  const warehouse = await w.cohort({
    title: 'Warehouse routeway',
    provider: 'Aire Valley Training',
    startDate: '2026-06-01',
    endDate: '2026-06-12',
  });
  const care = await w.cohort({ title: 'Care starter', provider: 'Aire Valley Training', startDate: '2026-06-08', endDate: '2026-06-26' });
  const hospitality = await w.cohort({
    title: 'Front of house',
    provider: 'Leeds City College',
    startDate: '2026-06-15',
    endDate: '2026-07-10',
  });
  const [a, b, c, d] = await enrolled(warehouse.id, 4);
  const [e, f] = await enrolled(care.id, 2);
  await enrolled(hospitality.id, 1);
  for (const p of [a!, b!, c!]) await complete(warehouse.id, p);
  await changeEnrolment(deps, adviser, warehouse.id, d!.id, { status: 'withdrawn' });
  await complete(care.id, e!);
  deps.clock.set('2026-06-15T09:00:00Z');
  const hireA = await w.hired((await w.openVacancy({ positions: 1, closingDate: '2026-07-31' })).vacancy.id, a!, '2026-06-22');
  await w.atInterview((await w.openVacancy({ positions: 1, closingDate: '2026-07-31' })).vacancy.id, b!);
  await w.hired((await w.openVacancy({ positions: 1, closingDate: '2026-07-31' })).vacancy.id, e!, '2026-06-22');
  await w.hired((await w.openVacancy({ positions: 1, closingDate: '2026-07-31' })).vacancy.id, f!, '2026-06-22');
  // 13 weeks from 22 June is 21 September: the sweeper announces both, A's adviser records A in work.
  deps.clock.set('2026-09-21T09:00:00Z');
  await sweepDue(deps);
  await recordCheckin(deps, adviser, hireA.placement!.id, { milestone: 13, inWork: true });
  return { warehouse, care, hospitality };
}

describe('PET cohort outcomes', () => {
  it('per cohort that ended in the period: enrolled → completed → interviewed → hired → 13 weeks, for its completers', async () => {
    const { warehouse, care } = await cohorts();
    const r = await petOutcomesReport(deps, liaison, { from: '2026-06', to: '2026-06' });
    const row = ({ cohortId, title, provider, ...o }: (typeof r.cohorts)[number]) => ({ cohortId, title, provider, ...o });
    expect(r.cohorts.map(row)).toEqual([
      {
        cohortId: warehouse.id,
        title: 'Warehouse routeway',
        provider: 'Aire Valley Training',
        startDate: '2026-06-01',
        endDate: '2026-06-12',
        enrolled: 4,
        completed: 3,
        withdrawn: 1,
        interviewed: 2,
        hired: 1,
        reached13: 1,
        sustained13: 1,
        reached26: 0,
        sustained26: 0,
      },
      {
        cohortId: care.id,
        title: 'Care starter',
        provider: 'Aire Valley Training',
        startDate: '2026-06-08',
        endDate: '2026-06-26',
        enrolled: 2,
        completed: 1,
        withdrawn: 0,
        interviewed: 1,
        hired: 1,
        reached13: 1,
        sustained13: 0,
        reached26: 0,
        sustained26: 0,
      },
    ]);
    expect(r.providers).toEqual([
      {
        provider: 'Aire Valley Training',
        cohorts: 2,
        enrolled: 6,
        completed: 4,
        withdrawn: 1,
        interviewed: 3,
        hired: 2,
        reached13: 2,
        sustained13: 1,
        reached26: 0,
        sustained26: 0,
      },
    ]);
  });

  it('a cohort ending later in the period is in it, with no completers yet; the provider is summed on its own', async () => {
    await cohorts();
    const r = await petOutcomesReport(deps, liaison, { from: '2026-06', to: '2026-07' });
    expect(r.cohorts.map((c) => [c.title, c.enrolled, c.completed])).toEqual([
      ['Warehouse routeway', 4, 3],
      ['Care starter', 2, 1],
      ['Front of house', 1, 0],
    ]);
    expect(r.providers.map((p) => [p.provider, p.cohorts, p.enrolled, p.hired])).toEqual([
      ['Aire Valley Training', 2, 6, 2],
      ['Leeds City College', 1, 1, 0],
    ]);
  });

  it('an interview before the cohort began is not its outcome; advisers may not read the report', async () => {
    const p = await w.participant();
    const early = await w.submitted((await w.openVacancy({ closingDate: '2026-07-31' })).vacancy.id, p);
    await recordDecision(deps, liaison, early.id, { decision: 'interview' });
    deps.clock.set('2026-06-10T09:00:00Z');
    const later = await w.cohort({ title: 'Late starter', startDate: '2026-06-10', endDate: '2026-06-20' });
    await enrol(deps, adviser, later.id, p.id);
    await complete(later.id, p);
    const r = await petOutcomesReport(deps, liaison, { from: '2026-06', to: '2026-06' });
    expect(r.cohorts.map((c) => [c.title, c.completed, c.interviewed])).toEqual([['Late starter', 1, 0]]);
    expect((await failureOf(petOutcomesReport(deps, adviser, {}))).status).toBe(403);
  });
});
