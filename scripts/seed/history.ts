import { clockFrom, isoDate } from '../../shared/clock.js';
import type { Actor } from '../../shared/domain/actor.js';
import type { Vacancy } from '../../shared/domain/vacancy.js';
import { DomainError } from '../../shared/errors.js';
import * as matching from '../../shared/use-cases/matching.js';
import { recordCheckin } from '../../shared/use-cases/placements.js';
import * as submissions from '../../shared/use-cases/submissions.js';
import type { Deps } from '../../shared/use-cases/deps.js';

export interface HistoryOptions {
  /** Vacancies to leave alone (today's work in flight). */
  skipVacancyIds: readonly string[];
  /** Hires to make, spread over the last eleven months. */
  hires?: number;
  onProgress?: (message: string) => void;
}

export interface HistoryCounts {
  hires: number;
  /** Check-ins recorded at 13 and 26 weeks, and of those, in work. */
  checkins: number;
  inWork: number;
  /** Vacancies the hires filled. */
  filled: number;
  placementIds: string[];
}

const DAY = 86_400_000;

/**
 * A year of history behind the reports, through the use cases the API calls at the time each step
 * happened (each reads the clock it is given), so every hire is a real submission with its history, a
 * placement with its check-ins, and outbox events the notifier counts in the months they fell in: hires
 * spread from eleven months back to one, employers with more than one open vacancy hiring for each of
 * them first (repeat business), and every 13- and 26-week check-in that has come recorded on its day,
 * one in four not in work.
 */
export async function seedHistory(deps: Deps, orgId: string, opts: HistoryOptions): Promise<HistoryCounts> {
  const counts: HistoryCounts = { hires: 0, checkins: 0, inWork: 0, filled: 0, placementIds: [] };
  const want = opts.hires ?? 24;
  const open = (await deps.repos.vacancies.list(orgId, { by: 'status', status: 'open' }, { limit: 100 })).items.filter(
    (v) => !opts.skipVacancyIds.includes(v.id) && !v.liveSubmissions,
  );
  const perEmployer = new Map<string, Vacancy[]>();
  for (const v of open) perEmployer.set(v.employerId, [...(perEmployer.get(v.employerId) ?? []), v]);
  // Employers with several vacancies first, so some hire again and again.
  const ordered = [...perEmployer.values()].sort((a, b) => b.length - a.length).flat();
  const now = deps.clock.now().getTime();
  for (const vacancy of ordered) {
    if (counts.hires >= want) break;
    // From 330 days back to 30, evenly.
    const daysAgo = Math.round(330 - (300 * counts.hires) / Math.max(1, want - 1));
    const placementId = await hireAt(deps, orgId, vacancy, now, daysAgo, counts, opts);
    if (placementId) {
      counts.hires++;
      counts.placementIds.push(placementId);
    }
  }
  opts.onProgress?.(
    `History: ${counts.hires} hires over the last eleven months (${counts.filled} vacancies filled), ${counts.checkins} check-ins recorded, ${counts.inWork} in work`,
  );
  return counts;
}

async function hireAt(
  deps: Deps,
  orgId: string,
  vacancy: Vacancy,
  now: number,
  daysAgo: number,
  counts: HistoryCounts,
  opts: HistoryOptions,
): Promise<string | undefined> {
  const employer = await deps.repos.employers.get(orgId, vacancy.employerId);
  if (!employer) return undefined;
  const at = (d: number): Deps => ({ ...deps, clock: clockFrom(() => new Date(now - d * DAY)) });
  const liaison: Actor = { sub: employer.accountManagerId, role: 'liaison', orgId };
  try {
    const candidates = (await matching.matchesForVacancy(at(daysAgo), liaison, vacancy.id, 10)).candidates;
    const people = await Promise.all(candidates.map((c) => deps.repos.participants.get(orgId, c.participantId)));
    const best = candidates.find((_, k) => people[k]?.status === 'active' && (people[k]?.liveSubmissions ?? 0) === 0);
    if (!best) return undefined;
    const [s] = await submissions.propose(at(daysAgo), liaison, vacancy.id, { participantIds: [best.participantId] });
    const adviser: Actor = { sub: s!.adviserId, role: 'adviser', orgId };
    await submissions.recordAgreement(at(daysAgo - 1), adviser, s!.id, { agreed: true });
    await submissions.recordDecision(at(daysAgo - 2), liaison, s!.id, { decision: 'interview' });
    const startDate = isoDate(new Date(now - (daysAgo - 7) * DAY));
    const hired = await submissions.recordOutcome(at(daysAgo - 4), liaison, s!.id, { outcome: 'hired', startDate });
    if (!('placement' in hired) || !hired.placement) return undefined;
    const placement = hired.placement;
    if ((await deps.repos.vacancies.get(orgId, vacancy.id))?.status === 'filled') counts.filled++;
    // Each check-in that has come, recorded on its day by the adviser: one in four no longer in work.
    for (const c of placement.checkins) {
      const dueAgo = Math.round((now - Date.parse(`${c.dueOn}T10:00:00Z`)) / DAY);
      if (dueAgo < 1) continue;
      const inWork = (counts.hires + c.milestone) % 4 !== 0;
      await recordCheckin(at(dueAgo), adviser, placement.id, { milestone: c.milestone, inWork });
      counts.checkins++;
      if (inWork) counts.inWork++;
      else break;
    }
    return placement.id;
  } catch (err) {
    if (!(err instanceof DomainError) || err.status >= 500) throw err;
    opts.onProgress?.(`  skipped a past hire for ${vacancy.title}: ${err.message}`);
    return undefined;
  }
}
