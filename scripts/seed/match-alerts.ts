import type { Actor } from '../../shared/domain/actor.js';
import { MATCH_ALERTS } from '../../shared/domain/match-alerts.js';
import { allPages, type Deps } from '../../shared/use-cases/deps.js';
import { topCandidates } from '../../shared/use-cases/matching.js';
import { listVacancies, updateVacancy } from '../../shared/use-cases/vacancies.js';

export interface MatchAlertSeedOptions {
  /** The advisers who should each find match alerts on first sign-in (the demo advisers tried first). */
  advisers: readonly string[];
  /** Vacancies left alone (the ones the live pipeline works on). */
  skipVacancyIds: readonly string[];
  /** The most vacancies changed. */
  vacancies?: number;
}

/**
 * Match alerts for the demo advisers: the loaded vacancies' own announcements are history by the time
 * the notifier reads them (no longer news, so they alert nobody), so a few open vacancies whose best
 * candidates include those advisers' participants have their requirements changed now, through the use
 * case, as a liaison officer would ("teamwork" is now a nice-to-have). The notifier, on the table's
 * stream, makes the alerts from those events as it would from any. Returns the vacancies changed.
 */
export async function seedMatchAlerts(deps: Deps, orgId: string, opts: MatchAlertSeedOptions): Promise<string[]> {
  const officer: Actor = { sub: 'u-liaison-1', role: 'liaison', orgId };
  const wanted = new Map(opts.advisers.map((a) => [a, 0]));
  const skip = new Set(opts.skipVacancyIds);
  const open = (await allPages((page) => listVacancies(deps, officer, { status: 'open', ...page })))
    // Only a vacancy still taking applications alerts anyone.
    .filter(
      (v) =>
        v.closingDate >= deps.clock.today() && !skip.has(v.id) && !v.desirableSkills.includes('teamwork') && v.desirableSkills.length < 30,
    )
    .sort((a, b) => (a.id < b.id ? -1 : 1));
  const chosen: string[] = [];
  for (const v of open) {
    if (chosen.length >= (opts.vacancies ?? 12) || [...wanted.values()].every((n) => n >= 2)) break;
    const advisers = new Set((await topCandidates(deps, orgId, v, MATCH_ALERTS.topN)).map((c) => c.adviserId));
    const helps = [...wanted].filter(([a, n]) => n < 2 && advisers.has(a));
    if (!helps.length) continue;
    for (const [a, n] of helps) wanted.set(a, n + 1);
    await updateVacancy(deps, officer, v.id, { desirableSkills: [...v.desirableSkills, 'teamwork'] });
    chosen.push(v.id);
  }
  return chosen;
}
