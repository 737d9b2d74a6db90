import { describe, expect, it } from 'vitest';
import { generateDemoData, type DemoData } from '../../scripts/seed/generate.js';
import { seedHistory } from '../../scripts/seed/history.js';
import { loadDemoData } from '../../scripts/seed/load.js';
import { fakeDeps } from '../support/fakes/fake-deps.js';
import { ORG } from '../support/fakes/scenario.js';

/**
 * The demo district's past (scripts/seed/history.ts) over the in-memory ports: the rules of the history
 * step, not the database (tests/integration/seed-load.test.ts loads the district into DynamoDB Local).
 */
const NOW_ISO = '2026-11-25T10:00:00Z';

describe('the history step', () => {
  it('puts a year of real hires behind the reports: submissions, placements, check-ins and the events the funnel counts', async () => {
    const deps = fakeDeps({ now: NOW_ISO });
    const h = { deps, clock: deps.clock };
    // Seed 14 at this scale: three vacancies filled in the past, two of them with people suited at the time.
    const data: DemoData = generateDemoData({ seed: 14, now: new Date(h.clock.now()), orgId: ORG, scale: 0.1 });
    await loadDemoData(h.deps.repos, { ...data, caseContacts: [], caseworkAudit: [], actionPlans: [] }, { concurrency: 8 });
    expect(data.pastFills.length).toBeGreaterThanOrEqual(2);
    const counts = await seedHistory(h.deps, ORG, { pastFills: data.pastFills, hireHints: data.hireHints });
    expect(counts.hires).toBeGreaterThanOrEqual(3);
    expect(counts.filled).toBeGreaterThanOrEqual(1);
    expect(counts.checkins).toBeGreaterThan(0);
    const now = new Date(h.clock.now()).toISOString();
    const months = new Set<string>();
    // Every vacancy the district filled is filled by real hires (or, short of suitable people, closed): none is left open past its date.
    const hiresPer = new Map<string, number>();
    let left = 0;
    for (const fill of data.pastFills) {
      const v = (await h.deps.repos.vacancies.get(ORG, fill.vacancyId))!;
      expect(['filled', 'closed']).toContain(v.status);
      if (v.status === 'filled') expect(v.filledPositions).toBe(v.positions);
    }
    expect(counts.filled + counts.closed).toBe(data.pastFills.length);
    for (const id of counts.placementIds) {
      const pl = (await h.deps.repos.placements.get(ORG, id))!;
      const sub = (await h.deps.repos.submissions.get(ORG, pl.submissionId))!;
      const v = (await h.deps.repos.vacancies.get(ORG, sub.vacancyId))!;
      const person = (await h.deps.repos.participants.get(ORG, pl.participantId))!;
      expect(sub.state).toBe('hired');
      // In work, or back on the programme once a check-in said they had left.
      expect(person.status).toBe(pl.leftJob ? 'active' : 'placed');
      if (pl.leftJob) left++;
      expect(sub.history.map((x) => x.to)).toEqual(['proposed', 'submitted', 'interview', 'hired']);
      // After the vacancy opened, by the day it filled, and only people who had joined by then
      expect(sub.proposedAt > v.publishedAt!).toBe(true);
      expect(sub.history.at(-1)!.at <= data.pastFills.find((f) => f.vacancyId === v.id)!.filledAt).toBe(true);
      expect(person.createdAt < sub.proposedAt).toBe(true);
      hiresPer.set(v.id, (hiresPer.get(v.id) ?? 0) + 1);
      months.add(sub.proposedAt.slice(0, 7));
      // Every check-in that has come is recorded, on or after its day (unless they had left by the first).
      const due = pl.checkins.filter((c) => c.dueOn < now.slice(0, 10));
      expect(due.length === 0 || due[0]!.recorded !== undefined).toBe(true);
      for (const c of pl.checkins.filter((x) => x.recorded)) expect(c.recorded!.at.slice(0, 10) >= c.dueOn).toBe(true);
    }
    // Spread over the year, not all today; a filled vacancy has as many placements as it has positions.
    expect(months.size).toBeGreaterThanOrEqual(2);
    for (const [vacancyId, n] of hiresPer) {
      const v = (await h.deps.repos.vacancies.get(ORG, vacancyId))!;
      expect(n).toBe(v.status === 'filled' ? v.positions : n);
    }
    // Nobody is placed without a placement
    const placed = (await Promise.all(data.participants.map((p) => h.deps.repos.participants.get(ORG, p.id)))).filter(
      (p) => p?.status === 'placed',
    );
    expect(placed.length).toBe(counts.hires - left);
    expect(left).toBeGreaterThan(0);
  }, 300_000);
});
