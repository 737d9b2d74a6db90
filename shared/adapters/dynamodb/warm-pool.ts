import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import { buildPool, PoolSegment, subcellSet, type PoolPart } from '../../matching/engine.js';
import { subcellIndex, type CellRange } from '../../matching/geo.js';
import { travelsBeyondCatchment, withFarTravellers } from '../../matching/profile.js';
import type { MatchProfile } from '../../matching/types.js';
import type { CatchmentPool, PoolVacancy } from '../../ports/repositories.js';
import { keys } from './keys.js';
import { logDays, POOL_LOG, readLogEntry, type PoolLogEntry } from './pool-log.js';
import { readPoolVacancy, readProfile } from './pool.js';
import type { Item, Store } from './store.js';

/**
 * The warm pool: match profiles kept in memory per function instance, one segment per pool cell (and
 * one for the far travellers) laid out for ranking once (shared/matching/engine.ts), and brought up to
 * date before every match by one strongly consistent Query of the pool change log (pool-log.ts) since
 * the last read, a few seconds back. Each profile a new log entry names is got again by its key,
 * strongly consistent, and changed in place; nothing is rebuilt. docs/matching.md ("The warm pool")
 * gives the freshness argument. Open vacancies (the pool `GET /participants/{id}/matches` reads) are
 * held the same way, per vacancy-pool cell, and brought up to date by the same log read.
 */
export const WARM_POOL = {
  /**
   * Profiles kept per instance, all organisations together: past this, the cells used least recently
   * (and not by the match at hand) are let go, to be loaded again when next needed.
   */
  maxProfiles: 250_000,
} as const;

/** One organisation's segments, where each held profile is, and how far the log has been read. */
interface OrgPool {
  cells: Map<string, PoolSegment>;
  /** Everyone who travels further than the catchment, wherever they live: every located vacancy ranks them. */
  far?: PoolSegment;
  /**
   * The segment each held profile is in (a cell, or FAR): one at most, so no one is ranked twice. A far
   * traveller is held in the far segment only, never in their cell's.
   */
  where: Map<string, string>;
  usedAt: Map<string, number>;
  /** When the last log read that brought everything up to date began (ms); undefined until one has. */
  watermark?: number;
  /** Log entries already applied, by ULID, with their time: skipped when a read goes back over them. */
  applied: Map<string, number>;
  /** Open vacancies by vacancy-pool cell (a geohash-4 cell or a postcode area), each cell read whole. */
  vacancyCells: Map<string, Map<string, PoolVacancy>>;
  /** The cell each held vacancy is in. */
  vacancyWhere: Map<string, string>;
}

/** What one refresh brings up to date: the profile cells a catchment ranks, and vacancy cells. */
interface Wanted {
  ranges: readonly CellRange[];
  vacancyCells: readonly string[];
}

/** A profile read, with the cell and sub-cell of its key. */
interface Loaded {
  cell: string;
  sub: string;
  profile: MatchProfile;
}

/** The `where` of a far traveller (no cell is named so). */
const FAR = '\n far';
const keyString = (cell: string, sub: string, id: string) => `${cell}\n${sub}\n${id}`;
/** How a vacancy cell is named among the cells last used (profile cells are named as they are). */
const vacancyUse = (cell: string) => `V\n${cell}`;

export class WarmPool {
  private readonly orgs = new Map<string, OrgPool>();
  private readonly busy = new Map<string, Promise<unknown>>();
  /** What it has read: for tests and the bench. */
  readonly stats = { logReads: 0, cellLoads: 0, profilesGot: 0, fallbacks: 0 };

  constructor(
    private readonly store: Store,
    private readonly now: () => number = Date.now,
    private readonly limits = { ...POOL_LOG, maxProfiles: WARM_POOL.maxProfiles },
  ) {}

  /**
   * The parts of the pool a located vacancy ranks, up to date: every change that committed before this
   * call began is in it. If the log cannot be read, the organisation's segments are let go and the
   * catchment is read afresh, as before there was a warm pool (never a stale list silently); if that
   * fails too, it throws.
   */
  async catchment(orgId: string, ranges: readonly CellRange[]): Promise<CatchmentPool> {
    try {
      // Taken in the same turn as the refresh ends: ranking sees a complete one.
      const parts = await this.exclusive(orgId, async () => partsFor(await this.refresh(orgId, { ranges, vacancyCells: [] }), ranges));
      return { parts, served: 'warm' };
    } catch {
      this.orgs.delete(orgId);
      this.stats.fallbacks++;
      const [near, far] = await Promise.all([Promise.all(ranges.map((r) => this.readCell(orgId, r.cell, r))), this.readFar(orgId)]);
      const profiles = withFarTravellers(
        near.flat().map((x) => x.profile),
        far.map((x) => x.profile),
      );
      return { parts: [{ segment: buildPool(profiles) }], served: 'cold' };
    }
  }

  /**
   * The open vacancies pooled in the cells, as they are after every change committed before this call
   * began, in cell order and by id within a cell (as a read of the cells returns them). As for
   * `catchment`, a failed refresh lets the organisation go and reads the cells afresh.
   */
  async vacancies(orgId: string, cells: readonly string[]): Promise<PoolVacancy[]> {
    const distinct = [...new Set(cells)];
    try {
      return await this.exclusive(orgId, async () => {
        const org = await this.refresh(orgId, { ranges: [], vacancyCells: distinct });
        return distinct.flatMap((c) => [...org.vacancyCells.get(c)!.values()].sort(byVacancyId));
      });
    } catch {
      this.orgs.delete(orgId);
      this.stats.fallbacks++;
      return (await Promise.all(distinct.map((c) => this.readVacancyCell(orgId, c)))).flat();
    }
  }

  /** One refresh at a time per organisation: they change the same segments. */
  private exclusive<T>(orgId: string, work: () => Promise<T>): Promise<T> {
    const run = (this.busy.get(orgId) ?? Promise.resolve()).then(work, work);
    const settled = run.then(
      () => undefined,
      () => undefined,
    );
    this.busy.set(orgId, settled);
    void settled.then(() => {
      if (this.busy.get(orgId) === settled) this.busy.delete(orgId);
    });
    return run;
  }

  private async refresh(orgId: string, want: Wanted): Promise<OrgPool> {
    const started = this.now();
    let org = this.orgs.get(orgId);
    // Too long since the log was last read (entries may have expired): start again.
    if (org?.watermark !== undefined && started - org.watermark > this.limits.maxGapMs) org = undefined;
    if (!org) {
      org = { cells: new Map(), where: new Map(), usedAt: new Map(), applied: new Map(), vacancyCells: new Map(), vacancyWhere: new Map() };
      this.orgs.set(orgId, org);
    }
    const state = org;
    const cells = [...new Set(want.ranges.map((r) => r.cell))];
    // Segments first: then the log read below, from before they were read, catches any change that
    // committed while they were being read.
    const [far, loaded, vacancies] = await Promise.all([
      state.far || cells.length === 0 ? undefined : this.readFar(orgId),
      Promise.all(cells.filter((c) => !state.cells.has(c)).map(async (c) => [c, await this.readCell(orgId, c)] as const)),
      Promise.all(
        want.vacancyCells.filter((c) => !state.vacancyCells.has(c)).map(async (c) => [c, await this.readVacancyCell(orgId, c)] as const),
      ),
    ]);
    // The far travellers first (read from an index, eventually consistent): a cell's strongly consistent read has the last word.
    if (far) this.installFar(state, far);
    for (const [cell, items] of loaded) this.install(state, cell, items);
    for (const [cell, items] of vacancies) this.installVacancies(state, cell, items);
    const entries = await this.readLog(orgId, (state.watermark ?? started) - this.limits.lookbackMs);
    await this.apply(orgId, state, entries);
    state.watermark = started;
    for (const [ulid, at] of state.applied) if (at < started - this.limits.lookbackMs) state.applied.delete(ulid);
    const inUse = [...cells, ...want.vacancyCells.map(vacancyUse)];
    for (const c of inUse) state.usedAt.set(c, started);
    this.evict(orgId, new Set(inUse));
    return state;
  }

  /** A whole cell (or a run of its sub-cells), strongly consistent. */
  private async readCell(orgId: string, cell: string, range?: CellRange): Promise<Loaded[]> {
    const sk = range?.from && range.to ? keys.poolSubcells(range.from, range.to) : undefined;
    const items = await this.store.queryItems({
      KeyConditionExpression: `PK = :pk${sk ? ' AND SK BETWEEN :lo AND :hi' : ''}`,
      ExpressionAttributeValues: { ':pk': keys.poolCell(orgId, cell), ...(sk ? { ':lo': sk.lo, ':hi': sk.hi } : {}) },
      ExpressionAttributeNames: { '#a': 'profile' },
      ProjectionExpression: 'SK, #a',
      ConsistentRead: true,
    });
    this.stats.cellLoads++;
    return items.map((item) => ({ cell, sub: subOfKey(item.SK), profile: readProfile(item) }));
  }

  /** A vacancy-pool cell, whole, strongly consistent. */
  private async readVacancyCell(orgId: string, cell: string): Promise<PoolVacancy[]> {
    const items = await this.store.queryItems({
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': keys.vacancyPoolCell(orgId, cell) },
      ExpressionAttributeNames: { '#a': 'entry' },
      ProjectionExpression: '#a',
      ConsistentRead: true,
    });
    this.stats.cellLoads++;
    return items.map(readPoolVacancy);
  }

  /** Every far traveller's profile, from their index (an index, so eventually consistent). */
  private async readFar(orgId: string): Promise<Loaded[]> {
    const items = await this.store.queryItems({
      IndexName: 'GSI2',
      KeyConditionExpression: 'GSI2PK = :pk',
      ExpressionAttributeValues: { ':pk': keys.gsi2.farTravellers(orgId) },
      ExpressionAttributeNames: { '#a': 'profile' },
      ProjectionExpression: 'PK, SK, #a',
    });
    return items.map((item) => ({ cell: cellOfKey(item.PK), sub: subOfKey(item.SK), profile: readProfile(item) }));
  }

  /** A cell read whole: its segment, replacing any held, with everyone in it who is not a far traveller. */
  private install(org: OrgPool, cell: string, items: Loaded[]) {
    for (const [id, at] of org.where) if (at === cell) org.where.delete(id);
    org.cells.set(cell, new PoolSegment());
    for (const x of items) this.place(org, x);
  }

  private installFar(org: OrgPool, items: Loaded[]) {
    for (const [id, at] of org.where) if (at === FAR) org.where.delete(id);
    org.far = new PoolSegment();
    for (const x of items) this.place(org, x);
  }

  private installVacancies(org: OrgPool, cell: string, entries: PoolVacancy[]) {
    for (const [id, at] of org.vacancyWhere) if (at === cell) org.vacancyWhere.delete(id);
    org.vacancyCells.set(cell, new Map());
    for (const v of entries) this.placeVacancy(org, cell, v);
  }

  /** Puts a vacancy in its cell, if that cell is held, out of any other. */
  private placeVacancy(org: OrgPool, cell: string, v: PoolVacancy) {
    this.takeOutVacancy(org, v.match.id);
    const held = org.vacancyCells.get(cell);
    if (!held) return;
    held.set(v.match.id, v);
    org.vacancyWhere.set(v.match.id, cell);
  }

  private takeOutVacancy(org: OrgPool, id: string) {
    const at = org.vacancyWhere.get(id);
    if (at === undefined) return;
    org.vacancyCells.get(at)?.delete(id);
    org.vacancyWhere.delete(id);
  }

  /** Puts a profile where it belongs, out of anywhere else: the far segment, or its cell's if that is held. */
  private place(org: OrgPool, { cell, sub, profile }: Loaded) {
    this.takeOut(org, profile.id);
    const far = travelsBeyondCatchment(profile);
    const segment = far ? org.far : org.cells.get(cell);
    if (!segment) return;
    segment.upsert(profile, subcellIndex(sub));
    org.where.set(profile.id, far ? FAR : cell);
  }

  private takeOut(org: OrgPool, id: string) {
    const at = org.where.get(id);
    if (at === undefined) return;
    (at === FAR ? org.far : org.cells.get(at))?.remove(id);
    org.where.delete(id);
  }

  /** Every log entry of the organisation from `from` (ms) on, strongly consistent, oldest first. */
  private async readLog(orgId: string, from: number): Promise<PoolLogEntry[]> {
    this.stats.logReads++;
    const pages = await Promise.all(
      logDays(from, this.now()).map((day) =>
        this.store.queryItems({
          KeyConditionExpression: 'PK = :pk AND SK >= :from',
          ExpressionAttributeValues: { ':pk': keys.poolLogPartition(orgId, day), ':from': keys.poolLogFrom(from) },
          ConsistentRead: true,
        }),
      ),
    );
    return pages.flat().map(readLogEntry);
  }

  /** Gets again, by key, every profile and vacancy the new entries name that is or may now be held, and puts each where it now is. */
  private async apply(orgId: string, org: OrgPool, entries: PoolLogEntry[]) {
    const named = new Map<string, Set<string>>();
    const reload = new Set<string>();
    const namedVacancies = new Map<string, Set<string>>();
    for (const e of entries) {
      if (org.applied.has(e.ulid)) continue;
      for (const c of e.changes) {
        if (c.kind === 'V') {
          // A vacancy entry names its cell: got again if that cell is held or the vacancy is (it may have moved).
          if (!(org.vacancyCells.has(c.cell) || org.vacancyWhere.has(c.id))) continue;
          let cs = namedVacancies.get(c.id);
          if (!cs) namedVacancies.set(c.id, (cs = new Set()));
          cs.add(c.cell);
          continue;
        }
        if (c.sub === undefined) {
          // Written before entries named the sub-cell and far travellers: what it touches is read again.
          if (org.cells.has(c.cell)) reload.add(c.cell);
          const held = org.where.get(c.id);
          if (held) reload.add(held);
          if (org.far) reload.add(FAR);
          continue;
        }
        if (!(org.cells.has(c.cell) || org.where.has(c.id) || (c.far && org.far))) continue;
        let ks = named.get(c.id);
        if (!ks) named.set(c.id, (ks = new Set()));
        ks.add(keyString(c.cell, c.sub, c.id));
      }
    }
    const [found, reloaded, foundVacancies] = await Promise.all([
      this.getProfiles(
        orgId,
        [...named.values()].flatMap((ks) => [...ks]),
      ),
      Promise.all([...reload].map(async (c) => [c, await (c === FAR ? this.readFar(orgId) : this.readCell(orgId, c))] as const)),
      this.getByKey(
        [...namedVacancies].flatMap(([id, cs]) => [...cs].map((cell) => keys.poolVacancy(orgId, cell, id))),
        'PK, #a',
        'entry',
      ),
    ]);
    // Changed vacancies likewise: out of wherever they were, into the cell they are now in.
    for (const id of namedVacancies.keys()) this.takeOutVacancy(org, id);
    for (const item of foundVacancies) this.placeVacancy(org, vacancyCellOfKey(item.PK), readPoolVacancy(item));
    for (const [cell, items] of reloaded) {
      if (cell === FAR) this.installFar(org, items);
      else this.install(org, cell, items);
    }
    // Changed profiles: out of wherever they were, into wherever they now are (a deleted one is not found).
    for (const id of named.keys()) this.takeOut(org, id);
    for (const { cell, sub, item } of found) this.place(org, { cell, sub, profile: readProfile(item) });
    for (const e of entries) org.applied.set(e.ulid, e.at);
  }

  /** Profile items by key, strongly consistent; those not there are not returned. */
  private async getProfiles(orgId: string, wanted: string[]): Promise<{ cell: string; sub: string; item: Item }[]> {
    const items = await this.getByKey(
      wanted.map((k) => {
        const [cell, sub, id] = k.split('\n') as [string, string, string];
        return keys.poolProfile(orgId, cell, sub, id);
      }),
      'PK, SK, #a',
      'profile',
    );
    this.stats.profilesGot += items.length;
    return items.map((item) => ({ cell: cellOfKey(item.PK), sub: subOfKey(item.SK), item }));
  }

  /** Items by key, strongly consistent, 100 a request, with the projection given; those not there are not returned. */
  private async getByKey(wanted: Record<string, unknown>[], projection: string, attr: string): Promise<Item[]> {
    const out: Item[] = [];
    for (let i = 0; i < wanted.length; i += 100) {
      let request = wanted.slice(i, i + 100);
      for (let attempt = 0; request.length > 0; attempt++) {
        if (attempt > 8) throw new Error('Pool profiles left unprocessed');
        if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(1000, 25 * 2 ** attempt)));
        const res = await this.store.db.send(
          new BatchGetCommand({
            RequestItems: {
              [this.store.tableName]: {
                Keys: request,
                ConsistentRead: true,
                ProjectionExpression: projection,
                ExpressionAttributeNames: { '#a': attr },
              },
            },
          }),
        );
        out.push(...((res.Responses?.[this.store.tableName] ?? []) as Item[]));
        request = (res.UnprocessedKeys?.[this.store.tableName]?.Keys ?? []) as Record<string, unknown>[];
      }
    }
    return out;
  }

  /**
   * Lets the least recently used cells go while more profiles are held than the limit: never the cells
   * of the match at hand, nor any of an organisation whose refresh is under way, nor the far travellers.
   */
  private evict(orgId: string, inUse: Set<string>) {
    let held = 0;
    // A held vacancy counts as one profile: they are few beside the profiles.
    const cells: { org: OrgPool; cell: string; vacancies: boolean; usedAt: number; size: number }[] = [];
    for (const [id, org] of this.orgs) {
      held += org.far?.size ?? 0;
      const keep = (use: string) => (id === orgId ? inUse.has(use) : this.busy.has(id));
      for (const [cell, segment] of org.cells) {
        held += segment.size;
        if (!keep(cell)) cells.push({ org, cell, vacancies: false, usedAt: org.usedAt.get(cell) ?? 0, size: segment.size });
      }
      for (const [cell, vs] of org.vacancyCells) {
        held += vs.size;
        const use = vacancyUse(cell);
        if (!keep(use)) cells.push({ org, cell, vacancies: true, usedAt: org.usedAt.get(use) ?? 0, size: vs.size });
      }
    }
    if (held <= this.limits.maxProfiles) return;
    cells.sort((a, b) => a.usedAt - b.usedAt);
    for (const c of cells) {
      if (held <= this.limits.maxProfiles) break;
      if (c.vacancies) {
        for (const id of c.org.vacancyCells.get(c.cell)!.keys()) c.org.vacancyWhere.delete(id);
        c.org.vacancyCells.delete(c.cell);
        c.org.usedAt.delete(vacancyUse(c.cell));
      } else {
        for (const p of c.org.cells.get(c.cell)!.all()) c.org.where.delete(p.id);
        c.org.cells.delete(c.cell);
        c.org.usedAt.delete(c.cell);
      }
      held -= c.size;
    }
  }
}

/** The cell of a profile's partition key (`O#<org>#POOL#<cell>`). */
function cellOfKey(pk: unknown): string {
  const m = /#POOL#([^#]+)$/.exec(String(pk));
  if (!m) throw new Error(`Malformed pool profile key ${String(pk)}`);
  return m[1]!;
}

/** The cell of a pooled vacancy's partition key (`O#<org>#VPOOL#<cell>`). */
function vacancyCellOfKey(pk: unknown): string {
  const m = /#VPOOL#([^#]+)$/.exec(String(pk));
  if (!m) throw new Error(`Malformed pool vacancy key ${String(pk)}`);
  return m[1]!;
}

const byVacancyId = (a: PoolVacancy, b: PoolVacancy) => (a.match.id < b.match.id ? -1 : a.match.id > b.match.id ? 1 : 0);

/** The sub-cell part of a profile's sort key (`P#<sub-cell>#<participant>`). */
function subOfKey(sk: unknown): string {
  const m = /^P#([^#]+)#/.exec(String(sk));
  if (!m) throw new Error(`Malformed pool profile key ${String(sk)}`);
  return m[1]!;
}

/** Each held cell's segment with the sub-cells its ranges read (a range with no bounds reads it whole), and the far travellers. */
function partsFor(org: OrgPool, ranges: readonly CellRange[]): PoolPart[] {
  const byCell = new Map<string, ReturnType<typeof subcellSet> | undefined>();
  for (const r of ranges) {
    if (byCell.has(r.cell) && byCell.get(r.cell) === undefined) continue;
    if (!(r.from && r.to)) {
      byCell.set(r.cell, undefined);
      continue;
    }
    byCell.set(r.cell, subcellSet(subcellIndex(r.from), subcellIndex(r.to), byCell.get(r.cell)));
  }
  const parts: PoolPart[] = [...byCell].map(([cell, subs]) => ({ segment: org.cells.get(cell)!, ...(subs ? { subs } : {}) }));
  return org.far ? [...parts, { segment: org.far }] : parts;
}
