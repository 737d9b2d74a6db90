import { callbackOpen } from '../domain/callback.js';
import type { DueItem } from '../ports/repositories.js';
import { longDate } from '../domain/dates.js';
import { permittedWorkNoticeDue, type Sensitive } from '../domain/participant.js';
import { preferenceKind } from '../domain/preferences.js';
import { auditEntry } from './participants.js';
import { hireDueOn, transition, trialChaseOn, trialDecisionDueOn, trialResultDueOn, type Submission } from '../domain/submission.js';
import type { Deps } from './deps.js';
import { event } from './events.js';
import { groupLabels, release, withdrawRemaining } from './submissions.js';
import { withVersionRetry } from './deps.js';
import { remindAppointment, remindReview } from './contacts.js';
import { announceSupportOverdue } from './in-work-support.js';

export interface SweepReport {
  dueRead: number;
  lapsed: number;
  reminded: number;
  expired: number;
  /** Work trials over whose result is asked for. */
  trialResultsDue: number;
  /** Offers whose answer is due (a reminder), and offers that lapsed unanswered. */
  offerReminders: number;
  offersLapsed: number;
  /** Waiting too long after a request: a trial's result asked again, a decision after a passed trial, the hire after an accepted offer. */
  chased: number;
  checkinsDue: number;
  /** Placements whose in-work support contacts became overdue (their adviser told once). */
  supportOverdue: number;
  followUpsDue: number;
  /** Account managers reminded that a 48-hour callback is due today. */
  callbacksDue: number;
  /** Advisers told that a participant's permitted work ends within 4 weeks. */
  permittedWorkEnding: number;
  /** Advisers reminded of an appointment tomorrow. */
  appointmentReminders: number;
  /** Advisers reminded that a participant's review falls due (their programme's review rules), once per due date. */
  reviewReminders: number;
  /** Filled or withdrawn vacancies whose remaining live submissions the sweeper finished withdrawing. */
  vacancyWithdrawals: number;
  /** Daily emails sent on (each one the day's notifications of one member of staff who asked for them so). */
  digests: number;
  failed: string[];
}

const moved = (s: Submission, to: Submission['state'], at: string, reason: string): Submission => transition(s, to, 'system', at, reason);

/**
 * Everything whose deadline has come: unanswered proposals lapse, undecided submissions get a
 * reminder and later expire, check-ins, promised follow-ups, 48-hour callbacks, tomorrow's appointments and reviews falling due are announced. Reads only the due
 * index up to today, never the whole table; each item is its own transaction, so one failure does not
 * stop the rest.
 */
export async function sweepDue(deps: Deps, batch = 500): Promise<SweepReport> {
  const today = deps.clock.today();
  const due = await deps.repos.due.dueOnOrBefore(today, batch);
  const report: SweepReport = {
    dueRead: due.length,
    lapsed: 0,
    reminded: 0,
    expired: 0,
    trialResultsDue: 0,
    offerReminders: 0,
    offersLapsed: 0,
    chased: 0,
    checkinsDue: 0,
    supportOverdue: 0,
    followUpsDue: 0,
    callbacksDue: 0,
    permittedWorkEnding: 0,
    appointmentReminders: 0,
    reviewReminders: 0,
    vacancyWithdrawals: 0,
    digests: 0,
    failed: [],
  };
  const digests = due.filter((d) => d.kind === 'digest');
  for (const item of due) {
    if (item.kind === 'digest') continue;
    try {
      await withVersionRetry(() => handle(deps, item, today, report));
    } catch {
      report.failed.push(`${item.kind}:${item.id}`);
    }
  }
  await sendDigests(deps, digests, report);
  return report;
}

/** Most notifications one daily email takes in one transaction (with its event: DynamoDB's 100 items). */
const DIGEST_CHUNK = 99;

/**
 * Each member of staff's waiting notifications become one event, which the notifier turns into one
 * email: the entries are taken (deleted) in the event's own transaction, so a second sweep finds none
 * and the email is never sent twice. The event counts them by kind and carries each match alert's title
 * (a job and its employer); nothing more leaves the notifications.
 */
async function sendDigests(deps: Deps, entries: DueItem[], report: SweepReport) {
  const byUser = new Map<string, DueItem[]>();
  for (const d of entries) {
    if (!d.userId) continue;
    const k = `${d.orgId}|${d.userId}`;
    byUser.set(k, [...(byUser.get(k) ?? []), d]);
  }
  for (const list of byUser.values()) {
    for (let i = 0; i < list.length; i += DIGEST_CHUNK) {
      const chunk = list.slice(i, i + DIGEST_CHUNK);
      const { orgId, userId } = chunk[0]! as DueItem & { userId: string };
      const detail: Record<string, number | string> = { total: chunk.length };
      let alerts = 0;
      for (const d of chunk) {
        const k = `kind:${preferenceKind(d.notificationKind ?? 'other')}`;
        detail[k] = Number(detail[k] ?? 0) + 1;
        // A match alert's title (a job and its employer, never a person) is listed in the email.
        if (d.headline) detail[`alert:${alerts++}`] = d.headline;
      }
      try {
        const taken = await deps.repos.due.takeDigest(
          orgId,
          userId,
          chunk,
          event(deps, 'system', 'staff.digest', { orgId, staffId: userId, detail }),
        );
        if (taken) report.digests++;
      } catch {
        report.failed.push(`digest:${userId}`);
      }
    }
  }
}

async function handle(deps: Deps, item: DueItem, today: string, report: SweepReport) {
  const now = deps.clock.now().toISOString();
  if (item.kind === 'submission') {
    const s = await deps.repos.submissions.get(item.orgId, item.id);
    if (!s) return;
    const subject = {
      orgId: s.orgId,
      submissionId: s.id,
      vacancyId: s.vacancyId,
      employerId: s.employerId,
      participantId: s.participantId,
    };
    /** Something still waiting is chased once: marked on the submission (it leaves the due index) with its event. */
    const chased = async (prev: Submission, next: Submission, type: Parameters<typeof event>[2]) => {
      await deps.repos.submissions.apply({
        prev,
        next: { ...next, version: prev.version + 1 },
        events: [event(deps, 'system', type, subject)],
      });
      report.chased++;
    };
    if (s.state === 'proposed' && s.agreeBy <= today) {
      // Nobody decided against it: the participant may be put forward for this vacancy again.
      await deps.repos.submissions.apply({
        prev: s,
        next: moved(s, 'lapsed', now, 'no answer from the adviser in time'),
        ...(await release(deps, s, now)),
        reopen: true,
        events: [event(deps, 'system', 'submission.lapsed', subject)],
      });
      report.lapsed++;
    } else if (s.state === 'submitted' && !s.reminderSentAt && s.respondBy && s.respondBy <= today) {
      await deps.repos.submissions.apply({
        prev: s,
        next: { ...s, reminderSentAt: now, version: s.version + 1 },
        events: [event(deps, 'system', 'submission.reminder', subject)],
      });
      report.reminded++;
    } else if (s.state === 'submitted' && s.reminderSentAt && s.expiresOn && s.expiresOn <= today) {
      await deps.repos.submissions.apply({
        prev: s,
        next: moved(s, 'expired', now, 'no decision from the employer in time'),
        ...(await release(deps, s, now)),
        events: [event(deps, 'system', 'submission.expired', subject)],
      });
      report.expired++;
    } else if (s.state === 'trial' && s.trial && !s.trial.reminderSentAt && trialResultDueOn(s.trial) <= today) {
      // The trial is over: the employer and the liaison officer are asked how it went (once).
      await deps.repos.submissions.apply({
        prev: s,
        next: { ...s, trial: { ...s.trial, reminderSentAt: now }, version: s.version + 1 },
        events: [event(deps, 'system', 'submission.trial-result-due', subject)],
      });
      report.trialResultsDue++;
    } else if (s.state === 'offered' && s.offer && !s.offer.reminderSentAt && s.offer.respondBy <= today) {
      await deps.repos.submissions.apply({
        prev: s,
        next: { ...s, offer: { ...s.offer, reminderSentAt: now }, version: s.version + 1 },
        events: [event(deps, 'system', 'submission.offer-reminder', subject)],
      });
      report.offerReminders++;
    } else if (s.state === 'offered' && s.offer?.reminderSentAt && s.offer.lapsesOn <= today) {
      // Unanswered after the reminder: the offer lapses as turned down for no answer, and the place is freed.
      const response = { accepted: false, reasonCode: 'no-response' as const, by: 'system', at: now };
      await deps.repos.submissions.apply({
        prev: s,
        next: { ...moved(s, 'offer-declined', now, 'no-response'), offer: { ...s.offer, response } },
        ...(await release(deps, s, now)),
        events: [event(deps, 'system', 'submission.offer-declined', { ...subject, detail: { reasonCode: 'no-response' } })],
      });
      report.offersLapsed++;
    } else if (s.state === 'trial' && s.trial?.reminderSentAt && !s.trial.chasedAt && trialChaseOn(s.trial) <= today) {
      await chased(s, { ...s, trial: { ...s.trial, chasedAt: now } }, 'submission.trial-result-overdue');
    } else if (
      s.state === 'trial-passed' &&
      s.trial?.result &&
      !s.trial.decisionReminderSentAt &&
      trialDecisionDueOn(s.trial.result) <= today
    ) {
      await chased(s, { ...s, trial: { ...s.trial, decisionReminderSentAt: now } }, 'submission.decision-due');
    } else if (s.state === 'offer-accepted' && s.offer?.response && !s.offer.hireReminderSentAt && hireDueOn(s.offer) <= today) {
      // The accepted offer holds a position: the hire is due to be recorded, or the position given back.
      await chased(s, { ...s, offer: { ...s.offer, hireReminderSentAt: now } }, 'submission.hire-due');
    }
    return;
  }
  if (item.kind === 'placement') {
    const found = await deps.repos.placements.get(item.orgId, item.id);
    if (!found) return;
    // In-work support contacts overdue first (their own write), then a check-in due on the placement as it is now.
    const told = await announceSupportOverdue(deps, found, today);
    if (told?.announced) report.supportOverdue++;
    const p = told?.placement ?? found;
    const c = p.checkins.find((x) => !x.recorded && !x.notified && x.dueOn <= today);
    if (!c) return;
    const next = { ...p, checkins: p.checkins.map((x) => (x === c ? { ...x, notified: true } : x)), version: p.version + 1 };
    // The milestone is reached: counted (in the month of its date) with the groups the participant is in now.
    const participant = await deps.repos.participants.get(p.orgId, p.participantId);
    await deps.repos.placements.update(p, next, [
      event(deps, 'system', 'placement.checkin-due', {
        orgId: p.orgId,
        placementId: p.id,
        submissionId: p.submissionId,
        vacancyId: p.vacancyId,
        employerId: p.employerId,
        participantId: p.participantId,
        // Ended (they left the job at an earlier check-in): still reached on its date, for the sustainment rate's
        // denominator, but nothing to record, so nobody is told.
        detail: {
          milestone: c.milestone,
          ...(c.kind ? { kind: c.kind } : {}),
          ...(c.ended ? { ended: true } : {}),
          dueOn: c.dueOn,
          ...(participant ? groupLabels(participant, today) : {}),
        },
      }),
    ]);
    if (!c.ended) report.checkinsDue++;
    return;
  }
  if (item.kind === 'appointment') {
    if (item.participantId && (await remindAppointment(deps, item.orgId, item.participantId, item.id))) report.appointmentReminders++;
    return;
  }
  if (item.kind === 'review') {
    if (await remindReview(deps, item.orgId, item.id)) report.reviewReminders++;
    return;
  }
  if (item.kind === 'permitted-work') {
    await permittedWorkEnding(deps, item, today, report);
    return;
  }
  if (item.kind === 'vacancy') {
    if (await finishWithdrawals(deps, item.orgId, item.id)) report.vacancyWithdrawals++;
    return;
  }
  if (item.kind === 'callback') {
    const cb = await deps.repos.vacancies.getCallback(item.orgId, item.id);
    if (!cb || !callbackOpen(cb) || cb.remindedAt) return;
    await deps.repos.vacancies.markCallbackReminded(
      cb,
      now,
      event(deps, 'system', 'vacancy.callback-due', {
        orgId: cb.orgId,
        vacancyId: cb.vacancyId,
        employerId: cb.employerId,
        detail: { dueOn: cb.dueOn },
      }),
    );
    report.callbacksDue++;
    return;
  }
  const i = item.employerId ? await deps.repos.employers.getInteraction(item.orgId, item.employerId, item.id) : undefined;
  if (!i || i.followUpNotifiedAt) return;
  await deps.repos.employers.markFollowUpNotified(
    item.orgId,
    i,
    event(deps, 'system', 'employer.follow-up-due', {
      orgId: item.orgId,
      employerId: i.employerId,
      detail: { summary: `Follow-up promised on ${longDate(i.occurredAt)}: ${i.summary.slice(0, 140)}` },
    }),
  );
  report.followUpsDue++;
}

/**
 * A filled or withdrawn vacancy still `withdrawing` (more live submissions than its own transaction
 * could end, or the loop after it cut short): the rest are withdrawn, each adviser told why, and the
 * mark cleared once none is left (version-checked: the caller retries on a conflict).
 */
async function finishWithdrawals(deps: Deps, orgId: string, vacancyId: string) {
  const v = await deps.repos.vacancies.get(orgId, vacancyId);
  if (!v?.withdrawing) return false;
  await withdrawRemaining(deps, 'system', orgId, vacancyId, v.withdrawing.reasonCode);
  const after = await deps.repos.vacancies.get(orgId, vacancyId);
  if (!after?.withdrawing) return true;
  const { withdrawing: _, ...rest } = after;
  await deps.repos.vacancies.update(after, { ...rest, version: after.version + 1 });
  return true;
}

/**
 * A participant's permitted work ends within 4 weeks: their adviser is told once for that end date (the
 * sensitive part records it, with an audit entry by the system, in the same transaction as the event).
 * The notification says only that it ends soon; the dates stay in the sensitive part.
 */
async function permittedWorkEnding(deps: Deps, item: DueItem, today: string, report: SweepReport) {
  const [p, s] = await Promise.all([
    deps.repos.participants.get(item.orgId, item.id),
    deps.repos.participants.getSensitive(item.orgId, item.id),
  ]);
  const noticeOn = s ? permittedWorkNoticeDue(s) : undefined;
  if (!p || !s || !noticeOn || noticeOn > today) return;
  const until = s.benefitConstraints!.until!;
  // The adviser's record stamps stay: the audit entry says the system wrote this.
  const next: Sensitive = { ...s, permittedWorkNoticeFor: until, version: s.version + 1 };
  // Already over (an end date recorded late, or the sweeper behind): marked, nothing to announce.
  const events =
    until >= today && p.status === 'active'
      ? [event(deps, 'system', 'participant.permitted-work-ending', { orgId: p.orgId, participantId: p.id, detail: { weeks: 4 } })]
      : [];
  await deps.repos.participants.putSensitive(
    item.orgId,
    next,
    s.version,
    auditEntry(deps, 'system', p.id, 'sensitive.write', { fields: ['permittedWorkNoticeFor'], version: next.version }),
    events,
  );
  if (events.length) report.permittedWorkEnding++;
}
