import type { Vacancy } from '../../../../../shared/domain/vacancy.js';
import type { FieldError } from '../../../../../shared/errors.js';
import type { ExclusionReason } from '../../../../../shared/matching/types.js';
import type { matchesForVacancy } from '../../../../../shared/use-cases/matching.js';
import { Button, Choices, fmtDate, GuaranteedInterview, PostForm } from '../../components.js';
import type { WebContext } from '../../context.js';
import { EXCLUDED_PEOPLE_LABELS, FACTOR_LABELS } from '../../labels.js';

/* The candidates matching suggests for a vacancy, with the reasons, for liaison officers to put forward. */

const pct = (share: number) => Math.round(share * 100);
const signed = (n: number) => (n >= 0 ? `+${n}` : `−${Math.abs(n)}`);

export type Matches = Awaited<ReturnType<typeof matchesForVacancy>>;
type Candidate = Matches['candidates'][number];

function Factors({ m }: { m: Candidate }) {
  return (
    <>
      <ul class="rw-factors">
        {m.factors.map((f) => (
          <li>
            {FACTOR_LABELS[f.factor] ?? f.factor}: {signed(f.contribution)} – {f.detail}
          </li>
        ))}
      </ul>
      {m.gaps.length ? <div>Gaps: {m.gaps.join('; ')}</div> : null}
    </>
  );
}

export function SuggestedCandidates({
  c,
  v,
  m,
  chosen,
  errors,
  more,
  suggestions,
}: {
  c: WebContext;
  v: Vacancy;
  m: Matches;
  chosen: string[];
  errors?: FieldError[];
  /** The same page with more suggestions, when there may be more. */
  more?: string;
  /** How many are shown, so a refused put-forward shows the same list again (and names whom it refused). */
  suggestions: number;
}) {
  const excludedTotal = Object.values(m.excluded).reduce((a, b) => a + (b ?? 0), 0);
  const label = (x: Candidate) => (
    <>
      {x.summary.name} – score {x.score}
      <GuaranteedInterview show={x.guaranteedInterview} />
    </>
  );
  return (
    <>
      <h2 class="govuk-heading-m" id="suggested">
        Suggested candidates
      </h2>
      <p class="govuk-body">
        Ranked by how well they fit the job. These are recommendations: you decide who to put forward, and their adviser asks each person
        before the employer sees anything.
      </p>
      {m.fairness.eligible ? (
        <p class="govuk-body">
          {pct(m.fairness.longTermUnemployedShareOfEligible)}% of eligible candidates and {pct(m.fairness.longTermUnemployedShareOfList)}%
          of this list have been out of work 12 months or more ({m.fairness.eligible} eligible in all).
        </p>
      ) : null}
      {m.candidates.length === 0 ? (
        <p class="govuk-body">Nobody nearby meets the must-haves of this job right now.</p>
      ) : v.status === 'open' ? (
        <PostForm c={c} action={`/app/vacancies/${v.id}/submissions${suggestions > 20 ? `?suggestions=${suggestions}` : ''}`}>
          <Choices
            kind="checkboxes"
            id="candidates"
            name="participantIds[]"
            legend="Choose candidates to put forward"
            hint={`Put forward fewer, better-matched candidates: at most ${v.positions * 5 - (v.liveSubmissions ?? 0)} more for this vacancy.`}
            options={m.candidates.map((x) => [x.participantId, label(x), <Factors m={x} />] as const)}
            checked={chosen}
            error={
              errors
                ?.filter((x) => x.path === 'candidates')
                .map((x) => x.message)
                .join('. ') || undefined
            }
          />
          <Button>Put forward selected</Button>
        </PostForm>
      ) : null}
      {m.candidates.length === 0 || v.status === 'open' ? null : (
        <>
          <div class="govuk-inset-text">This vacancy is a draft. Publish it to put candidates forward.</div>
          <ol class="govuk-list govuk-list--number">
            {m.candidates.map((x) => (
              <li>
                <span class="govuk-!-font-weight-bold">{label(x)}</span>
                <Factors m={x} />
              </li>
            ))}
          </ol>
        </>
      )}
      {m.candidates.length > 0 && more ? (
        <p class="govuk-body">
          Showing the {m.candidates.length} best suited.{' '}
          <a class="govuk-link" href={more}>
            Show 20 more suggestions
          </a>{' '}
          before you choose: boxes already ticked are not kept.
        </p>
      ) : null}
      <details class="govuk-details">
        <summary class="govuk-details__summary">
          <span class="govuk-details__summary-text">Could qualify with one more skill, or fewer hours: {m.couldQualify.length}</span>
        </summary>
        <div class="govuk-details__text">
          {m.couldQualify.length ? (
            <>
              <p class="govuk-body">
                These people are job-ready and meet every other need of the job but one: a must-have skill, or the hours (they may work a
                few hours a week less than the job's minimum). Training, or asking the employer, may close the gap: talk to their adviser.
              </p>
              <ul class="govuk-list">
                {m.couldQualify.map((x) => (
                  <li>
                    <span class="govuk-!-font-weight-bold">
                      {x.summary.name} – score {x.score}
                    </span>
                    {x.askAboutHours !== undefined ? (
                      <p class="govuk-body-s govuk-!-margin-bottom-0">
                        Could qualify: ask the employer about {x.askAboutHours} hours a week
                      </p>
                    ) : (
                      <p class="govuk-body-s govuk-!-margin-bottom-0">Missing: {x.missingSkill}</p>
                    )}
                    {x.askAboutHours !== undefined ? null : x.training.length ? (
                      <p class="govuk-body-s govuk-!-margin-bottom-0">
                        Training that teaches it:{' '}
                        {x.training.map((t, i) => (
                          <>
                            {i ? ', ' : ''}
                            <a class="govuk-link" href={`/app/cohorts/${t.cohortId}`}>
                              {t.title}
                            </a>{' '}
                            (starts {fmtDate(t.startDate)})
                          </>
                        ))}
                      </p>
                    ) : (
                      <p class="govuk-body-s govuk-!-margin-bottom-0">No upcoming training cohort teaches it.</p>
                    )}
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p class="govuk-body">Nobody nearby is one skill short of this job.</p>
          )}
        </div>
      </details>
      <details class="govuk-details">
        <summary class="govuk-details__summary">
          <span class="govuk-details__summary-text">Nearly ready (amber): {m.nearlyReady.length}</span>
        </summary>
        <div class="govuk-details__text">
          {m.nearlyReady.length ? (
            <>
              <p class="govuk-body">
                These people fit the job but their advisers do not yet judge them job-ready. Talk to the adviser before the closing date.
              </p>
              <ul class="govuk-list">
                {m.nearlyReady.map((x) => (
                  <li>
                    <span class="govuk-!-font-weight-bold">
                      {x.summary.name} – score {x.score}
                    </span>
                    {x.gaps.length ? <p class="govuk-body-s govuk-!-margin-bottom-0">Gaps: {x.gaps.join('; ')}</p> : null}
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p class="govuk-body">Nobody nearby is nearly ready for this job.</p>
          )}
        </div>
      </details>
      <details class="govuk-details">
        <summary class="govuk-details__summary">
          <span class="govuk-details__summary-text">Not suggested: {excludedTotal}</span>
        </summary>
        <div class="govuk-details__text">
          {excludedTotal ? (
            <ul class="govuk-list govuk-list--bullet">
              {(Object.entries(m.excluded) as [ExclusionReason, number][]).map(([reason, n]) => (
                <li>
                  {n} {n === 1 ? 'person' : 'people'} {EXCLUDED_PEOPLE_LABELS[reason] ?? reason}
                </li>
              ))}
            </ul>
          ) : (
            <p class="govuk-body">Nobody nearby was ruled out.</p>
          )}
        </div>
      </details>
    </>
  );
}
