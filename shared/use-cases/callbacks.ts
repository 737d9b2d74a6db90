import { callbackClosedBy, endsCallback, type VacancyCallback } from '../domain/callback.js';
import type { Vacancy } from '../domain/vacancy.js';
import type { Deps } from './deps.js';

/**
 * The vacancy's 48-hour callback, closed with the reason, when this change of status ends it (withdrawn,
 * closed or filled before anyone called): written in the vacancy's own transaction, so it can never stay
 * listed, reminded or counted as waiting for a vacancy that has gone. Read only when the status ends one.
 */
export async function callbackEndedBy(
  deps: Deps,
  prev: Pick<Vacancy, 'status'>,
  next: Pick<Vacancy, 'orgId' | 'id' | 'status'>,
  by: string,
  at: string,
): Promise<VacancyCallback | undefined> {
  if (prev.status === next.status || !endsCallback(next.status)) return undefined;
  const cb = await deps.repos.vacancies.getCallback(next.orgId, next.id);
  return cb && callbackClosedBy(cb, next.status, at, by);
}
