import { clockFrom, isoDate } from '../../shared/clock.js';
import { addDays, addWorkingDays } from '../../shared/domain/dates.js';
import { PIPELINE } from '../../shared/domain/pipeline-rules.js';
import type { Actor } from '../../shared/domain/actor.js';
import { rejectionBarred } from '../../shared/domain/submission.js';
import type { Vacancy } from '../../shared/domain/vacancy.js';
import { DomainError } from '../../shared/errors.js';
import type { BenefitCircumstances } from '../../shared/domain/better-off.js';
import type { Participant } from '../../shared/domain/participant.js';
import * as betterOff from '../../shared/use-cases/better-off.js';
import * as matching from '../../shared/use-cases/matching.js';
import * as offers from '../../shared/use-cases/offers.js';
import * as submissions from '../../shared/use-cases/submissions.js';
import type { Deps } from '../../shared/use-cases/deps.js';
import { supportSoFar } from './in-work-support.js';

export interface LivePipelineOptions {
  /** Employers whose open vacancies get candidates first (the demo employer users' employers). */
  employerIds: readonly string[];
  /** The employer user who acts for each of those employers, by employer id. */
  employerUsers: ReadonlyMap<string, string>;
  /** Open vacancies to work on in all, demo employers' first. */
  vacancies?: number;
  onProgress?: (message: string) => void;
}

export interface LivePipelineCounts {
  vacancies: number;
  /** The vacancies candidates were put forward for. */
  vacancyIds: string[];
  proposed: number;
  agreed: number;
  /** Invited to interview; of those, one offered the job (waiting for the answer) and one on a work trial. */
  invited: number;
  offered: number;
  trials: number;
  rejected: number;
  /** Hires made about three months back, whose 13-week check-in is now coming up. */
  hired: number;
  placementIds: string[];
  /** Proposals left waiting whose participant has better-off circumstances recorded, so the estimate shows. */
  circumstances: number;
}

/**
 * Work in flight for the demo personas to find on their first sign-in: for a few open vacancies (the
 * demo employers' first), the account manager puts the top three suggested candidates forward; their
 * advisers agree for two and leave the third to answer; the employer invites one to interview and, on
 * every other vacancy, turns one down with a reason, leaving the rest to decide; after the interview, the
 * second candidate invited is offered the job (their adviser has to record the answer) and the third
 * starts a work trial next week. All of it through the
 * use cases the API calls, at the current time, so the submissions, outbox events (hence notifications
 * and funnel counts), deadlines and pool counters are exactly what real use makes.
 */
export async function seedLivePipeline(deps: Deps, orgId: string, opts: LivePipelineOptions): Promise<LivePipelineCounts> {
  const counts: LivePipelineCounts = {
    vacancies: 0,
    vacancyIds: [],
    proposed: 0,
    agreed: 0,
    invited: 0,
    offered: 0,
    trials: 0,
    rejected: 0,
    hired: 0,
    placementIds: [],
    circumstances: 0,
  };
  const wanted = opts.vacancies ?? 8;
  const chosen: Vacancy[] = [];
  for (const employerId of opts.employerIds) {
    const open = await deps.repos.vacancies.list(orgId, { by: 'employer', employerId, status: 'open' }, { limit: 2 });
    chosen.push(...open.items);
  }
  if (chosen.length < wanted) {
    const more = await deps.repos.vacancies.list(orgId, { by: 'status', status: 'open' }, { limit: wanted * 3 });
    for (const v of more.items) if (chosen.length < wanted && !chosen.some((c) => c.id === v.id)) chosen.push(v);
  }

  for (const [i, vacancy] of chosen.slice(0, wanted).entries()) {
    const employer = await deps.repos.employers.get(orgId, vacancy.employerId);
    if (!employer) continue;
    const liaison: Actor = { sub: employer.accountManagerId, role: 'liaison', orgId };
    try {
      const m = await matching.matchesForVacancy(deps, liaison, vacancy.id, 3);
      const ids = m.candidates.map((c) => c.participantId);
      if (!ids.length) continue;
      const proposed = await submissions.propose(deps, liaison, vacancy.id, {
        participantIds: ids,
        note: 'Good fit on skills and travel; keen to start.',
      });
      counts.vacancies++;
      counts.vacancyIds.push(vacancy.id);
      counts.proposed += proposed.length;
      // The proposals left waiting: their adviser records what the better-off estimate needs (through the use case, audited).
      for (const s of proposed.slice(2)) {
        const adviser: Actor = { sub: s.adviserId, role: 'adviser', orgId };
        const p = await deps.repos.participants.get(orgId, s.participantId);
        if (!p) continue;
        await betterOff.putBenefitCircumstances(deps, adviser, p.id, demoCircumstances(p, counts.circumstances));
        counts.circumstances++;
      }
      const agreed = [];
      for (const s of proposed.slice(0, 2)) {
        const adviser: Actor = { sub: s.adviserId, role: 'adviser', orgId };
        agreed.push(
          await submissions.recordAgreement(deps, adviser, s.id, { agreed: true, note: 'Talked it through; happy to go forward.' }),
        );
        counts.agreed++;
      }
      const employerUser = opts.employerUsers.get(vacancy.employerId);
      const employerActor: Actor = employerUser ? { sub: employerUser, role: 'employer', orgId, employerId: vacancy.employerId } : liaison;
      const [first] = agreed;
      // A candidate guaranteed an interview is not rejected without one: they are invited.
      if (first && (i % 2 === 0 || rejectionBarred(first))) {
        await submissions.recordDecision(deps, employerActor, first.id, {
          decision: 'interview',
          note: 'Looks good: can they come in next week?',
        });
        counts.invited++;
        const today = deps.clock.today();
        if (counts.invited === 2) {
          await offers.makeOffer(deps, employerActor, first.id, {
            startDate: addWorkingDays(today, 10, PIPELINE.bankHolidays),
            note: 'Strong interview.',
          });
          counts.offered++;
        } else if (counts.invited === 3) {
          const startsOn = addWorkingDays(today, 3, PIPELINE.bankHolidays);
          await offers.scheduleTrial(deps, employerActor, first.id, {
            startsOn,
            endsOn: addDays(startsOn, 2),
            place: `${employer.name}, ${employer.address.town}`,
          });
          counts.trials++;
        }
      } else if (first) {
        await submissions.recordDecision(deps, employerActor, first.id, {
          decision: 'reject',
          reasonCode: 'experience',
          note: 'We need someone with more time on the shop floor.',
        });
        counts.rejected++;
      }
    } catch (err) {
      // A vacancy whose matches or rules do not allow it (say, at its shortlist limit) is simply skipped.
      if (!(err instanceof DomainError) || err.status >= 500) throw err;
      opts.onProgress?.(`  skipped ${vacancy.title}: ${err.message}`);
    }
  }
  // Two hires from about three months ago, told at the pace they happened (the use cases read the
  // clock), so their placements have the 13-week check-in coming up now.
  const others = (await deps.repos.vacancies.list(orgId, { by: 'status', status: 'open' }, { limit: 40 })).items.filter(
    (v) => !counts.vacancyIds.includes(v.id),
  );
  for (const vacancy of others) {
    if (counts.hired >= 2) break;
    // The second went through a work trial and an offer first.
    const placementId = await hireBack(deps, orgId, vacancy, opts, counts.hired === 1);
    if (placementId) {
      counts.hired++;
      counts.placementIds.push(placementId);
    }
  }
  opts.onProgress?.(
    `Work in progress: ${counts.proposed} candidates put forward for ${counts.vacancies} vacancies, ${counts.agreed} agreed by their advisers, ${counts.invited} invited (${counts.offered} offered the job, ${counts.trials} on a work trial), ${counts.rejected} turned down; ${counts.hired} hired three months ago`,
  );
  return counts;
}

const DAY = 86_400_000;

/**
 * Proposed, agreed, invited and interviewed 95–92 days ago (`viaOffer`: then a two-day work trial, an
 * offer and its acceptance); started 88 days ago. The placement's id, or undefined if it could not be done.
 */
async function hireBack(
  deps: Deps,
  orgId: string,
  vacancy: Vacancy,
  opts: LivePipelineOptions,
  viaOffer = false,
): Promise<string | undefined> {
  const employer = await deps.repos.employers.get(orgId, vacancy.employerId);
  if (!employer) return undefined;
  const now = deps.clock.now().getTime();
  const at = (daysAgo: number): Deps => ({ ...deps, clock: clockFrom(() => new Date(now - daysAgo * DAY)) });
  const liaison: Actor = { sub: employer.accountManagerId, role: 'liaison', orgId };
  try {
    // Someone not in today's pipeline: a hire withdraws the person's other live submissions.
    const candidates = (await matching.matchesForVacancy(at(95), liaison, vacancy.id, 10)).candidates;
    const people = await Promise.all(candidates.map((c) => deps.repos.participants.get(orgId, c.participantId)));
    const best = candidates.find((_, k) => (people[k]?.liveSubmissions ?? 0) === 0);
    if (!best) return undefined;
    const [s] = await submissions.propose(at(95), liaison, vacancy.id, { participantIds: [best.participantId] });
    await submissions.recordAgreement(at(94), { sub: s!.adviserId, role: 'adviser', orgId }, s!.id, {
      agreed: true,
      note: 'Keen; references ready.',
    });
    const employerUser = opts.employerUsers.get(vacancy.employerId);
    const decider: Actor = employerUser ? { sub: employerUser, role: 'employer', orgId, employerId: vacancy.employerId } : liaison;
    await submissions.recordDecision(at(93), decider, s!.id, { decision: 'interview' });
    await submissions.bookInterview(at(93), liaison, s!.id, {
      at: new Date(now - 92 * DAY).toISOString(),
      place: `${employer.name}, ${employer.address.town}`,
    });
    const day = (daysAgo: number) => isoDate(new Date(now - daysAgo * DAY));
    if (viaOffer) {
      await offers.scheduleTrial(at(92), decider, s!.id, { startsOn: day(92), endsOn: day(91), place: `${employer.name}` });
      await offers.recordTrialResult(at(91), decider, s!.id, { result: 'passed' });
      await offers.makeOffer(at(91), decider, s!.id, { startDate: day(88) });
      await offers.respondToOffer(at(90), { sub: s!.adviserId, role: 'adviser', orgId }, s!.id, { accepted: true });
    }
    const hired = await submissions.recordOutcome(at(viaOffer ? 89 : 91), liaison, s!.id, {
      outcome: 'hired',
      startDate: isoDate(new Date(now - 88 * DAY)),
    });
    const placement = 'placement' in hired ? hired.placement : undefined;
    // Their in-work support so far: the one hired by offer has its latest contact (week 10) overdue.
    if (placement) await supportSoFar(deps, { sub: s!.adviserId, role: 'adviser', orgId }, liaison, placement, now, viaOffer);
    return placement?.id;
  } catch (err) {
    if (!(err instanceof DomainError) || err.status >= 500) throw err;
    opts.onProgress?.(`  skipped a hire for ${vacancy.title}: ${err.message}`);
    return undefined;
  }
}

/**
 * Believable circumstances for a demo participant, from what their record already says (no random draw, so
 * the rest of the demo data stays as it was): 18–24 under 25; an ESA or IB group limited capability for
 * work; every other one a couple; every third with a child and help with housing costs in their award.
 */
function demoCircumstances(p: Participant, n: number): BenefitCircumstances {
  const children = n % 3 === 0;
  return {
    couple: n % 2 === 1,
    ageBand: p.paymentGroup === 'jsa-18-24' ? 'under-25' : '25-or-over',
    children,
    limitedCapabilityForWork: /esa|ib/.test(p.paymentGroup ?? ''),
    housingCosts: children,
    // The rest of the award as a statement might show it: a child element and help with the rent (demo figures).
    otherElementsMonthly: children ? 759 : 0,
  };
}
