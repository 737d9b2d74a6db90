import type { Child } from 'hono/jsx';
import { programmeName } from '../../../../../shared/domain/programmes.js';
import { READINESS, REFERRAL_SOURCES, type Participant, type ReadinessHistoryEntry } from '../../../../../shared/domain/participant.js';
import type { LiaisonParticipantView } from '../../../../../shared/use-cases/participants.js';
import {
  Button,
  Choices,
  commaList as list,
  fieldsFor,
  fmtDate,
  fmtDateTime,
  LabelTag,
  PostForm,
  SkillChoice,
  SummaryList,
  Table,
  TextArea,
  UnrecognisedSkills,
  words,
  yesNo,
} from '../../components.js';
import type { WebContext } from '../../context.js';
import type { People } from '../../people.js';
import { PARTICIPANT_STATUS_LABELS, READINESS_LABELS, REFERRAL_SOURCE_LABELS } from '../../labels.js';
import type { Failed } from './failed-forms.js';

/* The participant's profile, and their readiness: now, its history, and the form that changes it. */

export const ReadinessTag = ({ readiness }: { readiness: Participant['readiness'] }) => (
  <LabelTag labels={READINESS_LABELS} value={readiness} />
);

/** What matching needs to know of them; contact details too for their own adviser (`own`). */
export function Profile({ p, own }: { p: Participant | LiaisonParticipantView; own: boolean }) {
  const pref = p.preferences;
  const rows: [string, Child][] = [
    ['Readiness', <ReadinessTag readiness={p.readiness} />],
    ['Status', <LabelTag labels={PARTICIPANT_STATUS_LABELS} value={p.status} />],
    [
      'Skills',
      <>
        {list(p.skills)}
        <UnrecognisedSkills skills={p.skillsUnrecognised} />
      </>,
    ],
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
    rows.push(['Programme', programmeName(full.programme)]);
    rows.push(['Referred by', REFERRAL_SOURCE_LABELS[full.referralSource ?? 'none']!]);
  }
  rows.push(['Live submissions', String(p.liveSubmissions ?? 0)]);
  return <SummaryList rows={rows} />;
}

export function ReadinessHistory({ history, people }: { history: ReadinessHistoryEntry[]; people: People }) {
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
          <td class="govuk-table__cell">{people.name(h.changedBy)}</td>
        </tr>
      ))}
    </Table>
  );
}

export function ReadinessForm({ c, id, failed }: { c: WebContext; id: string; failed?: Failed }) {
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
      <TextArea
        {...f.field('reason')}
        label="Why is it changing?"
        hint="For example, what you have learned about them since the last assessment."
        rows={3}
      />
      <Button id="change-readiness">Change readiness</Button>
    </PostForm>
  );
}

/** Their skills, from the skills list or typed: stored as the list names them, anything else kept and flagged. */
export function SkillsForm({
  c,
  p,
  groups,
  failed,
}: {
  c: WebContext;
  p: Participant | LiaisonParticipantView;
  groups: { label: string; skills: string[] }[];
  failed?: Failed;
}) {
  const f = fieldsFor(failed ? failed.values : { skills: p.skills }, failed?.errors);
  return (
    <PostForm c={c} action={`/app/participants/${p.id}/skills`}>
      <SkillChoice
        {...f.choice('skills[]')}
        legend="Their skills"
        hint="What they can do that an employer would look for. Matching compares these with what vacancies need."
        groups={groups}
      />
      <Button id="save-skills">Save skills</Button>
    </PostForm>
  );
}

/** Who referred them to the programme: for their own adviser (it can say they have a conviction). */
export function ReferralForm({ c, p, failed }: { c: WebContext; p: Participant; failed?: Failed }) {
  const f = fieldsFor(failed ? failed.values : { referralSource: p.referralSource }, failed?.errors);
  return (
    <PostForm c={c} action={`/app/participants/${p.id}/referral`}>
      <Choices
        {...f.choice('referralSource')}
        kind="radios"
        legend="Who referred them?"
        hint="Only you and administrators see this. Reports count people by it, never naming anyone."
        options={REFERRAL_SOURCES.map((r) => [r, REFERRAL_SOURCE_LABELS[r]!] as const)}
        small
      />
      <Button id="save-referral">Save who referred them</Button>
    </PostForm>
  );
}
