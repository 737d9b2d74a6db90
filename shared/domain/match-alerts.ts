/**
 * Match alerts for advisers (docs/pipeline.md, "Match alerts"): when a vacancy opens or its requirements
 * change, each adviser whose participants rank in its top candidates hears once, about their own only.
 * The bounds live here and nowhere else.
 */
export const MATCH_ALERTS = {
  /** The vacancy's best-ranked candidates an alert is made from (each alert costs one match of the vacancy). */
  topN: 20,
  /**
   * The most match alerts one adviser is emailed straight away in a day (the notifier's day), when they
   * chose that: past it, that day's further alerts still reach their inbox and wait for the daily email.
   */
  perAdviserPerDay: 10,
  /** An event delivered later than this after it happened (a backlog, history loaded at once) alerts nobody: it is no longer news. */
  newsForHours: 24,
  /** How many participants a vacancy remembers having announced (newest kept), so a change announces only newcomers. */
  rememberedPerVacancy: 200,
  /**
   * How long after a vacancy's closing date it remembers whom it announced. Only an open vacancy not past
   * its closing date alerts anyone, so the list is of use only while the vacancy might still be extended or
   * reopened; then the table's TTL removes it, and with it the participants' ids (docs/privacy.md).
   */
  rememberDaysAfterClosing: 28,
} as const;

/** The participants a vacancy still remembers announcing on `today`: none once the record is past its keep date (TTL may lag). */
export function stillAnnounced(state: { participantIds: readonly string[]; keepUntil?: string }, today: string): readonly string[] {
  return state.keepUntil !== undefined && state.keepUntil < today ? [] : state.participantIds;
}

/** One of the vacancy's ranked candidates, best first, with their adviser. */
export interface RankedCandidate {
  participantId: string;
  adviserId: string;
}

export interface MatchAlertPlan {
  /**
   * One alert per adviser, with their own participants among the top candidates, in rank order; `emailNow`
   * when they chose alerts emailed straight away and have had fewer than `perAdviserPerDay` such emails today.
   */
  alerts: { adviserId: string; participantIds: string[]; emailNow: boolean }[];
  /** The participants the vacancy has announced, after this plan (oldest first, bounded). */
  announced: string[];
  /** Advisers who chose alerts straight away but have had the day's emails: theirs waits for the daily email. */
  held: string[];
}

/**
 * Who hears of a vacancy's matches: its top candidates not announced before, grouped by their adviser.
 * Every alert reaches its adviser's inbox; only the emails sent straight away are limited
 * (`perAdviserPerDay`, for the advisers in `emailNow`, counted in `sentToday`). Pure: the notifier reads
 * what it needs and writes the plan's result in its delivery transaction.
 */
export function planMatchAlerts(input: {
  ranked: readonly RankedCandidate[];
  announced: readonly string[];
  sentToday: ReadonlyMap<string, number>;
  emailNow: ReadonlySet<string>;
}): MatchAlertPlan {
  const before = new Set(input.announced);
  const byAdviser = new Map<string, string[]>();
  for (const c of input.ranked.slice(0, MATCH_ALERTS.topN)) {
    if (before.has(c.participantId)) continue;
    const list = byAdviser.get(c.adviserId) ?? [];
    if (!list.includes(c.participantId)) list.push(c.participantId);
    byAdviser.set(c.adviserId, list);
  }
  const alerts: MatchAlertPlan['alerts'] = [];
  const held: string[] = [];
  for (const [adviserId, participantIds] of byAdviser) {
    const wantsNow = input.emailNow.has(adviserId);
    const under = (input.sentToday.get(adviserId) ?? 0) < MATCH_ALERTS.perAdviserPerDay;
    if (wantsNow && !under) held.push(adviserId);
    alerts.push({ adviserId, participantIds, emailNow: wantsNow && under });
  }
  const announced = [...input.announced, ...alerts.flatMap((a) => a.participantIds)].slice(-MATCH_ALERTS.rememberedPerVacancy);
  return { alerts, announced, held };
}

/** An alert's title: how many of the adviser's caseload suit the job (never who: the vacancy's page says, to them alone). */
export function matchAlertTitle(count: number, job: string, changed: boolean): string {
  const suit = `${count} of your caseload suit${count === 1 ? 's' : ''} ${job}`;
  return changed ? `${suit} now its requirements have changed` : suit;
}
