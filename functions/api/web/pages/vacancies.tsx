import type { Hono } from 'hono';
import type { z } from 'zod';
import type { Child } from 'hono/jsx';
import type { AppDeps } from '../../deps.js';
import type { Actor } from '../../../../shared/domain/actor.js';
import { SECTORS, SHIFT_PATTERNS, WORK_DEMANDS } from '../../../../shared/domain/common.js';
import {
  DecisionInput,
  InterviewInput,
  NOT_HIRED_REASONS,
  OutcomeInput,
  REJECTION_REASONS,
  SubmissionCreate,
  type EmployerView,
  type Submission,
  type SubmissionState,
} from '../../../../shared/domain/submission.js';
import { BACKGROUND_CHECKS, CONTRACT_TYPES, VacancyCreate, type Vacancy } from '../../../../shared/domain/vacancy.js';
import { ForbiddenError, type FieldError } from '../../../../shared/errors.js';
import type { ExclusionReason, Factor } from '../../../../shared/matching/types.js';
import * as employers from '../../../../shared/use-cases/employers.js';
import * as matching from '../../../../shared/use-cases/matching.js';
import * as submissions from '../../../../shared/use-cases/submissions.js';
import * as vacancies from '../../../../shared/use-cases/vacancies.js';
import {
  Button,
  Checkbox,
  Choices,
  DateInput,
  DoneBanner,
  fieldsFor,
  fmtDate,
  fmtDateTime,
  GuaranteedInterview,
  LabelTag,
  money,
  NextPage,
  PostForm,
  Select,
  SummaryList,
  Table,
  Tag,
  TextArea,
  TextInput,
  words,
  yesNo,
  type Option,
} from '../components.js';
import { formErrors, friendly, listAt, parseForm, typedValues, valueAt, withUtc, type Values } from '../forms.js';
import { page, type WebContext, type WebEnv } from '../context.js';
import { label } from '../layout.js';
import { staffOnly } from '../session.js';

/* ------------------------------------------------------------------------------------------------
 * Labels
 * ---------------------------------------------------------------------------------------------- */

export const VACANCY_STATUS_TAG: Record<Vacancy['status'], string> = {
  draft: 'grey',
  open: 'green',
  filled: 'blue',
  closed: 'orange',
  withdrawn: 'red',
};

const REJECTION_LABELS: Record<(typeof REJECTION_REASONS)[number], string> = {
  skills: 'Does not have the skills needed',
  experience: 'Not enough experience',
  availability: 'Availability does not fit the job',
  location: 'Location or travel does not work',
  'position-filled': 'The position has been filled',
  other: 'Another reason (say why in the note)',
};

const NOT_HIRED_LABELS: Record<(typeof NOT_HIRED_REASONS)[number], string> = {
  'interview-performance': 'The interview did not go well enough',
  'did-not-attend': 'Did not attend the interview',
  'offer-declined': 'Turned the offer down',
  'position-filled': 'The position has been filled',
  other: 'Another reason (say why in the note)',
};

const STATE_LABELS: Record<SubmissionState, [text: string, colour: string]> = {
  proposed: ['Waiting for the adviser', 'grey'],
  submitted: ['Awaiting decision', 'blue'],
  declined: ['Declined', 'grey'],
  lapsed: ['Lapsed', 'grey'],
  interview: ['Interview', 'purple'],
  rejected: ['Not taken forward', 'red'],
  expired: ['Expired', 'orange'],
  hired: ['Hired', 'green'],
  'not-hired': ['Not hired', 'red'],
  withdrawn: ['Withdrawn', 'grey'],
};

const StateTag = ({ state }: { state: SubmissionState }) => <LabelTag labels={STATE_LABELS} value={state} />;

const FACTOR_LABELS: Record<Factor, string> = {
  'essential-skills': 'Must-have skills',
  'desirable-skills': 'Nice-to-have skills',
  preference: 'Job preference',
  'work-history': 'Work history',
  distance: 'Distance',
  'hours-fit': 'Hours',
  'pet-completion': 'Pre-employment training',
  'waiting-time': 'Time waiting',
  'long-term-unemployed': 'Long-term unemployed',
  'already-put-forward': 'Already put forward',
};

const EXCLUSION_LABELS: Record<ExclusionReason, string> = {
  'no-matching-consent': 'have not consented to be matched',
  'not-active': 'are not active on the programme',
  'not-job-ready': 'are not job-ready',
  'already-submitted': 'have already been put forward for this vacancy',
  'no-right-to-work': 'have no right to work recorded',
  'no-driving-licence': 'do not have the driving licence the job needs',
  'missing-certification': 'do not hold a required certificate',
  hours: 'cannot work these hours',
  shifts: 'cannot work these shifts',
  'work-demands': 'cannot meet the demands of the work',
  'too-far': 'live too far away',
};

/* ------------------------------------------------------------------------------------------------
 * The vacancy form
 * ---------------------------------------------------------------------------------------------- */

const VACANCY_GROUPS = {
  hoursPerWeek: ['hoursPerWeek.min', 'hoursPerWeek.max'],
  wage: ['wage.amount'],
  site: ['site.postcode'],
  occupation: ['occupation.title'],
};

async function employerChoices(deps: AppDeps, actor: Actor, preselected?: string) {
  const [mine, all] = await Promise.all([
    employers.listEmployers(deps, actor, { limit: 100, accountManagerId: actor.sub }),
    employers.listEmployers(deps, actor, { limit: 100 }),
  ]);
  const mineIds = new Set(mine.items.map((e) => e.id));
  const others = all.items.filter((e) => !mineIds.has(e.id));
  const known = mineIds.has(preselected ?? '') || others.some((e) => e.id === preselected);
  // A preselected employer beyond the first hundred is fetched on its own (a 404 if it is not one we may see).
  const extra = preselected && !known && /^[0-9A-HJKMNP-TV-Z]{26}$/.test(preselected) ? [await employers.getEmployer(deps, actor, preselected)] : [];
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
  const opt = (e: { id: string; name: string }) => [e.id, e.name] as const;
  return [
    { label: 'Your employers', options: [...mine.items, ...extra].sort(byName).map(opt) },
    { label: 'Other employers', options: others.sort(byName).map(opt) },
  ];
}

function VacancyForm({ c, groups, values, errors }: { c: WebContext; groups: { label: string; options: readonly Option[] }[]; values: Values; errors?: FieldError[] }) {
  const f = fieldsFor(values, errors);
  return (
    <PostForm c={c} action="/app/vacancies">
      <Select {...f.field('employerId')} label="Employer" options={[['', 'Choose an employer']]} groups={groups} />
      <TextInput {...f.field('title')} label="Job title as advertised" />
      <TextInput {...f.field('occupation.title')} label="Occupation" hint="The kind of work, for matching, for example ‘Warehouse operative’" />
      <Select {...f.field('sector')} label="Sector" options={[['', 'Choose a sector'], ...SECTORS.map((s) => [s, words(s)] as const)]} />
      <TextInput {...f.field('site.postcode')} label="Postcode of the place of work" width="10" autocomplete="postal-code" />
      <TextInput {...f.field('site.town')} label="Town (optional)" width="20" />
      <TextInput {...f.field('positions:number')} label="Number of positions" width="4" inputmode="numeric" />
      <fieldset class="govuk-fieldset">
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Hours per week</legend>
        <TextInput {...f.field('hoursPerWeek.min:number')} label="Fewest hours" width="3" inputmode="numeric" />
        <TextInput {...f.field('hoursPerWeek.max:number')} label="Most hours" width="3" inputmode="numeric" />
      </fieldset>
      <Choices
        {...f.choice('shiftPatterns[]')}
        kind="checkboxes"
        legend="Shift patterns"
        hint="Select all that apply."
        options={SHIFT_PATTERNS.map((s) => [s, words(s)] as const)}
        small
      />
      <Select {...f.field('contractType')} label="Contract type" options={[['', 'Choose a contract type'], ...CONTRACT_TYPES.map((t) => [t, words(t)] as const)]} />
      <fieldset class="govuk-fieldset">
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Pay</legend>
        <TextInput {...f.field('wage.amount:number')} label="Amount in pounds" width="5" inputmode="decimal" />
        <Select
          {...f.field('wage.period')}
          label="Per"
          options={[
            ['hour', 'Hour'],
            ['week', 'Week'],
            ['year', 'Year'],
          ]}
          value={valueAt(values, 'wage.period') || 'hour'}
        />
      </fieldset>
      <TextInput {...f.field('essentialSkills[]')} label="Must-have skills (optional)" hint="Separate skills with commas, for example: picking, packing" />
      <TextInput {...f.field('desirableSkills[]')} label="Nice-to-have skills (optional)" hint="Separate skills with commas." />
      <TextInput
        {...f.field('essentialCertifications[]')}
        label="Certificates or licences needed (optional)"
        hint="Separate them with commas, for example: sia door supervisor, cscs green card"
      />
      <Choices
        {...f.choice('workDemands[]')}
        kind="checkboxes"
        legend="What the work involves (optional)"
        hint="Say what the job asks of people, so nobody is matched to tasks they cannot do."
        options={WORK_DEMANDS.map((d) => [d, words(d)] as const)}
        small
      />
      <Checkbox {...f.flag('drivingLicenceRequired:boolean')} legend="Driving" text="A full driving licence is needed" />
      <Select
        {...f.field('backgroundCheck')}
        label="Background check"
        options={BACKGROUND_CHECKS.map((b) => [b, b === 'none' ? 'None' : b === 'bs7858' ? 'BS 7858 security screening' : words(b).replace('dbs', 'DBS')] as const)}
        value={valueAt(values, 'backgroundCheck') || 'none'}
      />
      <Checkbox {...f.flag('guaranteedInterview:boolean')} legend="Guaranteed interview" text="The employer guarantees an interview to candidates who meet the must-haves" />
      <Checkbox {...f.flag('workTrial:boolean')} legend="Work trial" text="The employer offers a work trial" />
      <DateInput {...f.field('closingDate')} label="Closing date" />
      <Choices
        {...f.choice('status')}
        kind="radios"
        legend="Publish the vacancy?"
        hint="A draft gives advisers time to prepare candidates before it is advertised."
        options={[
          ['draft', 'Save as draft'],
          ['open', 'Publish now'],
        ]}
        checked={[valueAt(values, 'status') || 'draft']}
      />
      <Button>Save vacancy</Button>
    </PostForm>
  );
}

/* ------------------------------------------------------------------------------------------------
 * Candidates (employer view) and the decision, interview and outcome forms
 * ---------------------------------------------------------------------------------------------- */

type Full = Submission;
type ForEmployer = Exclude<ReturnType<typeof submissions.viewFor>, Submission>;
const isFull = (s: ReturnType<typeof submissions.viewFor>): s is Full => !('candidate' in s);

/** The consented fields, as the employer sees them. */
function CandidateDetails({ candidate, extra = [] }: { candidate: EmployerView; extra?: [string, Child][] }) {
  const rows: [string, Child][] = [['Reference', candidate.candidateRef]];
  if (candidate.firstName) rows.push(['First name', candidate.firstName]);
  if (candidate.skills) rows.push(['Skills', candidate.skills.length ? candidate.skills.join(', ') : 'None listed']);
  if (candidate.workHistory) {
    rows.push([
      'Work history',
      candidate.workHistory.length ? (
        <ul class="govuk-list">
          {candidate.workHistory.map((w) => (
            <li>
              {w.role}
              {w.sector ? ` (${words(w.sector)})` : ''}, {w.from} to {w.to ?? 'now'}
            </li>
          ))}
        </ul>
      ) : (
        'None recorded'
      ),
    ]);
  }
  if (candidate.certifications) {
    rows.push([
      'Certificates',
      candidate.certifications.length
        ? candidate.certifications.map((x) => `${x.name}${x.expiresOn ? ` (valid until ${fmtDate(x.expiresOn)})` : ''}`).join(', ')
        : 'None',
    ]);
  }
  if (candidate.availability) {
    const h = candidate.availability.hoursPerWeek;
    rows.push(['Availability', `${h ? `${h.min} to ${h.max} hours a week` : 'Hours not stated'}; shifts: ${candidate.availability.shifts.map(words).join(', ') || 'any'}`]);
  }
  if (candidate.drivingLicence !== undefined) rows.push(['Driving licence', yesNo(candidate.drivingLicence)]);
  if (candidate.healthDisclosure) rows.push(['Health or disability, in their words', candidate.healthDisclosure]);
  if (candidate.convictionDisclosure) rows.push(['Convictions, in their words', candidate.convictionDisclosure]);
  if (candidate.programmeParticipation) rows.push(['Support', candidate.programmeParticipation]);
  return <SummaryList rows={[...rows, ...extra]} />;
}

type FormProps = { c: WebContext; sid: string; prefix: string; values?: Values; errors?: FieldError[] };

function DecisionForm({ c, sid, prefix, values, errors }: FormProps) {
  const f = fieldsFor(values, errors, { prefix });
  return (
    <PostForm c={c} action={`/app/submissions/${sid}/decision`}>
      <Choices
        {...f.choice('decision')}
        kind="radios"
        legend="Your decision"
        options={[
          ['interview', 'Invite to interview'],
          ['reject', 'Do not take forward'],
        ]}
      />
      <Select
        {...f.field('reasonCode')}
        label="Reason for not taking them forward"
        hint="Needed if you do not take them forward. Their adviser sees the reason, so they can help."
        options={[['', 'Choose a reason'], ...REJECTION_REASONS.map((r) => [r, REJECTION_LABELS[r]] as const)]}
      />
      <TextArea {...f.field('note')} label="Note (optional)" rows={3} />
      <Button>Send decision</Button>
    </PostForm>
  );
}

function InterviewForm({ c, sid, prefix, values, errors }: FormProps) {
  const f = fieldsFor(values, errors, { prefix });
  return (
    <PostForm c={c} action={`/app/submissions/${sid}/interview`}>
      <DateInput {...f.field('at')} time label="Interview date and time" />
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
      <DateInput {...f.field('startDate')} label="Start date" hint="Only for a hire." />
      <Select
        {...f.field('reasonCode')}
        label="Reason, if not hired"
        options={[['', 'Choose a reason'], ...NOT_HIRED_REASONS.map((r) => [r, NOT_HIRED_LABELS[r]] as const)]}
      />
      <TextArea {...f.field('note')} label="Note (optional)" rows={3} />
      <Button>Record outcome</Button>
    </PostForm>
  );
}

type Action = 'decision' | 'interview' | 'outcome';

/** The forms a submission's state allows, each with ids unique on the page. */
function ActionForms({ c, s, state }: { c: WebContext; s: { id: string; interview?: unknown }; state: SubmissionState }) {
  const base = `s-${s.id}-`;
  const booked = s.interview !== undefined;
  if (state === 'submitted') {
    return (
      <>
        <h4 class="govuk-heading-s">Interview or not?</h4>
        <DecisionForm c={c} sid={s.id} prefix={`${base}decision-`} />
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

function progressRows(s: { respondBy?: string; decision?: { decision: string; reasonCode?: string }; interview?: { at: string; place: string }; outcome?: { outcome: string; startDate?: string } }, state: SubmissionState) {
  const rows: [string, Child][] = [];
  if (s.respondBy && state === 'submitted') rows.push(['Please decide by', fmtDate(s.respondBy)]);
  if (s.decision?.decision === 'reject') {
    const code = s.decision.reasonCode as (typeof REJECTION_REASONS)[number] | undefined;
    rows.push(['Reason not taken forward', code ? (REJECTION_LABELS[code] ?? code) : '']);
  }
  if (s.interview) rows.push(['Interview', `${fmtDateTime(s.interview.at)}, ${s.interview.place}`]);
  if (s.outcome) rows.push(['Outcome', `${words(s.outcome.outcome)}${s.outcome.startDate ? `, starting ${fmtDate(s.outcome.startDate)}` : ''}`]);
  return rows;
}

function EmployerCandidate({ c, s }: { c: WebContext; s: ForEmployer }) {
  return (
    <div class="govuk-summary-card" id={`candidate-${s.candidateRef}`}>
      <div class="govuk-summary-card__title-wrapper">
        <h3 class="govuk-summary-card__title">
          Candidate {s.candidateRef}
          {s.candidate.firstName ? ` (${s.candidate.firstName})` : ''}
        </h3>
        <div>
          <StateTag state={s.state} /> {s.guaranteedInterview ? <Tag colour="turquoise">Guaranteed interview</Tag> : null}
        </div>
      </div>
      <div class="govuk-summary-card__content">
        <CandidateDetails candidate={s.candidate} extra={progressRows(s, s.state)} />
        <ActionForms c={c} s={s} state={s.state} />
      </div>
    </div>
  );
}

/* ------------------------------------------------------------------------------------------------
 * The vacancy page
 * ---------------------------------------------------------------------------------------------- */

function VacancySummary({ v, linkEmployer }: { v: Vacancy; linkEmployer: boolean }) {
  const rows: [string, Child][] = [
    ['Employer', linkEmployer ? <a class="govuk-link" href={`/app/employers/${v.employerId}`}>{v.employerName}</a> : v.employerName],
    ['Status', <Tag colour={VACANCY_STATUS_TAG[v.status]}>{v.status}</Tag>],
    ['Occupation', v.occupation.title],
    ['Sector', words(v.sector)],
    ['Place of work', [v.site.town, v.site.postcode].filter(Boolean).join(', ')],
    ['Positions', `${v.positions} (${v.filledPositions} filled)`],
    ['Hours per week', v.hoursPerWeek.min === v.hoursPerWeek.max ? `${v.hoursPerWeek.min}` : `${v.hoursPerWeek.min} to ${v.hoursPerWeek.max}`],
    ['Shifts', v.shiftPatterns.map(words).join(', ')],
    ['Contract', words(v.contractType)],
    ['Pay', `${money(v.wage.amount)} a${v.wage.period === 'hour' ? 'n' : ''} ${v.wage.period}`],
    ['Must-have skills', v.essentialSkills.join(', ') || 'None'],
    ['Nice-to-have skills', v.desirableSkills.join(', ') || 'None'],
    ['Certificates needed', v.essentialCertifications.join(', ') || 'None'],
    ['Driving licence needed', yesNo(v.drivingLicenceRequired)],
    ['What the work involves', v.workDemands.map(words).join(', ') || 'Nothing noted'],
    ['Background check', v.backgroundCheck === 'none' ? 'None' : words(v.backgroundCheck)],
    ['Guaranteed interview', yesNo(v.guaranteedInterview)],
    ['Work trial', yesNo(v.workTrial)],
    ['Closing date', fmtDate(v.closingDate)],
  ];
  if (v.startDate) rows.push(['Start date', fmtDate(v.startDate)]);
  if (v.liveSubmissions !== undefined) rows.push(['Candidates in progress', `${v.liveSubmissions} of at most ${v.positions * 5}`]);
  return <SummaryList rows={rows} />;
}

const VACANCY_DONE = {
  created: 'Vacancy saved',
  proposed: 'Candidates put forward. Their advisers will ask them to agree before the employer sees them.',
  decided: 'Your answer has been recorded',
  published: 'Vacancy published',
};

const pct = (share: number) => Math.round(share * 100);
const signed = (n: number) => (n >= 0 ? `+${n}` : `−${Math.abs(n)}`);

type Matches = Awaited<ReturnType<typeof matching.matchesForVacancy>>;
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

function SuggestedCandidates({ c, v, m, chosen, errors }: { c: WebContext; v: Vacancy; m: Matches; chosen: string[]; errors?: FieldError[] }) {
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
        Ranked by how well they fit the job. These are recommendations: you decide who to put forward, and their adviser asks each person before the employer
        sees anything.
      </p>
      {m.fairness.eligible ? (
        <p class="govuk-body">
          {pct(m.fairness.longTermUnemployedShareOfEligible)}% of eligible candidates and {pct(m.fairness.longTermUnemployedShareOfList)}% of this list have been
          out of work 12 months or more ({m.fairness.eligible} eligible in all).
        </p>
      ) : null}
      {m.candidates.length === 0 ? (
        <p class="govuk-body">Nobody nearby meets the must-haves of this job right now.</p>
      ) : v.status === 'open' ? (
        <PostForm c={c} action={`/app/vacancies/${v.id}/submissions`}>
          <Choices
            kind="checkboxes"
            id="candidates"
            name="participantIds[]"
            legend="Choose candidates to put forward"
            hint={`Put forward fewer, better-matched candidates: at most ${v.positions * 5 - (v.liveSubmissions ?? 0)} more for this vacancy.`}
            options={m.candidates.map((x) => [x.participantId, label(x), <Factors m={x} />] as const)}
            checked={chosen}
            error={errors?.filter((x) => x.path === 'candidates').map((x) => x.message).join('. ') || undefined}
          />
          <Button>Put forward selected</Button>
        </PostForm>
      ) : (
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
      <details class="govuk-details">
        <summary class="govuk-details__summary">
          <span class="govuk-details__summary-text">Nearly ready (amber): {m.nearlyReady.length}</span>
        </summary>
        <div class="govuk-details__text">
          {m.nearlyReady.length ? (
            <>
              <p class="govuk-body">These people fit the job but their advisers do not yet judge them job-ready. Talk to the adviser before the closing date.</p>
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
                  {n} {n === 1 ? 'person' : 'people'} {EXCLUSION_LABELS[reason] ?? reason}
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

function SubmissionsTable({ c, vacancyId, items, next }: { c: WebContext; vacancyId: string; items: Full[]; next?: string }) {
  const actionable = items.filter((s) => s.state === 'submitted' || s.state === 'interview');
  return (
    <>
      <h2 class="govuk-heading-m" id="submissions">
        Submissions
      </h2>
      {items.length === 0 ? (
        <p class="govuk-body">Nobody has been put forward yet.</p>
      ) : (
        <Table caption="Candidates put forward for this vacancy" head={['Candidate', 'State', 'Put forward', 'Answer due', 'Interview or outcome']}>
          {items.map((s) => (
            <tr class="govuk-table__row">
              <th scope="row" class="govuk-table__header">
                {s.candidateRef}
                <GuaranteedInterview show={s.guaranteedInterview} />
              </th>
              <td class="govuk-table__cell">
                <StateTag state={s.state} />
              </td>
              <td class="govuk-table__cell">{fmtDate(s.proposedAt)}</td>
              <td class="govuk-table__cell">
                {s.state === 'proposed' ? `Adviser by ${fmtDate(s.agreeBy)}` : s.state === 'submitted' && s.respondBy ? `Employer by ${fmtDate(s.respondBy)}` : ''}
              </td>
              <td class="govuk-table__cell">
                {s.outcome
                  ? `${words(s.outcome.outcome)}${s.outcome.startDate ? `, starts ${fmtDate(s.outcome.startDate)}` : ''}`
                  : s.interview
                    ? `${fmtDateTime(s.interview.at)}, ${s.interview.place}`
                    : s.decision?.decision === 'reject'
                      ? `Reason: ${REJECTION_LABELS[s.decision.reasonCode as (typeof REJECTION_REASONS)[number]] ?? s.decision.reasonCode ?? ''}`
                      : ''}
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
            <ActionForms c={c} s={s} state={s.state} />
          </div>
        </details>
      ))}
    </>
  );
}

async function renderVacancy(
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
        <DoneBanner c={c} messages={VACANCY_DONE} />
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
    return page(
      c,
      { title },
      <>
        <span class="govuk-caption-l">{v.employerName}</span>
        <h1 class="govuk-heading-l">{title}</h1>
        <VacancySummary v={v} linkEmployer={false} />
      </>,
    );
  }

  const showMatches = v.status === 'open' || v.status === 'draft';
  const [m, list] = await Promise.all([
    showMatches ? matching.matchesForVacancy(deps, actor, id, 20) : undefined,
    submissions.listForVacancy(deps, actor, id, { limit: 100, cursor: c.req.query('more') }),
  ]);
  const items = list.items.filter(isFull);
  const names = new Map([...(m?.candidates ?? []), ...(m?.nearlyReady ?? [])].map((x) => [x.participantId, x.summary.name]));
  const errors = typeof opts.errors === 'function' ? opts.errors(names) : opts.errors;
  return page(
    c,
    { title, current: '/app/vacancies', errors, status: opts.status },
    <>
      <DoneBanner c={c} messages={VACANCY_DONE} />
      <span class="govuk-caption-l">{v.employerName}</span>
      <h1 class="govuk-heading-l">{title}</h1>
      <VacancySummary v={v} linkEmployer />
      {v.status === 'draft' ? (
        <PostForm c={c} action={`/app/vacancies/${id}/publish`}>
          <Button id="publish">Publish vacancy</Button>
        </PostForm>
      ) : null}
      {m ? <SuggestedCandidates c={c} v={v} m={m} chosen={opts.chosen ?? []} errors={errors} /> : null}
      <SubmissionsTable c={c} vacancyId={id} items={items} next={list.nextCursor ?? undefined} />
    </>,
  );
}

/** A submission's form again, on its own, with the error summary. */
async function renderAction(c: WebContext, deps: AppDeps, sid: string, action: Action, errors: FieldError[], values: Values, status: number) {
  const actor = c.get('actor');
  const s = await submissions.getSubmission(deps, actor, sid);
  const candidate: EmployerView = isFull(s) ? (s.employerView ?? { candidateRef: s.candidateRef, sharedFields: [] }) : s.candidate;
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
      <Form c={c} sid={sid} prefix="" values={values} errors={errors} />
    </>,
  );
}

/* ------------------------------------------------------------------------------------------------
 * Routes
 * ---------------------------------------------------------------------------------------------- */

export function vacancyPages(web: Hono<WebEnv>, deps: AppDeps): void {
  web.get('/app/vacancies', async (c) => {
    const actor = c.get('actor');
    staffOnly(actor);
    const status = (['open', 'draft', 'closed', 'filled', 'withdrawn'] as const).find((s) => s === c.req.query('status')) ?? 'open';
    const list = await vacancies.listVacancies(deps, actor, { limit: 25, cursor: c.req.query('cursor'), status });
    const heading = status === 'open' ? 'Open vacancies' : `${words(status)} vacancies`;
    return page(
      c,
      { title: heading, current: '/app/vacancies' },
      <>
        <h1 class="govuk-heading-l">{heading}</h1>
        <a class="govuk-button" data-module="govuk-button" href="/app/vacancies/new" role="button" draggable="false">
          Take a new vacancy
        </a>
        <p class="govuk-body">
          By status:{' '}
          {(['open', 'draft', 'closed', 'filled', 'withdrawn'] as const).map((s) => (
            <>
              <a class="govuk-link" href={`/app/vacancies?status=${s}`} aria-current={s === status ? 'page' : undefined}>
                {s}
              </a>{' '}
            </>
          ))}
        </p>
        {list.items.length === 0 ? (
          <p class="govuk-body">No {status} vacancies.</p>
        ) : (
          <Table caption={heading} head={['Vacancy', 'Employer', 'Sector', { numeric: 'Positions' }, { numeric: 'In progress' }, 'Closes']}>
            {list.items.map((v) => (
              <tr class="govuk-table__row">
                <td class="govuk-table__cell">
                  <a class="govuk-link" href={`/app/vacancies/${v.id}`}>
                    {v.title}
                  </a>
                  <GuaranteedInterview show={v.guaranteedInterview} />
                </td>
                <td class="govuk-table__cell">
                  <a class="govuk-link" href={`/app/employers/${v.employerId}`}>
                    {v.employerName}
                  </a>
                </td>
                <td class="govuk-table__cell">{words(v.sector)}</td>
                <td class="govuk-table__cell govuk-table__cell--numeric">
                  {v.filledPositions} of {v.positions} filled
                </td>
                <td class="govuk-table__cell govuk-table__cell--numeric">{v.liveSubmissions ?? 0}</td>
                <td class="govuk-table__cell">{fmtDate(v.closingDate)}</td>
              </tr>
            ))}
          </Table>
        )}
        <NextPage href={list.nextCursor ? `/app/vacancies?status=${status}&cursor=${encodeURIComponent(list.nextCursor)}` : undefined} />
      </>,
    );
  });

  const newForm = async (c: WebContext, values: Values, errors?: FieldError[], status?: number) => {
    const actor = c.get('actor');
    const groups = await employerChoices(deps, actor, valueAt(values, 'employerId') || undefined);
    return page(
      c,
      { title: 'Take a new vacancy', current: '/app/vacancies', errors, status },
      <>
        <a class="govuk-back-link" href="/app/vacancies">
          Back to vacancies
        </a>
        <h1 class="govuk-heading-l">Take a new vacancy</h1>
        <p class="govuk-body">Record what the employer needs. Must-haves rule candidates in or out; nice-to-haves only rank them.</p>
        <VacancyForm c={c} groups={groups} values={values} errors={errors} />
      </>,
    );
  };

  web.get('/app/vacancies/new', async (c) => {
    staffOnly(c.get('actor'));
    return newForm(c, { employerId: c.req.query('employerId') ?? '', status: 'draft', wage: { period: 'hour' } });
  });

  web.post('/app/vacancies', async (c) => {
    const actor = c.get('actor');
    staffOnly(actor);
    const form = await c.req.parseBody({ all: true });
    const parsed = parseForm(VacancyCreate, form);
    if (!parsed.ok) return newForm(c, typedValues(form), friendly(parsed.errors, parsed.values, VACANCY_GROUPS), 400);
    try {
      const v = await vacancies.createVacancy(deps, actor, parsed.value);
      return c.redirect(`/app/vacancies/${v.id}?done=created`, 303);
    } catch (err) {
      const f = formErrors(err, 'title');
      if (!f) throw err;
      return newForm(c, typedValues(form), f.errors, f.status);
    }
  });

  web.get('/app/vacancies/:id', (c) => renderVacancy(c, deps, c.req.param('id')));

  web.post('/app/vacancies/:id/publish', async (c) => {
    const actor = c.get('actor');
    staffOnly(actor);
    const id = c.req.param('id');
    try {
      await vacancies.updateVacancy(deps, actor, id, { status: 'open' });
      return c.redirect(`/app/vacancies/${id}?done=published`, 303);
    } catch (err) {
      const f = formErrors(err, 'publish');
      if (!f) throw err;
      // The summary links to the publish button: the fields it names are not on this page.
      const errors = f.errors.map((e) => ({ path: 'publish', message: e.path === 'publish' ? e.message : `${label(e.path).toLowerCase()} ${e.message}` }));
      return renderVacancy(c, deps, id, { errors, status: f.status });
    }
  });

  web.post('/app/vacancies/:id/submissions', async (c) => {
    const actor = c.get('actor');
    staffOnly(actor);
    const id = c.req.param('id');
    const parsed = parseForm(SubmissionCreate, await c.req.parseBody({ all: true }));
    if (!parsed.ok) {
      const chosen = listAt(parsed.values, 'participantIds');
      const message = chosen.length ? 'choose each candidate once, from the list' : 'choose at least one candidate to put forward';
      return renderVacancy(c, deps, id, { errors: [{ path: 'candidates', message }], chosen, status: 400 });
    }
    try {
      await submissions.propose(deps, actor, id, parsed.value);
      return c.redirect(`/app/vacancies/${id}?done=proposed`, 303);
    } catch (err) {
      const f = formErrors(err, 'candidates');
      if (!f) throw err;
      // Refusals name candidates by their position in the request: say who, from the names the page shows.
      const ids = parsed.value.participantIds;
      const errors = (names: Map<string, string>) =>
        f.errors.map((e) => {
          const i = /^participantIds\.(\d+)$/.exec(e.path)?.[1];
          const pid = i === undefined ? undefined : ids[Number(i)];
          return { path: 'candidates', message: pid ? `${names.get(pid) ?? 'One candidate'}: ${e.message}` : e.message };
        });
      return renderVacancy(c, deps, id, { errors, chosen: ids, status: f.status });
    }
  });

  /** The employer's answers (employer users, or liaison officers for them): each one form, one use case, then back to the vacancy. */
  const action = <S extends z.ZodType>(name: Action, schema: S, fallback: string, run: (actor: Actor, sid: string, input: z.infer<S>) => Promise<{ vacancyId: string }>) =>
    web.post(`/app/submissions/:sid/${name}`, async (c) => {
      const actor = c.get('actor');
      if (actor.role === 'adviser') throw new ForbiddenError('Advisers do not record employer decisions');
      const sid = c.req.param('sid');
      const raw = await c.req.parseBody({ all: true });
      const parsed = parseForm(schema, name === 'interview' ? withUtc(raw, 'at') : raw);
      if (!parsed.ok) return renderAction(c, deps, sid, name, friendly(parsed.errors, parsed.values), typedValues(raw), 400);
      try {
        const done = await run(actor, sid, parsed.value);
        return c.redirect(`/app/vacancies/${done.vacancyId}?done=decided`, 303);
      } catch (err) {
        const f = formErrors(err, fallback);
        if (!f) throw err;
        return renderAction(c, deps, sid, name, f.errors, typedValues(raw), f.status);
      }
    });
  action('decision', DecisionInput, 'decision', (actor, sid, input) => submissions.recordDecision(deps, actor, sid, input));
  action('interview', InterviewInput, 'at', (actor, sid, input) => submissions.bookInterview(deps, actor, sid, input));
  action('outcome', OutcomeInput, 'outcome', async (actor, sid, input) => (await submissions.recordOutcome(deps, actor, sid, input)).submission);
}
