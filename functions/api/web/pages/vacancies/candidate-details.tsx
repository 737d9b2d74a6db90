import type { Child } from 'hono/jsx';
import type { EmployerView, REJECTION_REASONS, Submission, SubmissionState } from '../../../../../shared/domain/submission.js';
import type { SubmissionView } from '../../../../../shared/use-cases/submissions.js';
import { fmtDate, fmtDateTime, SummaryList, words, yesNo } from '../../components.js';
import { REJECTION_CHOICES } from '../../labels.js';

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

/** The rows that say how far a submission has got: the answer due, the reason not taken forward, the interview, the outcome. */
export function progressRows(
  s: {
    respondBy?: string;
    decision?: { decision: string; reasonCode?: string };
    interview?: { at: string; place: string };
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
  if (s.outcome)
    rows.push(['Outcome', `${words(s.outcome.outcome)}${s.outcome.startDate ? `, starting ${fmtDate(s.outcome.startDate)}` : ''}`]);
  return rows;
}
