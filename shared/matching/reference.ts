import { evaluatePair } from './evaluate.js';
import type { ExclusionReason, MatchContext, MatchProfile, MatchVacancy } from './types.js';

/**
 * The straightforward ranking: evaluate every profile, filter, sort. It is the baseline the fast engine
 * is measured and checked against (same inputs, identical output), and what ranks vacancies for one
 * participant, where the pool is a few hundred vacancies.
 */
export function rankReference(profiles: readonly MatchProfile[], v: MatchVacancy, ctx: MatchContext, k: number) {
  const excluded: Partial<Record<ExclusionReason, number>> = {};
  const green: { id: string; scoreTenths: number; guaranteedInterview: boolean; longTermUnemployed: boolean }[] = [];
  const amber: typeof green = [];
  const oneShort: typeof green = [];
  for (const p of profiles) {
    const e = evaluatePair(p, v, ctx);
    if (e.excluded) {
      excluded[e.excluded] = (excluded[e.excluded] ?? 0) + 1;
      continue;
    }
    const row = {
      id: p.id,
      scoreTenths: e.scoreTenths,
      guaranteedInterview: e.guaranteedInterview,
      longTermUnemployed: e.longTermUnemployed,
    };
    (e.nearlyReady ? amber : e.couldQualify ? oneShort : green).push(row);
  }
  const order = (a: { id: string; scoreTenths: number }, b: { id: string; scoreTenths: number }) =>
    b.scoreTenths - a.scoreTenths || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const guaranteed = green.filter((c) => c.guaranteedInterview).sort(order);
  const others = green.filter((c) => !c.guaranteedInterview).sort(order);
  return {
    candidates: [...guaranteed, ...others.slice(0, Math.max(0, k - guaranteed.length))],
    nearlyReady: amber.sort(order).slice(0, k),
    couldQualify: oneShort.sort(order).slice(0, k),
    excluded,
    eligible: green.length,
    eligibleLongTermUnemployed: green.filter((c) => c.longTermUnemployed).length,
  };
}
