import type { AppDeps } from '../../../deps.js';
import { guaranteeWords, rejectionBarred } from '../../../../../shared/domain/submission.js';
import type { FieldError } from '../../../../../shared/errors.js';
import * as submissions from '../../../../../shared/use-cases/submissions.js';
import { Button, fieldsFor, PostForm, TextArea } from '../../components.js';
import { page, type WebContext } from '../../context.js';
import type { Values } from '../../forms.js';
import { GUARANTEE_OVERRIDE_TEXT } from '../../labels.js';
import { CandidateDetails, isFull } from './candidate-details.js';

/* A guaranteed interview on the candidate's page: why, said before anyone decides, and the liaison officer's form to lift it. */

/** What the page says of a submission's guarantee: the words, and whether it bars a rejection now (it binds, and is not lifted). */
export interface GuaranteeShown {
  why: string;
  barred: boolean;
}

/** The guarantee as the reader may see it: the employer's own words from their view, the officer's from the full record. */
export function guaranteeShown(s: submissions.SubmissionView): GuaranteeShown | undefined {
  if (isFull(s)) {
    const why = guaranteeWords(s, 'staff');
    return why ? { why, barred: rejectionBarred(s) } : undefined;
  }
  return s.guarantee ? { why: s.guarantee.why, barred: !s.guarantee.mayReject } : undefined;
}

/** Warning text while the guarantee bars a rejection; inset text when it is said for information (lifted, or the must-haves not met). */
export function GuaranteeNotice({ g }: { g: GuaranteeShown | undefined }) {
  if (!g) return null;
  return g.barred ? (
    <div class="govuk-warning-text">
      <span class="govuk-warning-text__icon" aria-hidden="true">
        !
      </span>
      <strong class="govuk-warning-text__text">
        <span class="govuk-visually-hidden">Warning</span>
        {g.why}
      </strong>
    </div>
  ) : (
    <div class="govuk-inset-text">{g.why}</div>
  );
}

type FormProps = { c: WebContext; sid: string; prefix: string; values?: Values; errors?: FieldError[] };

/** The liaison officer's form to lift a guarantee, with a reason. */
export function OverrideForm({ c, sid, prefix, values, errors }: FormProps) {
  const f = fieldsFor(values, errors, { prefix });
  return (
    <PostForm c={c} action={`/app/submissions/${sid}/guarantee-override`}>
      <TextArea {...f.field('reason')} label={GUARANTEE_OVERRIDE_TEXT.label} hint={GUARANTEE_OVERRIDE_TEXT.hint} rows={3} />
      <Button secondary>{GUARANTEE_OVERRIDE_TEXT.button}</Button>
    </PostForm>
  );
}

/** The override form again, on its own, with the error summary (liaison officers and admins only). */
export async function renderOverride(c: WebContext, deps: AppDeps, sid: string, errors: FieldError[], values: Values, status: number) {
  const actor = c.get('actor');
  const s = await submissions.submissionToOverride(deps, actor, sid);
  return page(
    c,
    { title: `${GUARANTEE_OVERRIDE_TEXT.heading} – candidate ${s.candidateRef}`, current: '/app/vacancies', errors, status },
    <>
      <a class="govuk-back-link" href={`/app/vacancies/${s.vacancyId}`}>
        Back to {s.vacancyTitle}
      </a>
      <span class="govuk-caption-l">
        {s.vacancyTitle}: candidate {s.candidateRef}
      </span>
      <h1 class="govuk-heading-l">{GUARANTEE_OVERRIDE_TEXT.heading}</h1>
      <GuaranteeNotice g={guaranteeShown(s)} />
      <CandidateDetails candidate={s.employerView ?? { candidateRef: s.candidateRef, sharedFields: [] }} />
      <OverrideForm c={c} sid={sid} prefix="" values={values} errors={errors} />
    </>,
  );
}
