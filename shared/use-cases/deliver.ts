import type { OutboxEvent } from '../domain/events.js';
import { longDate, longDateTime } from '../domain/dates.js';
import { channelWords, REVIEW_REASONS, reviewReasonLabel, type ReviewReason } from '../domain/casework.js';
import { reviewRulesOf } from '../domain/programmes.js';
import { funnelCountsFor } from '../domain/funnel.js';
import { supportDayLabel } from '../domain/in-work-support.js';
import { reasonLabel } from '../domain/labels.js';
import type { Participant } from '../domain/participant.js';
import { KINDS, NOTIFICATION_KINDS, preferenceKind, type Channel } from '../domain/preferences.js';
import type { StaffMember } from '../domain/staff.js';
import type { Notification } from '../domain/submission.js';
import type { Delivery, EmailMessage, EmailSender } from '../ports/repositories.js';
import type { Deps } from './deps.js';
import { matchAlertsFor } from './match-alerts.js';
import { employerInbox } from './notifications.js';
import { channelFor, digestEntry, unsubscribeToken } from './preferences.js';
import { staffNames } from './staff.js';

export interface NotifierDeps extends Deps {
  email: EmailSender;
  /** Where people reach Routeway (`https://…`): the links in staff emails. Without it an email says to sign in. */
  appUrl?: string;
  /** Match alerts (on unless false): off only in tests that do not look at them, since each costs a match of the vacancy. */
  matchAlerts?: boolean;
}

/** A reason code as notifications say it after "Reason:": the shared label, first letter lowered. */
const reasonText = (code: string) => {
  const label = reasonLabel(code);
  return label === code ? code : label.charAt(0).toLowerCase() + label.slice(1);
};

/**
 * Turns one outbox event into notifications (each worded for what its recipient may see), emails and
 * funnel counts, exactly once: a redelivered event finds its marker and does nothing; each email is
 * claimed before it is sent, so a retry after a partial failure never sends it twice.
 */
export async function deliver(deps: NotifierDeps, e: OutboxEvent): Promise<'delivered' | 'duplicate'> {
  if (await deps.repos.deliveries.isProcessed(e.id)) return 'duplicate';
  const [composed, alerts] = await Promise.all([
    compose(deps, e),
    deps.matchAlerts === false ? { deliveries: [], write: undefined } : matchAlertsFor(deps, e),
  ]);
  const { deliveries, emails } = await forStaff(deps, e, {
    deliveries: [...composed.deliveries, ...alerts.deliveries],
    emails: composed.emails,
  });
  for (const m of emails) {
    if (!(await deps.repos.deliveries.claimEmail(e.id, m.to))) continue;
    try {
      await deps.email.send(m);
    } catch (err) {
      await deps.repos.deliveries.releaseEmail(e.id, m.to);
      throw err;
    }
  }
  // An employer that opens a vacancy is one the programme is engaged with that month.
  const engagedEmployerId = e.type === 'vacancy.published' || e.type === 'vacancy.drafted' ? e.employerId : undefined;
  return (await deps.repos.deliveries.commit(e, deliveries, funnelCountsFor(e), {
    pledges: await pledgeProgress(deps, e),
    ...(engagedEmployerId ? { engagedEmployerId } : {}),
    ...(alerts.write ? { matchAlerts: alerts.write } : {}),
  }))
    ? 'delivered'
    : 'duplicate';
}

/** Hires and 26-week sustainments count towards the employer's pledges whose window they fall in. */
async function pledgeProgress(deps: NotifierDeps, e: OutboxEvent) {
  const field =
    e.type === 'submission.hired'
      ? 'hires'
      : e.type === 'placement.checkin-recorded' && e.detail?.milestone === 26 && e.detail.inWork === true
        ? 'sustained'
        : undefined;
  if (!field || !e.employerId) return [];
  const employerId = e.employerId;
  const day = e.at.slice(0, 10);
  const pledges = await deps.repos.employers.listPledges(e.orgId, employerId);
  return pledges
    .filter((p) => p.madeAt.slice(0, 10) <= day && day <= p.byDate)
    .map((p) => ({ employerId, pledgeId: p.id, field: field as 'hires' | 'sustained' }));
}

async function compose(deps: NotifierDeps, e: OutboxEvent): Promise<{ deliveries: Delivery[]; emails: EmailMessage[] }> {
  const [sub, participant, vacancy] = await Promise.all([
    e.submissionId ? deps.repos.submissions.get(e.orgId, e.submissionId) : undefined,
    e.participantId ? deps.repos.participants.get(e.orgId, e.participantId) : undefined,
    e.vacancyId ? deps.repos.vacancies.get(e.orgId, e.vacancyId) : undefined,
  ]);
  const deliveries: Delivery[] = [];
  const emails: EmailMessage[] = [];
  let n = 0;
  const to = (userId: string | undefined, kind: string, title: string, body: string, link?: string) => {
    if (!userId) return;
    const notification: Notification = {
      // Derived from the event, so a retried delivery can never write a second copy.
      id: `${e.id}.${n++}`,
      userId,
      kind,
      title,
      body,
      ...(link ? { link } : {}),
      createdAt: e.at,
    };
    deliveries.push({ notification, ...(e.participantId ? { participantId: e.participantId } : {}) });
  };
  // Staff see the participant's name; the text never carries sensitive facts.
  const who = (p: Participant | undefined) => (p ? `${p.firstName} ${p.lastName}` : 'A participant');
  const job = vacancy ? `${vacancy.title} at ${vacancy.employerName}` : sub ? sub.vacancyTitle : 'a vacancy';
  const link = sub ? `/submissions/${sub.id}` : undefined;
  // The participant's adviser now: after a caseload transfer the old adviser hears nothing more of them.
  const adviser = participant?.adviserId ?? sub?.adviserId;
  const liaison = sub?.proposedBy;
  // Colleagues are named (staff texts only: employers' texts name nobody).
  const names = await staffNames(deps, e, [
    liaison,
    sub?.guaranteeOverride?.by,
    e.type === 'staff.work-handed-over' ? String(e.detail?.from ?? '') : undefined,
    e.type.startsWith('vacancy.') ? e.actorSub : undefined,
  ]);
  // The employer's shared inbox: only the candidate reference and the job, never a participant's name.
  const employer = e.employerId ? employerInbox(e.employerId) : undefined;
  const ref = sub?.candidateRef ?? 'A candidate';
  const vacancyLink = e.vacancyId ? `/vacancies/${e.vacancyId}` : undefined;
  const reason = (code: unknown) => (typeof code === 'string' ? reasonText(code) : 'no reason given');
  const employerContacts = async () => {
    if (!e.employerId) return [] as string[];
    const contacts = (await deps.repos.employers.listContacts(e.orgId, e.employerId)).filter((c) => c.email);
    const primary = contacts.filter((c) => c.primary);
    return (primary.length ? primary : contacts).slice(0, 3).map((c) => c.email!);
  };

  /**
   * A vacancy closed, filled, withdrawn or reopened: its employer's account manager and the employer's
   * inbox hear, but not whoever made the change (the employer's users, when one of them did).
   */
  const vacancyStatusChanged = async (v: NonNullable<typeof vacancy>) => {
    const manager = (await deps.repos.employers.get(e.orgId, v.employerId))?.accountManagerId;
    const by = e.detail?.byEmployer === true ? v.employerName : names.of(e.actorSub);
    const what = {
      'vacancy.closed': ['closed', `Closed to new candidates by ${by}. Candidates already put forward carry on.`],
      'vacancy.filled': ['filled', 'Every position is filled. Candidates still in progress are withdrawn and their advisers told.'],
      'vacancy.withdrawn': ['withdrawn', `Withdrawn by ${by}. Candidates still in progress are withdrawn and their advisers told.`],
      'vacancy.published': ['reopened', `Reopened by ${by} until ${longDate(v.closingDate)}: candidates can be put forward again.`],
    } as const;
    const [verb, body] = what[e.type as keyof typeof what];
    if (manager !== e.actorSub)
      to(manager, 'vacancy-status', `Vacancy ${verb}: ${v.title} at ${v.employerName}`, body, `/vacancies/${v.id}`);
    const employerWords = {
      closed: 'It is closed to new candidates. Candidates already with you carry on: please still answer about them.',
      filled: 'Every position is filled, so nobody more will be put forward for it.',
      withdrawn: 'It has been withdrawn, so nobody more will be put forward for it.',
      reopened: `It is open to candidates again until ${longDate(v.closingDate)}.`,
    } as const;
    if (e.detail?.byEmployer !== true)
      to(employer, 'vacancy-status', `Your vacancy ${v.title} is ${verb}`, employerWords[verb], vacancyLink);
  };

  switch (e.type) {
    case 'submission.proposed':
      to(
        adviser,
        'agree-or-decline',
        `Agree or decline: ${who(participant)} for ${job}`,
        `Proposed by ${liaison ? names.of(liaison) : 'a liaison officer'}. Please ask ${participant?.firstName ?? 'them'} and answer by ${sub?.agreeBy ? longDate(sub.agreeBy) : 'soon'}.`,
        link,
      );
      break;
    case 'submission.submitted':
      to(
        adviser,
        'submitted',
        `${who(participant)} is with the employer for ${job}`,
        'The employer now sees the details they agreed to share.',
        link,
      );
      to(
        employer,
        'candidate',
        `New candidate ${ref} for ${vacancy?.title ?? 'your vacancy'}`,
        `Please say interview or no, with a reason, by ${sub?.respondBy ? longDate(sub.respondBy) : 'soon'}.`,
        vacancyLink,
      );
      for (const addr of await employerContacts()) {
        emails.push({
          to: addr,
          subject: `A candidate for ${vacancy?.title ?? 'your vacancy'} (${sub?.candidateRef ?? ''})`,
          text: `A candidate (${sub?.candidateRef}) has been put forward for ${vacancy?.title ?? 'your vacancy'}.\nPlease say interview or no, with a reason, by ${longDate(sub?.respondBy) || 'soon'}.\n`,
        });
      }
      break;
    case 'submission.declined':
      to(
        liaison,
        'declined',
        `${who(participant)} declined ${job}`,
        sub?.agreement?.note ? `Adviser's note: ${sub.agreement.note}` : 'No note given.',
        link,
      );
      break;
    case 'submission.lapsed':
      to(
        adviser,
        'lapsed',
        `Proposal lapsed: ${who(participant)} for ${job}`,
        'No answer came in time; the place on the shortlist is free again.',
        link,
      );
      to(liaison, 'lapsed', `Proposal lapsed: ${who(participant)} for ${job}`, 'The adviser did not answer in time.', link);
      break;
    case 'submission.invited':
      to(adviser, 'invited', `${who(participant)} invited to interview for ${job}`, 'The employer wants to interview.', link);
      to(liaison, 'invited', `Interview wanted: ${who(participant)} for ${job}`, 'Book the interview with the employer.', link);
      break;
    case 'submission.rejected':
      to(
        adviser,
        'rejected',
        `${who(participant)} not taken forward for ${job}`,
        `Reason: ${reason(e.detail?.reasonCode)}${sub?.decision?.note ? `. "${sub.decision.note}"` : ''}`,
        link,
      );
      to(liaison, 'rejected', `Rejected: ${who(participant)} for ${job}`, `Reason: ${reason(e.detail?.reasonCode)}`, link);
      break;
    case 'submission.reminder':
      to(liaison, 'reminder', `Employer has not decided: ${job}`, `Candidate ${sub?.candidateRef} is waiting for an answer.`, link);
      to(
        employer,
        'reminder',
        `Waiting for your answer: ${ref} for ${vacancy?.title ?? 'your vacancy'}`,
        `Please say interview or no by ${sub?.expiresOn ? longDate(sub.expiresOn) : 'soon'}.`,
        vacancyLink,
      );
      for (const addr of await employerContacts()) {
        emails.push({
          to: addr,
          subject: `Reminder: candidate ${sub?.candidateRef} for ${vacancy?.title ?? 'your vacancy'}`,
          text: `Candidate ${sub?.candidateRef} is waiting for your answer. Please say interview or no by ${longDate(sub?.expiresOn) || 'soon'}.\n`,
        });
      }
      break;
    case 'submission.expired':
      to(
        adviser,
        'expired',
        `No answer from the employer: ${who(participant)} for ${job}`,
        'The submission expired without a decision.',
        link,
      );
      to(liaison, 'expired', `Expired without a decision: ${job}`, `Candidate ${sub?.candidateRef}.`, link);
      break;
    case 'submission.interview-booked':
      to(
        adviser,
        'interview-booked',
        `Interview booked: ${who(participant)} for ${job}`,
        sub?.interview ? `${longDateTime(sub.interview.at)}, ${sub.interview.place}` : '',
        link,
      );
      break;
    case 'submission.trial-scheduled': {
      const t = sub?.trial;
      const when = t ? `From ${t.startsOn} to ${t.endsOn} at ${t.place}.` : '';
      const changed = e.detail?.rearranged === true;
      to(
        adviser,
        'trial-scheduled',
        `${changed ? 'Work trial changed' : 'Work trial arranged'}: ${who(participant)} for ${job}`,
        when,
        link,
      );
      to(
        liaison,
        'trial-scheduled',
        `${changed ? 'Work trial changed' : 'Work trial arranged'}: ${who(participant)} for ${job}`,
        when,
        link,
      );
      break;
    }
    case 'submission.trial-passed':
      to(adviser, 'trial-passed', `Work trial went well: ${who(participant)} for ${job}`, 'The employer may now offer the job.', link);
      to(liaison, 'trial-passed', `Work trial went well: ${who(participant)} for ${job}`, 'The employer may now offer the job.', link);
      break;
    case 'submission.trial-failed':
      to(
        adviser,
        'trial-failed',
        `Work trial did not work out: ${who(participant)} for ${job}`,
        `Reason: ${reason(e.detail?.reasonCode)}${sub?.trial?.result?.note ? `. "${sub.trial.result.note}"` : ''}`,
        link,
      );
      to(
        liaison,
        'trial-failed',
        `Work trial did not work out: ${who(participant)} for ${job}`,
        `Reason: ${reason(e.detail?.reasonCode)}`,
        link,
      );
      break;
    case 'submission.trial-result-due': {
      const ended = sub?.trial?.endsOn ?? 'recently';
      to(
        liaison,
        'trial-result-due',
        `How did the work trial go? ${who(participant)} for ${job}`,
        `It ended on ${ended}. Record the result.`,
        link,
      );
      to(
        employer,
        'trial-result-due',
        `How did the work trial go for ${ref}?`,
        `The work trial for ${vacancy?.title ?? 'your vacancy'} ended on ${ended}. Please record whether it went well.`,
        vacancyLink,
      );
      for (const addr of await employerContacts()) {
        emails.push({
          to: addr,
          subject: `How did the work trial go? Candidate ${sub?.candidateRef} for ${vacancy?.title ?? 'your vacancy'}`,
          text: `The work trial for candidate ${sub?.candidateRef} ended on ${ended}. Please record whether it went well.\n`,
        });
      }
      break;
    }
    case 'submission.trial-result-overdue':
      to(
        liaison,
        'trial-result-due',
        `Still no work trial result: ${who(participant)} for ${job}`,
        `It ended on ${sub?.trial?.endsOn ?? 'a while ago'} and the employer has not said how it went. Ask them, and record the result.`,
        link,
      );
      to(
        employer,
        'trial-result-due',
        `Please tell us how the work trial went for ${ref}`,
        `The work trial for ${vacancy?.title ?? 'your vacancy'} ended on ${sub?.trial?.endsOn ?? 'a while ago'}. Please record whether it went well.`,
        vacancyLink,
      );
      break;
    case 'submission.decision-due':
      to(
        liaison,
        'decision-due',
        `Decide after the work trial: ${who(participant)} for ${job}`,
        'The trial went well, but there is no offer or outcome yet. Ask the employer to make an offer or record the outcome.',
        link,
      );
      to(
        employer,
        'decision-due',
        `${ref} passed the work trial: offer the job or tell us your decision`,
        `Please make an offer for ${vacancy?.title ?? 'your vacancy'}, or record the outcome.`,
        vacancyLink,
      );
      break;
    case 'submission.hire-due':
      to(
        liaison,
        'hire-due',
        `Record the hire or give the position back: ${who(participant)} for ${job}`,
        `They accepted the offer${sub?.offer?.startDate ? ` to start on ${longDate(sub.offer.startDate)}` : ''}, and the hire is not recorded yet. The accepted offer holds a position until it is recorded or ends.`,
        link,
      );
      to(
        adviser,
        'hire-due',
        `Has ${who(participant)} started? ${job}`,
        'They accepted the offer and the hire is not recorded yet. Let the liaison officer know if they have started, or will not.',
        link,
      );
      break;
    case 'submission.offered': {
      const o = sub?.offer;
      const starting = o?.startDate ? `, starting ${o.startDate}` : '';
      to(
        adviser,
        'offered',
        `Job offer: ${who(participant)} for ${job}`,
        `The employer offers the job${starting}. Please ask ${participant?.firstName ?? 'them'} and record their answer by ${o?.respondBy ?? 'soon'}.`,
        link,
      );
      to(liaison, 'offered', `Offer made: ${who(participant)} for ${job}`, `Their answer is due by ${o?.respondBy ?? 'soon'}.`, link);
      break;
    }
    case 'submission.offer-reminder': {
      const body = `Their answer was due by ${sub?.offer?.respondBy ?? 'now'}. Without one the offer lapses on ${sub?.offer?.lapsesOn ?? 'soon'}.`;
      to(adviser, 'offer-reminder', `Answer the job offer: ${who(participant)} for ${job}`, body, link);
      to(liaison, 'offer-reminder', `Offer not answered yet: ${who(participant)} for ${job}`, body, link);
      break;
    }
    case 'submission.offer-accepted':
      to(
        adviser,
        'offer-accepted',
        `Offer accepted: ${who(participant)} for ${job}`,
        'The employer records the hire with the start date.',
        link,
      );
      to(liaison, 'offer-accepted', `Offer accepted: ${who(participant)} for ${job}`, 'Record the hire with the start date.', link);
      to(
        employer,
        'offer-accepted',
        `${ref} accepted your offer for ${vacancy?.title ?? 'your vacancy'}`,
        'Please record the hire with their start date.',
        vacancyLink,
      );
      break;
    case 'submission.offer-declined':
      to(adviser, 'offer-declined', `Offer turned down: ${who(participant)} for ${job}`, `Reason: ${reason(e.detail?.reasonCode)}`, link);
      to(liaison, 'offer-declined', `Offer turned down: ${who(participant)} for ${job}`, `Reason: ${reason(e.detail?.reasonCode)}`, link);
      // The reason code only (a fixed list with no personal facts), never the note.
      to(
        employer,
        'offer-declined',
        `${ref} turned down your offer for ${vacancy?.title ?? 'your vacancy'}`,
        `Reason: ${reason(e.detail?.reasonCode)}`,
        vacancyLink,
      );
      break;
    case 'submission.hired':
      to(
        adviser,
        'hired',
        `${who(participant)} hired: ${job}`,
        `Starts ${longDate(sub?.outcome?.startDate) || 'on a date not yet given'}. Check-ins fall due at 13 and 26 weeks.`,
        link,
      );
      to(
        liaison,
        'hired',
        `Hired: ${who(participant)} for ${job}`,
        `Starts ${longDate(sub?.outcome?.startDate) || 'on a date not yet given'}.`,
        link,
      );
      break;
    case 'submission.not-hired':
      to(adviser, 'not-hired', `${who(participant)} not hired: ${job}`, `Reason: ${reason(e.detail?.reasonCode)}`, link);
      to(liaison, 'not-hired', `Not hired: ${who(participant)} for ${job}`, `Reason: ${reason(e.detail?.reasonCode)}`, link);
      break;
    case 'submission.withdrawn':
      to(adviser, 'withdrawn', `Withdrawn: ${who(participant)} for ${job}`, `Reason: ${reason(e.detail?.reasonCode)}`, link);
      to(liaison, 'withdrawn', `Withdrawn: ${who(participant)} for ${job}`, `Reason: ${reason(e.detail?.reasonCode)}`, link);
      // Only if the employer had been shown them; and without the reason, which may be the participant's own business.
      if (sub?.employerView)
        to(
          employer,
          'withdrawn',
          `${ref} is no longer a candidate for ${vacancy?.title ?? 'your vacancy'}`,
          'The candidate has been withdrawn.',
          vacancyLink,
        );
      break;
    case 'submission.guarantee-overridden':
      // The adviser hears why; the employer only that they may now decide either way (the words may be about the participant).
      to(
        adviser,
        'guarantee-overridden',
        `Guaranteed interview lifted: ${who(participant)} for ${job}`,
        `${sub?.guaranteeOverride ? names.of(sub.guaranteeOverride.by) : 'A liaison officer'} lifted the guarantee, so the employer may decide without an interview. Reason: ${sub?.guaranteeOverride?.reason ?? 'not recorded'}`,
        link,
      );
      to(
        employer,
        'guarantee-overridden',
        `You may decide either way on ${ref} for ${vacancy?.title ?? 'your vacancy'}`,
        'A liaison officer has lifted the guaranteed interview for this candidate. Please say interview or no, with a reason.',
        vacancyLink,
      );
      break;
    case 'placement.checkin-due': {
      // Ended: they left the job at an earlier check-in, so there is nothing to record (counted, not told).
      if (e.detail?.ended === true) break;
      const placement = e.placementId ? await deps.repos.placements.get(e.orgId, e.placementId) : undefined;
      const milestone = String(e.detail?.milestone ?? '');
      const body = `The ${milestone}-week check-in for ${placement?.vacancyTitle ?? 'the job'} is due: record whether they are still in work.`;
      to(
        participant?.adviserId ?? placement?.adviserId,
        'checkin-due',
        `${milestone}-week check-in due: ${who(participant)}`,
        body,
        e.placementId ? `/placements/${e.placementId}` : undefined,
      );
      break;
    }
    case 'placement.support-overdue': {
      // To their adviser now (after a transfer, the new one); how to reach them, never a note.
      const placement = e.placementId ? await deps.repos.placements.get(e.orgId, e.placementId) : undefined;
      const day = Number(e.detail?.day);
      const late = Number(e.detail?.late ?? 1);
      const how =
        placement?.support?.way === 'outside-work' ? ' They asked not to be contacted at work: phone them, or meet outside work.' : '';
      to(
        participant?.adviserId ?? placement?.adviserId,
        'support-overdue',
        `In-work support contact overdue: ${who(participant)}`,
        `${Number.isInteger(day) ? supportDayLabel(day) : 'A contact'} in ${placement?.vacancyTitle ?? 'their job'}${
          typeof e.detail?.dueOn === 'string' ? `, due ${longDate(e.detail.dueOn)},` : ''
        } has not been made${late > 1 ? ` (${late} contacts are late)` : ''}. Contact them and log it against their in-work support.${how}`,
        e.placementId ? `/placements/${e.placementId}` : undefined,
      );
      break;
    }
    case 'participant.permitted-work-ending':
      // Only their own adviser hears; the words carry no dates or benefit details.
      to(
        participant?.adviserId,
        'permitted-work-ending',
        `Permitted work ends within 4 weeks: ${who(participant)}`,
        'Their permitted-work period, recorded in their sensitive information, ends within four weeks. Talk to them about their hours and benefits before it does: once it ends, matching no longer holds jobs to the hour cap.',
        e.participantId ? `/participants/${e.participantId}` : undefined,
      );
      break;
    case 'participant.transferred': {
      // The receiving adviser; the one giving them up too, when someone else (an admin) moved them.
      const link = e.participantId ? `/participants/${e.participantId}` : undefined;
      const from = e.detail?.fromAdviserId;
      to(
        typeof e.detail?.toAdviserId === 'string' ? e.detail.toAdviserId : undefined,
        'caseload-transferred',
        `${who(participant)} has joined your caseload`,
        `Moved to you from another adviser's caseload on ${longDate(e.at.slice(0, 10))}. Their proposals, offers, cohorts and check-ins are now yours to follow.`,
        link,
      );
      if (typeof from === 'string' && from !== e.actorSub)
        to(
          from,
          'caseload-transferred',
          `${who(participant)} has moved to another caseload`,
          'Another adviser now looks after them: you will not hear about them again.',
        );
      break;
    }
    case 'enrolment.withdrawn': {
      // Those it affects, but not whoever withdrew them: the participant's adviser and the cohort's organiser.
      const cohortId = typeof e.detail?.cohortId === 'string' ? e.detail.cohortId : undefined;
      const cohort = cohortId ? await deps.repos.cohorts.get(e.orgId, cohortId) : undefined;
      const course = cohort?.title ?? 'a cohort';
      const link = cohortId ? `/cohorts/${cohortId}` : undefined;
      for (const userId of new Set([participant?.adviserId, cohort?.createdBy])) {
        if (!userId || userId === e.actorSub) continue;
        to(
          userId,
          'enrolment-withdrawn',
          `${who(participant)} withdrawn from ${course}`,
          cohort?.guaranteedInterview
            ? 'Their place is free for someone else. Having not completed it, they no longer have its guaranteed interview.'
            : 'Their place is free for someone else.',
          link,
        );
      }
      break;
    }
    case 'vacancy.closed':
    case 'vacancy.filled':
    case 'vacancy.withdrawn':
      if (vacancy) await vacancyStatusChanged(vacancy);
      break;
    case 'vacancy.drafted':
    case 'vacancy.published':
    case 'vacancy.callback-due': {
      if (e.type === 'vacancy.published' && e.detail?.reopened === true && vacancy) {
        await vacancyStatusChanged(vacancy);
        break;
      }
      // Only a vacancy the employer posted itself has a callback: its account manager hears, now and on the day.
      const dueOn = e.type === 'vacancy.callback-due' ? e.detail?.dueOn : e.detail?.callbackDue;
      if (typeof dueOn !== 'string' || !vacancy) break;
      const employer = await deps.repos.employers.get(e.orgId, vacancy.employerId);
      const status = e.type === 'vacancy.drafted' ? 'a draft' : e.type === 'vacancy.published' ? 'open' : undefined;
      to(
        employer?.accountManagerId,
        'callback-due',
        status
          ? `Call back ${vacancy.employerName}: new vacancy ${vacancy.title}`
          : `Callback due today: ${vacancy.employerName} about ${vacancy.title}`,
        status
          ? `${vacancy.employerName} posted ${vacancy.title} themselves (${status}). Call them by ${longDate(dueOn)} to get what is missing, and log the call against the vacancy.`
          : `The two working days to call ${vacancy.employerName} back about ${vacancy.title} end today. Log the call against the vacancy when you have made it.`,
        `/vacancies/${vacancy.id}`,
      );
      break;
    }
    case 'casework.appointment-reminder': {
      // To their adviser now (after a transfer, the new one); the purpose stays in the casework.
      const at = typeof e.detail?.at === 'string' ? e.detail.at : undefined;
      const channel = typeof e.detail?.channel === 'string' ? `, ${channelWords(e.detail.channel)}` : '';
      to(
        participant?.adviserId,
        'appointment-reminder',
        `Appointment tomorrow: ${who(participant)}`,
        at ? `${longDateTime(at)}${channel}. Record how it went once it has happened.` : 'Record how it went once it has happened.',
        e.participantId ? `/participants/${e.participantId}` : undefined,
      );
      break;
    }
    case 'casework.review-due': {
      // To their adviser now (after a transfer, the new one): which rules, in words; no note.
      const reasons = String(e.detail?.reasons ?? '')
        .split(',')
        .filter(isReviewReason);
      const due = typeof e.detail?.dueOn === 'string' ? `Due ${longDate(e.detail.dueOn)}: contact` : 'Contact';
      to(
        participant?.adviserId,
        'review-due',
        `Needs a review: ${who(participant)}`,
        `${reasons.map((r) => `${reviewReasonLabel(r, reviewRulesOf(participant?.programme))}. `).join('')}${due} them, and review their action plan with them.`,
        e.participantId ? `/participants/${e.participantId}` : undefined,
      );
      break;
    }
    case 'employer.follow-up-due': {
      const employer = e.employerId ? await deps.repos.employers.get(e.orgId, e.employerId) : undefined;
      to(
        employer?.accountManagerId,
        'follow-up-due',
        `Follow-up due: ${employer?.name ?? 'an employer'}`,
        String(e.detail?.summary ?? 'A follow-up you promised is due.'),
        e.employerId ? `/employers/${e.employerId}` : undefined,
      );
      break;
    }
    case 'staff.work-handed-over': {
      const [people, accounts] = [Number(e.detail?.participants ?? 0), Number(e.detail?.employers ?? 0)];
      const from = names.of(String(e.detail?.from ?? ''));
      const what = [
        people ? `${people} participant${people === 1 ? '' : 's'}` : '',
        accounts ? `${accounts} employer account${accounts === 1 ? '' : 's'}` : '',
      ]
        .filter(Boolean)
        .join(' and ');
      to(
        e.staffId,
        'work-handed-over',
        `Handed over to you: ${what} from ${from}`,
        `An administrator handed ${from}’s work on to you. ${people ? 'The participants are on your caseload now. ' : ''}${accounts ? 'You manage the employers’ accounts from now on.' : ''}`.trim(),
        '/app',
      );
      break;
    }
    case 'staff.digest': {
      const m = e.staffId ? await deps.directory.get(e.orgId, e.staffId) : undefined;
      if (m?.active) emails.push(await digestEmail(deps, m, e));
      break;
    }
    default:
      break;
  }
  return { deliveries, emails };
}

// ---------------------------------------------------------------------------------------------------------
// Email to staff: each notification as its recipient chose (straight away, in the daily email, or none).

const link = (deps: NotifierDeps, path: string) => (deps.appUrl ? `${deps.appUrl}${path}` : undefined);

/** The lines every staff email ends with: where to see it, how to stop it, where to choose. */
async function footer(deps: NotifierDeps, m: StaffMember, stop: Parameters<typeof unsubscribeToken>[3], stopWhat: string) {
  const inbox = link(deps, '/app/notifications');
  const unsubscribe = link(deps, `/unsubscribe?t=${await unsubscribeToken(deps, m.orgId, m.id, stop)}`);
  const settings = link(deps, '/app/settings/notifications');
  return {
    unsubscribe,
    text: [
      inbox ? `See it in Routeway: ${inbox}` : 'Sign in to Routeway to see it.',
      '',
      '--',
      'Routeway never puts people’s details in email: the details are in Routeway, for those who may see them.',
      ...(unsubscribe ? [`Stop emails ${stopWhat}: ${unsubscribe}`] : []),
      ...(settings ? [`Choose how Routeway tells you things: ${settings}`] : []),
      '',
    ].join('\n'),
  };
}

/** One notification, as an email: a sentence and a link, nothing about anyone. */
async function staffEmail(deps: NotifierDeps, m: StaffMember, kind: string): Promise<EmailMessage> {
  const k = preferenceKind(kind);
  const info = NOTIFICATION_KINDS[k];
  const end = await footer(deps, m, k, 'like this one');
  return {
    to: m.email,
    subject: `Routeway: ${info.email.replace(/\.$/, '')}`,
    text: `${info.email}\n\n${end.text}`,
    ...(end.unsubscribe ? { unsubscribeUrl: end.unsubscribe } : {}),
  };
}

/** The daily email: how many of each kind arrived, each new suitable vacancy by its match alert's title, and a link. */
async function digestEmail(deps: NotifierDeps, m: StaffMember, e: OutboxEvent): Promise<EmailMessage> {
  const lines = KINDS.flatMap((k) => {
    const n = Number(e.detail?.[`kind:${k}`] ?? 0);
    return n > 0 ? [`- ${NOTIFICATION_KINDS[k].label}: ${n}`] : [];
  });
  const alerts = Object.entries(e.detail ?? {})
    .filter(([k]) => k.startsWith('alert:'))
    .sort(([a], [b]) => Number(a.slice(6)) - Number(b.slice(6)))
    .map(([, title]) => `- ${String(title)}`);
  if (alerts.length) lines.push('', 'New vacancies that suit your caseload:', ...alerts);
  const total = Number(e.detail?.total ?? 0);
  const end = await footer(deps, m, 'all', 'from Routeway altogether');
  return {
    to: m.email,
    subject: `Routeway: ${total} new notification${total === 1 ? '' : 's'} since your last daily email`,
    text: `You have ${total} new notification${total === 1 ? '' : 's'} in Routeway:\n${lines.join('\n')}\n\n${end.text}`,
    ...(end.unsubscribe ? { unsubscribeUrl: end.unsubscribe } : {}),
  };
}

/**
 * Staff recipients' choices: an email now, a place in tomorrow's daily email (`digest`, written with the
 * notification), or Routeway only. Employers' inboxes are left as they are (their contacts' email is
 * composed above); so is anyone the directory does not know or who has left.
 */
async function forStaff(
  deps: NotifierDeps,
  e: OutboxEvent,
  composed: { deliveries: Delivery[]; emails: EmailMessage[] },
): Promise<{ deliveries: Delivery[]; emails: EmailMessage[] }> {
  const staffIds = [...new Set(composed.deliveries.map((d) => d.notification.userId).filter((u) => !u.startsWith('employer:')))];
  if (!staffIds.length) return composed;
  const members = await deps.directory.getMany(e.orgId, staffIds);
  const channels = new Map<string, Promise<Channel>>();
  const deliveries: Delivery[] = [];
  const emails = [...composed.emails];
  for (const d of composed.deliveries) {
    const m = members.get(d.notification.userId);
    // Already bound for the daily email (a match alert past the day's emails straight away).
    if (!m?.active || m.role === 'employer' || d.digest) {
      deliveries.push(d);
      continue;
    }
    const ck = `${m.id}|${preferenceKind(d.notification.kind)}`;
    if (!channels.has(ck)) channels.set(ck, channelFor(deps, e.orgId, m.id, d.notification.kind));
    const channel = await channels.get(ck)!;
    if (channel === 'digest') {
      deliveries.push({ ...d, digest: digestEntry(e, d.notification.kind, d.notification.title) });
      continue;
    }
    deliveries.push(d);
    if (channel === 'immediate') emails.push(await staffEmail(deps, m, d.notification.kind));
  }
  return { deliveries, emails };
}

const isReviewReason = (r: string): r is ReviewReason => (REVIEW_REASONS as readonly string[]).includes(r);
