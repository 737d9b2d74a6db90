import { beforeAll, describe, expect, it } from 'vitest';
import { employerBody, participantBody, vacancyBody } from '../support/fixtures.js';
import { body, createHarness, type Harness } from '../support/harness.js';

/**
 * Action plans through the API against DynamoDB Local: goals, steps towards them, barriers, and the
 * ideal and transitional jobs reaching matching through the pool change log (the liaison officer's
 * warm ranking sees the new preference without a fresh read); concurrent writes keep every goal.
 */
let h: Harness;
let vacancyId: string;

interface Plan {
  goals: { id: string; goal: string; achieved: boolean }[];
  steps: { id: string; goalId?: string; barrier?: string }[];
  barriers: string[];
  idealJobs: string[];
  transitionalJobs: string[];
  history: { change: string; by: string; at: string }[];
  version: number;
}

beforeAll(async () => {
  h = await createHarness({ now: '2026-11-25T10:00:00Z' });
  await h.signIn('lia', 'liaison');
  await h.signIn('adv', 'adviser', { sub: 'u-adviser-1' });
  const employerId = (await body(await h.call('POST', '/employers', { as: 'lia', body: employerBody() }))).id as string;
  vacancyId = (
    await body(
      await h.call('POST', '/vacancies', {
        as: 'lia',
        body: vacancyBody(employerId, {
          status: 'open',
          title: 'Forklift driver',
          occupation: { title: 'Forklift driver', socCode: '8222' },
        }),
      }),
    )
  ).id as string;
});

const preferenceOf = async (participantId: string) => {
  const m = await body<{ candidates: { participantId: string; factors: { factor: string; contribution: number }[] }[] }>(
    await h.call('GET', `/vacancies/${vacancyId}/matches?limit=50`, { as: 'lia' }),
  );
  return m.candidates.find((c) => c.participantId === participantId)?.factors.find((f) => f.factor === 'preference')?.contribution;
};

describe('an action plan through the API', () => {
  it('feeds its jobs into matching through the pool change log, and keeps each change with who and when', async () => {
    // Prepare: someone matchable who has said nothing of the jobs they want.
    const p = (await body(
      await h.call('POST', '/participants', {
        as: 'adv',
        body: participantBody({
          readiness: 'green',
          consent: { matching: true, shareWithEmployers: ['firstName'] },
          skills: ['picking'],
          preferences: { occupations: ['cleaner'], sectors: [], maxTravelKm: 20, shifts: [] },
        }),
      }),
    )) as { id: string; version: number };
    const before = await preferenceOf(p.id);
    // Act
    const goal = await body<{ id: string }>(
      await h.call('POST', `/participants/${p.id}/action-plan/goals`, {
        as: 'adv',
        body: { goal: 'Drive a forklift', byDate: '2027-02-26' },
      }),
    );
    const step = await h.call('POST', `/participants/${p.id}/action-plan/steps`, {
      as: 'adv',
      body: {
        action: 'Book the counterbalance course',
        who: 'adviser',
        byDate: '2026-12-04',
        goalId: goal.id,
        barrier: 'skills-qualifications',
      },
    });
    const jobs = await h.call('PUT', `/participants/${p.id}/action-plan/jobs`, {
      as: 'adv',
      body: { idealJobs: ['Forklift driver'], transitionalJobs: ['warehouse operative'] },
    });
    const barriers = await h.call('PUT', `/participants/${p.id}/action-plan/barriers`, { as: 'adv', body: { barriers: ['transport'] } });
    const after = await preferenceOf(p.id);
    // Assess
    expect([step.status, jobs.status, barriers.status]).toEqual([201, 200, 200]);
    expect(before).toBeDefined();
    expect(after).toBeGreaterThan(before!);
    const participant = await body<{ preferences: { occupations: string[] }; version: number }>(
      await h.call('GET', `/participants/${p.id}`, { as: 'adv' }),
    );
    expect(participant.preferences.occupations).toEqual(['cleaner', 'forklift driver', 'warehouse operative']);
    const plan = await body<Plan>(await h.call('GET', `/participants/${p.id}/action-plan`, { as: 'adv' }));
    expect(plan).toMatchObject({
      goals: [{ id: goal.id, goal: 'Drive a forklift', achieved: false }],
      steps: [{ goalId: goal.id, barrier: 'skills-qualifications' }],
      barriers: ['transport'],
      idealJobs: ['forklift driver'],
      transitionalJobs: ['warehouse operative'],
      version: 4,
    });
    expect(plan.history.map((x) => [x.change, x.by])).toEqual([
      ['goal-added', 'u-adviser-1'],
      ['step-added', 'u-adviser-1'],
      ['jobs-changed', 'u-adviser-1'],
      ['barriers-changed', 'u-adviser-1'],
    ]);
  });

  it('names every bad field, changes nothing, and keeps every goal added at once', async () => {
    const p = (await body(await h.call('POST', '/participants', { as: 'adv', body: participantBody() }))).id as string;
    const bad = await h.call('PUT', `/participants/${p}/action-plan/jobs`, {
      as: 'adv',
      body: { idealJobs: ['a', 'b', 'c', 'd'], transitionalJobs: [''] },
    });
    const badBarrier = await h.call('PUT', `/participants/${p}/action-plan/barriers`, { as: 'adv', body: { barriers: ['nope'] } });
    const badGoal = await h.call('POST', `/participants/${p}/action-plan/goals`, { as: 'adv', body: { goal: '', byDate: '2026-11-01' } });
    expect([bad.status, badBarrier.status, badGoal.status]).toEqual([400, 400, 400]);
    const paths = async (r: Response) => ((await body<{ errors: { path: string }[] }>(r)).errors ?? []).map((e) => e.path).sort();
    expect(await paths(bad)).toEqual(['idealJobs', 'transitionalJobs.0']);
    expect(await paths(badBarrier)).toEqual(['barriers.0']);
    expect(await paths(badGoal)).toEqual(['goal']);
    const empty = await body<Plan>(await h.call('GET', `/participants/${p}/action-plan`, { as: 'adv' }));
    expect(empty.history).toEqual([]);
    // Truly concurrent: the plan is version-checked, and each loser retries on the plan as it now is.
    const answers = await Promise.all(
      [1, 2, 3, 4, 5].map((n) => h.call('POST', `/participants/${p}/action-plan/goals`, { as: 'adv', body: { goal: `Goal ${n}` } })),
    );
    expect(answers.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    const plan = await body<Plan>(await h.call('GET', `/participants/${p}/action-plan`, { as: 'adv' }));
    expect(plan.goals.map((g) => g.goal).sort()).toEqual(['Goal 1', 'Goal 2', 'Goal 3', 'Goal 4', 'Goal 5']);
    expect(plan.history).toHaveLength(5);
  });
});
