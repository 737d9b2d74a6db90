import { beforeAll, describe, expect, it } from 'vitest';
import type { createApp } from '../../functions/api/app.js';
import type { LocalSignIn } from '../../functions/api/web/sign-in.js';
import { participantBody } from '../support/fixtures.js';
import { body, createHarness, ORG, type Harness } from '../support/harness.js';
import { datePairs, expectSound as expectPageSound, hiddenFields, localWebApp, summaryErrors, webClient } from '../support/web.js';

/**
 * The action plan in the pages, against DynamoDB Local: the plan's summary cards, adding a goal and a
 * step (question, check answers, confirmation), marking a step done, the barriers and the jobs (which
 * reach the preferred occupations), the history; another adviser and a liaison officer find nothing.
 */
let h: Harness;
let web: ReturnType<typeof createApp>;
let dean: string;
const USERS: LocalSignIn['users'] = [
  { sub: 'u-liaison-1', role: 'liaison', name: 'Lia Son' },
  { sub: 'u-adviser-1', role: 'adviser', name: 'Ada Viser' },
  { sub: 'u-adviser-2', role: 'adviser', name: 'Other Adviser' },
  { sub: 'u-admin-1', role: 'admin', name: 'Ad Min' },
];

beforeAll(async () => {
  h = await createHarness({ now: '2026-11-25T10:00:00Z' });
  await h.signIn('adv', 'adviser', { sub: 'u-adviser-1' });
  dean = (await body(await h.call('POST', '/participants', { as: 'adv', body: participantBody({ firstName: 'Dean', lastName: 'Walsh' }) })))
    .id as string;
  // In the directory, so the casework report finds their caseloads (a name a spreadsheet would run as a formula).
  const at = '2026-11-25T10:00:00Z';
  for (const [id, name] of [
    ['u-adviser-1', 'Ada Viser'],
    ['u-adviser-2', '=HYPERLINK("x")'],
  ] as const)
    await h.deps.directory.create({
      id,
      orgId: ORG,
      name,
      email: `${id}@example.org`,
      role: 'adviser',
      team: 'North',
      active: true,
      createdAt: at,
      updatedAt: at,
    });
  web = localWebApp(h, USERS);
});

const { signInAs, get, post } = webClient(() => web, { csrfFrom: '/app/notifications' });
const expectSound = (html: string) => expectPageSound(html, { describedBy: true, headerScope: true });
const plan = () => `/app/participants/${dean}/action-plan`;

describe('the action plan pages', () => {
  it('add a goal and a step towards it, mark it done, record barriers and jobs, and show every change', async () => {
    const adv = await signInAs('adviser', 'u-adviser-1');
    // The way in, from the participant page.
    expect((await get(adv, `/app/participants/${dean}`)).html).toContain(`href="${plan()}"`);
    const empty = await get(adv, plan());
    expect(empty.status).toBe(200);
    expectSound(empty.html);
    expect(empty.html).toContain('No goals yet.');

    // A goal: nothing filled in, then a date in the past, then right.
    const blank = await post(adv, `${plan()}/goals/new`, [['step', 'check']]);
    expect(blank.status).toBe(400);
    expectSound(blank.html);
    expect(summaryErrors(blank.html)).toEqual(['Enter the goal']);
    const past = await post(adv, `${plan()}/goals/new`, [
      ['goal', 'A warehouse job'],
      ...datePairs('byDate', '2026-11-01'),
      ['step', 'check'],
    ]);
    expect(past.status).toBe(400);
    expect(summaryErrors(past.html)).toEqual(['The date must be today or later']);
    const goalAnswers: [string, string][] = [['goal', 'A warehouse job with regular hours'], ...datePairs('byDate', '2027-03-31')];
    const checkGoal = await post(adv, `${plan()}/goals/new`, [...goalAnswers, ['step', 'check']]);
    expect(checkGoal.status).toBe(200);
    expectSound(checkGoal.html);
    expect(checkGoal.html).toContain('Check the goal before you add it');
    expect(checkGoal.html).toContain('31 March 2027');
    const addedGoal = await post(adv, `${plan()}/goals/new`, [...hiddenFields(checkGoal.html), ['step', 'confirm']]);
    expect(addedGoal.status).toBe(303);
    const goalPanel = await get(adv, addedGoal.location!);
    expectSound(goalPanel.html);
    expect(goalPanel.html).toContain('Goal added');

    // A step towards it that addresses a barrier.
    const stepForm = await get(adv, `${plan()}/steps/new`);
    expectSound(stepForm.html);
    const goalId = /name="goalId" type="radio" value="([0-9A-Z]{26})"/.exec(stepForm.html)?.[1];
    expect(goalId).toBeDefined();
    const noStep = await post(adv, `${plan()}/steps/new`, [['step', 'check']]);
    expect(noStep.status).toBe(400);
    expect(summaryErrors(noStep.html)).toEqual(['Enter what will be done', 'Select who will do it', 'Enter the date']);
    const stepAnswers: [string, string][] = [
      ['action', 'Finish the forklift course'],
      ['who', 'participant'],
      ...datePairs('byDate', '2026-12-18'),
      ['goalId', goalId!],
      ['barrier', 'skills-qualifications'],
    ];
    const checkStep = await post(adv, `${plan()}/steps/new`, [...stepAnswers, ['step', 'check']]);
    expect(checkStep.status).toBe(200);
    expectSound(checkStep.html);
    expect(checkStep.html).toContain('A warehouse job with regular hours');
    expect(checkStep.html).toContain('Skills or qualifications for the work they want');
    const addedStep = await post(adv, `${plan()}/steps/new`, [...hiddenFields(checkStep.html), ['step', 'confirm']]);
    expect(addedStep.status).toBe(303);
    expect((await get(adv, addedStep.location!)).html).toContain('Step added');

    // Marked done from the plan.
    const withStep = await get(adv, plan());
    const stepAction = /action="([^"]*\/steps\/[0-9A-Z]{26})"/.exec(withStep.html)?.[1];
    const marked = await post(adv, stepAction!, [['done:boolean', 'true']]);
    expect([marked.status, marked.location]).toEqual([303, `${plan()}?done=step-done`]);

    // Barriers and jobs.
    const barriers = await get(adv, `${plan()}/barriers`);
    expectSound(barriers.html);
    expect(
      (
        await post(adv, `${plan()}/barriers`, [
          ['barriers[]', 'transport'],
          ['barriers[]', 'confidence-motivation'],
        ])
      ).status,
    ).toBe(303);
    const jobsForm = await get(adv, `${plan()}/jobs`);
    expectSound(jobsForm.html);
    const tooMany = await post(adv, `${plan()}/jobs`, [['idealJobs[]', 'a, b, c, d']]);
    expect(tooMany.status).toBe(400);
    expectSound(tooMany.html);
    expect(
      (
        await post(adv, `${plan()}/jobs`, [
          ['idealJobs[]', 'Forklift driver'],
          ['transitionalJobs[]', 'warehouse operative, picker packer'],
        ])
      ).status,
    ).toBe(303);
    const participant = await body<{ preferences: { occupations: string[] } }>(await h.call('GET', `/participants/${dean}`, { as: 'adv' }));
    expect(participant.preferences.occupations).toEqual(
      expect.arrayContaining(['forklift driver', 'warehouse operative', 'picker packer']),
    );

    const full = await get(adv, `${plan()}?done=jobs`);
    expectSound(full.html);
    for (const text of ['Done', 'Confidence or motivation', 'forklift driver', 'warehouse operative, picker packer', 'Jobs saved'])
      expect(full.html).toContain(text);
    const history = await get(adv, `${plan()}/history`);
    expectSound(history.html);
    expect(history.html).toContain('Marked the step “Finish the forklift course” done');
    expect(history.html).toContain('You (Ada Viser)');
    expect([...history.html.matchAll(/<tr class="govuk-table__row">/g)].length).toBe(5 + 1);
  });

  it('is found by no one else: another adviser and a liaison officer get page not found', async () => {
    const other = await signInAs('adviser', 'u-adviser-2');
    const lia = await signInAs('liaison', 'u-liaison-1');
    for (const s of [other, lia]) {
      expect((await get(s, plan())).status).toBe(404);
      expect((await get(s, `${plan()}/history`)).status).toBe(404);
      expect((await post(s, `${plan()}/barriers`, [['barriers[]', 'housing']])).status).toBe(404);
    }
  });
});

describe('the casework report page', () => {
  it('shows admins contacts and reviews by adviser, team and group, with a chart and a guarded CSV; no one else', async () => {
    await h.signIn('adv2', 'adviser', { sub: 'u-adviser-2' });
    await h.call('POST', '/participants', { as: 'adv2', body: participantBody({ firstName: 'Kay', lastName: 'Nobody' }) });
    const adm = await signInAs('admin', 'u-admin-1');
    const reportsPage = await get(adm, '/app/reports');
    expect(reportsPage.html).toContain('href="/app/reports/casework');
    const r = await get(adm, '/app/reports/casework');
    expect(r.status).toBe(200);
    expectSound(r.html);
    for (const text of [
      'Ada Viser',
      'By team',
      'By readiness',
      'By time out of work',
      'People overdue a review, by adviser',
      'fewer than 5',
    ])
      expect(r.html).toContain(text);
    const file = await get(adm, '/app/reports/casework.csv');
    expect(file.type).toContain('text/csv');
    expect(file.html.split('\n')[0]).toMatch(/^level,group,adviserId,name,team,participants/);
    // The formula is neutralised; each adviser has one participant still looking for work.
    expect(file.html).toContain(`"'=HYPERLINK(""x"")"`);
    expect(file.html).toMatch(/adviser,Ada Viser,u-adviser-1,Ada Viser,North,1,/);
    const adv = await signInAs('adviser', 'u-adviser-1');
    expect((await get(adv, '/app/reports/casework')).status).toBe(403);
  });
});
