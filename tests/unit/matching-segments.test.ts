import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildPool, matchVacancy, PoolSegment, rankCandidates, subcellSet, type RankResult } from '../../shared/matching/engine.js';
import { rankReference } from '../../shared/matching/reference.js';
import type { MatchProfile } from '../../shared/matching/types.js';
import { arbVacancy, context, profile, syntheticProfiles, vacancy } from '../support/match-profiles.js';

/**
 * A warm pool's segments are changed in place (profiles added, replaced, taken out, slots reused) and
 * ranked by the sub-cells a catchment reads: the answer must be the one a pool built afresh from
 * exactly those profiles gives, and the reference's.
 */
const shape = (r: RankResult) => ({
  candidates: r.candidates.map((c) => [c.profile.id, c.scoreTenths, c.guaranteedInterview, c.distanceKm]),
  nearlyReady: r.nearlyReady.map((c) => [c.profile.id, c.scoreTenths]),
  couldQualify: r.couldQualify.map((c) => [c.profile.id, c.scoreTenths]),
  excluded: r.excluded,
  eligible: r.eligible,
  ltu: r.eligibleLongTermUnemployed,
  considered: r.considered,
});

/** A step on a segment: put a profile (new, or a changed copy of one held), or take one out. */
const arbSteps = fc.array(
  fc.record({ op: fc.constantFrom('put', 'put', 'put', 'remove'), who: fc.integer({ min: 0, max: 79 }), variant: fc.nat(400) }),
  { maxLength: 160 },
);

describe('pool segments changed in place', () => {
  it('rank exactly as a pool built afresh from what they hold, and as the reference', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), arbSteps, arbVacancy, fc.integer({ min: 1, max: 40 }), (seed, steps, v, k) => {
        // Each person has several versions (the synthetic profile of another seed under their id): a put replaces.
        const versions = (variant: number) => syntheticProfiles(80, seed + variant);
        const seg = new PoolSegment();
        const held = new Map<string, MatchProfile>();
        for (const s of steps) {
          const p = versions(s.variant % 5)[s.who]!;
          const id = `P${String(s.who).padStart(4, '0')}`;
          if (s.op === 'put') {
            const q = { ...p, id };
            seg.upsert(q);
            held.set(id, q);
          } else {
            expect(seg.remove(id)).toBe(held.delete(id));
          }
        }
        expect(seg.size).toBe(held.size);
        const profiles = [...held.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
        const ctx = context({
          alreadySubmitted: new Set(profiles.slice(0, 2).map((p) => p.id)),
          petCompleters: new Map(profiles.slice(2, 5).map((p, i) => [p.id, { guaranteedInterview: i === 0, cohortTitle: 'c' }])),
        });
        const warm = rankCandidates(seg, v, ctx, k);
        expect(shape(warm)).toEqual(shape(rankCandidates(buildPool(profiles), v, ctx, k)));
        const ref = rankReference(profiles, v, ctx, k);
        expect(warm.candidates.map((c) => [c.profile.id, c.scoreTenths])).toEqual(ref.candidates.map((c) => [c.id, c.scoreTenths]));
        expect(warm.excluded).toEqual(ref.excluded);
      }),
      { numRuns: 120 },
    );
  });

  it('rank only the sub-cells selected, across several segments, as if only those profiles were read', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 1023 }), fc.integer({ min: 0, max: 300 })), { minLength: 1, maxLength: 4 }),
        arbVacancy,
        (seed, ranges, v) => {
          const all = syntheticProfiles(240, seed);
          // Two segments (two cells), each profile in a sub-cell of its own cell.
          const subOf = (i: number) => (i * 37 + seed) % 1024;
          const segs = [new PoolSegment(), new PoolSegment()];
          for (const [i, p] of all.entries()) segs[i % 2]!.upsert(p, subOf(i));
          const subs = ranges.map(([from, len]) => subcellSet(from, Math.min(1023, from + len)));
          const parts = [
            { segment: segs[0]!, subs: subs[0]! },
            // The second cell is read whole when there is only one range.
            subs.length > 1 ? { segment: segs[1]!, subs: subs[1]! } : { segment: segs[1]! },
          ];
          const inside = (i: number) => {
            const s = subOf(i);
            const set = i % 2 === 0 ? subs[0]! : subs.length > 1 ? subs[1]! : undefined;
            return !set || (set[s >>> 5]! & (1 << (s & 31))) !== 0;
          };
          const read = all.filter((_, i) => inside(i));
          const ctx = context();
          expect(shape(rankCandidates(parts, v, ctx, 30))).toEqual(shape(rankCandidates(buildPool(read), v, ctx, 30)));
          expect(matchVacancy(parts, v, ctx, 30)).toEqual(matchVacancy(buildPool(read), v, ctx, 30));
        },
      ),
      { numRuns: 80 },
    );
  });

  it('a replaced profile leaves nothing of its old self behind', () => {
    const seg = new PoolSegment([profile({ skills: ['picking', 'stock control'], certifications: [{ name: 'fork lift truck' }] })]);
    const v = vacancy();
    expect(rankCandidates(seg, v, context(), 5).candidates).toHaveLength(1);
    seg.upsert(profile({ skills: [], certifications: [] }));
    expect(rankCandidates(seg, v, context(), 5).excluded).toEqual({ 'missing-certification': 1 });
    seg.remove(profile().id);
    expect(rankCandidates(seg, v, context(), 5)).toMatchObject({ candidates: [], excluded: {}, considered: 0 });
  });

  it('breaks ties by the id string where its integer keys cannot (characters past ASCII, ids past 14 characters)', () => {
    const ids = ['Aé1', 'Aé0', 'A~', 'AAAAAAAAAAAAAAAB', 'AAAAAAAAAAAAAAAA', 'Aê'];
    const profiles = ids.map((id) => profile({ id }));
    const r = rankCandidates(buildPool(profiles), vacancy(), context(), 10);
    expect(r.candidates.map((c) => c.profile.id)).toEqual([...ids].sort());
  });
});
