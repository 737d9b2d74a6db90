import { clockFrom, isoDate } from '../../shared/clock.js';
import type { Actor } from '../../shared/domain/actor.js';
import type { Placement } from '../../shared/domain/submission.js';
import type { Vacancy } from '../../shared/domain/vacancy.js';
import { DomainError } from '../../shared/errors.js';
import * as matching from '../../shared/use-cases/matching.js';
import { recordCheckin } from '../../shared/use-cases/placements.js';
import { supportSoFar } from './in-work-support.js';
import * as submissions from '../../shared/use-cases/submissions.js';
import { updateVacancy } from '../../shared/use-cases/vacancies.js';
import type { Deps } from '../../shared/use-cases/deps.js';

export interface HistoryOptions {
  /** The vacancies the district filled in the past (`DemoData.pastFills`), loaded still open. */
  pastFills: readonly { vacancyId: string; filledAt: string }[];
  /** Participants to hire first when a past vacancy suits them (`DemoData.hireHints`). */
  hireHints: readonly string[];
  onProgress?: (message: string) => void;
}

export interface HistoryCounts {
  hires: number;
  /** Check-ins recorded at 13 and 26 weeks, and of those, in work. */
  checkins: number;
  inWork: number;
  /** Vacancies the hires filled, and past vacancies nobody suitable was found for (closed instead). */
  filled: number;
  closed: number;
  placementIds: string[];
}

const DAY = 86_400_000;
const HOUR = 3_600_000;

/**
 * The district's past behind the reports, through the use cases the API calls, each at the time its
 * step happened (each reads the clock it is given): every vacancy the generator filled in the past is
 * filled here by real hires — the best-ranked people who had joined by then, those the generator drew
 * as placed first — put forward a day after it opened, agreed, interviewed and hired by the day it was
 * filled, so each is a submission with its history, a placement with its check-ins and outbox events the
 * notifier counts in the months they fell in. Every 13- and 26-week check-in that has come is recorded on
 * its day, one in four not in work. A past vacancy with too few suitable people is closed on its day.
 */
export async function seedHistory(deps: Deps, orgId: string, opts: HistoryOptions): Promise<HistoryCounts> {
  const counts: HistoryCounts = { hires: 0, checkins: 0, inWork: 0, filled: 0, closed: 0, placementIds: [] };
  const hinted = new Set(opts.hireHints);
  const now = deps.clock.now().getTime();
  const aftercare = new Aftercare();
  for (const fill of [...opts.pastFills].sort((a, b) => a.filledAt.localeCompare(b.filledAt))) {
    const vacancy = await deps.repos.vacancies.get(orgId, fill.vacancyId);
    if (vacancy?.status !== 'open' || !vacancy.publishedAt) continue;
    await fillPast(deps, orgId, vacancy, Date.parse(fill.filledAt), now, hinted, counts, opts, aftercare);
  }
  await aftercare.done();
  opts.onProgress?.(
    `History: ${counts.hires} hires over the past year (${counts.filled} vacancies filled, ${counts.closed} closed), ${counts.checkins} check-ins recorded, ${counts.inWork} in work`,
  );
  return counts;
}

async function fillPast(
  deps: Deps,
  orgId: string,
  vacancy: Vacancy,
  filledAt: number,
  now: number,
  hinted: ReadonlySet<string>,
  counts: HistoryCounts,
  opts: HistoryOptions,
  aftercare: Aftercare,
): Promise<void> {
  const employer = await deps.repos.employers.get(orgId, vacancy.employerId);
  if (!employer) return;
  const at = (ms: number): Deps => ({ ...deps, clock: clockFrom(() => new Date(ms)) });
  const liaison: Actor = { sub: employer.accountManagerId, role: 'liaison', orgId };
  // A day after it opened (never later than four days before it filled), then a step a day.
  const proposedAt = Math.min(Date.parse(vacancy.publishedAt!) + DAY, filledAt - 4 * DAY);
  try {
    const { candidates } = await matching.matchesForVacancy(at(proposedAt), liaison, vacancy.id, 50);
    const people = await Promise.all(candidates.map((c) => deps.repos.participants.get(orgId, c.participantId)));
    const eligible = candidates
      .map((c, k) => ({ id: c.participantId, p: people[k] }))
      .filter(({ p }) => p?.status === 'active' && (p.liveSubmissions ?? 0) === 0 && Date.parse(p.createdAt) < proposedAt);
    // Those drawn as placed first, each group in rank order.
    const chosen = [...eligible.filter((e) => hinted.has(e.id)), ...eligible.filter((e) => !hinted.has(e.id))]
      .slice(0, vacancy.positions - vacancy.filledPositions)
      .map((e) => e.id);
    const proposed = chosen.length ? await submissions.propose(at(proposedAt), liaison, vacancy.id, { participantIds: chosen }) : [];
    for (const [k, s] of proposed.entries()) {
      const adviser: Actor = { sub: s.adviserId, role: 'adviser', orgId };
      await submissions.recordAgreement(at(proposedAt + DAY + k * HOUR), adviser, s.id, { agreed: true });
      await submissions.recordDecision(at(proposedAt + 2 * DAY + k * HOUR), liaison, s.id, { decision: 'interview' });
      // Hired by the day it filled, in order; each starts a week later.
      const hiredAt = filledAt - (proposed.length - k) * HOUR;
      const hired = await submissions.recordOutcome(at(hiredAt), liaison, s.id, {
        outcome: 'hired',
        startDate: isoDate(new Date(hiredAt + 7 * DAY)),
      });
      if (!('placement' in hired) || !hired.placement) continue;
      counts.hires++;
      counts.placementIds.push(hired.placement.id);
      // In-work support as the weeks went by; one in three hires of the last four months has a contact gone overdue.
      const hire = counts.hires;
      const leaveLate = now - hiredAt < 120 * DAY && hire % 3 === 0;
      const placement = hired.placement;
      await aftercare.add(async () => {
        await supportSoFar(deps, adviser, liaison, placement, now, leaveLate);
        await checkinsSoFar(deps, adviser, placement, now, hire, counts);
      });
    }
    const after = await deps.repos.vacancies.get(orgId, vacancy.id);
    if (after?.status === 'filled') counts.filled++;
    else if (after?.status === 'open') {
      // Too few suitable people by then: it closed on its closing date with the places it had filled.
      await updateVacancy(at(Math.max(filledAt, Date.parse(`${after.closingDate}T17:00:00Z`))), liaison, vacancy.id, { status: 'closed' });
      counts.closed++;
    }
  } catch (err) {
    if (!(err instanceof DomainError) || err.status >= 500) throw err;
    opts.onProgress?.(`  skipped a past vacancy, ${vacancy.title}: ${err.message}`);
  }
}

/**
 * Each milestone of its outcome schedule that has come, recorded on its day by the adviser: one in four no
 * longer in work, which ends the schedule (the later milestones are ended, as is the in-work support).
 */
async function checkinsSoFar(
  deps: Deps,
  adviser: Actor,
  placement: Pick<Placement, 'id' | 'checkins'>,
  now: number,
  hire: number,
  counts: HistoryCounts,
): Promise<void> {
  for (const c of placement.checkins) {
    const due = Date.parse(`${c.dueOn}T10:00:00Z`);
    if (due > now - DAY) continue;
    const inWork = (hire + c.milestone) % 4 !== 0;
    // With the first evidence the programme accepts (the employer's word on the Work Programme).
    const evidence = c.evidence?.[0];
    await recordCheckin({ ...deps, clock: clockFrom(() => new Date(due)) }, adviser, placement.id, {
      milestone: c.milestone,
      inWork,
      ...(evidence ? { evidence } : {}),
    });
    counts.checkins++;
    if (inWork) counts.inWork++;
    else break;
  }
}

/**
 * Each hire's months after the start (its in-work support contacts, then its check-ins), a few hires at
 * once and beside the later vacancies' hiring: they touch only that hire's participant, still placed
 * (a check-in records on the placement, whatever it finds), and placement, which no later step of the
 * history reads; on a busy DynamoDB Local they are most of its requests. One hire's steps stay in order.
 */
class Aftercare {
  private readonly running = new Set<Promise<void>>();
  private failure: { err: unknown } | undefined;
  constructor(private readonly limit = 6) {}

  async add(work: () => Promise<void>): Promise<void> {
    while (this.running.size >= this.limit) await Promise.race(this.running);
    this.rethrow();
    const p: Promise<void> = work()
      .catch((err: unknown) => {
        this.failure ??= { err };
      })
      .finally(() => this.running.delete(p));
    this.running.add(p);
  }

  async done(): Promise<void> {
    await Promise.all(this.running);
    this.rethrow();
  }

  private rethrow() {
    if (this.failure) throw this.failure.err;
  }
}
