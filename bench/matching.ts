/**
 * Matching engine benchmark: rank a pool of 100,000 synthetic profiles against one vacancy (top 50)
 * with the compact engine and with the straightforward reference (filter/map/sort over plain objects),
 * on the same inputs in the same run, checking the two agree. Also reports the heap the compact pool
 * holds. Run: `npx tsx bench/matching.ts` (part of `npm run bench`).
 */
import { writeFile, mkdir } from 'node:fs/promises';
import { buildPool, matchVacancy, rankCandidates } from '../shared/matching/engine.js';
import { rankReference } from '../shared/matching/reference.js';
import type { MatchContext } from '../shared/matching/types.js';
import { context, syntheticProfiles, syntheticVacancy } from '../tests/support/match-profiles.js';

const N = Number(process.env.BENCH_POOL ?? 100_000);
const K = 50;
const RUNS = Number(process.env.BENCH_RUNS ?? 41);

function stats(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
  return { median: q(0.5), p95: q(0.95), min: s[0]!, max: s.at(-1)! };
}

function heapMb(): number {
  globalThis.gc?.();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

export async function benchMatching() {
  const start = heapMb();
  const profiles = syntheticProfiles(N, 2026);
  // What a warm pool holds besides its columns: the decoded profiles themselves (explanations and summaries read them).
  const profilesHeap = heapMb() - start;
  const vacancies = [1, 2, 3, 4, 5].map((s) => syntheticVacancy(s));
  const ctx: MatchContext = context({
    petCompleters: new Map(profiles.slice(0, 40).map((p, i) => [p.id, { guaranteedInterview: i % 4 === 0, cohortTitle: 'c' }])),
    alreadySubmitted: new Set(profiles.slice(40, 140).map((p) => p.id)),
  });

  const before = heapMb();
  const t0 = performance.now();
  const pool = buildPool(profiles);
  const buildMs = performance.now() - t0;
  const poolHeap = heapMb() - before;

  // Agreement first: identical top 50 on every vacancy.
  for (const v of vacancies) {
    const a = rankCandidates(pool, v, ctx, K).candidates.map((c) => `${c.profile.id}:${c.scoreTenths}`);
    const b = rankReference(profiles, v, ctx, K).candidates.map((c) => `${c.id}:${c.scoreTenths}`);
    if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error(`engine and reference disagree on vacancy ${v.id}`);
  }

  const fast: number[] = [];
  const explained: number[] = [];
  const base: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const v = vacancies[i % vacancies.length]!;
    let t = performance.now();
    rankCandidates(pool, v, ctx, K);
    fast.push(performance.now() - t);
    // All the per-request work a warm pool leaves: rank, then explain the top 50 (factors and gaps).
    t = performance.now();
    matchVacancy(pool, v, ctx, K);
    explained.push(performance.now() - t);
    if (i < Math.min(RUNS, 15)) {
      t = performance.now();
      rankReference(profiles, v, ctx, K);
      base.push(performance.now() - t);
    }
  }
  const f = stats(fast.slice(3));
  const b = stats(base.slice(1));
  const result = {
    pool: N,
    topK: K,
    buildPoolMs: Math.round(buildMs),
    poolHeapMb: Math.round(poolHeap * 10) / 10,
    profilesHeapMb: Math.round(profilesHeap * 10) / 10,
    engine: f,
    engineWithExplanations: stats(explained.slice(3)),
    reference: b,
    speedup: Math.round((b.median / f.median) * 10) / 10,
    agreement: 'identical top 50 on 5 vacancies',
  };
  return result;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await benchMatching();
  const row = (name: string, s: { median: number; p95: number; min: number; max: number }) =>
    `| ${name.padEnd(28)} | ${s.median.toFixed(2).padStart(9)} | ${s.p95.toFixed(2).padStart(9)} | ${s.min.toFixed(2).padStart(8)} | ${s.max.toFixed(2).padStart(8)} |`;
  console.log(`\nMatching: rank ${r.pool.toLocaleString()} profiles against one vacancy, top ${r.topK}`);
  console.log('| engine                       | median ms |    p95 ms |   min ms |   max ms |');
  console.log('| ---------------------------- | --------: | --------: | -------: | -------: |');
  console.log(row('compact engine', r.engine));
  console.log(row('engine + explain top 50', r.engineWithExplanations));
  console.log(row('reference (filter/map/sort)', r.reference));
  console.log(`speed-up (median): ${r.speedup}×  (goal ≥ 5×; engine with explanations goal ≤ 3 ms median)`);
  console.log(
    `pool build: ${r.buildPoolMs} ms; heap held by the compact pool: ${r.poolHeapMb} MB, by the decoded profiles it refers to: ${r.profilesHeapMb} MB (goal ≤ 100 MB together)`,
  );
  await mkdir('bench/results', { recursive: true });
  await writeFile('bench/results/matching.json', JSON.stringify(r, null, 2));
}
