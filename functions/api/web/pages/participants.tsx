import type { Hono } from 'hono';
import type { z } from 'zod';
import type { Child } from 'hono/jsx';
import type { AppDeps } from '../../deps.js';
import type { Actor } from '../../../../shared/domain/actor.js';
import { WORK_DEMANDS } from '../../../../shared/domain/common.js';
import {
  Consent,
  READINESS,
  ReadinessChange,
  SensitiveInput,
  SHAREABLE_FIELDS,
  type Participant,
  type ReadinessHistoryEntry,
  type Sensitive,
} from '../../../../shared/domain/participant.js';
import { AgreementInput, CheckinInput, type Placement, type Submission, type SubmissionState } from '../../../../shared/domain/submission.js';
import { ForbiddenError, NotFoundError, type FieldError } from '../../../../shared/errors.js';
import type { ExclusionReason } from '../../../../shared/matching/types.js';
import { ownsParticipant } from '../../../../shared/policy.js';
import * as matching from '../../../../shared/use-cases/matching.js';
import * as participants from '../../../../shared/use-cases/participants.js';
import * as placements from '../../../../shared/use-cases/placements.js';
import * as subjectRights from '../../../../shared/use-cases/subject-rights.js';
import * as submissions from '../../../../shared/use-cases/submissions.js';
import {
  Button,
  Checkbox,
  Choices,
  DoneBanner,
  fieldsFor,
  fmtDate,
  fmtDateTime,
  GuaranteedInterview,
  LabelTag,
  PostForm,
  SummaryList,
  Table,
  Tag,
  TextArea,
  TextInput,
  words,
  yesNo,
} from '../components.js';
import { formErrors, friendly, listAt, parseForm, typedValues, valueAt, type RawForm, type Values } from '../forms.js';
import { page, type WebContext, type WebEnv } from '../context.js';

/* ------------------------------------------------------------------------------------------------
 * Labels
 * ---------------------------------------------------------------------------------------------- */

export const READINESS_LABELS: Record<Participant['readiness'], [text: string, colour: string, hint: string]> = {
  green: ['Green', 'green', 'Job-ready: can be matched to vacancies and put forward'],
  amber: ['Amber', 'yellow', 'Nearly job-ready'],
  red: ['Red', 'red', 'Not job-ready yet'],
};

export const ReadinessTag = ({ readiness }: { readiness: Participant['readiness'] }) => <LabelTag labels={READINESS_LABELS} value={readiness} />;

const STATUS_LABELS: Record<Participant['status'], [text: string, colour: string]> = {
  active: ['Active', 'blue'],
  placed: ['In work', 'green'],
  exited: ['Left the programme', 'grey'],
};

/** What each shareable field means, in plain words. */
export const SHARE_LABELS: Record<(typeof SHAREABLE_FIELDS)[number], string> = {
  firstName: 'Their first name',
  skills: 'Their skills',
  workHistory: 'Their work history',
  certifications: 'Their certificates and licences',
  availability: 'When they are available (hours and shifts)',
  drivingLicence: 'Whether they have a driving licence',
  healthDisclosure: 'Their health disclosure, in their own words',
  convictionDisclosure: 'Their conviction disclosure, in their own words',
  programmeParticipation: 'That they are on an employment programme',
};

/** The adviser's view of where a submission is. */
const STATE_LABELS: Record<SubmissionState, [text: string, colour: string]> = {
  proposed: ['Waiting for their answer', 'yellow'],
  submitted: ['With the employer', 'blue'],
  declined: ['They declined', 'grey'],
  lapsed: ['Lapsed: no answer in time', 'grey'],
  interview: ['Interview', 'purple'],
  rejected: ['Not taken forward', 'red'],
  expired: ['No answer from the employer', 'orange'],
  hired: ['Hired', 'green'],
  'not-hired': ['Not hired', 'red'],
  withdrawn: ['Withdrawn', 'grey'],
};

const REASON_LABELS: Record<string, string> = {
  skills: 'Skills did not match',
  experience: 'Not enough experience',
  availability: 'Availability did not fit',
  location: 'Location or travel',
  'position-filled': 'The position was filled',
  other: 'Another reason',
  'interview-performance': 'The interview did not go well enough',
  'did-not-attend': 'Did not attend the interview',
  'offer-declined': 'Turned the offer down',
  'consent-withdrawn': 'They withdrew consent to be matched',
};

/** Why vacancies were left out of the suggestions, from the participant's side. */
const EXCLUDED_LABELS: Record<ExclusionReason, string> = {
  'no-matching-consent': 'they have not agreed to be matched',
  'not-active': 'they are not active on the programme',
  'not-job-ready': 'their readiness is not green',
  'already-submitted': 'they have already been put forward for it',
  'no-right-to-work': 'no right to work is recorded',
  'no-driving-licence': 'the job needs a driving licence',
  'missing-certification': 'the job needs a certificate they do not hold',
  hours: 'the hours do not fit',
  shifts: 'the shifts do not fit',
  'work-demands': 'the work includes something they cannot do',
  'too-far': 'it is too far from home',
};

const CHECKIN_STATE: Record<placements.CheckinState, [text: string, colour: string]> = {
  recorded: ['Recorded', 'green'],
  overdue: ['Overdue', 'red'],
  due: ['Due today', 'orange'],
  upcoming: ['Not due yet', 'grey'],
};

const DONE: Record<string, string> = {
  readiness: 'Readiness changed',
  sensitive: 'Sensitive information saved',
  consent: 'Consent choices recorded',
  agreed: 'Answer recorded: they agree to be put forward. The employer now sees only what they chose to share.',
  declined: 'Answer recorded: they decline. Declining never counts against them.',
  checkin: 'Check-in recorded',
};

/** What to say when a required answer is missing, by field. */
const MISSING: Record<string, string> = {
  readiness: 'Select their readiness',
  reason: 'Enter why their readiness is changing',
  agreed: 'Select whether they agree to be put forward',
  milestone: 'Select which check-in this is',
  inWork: 'Select whether they are still in work',
  'convictions.unspent': 'Say whether they have unspent convictions',
  'benefitConstraints.permittedWork': 'Say whether they are on permitted work',
};

/** Field errors said plainly, and item errors (`adjustments.3`) on the field the page shows. */
function tidy(errors: FieldError[], values: Values): FieldError[] {
  const lists = ['adjustments', 'workLimits', 'shareWithEmployers'];
  return friendly(errors, values).map((e) => {
    const base = lists.find((l) => e.path.startsWith(`${l}.`));
    const path = base ?? e.path;
    const missing = valueAt(values, path) === '';
    return { path, message: missing && MISSING[path] ? MISSING[path] : e.message };
  });
}

/* ------------------------------------------------------------------------------------------------
 * The page
 * ---------------------------------------------------------------------------------------------- */

type Failed =
  | { form: 'readiness' | 'sensitive' | 'consent'; errors: FieldError[]; values: Values }
  | { form: 'agreement' | 'checkin'; id: string; errors: FieldError[]; values: Values };

/**
 * The fields of one of several forms of a kind (an answer per proposal, a check-in per placement): the form
 * with an error takes the plain ids, so the error summary lands on it; the others are numbered by their record.
 */
const fieldsOf = (failed: Failed | undefined, recordId: string) => fieldsFor(failed?.values, failed?.errors, failed ? {} : { suffix: `-${recordId}` });

const list = (xs: readonly string[] | undefined, empty = 'None recorded') => (xs && xs.length ? xs.join(', ') : empty);

/** The participant, or a 404 for anyone who may not see them (employers included). */
async function load(deps: AppDeps, actor: Actor, id: string) {
  try {
    return await participants.getParticipant(deps, actor, id);
  } catch (err) {
    if (err instanceof ForbiddenError) throw new NotFoundError('participant', id);
    throw err;
  }
}

async function sensitiveOf(deps: AppDeps, actor: Actor, id: string): Promise<Sensitive | undefined> {
  try {
    return await participants.getSensitive(deps, actor, id);
  } catch (err) {
    if (err instanceof NotFoundError) return undefined;
    throw err;
  }
}

async function renderParticipant(c: WebContext, deps: AppDeps, id: string, failed?: Failed, status?: number) {
  const actor = c.get('actor');
  const p = await load(deps, actor, id);
  const own = ownsParticipant(actor, p);
  const today = deps.clock.today();
  const [history, sensitive, subs, places, matches] = await Promise.all([
    participants.readinessHistory(deps, actor, id),
    own ? sensitiveOf(deps, actor, id) : undefined,
    own ? deps.repos.submissions.listByParticipant(actor.orgId, id) : undefined,
    own ? deps.repos.placements.listOf(actor.orgId, id) : undefined,
    own ? matching.matchesForParticipant(deps, actor, id, 10) : undefined,
  ]);
  const name = `${p.firstName} ${p.lastName}`;
  const errorsFor = (form: Failed['form'], formId?: string) =>
    failed && failed.form === form && (!('id' in failed) || failed.id === formId) ? failed : undefined;
  return page(
    c,
    { title: name, current: actor.role === 'adviser' ? '/app' : undefined, errors: failed?.errors, status },
    <>
      {actor.role === 'adviser' ? (
        <a class="govuk-back-link" href="/app">
          Back to your caseload
        </a>
      ) : null}
      <DoneBanner c={c} messages={DONE} />
      <span class="govuk-caption-l">Participant</span>
      <h1 class="govuk-heading-l">{name}</h1>
      {!own ? (
        <div class="govuk-inset-text">
          You see what matching needs. Contact details, benefit details and sensitive information are for their adviser only.
        </div>
      ) : null}
      {own ? (
        <nav aria-label="On this page" class="govuk-!-margin-bottom-6">
          <ul class="govuk-list govuk-body-s">
            {[
              ['#readiness-heading', 'Readiness'],
              ['#sensitive', 'Sensitive information'],
              ['#consent', 'Consent'],
              ['#proposals', 'Put forward and submissions'],
              ['#suggestions', 'Suggested vacancies'],
            ].map(([href, text]) => (
              <li>
                <a class="govuk-link" href={href}>
                  {text}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      <Profile p={p} own={own} />

      <h2 class="govuk-heading-m" id="readiness-heading">
        Readiness
      </h2>
      <p class="govuk-body">
        Now: <ReadinessTag readiness={p.readiness} /> {READINESS_LABELS[p.readiness][2]}.
      </p>
      <ReadinessHistory history={history} />
      {own ? <ReadinessForm c={c} id={id} failed={errorsFor('readiness')} /> : null}

      {own ? (
        <>
          <h2 class="govuk-heading-m" id="sensitive">
            Sensitive information
          </h2>
          <p class="govuk-body">
            Only their adviser and administrators can see this. Each time it is shown or changed, that is recorded in the audit trail.
          </p>
          <details class="govuk-details" open={errorsFor('sensitive') ? true : undefined}>
            <summary class="govuk-details__summary">
              <span class="govuk-details__summary-text">Show sensitive information</span>
            </summary>
            <div class="govuk-details__text">
              <SensitiveSummary s={sensitive} />
              <SensitiveForm c={c} id={id} s={sensitive} failed={errorsFor('sensitive')} />
            </div>
          </details>
        </>
      ) : null}

      <h2 class="govuk-heading-m" id="consent">
        Consent
      </h2>
      <ConsentSummary p={p} />
      {own ? <ConsentForm c={c} p={p} failed={errorsFor('consent')} /> : null}

      {subs ? (
        <Submissions
          c={c}
          p={p}
          subs={subs}
          places={(places ?? []).map((x) => placements.withCheckinState(x, today))}
          today={today}
          failed={failed && (failed.form === 'agreement' || failed.form === 'checkin') ? failed : undefined}
        />
      ) : null}

      {matches ? <Suggestions m={matches} firstName={p.firstName} /> : null}
    </>,
  );
}

function Profile({ p, own }: { p: Participant | participants.LiaisonParticipantView; own: boolean }) {
  const pref = p.preferences;
  const rows: [string, Child][] = [
    ['Readiness', <ReadinessTag readiness={p.readiness} />],
    ['Status', <LabelTag labels={STATUS_LABELS} value={p.status} />],
    ['Skills', list(p.skills)],
    [
      'Certificates and licences',
      p.certifications.length ? (
        <ul class="govuk-list">
          {p.certifications.map((x) => (
            <li>
              {x.name}
              {x.expiresOn ? `, expires ${fmtDate(x.expiresOn)}` : ', no expiry'}
            </li>
          ))}
        </ul>
      ) : (
        'None recorded'
      ),
    ],
    ['Driving licence', yesNo(p.drivingLicence)],
    ['Right to work', yesNo(p.rightToWork)],
    ['Home postcode', p.home.postcode],
    [
      'Preferences',
      <ul class="govuk-list">
        <li>Jobs: {list(pref.occupations, 'none stated')}</li>
        <li>Sectors: {pref.sectors.length ? pref.sectors.map(words).join(', ') : 'none stated'}</li>
        <li>Hours a week: {pref.hoursPerWeek ? `${pref.hoursPerWeek.min} to ${pref.hoursPerWeek.max}` : 'none stated'}</li>
        <li>Shifts: {pref.shifts.length ? pref.shifts.map(words).join(', ') : 'none stated'}</li>
        <li>Will travel up to {pref.maxTravelKm} km</li>
      </ul>,
    ],
    [
      'Work history',
      p.workHistory.length ? (
        <ul class="govuk-list">
          {p.workHistory.map((w) => (
            <li>
              {w.role}
              {w.employer ? ` at ${w.employer}` : ''}, {fmtDate(w.from)} to {w.to ? fmtDate(w.to) : 'now'}
            </li>
          ))}
        </ul>
      ) : (
        'None recorded'
      ),
    ],
    ['Unemployed since', fmtDate(p.unemployedSince)],
  ];
  if ('adjustmentsNeeded' in p) {
    rows.push(['Adjustments needed', yesNo(p.adjustmentsNeeded)]);
    if (p.maxHoursPerWeek !== undefined) rows.push(['Most hours a week they can work', String(p.maxHoursPerWeek)]);
  }
  if (own) {
    const full = p as Participant;
    rows.push(['Email', full.email ?? 'Not recorded'], ['Phone', full.phone ?? 'Not recorded']);
    if (full.paymentGroup) rows.push(['Payment group', full.paymentGroup]);
  }
  rows.push(['Live submissions', String(p.liveSubmissions ?? 0)]);
  return <SummaryList rows={rows} />;
}

function ReadinessHistory({ history }: { history: ReadinessHistoryEntry[] }) {
  // Stored oldest first; newest first here, and changes in the same instant keep their order.
  const rows = [...history].reverse().sort((a, b) => (a.changedAt < b.changedAt ? 1 : a.changedAt > b.changedAt ? -1 : 0));
  return (
    <Table caption="Readiness history, newest first" showCaption head={['Date', 'Change', 'Why', 'By']}>
      {rows.map((h) => (
        <tr class="govuk-table__row">
          <td class="govuk-table__cell">{fmtDateTime(h.changedAt)}</td>
          <td class="govuk-table__cell">
            {h.from ? (
              <>
                <ReadinessTag readiness={h.from} /> to{' '}
              </>
            ) : (
              'Set to '
            )}
            <ReadinessTag readiness={h.to} />
          </td>
          <td class="govuk-table__cell">{h.reason}</td>
          <td class="govuk-table__cell">{h.changedBy}</td>
        </tr>
      ))}
    </Table>
  );
}

function ReadinessForm({ c, id, failed }: { c: WebContext; id: string; failed?: Failed }) {
  const f = fieldsFor(failed?.values, failed?.errors);
  return (
    <PostForm c={c} action={`/app/participants/${id}/readiness`}>
      <Choices
        {...f.choice('readiness')}
        kind="radios"
        legend="Change readiness to"
        hint="Readiness is your judgement and can change as you get to know them. Only green participants are matched."
        options={READINESS.map((r) => [r, READINESS_LABELS[r][0], READINESS_LABELS[r][2]] as const)}
        small
      />
      <TextArea {...f.field('reason')} label="Why is it changing?" hint="For example, what you have learned about them since the last assessment." rows={3} />
      <Button id="change-readiness">Change readiness</Button>
    </PostForm>
  );
}

function SensitiveSummary({ s }: { s?: Sensitive }) {
  if (!s) return <p class="govuk-body">None recorded.</p>;
  const rows: [string, Child][] = [];
  const text = (label: string, v?: string) => v && rows.push([label, v]);
  text('Health', s.health);
  text('Disability', s.disability);
  text('Substance misuse', s.substanceMisuse);
  text('Housing', s.housing);
  text('Caring responsibilities', s.caring);
  text('Language', s.language);
  if (s.benefitConstraints) {
    const b = s.benefitConstraints;
    rows.push([
      'Permitted work',
      b.permittedWork
        ? `Yes, up to ${b.maxHoursPerWeek ?? 16} hours a week${b.until ? ` until ${fmtDate(b.until)}` : ''}`
        : 'No',
    ]);
  }
  rows.push(['Adjustments', list(s.adjustments, 'None')]);
  rows.push(['Work they cannot do', s.workLimits.length ? s.workLimits.map(words).join(', ') : 'None']);
  if (s.convictions) rows.push(['Unspent convictions', `${yesNo(s.convictions.unspent)}${s.convictions.details ? `: ${s.convictions.details}` : ''}`]);
  return (
    <>
      <SummaryList rows={rows} />
      <p class="govuk-body-s">
        Last changed {fmtDateTime(s.updatedAt)} by {s.updatedBy}.
      </p>
    </>
  );
}

function SensitiveForm({ c, id, s, failed }: { c: WebContext; id: string; s?: Sensitive; failed?: Failed }) {
  const values: Values = failed ? failed.values : (s as unknown as Values);
  const f = fieldsFor(values, failed?.errors);
  const area = (path: string, label: string, hint?: string) => <TextArea {...f.field(path)} label={label} hint={hint} rows={3} />;
  return (
    <PostForm c={c} action={`/app/participants/${id}/sensitive`}>
      <h3 class="govuk-heading-s">Change sensitive information</h3>
      <p class="govuk-body">Saving replaces everything above with what is in this form. Leave a box empty if there is nothing to record.</p>
      {area('health', 'Health')}
      {area('disability', 'Disability')}
      {area('substanceMisuse', 'Substance misuse')}
      {area('housing', 'Housing')}
      {area('caring', 'Caring responsibilities')}
      {area('language', 'Language', 'For example, English is a second language and they would like support at interviews.')}
      <Checkbox
        {...f.flag('benefitConstraints.permittedWork:boolean')}
        legend="Benefit rules"
        text="They are on permitted work"
        itemHint="Permitted work is usually at most 16 hours a week."
      />
      <TextInput
        {...f.field('benefitConstraints.maxHoursPerWeek:number')}
        label="Most hours a week they may work (optional)"
        hint="Leave empty for 16 hours."
        width="3"
        inputmode="numeric"
      />
      <TextInput {...f.field('benefitConstraints.until')} label="Permitted work ends on (optional)" hint="As YYYY-MM-DD, for example 2027-03-31." width="10" />
      <TextInput {...f.field('adjustments[]')} label="Adjustments they need" hint="Separate each one with a comma, for example: step-free access, written instructions." />
      <Choices
        {...f.choice('workLimits[]')}
        kind="checkboxes"
        legend="Work they cannot do"
        hint="Jobs that need these will not be suggested. Select all that apply."
        options={WORK_DEMANDS.map((d) => [d, words(d)] as const)}
        small
      />
      <Checkbox {...f.flag('convictions.unspent:boolean')} legend="Convictions" text="They have unspent convictions" />
      {area('convictions.details', 'Details of convictions (optional)', 'Only they can decide to tell an employer; record their own words for that under consent.')}
      <Button id="save-sensitive">Save sensitive information</Button>
    </PostForm>
  );
}

function ConsentSummary({ p }: { p: Participant | participants.LiaisonParticipantView }) {
  const k = p.consent;
  return (
    <SummaryList
      rows={[
        ['Matched to vacancies', k.matching ? 'Yes, they agree' : 'No'],
        [
          'Employers may see',
          k.shareWithEmployers.length ? (
            <ul class="govuk-list">
              {k.shareWithEmployers.map((f) => (
                <li>{SHARE_LABELS[f]}</li>
              ))}
            </ul>
          ) : (
            'Nothing beyond a candidate reference'
          ),
        ],
        ['Contact while in work', k.inWorkContact ? 'Yes' : 'No'],
        ...(k.healthDisclosureText ? [['Health disclosure, in their words', k.healthDisclosureText] as [string, Child]] : []),
        ...(k.convictionDisclosureText ? [['Conviction disclosure, in their words', k.convictionDisclosureText] as [string, Child]] : []),
        ['Recorded', `${fmtDateTime(k.recordedAt)} by ${k.recordedBy}`],
      ]}
    />
  );
}

function ConsentForm({ c, p, failed }: { c: WebContext; p: Participant | participants.LiaisonParticipantView; failed?: Failed }) {
  const f = fieldsFor(failed ? failed.values : (p.consent as unknown as Values), failed?.errors);
  return (
    <PostForm c={c} action={`/app/participants/${p.id}/consent`}>
      <h3 class="govuk-heading-s">Record their choices</h3>
      <p class="govuk-body">Ask them, and record what they say. These are their choices, not yours.</p>
      <Checkbox
        {...f.flag('matching:boolean')}
        legend="Matching"
        text="They agree to be matched to vacancies"
        itemHint="Without this they are not suggested for any vacancy, and anything not yet with an employer is withdrawn."
      />
      <Choices
        {...f.choice('shareWithEmployers[]')}
        kind="checkboxes"
        legend="What employers may see when they are put forward"
        hint="Employers see only what is ticked, and only after they agree to a particular job. Select all that apply."
        options={SHAREABLE_FIELDS.map((x) => [x, SHARE_LABELS[x]] as const)}
        small
      />
      <TextArea
        {...f.field('healthDisclosureText')}
        label="Health disclosure, in their own words (optional)"
        hint="Needed only if they choose to share a health disclosure. Only they can decide to tell an employer."
        rows={3}
      />
      <TextArea {...f.field('convictionDisclosureText')} label="Conviction disclosure, in their own words (optional)" hint="Needed only if they choose to share a conviction disclosure." rows={3} />
      <Checkbox
        {...f.flag('inWorkContact:boolean')}
        legend="Once they are in work"
        text="They agree to be contacted while in work"
        itemHint="Some people do not want calls at work. Check-ins can still be recorded from other evidence."
      />
      <Button id="save-consent">Save consent</Button>
    </PostForm>
  );
}

function Submissions(props: {
  c: WebContext;
  p: Participant | participants.LiaisonParticipantView;
  subs: Submission[];
  places: ReturnType<typeof placements.withCheckinState>[];
  today: string;
  failed?: Extract<Failed, { id: string }>;
}) {
  const { c, p, subs, places, failed } = props;
  const byNewest = [...subs].sort((a, b) => (a.proposedAt < b.proposedAt ? 1 : -1));
  const waiting = byNewest.filter((s) => s.state === 'proposed');
  const others = byNewest.filter((s) => s.state !== 'proposed');
  const shared = p.consent.shareWithEmployers;
  return (
    <>
      <h2 class="govuk-heading-m" id="proposals">
        Put forward — waiting for their answer
      </h2>
      {waiting.length === 0 ? <p class="govuk-body">Nothing is waiting for their answer.</p> : null}
      {waiting.map((s) => {
        const f = fieldsOf(failed?.form === 'agreement' && failed.id === s.id ? failed : undefined, s.id);
        return (
          <div class="govuk-!-margin-bottom-8">
            <h3 class="govuk-heading-s">
              <a class="govuk-link" href={`/app/vacancies/${s.vacancyId}`}>
                {s.vacancyTitle}
              </a>
            </h3>
            <p class="govuk-body">
              A liaison officer ({s.proposedBy}) proposed them on {fmtDate(s.proposedAt)}. Ask them and answer by {fmtDate(s.agreeBy)}.
              <GuaranteedInterview show={s.guaranteedInterview} colour="green" />
            </p>
            {s.note ? (
              <div class="govuk-inset-text">
                <span class="govuk-visually-hidden">Note from the liaison officer: </span>
                {s.note}
              </div>
            ) : null}
            <PostForm c={c} action={`/app/submissions/${s.id}/agreement`}>
              <Choices
                {...f.choice('agreed:boolean')}
                kind="radios"
                legend={`Do they agree to be put forward for ${s.vacancyTitle}?`}
                hint={
                  shared.length
                    ? `If they agree, the employer will see: ${shared.map((x) => SHARE_LABELS[x].toLowerCase()).join('; ')}.`
                    : 'If they agree, the employer will see only a candidate reference: they have not chosen to share anything else.'
                }
                options={[
                  ['true', 'Yes, they agree to be put forward'],
                  ['false', 'No, they decline', 'Declining never counts against them.'],
                ]}
                small
              />
              <TextArea {...f.field('note')} label="Note for the liaison officer (optional)" rows={2} />
              <Button>Record answer</Button>
            </PostForm>
          </div>
        );
      })}

      <h2 class="govuk-heading-m" id="submissions">
        Other submissions
      </h2>
      {others.length === 0 ? (
        <p class="govuk-body">None yet.</p>
      ) : (
        <Table caption="Vacancies they have been put forward for" head={['Vacancy', 'Proposed', 'Where it is', 'Details']}>
          {others.map((s) => (
            <tr class="govuk-table__row">
              <td class="govuk-table__cell">
                <a class="govuk-link" href={`/app/vacancies/${s.vacancyId}`}>
                  {s.vacancyTitle}
                </a>
              </td>
              <td class="govuk-table__cell">{fmtDate(s.proposedAt)}</td>
              <td class="govuk-table__cell">
                <LabelTag labels={STATE_LABELS} value={s.state} />
              </td>
              <td class="govuk-table__cell">{submissionDetail(s)}</td>
            </tr>
          ))}
        </Table>
      )}

      {places.length ? (
        <>
          <h2 class="govuk-heading-m" id="placements">
            In work: check-ins
          </h2>
          {places.map((pl) => (
            <PlacementBlock c={c} pl={pl} today={props.today} failed={failed?.form === 'checkin' && failed.id === pl.id ? failed : undefined} />
          ))}
        </>
      ) : null}
    </>
  );
}

function submissionDetail(s: Submission): string {
  const reason = (code?: string) => (code ? (REASON_LABELS[code] ?? code) : undefined);
  const parts: string[] = [];
  if (s.agreement && !s.agreement.agreed) parts.push(s.agreement.note ? `They declined: ${s.agreement.note}` : 'They declined');
  if (s.state === 'submitted' && s.respondBy) parts.push(`Employer to answer by ${fmtDate(s.respondBy)}`);
  if (s.decision?.decision === 'reject') parts.push(`Reason: ${reason(s.decision.reasonCode) ?? 'none given'}${s.decision.note ? `. “${s.decision.note}”` : ''}`);
  if (s.interview) parts.push(`Interview ${fmtDateTime(s.interview.at)} at ${s.interview.place}`);
  if (s.outcome?.outcome === 'hired' && s.outcome.startDate) parts.push(`Starts ${fmtDate(s.outcome.startDate)}`);
  if (s.outcome && s.outcome.outcome !== 'hired') parts.push(`Reason: ${reason(s.outcome.reasonCode) ?? 'none given'}`);
  if (s.state === 'withdrawn' && !s.outcome) parts.push(`Reason: ${reason(s.history.at(-1)?.reason) ?? 'none given'}`);
  return parts.join('. ');
}

function PlacementBlock({ c, pl, today, failed }: { c: WebContext; pl: ReturnType<typeof placements.withCheckinState>; today: string; failed?: Extract<Failed, { id: string }> }) {
  const open = pl.checkins.filter((x) => !x.recorded && placements.recordableFrom(x.dueOn) <= today);
  const next = pl.checkins.find((x) => !x.recorded);
  const f = fieldsOf(failed, pl.id);
  return (
    <div class="govuk-!-margin-bottom-8">
      <h3 class="govuk-heading-s">
        <a class="govuk-link" href={`/app/vacancies/${pl.vacancyId}`}>
          {pl.vacancyTitle}
        </a>
        , started {fmtDate(pl.startDate)}
      </h3>
      <Table caption={`Check-ins for ${pl.vacancyTitle}`} head={['Check-in', 'Due', 'State', 'Result']}>
        {pl.checkins.map((x) => (
          <tr class="govuk-table__row">
            <th scope="row" class="govuk-table__header">
              {x.milestone} weeks
            </th>
            <td class="govuk-table__cell">{fmtDate(x.dueOn)}</td>
            <td class="govuk-table__cell">
              <LabelTag labels={CHECKIN_STATE} value={x.state} />
            </td>
            <td class="govuk-table__cell">
              {x.recorded ? `${x.recorded.inWork ? 'Still in work' : 'Not in work'}${x.recorded.note ? `: ${x.recorded.note}` : ''} (${x.recorded.by}, ${fmtDate(x.recorded.at)})` : ''}
            </td>
          </tr>
        ))}
      </Table>
      {open.length ? (
        <PostForm c={c} action={`/app/placements/${pl.id}/checkins`}>
          <Choices
            {...f.choice('milestone:number')}
            kind="radios"
            legend="Which check-in is this?"
            options={open.map((x) => [String(x.milestone), `${x.milestone} weeks`] as const)}
            checked={failed ? listAt(failed.values, 'milestone') : open.length === 1 ? [String(open[0]!.milestone)] : []}
            inline
            small
          />
          <Choices
            {...f.choice('inWork:boolean')}
            kind="radios"
            legend="Are they still in work?"
            options={[
              ['true', 'Yes, still in work'],
              ['false', 'No, not in work'],
            ]}
            inline
            small
          />
          <TextArea {...f.field('note')} label="Note (optional)" rows={2} />
          <Button>Record check-in</Button>
        </PostForm>
      ) : next ? (
        <p class="govuk-body">
          The {next.milestone}-week check-in can be recorded from {fmtDate(placements.recordableFrom(next.dueOn))}.
        </p>
      ) : (
        <p class="govuk-body">All check-ins are recorded.</p>
      )}
    </div>
  );
}

function Suggestions({ m, firstName }: { m: Awaited<ReturnType<typeof matching.matchesForParticipant>>; firstName: string }) {
  const excluded = Object.entries(m.excluded).filter(([, n]) => n && n > 0) as [ExclusionReason, number][];
  return (
    <>
      <h2 class="govuk-heading-m" id="suggestions">
        Suggested vacancies
      </h2>
      <p class="govuk-body">
        These are suggestions from matching, with the reasons, for you to check with {firstName}. They are not instructions: {firstName} decides whether a job
        suits them, and turning one down never counts against them. Liaison officers put people forward; talk to the one who holds the vacancy.
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
      {excluded.length ? (
        <details class="govuk-details">
          <summary class="govuk-details__summary">
            <span class="govuk-details__summary-text">Vacancies nearby that were left out</span>
          </summary>
          <div class="govuk-details__text">
            <ul class="govuk-list govuk-list--bullet">
              {excluded.map(([reason, n]) => (
                <li>
                  {n} {n === 1 ? 'vacancy' : 'vacancies'} because {EXCLUDED_LABELS[reason]}
                </li>
              ))}
            </ul>
          </div>
        </details>
      ) : null}
    </>
  );
}

/* ------------------------------------------------------------------------------------------------
 * Routes
 * ---------------------------------------------------------------------------------------------- */

/** A checkbox that was left unticked sends nothing: say "false" when the rest of its group was filled in. */
function impliedFalse(form: RawForm, flag: string, ...others: string[]): RawForm {
  const filled = others.some((o) => typeof form[o] === 'string' && (form[o] as string).trim() !== '');
  return filled && form[flag] === undefined ? { ...form, [flag]: 'false' } : form;
}

export function participantPages(web: Hono<WebEnv>, deps: AppDeps): void {
  web.get('/app/participants/:id', (c) => renderParticipant(c, deps, c.req.param('id')));

  /** One form, one use case: redirect back with a banner, or show the page again with the error summary. */
  const form = <S extends z.ZodType>(
    which: 'readiness' | 'sensitive' | 'consent',
    schema: S,
    prepare: (raw: RawForm) => RawForm,
    run: (actor: Actor, id: string, input: z.infer<S>) => Promise<unknown>,
    fallback: string,
  ) =>
    web.post(`/app/participants/:id/${which}`, async (c) => {
      const id = c.req.param('id');
      const raw = prepare(await c.req.parseBody({ all: true }));
      const parsed = parseForm(schema, raw);
      const values = typedValues(raw);
      if (!parsed.ok) return renderParticipant(c, deps, id, { form: which, errors: tidy(parsed.errors, values), values }, 400);
      try {
        await run(c.get('actor'), id, parsed.value);
        return c.redirect(`/app/participants/${id}?done=${which}`, 303);
      } catch (err) {
        const f = formErrors(err, fallback);
        if (!f) throw err;
        return renderParticipant(c, deps, id, { form: which, errors: tidy(f.errors, values), values }, f.status);
      }
    });

  form('readiness', ReadinessChange, (raw) => raw, (actor, id, input) => participants.changeReadiness(deps, actor, id, input), 'readiness');
  form(
    'sensitive',
    SensitiveInput,
    (raw) =>
      impliedFalse(
        impliedFalse(raw, 'convictions.unspent:boolean', 'convictions.details'),
        'benefitConstraints.permittedWork:boolean',
        'benefitConstraints.maxHoursPerWeek:number',
        'benefitConstraints.until',
      ),
    (actor, id, input) => participants.putSensitive(deps, actor, id, input),
    'health',
  );
  // The whole consent is always posted: a box left unticked is a "no", and no boxes ticked is an empty list.
  const unticked = { 'matching:boolean': 'false', 'inWorkContact:boolean': 'false', 'shareWithEmployers[]': '' };
  form('consent', Consent, (raw) => ({ ...unticked, ...raw }), (actor, id, input) => subjectRights.recordConsent(deps, actor, id, input), 'matching');

  web.post('/app/submissions/:sid/agreement', async (c) => {
    const actor = c.get('actor');
    const sid = c.req.param('sid');
    const raw = await c.req.parseBody({ all: true });
    const parsed = parseForm(AgreementInput, raw);
    const values = typedValues(raw);
    const again = async (errors: FieldError[], status: number) => {
      const s = await submissions.getSubmission(deps, actor, sid);
      if (!('participantId' in s)) throw new NotFoundError('submission', sid);
      return renderParticipant(c, deps, s.participantId, { form: 'agreement', id: sid, errors: tidy(errors, values), values }, status);
    };
    if (!parsed.ok) return again(parsed.errors, 400);
    try {
      const s = await submissions.recordAgreement(deps, actor, sid, parsed.value);
      return c.redirect(`/app/participants/${s.participantId}?done=${parsed.value.agreed ? 'agreed' : 'declined'}`, 303);
    } catch (err) {
      const f = formErrors(err, 'agreed');
      if (!f) throw err;
      return again(f.errors, f.status);
    }
  });

  web.post('/app/placements/:pid/checkins', async (c) => {
    const actor = c.get('actor');
    const pid = c.req.param('pid');
    const raw = await c.req.parseBody({ all: true });
    const parsed = parseForm(CheckinInput, raw);
    const values = typedValues(raw);
    const again = async (errors: FieldError[], status: number) => {
      const pl: Placement = await placements.getPlacement(deps, actor, pid);
      return renderParticipant(c, deps, pl.participantId, { form: 'checkin', id: pid, errors: tidy(errors, values), values }, status);
    };
    if (!parsed.ok) return again(parsed.errors, 400);
    try {
      const pl = await placements.recordCheckin(deps, actor, pid, parsed.value);
      return c.redirect(`/app/participants/${pl.participantId}?done=checkin`, 303);
    } catch (err) {
      const f = formErrors(err, 'milestone');
      if (!f) throw err;
      return again(f.errors, f.status);
    }
  });
}
