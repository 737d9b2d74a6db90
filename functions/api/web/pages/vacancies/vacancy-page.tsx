import type { Child } from 'hono/jsx';
import type { AppDeps } from '../../../deps.js';
import type { SubmissionState } from '../../../../../shared/domain/submission.js';
import type { Vacancy } from '../../../../../shared/domain/vacancy.js';
import type { FieldError } from '../../../../../shared/errors.js';
import { MATCH_ALERTS } from '../../../../../shared/domain/match-alerts.js';
import * as matching from '../../../../../shared/use-cases/matching.js';
import * as submissions from '../../../../../shared/use-cases/submissions.js';
import * as vacancies from '../../../../../shared/use-cases/vacancies.js';
import * as chain from '../../../../../shared/use-cases/supply-chain.js';
import { ChainCandidates, ShareTask } from '../supply-chain.js';
import * as chainProposals from '../../../../../shared/use-cases/supply-chain-proposals.js';
import { Button, DoneBanner, NextPage, PostForm, SummaryList, Tag, UnrecognisedSkills, words } from '../../components.js';
import { peopleFor } from '../../people.js';
import { page, type WebContext } from '../../context.js';
import { VACANCY_STATUS_TAG } from '../../labels.js';
import { isFull, type ForEmployer } from './candidate-details.js';
import { EmployerCandidate, SubmissionsTable } from './candidates.js';
import { ManageVacancy } from './manage.js';
import type { Action } from './employer-actions.js';
import { jobRows } from './job-rows.js';
import { SuggestedCandidates } from './suggested-candidates.js';

/* The vacancy page: for the employer their candidates, for advisers the job, for liaison officers the job, suggested candidates and submissions. */

/** The vacancy as we hold it, as summary list rows. */
export function vacancyRows(v: Vacancy, linkEmployer: boolean): [string, Child][] {
  const rows: [string, Child][] = [
    [
      'Employer',
      linkEmployer ? (
        <a class="govuk-link" href={`/app/employers/${v.employerId}`}>
          {v.employerName}
        </a>
      ) : (
        v.employerName
      ),
    ],
    ['Status', <Tag colour={VACANCY_STATUS_TAG[v.status]}>{v.status}</Tag>],
    ['Occupation', v.occupation.title],
    ['Sector', words(v.sector)],
    ['Place of work', [v.site.town, v.site.postcode].filter(Boolean).join(', ')],
    ['Positions', `${v.positions} (${v.filledPositions} filled)`],
    ...jobRows(v, v.skillsUnrecognised?.length ? [['Not in the skills list', <UnrecognisedSkills skills={v.skillsUnrecognised} />]] : []),
  ];
  if (v.liveSubmissions !== undefined) rows.push(['Candidates in progress', `${v.liveSubmissions} of at most ${v.positions * 5}`]);
  return rows;
}

/** The vacancy as we hold it. */
export function VacancySummary({ v, linkEmployer }: { v: Vacancy; linkEmployer: boolean }) {
  return <SummaryList rows={vacancyRows(v, linkEmployer)} />;
}

const SUGGESTIONS_STEP = 20;
const MAX_SUGGESTIONS = 100;

const VACANCY_DONE: Record<string, string> = {
  created: 'Vacancy saved',
  lifted: 'The guaranteed interview is lifted: the employer may now decide either way. They and the adviser have been told.',
  published: 'Vacancy published',
  changed: 'Your changes to the vacancy are saved',
};

/**
 * An answer recorded for the employer, by what it became: what was recorded, then what comes next. Each
 * also says who was told: always the candidate's adviser, and those `told=` names (answerTold, after what
 * the notifier does: shared/use-cases/deliver.ts).
 */
const ANSWERS = {
  invited: ['Interview wanted.', 'Next: book the interview below.'],
  rejected: ['Not taken forward.', 'Their adviser sees your reason, so they can help them.'],
  'interview-booked': ['Interview booked.', 'Their adviser will make sure they know when and where.'],
  trial: ['Work trial arranged.', 'Next: record how it went once it is over.'],
  'trial-passed': ['Work trial passed.', 'Next: offer the job, or record the outcome.'],
  'trial-failed': ['Work trial result saved: it did not work out.', 'Their adviser sees the reason, so they can help them.'],
  offered: ['Job offered.', 'Their adviser will ask them for their answer.'],
  'offer-accepted': ['Offer accepted.', 'Next: record the hire when they start.'],
  'offer-declined': ['Offer declined.', 'Their adviser will talk it through with them.'],
  hired: ['Hire recorded.', 'Their adviser will support them through their first weeks in the job.'],
  'not-hired': ['Outcome recorded: not hired.', 'Their adviser will talk it through with them.'],
  // The outcome "withdrawn" is the candidate's choice (an employer withdrawing an offer records "not hired").
  withdrawn: ['Withdrawn: they are no longer going ahead.', 'Their adviser will talk it through with them.'],
} as const satisfies Record<string, readonly [done: string, next: string]>;
type Answered = keyof typeof ANSWERS;

/** The banner key for an employer's answer, from the form it came from and the state it left the candidate in. */
export function answerDone(action: Action, state: SubmissionState): Answered | 'recorded' {
  if (action === 'interview') return 'interview-booked';
  if (state === 'interview') return 'invited';
  return Object.hasOwn(ANSWERS, state) ? (state as Answered) : 'recorded';
}

/**
 * Who besides the adviser the notifier tells of an answer, for the banner: the liaison officer who put the
 * candidate forward (of all but a booked interview; when they recorded it themselves their own inbox has
 * it too, which the banner need not say), and the employer of the participant's answer to an offer or a
 * withdrawal recorded for them.
 */
export function answerTold(action: Action, state: SubmissionState, by: { role: string; sub: string }, proposedBy?: string): string {
  const told: string[] = [];
  if (answerDone(action, state) !== 'interview-booked' && proposedBy !== by.sub) told.push('liaison');
  if (by.role !== 'employer' && (action === 'offer-response' || state === 'withdrawn')) told.push('employer');
  return told.join(',');
}

/** The vacancy page's banners, some of them built from the query: how many were put forward, who was told. */
function vacancyDone(c: WebContext): Record<string, string> {
  const n = Number(c.req.query('n'));
  const put =
    Number.isInteger(n) && n > 0 && n <= 100
      ? n === 1
        ? 'One candidate put forward.'
        : `${n} candidates put forward.`
      : 'Candidates put forward.';
  const also = new Set((c.req.query('told') ?? '').split(','));
  const others = [
    ...(also.has('liaison') ? ['the liaison officer who put them forward'] : []),
    ...(also.has('employer') ? ['the employer'] : []),
  ];
  const told = ['their adviser', ...others].join(others.length > 1 ? ', ' : ' and ').replace(/, ([^,]+)$/, ' and $1');
  return {
    ...VACANCY_DONE,
    proposed: `${put} We have told their advisers, who will ask each of them to agree before the employer sees them.`,
    recorded: `Your answer is recorded. We have told ${told}.`,
    ...Object.fromEntries(Object.entries(ANSWERS).map(([k, [done, next]]) => [k, `${done} We have told ${told}. ${next}`])),
  };
}

/** For an adviser: who on their own caseload is among the people the vacancy suits best (what a match alert links to). */
function FromYourCaseload({ people }: { people: { participantId: string; name: string }[] }) {
  return (
    <>
      <h2 class="govuk-heading-m" id="your-caseload">
        From your caseload
      </h2>
      {people.length === 0 ? (
        <p class="govuk-body">Nobody on your caseload is among the {MATCH_ALERTS.topN} people this vacancy suits best.</p>
      ) : (
        <>
          <p class="govuk-body">
            Among the {MATCH_ALERTS.topN} people this vacancy suits best, best suited first. Only a liaison officer puts people forward:
            tell them if you want someone considered.
          </p>
          <ul class="govuk-list govuk-list--bullet">
            {people.map((p) => (
              <li>
                <a class="govuk-link" href={`/app/participants/${p.participantId}`}>
                  {p.name}
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

/**
 * The vacancy page as the reader's role lays it out. `errors` (or a function of the suggested candidates'
 * names, for refusals that name them) and `chosen` show a refused put-forward again.
 */
export async function renderVacancy(
  c: WebContext,
  deps: AppDeps,
  id: string,
  opts: { errors?: FieldError[] | ((names: Map<string, string>) => FieldError[]); chosen?: string[]; status?: number } = {},
) {
  const actor = c.get('actor');
  const fixedErrors = typeof opts.errors === 'function' ? undefined : opts.errors;
  const v = await vacancies.getVacancy(deps, actor, id);
  const title = v.title;

  if (actor.role === 'employer') {
    const list = await submissions.listForVacancy(deps, actor, id, { limit: 100, cursor: c.req.query('more') });
    const mine = list.items.filter((s): s is ForEmployer => !isFull(s));
    return page(
      c,
      { title, current: '/app', errors: fixedErrors, status: opts.status },
      <>
        <DoneBanner c={c} messages={vacancyDone(c)} />
        <span class="govuk-caption-l">{v.employerName}</span>
        <h1 class="govuk-heading-l">{title}</h1>
        <h2 class="govuk-heading-m" id="candidates">
          Candidates
        </h2>
        {mine.length === 0 ? (
          <p class="govuk-body">No candidates have been put forward to you yet. We will tell you when someone is.</p>
        ) : (
          mine.map((s) => <EmployerCandidate c={c} s={s} />)
        )}
        <NextPage href={list.nextCursor ? `/app/vacancies/${id}?more=${encodeURIComponent(list.nextCursor)}` : undefined} />
        <ManageVacancy v={v} />
        <details class="govuk-details">
          <summary class="govuk-details__summary">
            <span class="govuk-details__summary-text">The vacancy as we hold it</span>
          </summary>
          <div class="govuk-details__text">
            <VacancySummary v={v} linkEmployer={false} />
          </div>
        </details>
      </>,
    );
  }

  if (actor.role === 'adviser') {
    const mine = await matching.caseloadMatchesForVacancy(deps, actor, id);
    return page(
      c,
      { title },
      <>
        <span class="govuk-caption-l">{v.employerName}</span>
        <h1 class="govuk-heading-l">{title}</h1>
        {v.status === 'draft' ? (
          <div class="govuk-inset-text">
            This vacancy is a draft: it is not advertised yet. Use the time to prepare anyone on your caseload it could suit.
          </div>
        ) : null}
        <VacancySummary v={v} linkEmployer={false} />
        {v.status === 'open' || v.status === 'draft' ? <FromYourCaseload people={mine} /> : null}
      </>,
    );
  }

  const showMatches = v.status === 'open' || v.status === 'draft';
  // Twenty suggestions first, then twenty more at a time on asking, up to the API's hundred.
  const asked = Number(c.req.query('suggestions'));
  const suggestions = Number.isInteger(asked) && asked > SUGGESTIONS_STEP ? Math.min(asked, MAX_SUGGESTIONS) : SUGGESTIONS_STEP;
  const [m, list, share, fromChain] = await Promise.all([
    showMatches ? matching.matchesForVacancy(deps, actor, id, suggestions) : undefined,
    submissions.listForVacancy(deps, actor, id, { limit: 100, cursor: c.req.query('more') }),
    chain.shareOf(deps, actor, id),
    chainProposals.listChainCandidates(deps, actor, id),
  ]);
  const items = list.items.filter(isFull);
  const names = new Map([...(m?.candidates ?? []), ...(m?.nearlyReady ?? [])].map((x) => [x.participantId, x.summary.name]));
  const errors = typeof opts.errors === 'function' ? opts.errors(names) : opts.errors;
  const people = await peopleFor(
    c,
    deps,
    items.map((s) => s.adviserId),
  );
  return page(
    c,
    { title, current: '/app/vacancies', errors, status: opts.status },
    <>
      <DoneBanner c={c} messages={vacancyDone(c)} />
      <span class="govuk-caption-l">{v.employerName}</span>
      <h1 class="govuk-heading-l">{title}</h1>
      <VacancySummary v={v} linkEmployer />
      {v.status === 'draft' ? (
        <PostForm c={c} action={`/app/vacancies/${id}/publish`}>
          <Button id="publish">Publish vacancy</Button>
        </PostForm>
      ) : null}
      <ManageVacancy v={v} />
      <ShareTask c={c} vacancyId={id} open={v.status === 'open'} state={share} />
      {m ? (
        <SuggestedCandidates
          c={c}
          v={v}
          m={m}
          chosen={opts.chosen ?? []}
          errors={errors}
          suggestions={suggestions}
          more={
            m.candidates.length >= suggestions && suggestions < MAX_SUGGESTIONS
              ? `/app/vacancies/${id}?suggestions=${suggestions + SUGGESTIONS_STEP}#suggested`
              : undefined
          }
        />
      ) : null}
      <SubmissionsTable c={c} vacancyId={id} items={items} next={list.nextCursor ?? undefined} people={people} />
      <ChainCandidates items={fromChain} />
    </>,
  );
}
