import type { Participant } from '../../../../../shared/domain/participant.js';
import type { Submission } from '../../../../../shared/domain/submission.js';
import type { ParticipantCasework } from '../../../../../shared/use-cases/casework.js';
import type { LiaisonParticipantView } from '../../../../../shared/use-cases/participants.js';
import { recordableFrom, type getPlacement } from '../../../../../shared/use-cases/placements.js';
import {
  Button,
  Choices,
  fmtDate,
  fmtDateTime,
  GuaranteedInterview,
  LabelTag,
  PostForm,
  SummaryList,
  Table,
  Tag,
  TextArea,
} from '../../components.js';
import type { WebContext } from '../../context.js';
import { listAt } from '../../forms.js';
import type { People } from '../../people.js';
import { ADVISER_STATE_LABELS, CHECKIN_STATE_LABELS, EVIDENCE_LABELS, milestoneLabel, reasonLabel, SHARE_LABELS } from '../../labels.js';
import { EVIDENCE_KINDS } from '../../../../../shared/domain/programmes.js';
import { OfferResponseForm } from '../vacancies/employer-actions.js';
import { fieldsOf, type FailedOfRecord } from './failed-forms.js';

/* The adviser's casework: proposals waiting for the participant's answer, their other submissions, and check-ins once they are in work. */

type Placed = ParticipantCasework['placements'][number];

export function Submissions(props: {
  c: WebContext;
  p: Participant | LiaisonParticipantView;
  subs: Submission[];
  places: Placed[];
  today: string;
  people: People;
  failed?: FailedOfRecord;
}) {
  const { c, p, subs, places, failed } = props;
  const byNewest = [...subs].sort((a, b) => (a.proposedAt < b.proposedAt ? 1 : -1));
  const waiting = byNewest.filter((s) => s.state === 'proposed');
  const others = byNewest.filter((s) => s.state !== 'proposed');
  const offers = byNewest.filter((s) => s.state === 'offered');
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
            <BetterOffLink c={c} p={p} s={s} />
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

      {offers.length ? (
        <>
          <h2 class="govuk-heading-m" id="offers">
            Job offers — waiting for their answer
          </h2>
          {offers.map((s) => (
            <div class="govuk-!-margin-bottom-8">
              <h3 class="govuk-heading-s">
                <a class="govuk-link" href={`/app/vacancies/${s.vacancyId}`}>
                  {s.vacancyTitle}
                </a>
              </h3>
              <p class="govuk-body">
                The employer offers them the job{s.offer?.startDate ? `, starting ${fmtDate(s.offer.startDate)}` : ''}. Ask them and record
                their answer by {fmtDate(s.offer?.respondBy ?? s.proposedAt)}.
              </p>
              <BetterOffLink c={c} p={p} s={s} />
              <OfferResponseForm c={c} sid={s.id} prefix={`offer-${s.id}-`} legend={`Do they accept the offer for ${s.vacancyTitle}?`} />
            </div>
          ))}
        </>
      ) : null}

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
                <LabelTag labels={ADVISER_STATE_LABELS} value={s.state} />
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
            <PlacementBlock
              c={c}
              pl={pl}
              today={props.today}
              people={props.people}
              failed={failed?.form === 'checkin' && failed.id === pl.id ? failed : undefined}
            />
          ))}
        </>
      ) : null}
    </>
  );
}

/** The better-off estimate for a job they are considering: for their own adviser and admins (the circumstances are sensitive). */
function BetterOffLink({ c, p, s }: { c: WebContext; p: Pick<Participant, 'id'>; s: Pick<Submission, 'vacancyId' | 'vacancyTitle'> }) {
  const role = c.get('actor').role;
  if (role !== 'adviser' && role !== 'admin') return null;
  return (
    <p class="govuk-body">
      <a class="govuk-link" href={`/app/participants/${p.id}/better-off?vacancy=${s.vacancyId}`}>
        Would they be better off in work? See an estimate<span class="govuk-visually-hidden"> for {s.vacancyTitle}</span>
      </a>
    </p>
  );
}

function submissionDetail(s: Submission): string {
  const reason = (code?: string) => (code ? reasonLabel(code) : undefined);
  const parts: string[] = [];
  if (s.agreement && !s.agreement.agreed) parts.push(s.agreement.note ? `They declined: ${s.agreement.note}` : 'They declined');
  if (s.state === 'submitted' && s.respondBy) parts.push(`Employer to answer by ${fmtDate(s.respondBy)}`);
  if (s.decision?.decision === 'reject')
    parts.push(`Reason: ${reason(s.decision.reasonCode) ?? 'none given'}${s.decision.note ? `. “${s.decision.note}”` : ''}`);
  if (s.interview) parts.push(`Interview ${fmtDateTime(s.interview.at)} at ${s.interview.place}`);
  if (s.trial) parts.push(`Work trial ${fmtDate(s.trial.startsOn)} to ${fmtDate(s.trial.endsOn)} at ${s.trial.place}`);
  if (s.trial?.result && !s.trial.result.passed)
    parts.push(`Reason: ${reason(s.trial.result.reasonCode) ?? 'none given'}${s.trial.result.note ? `. “${s.trial.result.note}”` : ''}`);
  if (s.offer) parts.push(`Offered the job${s.offer.startDate ? `, starting ${fmtDate(s.offer.startDate)}` : ''}`);
  if (s.offer?.response && !s.offer.response.accepted) parts.push(`Reason: ${reason(s.offer.response.reasonCode) ?? 'none given'}`);
  if (s.outcome?.outcome === 'hired' && s.outcome.startDate) parts.push(`Starts ${fmtDate(s.outcome.startDate)}`);
  if (s.outcome && s.outcome.outcome !== 'hired') parts.push(`Reason: ${reason(s.outcome.reasonCode) ?? 'none given'}`);
  if (s.state === 'withdrawn' && !s.outcome) parts.push(`Reason: ${reason(s.history.at(-1)?.reason) ?? 'none given'}`);
  return parts.join('. ');
}

/** Where their in-work support stands, with the way to it (their own adviser and admins see this page). */
function SupportLine({ pl }: { pl: Placed }) {
  const s = pl.support && 'status' in pl.support ? pl.support : undefined;
  const contacts = s?.contacts ?? [];
  const made = contacts.filter((x) => x.state === 'made').length;
  const overdue = contacts.filter((x) => x.state === 'overdue').length;
  return (
    <p class="govuk-body">
      In-work support:{' '}
      {s?.status === 'declined'
        ? 'none (they chose no contact once in work)'
        : s?.status === 'ended'
          ? `ended when they left the job (${made} of ${contacts.length} contacts made)`
          : s
            ? `${made} of ${contacts.length} contacts made`
            : 'not planned'}
      {overdue ? (
        <>
          {' '}
          <Tag colour="red">{overdue} overdue</Tag>
        </>
      ) : null}{' '}
      <a class="govuk-link" href={`/app/placements/${pl.id}/support`}>
        See their in-work support<span class="govuk-visually-hidden"> ({pl.vacancyTitle})</span>
      </a>
    </p>
  );
}

/** A placement as its reader may see it: the full record (their adviser, admins), or a liaison officer's view (placements.getPlacement). */
export type PlacementShown = Placed | Awaited<ReturnType<typeof getPlacement>>;

/** A placement's check-ins and the form that records the next; the in-work support line for those who may see it. */
export function PlacementBlock({
  c,
  pl,
  today,
  people,
  failed,
  support = true,
}: {
  c: WebContext;
  pl: PlacementShown;
  today: string;
  people: People;
  failed?: FailedOfRecord;
  support?: boolean;
}) {
  const checkins: PlacementShown['checkins'][number][] = pl.checkins;
  const open = checkins.filter((x) => !x.recorded && !x.ended && recordableFrom(x) <= today);
  const next = checkins.find((x) => !x.recorded && !x.ended);
  const evidence = [...new Set(open.flatMap((x) => ('evidence' in x ? x.evidence : undefined) ?? EVIDENCE_KINDS))];
  const f = fieldsOf(failed, pl.id);
  return (
    <div class="govuk-!-margin-bottom-8">
      <h3 class="govuk-heading-s">
        <a class="govuk-link" href={`/app/vacancies/${pl.vacancyId}`}>
          {pl.vacancyTitle}
        </a>
        , started {fmtDate(pl.startDate)}
      </h3>
      {/* A liaison officer's view of a placement carries no in-work support contacts (placements.getPlacement). */}
      {support ? <SupportLine pl={pl as Placed} /> : null}
      <Table caption={`Check-ins for ${pl.vacancyTitle}`} head={['Check-in', 'Due', 'State', 'Result']}>
        {pl.checkins.map((x) => (
          <tr class="govuk-table__row">
            <th scope="row" class="govuk-table__header">
              {milestoneLabel(x)}
            </th>
            <td class="govuk-table__cell">{fmtDate(x.dueOn)}</td>
            <td class="govuk-table__cell">
              <LabelTag labels={CHECKIN_STATE_LABELS} value={x.state} />
            </td>
            <td class="govuk-table__cell">
              {x.recorded
                ? `${x.recorded.inWork ? 'Still in work' : 'Not in work'}${x.recorded.evidence ? ` (${EVIDENCE_LABELS[x.recorded.evidence].toLowerCase()})` : ''}${x.recorded.note ? `: ${x.recorded.note}` : ''} (${people.name(x.recorded.by)}, ${fmtDate(x.recorded.at)})`
                : ''}
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
            options={open.map((x) => [String(x.milestone), milestoneLabel(x)] as const)}
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
          <Choices
            {...f.choice('evidence')}
            kind="radios"
            legend="How do you know? (optional)"
            options={evidence.map((e) => [e, EVIDENCE_LABELS[e]] as const)}
            inline
            small
          />
          <TextArea {...f.field('note')} label="Note (optional)" rows={2} />
          <Button>Record check-in</Button>
        </PostForm>
      ) : next ? (
        <p class="govuk-body">
          The {milestoneLabel(next)} check-in can be recorded from {fmtDate(recordableFrom(next))}.
        </p>
      ) : pl.leftJob ? (
        <p class="govuk-body">
          They left this job (recorded at the {pl.leftJob.milestone}-week check-in on {fmtDate(pl.leftJob.at)}): nothing more is due.
        </p>
      ) : checkins.some((x) => x.ended) ? (
        // A liaison officer is not told at which later check-in (it would say their payment group).
        <p class="govuk-body">They left this job: nothing more is due.</p>
      ) : (
        <p class="govuk-body">All check-ins are recorded.</p>
      )}
    </div>
  );
}

/** Their contact dates at a glance (from the participant record: no notes, so no audited read), with the ways in. */
export function CaseworkSummaryBlock({ id, p, now }: { id: string; p: Participant; now: string }) {
  const s = p.casework;
  const next = s?.nextAppointmentAt;
  return (
    <>
      <h2 class="govuk-heading-m" id="contacts">
        Contacts and appointments
      </h2>
      <SummaryList
        rows={[
          ['Last contact', s?.lastContactAt ? fmtDateTime(s.lastContactAt) : 'None logged'],
          ['Last tried', s?.lastAttemptAt && s.lastAttemptAt !== s.lastContactAt ? fmtDateTime(s.lastAttemptAt) : 'The same'],
          ['Last review of their action plan', s?.lastReviewAt ? fmtDate(s.lastReviewAt) : 'None recorded'],
          [
            'Next appointment',
            next ? (
              <>
                {fmtDateTime(next)}
                {next < now ? (
                  <>
                    {' '}
                    <Tag colour="orange">To record</Tag>
                  </>
                ) : null}
              </>
            ) : (
              'None planned'
            ),
          ],
        ]}
      />
      <ul class="govuk-list">
        <li>
          <a class="govuk-link" href={`/app/participants/${id}/contacts`}>
            See their contacts and appointments
          </a>
        </li>
        <li>
          <a class="govuk-link" href={`/app/participants/${id}/contacts/new`}>
            Log a contact
          </a>
        </li>
        <li>
          <a class="govuk-link" href={`/app/participants/${id}/appointments/new`}>
            Plan an appointment
          </a>
        </li>
        <li>
          <a class="govuk-link" href={`/app/participants/${id}/action-plan`}>
            See their action plan
          </a>
        </li>
      </ul>
    </>
  );
}
