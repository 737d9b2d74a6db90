import type { AppDeps } from '../../../deps.js';
import { NOT_HIRED_REASONS, REJECTION_REASONS, type EmployerView, type SubmissionState } from '../../../../../shared/domain/submission.js';
import type { FieldError } from '../../../../../shared/errors.js';
import * as submissions from '../../../../../shared/use-cases/submissions.js';
import { Button, Choices, DateParts, fieldsFor, PostForm, Select, TextArea, TextInput } from '../../components.js';
import { page, type WebContext } from '../../context.js';
import type { Values } from '../../forms.js';
import { DECISION_CHOICES, GUARANTEE_OVERRIDE_TEXT, NOT_HIRED_CHOICES, REJECTION_CHOICES } from '../../labels.js';
import { CandidateDetails, isFull, progressRows } from './candidate-details.js';
import { GuaranteeNotice, guaranteeShown, OverrideForm, type GuaranteeShown } from './guarantee.js';

/* The employer's answers to a candidate (by employer users, or liaison officers for them): interview or not, the interview, the outcome. */

type FormProps = { c: WebContext; sid: string; prefix: string; values?: Values; errors?: FieldError[]; barred?: boolean };

/** Interview or not; while a guaranteed interview bars a rejection, "do not take forward" is shown but cannot be chosen. */
function DecisionForm({ c, sid, prefix, values, errors, barred }: FormProps) {
  const f = fieldsFor(values, errors, { prefix });
  return (
    <PostForm c={c} action={`/app/submissions/${sid}/decision`}>
      <Choices
        {...f.choice('decision')}
        kind="radios"
        legend="Your decision"
        options={[
          ['interview', DECISION_CHOICES.interview],
          ['reject', DECISION_CHOICES.reject, barred ? DECISION_CHOICES.rejectBarred : undefined],
        ]}
        disabled={barred ? ['reject'] : []}
      />
      {barred ? null : (
        <Select
          {...f.field('reasonCode')}
          label="Reason for not taking them forward"
          hint="Needed if you do not take them forward. Their adviser sees the reason, so they can help."
          options={[['', 'Choose a reason'], ...REJECTION_REASONS.map((r) => [r, REJECTION_CHOICES[r]] as const)]}
        />
      )}
      <TextArea {...f.field('note')} label="Note (optional)" rows={3} />
      <Button>Send decision</Button>
    </PostForm>
  );
}

function InterviewForm({ c, sid, prefix, values, errors }: FormProps) {
  const f = fieldsFor(values, errors, { prefix });
  return (
    <PostForm c={c} action={`/app/submissions/${sid}/interview`}>
      <DateParts {...f.date('at')} time legend="Interview date and time" />
      <TextInput {...f.field('place')} label="Where the interview is" />
      <Button secondary>Book interview</Button>
    </PostForm>
  );
}

function OutcomeForm({ c, sid, prefix, values, errors }: FormProps) {
  const f = fieldsFor(values, errors, { prefix });
  return (
    <PostForm c={c} action={`/app/submissions/${sid}/outcome`}>
      <Choices
        {...f.choice('outcome')}
        kind="radios"
        legend="Outcome"
        options={[
          ['hired', 'Hired'],
          ['not-hired', 'Not hired'],
          ['withdrawn', 'Withdrawn (the candidate withdrew)'],
        ]}
      />
      <DateParts {...f.date('startDate')} legend="Start date" hint="Only for a hire. For example, 27 3 2027" />
      <Select
        {...f.field('reasonCode')}
        label="Reason, if not hired"
        options={[['', 'Choose a reason'], ...NOT_HIRED_REASONS.map((r) => [r, NOT_HIRED_CHOICES[r]] as const)]}
      />
      <TextArea {...f.field('note')} label="Note (optional)" rows={3} />
      <Button>Record outcome</Button>
    </PostForm>
  );
}

export type Action = submissions.EmployerAnswer;

/**
 * The forms a submission's state allows, each with ids unique on the page. A guaranteed interview is
 * said before the decision; `mayOverride` (liaison officers, admins) adds the form to lift it while it bars a rejection.
 */
export function ActionForms({
  c,
  s,
  state,
  guarantee,
  mayOverride = false,
}: {
  c: WebContext;
  s: { id: string; interview?: unknown };
  state: SubmissionState;
  guarantee?: GuaranteeShown;
  mayOverride?: boolean;
}) {
  const base = `s-${s.id}-`;
  const booked = s.interview !== undefined;
  if (state === 'submitted') {
    return (
      <>
        <h4 class="govuk-heading-s">Interview or not?</h4>
        <GuaranteeNotice g={guarantee} />
        <DecisionForm c={c} sid={s.id} prefix={`${base}decision-`} barred={guarantee?.barred} />
        {mayOverride && guarantee?.barred ? (
          <>
            <h4 class="govuk-heading-s">{GUARANTEE_OVERRIDE_TEXT.heading}</h4>
            <OverrideForm c={c} sid={s.id} prefix={`${base}override-`} />
          </>
        ) : null}
      </>
    );
  }
  if (state === 'interview') {
    return (
      <>
        <h4 class="govuk-heading-s">{booked ? 'Change the interview' : 'Book the interview'}</h4>
        <InterviewForm c={c} sid={s.id} prefix={`${base}interview-`} />
        <h4 class="govuk-heading-s">After the interview</h4>
        <OutcomeForm c={c} sid={s.id} prefix={`${base}outcome-`} />
      </>
    );
  }
  return null;
}

/** A submission's form again, on its own, with the error summary (for those who may record that answer). */
export async function renderAction(
  c: WebContext,
  deps: AppDeps,
  sid: string,
  action: Action,
  errors: FieldError[],
  values: Values,
  status: number,
) {
  const actor = c.get('actor');
  const s = await submissions.submissionToAnswer(deps, actor, sid, action);
  const candidate: EmployerView = isFull(s) ? (s.employerView ?? { candidateRef: s.candidateRef, sharedFields: [] }) : s.candidate;
  const guarantee = guaranteeShown(s);
  const Form = action === 'decision' ? DecisionForm : action === 'interview' ? InterviewForm : OutcomeForm;
  const heading = action === 'decision' ? 'Interview or not?' : action === 'interview' ? 'Book the interview' : 'Record the outcome';
  return page(
    c,
    { title: `${heading} – candidate ${s.candidateRef}`, current: actor.role === 'employer' ? '/app' : '/app/vacancies', errors, status },
    <>
      <a class="govuk-back-link" href={`/app/vacancies/${s.vacancyId}`}>
        Back to {s.vacancyTitle}
      </a>
      <span class="govuk-caption-l">
        {s.vacancyTitle}: candidate {s.candidateRef}
      </span>
      <h1 class="govuk-heading-l">{heading}</h1>
      <CandidateDetails candidate={candidate} extra={progressRows(s, s.state)} />
      {action === 'decision' ? <GuaranteeNotice g={guarantee} /> : null}
      <Form c={c} sid={sid} prefix="" values={values} errors={errors} barred={action === 'decision' && guarantee?.barred} />
    </>,
  );
}
