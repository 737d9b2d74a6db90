import { beforeEach, describe, expect, it } from 'vitest';
import { nameSortKey as adapterNameSortKey } from '../../../shared/adapters/dynamodb/employer-repository.js';
import {
  AlreadyEnrolledError,
  CohortFullError,
  ConflictError,
  DuplicateEmployerError,
  ValidationError,
  VersionConflict,
} from '../../../shared/errors.js';
import { enrol } from '../../../shared/use-cases/cohorts.js';
import { fakeDeps, sequentialIds, type FakeDeps } from '../../support/fakes/fake-deps.js';
import { nameSortKey } from '../../support/fakes/memory-repositories.js';
import { adviser, failureOf, scenario, ORG } from '../../support/fakes/scenario.js';
import { Id } from '../../../shared/domain/common.js';
import { poolCell } from '../../../shared/matching/profile.js';

/**
 * The in-memory fakes keep the adapters' semantics that use cases rely on (tests/support/fakes):
 * checked here directly, so a use-case test that passes on the fakes means what it says.
 */
let deps: FakeDeps;
let w: ReturnType<typeof scenario>;

beforeEach(() => {
  deps = fakeDeps({ now: '2026-11-25T10:00:00Z' });
  w = scenario(deps);
});

describe('versioned writes', () => {
  it('refuse a write from a stale read with VersionConflict, changing nothing', async () => {
    // Prepare
    const p = await w.participant();
    await deps.repos.participants.update(p, { ...p, skills: ['a'], version: p.version + 1 });
    const before = deps.snapshot();
    // Act
    const err = await failureOf(deps.repos.participants.update(p, { ...p, skills: ['b'], version: p.version + 1 }));
    // Assess
    expect(err).toBeInstanceOf(VersionConflict);
    expect(deps.snapshot()).toBe(before);
  });

  it('refuse to update a record that is not there', async () => {
    // Prepare
    const { vacancy } = await w.openVacancy();
    // Act
    const err = await failureOf(
      deps.repos.vacancies.update(
        { ...vacancy, id: '01KTEST00000000000000000ZZZ' },
        { ...vacancy, id: '01KTEST00000000000000000ZZZ', version: 2 },
      ),
    );
    // Assess
    expect(err).toBeInstanceOf(VersionConflict);
  });
});

describe('all or nothing', () => {
  it('a shortlist whose participant changed meanwhile writes none of it: no vacancy count, guard, submission or event', async () => {
    // Prepare
    const { vacancy } = await w.openVacancy();
    const [a, b] = [await w.participant(), await w.participant()];
    const staleB = { ...b };
    await deps.repos.participants.update(b, { ...b, skills: ['x'], version: b.version + 1 });
    const before = deps.snapshot();
    const sub = (pid: string, id: string) => ({ ...baseSubmission(vacancy), id, participantId: pid, candidateRef: `C-${id.slice(-6)}` });
    // Act
    const err = await failureOf(
      deps.repos.submissions.propose({
        vacancy: { prev: vacancy, next: { ...vacancy, liveSubmissions: 2, version: vacancy.version + 1 } },
        submissions: [sub(a.id, '01KTESTZ000000000000000001'), sub(b.id, '01KTESTZ000000000000000002')],
        participants: [
          { prev: a, next: { ...a, version: a.version + 1 } },
          { prev: staleB, next: { ...staleB, version: staleB.version + 1 } },
        ],
        events: [{ id: 'e1', orgId: ORG, type: 'submission.proposed', at: '2026-11-25T10:00:00.000Z', actorSub: 'x' }],
      }),
    );
    // Assess
    expect(err).toBeInstanceOf(VersionConflict);
    expect(deps.snapshot()).toBe(before);
  });

  it('a guard already held refuses the shortlist with ConflictError (as the adapter names it)', async () => {
    // Prepare
    const { vacancy } = await w.openVacancy();
    const p = await w.participant();
    await w.proposed(vacancy.id, p);
    const v = (await deps.repos.vacancies.get(ORG, vacancy.id))!;
    const q = (await deps.repos.participants.get(ORG, p.id))!;
    const before = deps.snapshot();
    // Act
    const err = await failureOf(
      deps.repos.submissions.propose({
        vacancy: { prev: v, next: { ...v, version: v.version + 1 } },
        submissions: [{ ...baseSubmission(v), id: '01KTEST000000000000000000ZZ', participantId: p.id }],
        participants: [{ prev: q, next: { ...q, version: q.version + 1 } }],
        events: [],
      }),
    );
    // Assess
    expect(err).toBeInstanceOf(ConflictError);
    expect(err.message).toBe('One of these participants has already been put forward for this vacancy');
    expect(deps.snapshot()).toBe(before);
  });

  it('a submission change with a stale vacancy writes neither the submission, the placement nor the events', async () => {
    // Prepare
    const { vacancy } = await w.openVacancy();
    const p = await w.participant();
    const s = await w.proposed(vacancy.id, p);
    const v = (await deps.repos.vacancies.get(ORG, vacancy.id))!;
    await deps.repos.vacancies.update(v, { ...v, title: 'Renamed', version: v.version + 1 });
    const before = deps.snapshot();
    // Act
    const err = await failureOf(
      deps.repos.submissions.apply({
        prev: s,
        next: { ...s, state: 'withdrawn', version: s.version + 1 },
        vacancy: { prev: v, next: { ...v, liveSubmissions: 0, version: v.version + 1 } },
        reopen: true,
        events: [{ id: 'e2', orgId: ORG, type: 'submission.withdrawn', at: '2026-11-25T10:00:00.000Z', actorSub: 'x' }],
      }),
    );
    // Assess
    expect(err).toBeInstanceOf(VersionConflict);
    expect(deps.snapshot()).toBe(before);
  });
});

function baseSubmission(v: { id: string; employerId: string; title: string }) {
  return {
    orgId: ORG,
    vacancyId: v.id,
    vacancyTitle: v.title,
    employerId: v.employerId,
    adviserId: 'u-adviser-1',
    proposedBy: 'u-liaison-1',
    candidateRef: 'C-000000',
    state: 'proposed' as const,
    guaranteedInterview: false,
    proposedAt: '2026-11-25T10:00:00.000Z',
    agreeBy: '2026-11-30',
    history: [{ from: null, to: 'proposed' as const, at: '2026-11-25T10:00:00.000Z', by: 'u-liaison-1' }],
    version: 1,
  };
}

describe('employer duplicate guards', () => {
  it('refuse the same name and postcode (whatever the case and suffix) and the same company number, naming the one held', async () => {
    // Prepare
    const first = await w.employer({ name: 'Greenway Foods Ltd', companyNumber: '01234567' });
    // Act
    const sameName = await failureOf(w.employer({ name: 'GREENWAY FOODS LIMITED' }));
    const sameNumber = await failureOf(w.employer({ name: 'Something Else', companyNumber: '01234567' }));
    const elsewhere = await w.employer({ name: 'Greenway Foods', address: { line1: '1 Road', town: 'York', postcode: 'YO1 7HH' } });
    // Assess
    expect(sameName).toBeInstanceOf(DuplicateEmployerError);
    expect(sameName.extra).toEqual({ existingId: first.id });
    expect(sameName.message).toContain('name and postcode');
    expect(sameNumber).toBeInstanceOf(DuplicateEmployerError);
    expect(sameNumber.message).toContain('company number');
    expect(elsewhere.id).not.toBe(first.id);
  });

  it('move with the employer: a rename frees the old name and claims the new one, refusing one already held', async () => {
    // Prepare
    const a = await w.employer({ name: 'Alpha Ltd' });
    const b = await w.employer({ name: 'Beta Ltd' });
    // Act
    await deps.repos.employers.update(a, { ...a, name: 'Gamma Ltd', version: a.version + 1 });
    const reuse = await w.employer({ name: 'Alpha' });
    const clash = await failureOf(deps.repos.employers.update(b, { ...b, name: 'Gamma', version: b.version + 1 }));
    // Assess
    expect(reuse.name).toBe('Alpha');
    expect(clash).toBeInstanceOf(DuplicateEmployerError);
    expect((await deps.repos.employers.get(ORG, b.id))!.name).toBe('Beta Ltd');
  });

  it('order and prefix-match names with the adapter’s own key', () => {
    // Prepare
    const names = ['Café Nero & Sons', '  Aire Valley  Care, Ltd', '!!!', 'ÉCOLE'];
    // Act, Assess
    for (const n of names) expect(nameSortKey(n)).toBe(adapterNameSortKey(n));
  });
});

describe('cohort places', () => {
  it('never exceed capacity, and nobody is enrolled twice', async () => {
    // Prepare
    const cohort = await w.cohort({ capacity: 1 });
    const [a, b] = [await w.participant(), await w.participant()];
    await enrol(deps, adviser, cohort.id, a.id);
    // Act
    const full = await failureOf(enrol(deps, adviser, cohort.id, b.id));
    const bigger = await w.cohort({ capacity: 5 });
    await enrol(deps, adviser, bigger.id, a.id);
    const twice = await failureOf(enrol(deps, adviser, bigger.id, a.id));
    // Assess
    expect(full).toBeInstanceOf(CohortFullError);
    expect(twice).toBeInstanceOf(AlreadyEnrolledError);
    expect(await deps.repos.cohorts.get(ORG, cohort.id)).toMatchObject({ enrolledCount: 1 });
    expect(await deps.repos.cohorts.get(ORG, bigger.id)).toMatchObject({ enrolledCount: 1 });
  });
});

describe('copies', () => {
  it('what a test holds is not what is stored: changing either leaves the other alone', async () => {
    // Prepare
    const p = await w.participant();
    const read = (await deps.repos.participants.get(ORG, p.id))!;
    // Act
    p.skills.push('written-after-create');
    read.skills.push('written-after-read');
    // Assess
    expect((await deps.repos.participants.get(ORG, p.id))!.skills).toEqual(['picking', 'customer service']);
  });

  it('reads parse with the record’s schema, as the adapter does', async () => {
    // Prepare
    const p = await w.participant();
    const stored = deps.repos.tables.participants.get(`${ORG}|${p.id}`)!;
    // Act
    (stored as unknown as Record<string, unknown>).unexpected = 'dropped on read';
    // Assess
    expect(await deps.repos.participants.get(ORG, p.id)).not.toHaveProperty('unexpected');
  });
});

describe('derived indexes', () => {
  it('the due index lists pending deadlines by date, and only those', async () => {
    // Prepare
    const { vacancy } = await w.openVacancy();
    const s = await w.proposed(vacancy.id, await w.participant());
    // Act
    const due = await deps.repos.due.dueOnOrBefore('2026-11-30', 10);
    const notYet = await deps.repos.due.dueOnOrBefore('2026-11-29', 10);
    const between = await deps.repos.due.dueBetween('2026-11-30', '2026-11-30', 10);
    // Assess
    expect(due).toEqual([{ dueOn: '2026-11-30', orgId: ORG, kind: 'submission', id: s.id }]);
    expect(notYet).toEqual([]);
    expect(between).toEqual(due);
  });

  it('the pool holds active participants who consent to be matched, by area and by cell', async () => {
    // Prepare
    const inPool = await w.participant();
    const noConsent = await w.participant({ consent: { matching: false, shareWithEmployers: [] } });
    // Act
    const byArea = (await deps.repos.pool.profilesInArea(ORG, 'LS')).map((x) => x.id);
    const cell = poolCell(inPool.home.location, inPool.home.postcode);
    const byCell = (await deps.repos.pool.profilesInCells(ORG, [{ cell }])).map((x) => x.id);
    const elsewhere = await deps.repos.pool.profilesInCells(ORG, [{ cell: 'u10h' }]);
    // Assess
    expect(byArea).toEqual([inPool.id]);
    expect(byArea).not.toContain(noConsent.id);
    expect(byCell).toEqual([inPool.id]);
    expect(elsewhere).toEqual([]);
  });
});

describe('lists', () => {
  it('page by cursor and refuse a cursor they did not issue (400)', async () => {
    // Prepare
    const people = await Promise.all(Array.from({ length: 3 }, () => w.participant()));
    // Act
    const first = await deps.repos.participants.listByAdviser(ORG, 'u-adviser-1', { limit: 2 });
    const second = await deps.repos.participants.listByAdviser(ORG, 'u-adviser-1', { limit: 2, cursor: first.nextCursor! });
    const forged = await failureOf(deps.repos.participants.listByAdviser(ORG, 'u-adviser-1', { limit: 2, cursor: 'bm9wZQ' }));
    const otherList = await failureOf(deps.repos.participants.listByAdviser(ORG, 'u-adviser-2', { limit: 2, cursor: first.nextCursor! }));
    // Assess
    expect([...first.items, ...second.items].map((p) => p.id).sort()).toEqual(people.map((p) => p.id).sort());
    expect(second.nextCursor).toBeNull();
    expect(forged).toBeInstanceOf(ValidationError);
    expect(otherList).toBeInstanceOf(ValidationError);
  });
});

describe('ids', () => {
  it('are valid ULIDs, unique and increasing', () => {
    // Prepare
    const ids = sequentialIds();
    // Act
    const made = Array.from({ length: 2000 }, () => ids.next());
    // Assess
    expect(made.every((id) => Id.safeParse(id).success)).toBe(true);
    expect(new Set(made).size).toBe(made.length);
    expect([...made].sort()).toEqual(made);
  });
});
