import { beforeEach, describe, expect, it } from 'vitest';
import { PIPELINE } from '../../../shared/domain/pipeline-rules.js';
import type { Submission } from '../../../shared/domain/submission.js';
import { isLive, propose, recordOutcome } from '../../../shared/use-cases/submissions.js';
import { sweepDue } from '../../../shared/use-cases/sweep.js';
import { updateVacancy } from '../../../shared/use-cases/vacancies.js';
import { fakeDeps, type FakeDeps } from '../../support/fakes/fake-deps.js';
import { failureOf, liaison, ORG, scenario } from '../../support/fakes/scenario.js';

/**
 * A filled or withdrawn vacancy withdraws its remaining live submissions reliably: in its own
 * transaction when they fit, else marked `withdrawing` so the sweeper finishes what a crash cut short.
 * The crash is simulated by every submission write after the vacancy's failing.
 */
let deps: FakeDeps;
let w: ReturnType<typeof scenario>;

beforeEach(() => {
  deps = fakeDeps({ now: '2026-11-25T10:00:00Z' });
  w = scenario(deps);
});

/** From now on, every single submission write fails after `allowed` more: the process "crashes" there. */
function crashAfter(allowed: number) {
  const real = deps.repos.submissions.apply.bind(deps.repos.submissions);
  let left = allowed;
  deps.repos.submissions.apply = async (change) => {
    if (left-- <= 0) throw new Error('crashed');
    return real(change);
  };
  return () => {
    deps.repos.submissions.apply = real;
  };
}

const liveOf = async (vacancyId: string) => (await deps.repos.submissions.listAllByVacancy(ORG, vacancyId)).filter(isLive);
const withdrawnEvents = (from: number) =>
  deps.events
    .slice(from)
    .filter((e) => e.type === 'submission.withdrawn')
    .map((e) => [e.submissionId, e.detail?.reasonCode]);

describe('a vacancy that can take nobody more', () => {
  it('withdrawn: its live candidates are withdrawn in the same transaction, each with its reason, whatever happens after', async () => {
    const { vacancy } = await w.openVacancy({ positions: 1 });
    const subs: Submission[] = [
      await w.proposed(vacancy.id, await w.participant()),
      await w.submitted(vacancy.id, await w.participant()),
      await w.atInterview(vacancy.id, await w.participant()),
    ];
    const from = deps.events.length;
    crashAfter(0);
    await updateVacancy(deps, liaison, vacancy.id, { status: 'withdrawn' });
    expect(await liveOf(vacancy.id)).toEqual([]);
    expect(withdrawnEvents(from)).toEqual(subs.map((s) => [s.id, 'vacancy-withdrawn']));
    const v = (await deps.repos.vacancies.get(ORG, vacancy.id))!;
    expect([v.liveSubmissions, v.withdrawing]).toEqual([0, undefined]);
    for (const s of subs) expect((await deps.repos.participants.get(ORG, s.participantId))!.liveSubmissions).toBe(0);
  });

  it('filled by its last hire: the others go with the hire, in its transaction', async () => {
    const { vacancy } = await w.openVacancy({ positions: 1 });
    const hire = await w.atInterview(vacancy.id, await w.participant());
    const other = await w.submitted(vacancy.id, await w.participant());
    const from = deps.events.length;
    crashAfter(1); // the hire's own write goes through; anything after it fails
    await recordOutcome(deps, liaison, hire.id, { outcome: 'hired', startDate: '2026-12-07' }).catch(() => undefined);
    expect(await liveOf(vacancy.id)).toEqual([]);
    expect(withdrawnEvents(from)).toEqual([[other.id, 'position-filled']]);
    const v = (await deps.repos.vacancies.get(ORG, vacancy.id))!;
    expect([v.status, v.liveSubmissions, v.withdrawing]).toEqual(['filled', 0, undefined]);
  });

  it('with more live candidates than one transaction takes: a crash mid-loop leaves them to the sweeper, which finishes', async () => {
    const n = PIPELINE.withdrawInVacancyTransaction + 2;
    const { vacancy } = await w.openVacancy({ positions: 5 });
    const people = await Promise.all(Array.from({ length: n }, () => w.participant()));
    for (let i = 0; i < n; i += PIPELINE.maxPerRequest)
      await propose(deps, liaison, vacancy.id, { participantIds: people.slice(i, i + PIPELINE.maxPerRequest).map((p) => p.id) });
    const from = deps.events.length;
    const restore = crashAfter(3);
    expect((await failureOf(updateVacancy(deps, liaison, vacancy.id, { status: 'withdrawn' }))).message).toBe('crashed');
    expect((await liveOf(vacancy.id)).length).toBe(n - 3);
    expect((await deps.repos.vacancies.get(ORG, vacancy.id))!.withdrawing).toEqual({
      reasonCode: 'vacancy-withdrawn',
      since: '2026-11-25',
    });
    restore();
    // The next hourly sweep (the same day) finishes and clears the mark; the one after finds nothing to do.
    deps.clock.set('2026-11-25T11:00:00Z');
    expect((await sweepDue(deps)).vacancyWithdrawals).toBe(1);
    expect(await liveOf(vacancy.id)).toEqual([]);
    const events = withdrawnEvents(from);
    expect(events.length).toBe(n);
    expect(new Set(events.map(([id]) => id)).size).toBe(n);
    expect(events.every(([, why]) => why === 'vacancy-withdrawn')).toBe(true);
    const v = (await deps.repos.vacancies.get(ORG, vacancy.id))!;
    expect([v.status, v.liveSubmissions, v.withdrawing]).toEqual(['withdrawn', 0, undefined]);
    expect((await sweepDue(deps)).vacancyWithdrawals).toBe(0);
  });
});
