import type { OutboxEvent } from '../domain/events.js';
import { addDays, longDate } from '../domain/dates.js';
import { MATCH_ALERTS, matchAlertTitle, planMatchAlerts, stillAnnounced } from '../domain/match-alerts.js';
import type { Delivery, MatchAlertWrite } from '../ports/repositories.js';
import type { Deps } from './deps.js';
import { topCandidates } from './matching.js';
import { channelFor, digestEntry } from './preferences.js';

/** The events a vacancy's match alerts are made from: it opened, or what matching reads of it changed. */
const ALERTING: ReadonlySet<OutboxEvent['type']> = new Set(['vacancy.published', 'vacancy.requirements-changed']);

/**
 * The match alerts an event brings (docs/pipeline.md, "Match alerts"), for the notifier to write in its
 * delivery transaction with what they announce: one notification per adviser whose participants rank
 * in the vacancy's top candidates and were not announced before, within the day's limit. An alert says
 * how many and links to where the adviser sees who; it names nobody, so it carries nothing about anyone
 * (and erasure has nothing in it to redact). Only a vacancy still open and not past its closing date
 * alerts anyone, and only while the event is news (`newsForHours`).
 */
export async function matchAlertsFor(deps: Deps, e: OutboxEvent): Promise<{ deliveries: Delivery[]; write?: MatchAlertWrite }> {
  if (!ALERTING.has(e.type) || !e.vacancyId) return { deliveries: [] };
  if (Date.parse(e.at) < deps.clock.now().getTime() - MATCH_ALERTS.newsForHours * 3_600_000) return { deliveries: [] };
  const vacancy = await deps.repos.vacancies.get(e.orgId, e.vacancyId);
  const today = deps.clock.today();
  if (vacancy?.status !== 'open' || vacancy.closingDate < today) return { deliveries: [] };
  const ranked = await topCandidates(deps, e.orgId, vacancy, MATCH_ALERTS.topN);
  if (!ranked.length) return { deliveries: [] };
  const advisers = [...new Set(ranked.map((r) => r.adviserId))];
  const [state, sentToday, channels] = await Promise.all([
    deps.repos.deliveries.matchAlertState(e.orgId, vacancy.id),
    deps.repos.deliveries.matchAlertsSent(e.orgId, today, advisers),
    Promise.all(advisers.map((a) => channelFor(deps, e.orgId, a, 'match-alert'))),
  ]);
  const emailNow = new Set(advisers.filter((_, i) => channels[i] === 'immediate'));
  const plan = planMatchAlerts({ ranked, announced: stillAnnounced(state, today), sentToday, emailNow });
  if (!plan.alerts.length) return { deliveries: [] };
  const job = `${vacancy.title} at ${vacancy.employerName}`;
  const changed = e.type === 'vacancy.requirements-changed';
  const deliveries = plan.alerts.map(({ adviserId, participantIds }, i): Delivery => {
    const one = participantIds.length === 1;
    const title = matchAlertTitle(participantIds.length, job, changed);
    return {
      // Past the day's emails straight away: it waits for their daily email instead.
      ...(plan.held.includes(adviserId) ? { digest: digestEntry(e, 'match-alert', title) } : {}),
      notification: {
        // Derived from the event, so a retried delivery writes the same notification.
        id: `${e.id}.m${i}`,
        userId: adviserId,
        kind: 'match-alert',
        title,
        body:
          `${one ? 'They are' : 'They are all'} among the ${MATCH_ALERTS.topN} people it suits best; it closes on ${longDate(vacancy.closingDate)}. ` +
          `The vacancy’s page shows which of your caseload ${one ? 'it is' : 'they are'}.` +
          ' Only a liaison officer puts people forward: tell them if you want someone considered.',
        // The vacancy's page lists the reader's own among its top N (a participant's page shows only their first suggestions).
        link: `/vacancies/${vacancy.id}`,
        createdAt: e.at,
      },
    };
  });
  return {
    deliveries,
    write: {
      vacancyId: vacancy.id,
      announced: {
        participantIds: plan.announced,
        version: state.version + 1,
        keepUntil: addDays(vacancy.closingDate, MATCH_ALERTS.rememberDaysAfterClosing),
      },
      previousVersion: state.version,
      // Only the emails sent straight away count towards the day's limit.
      advisers: plan.alerts
        .filter((a) => a.emailNow)
        .map((a) => {
          const before = sentToday.get(a.adviserId) ?? 0;
          return { adviserId: a.adviserId, day: today, before, after: before + 1 };
        }),
    },
  };
}
