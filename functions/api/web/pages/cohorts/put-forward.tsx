import { z } from 'zod';
import type { AppDeps } from '../../../deps.js';
import { Id } from '../../../../../shared/domain/common.js';
import type { FieldError } from '../../../../../shared/errors.js';
import { putForwardPlan, putForwardTargets } from '../../../../../shared/use-cases/cohort-put-forward.js';
import * as cohorts from '../../../../../shared/use-cases/cohorts.js';
import * as submissions from '../../../../../shared/use-cases/submissions.js';
import { Button, Choices, fieldsFor, fmtDate, PostForm, Table } from '../../components.js';
import { page, type WebContext } from '../../context.js';
import { formErrors, parseForm, typedValues, type Values } from '../../forms.js';
import { HiddenFields, Panel, StepButton } from '../../patterns.js';
import { dates } from './cohort-words.js';

/* Putting a guaranteed-interview cohort's completers forward to a linked vacancy: which vacancy, who would go and who not, then the result. */

const Choice = z.strictObject({ vacancyId: Id });

/** The question page: which linked vacancy (only open ones linked to the cohort or its employers are offered). */
export async function putForwardPage(
  c: WebContext,
  deps: AppDeps,
  id: string,
  failed?: { errors: FieldError[]; values: Values; status: number },
) {
  const actor = c.get('actor');
  const { cohort, vacancies } = await putForwardTargets(deps, actor, id);
  const f = fieldsFor(failed?.values, failed?.errors);
  const completed = (await cohorts.getCohort(deps, actor, id)).enrolments.filter((e) => e.status === 'completed').length;
  return page(
    c,
    { title: `Put ${cohort.title} completers forward`, current: '/app/cohorts', errors: failed?.errors, status: failed?.status },
    <>
      <a class="govuk-back-link" href={`/app/cohorts/${cohort.id}`}>
        Back to {cohort.title}
      </a>
      <span class="govuk-caption-l">
        {cohort.title}, {dates(cohort.startDate, cohort.endDate)}
      </span>
      <h1 class="govuk-heading-l">Which vacancy are they going forward for?</h1>
      {!cohort.guaranteedInterview ? (
        <p class="govuk-body">
          This cohort does not carry a guaranteed interview, so its completers are put forward one by one from each vacancy’s page.
        </p>
      ) : vacancies.length === 0 ? (
        <p class="govuk-body">No open vacancy is linked to this cohort or to its employers.</p>
      ) : (
        <>
          <p class="govuk-body">
            {completed} {completed === 1 ? 'person has' : 'people have'} completed it. You will see who would go forward, and who would not
            and why, before anyone is put forward.
          </p>
          <PostForm c={c} action={`/app/cohorts/${cohort.id}/put-forward`}>
            <Choices
              {...f.choice('vacancyId')}
              kind="radios"
              legend="Linked open vacancies"
              options={vacancies.map((v) => [v.id, `${v.title} (${v.employerName})`, `Closes ${fmtDate(v.closingDate)}`] as const)}
            />
            <Button>Continue</Button>
          </PostForm>
        </>
      )}
    </>,
  );
}

/** The confirmation page: who would be put forward and who would be skipped and why; nothing is done until confirmed. */
async function renderPlan(c: WebContext, deps: AppDeps, id: string, vacancyId: string) {
  const plan = await putForwardPlan(deps, c.get('actor'), id, vacancyId);
  const n = plan.eligible.length;
  return page(
    c,
    { title: `Put completers forward for ${plan.vacancy.title}`, current: '/app/cohorts' },
    <>
      <a class="govuk-back-link" href={`/app/cohorts/${id}/put-forward`}>
        Choose another vacancy
      </a>
      <span class="govuk-caption-l">{plan.cohort.title}</span>
      <h1 class="govuk-heading-l">
        Put completers forward for {plan.vacancy.title} ({plan.vacancy.employerName})
      </h1>
      <h2 class="govuk-heading-m">Will be put forward ({n})</h2>
      {n ? (
        <ul class="govuk-list govuk-list--bullet" id="eligible">
          {plan.eligible.map((p) => (
            <li>{p.name}</li>
          ))}
        </ul>
      ) : (
        <p class="govuk-body">Nobody who completed it can be put forward now.</p>
      )}
      <h2 class="govuk-heading-m">Will not be put forward ({plan.skipped.length})</h2>
      {plan.skipped.length ? (
        <Table caption="Completers who will be skipped, and why" head={['Participant', 'Why not']}>
          {plan.skipped.map((s) => (
            <tr class="govuk-table__row">
              <th scope="row" class="govuk-table__header">
                {s.name ?? 'No longer on record'}
              </th>
              <td class="govuk-table__cell">{s.reason}</td>
            </tr>
          ))}
        </Table>
      ) : (
        <p class="govuk-body">Nobody who completed it is skipped.</p>
      )}
      {plan.notCompleted ? (
        <p class="govuk-body">
          {plan.notCompleted} {plan.notCompleted === 1 ? 'person' : 'people'} still enrolled or withdrawn: only those who completed go
          forward.
        </p>
      ) : null}
      {n ? (
        <PostForm c={c} action={`/app/cohorts/${id}/put-forward`}>
          <HiddenFields form={{ vacancyId }} />
          <div class="govuk-inset-text">
            Each person’s adviser is asked to agree or decline for them. The employer sees someone only once their adviser agrees.
          </div>
          <StepButton step="confirm">
            Put {n} {n === 1 ? 'person' : 'people'} forward
          </StepButton>
        </PostForm>
      ) : null}
    </>,
  );
}

/** The result: who went forward, who was told, and who was skipped and why. */
async function renderResult(
  c: WebContext,
  deps: AppDeps,
  id: string,
  vacancyId: string,
  out: Awaited<ReturnType<typeof submissions.putCohortForward>>,
) {
  const actor = c.get('actor');
  const cohort = await cohorts.getCohort(deps, actor, id);
  const names = new Map(cohort.enrolments.map((e) => [e.participantId, e.participantName ?? 'No longer on record']));
  const title = out.submissions[0]?.vacancyTitle ?? 'the vacancy';
  const n = out.submissions.length;
  const agreeBy = out.submissions[0]?.agreeBy;
  return page(
    c,
    { title: n ? `${n} put forward` : 'Nobody was put forward', current: '/app/cohorts' },
    <>
      <Panel title={n ? `${n} ${n === 1 ? 'person' : 'people'} put forward` : 'Nobody was put forward'}>
        {n ? `for ${title}, each with a guaranteed interview` : 'Everyone who completed it was skipped'}
      </Panel>
      {n ? (
        <>
          <h2 class="govuk-heading-m">Who was told</h2>
          <p class="govuk-body">
            Each person’s adviser has been sent a notification asking them to agree or decline for them
            {agreeBy ? ` by ${fmtDate(agreeBy)}` : ''}. The employer has been told nothing yet: they see each person once their adviser
            agrees.
          </p>
          <ul class="govuk-list govuk-list--bullet" id="put-forward-list">
            {out.submissions.map((s) => (
              <li>{names.get(s.participantId) ?? 'A participant'}</li>
            ))}
          </ul>
        </>
      ) : null}
      {out.skipped.length ? (
        <Table caption="Skipped, and why" showCaption head={['Participant', 'Why not']}>
          {out.skipped.map((s) => (
            <tr class="govuk-table__row">
              <th scope="row" class="govuk-table__header">
                {names.get(s.participantId) ?? 'No longer on record'}
              </th>
              <td class="govuk-table__cell">{s.reason}</td>
            </tr>
          ))}
        </Table>
      ) : null}
      <p class="govuk-body">
        <a class="govuk-link" href={`/app/vacancies/${vacancyId}#submissions`}>
          See the vacancy’s submissions
        </a>
      </p>
      <p class="govuk-body">
        <a class="govuk-link" href={`/app/cohorts/${id}`}>
          Back to {cohort.title}
        </a>
      </p>
    </>,
  );
}

/** One form route, by step: none shows who would go (after checking the vacancy chosen); `confirm` puts them forward. */
export async function postPutForward(c: WebContext, deps: AppDeps, id: string) {
  const actor = c.get('actor');
  const raw = await c.req.parseBody({ all: true });
  const { step, ...answers } = raw;
  const values = typedValues(answers);
  const parsed = parseForm(Choice, answers);
  const again = (errors: FieldError[], status: number) => putForwardPage(c, deps, id, { errors, values, status });
  if (!parsed.ok) {
    const errors = parsed.errors.map((e) => ({ path: 'vacancyId', message: values.vacancyId ? e.message : 'select a vacancy' }));
    return again(errors.slice(0, 1), 400);
  }
  const { vacancyId } = parsed.value;
  try {
    if (step !== 'confirm') return await renderPlan(c, deps, id, vacancyId);
    const out = await submissions.putCohortForward(deps, actor, id, vacancyId);
    return await renderResult(c, deps, id, vacancyId, out);
  } catch (err) {
    // A vacancy that is not there, not linked, or a cohort without the guarantee: said on the question, against the vacancy chosen.
    const f = formErrors(err, 'vacancyId');
    if (!f) throw err;
    return again(
      f.errors.map((e) => ({ path: 'vacancyId', message: e.message })),
      f.status,
    );
  }
}
