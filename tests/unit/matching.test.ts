import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { employerConditionReasons, evaluatePair, explain } from '../../shared/matching/evaluate.js';
import { buildPool, matchVacancy, rankCandidates } from '../../shared/matching/engine.js';
import { rankReference } from '../../shared/matching/reference.js';
import {
  cellBounds,
  cellsCovering,
  coverRanges,
  geohash,
  haversineKm,
  POOL_SUBCELL_PRECISION,
  type CellRange,
} from '../../shared/matching/geo.js';
import type { ExclusionReason, MatchProfile, MatchVacancy } from '../../shared/matching/types.js';
import { MATCHING, WEIGHTS } from '../../shared/matching/weights.js';
import { arbPool, arbVacancy, context, profile, syntheticProfiles, syntheticVacancy, vacancy } from '../support/match-profiles.js';

const score = (p: MatchProfile, v = vacancy(), ctx = context()) => evaluatePair(p, v, ctx);

describe('the base pair is eligible', () => {
  it('passes every hard constraint', () => {
    expect(score(profile()).excluded).toBeUndefined();
  });
});

describe('hard constraints: failing only that one excludes, counted under its reason', () => {
  const cases: [string, Partial<MatchProfile>, Parameters<typeof vacancy>[0]?, Parameters<typeof context>[0]?][] = [
    ['no-matching-consent', { consentMatching: false }],
    ['not-active', { status: 'placed' }],
    ['not-job-ready', { readiness: 'red' }],
    ['already-submitted', {}, {}, { alreadySubmitted: new Set(['01J00000000000000000000001']) }],
    ['no-right-to-work', { rightToWork: false }],
    ['no-driving-licence', { drivingLicence: false }, { drivingLicenceRequired: true }],
    ['missing-certification', { certifications: [] }],
    ['missing-certification', { certifications: [{ name: 'fork lift truck', expiresOn: '2026-12-31' }] }],
    ['hours', { hourCap: 16 }],
    ['hours', { hours: { min: 8, max: 16 } }],
    ['shifts', { shifts: ['night'] }],
    ['work-demands', { workLimits: ['heavy-lifting'] }],
    ['too-far', { maxTravelKm: 1 }],
  ];
  for (const [reason, p, v, c] of cases) {
    it(`${reason} (${JSON.stringify(p)})`, () => {
      const pr = profile(p);
      expect(evaluatePair(pr, vacancy(v), context(c)).excluded).toBe(reason);
      const pool = buildPool([pr]);
      expect(rankCandidates(pool, vacancy(v), context(c), 10).excluded).toEqual({ [reason]: 1 });
    });
  }

  it('a certificate valid through the start date passes; no expiry passes', () => {
    expect(score(profile({ certifications: [{ name: 'fork lift truck', expiresOn: '2027-01-04' }] })).excluded).toBeUndefined();
    expect(score(profile({ certifications: [{ name: 'fork lift truck' }] })).excluded).toBeUndefined();
  });

  it('flexible shifts fit any pattern; no stated shifts fit any', () => {
    expect(score(profile({ shifts: ['flexible'] }), vacancy({ shifts: ['night'] })).excluded).toBeUndefined();
    expect(score(profile({ shifts: [] }), vacancy({ shifts: ['night'] })).excluded).toBeUndefined();
  });

  it('unknown distance is not an exclusion but a gap', () => {
    const p = profile({ location: undefined, maxTravelKm: 1 });
    expect(score(p).excluded).toBeUndefined();
    expect(explain(p, vacancy(), context()).gaps).toContain('Distance unknown: check travel with the participant');
  });

  it('amber candidates who pass everything come back apart as nearly ready', () => {
    const pool = buildPool([profile({ readiness: 'amber' })]);
    const r = rankCandidates(pool, vacancy(), context(), 10);
    expect(r.candidates).toEqual([]);
    expect(r.nearlyReady.map((x) => x.profile.id)).toEqual([profile().id]);
    expect(r.excluded).toEqual({});
  });
});

describe('must-haves rule out', () => {
  const v = vacancy({ essentialSkills: ['picking', 'stock control', 'packing'] });
  it('two or more missing must-have skills exclude, counted as such, in both engines', () => {
    const p = profile({ skills: ['picking'] });
    expect(evaluatePair(p, v, context()).excluded).toBe('missing-essential-skills');
    expect(rankCandidates(buildPool([p]), v, context(), 5).excluded).toEqual({ 'missing-essential-skills': 1 });
  });

  it('one missing: a job-ready candidate could qualify, apart from the candidates, with the skill named', () => {
    const p = profile({ skills: ['picking', 'stock control'] });
    const e = evaluatePair(p, v, context());
    expect(e).toMatchObject({ couldQualify: true, missingEssentialSkill: 'packing' });
    const r = matchVacancy(buildPool([p]), v, context(), 5);
    expect(r.candidates).toEqual([]);
    expect(r.couldQualify.map((c) => c.participantId)).toEqual([p.id]);
    expect(r.couldQualify[0]!.gaps[0]).toMatch(/^Missing one must-have skill: packing/);
    expect(r.fairness.eligible).toBe(0);
  });

  it('one missing for someone nearly ready (amber) excludes: not two steps from the job', () => {
    expect(evaluatePair(profile({ readiness: 'amber', skills: ['picking', 'stock control'] }), v, context()).excluded).toBe(
      'missing-essential-skills',
    );
  });

  it('all present: a candidate', () => {
    const r = matchVacancy(buildPool([profile({ skills: ['picking', 'stock control', 'packing'] })]), v, context(), 5);
    expect(r.candidates).toHaveLength(1);
    expect(r.couldQualify).toEqual([]);
  });

  it('a must-have nobody in the pool holds is missing for everyone', () => {
    const r = rankCandidates(
      buildPool([profile(), profile({ id: '01J00000000000000000000002' })]),
      vacancy({ essentialSkills: ['welding', 'picking'] }),
      context(),
      5,
    );
    expect(r.candidates).toEqual([]);
    expect(r.couldQualify).toHaveLength(2);
  });
});

/** Both engines, one pair: the reference's verdict, and the fast engine's list it lands in. */
function both(p: MatchProfile, v: MatchVacancy, ctx = context()) {
  const e = evaluatePair(p, v, ctx);
  const r = rankCandidates(buildPool([p]), v, ctx, 5);
  const where = r.candidates.length
    ? 'candidate'
    : r.couldQualify.length
      ? 'could-qualify'
      : r.nearlyReady.length
        ? 'nearly-ready'
        : 'excluded';
  return { e, r, where };
}

describe('convictions: the employer conditions apply inside both engines', () => {
  const employer = (openToConvictions: boolean, refusedOffences: MatchVacancy['employerConditions']['refusedOffences'] = []) => ({
    employerConditions: { openToConvictions, refusedOffences },
  });
  const cases: [string, Partial<MatchProfile>, Partial<MatchVacancy>, ExclusionReason | undefined][] = [
    ['no convictions: any employer', {}, employer(false), undefined],
    ['an unspent conviction, an employer not open to convictions', { unspentOffences: ['drugs'] }, employer(false), 'employer-conditions'],
    [
      'an unspent conviction in a refused category',
      { unspentOffences: ['arson'] },
      employer(true, ['arson', 'sexual']),
      'employer-conditions',
    ],
    ['an unspent conviction in another category', { unspentOffences: ['theft'] }, employer(true, ['arson']), undefined],
    [
      'a spent conviction in a refused category, basic check: ignored',
      { spentOffences: ['arson'] },
      { ...employer(true, ['arson']), backgroundCheck: 'basic-dbs' },
      undefined,
    ],
    [
      'the same, BS 7858 screening (built on a basic check): ignored',
      { spentOffences: ['arson'] },
      { ...employer(true, ['arson']), backgroundCheck: 'bs7858' },
      undefined,
    ],
    [
      'the same, standard DBS check: it counts',
      { spentOffences: ['arson'] },
      { ...employer(true, ['arson']), backgroundCheck: 'standard-dbs' },
      'employer-conditions',
    ],
    ['a spent conviction, not open, no check: ignored', { spentOffences: ['theft'] }, employer(false), undefined],
    [
      'a spent conviction, not open, enhanced DBS check: it counts',
      { spentOffences: ['theft'] },
      { ...employer(false), backgroundCheck: 'enhanced-dbs' },
      'employer-conditions',
    ],
  ];
  for (const [name, p, v, reason] of cases) {
    it(`${name} → ${reason ?? 'eligible'}`, () => {
      const { e, r } = both(profile(p), vacancy(v));
      expect(e.excluded).toBe(reason);
      expect(r.excluded).toEqual(reason ? { [reason]: 1 } : {});
    });
  }

  it('is counted only when everything else passes: someone too far is "too far", whatever their record', () => {
    const { e } = both(profile({ unspentOffences: ['drugs'], maxTravelKm: 1 }), vacancy(employer(false)));
    expect(e.excluded).toBe('too-far');
  });

  it("says which condition, for the participant's own adviser", () => {
    expect(employerConditionReasons(profile({ unspentOffences: ['arson', 'theft'] }), vacancy(employer(true, ['arson'])))).toEqual([
      'The employer does not consider arson convictions',
    ]);
    expect(
      employerConditionReasons(
        profile({ spentOffences: ['sexual'] }),
        vacancy({ ...employer(true, ['sexual']), backgroundCheck: 'standard-dbs' }),
      ),
    ).toEqual(['The employer does not consider sexual offence convictions', 'A standard DBS check sees spent convictions']);
    expect(employerConditionReasons(profile({ unspentOffences: ['driving'] }), vacancy(employer(false)))).toEqual([
      'The employer does not consider people with convictions',
    ]);
    expect(employerConditionReasons(profile({ unspentOffences: ['theft'] }), vacancy(employer(true, ['arson'])))).toEqual([]);
  });

  it('never reaches a liaison officer: no explanation or gap mentions convictions or the check', () => {
    const p = profile({ spentOffences: ['arson'] });
    const v = vacancy({ ...employer(true, ['arson']), backgroundCheck: 'basic-dbs' });
    const text = JSON.stringify(explain(p, v, context()));
    expect(text).not.toMatch(/convict|offen|arson|DBS|spent/i);
  });
});

describe('permitted work: cap, end date and earnings limit are rules', () => {
  // The base vacancy asks for 30–37 hours at £12.71; the base participant wants 20–40.
  it('a job a little over the cap could qualify: ask the employer about the cap, in both engines and both directions', () => {
    const p = profile({ hourCap: 16 });
    const v = vacancy({ hours: { min: 16 + MATCHING.askAboutHoursWithin, max: 30 } });
    const { e, where } = both(p, v);
    expect(e).toMatchObject({ couldQualify: true, couldQualifyBecause: 'hours', askAboutHours: 16 });
    expect(where).toBe('could-qualify');
    const m = matchVacancy(buildPool([p]), v, context(), 5);
    expect(m.fairness.eligible).toBe(0);
    expect(m.couldQualify[0]!.gaps).toContain('Could qualify: ask the employer about 16 hours a week (the job asks for at least 20)');
    expect(explain(p, v, context(), 'adviser').gaps.join(' ')).toMatch(/what their permitted work allows/);
    expect(JSON.stringify(explain(p, v, context()))).not.toMatch(/permitted|benefit/i);
  });

  it('more than a little over the cap is ruled out on hours', () => {
    const { e, r } = both(profile({ hourCap: 16 }), vacancy({ hours: { min: 17 + MATCHING.askAboutHoursWithin, max: 30 } }));
    expect(e.excluded).toBe('hours');
    expect(r.excluded).toEqual({ hours: 1 });
  });

  it('asking about hours is one gap: with a missing must-have, or for someone amber, it rules out', () => {
    const v = vacancy({ hours: { min: 18, max: 30 }, essentialSkills: ['picking', 'welding'] });
    expect(both(profile({ hourCap: 16 }), v).e.excluded).toBe('hours');
    expect(both(profile({ hourCap: 16, readiness: 'amber' }), vacancy({ hours: { min: 18, max: 30 } })).e.excluded).toBe('hours');
  });

  it('after the end date the cap no longer applies', () => {
    const v = vacancy();
    expect(both(profile({ hourCap: 16, hourCapUntil: '2026-11-25' }), v).e.excluded).toBe('hours');
    expect(both(profile({ hourCap: 16, hourCapUntil: '2026-11-24' }), v).where).toBe('candidate');
  });

  it('the earnings limit caps the hours at the job pay: £25 an hour allows 8 hours', () => {
    const limitHours = Math.floor(MATCHING.permittedWorkWeeklyEarningsLimitPence / 2500);
    expect(limitHours).toBe(8);
    const ask = both(profile({ hourCap: 16, hours: undefined }), vacancy({ hourlyPence: 2500, hours: { min: 10, max: 16 } }));
    expect(ask.e).toMatchObject({ couldQualifyBecause: 'hours', askAboutHours: 8 });
    expect(both(profile({ hourCap: 16, hours: undefined }), vacancy({ hourlyPence: 2500, hours: { min: 14, max: 16 } })).e.excluded).toBe(
      'hours',
    );
    // At the minimum wage 16 hours stay within the limit.
    expect(both(profile({ hourCap: 16, hours: undefined }), vacancy({ hourlyPence: 1271, hours: { min: 16, max: 16 } })).where).toBe(
      'candidate',
    );
  });
});

describe('adjustments: a factor in the score, a gap for the adviser', () => {
  const needs = profile({ adjustmentTypes: ['step-free-access', 'quiet-space'] });
  it('full marks when none are needed or all are offered; a share otherwise', () => {
    const full = tenthsOf(profile(), vacancy(), 'adjustments');
    expect(full).toBe(WEIGHTS.adjustments);
    expect(tenthsOf(needs, vacancy({ adjustmentsOffered: ['step-free-access', 'quiet-space', 'seating'] }), 'adjustments')).toBe(
      WEIGHTS.adjustments,
    );
    expect(tenthsOf(needs, vacancy({ adjustmentsOffered: ['quiet-space'] }), 'adjustments')).toBe(WEIGHTS.adjustments / 2);
    expect(tenthsOf(needs, vacancy(), 'adjustments')).toBe(0);
    // The same in the fast engine.
    const r = rankCandidates(buildPool([needs]), vacancy({ adjustmentsOffered: ['quiet-space'] }), context(), 5);
    expect(r.candidates[0]!.scoreTenths).toBe(evaluatePair(needs, vacancy({ adjustmentsOffered: ['quiet-space'] }), context()).scoreTenths);
  });

  it('the adviser is told which are missing; the liaison officer only that some are', () => {
    const v = vacancy({ adjustmentsOffered: ['quiet-space'] });
    const forAdviser = explain(needs, v, context(), 'adviser');
    expect(forAdviser.gaps).toContain(
      'Adjustments they need that the employer does not list: step-free access. Ask the employer: it may still make them',
    );
    const forLiaison = explain(needs, v, context());
    expect(forLiaison.gaps).toContain('Some adjustments they need are not among those the employer lists: their adviser knows which');
    expect(JSON.stringify(forLiaison)).not.toMatch(/step-free|quiet/);
  });
});

const tenthsOf = (p: MatchProfile, v: MatchVacancy, factor: string) =>
  explain(p, v, context()).factors.find((f) => f.factor === factor)!.contribution;

describe('each factor moves the score the stated way', () => {
  const base = score(profile()).scoreTenths;
  const moves: [string, Partial<MatchProfile>, 'up' | 'down', Parameters<typeof context>[0]?][] = [
    ['fewer essential skills', { skills: ['stock control'] }, 'down'],
    ['more desirable skills', { skills: ['picking', 'stock control', 'forklift'] }, 'up'],
    ['occupation not preferred and no sector', { occupations: ['chef'], sectors: ['hospitality'] }, 'down'],
    ['related work history', { historyRoleWords: ['warehouse'] }, 'up'],
    ['further away', { location: { lat: 53.85, lng: -1.6 } }, 'down'],
    ['hours partly outside', { hours: { min: 20, max: 32 } }, 'down'],
    [
      'completed a linked cohort',
      {},
      'up',
      { petCompleters: new Map([['01J00000000000000000000001', { guaranteedInterview: false, cohortTitle: 'Warehouse routeway' }]]) },
    ],
    ['waiting longer', { waitingSince: '2026-06-01' }, 'up'],
    ['long-term unemployed', { unemployedSince: '2024-01-01' }, 'up'],
    ['already in three live submissions', { liveSubmissions: 3 }, 'down'],
    ['needs an adjustment the employer does not offer', { adjustmentTypes: ['seating'] }, 'down'],
  ];
  for (const [name, change, dir, c] of moves) {
    it(`${name} → ${dir}`, () => {
      const s = score(profile(change), vacancy(), context(c)).scoreTenths;
      if (dir === 'up') expect(s).toBeGreaterThan(base);
      else expect(s).toBeLessThan(base);
    });
  }

  it('ignores protected characteristics and payment group: they are not inputs at all', () => {
    const p = profile() as MatchProfile & Record<string, unknown>;
    const withExtras = { ...p, dateOfBirth: '1960-01-01', sex: 'F', ethnicity: 'x', disability: true, paymentGroup: 'esa-ex-ib' };
    expect(score(withExtras).scoreTenths).toBe(score(p).scoreTenths);
  });

  it('explains with contributions that sum exactly to the score, and weights that total 100', () => {
    const p = profile({ liveSubmissions: 4, unemployedSince: '2023-01-01' });
    const { factors } = explain(p, vacancy(), context());
    const sum = factors.reduce((s, f) => s + f.contribution * 10, 0);
    expect(Math.round(sum)).toBe(score(p).scoreTenths);
    expect(factors.every((f) => f.detail.length > 0)).toBe(true);
    expect(Object.values(WEIGHTS).reduce((a, b) => a + b, 0)).toBe(100);
  });
});

describe('ordering', () => {
  it('lists a guaranteed-interview PET completer even when others score higher', () => {
    const star = (id: string) =>
      profile({ id, skills: ['picking', 'stock control', 'forklift'], historyRoleWords: ['warehouse'], unemployedSince: '2023-01-01' });
    // Weak on everything that is a weight; the must-have (picking) it has, as a guaranteed candidate must.
    const weak = profile({ id: 'Z-weak', skills: ['picking'], occupations: ['chef'], sectors: [] });
    const pool = buildPool([star('A1'), star('A2'), star('A3'), weak]);
    const ctx = context({ petCompleters: new Map([['Z-weak', { guaranteedInterview: true, cohortTitle: 'Bespoke' }]]) });
    const r = matchVacancy(pool, vacancy(), ctx, 2);
    expect(r.candidates.map((c) => c.participantId)).toEqual(['Z-weak', 'A1']);
    expect(r.candidates[0]!.guaranteedInterview).toBe(true);
  });

  it('ranks a candidate better on every factor above the other', () => {
    const good = profile({
      id: 'B',
      skills: ['picking', 'stock control', 'forklift'],
      historyRoleWords: ['warehouse'],
      waitingSince: '2026-01-01',
    });
    const worse = profile({ id: 'A', skills: ['picking'] });
    const r = rankCandidates(buildPool([worse, good]), vacancy(), context(), 10);
    expect(r.candidates.map((c) => c.profile.id)).toEqual(['B', 'A']);
  });

  it('breaks ties by id, deterministically', () => {
    const r = rankCandidates(buildPool([profile({ id: 'C' }), profile({ id: 'A' }), profile({ id: 'B' })]), vacancy(), context(), 10);
    expect(r.candidates.map((c) => c.profile.id)).toEqual(['A', 'B', 'C']);
  });

  it('reports the long-term unemployed share of the eligible pool and of the list', () => {
    const pool = buildPool([
      profile({ id: 'A', unemployedSince: '2024-01-01' }),
      profile({ id: 'B' }),
      profile({ id: 'C' }),
      profile({ id: 'D' }),
    ]);
    const r = matchVacancy(pool, vacancy(), context(), 2);
    expect(r.fairness.eligible).toBe(4);
    expect(r.fairness.longTermUnemployedShareOfEligible).toBe(0.25);
    expect(r.fairness.longTermUnemployedShareOfList).toBe(0.5);
  });
});

describe('properties over random pools', () => {
  it('the fast engine agrees exactly with the reference ranking', () => {
    // How often the new rules decided something across the runs: the pools must exercise them.
    const seen = { conditions: 0, hoursAsk: 0, hoursOut: 0, capEnded: 0, adjustmentGap: 0 };
    fc.assert(
      fc.property(arbPool, arbVacancy, fc.integer({ min: 1, max: 60 }), ({ profiles }, v, k) => {
        const ctx = context({
          alreadySubmitted: new Set(profiles.slice(0, 3).map((p) => p.id)),
          petCompleters: new Map(profiles.slice(3, 6).map((p, i) => [p.id, { guaranteedInterview: i === 0, cohortTitle: 'c' }])),
        });
        const fast = rankCandidates(buildPool(profiles), v, ctx, k);
        const ref = rankReference(profiles, v, ctx, k);
        expect(fast.candidates.map((c) => [c.profile.id, c.scoreTenths])).toEqual(ref.candidates.map((c) => [c.id, c.scoreTenths]));
        expect(fast.nearlyReady.map((c) => c.profile.id)).toEqual(ref.nearlyReady.map((c) => c.id));
        expect(fast.couldQualify.map((c) => [c.profile.id, c.scoreTenths])).toEqual(ref.couldQualify.map((c) => [c.id, c.scoreTenths]));
        expect(fast.excluded).toEqual(ref.excluded);
        expect(fast.eligible).toBe(ref.eligible);
        seen.conditions += ref.excluded['employer-conditions'] ?? 0;
        seen.hoursOut += ref.excluded.hours ?? 0;
        for (const p of profiles) {
          const e = evaluatePair(p, v, ctx);
          if (e.couldQualifyBecause === 'hours') seen.hoursAsk++;
          if (
            !e.excluded &&
            p.hourCap !== undefined &&
            p.hourCapUntil !== undefined &&
            p.hourCapUntil < ctx.today &&
            v.hours.min > p.hourCap
          )
            seen.capEnded++;
          if (!e.excluded && p.adjustmentTypes.some((a) => !v.adjustmentsOffered.includes(a))) seen.adjustmentGap++;
        }
      }),
      { numRuns: 150 },
    );
    // The rarer hours cases (an ask, a cap that has ended) have their own property below.
    for (const rule of ['conditions', 'hoursOut', 'adjustmentGap'] as const)
      expect(seen[rule], `random pools never exercised ${rule}`).toBeGreaterThan(0);
  });

  it('the engines agree on permitted work near its limits: caps, end dates, pay and hours a little over', () => {
    const arbCapped = fc.record({
      id: fc.integer({ min: 0, max: 9999 }),
      cap: fc.integer({ min: 1, max: 20 }),
      until: fc.option(fc.constantFrom('2026-11-24', '2026-11-25', '2027-03-31'), { nil: undefined }),
      readiness: fc.constantFrom('green', 'green', 'amber'),
      skills: fc.subarray(['picking', 'stock control', 'packing']),
      hours: fc.option(fc.constantFrom({ min: 8, max: 16 }, { min: 10, max: 30 }), { nil: undefined }),
      unspent: fc.subarray(['theft', 'arson', 'drugs'] as const, { maxLength: 1 }),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(arbCapped, { selector: (x) => x.id, maxLength: 40 }),
        fc.integer({ min: 1, max: 24 }),
        fc.integer({ min: 0, max: 12 }),
        fc.constantFrom(0, 1271, 1600, 2500),
        fc.subarray(['picking', 'stock control', 'packing']),
        (people, min, span, pence, ess) => {
          const profiles = people.map((x) =>
            profile({
              id: `P${String(x.id).padStart(5, '0')}`,
              hourCap: x.cap,
              ...(x.until ? { hourCapUntil: x.until } : {}),
              readiness: x.readiness as MatchProfile['readiness'],
              skills: x.skills,
              hours: x.hours,
              unspentOffences: [...x.unspent],
            }),
          );
          const v = vacancy({
            hours: { min, max: min + span },
            hourlyPence: pence,
            essentialSkills: ess,
            employerConditions: { openToConvictions: true, refusedOffences: ['arson'] },
          });
          const ctx = context();
          const fast = rankCandidates(buildPool(profiles), v, ctx, 50);
          const ref = rankReference(profiles, v, ctx, 50);
          expect(fast.candidates.map((c) => [c.profile.id, c.scoreTenths])).toEqual(ref.candidates.map((c) => [c.id, c.scoreTenths]));
          expect(fast.couldQualify.map((c) => [c.profile.id, c.scoreTenths])).toEqual(ref.couldQualify.map((c) => [c.id, c.scoreTenths]));
          expect(fast.nearlyReady.map((c) => c.profile.id)).toEqual(ref.nearlyReady.map((c) => c.id));
          expect(fast.excluded).toEqual(ref.excluded);
          // An ask is never for more hours than the job's minimum, nor for someone with another gap.
          for (const c of ref.couldQualify) {
            const e = evaluatePair(profiles.find((p) => p.id === c.id)!, v, ctx);
            if (e.couldQualifyBecause === 'hours') {
              expect(e.askAboutHours!).toBeLessThan(min);
              expect(min - e.askAboutHours!).toBeLessThanOrEqual(MATCHING.askAboutHoursWithin);
              expect(e.missingEssentialSkill).toBeUndefined();
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('scores stay in 0–100, contributions sum to the score, no excluded candidate appears, top-k is a prefix of top-2k', () => {
    fc.assert(
      fc.property(arbPool, arbVacancy, fc.integer({ min: 1, max: 30 }), ({ profiles }, v, k) => {
        const ctx = context();
        const pool = buildPool(profiles);
        const small = matchVacancy(pool, v, ctx, k);
        const large = matchVacancy(pool, v, ctx, 2 * k);
        for (const c of small.candidates) {
          expect(c.score).toBeGreaterThanOrEqual(0);
          expect(c.score).toBeLessThanOrEqual(100);
          expect(Math.round(c.factors.reduce((s, f) => s + f.contribution * 10, 0))).toBe(Math.round(c.score * 10));
          const p = profiles.find((x) => x.id === c.participantId)!;
          expect(evaluatePair(p, v, ctx).excluded).toBeUndefined();
          expect(p.readiness).toBe('green');
        }
        expect(large.candidates.slice(0, small.candidates.length).map((c) => c.participantId)).toEqual(
          small.candidates.map((c) => c.participantId),
        );
      }),
      { numRuns: 100 },
    );
  });

  it('is deterministic: same input, same output', () => {
    const profiles = syntheticProfiles(2000, 9);
    const v = syntheticVacancy(3);
    expect(matchVacancy(buildPool(profiles), v, context(), 50)).toEqual(matchVacancy(buildPool(profiles), v, context(), 50));
  });
});

describe('geography', () => {
  it('measures great-circle distance', () => {
    // Leeds to Bradford, about 13 km.
    expect(haversineKm(53.7997, -1.5492, 53.795, -1.7594)).toBeCloseTo(13.9, 0);
  });

  it('covers a catchment with the cells around it', () => {
    const cells = cellsCovering(53.8, -1.55, 40);
    expect(cells).toContain(geohash(53.8, -1.55));
    expect(cells).toContain(geohash(53.8 + 0.3, -1.55));
    expect(cells).toContain(geohash(53.8, -1.55 - 0.55));
    expect(cells.length).toBeLessThan(40);
  });

  it('leaves out cells the circle does not reach, and keeps every cell a point in range could be in', () => {
    const [lat, lng] = [53.7965, -1.5478];
    const cells = new Set(cellsCovering(lat, lng, 40));
    // Central Manchester is about 55 km away: its cell is not read for a Leeds vacancy.
    expect(cells.has(geohash(53.4808, -2.2426))).toBe(false);
    // Any point within 40 km falls in a listed cell.
    for (let i = 0; i < 2000; i++) {
      const la = lat + (Math.random() - 0.5) * 0.8;
      const ln = lng + (Math.random() - 0.5) * 1.4;
      if (haversineKm(lat, lng, la, ln) <= 40) expect(cells.has(geohash(la, ln))).toBe(true);
    }
  });

  /** True when a range reads the sub-cell the point is in. */
  const reads = (ranges: CellRange[], la: number, ln: number) => {
    const sub = geohash(la, ln, POOL_SUBCELL_PRECISION);
    return ranges.some((r) => r.cell === sub.slice(0, 4) && (!r.from || (r.from <= sub && sub <= r.to!)));
  };

  it('reads, in sub-cell runs, every place within the radius and only sub-cells the circle reaches', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 50.2, max: 58.5, noNaN: true }),
        fc.double({ min: -5.5, max: 1.7, noNaN: true }),
        fc.integer({ min: 1, max: 40 }),
        fc.array(fc.tuple(fc.double({ min: -1, max: 1, noNaN: true }), fc.double({ min: -1, max: 1, noNaN: true })), {
          minLength: 50,
          maxLength: 50,
        }),
        (lat, lng, radius, offsets) => {
          const ranges = coverRanges(lat, lng, radius);
          // Complete: any point in range is read.
          for (const [dy, dx] of offsets) {
            const la = lat + dy * (radius / 111);
            const ln = lng + dx * (radius / (111 * Math.cos((lat * Math.PI) / 180)));
            if (haversineKm(lat, lng, la, ln) <= radius) expect(reads(ranges, la, ln)).toBe(true);
          }
          // Tight: each run's two ends are sub-cells the circle reaches; runs in one cell do not overlap.
          for (const r of ranges) {
            for (const end of r.from ? [r.from, r.to!] : []) {
              const b = cellBounds(end);
              const near = haversineKm(lat, lng, Math.min(Math.max(lat, b.latLo), b.latHi), Math.min(Math.max(lng, b.lngLo), b.lngHi));
              expect(near).toBeLessThanOrEqual(radius + 1e-9);
            }
          }
          const byCell = new Map<string, CellRange[]>();
          for (const r of ranges) byCell.set(r.cell, [...(byCell.get(r.cell) ?? []), r]);
          for (const runs of byCell.values()) {
            if (runs.length > 1) expect(runs.every((r) => r.from)).toBe(true);
            for (let i = 1; i < runs.length; i++) expect(runs[i]!.from! > runs[i - 1]!.to!).toBe(true);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('reads little more than the circle itself, in a bounded number of queries', () => {
    const [lat, lng] = [53.7965, -1.5478];
    const ranges = coverRanges(lat, lng, 40);
    const km2 = (hash: string) => {
      const b = cellBounds(hash);
      return (b.latHi - b.latLo) * 111.32 * (b.lngHi - b.lngLo) * 111.32 * Math.cos(((b.latLo + b.latHi) / 2) * (Math.PI / 180));
    };
    const B32 = '0123456789bcdefghjkmnpqrstuvwxyz';
    const index = (h: string) => [...h.slice(4)].reduce((v, ch) => v * 32 + B32.indexOf(ch), 0);
    const subcells = ranges.reduce((n, r) => n + (r.from ? index(r.to!) - index(r.from) + 1 : 32 ** (POOL_SUBCELL_PRECISION - 4)), 0);
    const readKm2 = subcells * km2(geohash(lat, lng, POOL_SUBCELL_PRECISION));
    const circleKm2 = Math.PI * 40 ** 2;
    const wholeCellsKm2 = cellsCovering(lat, lng, 40).reduce((a, c) => a + km2(c), 0);
    expect(readKm2).toBeGreaterThanOrEqual(circleKm2 * 0.99);
    expect(readKm2).toBeLessThan(circleKm2 * 1.1);
    expect(wholeCellsKm2).toBeGreaterThan(circleKm2 * 1.5);
    expect(ranges.length).toBeLessThan(80); // one parallel Query each
  });
});
