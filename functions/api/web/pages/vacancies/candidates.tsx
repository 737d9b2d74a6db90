import type { SubmissionState } from '../../../../../shared/domain/submission.js';
import { fmtDate, fmtDateTime, GuaranteedInterview, LabelTag, NextPage, Table, Tag, words } from '../../components.js';
import type { WebContext } from '../../context.js';
import type { People } from '../../people.js';
import { REJECTION_CHOICES, VACANCY_STATE_LABELS } from '../../labels.js';
import { CandidateDetails, progressRows, type ForEmployer, type Full } from './candidate-details.js';
import { ActionForms, ANSWERABLE_STATES } from './employer-actions.js';
import { guaranteeShown } from './guarantee.js';

/* The vacancy's candidates: each one as the employer sees them, and the submissions table liaison officers work from. */

const StateTag = ({ state }: { state: SubmissionState }) => <LabelTag labels={VACANCY_STATE_LABELS} value={state} />;

/** One candidate put forward to the employer, with the answers their state allows. */
export function EmployerCandidate({ c, s }: { c: WebContext; s: ForEmployer }) {
  const guarantee = guaranteeShown(s);
  return (
    <div class="govuk-summary-card" id={`candidate-${s.candidateRef}`}>
      <div class="govuk-summary-card__title-wrapper">
        <h3 class="govuk-summary-card__title">
          Candidate {s.candidateRef}
          {s.candidate.firstName ? ` (${s.candidate.firstName})` : ''}
        </h3>
        <div>
          <StateTag state={s.state} /> {guarantee?.barred ? <Tag colour="turquoise">Guaranteed interview</Tag> : null}
        </div>
      </div>
      <div class="govuk-summary-card__content">
        <CandidateDetails candidate={s.candidate} extra={progressRows(s, s.state)} />
        <ActionForms c={c} s={s} state={s.state} guarantee={guarantee} />
      </div>
    </div>
  );
}

/** Everyone put forward for the vacancy, for liaison officers and admins, with the employer's answers to record for them. */
export function SubmissionsTable({
  c,
  vacancyId,
  items,
  next,
  people,
}: {
  c: WebContext;
  vacancyId: string;
  items: Full[];
  next?: string;
  people: People;
}) {
  const actionable = items.filter((s) => ANSWERABLE_STATES.includes(s.state));
  return (
    <>
      <h2 class="govuk-heading-m" id="submissions">
        Submissions
      </h2>
      {items.length === 0 ? (
        <p class="govuk-body">Nobody has been put forward yet.</p>
      ) : (
        <Table
          caption="Candidates put forward for this vacancy"
          head={['Candidate', 'State', 'Put forward', 'Answer due', 'Interview or outcome']}
        >
          {items.map((s) => (
            <tr class="govuk-table__row">
              <th scope="row" class="govuk-table__header">
                {s.candidateRef}
                <GuaranteedInterview show={s.guaranteedInterview} />
                <span class="govuk-hint govuk-!-margin-bottom-0">Adviser: {people.name(s.adviserId)}</span>
              </th>
              <td class="govuk-table__cell">
                <StateTag state={s.state} />
              </td>
              <td class="govuk-table__cell">{fmtDate(s.proposedAt)}</td>
              <td class="govuk-table__cell">
                {s.state === 'proposed'
                  ? `Adviser by ${fmtDate(s.agreeBy)}`
                  : s.state === 'submitted' && s.respondBy
                    ? `Employer by ${fmtDate(s.respondBy)}`
                    : s.state === 'offered' && s.offer
                      ? `Candidate by ${fmtDate(s.offer.respondBy)}`
                      : s.state === 'trial' && s.trial
                        ? `Employer after ${fmtDate(s.trial.endsOn)}`
                        : ''}
              </td>
              <td class="govuk-table__cell">
                {s.outcome ? (
                  <>
                    {`${words(s.outcome.outcome)}${s.outcome.startDate ? `, starts ${fmtDate(s.outcome.startDate)}` : ''}`}
                    {s.placementId ? (
                      <>
                        {' '}
                        <a class="govuk-link" href={`/app/placements/${s.placementId}`}>
                          Check-ins<span class="govuk-visually-hidden"> for {s.candidateRef}</span>
                        </a>
                      </>
                    ) : null}
                  </>
                ) : s.trial && (s.state === 'trial' || s.state === 'trial-passed' || s.state === 'trial-failed') ? (
                  `Work trial ${fmtDate(s.trial.startsOn)} to ${fmtDate(s.trial.endsOn)}, ${s.trial.place}`
                ) : s.offer ? (
                  `Offer${s.offer.startDate ? `, starting ${fmtDate(s.offer.startDate)}` : ''}`
                ) : s.interview ? (
                  `${fmtDateTime(s.interview.at)}, ${s.interview.place}`
                ) : s.decision?.decision === 'reject' ? (
                  `Reason: ${REJECTION_CHOICES[s.decision.reasonCode as keyof typeof REJECTION_CHOICES] ?? s.decision.reasonCode ?? ''}`
                ) : (
                  ''
                )}
              </td>
            </tr>
          ))}
        </Table>
      )}
      <NextPage href={next ? `/app/vacancies/${vacancyId}?more=${encodeURIComponent(next)}#submissions` : undefined} />
      {actionable.map((s) => (
        <details class="govuk-details">
          <summary class="govuk-details__summary">
            <span class="govuk-details__summary-text">Record the employer’s answer for {s.candidateRef}</span>
          </summary>
          <div class="govuk-details__text">
            <ActionForms c={c} s={s} state={s.state} guarantee={guaranteeShown(s)} mayOverride />
          </div>
        </details>
      ))}
    </>
  );
}
