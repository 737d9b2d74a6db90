import { clockFrom } from '../../shared/clock.js';
import type { Actor } from '../../shared/domain/actor.js';
import { addDays, addWorkingDays } from '../../shared/domain/dates.js';
import { VacancyCreate, type Vacancy } from '../../shared/domain/vacancy.js';
import { DomainError } from '../../shared/errors.js';
import type { Deps } from '../../shared/use-cases/deps.js';
import { logInteraction } from '../../shared/use-cases/employers.js';
import { createVacancy } from '../../shared/use-cases/vacancies.js';

export interface PostingsOptions {
  /** The employer user who acts for each demo employer, by employer id. */
  employerUsers: ReadonlyMap<string, string>;
  onProgress?: (message: string) => void;
}

export interface PostingsCounts {
  posted: number;
  /** Callbacks made in time, made late, and still waiting (posted today). */
  onTime: number;
  late: number;
  waiting: number;
  vacancyIds: string[];
}

const DAY = 86_400_000;

/**
 * Vacancies the demo employers' own users posted (LEP §2.3.3: the account manager calls back within two
 * working days), through the use cases at the time each happened: over the last three months, two
 * called back the next working day and one four working days late, so the funnel's "callbacks made on
 * time" has both; and one posted this morning, still waiting, on its account manager's start page.
 * Each is posted as the employer's page posts it, a draft, a copy of one of the employer's own vacancies.
 */
export async function seedEmployerPostings(deps: Deps, orgId: string, opts: PostingsOptions): Promise<PostingsCounts> {
  const counts: PostingsCounts = { posted: 0, onTime: 0, late: 0, waiting: 0, vacancyIds: [] };
  // Days ago each was posted, and how many working days later the call came (undefined: not yet).
  const plan: [daysAgo: number, callAfter: number | undefined][] = [
    [84, 1],
    [47, 4],
    [19, 1],
    [0, undefined],
  ];
  const employers = [...opts.employerUsers.entries()];
  const now = deps.clock.now().getTime();
  for (const [i, [daysAgo, callAfter]] of plan.entries()) {
    const [employerId, sub] = employers[i % Math.max(1, employers.length)] ?? [];
    if (!employerId || !sub) break;
    const employer = await deps.repos.employers.get(orgId, employerId);
    const [model] = (await deps.repos.vacancies.list(orgId, { by: 'employer', employerId }, { limit: 1 })).items;
    if (!employer || !model) continue;
    const postedAt = now - daysAgo * DAY - (daysAgo ? 0 : 2 * 3_600_000);
    const at = (ms: number): Deps => ({ ...deps, clock: clockFrom(() => new Date(ms)) });
    const poster: Actor = { sub, role: 'employer', orgId, employerId };
    try {
      const today = new Date(postedAt).toISOString().slice(0, 10);
      const vacancy = await createVacancy(at(postedAt), poster, copyOf(model, today));
      counts.posted++;
      counts.vacancyIds.push(vacancy.id);
      if (callAfter === undefined) {
        counts.waiting++;
        continue;
      }
      const calledOn = addWorkingDays(today, callAfter);
      await logInteraction(
        at(Date.parse(`${calledOn}T10:30:00Z`)),
        { sub: employer.accountManagerId, role: 'liaison', orgId },
        employerId,
        {
          kind: 'call',
          occurredAt: `${calledOn}T10:15:00.000Z`,
          summary: `Called back about the ${vacancy.title} they posted: went through the hours, the pay and what the job needs.`,
          outcome: 'positive',
          vacancyId: vacancy.id,
        },
      );
      if (callAfter <= 2) counts.onTime++;
      else counts.late++;
    } catch (err) {
      if (!(err instanceof DomainError) || err.status >= 500) throw err;
      opts.onProgress?.(`  skipped an employer's posting: ${err.message}`);
    }
  }
  opts.onProgress?.(
    `Employers' own postings: ${counts.posted} (callbacks made on time ${counts.onTime}, late ${counts.late}, waiting ${counts.waiting})`,
  );
  return counts;
}

/** The employer posting another of a vacancy it has had, as a draft closing in four weeks. */
function copyOf(v: Vacancy, today: string): VacancyCreate {
  const fields = Object.fromEntries(Object.keys(VacancyCreate.shape).flatMap((k) => (k in v ? [[k, v[k as keyof Vacancy]]] : [])));
  return VacancyCreate.parse({
    ...fields,
    externalRef: undefined,
    status: 'draft',
    site: { postcode: v.site.postcode, ...(v.site.town ? { town: v.site.town } : {}) },
    linkedCohortIds: [],
    closingDate: addDays(today, 28),
    startDate: undefined,
  });
}
