import type { Hono } from 'hono';
import type { AppDeps } from '../../../deps.js';
import {
  BARRIER_LABELS,
  BARRIERS,
  overdueSteps,
  PLAN_IDEAL_JOBS_MAX,
  PLAN_STEP_OWNER_LABELS,
  PLAN_STEP_OWNERS,
  PLAN_TRANSITIONAL_JOBS_MAX,
  PlanBarriersInput,
  PlanGoalChange,
  PlanGoalInput,
  planGoalRules,
  PlanJobsInput,
  PlanStepChange,
  PlanStepInput,
  planStepRules,
  type ActionPlanView,
  type Barrier,
  type PlanHistoryEntry,
} from '../../../../../shared/domain/casework.js';
import type { Participant } from '../../../../../shared/domain/participant.js';
import type { FieldError } from '../../../../../shared/errors.js';
import * as plans from '../../../../../shared/use-cases/action-plans.js';
import {
  Button,
  Choices,
  DateParts,
  DoneBanner,
  fieldsFor,
  fmtDate,
  fmtDateTime,
  PostForm,
  SummaryList,
  Table,
  Tag,
  TextArea,
  TextInput,
  LinkList,
} from '../../components.js';
import { page, type WebContext, type WebEnv } from '../../context.js';
import { formErrors, friendly, parseForm, typedValues, valueAt, type RawForm, type Values } from '../../forms.js';
import { checkAnswersPage, Panel, questionPost, StepButton, SummaryCard } from '../../patterns.js';
import { peopleFor } from '../../people.js';
import { sayErrorAs } from '../../wording.js';
import { ownParticipant } from './contacts.js';

/*
 * A participant's action plan, for their own adviser (and admins): the plan as summary cards (goals,
 * steps, barriers addressed, ideal and transitional jobs), adding a goal or a step (the question, check
 * answers, confirmation), marking a step done or a goal achieved, recording the barriers and the jobs,
 * and the history of changes. Every page that shows the plan reads it through the audited use case.
 */

const name = (p: Pick<Participant, 'firstName' | 'lastName'>) => `${p.firstName} ${p.lastName}`;
const base = (id: string) => `/app/participants/${id}/action-plan`;

/** What these pages call their fields, for the error messages. */
const NAMES: Record<string, string> = {
  goal: 'the goal',
  action: 'what will be done',
  who: 'who will do it',
  byDate: 'the date',
  goalId: 'the goal it works towards',
  barrier: 'the barrier it addresses',
  barriers: 'the barriers',
  idealJobs: 'their ideal jobs',
  transitionalJobs: 'their transitional jobs',
};

function say(errors: FieldError[], values: Values): FieldError[] {
  const given = (path: string) => ['day', 'month', 'year'].some((x) => valueAt(values, `${path}.${x}`) !== '');
  const asked = errors.map((e) =>
    e.path === 'byDate' && valueAt(values, 'byDate') === '' && !given('byDate') ? { path: e.path, message: 'enter a value' } : e,
  );
  return friendly(asked, values).map((e) => {
    const key = e.path.split('.')[0]!;
    const n = NAMES[key];
    return n ? { path: key, message: sayErrorAs({ ...e, path: key }, n) } : e;
  });
}

const BARRIER_OPTIONS = BARRIERS.map((b) => [b, BARRIER_LABELS[b]] as const);
const OWNER_OPTIONS = PLAN_STEP_OWNERS.map((w) => [w, PLAN_STEP_OWNER_LABELS[w]] as const);

/* The plan --------------------------------------------------------------------------------------- */

const DONE: Record<string, string> = {
  'step-done': 'Step marked done',
  'step-not-done': 'Step marked not done',
  'goal-achieved': 'Goal marked achieved',
  'goal-not-achieved': 'Goal marked not achieved',
  barriers: 'Barriers saved',
  jobs: 'Jobs saved: their preferred occupations now include them',
};

function MarkButton({
  c,
  action,
  field,
  to,
  text,
  hidden,
}: {
  c: WebContext;
  action: string;
  field: string;
  to: boolean;
  text: string;
  hidden: string;
}) {
  return (
    <PostForm c={c} action={action}>
      <input type="hidden" name={`${field}:boolean`} value={String(to)} />
      <button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" data-module="govuk-button">
        {text}
        <span class="govuk-visually-hidden"> {hidden}</span>
      </button>
    </PostForm>
  );
}

async function planPage(c: WebContext, deps: AppDeps, id: string) {
  const actor = c.get('actor');
  const p = await ownParticipant(c, deps, id);
  const plan = await plans.getPlan(deps, actor, id);
  const today = deps.clock.today();
  const overdue = new Set(overdueSteps(plan, today).map((s) => s.id));
  const goalText = (goalId: string | undefined) => plan.goals.find((g) => g.id === goalId)?.goal;
  return page(
    c,
    { title: `Action plan: ${name(p)}`, current: actor.role === 'adviser' ? '/app' : undefined },
    <>
      <a class="govuk-back-link" href={`/app/participants/${id}`}>
        Back to {name(p)}
      </a>
      <DoneBanner c={c} messages={DONE} />
      <span class="govuk-caption-l">{name(p)}</span>
      <h1 class="govuk-heading-l">Action plan</h1>
      <p class="govuk-body">
        Only their adviser and administrators can see this. Each time it is shown or changed, that is recorded in their audit trail.
      </p>
      <p class="govuk-body">
        {plan.lastReviewAt ? `Last reviewed ${fmtDate(plan.lastReviewAt)}.` : 'Not reviewed yet.'} A plan is reviewed at a contact: tick “We
        reviewed their action plan” when you{' '}
        <a class="govuk-link" href={`/app/participants/${id}/contacts/new`}>
          log a contact
        </a>
        .
      </p>
      <div class="govuk-button-group">
        <a class="govuk-button" data-module="govuk-button" href={`${base(id)}/steps/new`}>
          Add a step
        </a>
        <a class="govuk-button govuk-button--secondary" data-module="govuk-button" href={`${base(id)}/goals/new`}>
          Add a goal
        </a>
      </div>
      <SummaryCard title="Goals">
        {plan.goals.length === 0 ? (
          <p class="govuk-body">No goals yet.</p>
        ) : (
          <SummaryList
            rows={plan.goals.map((g) => [
              g.goal,
              <>
                <p class="govuk-body">
                  {g.achieved ? <Tag colour="green">Achieved</Tag> : <Tag colour="blue">Working towards</Tag>}
                  {g.byDate ? ` By ${fmtDate(g.byDate)}` : ''}
                </p>
                <MarkButton
                  c={c}
                  action={`${base(id)}/goals/${g.id}`}
                  field="achieved"
                  to={!g.achieved}
                  text={g.achieved ? 'Mark not achieved' : 'Mark achieved'}
                  hidden={`(${g.goal})`}
                />
              </>,
            ])}
          />
        )}
      </SummaryCard>
      <SummaryCard title="Steps">
        {plan.steps.length === 0 ? (
          <p class="govuk-body">No steps yet.</p>
        ) : (
          <SummaryList
            rows={plan.steps.map((s) => [
              s.action,
              <>
                <p class="govuk-body">
                  {s.done ? (
                    <Tag colour="green">Done</Tag>
                  ) : overdue.has(s.id) ? (
                    <Tag colour="red">Overdue</Tag>
                  ) : (
                    <Tag colour="grey">To do</Tag>
                  )}{' '}
                  {PLAN_STEP_OWNER_LABELS[s.who]}, by {fmtDate(s.byDate)}
                </p>
                {goalText(s.goalId) ? <p class="govuk-body-s">Towards: {goalText(s.goalId)}</p> : null}
                {s.barrier ? <p class="govuk-body-s">Addresses: {BARRIER_LABELS[s.barrier]}</p> : null}
                <MarkButton
                  c={c}
                  action={`${base(id)}/steps/${s.id}`}
                  field="done"
                  to={!s.done}
                  text={s.done ? 'Mark not done' : 'Mark done'}
                  hidden={`(${s.action})`}
                />
              </>,
            ])}
          />
        )}
      </SummaryCard>
      <SummaryCard
        title="Barriers addressed"
        actions={[{ href: `${base(id)}/barriers`, text: 'Change', hidden: 'the barriers addressed' }]}
      >
        {plan.barriers.length === 0 ? (
          <p class="govuk-body">None recorded.</p>
        ) : (
          <ul class="govuk-list govuk-list--bullet">
            {plan.barriers.map((b) => (
              <li>{BARRIER_LABELS[b]}</li>
            ))}
          </ul>
        )}
      </SummaryCard>
      <SummaryCard
        title="Jobs they are aiming at"
        actions={[{ href: `${base(id)}/jobs`, text: 'Change', hidden: 'the ideal and transitional jobs' }]}
      >
        <SummaryList
          rows={[
            ['Ideal job', plan.idealJobs.length ? plan.idealJobs.join(', ') : 'None recorded'],
            ['Transitional jobs', plan.transitionalJobs.length ? plan.transitionalJobs.join(', ') : 'None recorded'],
          ]}
        />
        <p class="govuk-body-s">These are in their preferred occupations, so the vacancies suggested for them follow the plan.</p>
      </SummaryCard>
      <p class="govuk-body">
        <a class="govuk-link" href={`${base(id)}/history`}>
          See every change to the plan
        </a>
      </p>
    </>,
  );
}

/* History ---------------------------------------------------------------------------------------- */

function changeWords(e: PlanHistoryEntry, plan: ActionPlanView): string {
  const step = plan.steps.find((s) => s.id === e.itemId)?.action ?? 'a step';
  const goal = plan.goals.find((g) => g.id === e.itemId)?.goal ?? 'a goal';
  const list = (xs: readonly string[] | undefined) => (xs?.length ? xs.join(', ') : 'none');
  switch (e.change) {
    case 'step-added':
      return `Added the step “${step}”`;
    case 'step-done':
      return `Marked the step “${step}” done`;
    case 'step-not-done':
      return `Marked the step “${step}” not done`;
    case 'goal-added':
      return `Added the goal “${goal}”`;
    case 'goal-achieved':
      return `Marked the goal “${goal}” achieved`;
    case 'goal-not-achieved':
      return `Marked the goal “${goal}” not achieved`;
    case 'barriers-changed':
      return `Barriers addressed: ${list(e.barriers?.map((b: Barrier) => BARRIER_LABELS[b]))}`;
    case 'jobs-changed':
      return `Ideal job: ${list(e.idealJobs)}. Transitional jobs: ${list(e.transitionalJobs)}`;
  }
}

async function historyPage(c: WebContext, deps: AppDeps, id: string) {
  const actor = c.get('actor');
  const p = await ownParticipant(c, deps, id);
  const plan = await plans.getPlan(deps, actor, id);
  const people = await peopleFor(
    c,
    deps,
    plan.history.map((e) => e.by),
  );
  return page(
    c,
    { title: `Changes to the action plan: ${name(p)}`, current: actor.role === 'adviser' ? '/app' : undefined },
    <>
      <a class="govuk-back-link" href={base(id)}>
        Back to the action plan
      </a>
      <span class="govuk-caption-l">{name(p)}</span>
      <h1 class="govuk-heading-l">Changes to the action plan</h1>
      {plan.history.length === 0 ? (
        <p class="govuk-body">No changes yet.</p>
      ) : (
        <Table caption="Every change, latest first" head={['When', 'Who', 'What changed']}>
          {[...plan.history].reverse().map((e) => (
            <tr class="govuk-table__row">
              <td class="govuk-table__cell">{fmtDateTime(e.at)}</td>
              <td class="govuk-table__cell">{people.said(e.by)}</td>
              <td class="govuk-table__cell">{changeWords(e, plan)}</td>
            </tr>
          ))}
        </Table>
      )}
    </>,
  );
}

/* Adding a goal or a step: the question, check answers, confirmation ----------------------------- */

function goalForm(c: WebContext, p: Participant, values: Values, errors?: FieldError[], status?: number) {
  const f = fieldsFor(values, errors);
  return page(
    c,
    { title: `Add a goal: ${name(p)}`, current: '/app', errors, status },
    <>
      <a class="govuk-back-link" href={base(p.id)}>
        Back to the action plan
      </a>
      <span class="govuk-caption-l">Add a goal to {name(p)}’s action plan</span>
      <h1 class="govuk-heading-l">What are they working towards?</h1>
      <PostForm c={c} action={`${base(p.id)}/goals/new`}>
        <TextArea
          {...f.field('goal')}
          label="Goal"
          hint="In the words you agreed. For example, a warehouse job with regular hours."
          rows={2}
        />
        <DateParts {...f.date('byDate')} legend="By when? (optional)" hint="If you agreed a date. For example, 31 3 2027" />
        <StepButton step="check">Continue</StepButton>
      </PostForm>
    </>,
  );
}

async function postGoal(c: WebContext, deps: AppDeps, id: string) {
  const p = await ownParticipant(c, deps, id);
  return questionPost(c, {
    question: (values, errors, status) => goalForm(c, p, values, errors, status),
    schema: PlanGoalInput,
    rules: (input) => planGoalRules(input, deps.clock.today()),
    say,
    check: (input, answers) =>
      checkPage(c, p, 'goal', answers, [
        ['Goal', input.goal],
        ['By when', input.byDate ? fmtDate(input.byDate) : 'No date agreed'],
      ]),
    save: async (input) => {
      await plans.addGoal(deps, c.get('actor'), id, input);
      return `${base(id)}/goals/added`;
    },
    fallback: 'goal',
  });
}

function stepForm(c: WebContext, p: Participant, plan: ActionPlanView, values: Values, errors?: FieldError[], status?: number) {
  const f = fieldsFor(values, errors);
  const goals = plan.goals.filter((g) => !g.achieved);
  return page(
    c,
    { title: `Add a step: ${name(p)}`, current: '/app', errors, status },
    <>
      <a class="govuk-back-link" href={base(p.id)}>
        Back to the action plan
      </a>
      <span class="govuk-caption-l">Add a step to {name(p)}’s action plan</span>
      <h1 class="govuk-heading-l">What will be done?</h1>
      <PostForm c={c} action={`${base(p.id)}/steps/new`}>
        <TextArea
          {...f.field('action')}
          label="The step"
          hint="In the words you agreed. For example, finish the forklift course."
          rows={2}
        />
        <Choices {...f.choice('who')} kind="radios" legend="Who will do it?" options={OWNER_OPTIONS} />
        <DateParts {...f.date('byDate')} legend="By when?" hint="Today or later. For example, 18 12 2026" />
        {goals.length ? (
          <Choices
            {...f.choice('goalId')}
            kind="radios"
            legend="Which goal does it work towards? (optional)"
            options={[...goals.map((g) => [g.id, g.goal] as const), ['', 'None of these']]}
          />
        ) : null}
        <Choices
          {...f.choice('barrier')}
          kind="radios"
          small
          legend="Which barrier does it address? (optional)"
          options={[...BARRIER_OPTIONS, ['', 'None of these']]}
        />
        <StepButton step="check">Continue</StepButton>
      </PostForm>
    </>,
  );
}

async function postStep(c: WebContext, deps: AppDeps, id: string) {
  const actor = c.get('actor');
  const p = await ownParticipant(c, deps, id);
  const plan = await plans.getPlan(deps, actor, id);
  return questionPost(c, {
    question: (values, errors, status) => stepForm(c, p, plan, values, errors, status),
    schema: PlanStepInput,
    rules: (input) => planStepRules(input, deps.clock.today(), plan),
    say,
    check: (input, answers) =>
      checkPage(c, p, 'step', answers, [
        ['The step', input.action],
        ['Who', PLAN_STEP_OWNER_LABELS[input.who]],
        ['By when', fmtDate(input.byDate)],
        ['Towards the goal', plan.goals.find((g) => g.id === input.goalId)?.goal ?? 'None'],
        ['Addresses', input.barrier ? BARRIER_LABELS[input.barrier] : 'None'],
      ]),
    save: async (input) => {
      await plans.addStep(deps, actor, id, input);
      return `${base(id)}/steps/added`;
    },
    fallback: 'action',
  });
}

function checkPage(c: WebContext, p: Participant, what: 'goal' | 'step', answers: RawForm, rows: [string, string][]) {
  return checkAnswersPage(c, {
    title: `Check the ${what} before you add it`,
    caption: `Add a ${what} to ${name(p)}’s action plan`,
    rows,
    action: `${base(p.id)}/${what}s/new`,
    answers,
    confirm: `Add the ${what}`,
  });
}

async function addedPage(c: WebContext, deps: AppDeps, id: string, what: 'goal' | 'step') {
  const p = await ownParticipant(c, deps, id);
  const title = what === 'goal' ? 'Goal added' : 'Step added';
  return page(
    c,
    { title, current: '/app' },
    <>
      <Panel title={title}>It is on {name(p)}’s action plan</Panel>
      <h2 class="govuk-heading-m">What happens next</h2>
      <p class="govuk-body">
        The change is in the plan’s history, with your name and the time. Go through the plan with {p.firstName} at their next review.
      </p>
      <LinkList
        links={[
          [`${base(id)}/${what}s/new`, `Add another ${what}`],
          [base(id), 'See their action plan'],
          ['/app', 'Back to your caseload'],
        ]}
      />
    </>,
  );
}

/* Barriers and jobs ------------------------------------------------------------------------------ */

function barriersForm(c: WebContext, p: Participant, values: Values, errors?: FieldError[], status?: number) {
  const f = fieldsFor(values, errors);
  return page(
    c,
    { title: `Barriers addressed: ${name(p)}`, current: '/app', errors, status },
    <>
      <a class="govuk-back-link" href={base(p.id)}>
        Back to the action plan
      </a>
      <PostForm c={c} action={`${base(p.id)}/barriers`}>
        <Choices
          {...f.choice('barriers[]')}
          kind="checkboxes"
          legend={
            <>
              <span class="govuk-caption-l">{name(p)}’s action plan</span>
              <h1 class="govuk-fieldset__heading govuk-heading-l">Which barriers to work does the plan address?</h1>
            </>
          }
          hint="Select all that apply. Anything else goes in a step, in your words."
          options={BARRIER_OPTIONS}
        />
        <Button>Save the barriers</Button>
      </PostForm>
    </>,
  );
}

function jobsForm(c: WebContext, p: Participant, values: Values, errors?: FieldError[], status?: number) {
  const f = fieldsFor(values, errors);
  return page(
    c,
    { title: `Jobs they are aiming at: ${name(p)}`, current: '/app', errors, status },
    <>
      <a class="govuk-back-link" href={base(p.id)}>
        Back to the action plan
      </a>
      <span class="govuk-caption-l">{name(p)}’s action plan</span>
      <h1 class="govuk-heading-l">Which jobs are they aiming at?</h1>
      <p class="govuk-body">
        Their ideal job is the one they aspire to; transitional jobs lie on the route to it. Both go into their preferred occupations, so
        the vacancies suggested for them follow the plan. A job you take off here comes off their preferred occupations too.
      </p>
      <PostForm c={c} action={`${base(p.id)}/jobs`}>
        <TextInput
          {...f.field('idealJobs[]')}
          label="Ideal job"
          hint={`Up to ${PLAN_IDEAL_JOBS_MAX}, separated by commas. For example, forklift driver`}
          spellcheck
        />
        <TextInput
          {...f.field('transitionalJobs[]')}
          label="Transitional jobs"
          hint={`Up to ${PLAN_TRANSITIONAL_JOBS_MAX}, separated by commas. For example, warehouse operative, picker packer`}
          spellcheck
        />
        <Button>Save the jobs</Button>
      </PostForm>
    </>,
  );
}

const listValue = (xs: readonly string[]) => xs.join(', ');

export function actionPlanPages(web: Hono<WebEnv>, deps: AppDeps): void {
  web.get('/app/participants/:id/action-plan', (c) => planPage(c, deps, c.req.param('id')));
  web.get('/app/participants/:id/action-plan/history', (c) => historyPage(c, deps, c.req.param('id')));
  web.get('/app/participants/:id/action-plan/goals/new', async (c) =>
    goalForm(c, await ownParticipant(c, deps, c.req.param('id')), undefined),
  );
  web.post('/app/participants/:id/action-plan/goals/new', (c) => postGoal(c, deps, c.req.param('id')));
  web.get('/app/participants/:id/action-plan/goals/added', (c) => addedPage(c, deps, c.req.param('id'), 'goal'));
  web.get('/app/participants/:id/action-plan/steps/new', async (c) => {
    const id = c.req.param('id');
    const p = await ownParticipant(c, deps, id);
    return stepForm(c, p, await plans.getPlan(deps, c.get('actor'), id), undefined);
  });
  web.post('/app/participants/:id/action-plan/steps/new', (c) => postStep(c, deps, c.req.param('id')));
  web.get('/app/participants/:id/action-plan/steps/added', (c) => addedPage(c, deps, c.req.param('id'), 'step'));

  web.post('/app/participants/:id/action-plan/steps/:sid', async (c) => {
    const id = c.req.param('id');
    await ownParticipant(c, deps, id);
    const parsed = parseForm(PlanStepChange, await c.req.parseBody({ all: true }));
    if (!parsed.ok) return c.redirect(base(id), 303);
    await plans.changeStep(deps, c.get('actor'), id, c.req.param('sid'), parsed.value);
    return c.redirect(`${base(id)}?done=${parsed.value.done ? 'step-done' : 'step-not-done'}`, 303);
  });
  web.post('/app/participants/:id/action-plan/goals/:gid', async (c) => {
    const id = c.req.param('id');
    await ownParticipant(c, deps, id);
    const parsed = parseForm(PlanGoalChange, await c.req.parseBody({ all: true }));
    if (!parsed.ok) return c.redirect(base(id), 303);
    await plans.changeGoal(deps, c.get('actor'), id, c.req.param('gid'), parsed.value);
    return c.redirect(`${base(id)}?done=${parsed.value.achieved ? 'goal-achieved' : 'goal-not-achieved'}`, 303);
  });

  web.get('/app/participants/:id/action-plan/barriers', async (c) => {
    const id = c.req.param('id');
    const p = await ownParticipant(c, deps, id);
    const plan = await plans.getPlan(deps, c.get('actor'), id);
    return barriersForm(c, p, { barriers: plan.barriers });
  });
  web.post('/app/participants/:id/action-plan/barriers', async (c) => {
    const id = c.req.param('id');
    const p = await ownParticipant(c, deps, id);
    const raw = await c.req.parseBody({ all: true });
    const values = typedValues(raw);
    const parsed = parseForm(PlanBarriersInput, { 'barriers[]': '', ...raw });
    if (!parsed.ok) return barriersForm(c, p, values, say(parsed.errors, values), 400);
    await plans.setBarriers(deps, c.get('actor'), id, parsed.value);
    return c.redirect(`${base(id)}?done=barriers`, 303);
  });

  web.get('/app/participants/:id/action-plan/jobs', async (c) => {
    const id = c.req.param('id');
    const p = await ownParticipant(c, deps, id);
    const plan = await plans.getPlan(deps, c.get('actor'), id);
    return jobsForm(c, p, { idealJobs: listValue(plan.idealJobs), transitionalJobs: listValue(plan.transitionalJobs) });
  });
  web.post('/app/participants/:id/action-plan/jobs', async (c) => {
    const id = c.req.param('id');
    const p = await ownParticipant(c, deps, id);
    const raw = await c.req.parseBody({ all: true });
    const values = typedValues(raw);
    const parsed = parseForm(PlanJobsInput, { 'idealJobs[]': '', 'transitionalJobs[]': '', ...raw });
    if (!parsed.ok) return jobsForm(c, p, values, say(parsed.errors, values), 400);
    try {
      await plans.setJobs(deps, c.get('actor'), id, parsed.value);
      return c.redirect(`${base(id)}?done=jobs`, 303);
    } catch (err) {
      const f = formErrors(err, 'idealJobs');
      if (!f) throw err;
      return jobsForm(c, p, values, say(f.errors, values), f.status);
    }
  });
}
