import { ADJUSTMENTS } from '../domain/adjustments.js';
import { SECTORS, SHIFT_PATTERNS, WORK_DEMANDS } from '../domain/common.js';
import { CHECK_SEES_SPENT, OFFENCE_CATEGORIES } from '../domain/convictions.js';
import { dampTenths, earningsHours, epochDay, explain, fractions, hoursAsk, tenths, words } from './evaluate.js';
import { haversineKm } from './geo.js';
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
 * The fast ranking engine. Profiles are laid out column by column in typed arrays, with skills,
 * certificates and title words interned into bitsets, so ranking a vacancy against a large pool is a
 * tight loop: cheapest hard constraints first, exact integer scores (tenths of a point), and a bounded
 * top-k heap instead of a full sort. It must agree exactly with the reference `evaluatePair`.
 */

const F_CONSENT = 1,
  F_ACTIVE = 2,
  F_RED = 4,
  F_AMBER = 8,
  F_RTW = 16,
  F_DRIVING = 32,
  F_STATED = 64,
  F_EXPIRING = 128;

class Vocabulary {
  readonly index = new Map<string, number>();
  id(term: string): number {
    let i = this.index.get(term);
    if (i === undefined) {
      i = this.index.size;
      this.index.set(term, i);
    }
    return i;
  }
  get words(): number {
    return Math.max(1, Math.ceil(this.index.size / 32));
  }
}

const bitOf = (values: readonly string[], all: readonly string[]) =>
  values.reduce((m, v) => (all.indexOf(v) >= 0 ? m | (1 << all.indexOf(v)) : m), 0);
const FLEX_BIT = 1 << SHIFT_PATTERNS.indexOf('flexible');
/** The day of a cap with no end. */
const NO_END = 0x7fffffff;

export interface CompactPool {
  readonly size: number;
  readonly profiles: readonly MatchProfile[];
  readonly indexOf: ReadonlyMap<string, number>;
  readonly flags: Uint8Array;
  readonly lat: Float64Array;
  readonly lng: Float64Array;
  readonly maxTravel: Float64Array;
  readonly hMin: Int16Array;
  readonly hMax: Int16Array;
  readonly hourCap: Int16Array;
  /** The last day the hour cap applies (epoch day), NO_END when it has no end. */
  readonly hourCapUntil: Int32Array;
  /** Offence categories (bits of OFFENCE_CATEGORIES) of unspent and of spent convictions. */
  readonly unspent: Uint8Array;
  readonly spent: Uint8Array;
  /** Adjustments needed (bits of ADJUSTMENTS). */
  readonly adjustments: Uint32Array;
  readonly shifts: Uint8Array;
  readonly limits: Uint16Array;
  readonly prefSectors: Uint16Array;
  readonly histSectors: Uint16Array;
  readonly unemployedDay: Int32Array;
  readonly waitingDay: Int32Array;
  readonly live: Uint8Array;
  readonly skills: { vocab: Vocabulary; w: number; bits: Uint32Array };
  readonly certs: { vocab: Vocabulary; w: number; bits: Uint32Array; expiry: Map<number, Map<number, number>> };
  readonly occWords: { vocab: Vocabulary; w: number; bits: Uint32Array };
  readonly roleWords: { w: number; bits: Uint32Array };
}

/** Lays profiles out for ranking. Build once per pool read; rank many times. */
export function buildPool(profiles: readonly MatchProfile[]): CompactPool {
  const n = profiles.length;
  const skillVocab = new Vocabulary();
  const certVocab = new Vocabulary();
  const wordVocab = new Vocabulary();
  const occWordsOf: number[][] = [];
  for (const p of profiles) {
    for (const s of p.skills) skillVocab.id(s);
    for (const c of p.certifications) certVocab.id(c.name);
    const occ = [...new Set(p.occupations.flatMap(words))].map((w) => wordVocab.id(w));
    occWordsOf.push(occ);
    for (const w of p.historyRoleWords) wordVocab.id(w);
  }
  const sw = skillVocab.words,
    cw = certVocab.words,
    ww = wordVocab.words;
  const pool = {
    size: n,
    profiles,
    indexOf: new Map(profiles.map((p, i) => [p.id, i])),
    flags: new Uint8Array(n),
    lat: new Float64Array(n),
    lng: new Float64Array(n),
    maxTravel: new Float64Array(n),
    hMin: new Int16Array(n),
    hMax: new Int16Array(n),
    hourCap: new Int16Array(n),
    hourCapUntil: new Int32Array(n),
    unspent: new Uint8Array(n),
    spent: new Uint8Array(n),
    adjustments: new Uint32Array(n),
    shifts: new Uint8Array(n),
    limits: new Uint16Array(n),
    prefSectors: new Uint16Array(n),
    histSectors: new Uint16Array(n),
    unemployedDay: new Int32Array(n),
    waitingDay: new Int32Array(n),
    live: new Uint8Array(n),
    skills: { vocab: skillVocab, w: sw, bits: new Uint32Array(n * sw) },
    certs: { vocab: certVocab, w: cw, bits: new Uint32Array(n * cw), expiry: new Map<number, Map<number, number>>() },
    occWords: { vocab: wordVocab, w: ww, bits: new Uint32Array(n * ww) },
    roleWords: { w: ww, bits: new Uint32Array(n * ww) },
  };
  const set = (arr: Uint32Array, w: number, i: number, bit: number) => {
    arr[i * w + (bit >>> 5)]! |= 1 << (bit & 31);
  };
  profiles.forEach((p, i) => {
    let f = 0;
    if (p.consentMatching) f |= F_CONSENT;
    if (p.status === 'active') f |= F_ACTIVE;
    if (p.readiness === 'red') f |= F_RED;
    if (p.readiness === 'amber') f |= F_AMBER;
    if (p.rightToWork) f |= F_RTW;
    if (p.drivingLicence) f |= F_DRIVING;
    if (p.occupations.length > 0 || p.sectors.length > 0) f |= F_STATED;
    pool.lat[i] = p.location ? p.location.lat : NaN;
    pool.lng[i] = p.location ? p.location.lng : NaN;
    pool.maxTravel[i] = p.maxTravelKm;
    pool.hMin[i] = p.hours ? p.hours.min : -1;
    pool.hMax[i] = p.hours ? p.hours.max : -1;
    pool.hourCap[i] = p.hourCap ?? -1;
    pool.hourCapUntil[i] = p.hourCapUntil !== undefined ? epochDay(p.hourCapUntil) : NO_END;
    pool.unspent[i] = bitOf(p.unspentOffences, OFFENCE_CATEGORIES);
    pool.spent[i] = bitOf(p.spentOffences, OFFENCE_CATEGORIES);
    pool.adjustments[i] = bitOf(p.adjustmentTypes, ADJUSTMENTS);
    pool.shifts[i] = bitOf(p.shifts, SHIFT_PATTERNS);
    pool.limits[i] = bitOf(p.workLimits, WORK_DEMANDS);
    pool.prefSectors[i] = bitOf(p.sectors, SECTORS);
    pool.histSectors[i] = bitOf(p.historySectors, SECTORS);
    pool.unemployedDay[i] = epochDay(p.unemployedSince);
    pool.waitingDay[i] = epochDay(p.waitingSince);
    pool.live[i] = Math.min(255, p.liveSubmissions);
    for (const s of p.skills) set(pool.skills.bits, sw, i, skillVocab.id(s));
    for (const c of p.certifications) {
      const id = certVocab.id(c.name);
      set(pool.certs.bits, cw, i, id);
      if (c.expiresOn !== undefined) {
        f |= F_EXPIRING;
        let m = pool.certs.expiry.get(i);
        if (!m) pool.certs.expiry.set(i, (m = new Map()));
        m.set(id, epochDay(c.expiresOn));
      }
    }
    for (const w of occWordsOf[i]!) set(pool.occWords.bits, ww, i, w);
    for (const w of p.historyRoleWords) set(pool.roleWords.bits, ww, i, wordVocab.id(w));
    pool.flags[i] = f;
  });
  return pool;
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** A vacancy's terms as bit masks over one pool's vocabularies; terms no one holds get no bit. */
function maskFor(vocab: Vocabulary, w: number, terms: readonly string[]): { mask: Uint32Array; known: number } {
  const mask = new Uint32Array(w);
  let known = 0;
  for (const t of new Set(terms)) {
    const id = vocab.index.get(t);
    if (id !== undefined) {
      mask[id >>> 5]! |= 1 << (id & 31);
      known++;
    }
  }
  return { mask, known };
}

export interface Ranked {
  index: number;
  scoreTenths: number;
  guaranteedInterview: boolean;
  longTermUnemployed: boolean;
  distanceKm?: number;
}

export interface RankResult {
  candidates: Ranked[];
  nearlyReady: Ranked[];
  /** Job-ready, passing everything but one thing: a must-have skill, or a few hours over what permitted work allows. */
  couldQualify: Ranked[];
  excluded: Partial<Record<ExclusionReason, number>>;
  eligible: number;
  eligibleLongTermUnemployed: number;
}

/** Better first: higher score, then lower id (stable, deterministic). */
function better(pool: CompactPool, a: Ranked, b: Ranked): boolean {
  if (a.scoreTenths !== b.scoreTenths) return a.scoreTenths > b.scoreTenths;
  return pool.profiles[a.index]!.id < pool.profiles[b.index]!.id;
}

/** A bounded heap keeping the k best; the root is the worst kept. */
class TopK {
  private heap: Ranked[] = [];
  constructor(
    private readonly k: number,
    private readonly pool: CompactPool,
  ) {}
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
        if (!better(this.pool, h[parent]!, h[i]!)) break;
        [h[parent], h[i]] = [h[i]!, h[parent]!];
        i = parent;
      }
    } else if (better(this.pool, r, h[0]!)) {
      h[0] = r;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1,
          rr = l + 1;
        let worst = i;
        if (l < h.length && better(this.pool, h[worst]!, h[l]!)) worst = l;
        if (rr < h.length && better(this.pool, h[worst]!, h[rr]!)) worst = rr;
        if (worst === i) break;
        [h[worst], h[i]] = [h[i]!, h[worst]!];
        i = worst;
      }
    }
  }
  sorted(): Ranked[] {
    return [...this.heap].sort((a, b) => (better(this.pool, a, b) ? -1 : 1));
  }
}

/**
 * Ranks the pool for one vacancy: guaranteed-interview PET completers are always listed first, then
 * the best others up to `k`; amber candidates who pass every other constraint come back apart.
 */
export function rankCandidates(pool: CompactPool, v: MatchVacancy, ctx: MatchContext, k: number): RankResult {
  const today = epochDay(ctx.today);
  const validOn = epochDay(v.validOn);
  const ess = maskFor(pool.skills.vocab, pool.skills.w, v.essentialSkills);
  const des = maskFor(pool.skills.vocab, pool.skills.w, v.desirableSkills);
  const essTotal = new Set(v.essentialSkills).size;
  const desTotal = new Set(v.desirableSkills).size;
  const certNeed = maskFor(pool.certs.vocab, pool.certs.w, v.essentialCertifications);
  const certIds = [...new Set(v.essentialCertifications)].map((c) => pool.certs.vocab.index.get(c));
  const certImpossible = certIds.some((id) => id === undefined);
  const title = maskFor(pool.occWords.vocab, pool.occWords.w, v.titleWords);
  const sectorBit = 1 << SECTORS.indexOf(v.sector as (typeof SECTORS)[number]);
  const vShifts = bitOf(v.shifts, SHIFT_PATTERNS);
  const vDemands = bitOf(v.workDemands, WORK_DEMANDS);
  const earnH = earningsHours(v.hourlyPence);
  const seesSpent = CHECK_SEES_SPENT[v.backgroundCheck];
  const openToConvictions = v.employerConditions.openToConvictions;
  const refused = bitOf(v.employerConditions.refusedOffences, OFFENCE_CATEGORIES);
  const offered = bitOf(v.adjustmentsOffered, ADJUSTMENTS);
  const vHasLoc = v.location !== undefined;
  const vLat = v.location?.lat ?? 0,
    vLng = v.location?.lng ?? 0;
  const submitted = new Uint8Array(pool.size);
  for (const id of ctx.alreadySubmitted) {
    const i = pool.indexOf.get(id);
    if (i !== undefined) submitted[i] = 1;
  }
  const pet = new Int8Array(pool.size); // 0 none, 1 completer, 2 completer with a guaranteed interview
  for (const [id, info] of ctx.petCompleters) {
    const i = pool.indexOf.get(id);
    if (i !== undefined) pet[i] = info.guaranteedInterview ? 2 : 1;
  }
  const sw = pool.skills.w,
    cw = pool.certs.w,
    ww = pool.occWords.w;
  const counts = new Int32Array(EXCLUSION_REASONS.length);
  const R = Object.fromEntries(EXCLUSION_REASONS.map((r, i) => [r, i])) as Record<ExclusionReason, number>;
  const out = (r: ExclusionReason) => {
    counts[R[r]]!++;
  };
  const top = new TopK(k, pool);
  const nearTop = new TopK(k, pool);
  const shortTop = new TopK(k, pool);
  const guaranteed: Ranked[] = [];
  let eligible = 0,
    eligibleLtu = 0;

  for (let i = 0; i < pool.size; i++) {
    const f = pool.flags[i]!;
    if (!(f & F_CONSENT)) {
      out('no-matching-consent');
      continue;
    }
    if (!(f & F_ACTIVE)) {
      out('not-active');
      continue;
    }
    if (f & F_RED) {
      out('not-job-ready');
      continue;
    }
    if (submitted[i]) {
      out('already-submitted');
      continue;
    }
    if (!(f & F_RTW)) {
      out('no-right-to-work');
      continue;
    }
    if (v.drivingLicenceRequired && !(f & F_DRIVING)) {
      out('no-driving-licence');
      continue;
    }
    if (certIds.length) {
      let ok = !certImpossible;
      for (let w = 0; ok && w < cw; w++) {
        const need = certNeed.mask[w]!;
        if ((pool.certs.bits[i * cw + w]! & need) !== need) ok = false;
      }
      if (ok && f & F_EXPIRING) {
        const exp = pool.certs.expiry.get(i)!;
        for (const id of certIds) {
          const e = exp.get(id!);
          if (e !== undefined && e < validOn) {
            ok = false;
            break;
          }
        }
      }
      if (!ok) {
        out('missing-certification');
        continue;
      }
    }
    // Must-haves: skills no one in the pool holds have no bit, so they count as missing for everyone.
    let essHit = 0;
    for (let w = 0; w < sw; w++) essHit += popcount(pool.skills.bits[i * sw + w]! & ess.mask[w]!);
    const essMissing = essTotal - essHit;
    if (essMissing >= 2 || (essMissing === 1 && f & F_AMBER)) {
      out('missing-essential-skills');
      continue;
    }
    // Permitted work (while it lasts): the cap, and the earnings limit at this job's pay; a little over is worth asking about.
    const cap = pool.hourCap[i]!;
    let ask = false;
    if (cap >= 0 && today <= pool.hourCapUntil[i]!) {
      const allowed = Math.min(cap, earnH);
      if (v.hours.min > allowed) {
        if (essMissing === 0 && !(f & F_AMBER) && hoursAsk(allowed, v.hours.min)) ask = true;
        else {
          out('hours');
          continue;
        }
      }
    }
    const pMin = pool.hMin[i]!,
      pMax = pool.hMax[i]!;
    if (pMin >= 0 && (v.hours.min > pMax || v.hours.max < pMin)) {
      out('hours');
      continue;
    }
    const ps = pool.shifts[i]!;
    if (ps !== 0 && vShifts !== 0 && !(ps & FLEX_BIT) && !(vShifts & FLEX_BIT) && !(ps & vShifts)) {
      out('shifts');
      continue;
    }
    if (pool.limits[i]! & vDemands) {
      out('work-demands');
      continue;
    }
    const lat = pool.lat[i]!;
    const hasLoc = vHasLoc && !Number.isNaN(lat);
    const km = hasLoc ? haversineKm(vLat, vLng, lat, pool.lng[i]!) : undefined;
    if (km !== undefined && km > pool.maxTravel[i]!) {
      out('too-far');
      continue;
    }
    const counted = pool.unspent[i]! | (seesSpent ? pool.spent[i]! : 0);
    if (counted !== 0 && (!openToConvictions || (counted & refused) !== 0)) {
      out('employer-conditions');
      continue;
    }

    // Eligible: score it, in exactly the reference's arithmetic.
    let desHit = 0,
      occ = false,
      role = false;
    for (let w = 0; w < sw; w++) desHit += popcount(pool.skills.bits[i * sw + w]! & des.mask[w]!);
    for (let w = 0; w < ww; w++) {
      const t = title.mask[w]!;
      if (pool.occWords.bits[i * ww + w]! & t) occ = true;
      if (pool.roleWords.bits[i * ww + w]! & t) role = true;
    }
    const prefSector = (pool.prefSectors[i]! & sectorBit) !== 0;
    const histSector = (pool.histSectors[i]! & sectorBit) !== 0;
    const unemployedDays = today - pool.unemployedDay[i]!;
    const ltu = unemployedDays >= MATCHING.longTermUnemployedDays;
    const petKind = pet[i]!;
    const needs = pool.adjustments[i]!;
    const subtotal =
      tenths(WEIGHTS.essentialSkills, fractions.coverage(essHit, essTotal)) +
      tenths(WEIGHTS.desirableSkills, fractions.coverage(desHit, desTotal)) +
      tenths(WEIGHTS.preference, fractions.preference(occ, prefSector, (f & F_STATED) !== 0)) +
      tenths(WEIGHTS.workHistory, fractions.workHistory(role, histSector)) +
      tenths(WEIGHTS.distance, fractions.distance(km, pool.maxTravel[i]!)) +
      tenths(WEIGHTS.hoursFit, fractions.hours(v.hours.min, v.hours.max, pMin >= 0 ? pMin : undefined, pMin >= 0 ? pMax : undefined)) +
      tenths(WEIGHTS.adjustments, fractions.coverage(popcount(needs & offered), popcount(needs))) +
      (petKind ? tenths(WEIGHTS.petCompletion, 1) : 0) +
      tenths(WEIGHTS.waitingTime, fractions.waiting(today - pool.waitingDay[i]!)) +
      (ltu ? tenths(WEIGHTS.longTermUnemployed, 1) : 0);
    const scoreTenths = subtotal + dampTenths(subtotal, pool.live[i]!);
    const amber = (f & F_AMBER) !== 0;
    const oneShort = essMissing === 1 || ask;
    if (!amber && !oneShort) {
      eligible++;
      if (ltu) eligibleLtu++;
    }
    const list = amber ? nearTop : oneShort ? shortTop : top;
    // Most candidates cannot make the list: skip building them.
    if (!(petKind === 2 && list === top) && scoreTenths < list.threshold) continue;
    const r: Ranked = {
      index: i,
      scoreTenths,
      guaranteedInterview: petKind === 2,
      longTermUnemployed: ltu,
      ...(km !== undefined ? { distanceKm: km } : {}),
    };
    if (list === top && r.guaranteedInterview) guaranteed.push(r);
    else list.offer(r);
  }
  const excluded: Partial<Record<ExclusionReason, number>> = {};
  EXCLUSION_REASONS.forEach((reason, j) => {
    if (counts[j]) excluded[reason] = counts[j];
  });
  guaranteed.sort((a, b) => (better(pool, a, b) ? -1 : 1));
  const rest = top.sorted().slice(0, Math.max(0, k - guaranteed.length));
  return {
    candidates: [...guaranteed, ...rest],
    nearlyReady: nearTop.sorted(),
    couldQualify: shortTop.sorted(),
    excluded,
    eligible,
    eligibleLongTermUnemployed: eligibleLtu,
  };
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
export function matchVacancy(pool: CompactPool, v: MatchVacancy, ctx: MatchContext, k: number) {
  const r = rankCandidates(pool, v, ctx, k);
  const explainOne = (x: Ranked, rank: number): ExplainedCandidate => {
    const p = pool.profiles[x.index]!;
    return {
      participantId: p.id,
      rank,
      score: x.scoreTenths / 10,
      guaranteedInterview: x.guaranteedInterview,
      longTermUnemployed: x.longTermUnemployed,
      distanceKm: x.distanceKm === undefined ? null : Math.round(x.distanceKm * 10) / 10,
      ...explain(p, v, ctx),
    };
  };
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
  };
}
