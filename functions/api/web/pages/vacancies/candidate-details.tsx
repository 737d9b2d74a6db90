import type { Child } from 'hono/jsx';
import type {
  EmployerView,
  OFFER_DECLINE_REASONS,
  REJECTION_REASONS,
  Submission,
  SubmissionState,
  TRIAL_FAIL_REASONS,
} from '../../../../../shared/domain/submission.js';
import type { SubmissionView } from '../../../../../shared/use-cases/submissions.js';
import { fmtDate, fmtDateTime, SummaryList, words, yesNo } from '../../components.js';
import { REJECTION_CHOICES, reasonLabel } from '../../labels.js';

/* A candidate as the employer sees them (the consented fields), and how far their submission has got. */

/** A submission as liaison officers and admins see it (everything), or as an employer user does. */
export type Full = Submission;
export type ForEmployer = Exclude<SubmissionView, Submission>;
export const isFull = (s: SubmissionView): s is Full => !('candidate' in s);

/** The consented fields, as the employer sees them. */
export function CandidateDetails({ candidate, extra = [] }: { candidate: EmployerView; extra?: [string, Child][] }) {
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
              {w.sector ? ` (${words(w.sector)})` : ''}, {fmtDate(w.from)} to {w.to ? fmtDate(w.to) : 'now'}
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
    rows.push([
      'Availability',
      `${h ? `${h.min} to ${h.max} hours a week` : 'Hours not stated'}; shifts: ${candidate.availability.shifts.map(words).join(', ') || 'any'}`,
    ]);
  }
  if (candidate.drivingLicence !== undefined) rows.push(['Driving licence', yesNo(candidate.drivingLicence)]);
  if (candidate.healthDisclosure) rows.push(['Health or disability, in their words', candidate.healthDisclosure]);
  if (candidate.convictionDisclosure) rows.push(['Convictions, in their words', candidate.convictionDisclosure]);
  if (candidate.programmeParticipation) rows.push(['Support', candidate.programmeParticipation]);
  return <SummaryList rows={[...rows, ...extra]} />;
}

/**
 * The rows that say how far a submission has got: the answer due, the reason not taken forward, the
 * interview, the work trial and how it went, the offer and its answer (by reason code, never a note), the outcome.
 */
export function progressRows(
  s: {
    respondBy?: string;
    decision?: { decision: string; reasonCode?: string };
    interview?: { at: string; place: string };
    trial?: {
      startsOn: string;
      endsOn: string;
      place: string;
      result?: { passed: boolean; reasonCode?: (typeof TRIAL_FAIL_REASONS)[number] };
    };
    offer?: {
      startDate?: string;
      respondBy: string;
      response?: { accepted: boolean; reasonCode?: (typeof OFFER_DECLINE_REASONS)[number] };
    };
    outcome?: { outcome: string; startDate?: string };
  },
  state: SubmissionState,
) {
  const rows: [string, Child][] = [];
  if (s.respondBy && state === 'submitted') rows.push(['Please decide by', fmtDate(s.respondBy)]);
  if (s.decision?.decision === 'reject') {
    const code = s.decision.reasonCode as (typeof REJECTION_REASONS)[number] | undefined;
    rows.push(['Reason not taken forward', code ? (REJECTION_CHOICES[code] ?? code) : '']);
  }
  if (s.interview) rows.push(['Interview', `${fmtDateTime(s.interview.at)}, ${s.interview.place}`]);
  if (s.trial) {
    rows.push(['Work trial', `${fmtDate(s.trial.startsOn)} to ${fmtDate(s.trial.endsOn)}, ${s.trial.place}`]);
    const r = s.trial.result;
    if (r)
      rows.push(['How the work trial went', r.passed ? 'It went well' : `It did not work out: ${reasonLabel(r.reasonCode ?? 'other')}`]);
  }
  if (s.offer) {
    const o = s.offer;
    rows.push(['Job offer', o.startDate ? `Offered, starting ${fmtDate(o.startDate)}` : 'Offered']);
    if (!o.response && state === 'offered') rows.push(['Answer needed by', fmtDate(o.respondBy)]);
    if (o.response)
      rows.push([
        'Answer to the offer',
        o.response.accepted ? 'Accepted' : `Turned down: ${reasonLabel(o.response.reasonCode ?? 'other')}`,
      ]);
  }
  if (s.outcome)
    rows.push(['Outcome', `${words(s.outcome.outcome)}${s.outcome.startDate ? `, starting ${fmtDate(s.outcome.startDate)}` : ''}`]);
  return rows;
}
