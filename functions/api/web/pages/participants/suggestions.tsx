import type { ExclusionReason } from '../../../../../shared/matching/types.js';
import type { matchesForParticipant } from '../../../../../shared/use-cases/matching.js';
import { fmtDate, Table, Tag } from '../../components.js';
import { EXCLUDED_VACANCIES_LABELS } from '../../labels.js';

/* Vacancies matching suggests for the participant, with the reasons, for their adviser to talk through. */

export function Suggestions({ m, firstName }: { m: Awaited<ReturnType<typeof matchesForParticipant>>; firstName: string }) {
  const excluded = Object.entries(m.excluded).filter(([, n]) => n && n > 0) as [ExclusionReason, number][];
  const skillAway = m.couldQualify.filter((v) => v.missingSkill !== undefined);
  const hoursAway = m.couldQualify.filter((v) => v.askAboutHours !== undefined);
  return (
    <>
      <h2 class="govuk-heading-m" id="suggestions">
        Suggested vacancies
      </h2>
      <p class="govuk-body">
        These are suggestions from matching, with the reasons, for you to check with {firstName}. They are not instructions: {firstName}{' '}
        decides whether a job suits them, and turning one down never counts against them. Liaison officers put people forward; talk to the
        one who holds the vacancy.
      </p>
      {m.vacancies.length === 0 ? (
        <p class="govuk-body">No open vacancies nearby suit them at the moment.</p>
      ) : (
        <Table caption="Suggested vacancies, best first" head={['Vacancy', { numeric: 'Score' }, 'Why it may suit', 'Gaps to check']}>
          {m.vacancies.map((v) => (
            <tr class="govuk-table__row">
              <td class="govuk-table__cell">
                <a class="govuk-link" href={`/app/vacancies/${v.vacancyId}`}>
                  {v.title}
                </a>
                <br />
                {v.employerName}
                <br />
                <span class="govuk-body-s">Closes {fmtDate(v.closingDate)}</span>
                {v.guaranteedInterview ? (
                  <>
                    <br />
                    <Tag colour="green">Guaranteed interview</Tag>
                  </>
                ) : null}
              </td>
              <td class="govuk-table__cell govuk-table__cell--numeric">{v.score.toFixed(1)}</td>
              <td class="govuk-table__cell">
                <ul class="govuk-list govuk-body-s rw-factors">
                  {v.factors
                    .filter((f) => f.contribution !== 0)
                    .map((f) => (
                      <li>
                        {f.detail} ({f.contribution > 0 ? '+' : '−'}
                        {Math.abs(f.contribution).toFixed(1)})
                      </li>
                    ))}
                </ul>
              </td>
              <td class="govuk-table__cell">
                {v.gaps.length ? (
                  <ul class="govuk-list govuk-body-s rw-factors">
                    {v.gaps.map((g) => (
                      <li>{g}</li>
                    ))}
                  </ul>
                ) : (
                  'None found'
                )}
              </td>
            </tr>
          ))}
        </Table>
      )}
      {skillAway.length ? (
        <>
          <h3 class="govuk-heading-s">One skill away</h3>
          <p class="govuk-body">
            {firstName} meets everything these jobs need but one must-have skill. Training may close the gap before the closing date.
          </p>
          <ul class="govuk-list govuk-list--bullet">
            {skillAway.map((v) => (
              <li>
                <a class="govuk-link" href={`/app/vacancies/${v.vacancyId}`}>
                  {v.title}
                </a>{' '}
                at {v.employerName}, closes {fmtDate(v.closingDate)}: needs {v.missingSkill}
                {v.training.length ? (
                  <>
                    {' '}
                    (taught by{' '}
                    {v.training.map((t, i) => (
                      <>
                        {i ? ', ' : ''}
                        <a class="govuk-link" href={`/app/cohorts/${t.cohortId}`}>
                          {t.title}
                        </a>
                        , starting {fmtDate(t.startDate)}
                      </>
                    ))}
                    )
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {hoursAway.length ? (
        <>
          <h3 class="govuk-heading-s">A few hours over what permitted work allows</h3>
          <p class="govuk-body">
            These jobs ask for a few more hours a week than {firstName} may work on permitted work (its hour cap, or the hours its earnings
            limit allows at the job's pay). Ask the employer whether fewer hours would do.
          </p>
          <ul class="govuk-list govuk-list--bullet">
            {hoursAway.map((v) => (
              <li>
                <a class="govuk-link" href={`/app/vacancies/${v.vacancyId}`}>
                  {v.title}
                </a>{' '}
                at {v.employerName}, closes {fmtDate(v.closingDate)}: could qualify, ask the employer about {v.askAboutHours} hours a week
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {m.ruledOut.length ? (
        <>
          <h3 class="govuk-heading-s">Ruled out by the employer's conditions on convictions</h3>
          <p class="govuk-body">
            {firstName} would otherwise suit these jobs. Only you see this: liaison officers see only a count, never whose or why, and the
            employer is told nothing unless {firstName} chooses to tell them.
          </p>
          <ul class="govuk-list govuk-list--bullet">
            {m.ruledOut.map((v) => (
              <li>
                <a class="govuk-link" href={`/app/vacancies/${v.vacancyId}`}>
                  {v.title}
                </a>{' '}
                at {v.employerName}, closes {fmtDate(v.closingDate)}: {v.reasons.join('. ')}.
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {excluded.length ? (
        <details class="govuk-details">
          <summary class="govuk-details__summary">
            <span class="govuk-details__summary-text">Vacancies nearby that were left out</span>
          </summary>
          <div class="govuk-details__text">
            <ul class="govuk-list govuk-list--bullet">
              {excluded.map(([reason, n]) => (
                <li>
                  {n} {n === 1 ? 'vacancy' : 'vacancies'} because {EXCLUDED_VACANCIES_LABELS[reason]}
                </li>
              ))}
            </ul>
          </div>
        </details>
      ) : null}
    </>
  );
}
