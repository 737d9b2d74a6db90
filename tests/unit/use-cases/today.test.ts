import { beforeEach, describe, expect, it } from 'vitest';
import { bookInterview } from '../../../shared/use-cases/submissions.js';
import { employerToday, liaisonToday } from '../../../shared/use-cases/today.js';
import { updateVacancy } from '../../../shared/use-cases/vacancies.js';
import { fakeDeps, type FakeDeps } from '../../support/fakes/fake-deps.js';
import { adviser, employerUser, failureOf, liaison, scenario } from '../../support/fakes/scenario.js';

/** The start pages' "what needs me today": shared/use-cases/today.ts. */
let deps: FakeDeps;
let w: ReturnType<typeof scenario>;

beforeEach(() => {
  deps = fakeDeps({ now: '2026-11-25T10:00:00Z' });
  w = scenario(deps);
});

describe('the employer’s day', () => {
  it('counts candidates waiting per vacancy, those past the date to decide by, and lists interviews coming', async () => {
    // Prepare: two vacancies with the same title; one with two candidates waiting, one with an interview booked.
    const employer = await w.employer();
    const first = await w.vacancy(employer.id, { positions: 3 });
    const second = await w.vacancy(employer.id, { site: { postcode: 'LS10 1AB', town: 'Hunslet' } });
    const quiet = await w.vacancy(employer.id, { title: 'Driver' });
    await w.submitted(first.id, await w.participant());
    await w.submitted(first.id, await w.participant({ firstName: 'Fay' }));
    const invited = await w.atInterview(second.id, await w.participant({ firstName: 'Gail' }));
    await bookInterview(deps, employerUser(employer.id), invited.id, { at: '2026-11-27T09:30:00Z', place: 'Canal Wharf' });
    // Act: today, then after the date to decide by.
    const now = await employerToday(deps, employerUser(employer.id));
    deps.clock.set('2026-12-15T10:00:00Z');
    const later = await employerToday(deps, employerUser(employer.id));
    // Assess
    expect(now.vacancies.map((r) => [r.vacancy.id, r.waiting, r.overdue])).toEqual([
      [first.id, 2, 0],
      [second.id, 0, 0],
      [quiet.id, 0, 0],
    ]);
    expect(now.vacancies[1]?.vacancy.site.town).toBe('Hunslet');
    expect(now.interviews).toEqual([expect.objectContaining({ candidateRef: invited.candidateRef, at: '2026-11-27T09:30:00Z' })]);
    expect(JSON.stringify(now)).not.toMatch(/Dean|Fay|Gail|participantId/);
    expect(later.vacancies[0]).toMatchObject({ waiting: 2, overdue: 2 });
    // The interview has passed: no longer coming.
    expect(later.interviews).toEqual([]);
  });

  it('lists their drafts, then those closed or filled latest first, and not another employer’s', async () => {
    const employer = await w.employer();
    const other = await w.employer({ name: 'Aire Foods' });
    await w.vacancy(employer.id, { title: 'Open one' });
    const draft = await w.vacancy(employer.id, { title: 'Drafted', status: 'draft' });
    const early = await w.vacancy(employer.id, { title: 'Closed early', closingDate: '2026-12-01' });
    const late = await w.vacancy(employer.id, { title: 'Closed late', closingDate: '2026-12-20' });
    const gone = await w.vacancy(employer.id, { title: 'Gone' });
    for (const [v, status] of [
      [early, 'closed'],
      [late, 'closed'],
      [gone, 'withdrawn'],
    ] as const)
      await updateVacancy(deps, liaison, v.id, { status });
    await w.vacancy(other.id, { title: 'Theirs', status: 'draft' });
    const day = await employerToday(deps, employerUser(employer.id));
    expect(day.others.map((v) => v.id)).toEqual([draft.id, late.id, early.id]);
    expect(day.vacancies.map((r) => r.vacancy.title)).toEqual(['Open one']);
  });

  it('is the employer’s own page only', async () => {
    expect((await failureOf(employerToday(deps, liaison))).status).toBe(403);
  });
});

describe('the liaison officer’s vacancies to act on', () => {
  it('lists their employers’ vacancies past the decision date and those nobody is put forward for', async () => {
    // Prepare
    const mine = await w.employer();
    const theirs = await w.employer({ accountManagerId: 'u-liaison-2' });
    const chased = await w.vacancy(mine.id);
    const empty = await w.vacancy(mine.id, { title: 'Night picker', closingDate: '2026-12-10' });
    await w.vacancy(theirs.id, { title: 'Not mine' });
    await w.submitted(chased.id, await w.participant());
    // Act
    const today = await liaisonToday(deps, liaison);
    deps.clock.set('2026-12-18T10:00:00Z');
    const later = await liaisonToday(deps, liaison);
    // Assess
    expect(today.responsesOverdue).toEqual([]);
    expect(today.noCandidates.map((r) => r.vacancy.id)).toEqual([empty.id]);
    expect(later.responsesOverdue.map((r) => [r.vacancy.id, r.overdue])).toEqual([[chased.id, 1]]);
    expect((await failureOf(liaisonToday(deps, adviser))).status).toBe(403);
  });
});
