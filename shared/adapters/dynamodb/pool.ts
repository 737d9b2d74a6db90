import type { Employer } from '../../domain/employer.js';
import type { Participant, Sensitive } from '../../domain/participant.js';
import type { Vacancy } from '../../domain/vacancy.js';
import {
  isMatchable,
  isSuggestable,
  poolCell,
  poolSubcell,
  toMatchProfile,
  toMatchVacancy,
  travelsBeyondCatchment,
} from '../../matching/profile.js';
import { postcodeArea, type CellRange } from '../../matching/geo.js';
import type { MatchProfile } from '../../matching/types.js';
import type { CatchmentPool, MatchPoolRepository, PoolVacancy } from '../../ports/repositories.js';
import { keys } from './keys.js';
import type { Item, Store, TransactItem } from './store.js';

/**
 * The matching pools. Writes are transaction items the participant and vacancy repositories add to
 * their own transactions, so a pool entry can never disagree with its record; reads are parallel
 * Queries of the cells a catchment covers. Nothing here scans.
 */

/** The index attributes of a pool profile that must also be found from beyond the catchment. */
export const farTravellerIndex = (orgId: string, participantId: string) => ({
  GSI2PK: keys.gsi2.farTravellers(orgId),
  GSI2SK: keys.poolAreaEntry(participantId),
});

/** Where a matchable participant's profile lives: their area cell, ordered by sub-cell. */
export function profileKey(p: Participant) {
  return keys.poolProfile(p.orgId, poolCell(p.home.location, p.home.postcode), poolSubcell(p.home.location), p.id);
}

/** Delete the old entry and put the new one as the participant's matchability, place or facts change. */
export function participantPoolWrites(
  store: Store,
  prev: Participant | undefined,
  next: Participant | undefined,
  sensitive: Sensitive | undefined,
): TransactItem[] {
  const items: TransactItem[] = [];
  const prevKey = prev && isMatchable(prev) ? profileKey(prev) : undefined;
  const nextKey = next && isMatchable(next) ? profileKey(next) : undefined;
  if (prevKey && (!nextKey || prevKey.PK !== nextKey.PK || prevKey.SK !== nextKey.SK))
    items.push({ Delete: { TableName: store.tableName, Key: prevKey } });
  if (next && nextKey) {
    const profile = toMatchProfile(next, sensitive);
    items.push(
      store.put({
        ...nextKey,
        type: 'MatchProfile',
        GSI1PK: keys.gsi1.poolArea(next.orgId, postcodeArea(next.home.postcode)),
        GSI1SK: keys.poolAreaEntry(next.id),
        // The same item, indexed once more when a vacancy beyond the catchment may still suit them.
        ...(travelsBeyondCatchment(profile) ? farTravellerIndex(next.orgId, next.id) : {}),
        profile,
      }),
    );
  }
  return items;
}

/** The pool entry of an open vacancy: the match vacancy (with its employer's terms when given) and what a suggestion shows. */
function poolEntry(v: Vacancy, employer: Employer | undefined): PoolVacancy {
  return {
    match: toMatchVacancy(v, employer),
    title: v.title,
    employerName: v.employerName,
    closingDate: v.closingDate,
    linkedCohortIds: v.linkedCohortIds,
    guaranteedInterview: v.guaranteedInterview,
  };
}

/**
 * The pool writes of a vacancy change. The entry is built from the vacancy and its employer (conditions
 * on convictions, adjustments offered), so a write that puts it must be given the employer, and checks
 * in the same transaction that the employer is still the version it was built from (a policy change in
 * between makes the caller read again). A change that leaves the entry as it was (a submission's counts)
 * needs no employer and writes nothing to the pool; one that takes the vacancy out of the pool deletes it.
 */
export function vacancyPoolWrites(store: Store, prev: Vacancy | undefined, next: Vacancy, employer?: Employer): TransactItem[] {
  const items: TransactItem[] = [];
  const cellOf = (v: Vacancy) => poolCell(v.site.location, v.site.postcode);
  const prevKey = prev && isSuggestable(prev) ? keys.poolVacancy(prev.orgId, cellOf(prev), prev.id) : undefined;
  const nextKey = isSuggestable(next) ? keys.poolVacancy(next.orgId, cellOf(next), next.id) : undefined;
  if (prevKey && (!nextKey || prevKey.PK !== nextKey.PK)) items.push({ Delete: { TableName: store.tableName, Key: prevKey } });
  if (nextKey) {
    if (!employer) {
      const same =
        prev && prevKey?.PK === nextKey.PK && JSON.stringify(poolEntry(prev, undefined)) === JSON.stringify(poolEntry(next, undefined));
      if (same) return items;
      throw new Error(`The pool entry of vacancy ${next.id} changes: it needs its employer`);
    }
    if (employer.id !== next.employerId) throw new Error(`Employer ${employer.id} is not the employer of vacancy ${next.id}`);
    items.push({
      ConditionCheck: {
        TableName: store.tableName,
        Key: keys.employer(employer.orgId, employer.id),
        ConditionExpression: '#v = :v',
        ExpressionAttributeNames: { '#v': 'version' },
        ExpressionAttributeValues: { ':v': employer.version },
      },
    });
    const entry = poolEntry(next, employer);
    items.push(
      store.put({
        ...nextKey,
        type: 'PoolVacancy',
        GSI1PK: keys.gsi1.vacancyPoolArea(next.orgId, postcodeArea(next.site.postcode)),
        GSI1SK: keys.vacancyPoolAreaEntry(next.id),
        entry,
      }),
    );
  }
  return items;
}

const isStrings = (x: unknown): x is string[] => Array.isArray(x) && x.every((s) => typeof s === 'string');

/**
 * A structural check of a stored profile: cheaper than a full zod parse over thousands of items per
 * match, and still refuses anything malformed rather than trusting a cast.
 */
export function readProfile(item: Item): MatchProfile {
  const p = item.profile as Record<string, unknown> | undefined;
  const ok =
    !!p &&
    typeof p.id === 'string' &&
    typeof p.adviserId === 'string' &&
    typeof p.displayName === 'string' &&
    (p.readiness === 'green' || p.readiness === 'amber' || p.readiness === 'red') &&
    typeof p.status === 'string' &&
    typeof p.consentMatching === 'boolean' &&
    typeof p.rightToWork === 'boolean' &&
    typeof p.drivingLicence === 'boolean' &&
    isStrings(p.skills) &&
    Array.isArray(p.certifications) &&
    typeof p.area === 'string' &&
    typeof p.maxTravelKm === 'number' &&
    isStrings(p.shifts) &&
    isStrings(p.occupations) &&
    isStrings(p.sectors) &&
    isStrings(p.historySectors) &&
    isStrings(p.historyRoleWords) &&
    isStrings(p.workLimits) &&
    (p.unspentOffences === undefined || isStrings(p.unspentOffences)) &&
    (p.spentOffences === undefined || isStrings(p.spentOffences)) &&
    (p.adjustmentTypes === undefined || isStrings(p.adjustmentTypes)) &&
    typeof p.unemployedSince === 'string' &&
    typeof p.waitingSince === 'string' &&
    typeof p.liveSubmissions === 'number';
  if (!ok) throw new Error(`Malformed match profile item ${String(p?.id ?? 'unknown')}`);
  // Profiles written before convictions and adjustments were matched have none.
  p.unspentOffences ??= [];
  p.spentOffences ??= [];
  p.adjustmentTypes ??= [];
  return p as unknown as MatchProfile;
}

/** A stored vacancy-pool entry read back (structurally checked, older entries given today's defaults). */
export function readPoolVacancy(item: Item): PoolVacancy {
  const e = item.entry as Record<string, unknown> | undefined;
  const m = e?.match as Record<string, unknown> | undefined;
  if (!e || !m || typeof m.id !== 'string' || !isStrings(m.essentialSkills) || typeof e.title !== 'string') {
    throw new Error(`Malformed pool vacancy item ${String(m?.id ?? 'unknown')}`);
  }
  // Entries written before the employer's terms were pooled: no conditions known, until rewritten.
  m.hourlyPence ??= 0;
  m.backgroundCheck ??= 'none';
  m.employerConditions ??= { openToConvictions: true, refusedOffences: [] };
  m.adjustmentsOffered ??= [];
  return e as unknown as PoolVacancy;
}

export class DynamoMatchPool implements MatchPoolRepository {
  /** `warm` keeps the catchments in memory (warm-pool.ts): one per function instance, made by the wiring. */
  constructor(
    private readonly store: Store,
    private readonly warm: {
      catchment(orgId: string, ranges: CellRange[]): Promise<CatchmentPool>;
      vacancies(orgId: string, cells: string[]): Promise<PoolVacancy[]>;
    },
  ) {}

  catchment(orgId: string, ranges: CellRange[]) {
    return this.warm.catchment(orgId, ranges);
  }

  /**
   * Reads one pool partition, or the run of sub-cells `sk` bounds inside it, fetching only the entry
   * attribute (less to transfer and unmarshal).
   */
  private async readPartition(
    pk: string,
    attr: 'profile' | 'entry',
    index?: 'GSI1' | 'GSI2',
    sk?: { lo: string; hi: string },
  ): Promise<Item[]> {
    return this.store.queryItems({
      IndexName: index,
      KeyConditionExpression: `${index ? `${index}PK` : 'PK'} = :pk${sk ? ' AND SK BETWEEN :lo AND :hi' : ''}`,
      ExpressionAttributeValues: { ':pk': pk, ...(sk ? { ':lo': sk.lo, ':hi': sk.hi } : {}) },
      ExpressionAttributeNames: { '#a': attr },
      ProjectionExpression: '#a',
    });
  }

  async profilesInCells(orgId: string, ranges: CellRange[]) {
    const parts = await Promise.all(
      ranges.map((r) =>
        this.readPartition(
          keys.poolCell(orgId, r.cell),
          'profile',
          undefined,
          r.from && r.to ? keys.poolSubcells(r.from, r.to) : undefined,
        ),
      ),
    );
    return parts.flat().map(readProfile);
  }

  async profilesInArea(orgId: string, area: string) {
    return (await this.readPartition(keys.gsi1.poolArea(orgId, area), 'profile', 'GSI1')).map(readProfile);
  }

  async profilesTravellingFar(orgId: string) {
    return (await this.readPartition(keys.gsi2.farTravellers(orgId), 'profile', 'GSI2')).map(readProfile);
  }

  /** From memory, brought up to date by the change log (warm-pool.ts). */
  vacanciesInCells(orgId: string, cells: string[]) {
    return this.warm.vacancies(orgId, cells);
  }

  async vacanciesInArea(orgId: string, area: string) {
    return (await this.readPartition(keys.gsi1.vacancyPoolArea(orgId, area), 'entry', 'GSI1')).map(readPoolVacancy);
  }
}
