import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { parseItem } from '../../shared/adapters/dynamodb/store.js';
import { Employer } from '../../shared/domain/employer.js';
import { Participant } from '../../shared/domain/participant.js';
import { Vacancy } from '../../shared/domain/vacancy.js';
import type { Deps } from '../../shared/use-cases/deps.js';
import { scanAll } from './scan-all.js';

export interface BackfillCounts {
  located: number;
  /** Postcodes the geocoder could not place: left as they are, for a person to correct. */
  unplaced: number;
}

/**
 * One-off, for local data written before every postcode was located: each employer address, vacancy
 * site and participant home without a location gets one from its postcode, through the repositories,
 * so the match pools are re-keyed in the same transaction. A Scan, because it is a migration of a
 * laptop's demo table, never a request path.
 */
export async function backfillLocations(
  db: DynamoDBDocumentClient,
  tableName: string,
  deps: Pick<Deps, 'repos' | 'geocoder' | 'clock'>,
): Promise<BackfillCounts> {
  const counts: BackfillCounts = { located: 0, unplaced: 0 };
  const place = async (postcode: string) => {
    const found = await deps.geocoder.locate(postcode);
    if (found) counts.located++;
    else counts.unplaced++;
    return found;
  };
  const unlocated = scanAll(db, {
    TableName: tableName,
    FilterExpression:
      '#t IN (:e, :v, :p) AND attribute_not_exists(address.#l) AND attribute_not_exists(site.#l) AND attribute_not_exists(home.#l)',
    ExpressionAttributeNames: { '#t': 'type', '#l': 'location' },
    ExpressionAttributeValues: { ':e': 'Employer', ':v': 'Vacancy', ':p': 'Participant' },
  });
  for await (const item of unlocated) {
    const now = deps.clock.now().toISOString();
    if (item.type === 'Employer') {
      const e = parseItem(Employer, item);
      const location = await place(e.address.postcode);
      if (location)
        await deps.repos.employers.update(e, { ...e, address: { ...e.address, location }, updatedAt: now, version: e.version + 1 });
    } else if (item.type === 'Vacancy') {
      const v = parseItem(Vacancy, item);
      const location = await place(v.site.postcode);
      if (location) {
        // Its pool entry moves cell, rebuilt with the employer's terms.
        const employer = await deps.repos.employers.get(v.orgId, v.employerId);
        await deps.repos.vacancies.update(v, { ...v, site: { ...v.site, location }, updatedAt: now, version: v.version + 1 }, [], employer);
      }
    } else if (item.type === 'Participant') {
      const p = parseItem(Participant, item);
      const location = await place(p.home.postcode);
      if (location)
        await deps.repos.participants.update(p, { ...p, home: { ...p.home, location }, updatedAt: now, version: p.version + 1 });
    }
  }
  return counts;
}
