import { beforeEach, describe, expect, it } from 'vitest';
import { changeEnrolment, enrol } from '../../../shared/use-cases/cohorts.js';
import { matchesForParticipant, matchesForVacancy } from '../../../shared/use-cases/matching.js';
import { fakeDeps, type FakeDeps } from '../../support/fakes/fake-deps.js';
import { adviser, liaison, scenario } from '../../support/fakes/scenario.js';

/** Matching's reads of cohorts: shared/use-cases/matching.ts. Links are looked up, never listed. */
let deps: FakeDeps;
let w: ReturnType<typeof scenario>;

beforeEach(() => {
  deps = fakeDeps({ now: '2026-11-25T10:00:00Z' });
  w = scenario(deps);
  // Listing every cohort of the organisation is what matching must not do.
  deps.repos.cohorts.list = () => Promise.reject(new Error('matching listed every cohort'));
});

async function completer(cohortId: string, over: Record<string, unknown> = {}) {
  const p = await w.participant(over);
  await enrol(deps, liaison, cohortId, p.id);
  await changeEnrolment(deps, liaison, cohortId, p.id, { status: 'completed' });
  return p;
}

describe('cohorts linked to a vacancy', () => {
  it.each([
    ['the cohort names the employer', 'employer'],
    ['the cohort names the vacancy', 'vacancy'],
  ] as const)('%s: its completers score for the training and a guaranteed interview lists them first', async (_how, by) => {
    // Prepare
    const employer = await w.employer();
    const other = await w.employer();
    const vacancy = await w.vacancy(employer.id);
    const cohort = await w.cohort({
      guaranteedInterview: true,
      ...(by === 'employer' ? { linkedEmployerIds: [employer.id] } : { linkedVacancyIds: [vacancy.id] }),
    });
    const unrelated = await w.cohort({ title: 'Another employer’s routeway', linkedEmployerIds: [other.id] });
    const trained = await completer(cohort.id, { skills: ['picking'] });
    const elsewhere = await completer(unrelated.id, { skills: ['picking', 'customer service'] });
    // Act
    const m = await matchesForVacancy(deps, liaison, vacancy.id, 20);
    // Assess
    expect(m.candidates.map((c) => [c.participantId, c.guaranteedInterview])).toEqual([
      [trained.id, true],
      [elsewhere.id, false],
    ]);
    expect(m.candidates[0]!.factors.find((f) => f.factor === 'pet-completion')!.contribution).toBe(10);
    expect(m.candidates[1]!.factors.find((f) => f.factor === 'pet-completion')!.contribution).toBe(0);
  });

  it('the vacancy naming the cohort links it too, and suggestions for a completer see the link', async () => {
    // Prepare
    const employer = await w.employer();
    const cohort = await w.cohort({ title: 'Picking routeway' });
    const vacancy = await w.vacancy(employer.id, { linkedCohortIds: [cohort.id] });
    const trained = await completer(cohort.id);
    // Act
    const forVacancy = await matchesForVacancy(deps, liaison, vacancy.id, 20);
    const forPerson = await matchesForParticipant(deps, adviser, trained.id, 20);
    // Assess
    expect(forVacancy.candidates[0]!.factors.find((f) => f.factor === 'pet-completion')!.detail).toBe('Completed Picking routeway');
    expect(forPerson.vacancies.map((v) => [v.vacancyId, v.factors.find((f) => f.factor === 'pet-completion')!.contribution])).toEqual([
      [vacancy.id, 10],
    ]);
  });

  it('training for a one-skill gap comes from cohorts not yet started, read only when someone is one skill short', async () => {
    // Prepare
    const { vacancy } = await w.openVacancy({ essentialSkills: ['picking', 'forklift'] });
    await w.cohort({ title: 'Forklift, December', startDate: '2026-12-07', modules: ['forklift'] });
    await w.cohort({ title: 'Forklift, last month', startDate: '2026-10-05', endDate: '2026-10-30', modules: ['forklift'] });
    const p = await w.participant({ skills: ['picking'] });
    let upcomingReads = 0;
    const startingFrom = deps.repos.cohorts.startingFrom.bind(deps.repos.cohorts);
    deps.repos.cohorts.startingFrom = (org, date) => {
      upcomingReads++;
      return startingFrom(org, date);
    };
    // Act
    const m = await matchesForVacancy(deps, liaison, vacancy.id, 20);
    const none = await matchesForVacancy(deps, liaison, (await w.openVacancy({ essentialSkills: ['picking'] })).vacancy.id, 20);
    // Assess
    expect(m.couldQualify.map((c) => [c.participantId, c.missingSkill, c.training.map((t) => t.title)])).toEqual([
      [p.id, 'forklift', ['Forklift, December']],
    ]);
    expect(none.couldQualify).toEqual([]);
    expect(upcomingReads).toBe(1);
  });
});

describe('the catchment', () => {
  // Sheffield city centre, about 43 km south of the scenario's participants in Leeds (LS10).
  const SHEFFIELD = { lat: 53.3811, lng: -1.4701 };
  // Chesterfield, about 60 km away: well outside every cell a 40 km circle around Leeds touches.
  const CHESTERFIELD = { lat: 53.235, lng: -1.421 };
  const travelling = (km: number) => ({ preferences: { occupations: [], sectors: [], shifts: [], maxTravelKm: km } });

  beforeEach(() => {
    deps.geocoder.places.set('S1', SHEFFIELD);
    deps.geocoder.places.set('S40', CHESTERFIELD);
  });

  it('is what a vacancy reads around itself, yet anyone who will travel further is found from beyond it, and only they', async () => {
    // Prepare
    const employer = await w.employer();
    const vacancy = await w.vacancy(employer.id, { site: { postcode: 'S1 2HE', town: 'Sheffield' } });
    const driver = await w.participant({ firstName: 'Asha', ...travelling(60) });
    const local = await w.participant({ firstName: 'Ben', ...travelling(40) });
    const tooFar = await w.participant({ firstName: 'Cara', ...travelling(42) });
    // Act
    const m = await matchesForVacancy(deps, liaison, vacancy.id, 20);
    // Assess: the 60 km driver is ranked with the distance explained; 40 km is the edge of what is read;
    // 42 km reaches beyond the catchment but not to Sheffield, so is read and ruled too far.
    expect(m.candidates.map((c) => c.participantId)).toEqual([driver.id]);
    expect(m.candidates[0]!.factors.find((f) => f.factor === 'distance')!.detail).toMatch(
      /^About 4\d km from home .*will travel up to 60 km$/,
    );
    expect(m.excluded).toMatchObject({ 'too-far': 1 });
    expect([local.id, tooFar.id]).not.toContain(m.candidates[0]!.participantId);
  });

  it('does not bound how far a participant may go: their suggestions reach as far as they will travel', async () => {
    // Prepare
    const employer = await w.employer();
    const chesterfield = await w.vacancy(employer.id, { site: { postcode: 'S40 1LA', town: 'Chesterfield' } });
    const leeds = await w.vacancy(employer.id);
    const driver = await w.participant(travelling(70));
    const walker = await w.participant(travelling(10));
    // Act
    const far = await matchesForParticipant(deps, adviser, driver.id, 20);
    const near = await matchesForParticipant(deps, adviser, walker.id, 20);
    // Assess
    expect(far.vacancies.map((v) => v.vacancyId).sort()).toEqual([chesterfield.id, leeds.id].sort());
    expect(near.vacancies.map((v) => v.vacancyId)).toEqual([leeds.id]);
  });
});
