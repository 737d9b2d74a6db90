import type { AppDeps } from '../../../deps.js';
import type { Child } from 'hono/jsx';
import {
  NOT_HIRED_REASONS,
  OFFER_DECLINE_CHOICES as OFFER_DECLINE_CODES,
  REJECTION_REASONS,
  TRIAL_FAIL_REASONS,
  type EmployerView,
  type SubmissionState,
} from '../../../../../shared/domain/submission.js';
import { PIPELINE } from '../../../../../shared/domain/pipeline-rules.js';
import type { FieldError } from '../../../../../shared/errors.js';
import * as submissions from '../../../../../shared/use-cases/submissions.js';
import { Button, Choices, DateParts, fieldsFor, PostForm, Select, TextArea, TextInput } from '../../components.js';
import { page, type WebContext } from '../../context.js';
import type { Values } from '../../forms.js';
import {
  DECISION_CHOICES,
  GUARANTEE_OVERRIDE_TEXT,
  NOT_HIRED_CHOICES,
  OFFER_ANSWER_CHOICES,
  OFFER_DECLINE_CHOICES,
  REJECTION_CHOICES,
  TRIAL_FAIL_CHOICES,
  TRIAL_RESULT_CHOICES,
} from '../../labels.js';
import { CandidateDetails, isFull, progressRows } from './candidate-details.js';
import { GuaranteeNotice, guaranteeShown, OverrideForm, type GuaranteeShown } from './guarantee.js';

/*
 * The employer's answers to a candidate (by employer users, or liaison officers for them): interview or
 * not, the interview, a work trial and how it went, the job offer and the participant's answer, the outcome.
 */

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

function TrialForm({ c, sid, prefix, values, errors }: FormProps) {
  const f = fieldsFor(values, errors, { prefix });
  return (
    <PostForm c={c} action={`/app/submissions/${sid}/trial`}>
      <DateParts {...f.date('startsOn')} legend="First day of the work trial" />
      <DateParts
        {...f.date('endsOn')}
        legend="Last day of the work trial"
        hint={`At most ${PIPELINE.maxTrialDays} days after the first. For example, 27 3 2027`}
      />
      <TextInput {...f.field('place')} label="Where the work trial is" />
      <TextArea {...f.field('note')} label="Note (optional)" rows={2} />
      <Button secondary>Save work trial</Button>
    </PostForm>
  );
}

function TrialResultForm({ c, sid, prefix, values, errors }: FormProps) {
  const f = fieldsFor(values, errors, { prefix });
  return (
    <PostForm c={c} action={`/app/submissions/${sid}/trial-result`}>
      <Choices
        {...f.choice('result')}
        kind="radios"
        legend="How did the work trial go?"
        options={[
          ['passed', TRIAL_RESULT_CHOICES.passed],
          ['failed', TRIAL_RESULT_CHOICES.failed],
        ]}
      />
      <Select
        {...f.field('reasonCode')}
        label="Reason, if it did not work out"
        hint="Their adviser sees the reason, so they can help."
        options={[['', 'Choose a reason'], ...TRIAL_FAIL_REASONS.map((r) => [r, TRIAL_FAIL_CHOICES[r]] as const)]}
      />
      <TextArea {...f.field('note')} label="Note (optional)" rows={2} />
      <Button>Record how it went</Button>
    </PostForm>
  );
}

function OfferForm({ c, sid, prefix, values, errors }: FormProps) {
  const f = fieldsFor(values, errors, { prefix });
  return (
    <PostForm c={c} action={`/app/submissions/${sid}/offer`}>
      <DateParts {...f.date('startDate')} legend="Start date you are offering (optional)" />
      <DateParts
        {...f.date('respondBy')}
        legend="Answer needed by (optional)"
        hint={`If you leave this empty, ${PIPELINE.offerResponseWorkingDays} working days from today. At most ${PIPELINE.offerResponseMaxDays} days. For example, 27 3 2027`}
      />
      <TextArea {...f.field('note')} label="Note (optional)" rows={2} />
      <Button secondary>Offer the job</Button>
    </PostForm>
  );
}

/** The participant's answer to the offer: recorded by whoever heard it (the employer, the liaison officer, their adviser). */
export function OfferResponseForm({ c, sid, prefix, values, errors, legend }: FormProps & { legend?: string }) {
  const f = fieldsFor(values, errors, { prefix });
  return (
    <PostForm c={c} action={`/app/submissions/${sid}/offer-response`}>
      <Choices
        {...f.choice('accepted:boolean')}
        kind="radios"
        legend={legend ?? 'Do they accept the offer?'}
        options={[
          ['true', OFFER_ANSWER_CHOICES.accepted],
          ['false', OFFER_ANSWER_CHOICES.declined, 'Turning an offer down never counts against them.'],
        ]}
      />
      <Select
        {...f.field('reasonCode')}
        label="Reason, if they turn it down"
        options={[['', 'Choose a reason'], ...OFFER_DECLINE_CODES.map((r) => [r, OFFER_DECLINE_CHOICES[r]] as const)]}
      />
      <TextArea {...f.field('note')} label="Note (optional)" hint="The employer sees the reason, never this note." rows={2} />
      <Button>Record their answer</Button>
    </PostForm>
  );
}

/** The outcome form offers only the outcomes the state allows (a hire waits while an offer is unanswered). */
function OutcomeForm({ c, sid, prefix, values, errors, state }: FormProps & { state?: SubmissionState }) {
  const f = fieldsFor(values, errors, { prefix });
  const options: [string, string][] = [
    ...(state === 'offered' ? [] : ([['hired', 'Hired']] as [string, string][])),
    ['not-hired', state === 'offered' ? 'Not hired (you withdraw the offer)' : 'Not hired'],
    ['withdrawn', 'Withdrawn (the candidate withdrew)'],
  ];
  return (
    <PostForm c={c} action={`/app/submissions/${sid}/outcome`}>
      <Choices {...f.choice('outcome')} kind="radios" legend="Outcome" options={options} />
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
        <h4 class="govuk-heading-s">After the interview: a work trial</h4>
        <TrialForm c={c} sid={s.id} prefix={`${base}trial-`} />
        <h4 class="govuk-heading-s">After the interview: offer the job</h4>
        <OfferForm c={c} sid={s.id} prefix={`${base}offer-`} />
        <h4 class="govuk-heading-s">After the interview: the outcome</h4>
        <OutcomeForm c={c} sid={s.id} prefix={`${base}outcome-`} />
      </>
    );
  }
  if (state === 'trial') {
    return (
      <>
        <h4 class="govuk-heading-s">How the work trial went</h4>
        <TrialResultForm c={c} sid={s.id} prefix={`${base}trial-result-`} />
        <h4 class="govuk-heading-s">Change the work trial</h4>
        <TrialForm c={c} sid={s.id} prefix={`${base}trial-`} />
      </>
    );
  }
  if (state === 'trial-passed') {
    return (
      <>
        <h4 class="govuk-heading-s">Offer the job</h4>
        <OfferForm c={c} sid={s.id} prefix={`${base}offer-`} />
        <h4 class="govuk-heading-s">Or record the outcome</h4>
        <OutcomeForm c={c} sid={s.id} prefix={`${base}outcome-`} />
      </>
    );
  }
  if (state === 'offered') {
    return (
      <>
        <h4 class="govuk-heading-s">Their answer to the offer</h4>
        <OfferResponseForm c={c} sid={s.id} prefix={`${base}offer-response-`} />
        <h4 class="govuk-heading-s">Withdraw the offer</h4>
        <OutcomeForm c={c} sid={s.id} prefix={`${base}outcome-`} state={state} />
      </>
    );
  }
  if (state === 'offer-accepted') {
    return (
      <>
        <h4 class="govuk-heading-s">Record the hire</h4>
        <OutcomeForm c={c} sid={s.id} prefix={`${base}outcome-`} />
      </>
    );
  }
  return null;
}

/** The states in which someone acting for the employer has an answer to record. */
export const ANSWERABLE_STATES: readonly SubmissionState[] = [
  'submitted',
  'interview',
  'trial',
  'trial-passed',
  'offered',
  'offer-accepted',
];

const FORMS: Record<Action, { heading: string; Form: (p: FormProps & { state?: SubmissionState }) => Child }> = {
  decision: { heading: 'Interview or not?', Form: DecisionForm },
  interview: { heading: 'Book the interview', Form: InterviewForm },
  trial: { heading: 'Arrange a work trial', Form: TrialForm },
  'trial-result': { heading: 'How the work trial went', Form: TrialResultForm },
  offer: { heading: 'Offer the job', Form: OfferForm },
  'offer-response': { heading: 'Their answer to the offer', Form: OfferResponseForm },
  outcome: { heading: 'Record the outcome', Form: OutcomeForm },
};

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
  const { Form, heading } = FORMS[action];
  // An adviser records only the answer to an offer, from their participant's page.
  const back = actor.role === 'adviser' && isFull(s) ? `/app/participants/${s.participantId}` : `/app/vacancies/${s.vacancyId}`;
  return page(
    c,
    { title: `${heading} – candidate ${s.candidateRef}`, current: actor.role === 'employer' ? '/app' : '/app/vacancies', errors, status },
    <>
      <a class="govuk-back-link" href={back}>
        Back
      </a>
      <span class="govuk-caption-l">
        {s.vacancyTitle}: candidate {s.candidateRef}
      </span>
      <h1 class="govuk-heading-l">{heading}</h1>
      <CandidateDetails candidate={candidate} extra={progressRows(s, s.state)} />
      {action === 'decision' ? <GuaranteeNotice g={guarantee} /> : null}
      <Form c={c} sid={sid} prefix="" values={values} errors={errors} barred={action === 'decision' && guarantee?.barred} state={s.state} />
    </>,
  );
}
