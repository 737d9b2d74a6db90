import { ADJUSTMENTS } from '../domain/adjustments.js';
import { CHECK_SEES_SPENT } from '../domain/convictions.js';
import { dampTenths, earningsHours, epochDay, explain, fractions, hoursAsk, tenths, words } from './evaluate.js';
import { EARTH_KM, haversineKm } from './geo.js';
import {
  EXCLUSION_REASONS,
  type ExclusionReason,
  type FactorResult,
  type MatchContext,
  type MatchProfile,
  type MatchVacancy,
} from './types.js';
import { MATCHING, WEIGHTS } from './weights.js';

/**
 * The fast ranking engine. A pool is held in segments (one per pool cell in the warm pool, or one for
 * any list of profiles), each laid out for ranking once and then changed in place: every yes/no fact
 * and every term (skill, certificate, title word, shift, work limit, offence category, sector) is a
 * bitset over the segment's slots, 32 profiles a word, and the numbers are typed-array columns. A
 * vacancy is ranked by walking the words: the ordered hard constraints are a few bitwise operations
 * and a popcount each for 32 profiles at once; only the profiles left after them are looked at one
 * by one (hours, distance with a cheap chord test before the exact haversine, then the score from
 * integer tables), and a bounded top-k heap keeps the best, ties broken by integer keys of the id.
 * It must agree exactly with the reference `evaluatePair`/`rankReference` (property tests).
 */

/** Slots come in whole words of 32. */
const WORD = 32;
/** The day of a cap with no end. */
const NO_END = 0x7fffffff;
const FLEXIBLE = 'flexible';

const popcount = (x: number): number => {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
};

/**
 * Order keys of an id: two numbers from its first 14 characters (7 each, base 128), so ties rarely need
 * the string. A character past ASCII ends the keys (127, then zeros): ids that agree up to it tie on
 * the keys and are settled by the string, which orders them as the reference does.
 */
function idKeys(id: string): [number, number] {
  const digits: number[] = [];
  for (let i = 0; i < 14; i++) {
    const c = i < id.length ? id.charCodeAt(i) : 0;
    if (c >= 127) {
      digits.push(127);
      break;
    }
    digits.push(c);
  }
  while (digits.length < 14) digits.push(0);
  const chunk = (from: number) => digits.slice(from, from + 7).reduce((k, d) => k * 128 + d, 0);
  return [chunk(0), chunk(7)];
}

/** Bitsets over a segment's slots, one per term, made when a profile first holds the term. */
class TermBits {
  readonly byTerm = new Map<string, Uint32Array>();
  constructor(private words: number) {}
  get(term: string): Uint32Array | undefined {
    return this.byTerm.get(term);
  }
  set(term: string, slot: number) {
    let b = this.byTerm.get(term);
    if (!b) this.byTerm.set(term, (b = new Uint32Array(this.words)));
    b[slot >>> 5]! |= 1 << (slot & 31);
  }
  clear(term: string, slot: number) {
    const b = this.byTerm.get(term);
    if (b) b[slot >>> 5]! &= ~(1 << (slot & 31));
  }
  grow(words: number) {
    for (const [t, b] of this.byTerm) {
      const n = new Uint32Array(words);
      n.set(b);
      this.byTerm.set(t, n);
    }
    this.words = words;
  }
}

const FLAGS = [
  'live',
  'consent',
  'active',
  'red',
  'amber',
  'rtw',
  'driving',
  'stated',
  'expiring',
  'shifts',
  'flexible',
  'hours',
  'capped',
  'located',
  'unspent',
  'spent',
] as const;
type Flag = (typeof FLAGS)[number];

const grown = <A extends Float64Array | Int32Array | Int16Array | Uint16Array | Uint32Array | Uint8Array>(
  a: A,
  make: (n: number) => A,
  n: number,
) => {
  const b = make(n);
  b.set(a);
  return b;
};

/**
 * One segment of a pool: profiles in slots, laid out for ranking. `upsert` and `remove` change it in
 * place (a freed slot is reused), so a warm pool never rebuilds. Each slot keeps its sub-cell (0–1023,
 * the profile's geohash-6 inside its geohash-4 cell) so a catchment selects exactly the profiles its
 * key ranges read.
 */
export class PoolSegment {
  private cap = 0;
  private used = 0;
  private readonly free: number[] = [];
  private readonly slotOf = new Map<string, number>();
  readonly profiles: (MatchProfile | undefined)[] = [];
  private readonly flags = {} as Record<Flag, Uint32Array>;
  private readonly terms = {
    skills: new TermBits(0),
    certs: new TermBits(0),
    occWords: new TermBits(0),
    roleWords: new TermBits(0),
    shifts: new TermBits(0),
    limits: new TermBits(0),
    unspent: new TermBits(0),
    spent: new TermBits(0),
    sectors: new TermBits(0),
    histSectors: new TermBits(0),
  };
  private sub = new Uint16Array(0);
  private k1 = new Float64Array(0);
  private k2 = new Float64Array(0);
  private lat = new Float64Array(0);
  private lng = new Float64Array(0);
  private ux = new Float64Array(0);
  private uy = new Float64Array(0);
  private uz = new Float64Array(0);
  private maxTravel = new Float64Array(0);
  /** Squared unit-sphere chord beyond which someone is certainly further than they travel. */
  private farChord2 = new Float64Array(0);
  private hMin = new Int16Array(0);
  private hMax = new Int16Array(0);
  private hourCap = new Int16Array(0);
  private hourCapUntil = new Int32Array(0);
  private adjustments = new Uint32Array(0);
  private unemployedDay = new Int32Array(0);
  private waitingDay = new Int32Array(0);
  private live = new Uint8Array(0);
  /** Expiry (epoch day) of each certificate a slot holds with one, the first entry of each name (as the reference reads it). */
  private readonly expiry = new Map<number, Map<string, number>>();

  constructor(profiles: readonly MatchProfile[] = [], subs?: readonly number[]) {
    for (const f of FLAGS) this.flags[f] = new Uint32Array(0);
    profiles.forEach((p, i) => {
      this.upsert(p, subs?.[i] ?? 0);
    });
  }

  /** Profiles held. */
  get size(): number {
    return this.slotOf.size;
  }

  has(id: string): boolean {
    return this.slotOf.has(id);
  }

  get(id: string): MatchProfile | undefined {
    const s = this.slotOf.get(id);
    return s === undefined ? undefined : this.profiles[s];
  }

  /** The sub-cell a held profile is in. */
  subOf(id: string): number | undefined {
    const s = this.slotOf.get(id);
    return s === undefined ? undefined : this.sub[s];
  }

  /** Every profile held, in slot order. */
  all(): MatchProfile[] {
    return this.profiles.filter((p): p is MatchProfile => p !== undefined);
  }

  private grow(min: number) {
    let cap = Math.max(WORD, this.cap);
    while (cap < min) cap *= 2;
    const words = cap / WORD;
    for (const f of FLAGS) this.flags[f] = grown(this.flags[f], (n) => new Uint32Array(n), words);
    for (const t of Object.values(this.terms)) t.grow(words);
    const f64 = (n: number) => new Float64Array(n);
    this.sub = grown(this.sub, (n) => new Uint16Array(n), cap);
    this.k1 = grown(this.k1, f64, cap);
    this.k2 = grown(this.k2, f64, cap);
    this.lat = grown(this.lat, f64, cap);
    this.lng = grown(this.lng, f64, cap);
    this.ux = grown(this.ux, f64, cap);
    this.uy = grown(this.uy, f64, cap);
    this.uz = grown(this.uz, f64, cap);
    this.maxTravel = grown(this.maxTravel, f64, cap);
    this.farChord2 = grown(this.farChord2, f64, cap);
    this.hMin = grown(this.hMin, (n) => new Int16Array(n), cap);
    this.hMax = grown(this.hMax, (n) => new Int16Array(n), cap);
    this.hourCap = grown(this.hourCap, (n) => new Int16Array(n), cap);
    this.hourCapUntil = grown(this.hourCapUntil, (n) => new Int32Array(n), cap);
    this.adjustments = grown(this.adjustments, (n) => new Uint32Array(n), cap);
    this.unemployedDay = grown(this.unemployedDay, (n) => new Int32Array(n), cap);
    this.waitingDay = grown(this.waitingDay, (n) => new Int32Array(n), cap);
    this.live = grown(this.live, (n) => new Uint8Array(n), cap);
    this.cap = cap;
  }

  private flag(f: Flag, slot: number, on: boolean) {
    const w = this.flags[f];
    if (on) w[slot >>> 5]! |= 1 << (slot & 31);
    else w[slot >>> 5]! &= ~(1 << (slot & 31));
  }

  /** Every term a profile sets, by table: what `remove` must clear. */
  private termsOf(p: MatchProfile): [TermBits, readonly string[]][] {
    const t = this.terms;
    return [
      [t.skills, p.skills],
      [t.certs, p.certifications.map((c) => c.name)],
      [t.occWords, p.occupations.flatMap(words)],
      [t.roleWords, p.historyRoleWords],
      [t.shifts, p.shifts],
      [t.limits, p.workLimits],
      [t.unspent, p.unspentOffences],
      [t.spent, p.spentOffences],
      [t.sectors, p.sectors],
      [t.histSectors, p.historySectors],
    ];
  }

  /** Adds a profile, or replaces the one with its id, in its sub-cell. */
  upsert(p: MatchProfile, sub = 0): void {
    this.remove(p.id);
    const slot = this.free.pop() ?? this.used++;
    if (slot >= this.cap) this.grow(slot + 1);
    this.slotOf.set(p.id, slot);
    this.profiles[slot] = p;
    this.sub[slot] = sub;
    [this.k1[slot], this.k2[slot]] = idKeys(p.id);
    this.flag('live', slot, true);
    this.flag('consent', slot, p.consentMatching);
    this.flag('active', slot, p.status === 'active');
    this.flag('red', slot, p.readiness === 'red');
    this.flag('amber', slot, p.readiness === 'amber');
    this.flag('rtw', slot, p.rightToWork);
    this.flag('driving', slot, p.drivingLicence);
    this.flag('stated', slot, p.occupations.length > 0 || p.sectors.length > 0);
    this.flag('shifts', slot, p.shifts.length > 0);
    this.flag('flexible', slot, p.shifts.includes(FLEXIBLE));
    this.flag('hours', slot, p.hours !== undefined);
    this.flag('capped', slot, p.hourCap !== undefined);
    this.flag('located', slot, p.location !== undefined);
    this.flag('unspent', slot, p.unspentOffences.length > 0);
    this.flag('spent', slot, p.spentOffences.length > 0);
    for (const [bits, terms] of this.termsOf(p)) for (const term of terms) bits.set(term, slot);
    const first = new Map<string, number>();
    for (const c of p.certifications) if (!first.has(c.name)) first.set(c.name, c.expiresOn === undefined ? NO_END : epochDay(c.expiresOn));
    const dated = [...first].filter(([, day]) => day !== NO_END);
    this.flag('expiring', slot, dated.length > 0);
    if (dated.length) this.expiry.set(slot, new Map(dated));
    else this.expiry.delete(slot);
    const loc = p.location;
    this.lat[slot] = loc ? loc.lat : Number.NaN;
    this.lng[slot] = loc ? loc.lng : Number.NaN;
    const [x, y, z] = loc ? unit(loc.lat, loc.lng) : [0, 0, 0];
    this.ux[slot] = x;
    this.uy[slot] = y;
    this.uz[slot] = z;
    this.maxTravel[slot] = p.maxTravelKm;
    // The chord is never longer than the arc: past this chord, the haversine distance is past the limit too.
    const far = (p.maxTravelKm * (1 + 1e-9) + 1e-9) / EARTH_KM;
    this.farChord2[slot] = far * far;
    this.hMin[slot] = p.hours ? p.hours.min : -1;
    this.hMax[slot] = p.hours ? p.hours.max : -1;
    this.hourCap[slot] = p.hourCap ?? -1;
    this.hourCapUntil[slot] = p.hourCapUntil !== undefined ? epochDay(p.hourCapUntil) : NO_END;
    let adj = 0;
    ADJUSTMENTS.forEach((a, i) => {
      if (p.adjustmentTypes.includes(a)) adj |= 1 << i;
    });
    this.adjustments[slot] = adj;
    this.unemployedDay[slot] = epochDay(p.unemployedSince);
    this.waitingDay[slot] = epochDay(p.waitingSince);
    this.live[slot] = Math.min(255, p.liveSubmissions);
  }

  /** Takes a profile out; its slot is reused by the next one added. */
  remove(id: string): boolean {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return false;
    const p = this.profiles[slot]!;
    for (const f of FLAGS) this.flag(f, slot, false);
    for (const [bits, terms] of this.termsOf(p)) for (const term of terms) bits.clear(term, slot);
    this.expiry.delete(slot);
    this.profiles[slot] = undefined;
    this.slotOf.delete(id);
    this.free.push(slot);
    return true;
  }

  /** @internal Column access for the ranking loop. */
  get cols() {
    return {
      words: Math.ceil(this.used / WORD),
      flags: this.flags,
      terms: this.terms,
      sub: this.sub,
      k1: this.k1,
      k2: this.k2,
      lat: this.lat,
      lng: this.lng,
      ux: this.ux,
      uy: this.uy,
      uz: this.uz,
      maxTravel: this.maxTravel,
      farChord2: this.farChord2,
      hMin: this.hMin,
      hMax: this.hMax,
      hourCap: this.hourCap,
      hourCapUntil: this.hourCapUntil,
      adjustments: this.adjustments,
      unemployedDay: this.unemployedDay,
      waitingDay: this.waitingDay,
      live: this.live,
      expiry: this.expiry,
      slotOf: this.slotOf,
      profiles: this.profiles,
    };
  }
}

const RAD = Math.PI / 180;
function unit(lat: number, lng: number): [number, number, number] {
  const c = Math.cos(lat * RAD);
  return [c * Math.cos(lng * RAD), c * Math.sin(lng * RAD), Math.sin(lat * RAD)];
}

/** A segment, and the sub-cells of it a catchment reads (a 1,024-bit set); all of it when absent. */
export interface PoolPart {
  segment: PoolSegment;
  subs?: Uint32Array;
}

/** What is ranked: one segment whole, or parts of several. */
export type PoolSelection = PoolSegment | readonly PoolPart[];

/** A profile the selection's segments hold, by id (whether or not its sub-cell is selected). */
export function profileIn(pool: PoolSelection, id: string): MatchProfile | undefined {
  if (pool instanceof PoolSegment) return pool.get(id);
  for (const part of pool) {
    const p = part.segment.get(id);
    if (p) return p;
  }
  return undefined;
}

/** Lays profiles out for ranking: one segment, all of it selected. */
export function buildPool(profiles: readonly MatchProfile[]): PoolSegment {
  return new PoolSegment(profiles);
}

/** The 1,024-bit set of sub-cells `from`–`to` (inclusive), added to `into`. */
export function subcellSet(from: number, to: number, into: Uint32Array = new Uint32Array(WORD)): Uint32Array {
  for (let s = from; s <= to; s++) into[s >>> 5]! |= 1 << (s & 31);
  return into;
}

export interface Ranked {
  profile: MatchProfile;
  scoreTenths: number;
  guaranteedInterview: boolean;
  longTermUnemployed: boolean;
  distanceKm?: number;
  /** Order keys of the id (tie-breaks). */
  k1: number;
  k2: number;
}

export interface RankResult {
  candidates: Ranked[];
  nearlyReady: Ranked[];
  /** Job-ready, passing everything but one thing: a must-have skill, or a few hours over what permitted work allows. */
  couldQualify: Ranked[];
  excluded: Partial<Record<ExclusionReason, number>>;
  eligible: number;
  eligibleLongTermUnemployed: number;
  /** Profiles the selection held, whatever became of them. */
  considered: number;
}

/** Better first: higher score, then lower id (by its integer keys; the string only when they tie). */
function better(a: Ranked, b: Ranked): boolean {
  if (a.scoreTenths !== b.scoreTenths) return a.scoreTenths > b.scoreTenths;
  if (a.k1 !== b.k1) return a.k1 < b.k1;
  if (a.k2 !== b.k2) return a.k2 < b.k2;
  return a.profile.id < b.profile.id;
}

/** A bounded heap keeping the k best; the root is the worst kept. */
class TopK {
  private heap: Ranked[] = [];
  constructor(private readonly k: number) {}
  /** The score a newcomer must reach to be considered (ties are settled by id in `offer`). */
  get threshold(): number {
    return this.heap.length < this.k ? -Infinity : this.heap[0]!.scoreTenths;
  }
  offer(r: Ranked) {
    const h = this.heap;
    if (this.k <= 0) return;
    if (h.length < this.k) {
      h.push(r);
      let i = h.length - 1;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!better(h[parent]!, h[i]!)) break;
        [h[parent], h[i]] = [h[i]!, h[parent]!];
        i = parent;
      }
    } else if (better(r, h[0]!)) {
      h[0] = r;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1,
          rr = l + 1;
        let worst = i;
        if (l < h.length && better(h[worst]!, h[l]!)) worst = l;
        if (rr < h.length && better(h[worst]!, h[rr]!)) worst = rr;
        if (worst === i) break;
        [h[worst], h[i]] = [h[i]!, h[worst]!];
        i = worst;
      }
    }
  }
  sorted(): Ranked[] {
    return [...this.heap].sort((a, b) => (better(a, b) ? -1 : 1));
  }
}

// Exclusion reasons as integers, in the order they are checked.
const R = Object.fromEntries(EXCLUSION_REASONS.map((r, i) => [r, i])) as Record<ExclusionReason, number>;
const X_CONSENT = R['no-matching-consent'],
  X_ACTIVE = R['not-active'],
  X_RED = R['not-job-ready'],
  X_SUBMITTED = R['already-submitted'],
  X_RTW = R['no-right-to-work'],
  X_DRIVING = R['no-driving-licence'],
  X_CERT = R['missing-certification'],
  X_SKILLS = R['missing-essential-skills'],
  X_HOURS = R.hours,
  X_SHIFTS = R.shifts,
  X_DEMANDS = R['work-demands'],
  X_FAR = R['too-far'],
  X_CONDITIONS = R['employer-conditions'];

/** What a vacancy asks, worked out once per ranking: the integer factor tables and the terms it names. */
function prepare(v: MatchVacancy, ctx: MatchContext) {
  const distinct = (xs: readonly string[]) => [...new Set(xs)];
  const ess = distinct(v.essentialSkills);
  const table = (n: number, f: (i: number) => number) => Int32Array.from({ length: n }, (_, i) => f(i));
  const adjustments = ADJUSTMENTS.length + 1;
  const vShiftsAny = v.shifts.length > 0 && !v.shifts.includes(FLEXIBLE);
  return {
    today: epochDay(ctx.today),
    validOn: epochDay(v.validOn),
    ess,
    essList: v.essentialSkills,
    desList: v.desirableSkills,
    certs: distinct(v.essentialCertifications),
    titleWords: v.titleWords,
    vShiftsAny,
    earnH: earningsHours(v.hourlyPence),
    seesSpent: CHECK_SEES_SPENT[v.backgroundCheck],
    offered: ADJUSTMENTS.reduce((m, a, i) => (v.adjustmentsOffered.includes(a) ? m | (1 << i) : m), 0),
    located: v.location !== undefined,
    vLat: v.location?.lat ?? 0,
    vLng: v.location?.lng ?? 0,
    vUnit: v.location ? unit(v.location.lat, v.location.lng) : ([0, 0, 0] as const),
    // Points in tenths, from the very functions the reference uses.
    essPts: table(v.essentialSkills.length + 1, (hit) =>
      tenths(WEIGHTS.essentialSkills, fractions.coverage(hit, v.essentialSkills.length)),
    ),
    desPts: table(v.desirableSkills.length + 1, (hit) =>
      tenths(WEIGHTS.desirableSkills, fractions.coverage(hit, v.desirableSkills.length)),
    ),
    // Indexed by occupation (4) | sector (2) | stated (1).
    prefPts: table(8, (i) => tenths(WEIGHTS.preference, fractions.preference((i & 4) !== 0, (i & 2) !== 0, (i & 1) !== 0))),
    // Indexed by role (2) | sector (1).
    histPts: table(4, (i) => tenths(WEIGHTS.workHistory, fractions.workHistory((i & 2) !== 0, (i & 1) !== 0))),
    // Indexed by needed × (ADJUSTMENTS + 1) + met.
    adjPts: table(adjustments * adjustments, (i) =>
      tenths(WEIGHTS.adjustments, fractions.coverage(i % adjustments, Math.floor(i / adjustments))),
    ),
    adjustments,
    waitPts: table(MATCHING.waitingFullDays + 1, (d) => tenths(WEIGHTS.waitingTime, fractions.waiting(d))),
    petPts: tenths(WEIGHTS.petCompletion, 1),
    ltuPts: tenths(WEIGHTS.longTermUnemployed, 1),
    unknownDistancePts: tenths(WEIGHTS.distance, fractions.distance(undefined, 0)),
  };
}

/**
 * Ranks the selection for one vacancy: guaranteed-interview PET completers are always listed first,
 * then the best others up to `k`; amber candidates who pass every other constraint come back apart,
 * and so do those one thing short.
 */
export function rankCandidates(pool: PoolSelection, v: MatchVacancy, ctx: MatchContext, k: number): RankResult {
  const parts: readonly PoolPart[] = pool instanceof PoolSegment ? [{ segment: pool }] : pool;
  const q = prepare(v, ctx);
  const counts = new Int32Array(EXCLUSION_REASONS.length);
  const top = new TopK(k);
  const nearTop = new TopK(k);
  const shortTop = new TopK(k);
  const guaranteed: Ranked[] = [];
  const km = new Float64Array(WORD);
  const tally = { eligible: 0, ltu: 0, considered: 0 };
  for (const part of parts) rankPart(part, v, ctx, q, counts, km, tally, top, nearTop, shortTop, guaranteed);
  const excluded: Partial<Record<ExclusionReason, number>> = {};
  EXCLUSION_REASONS.forEach((reason, j) => {
    if (counts[j]) excluded[reason] = counts[j];
  });
  guaranteed.sort((a, b) => (better(a, b) ? -1 : 1));
  const rest = top.sorted().slice(0, Math.max(0, k - guaranteed.length));
  return {
    candidates: [...guaranteed, ...rest],
    nearlyReady: nearTop.sorted(),
    couldQualify: shortTop.sorted(),
    excluded,
    eligible: tally.eligible,
    eligibleLongTermUnemployed: tally.ltu,
    considered: tally.considered,
  };
}

/** The ids of a set that a segment holds, as bits by word. */
function bitsOf(ids: Iterable<string>, slotOf: ReadonlyMap<string, number>): Map<number, number> {
  const out = new Map<number, number>();
  for (const id of ids) {
    const s = slotOf.get(id);
    if (s !== undefined) out.set(s >>> 5, (out.get(s >>> 5) ?? 0) | (1 << (s & 31)));
  }
  return out;
}

function rankPart(
  part: PoolPart,
  v: MatchVacancy,
  ctx: MatchContext,
  q: ReturnType<typeof prepare>,
  counts: Int32Array,
  km: Float64Array,
  tally: { eligible: number; ltu: number; considered: number },
  top: TopK,
  nearTop: TopK,
  shortTop: TopK,
  guaranteed: Ranked[],
) {
  const c = part.segment.cols;
  const F = c.flags;
  const T = c.terms;
  const subs = part.subs;
  const submitted = ctx.alreadySubmitted.size ? bitsOf(ctx.alreadySubmitted, c.slotOf) : undefined;
  const petAny = ctx.petCompleters.size ? bitsOf(ctx.petCompleters.keys(), c.slotOf) : undefined;
  const petGuaranteed = ctx.petCompleters.size
    ? bitsOf(
        [...ctx.petCompleters].filter(([, x]) => x.guaranteedInterview).map(([id]) => id),
        c.slotOf,
      )
    : undefined;
  // The vacancy's terms in this segment's bitsets; a term nobody here holds has none.
  const ess = q.ess.map((s) => T.skills.get(s));
  const essKnown = ess.filter((b): b is Uint32Array => b !== undefined);
  const essUnknown = ess.length - essKnown.length;
  const essList = q.essList.map((s) => T.skills.get(s));
  const desList = q.desList.map((s) => T.skills.get(s));
  const certs = q.certs.map((s) => T.certs.get(s));
  const certImpossible = certs.some((b) => b === undefined);
  const occ = q.titleWords.map((w) => T.occWords.get(w)).filter((b): b is Uint32Array => b !== undefined);
  const role = q.titleWords.map((w) => T.roleWords.get(w)).filter((b): b is Uint32Array => b !== undefined);
  const shiftFit = v.shifts.map((s) => T.shifts.get(s)).filter((b): b is Uint32Array => b !== undefined);
  const demands = v.workDemands.map((d) => T.limits.get(d)).filter((b): b is Uint32Array => b !== undefined);
  const open = v.employerConditions.openToConvictions;
  const refusedUnspent = v.employerConditions.refusedOffences.map((o) => T.unspent.get(o)).filter((b): b is Uint32Array => !!b);
  const refusedSpent = q.seesSpent
    ? v.employerConditions.refusedOffences.map((o) => T.spent.get(o)).filter((b): b is Uint32Array => !!b)
    : [];
  const sector = T.sectors.get(v.sector);
  const histSector = T.histSectors.get(v.sector);
  const [vx, vy, vz] = q.vUnit;
  const hMinV = v.hours.min,
    hMaxV = v.hours.max;

  for (let w = 0; w < c.words; w++) {
    let sel = F.live[w]!;
    if (sel === 0) continue;
    if (subs) {
      let s = 0;
      for (let b = sel; b !== 0; b &= b - 1) {
        const j = 31 - Math.clz32(b & -b);
        const sc = c.sub[w * WORD + j]!;
        if (subs[sc >>> 5]! & (1 << (sc & 31))) s |= 1 << j;
      }
      sel = s;
      if (sel === 0) continue;
    }
    tally.considered += popcount(sel);
    let m = sel;
    let f: number;
    // The ordered hard constraints, 32 profiles at a time: each counts those it is the first to rule out.
    f = m & ~F.consent[w]!;
    counts[X_CONSENT]! += popcount(f);
    m &= ~f;
    f = m & ~F.active[w]!;
    counts[X_ACTIVE]! += popcount(f);
    m &= ~f;
    f = m & F.red[w]!;
    counts[X_RED]! += popcount(f);
    m &= ~f;
    if (submitted) {
      f = m & (submitted.get(w) ?? 0);
      counts[X_SUBMITTED]! += popcount(f);
      m &= ~f;
    }
    f = m & ~F.rtw[w]!;
    counts[X_RTW]! += popcount(f);
    m &= ~f;
    if (v.drivingLicenceRequired) {
      f = m & ~F.driving[w]!;
      counts[X_DRIVING]! += popcount(f);
      m &= ~f;
    }
    if (certs.length) {
      let held = certImpossible ? 0 : -1;
      if (!certImpossible) for (const b of certs) held &= b![w]!;
      f = m & ~held;
      // Held, but expiring before the day it is needed: one by one, for the few with dated certificates.
      for (let b = m & held & F.expiring[w]!; b !== 0; b &= b - 1) {
        const j = 31 - Math.clz32(b & -b);
        const exp = c.expiry.get(w * WORD + j);
        if (exp && q.certs.some((name) => (exp.get(name) ?? NO_END) < q.validOn)) f |= 1 << j;
      }
      counts[X_CERT]! += popcount(f);
      m &= ~f;
    }
    if (m === 0) continue;
    // Must-haves, counted bit-sliced: ge1 = at least one missing, ge2 = two or more.
    let ge1 = essUnknown >= 1 ? -1 : 0;
    let ge2 = essUnknown >= 2 ? -1 : 0;
    for (const b of essKnown) {
      const miss = ~b[w]!;
      ge2 |= ge1 & miss;
      ge1 |= miss;
    }
    const amber = F.amber[w]!;
    f = m & (ge2 | (ge1 & amber));
    counts[X_SKILLS]! += popcount(f);
    m &= ~f;
    // Hours, one by one for those with a cap or stated hours: permitted work (while it lasts), then the range wanted.
    let ask = 0;
    f = 0;
    for (let b = m & (F.capped[w]! | F.hours[w]!); b !== 0; b &= b - 1) {
      const j = 31 - Math.clz32(b & -b);
      const i = w * WORD + j;
      const bit = 1 << j;
      const cap = c.hourCap[i]!;
      if (cap >= 0 && q.today <= c.hourCapUntil[i]!) {
        const allowed = Math.min(cap, q.earnH);
        if (hMinV > allowed) {
          if (!(ge1 & bit) && !(amber & bit) && hoursAsk(allowed, hMinV)) ask |= bit;
          else {
            f |= bit;
            continue;
          }
        }
      }
      const pMin = c.hMin[i]!;
      if (pMin >= 0 && (hMinV > c.hMax[i]! || hMaxV < pMin)) f |= bit;
    }
    counts[X_HOURS]! += popcount(f);
    m &= ~f;
    ask &= m;
    if (q.vShiftsAny) {
      let fits = ~F.shifts[w]! | F.flexible[w]!;
      for (const b of shiftFit) fits |= b[w]!;
      f = m & ~fits;
      counts[X_SHIFTS]! += popcount(f);
      m &= ~f;
    }
    if (demands.length) {
      f = 0;
      for (const b of demands) f |= b[w]!;
      f &= m;
      counts[X_DEMANDS]! += popcount(f);
      m &= ~f;
    }
    // Distance: a chord test rules out the clearly too far; the exact haversine only for the rest.
    let located = 0;
    if (q.located) {
      f = 0;
      for (let b = m & F.located[w]!; b !== 0; b &= b - 1) {
        const j = 31 - Math.clz32(b & -b);
        const i = w * WORD + j;
        const dx = c.ux[i]! - vx,
          dy = c.uy[i]! - vy,
          dz = c.uz[i]! - vz;
        if (dx * dx + dy * dy + dz * dz > c.farChord2[i]!) {
          f |= 1 << j;
          continue;
        }
        const d = haversineKm(q.vLat, q.vLng, c.lat[i]!, c.lng[i]!);
        if (d > c.maxTravel[i]!) f |= 1 << j;
        else {
          km[j] = d;
          located |= 1 << j;
        }
      }
      counts[X_FAR]! += popcount(f);
      m &= ~f;
    }
    f = 0;
    if (!open) f = F.unspent[w]! | (q.seesSpent ? F.spent[w]! : 0);
    else {
      for (const b of refusedUnspent) f |= b[w]!;
      for (const b of refusedSpent) f |= b[w]!;
    }
    f &= m;
    counts[X_CONDITIONS]! += popcount(f);
    m &= ~f;

    // Eligible: score each, in exactly the reference's arithmetic (integer tables made from it).
    let occW = 0,
      roleW = 0;
    for (const b of occ) occW |= b[w]!;
    for (const b of role) roleW |= b[w]!;
    const stated = F.stated[w]!;
    const sectorW = sector ? sector[w]! : 0;
    const histW = histSector ? histSector[w]! : 0;
    const pet1 = petAny?.get(w) ?? 0;
    const pet2 = petGuaranteed?.get(w) ?? 0;
    for (let b = m; b !== 0; b &= b - 1) {
      const j = 31 - Math.clz32(b & -b);
      const bit = 1 << j;
      const i = w * WORD + j;
      let essHit = 0;
      for (const s of essList) if (s && s[w]! & bit) essHit++;
      let desHit = 0;
      for (const s of desList) if (s && s[w]! & bit) desHit++;
      const distanceKm = located & bit ? km[j] : undefined;
      const pMin = c.hMin[i]!;
      const needs = c.adjustments[i]!;
      const unemployedDays = q.today - c.unemployedDay[i]!;
      const ltu = unemployedDays >= MATCHING.longTermUnemployedDays;
      const waited = q.today - c.waitingDay[i]!;
      const subtotal =
        q.essPts[essHit]! +
        q.desPts[desHit]! +
        q.prefPts[(occW & bit ? 4 : 0) | (sectorW & bit ? 2 : 0) | (stated & bit ? 1 : 0)]! +
        q.histPts[(roleW & bit ? 2 : 0) | (histW & bit ? 1 : 0)]! +
        (distanceKm === undefined ? q.unknownDistancePts : tenths(WEIGHTS.distance, fractions.distance(distanceKm, c.maxTravel[i]!))) +
        tenths(WEIGHTS.hoursFit, fractions.hours(hMinV, hMaxV, pMin >= 0 ? pMin : undefined, pMin >= 0 ? c.hMax[i]! : undefined)) +
        q.adjPts[popcount(needs) * q.adjustments + popcount(needs & q.offered)]! +
        (pet1 & bit ? q.petPts : 0) +
        q.waitPts[waited <= 0 ? 0 : Math.min(waited, MATCHING.waitingFullDays)]! +
        (ltu ? q.ltuPts : 0);
      const scoreTenths = subtotal + dampTenths(subtotal, c.live[i]!);
      const isAmber = (amber & bit) !== 0;
      const oneShort = ((ge1 | ask) & bit) !== 0;
      if (!isAmber && !oneShort) {
        tally.eligible++;
        if (ltu) tally.ltu++;
      }
      const list = isAmber ? nearTop : oneShort ? shortTop : top;
      const guaranteedInterview = (pet2 & bit) !== 0;
      // Most candidates cannot make the list: skip building them.
      if (!(guaranteedInterview && list === top) && scoreTenths < list.threshold) continue;
      const r: Ranked = {
        profile: c.profiles[i]!,
        scoreTenths,
        guaranteedInterview,
        longTermUnemployed: ltu,
        ...(distanceKm !== undefined ? { distanceKm } : {}),
        k1: c.k1[i]!,
        k2: c.k2[i]!,
      };
      if (list === top && guaranteedInterview) guaranteed.push(r);
      else list.offer(r);
    }
  }
}

export interface ExplainedCandidate {
  participantId: string;
  rank: number;
  score: number;
  guaranteedInterview: boolean;
  longTermUnemployed: boolean;
  distanceKm: number | null;
  factors: FactorResult[];
  gaps: string[];
}

/** Ranks and explains: the shape the API returns (before any per-role summary is added). */
export function matchVacancy(pool: PoolSelection, v: MatchVacancy, ctx: MatchContext, k: number) {
  const r = rankCandidates(pool, v, ctx, k);
  const explainOne = (x: Ranked, rank: number): ExplainedCandidate => ({
    participantId: x.profile.id,
    rank,
    score: x.scoreTenths / 10,
    guaranteedInterview: x.guaranteedInterview,
    longTermUnemployed: x.longTermUnemployed,
    distanceKm: x.distanceKm === undefined ? null : Math.round(x.distanceKm * 10) / 10,
    ...explain(x.profile, v, ctx, 'liaison', x.distanceKm),
  });
  const candidates = r.candidates.map((x, i) => explainOne(x, i + 1));
  const topLtu = candidates.filter((c) => c.longTermUnemployed).length;
  return {
    candidates,
    nearlyReady: r.nearlyReady.map((x, i) => explainOne(x, i + 1)),
    couldQualify: r.couldQualify.map((x, i) => explainOne(x, i + 1)),
    excluded: r.excluded,
    fairness: {
      eligible: r.eligible,
      longTermUnemployedShareOfEligible: r.eligible ? Math.round((r.eligibleLongTermUnemployed / r.eligible) * 1000) / 1000 : 0,
      longTermUnemployedShareOfList: candidates.length ? Math.round((topLtu / candidates.length) * 1000) / 1000 : 0,
    },
    /** How many profiles the selection held (not for clients: the use case reports it as the pool read). */
    considered: r.considered,
  };
}
