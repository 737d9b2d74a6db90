import fc from 'fast-check';
import { logContact } from '../../../shared/use-cases/contacts.js';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Page } from '../../../shared/domain/common.js';
import type { PageRequest } from '../../../shared/ports/repositories.js';
import { ValidationError } from '../../../shared/errors.js';
import { recordOutcome } from '../../../shared/use-cases/submissions.js';
import { createCohort } from '../../../shared/use-cases/cohorts.js';
import { CohortCreate } from '../../../shared/domain/cohort.js';
import { cohortBody } from '../../support/fixtures.js';
import {
  filteredPage,
  inArea,
  SEARCH_READ_BUDGET,
  searchCaseload,
  searchCohorts,
  searchEmployers,
  searchVacancies,
  wordsMatch,
} from '../../../shared/use-cases/search.js';
import { fakeDeps, type FakeDeps } from '../../support/fakes/fake-deps.js';
import { admin, adviser, employerUser, failureOf, liaison, otherAdviser, scenario } from '../../support/fakes/scenario.js';

/** Search: shared/use-cases/search.ts. */
let deps: FakeDeps;
let w: ReturnType<typeof scenario>;

beforeEach(() => {
  deps = fakeDeps({ now: '2026-11-25T10:00:00Z' });
  w = scenario(deps);
});

/** A list read page by page as a repository reads it (cursor: the position after the last item given), counting reads. */
function listOf(xs: number[]) {
  const reads: PageRequest[] = [];
  const read = async (page: PageRequest): Promise<Page<number>> => {
    reads.push(page);
    const from = page.cursor === undefined ? 0 : Number(page.cursor);
    const to = Math.min(from + page.limit, xs.length);
    return { items: xs.slice(from, to), nextCursor: to < xs.length ? String(to) : null };
  };
  return { read, reads };
}

/** Every page of a search, followed to the end. */
async function everyPage<T>(next: (cursor?: string) => Promise<Page<T>>): Promise<T[][]> {
  const pages: T[][] = [];
  let cursor: string | undefined;
  do {
    const p = await next(cursor);
    pages.push(p.items);
    cursor = p.nextCursor ?? undefined;
  } while (cursor);
  return pages;
}

describe('reading a filtered page', () => {
  it('pages through exactly what matches, in order, each page full but the last, whatever the limit and the filter', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 99 }), { maxLength: 450 }),
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 1, max: 7 }),
        fc.option(fc.integer({ min: 0, max: 99 }), { nil: undefined }),
        async (xs, limit, modulus, stopAt) => {
          // Prepare: sorted, so `stop` (a value past stopAt) works as a closing-date window does.
          const sorted = [...xs].sort((a, b) => a - b);
          const { read } = listOf(sorted);
          const keep = (x: number) => x % modulus === 0;
          const stop = stopAt === undefined ? undefined : (x: number) => x > stopAt;
          // Act
          const pages = await everyPage((cursor) => filteredPage(read, keep, { limit, cursor }, stop));
          // Assess
          const expected = sorted.filter((x) => keep(x) && (stopAt === undefined || x <= stopAt));
          expect(pages.flat()).toEqual(expected);
          for (const p of pages.slice(0, -1)) expect(p.length).toBe(limit);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('reads no more than its budget for one page of a rare match, and hands on the rest', async () => {
    // Prepare: 2,500 records, one match near the end.
    const xs = Array.from({ length: 2500 }, (_, i) => (i === 2400 ? 1 : 0));
    const { read, reads } = listOf(xs);
    // Act
    const first = await filteredPage(read, (x) => x === 1, { limit: 25 });
    // Assess
    expect(first.items).toEqual([]);
    expect(first.nextCursor).not.toBeNull();
    expect(reads.reduce((n, r) => n + r.limit, 0)).toBeLessThanOrEqual(SEARCH_READ_BUDGET);
    const rest = await everyPage((cursor) => filteredPage(read, (x) => x === 1, { limit: 25, cursor: cursor ?? first.nextCursor! }));
    expect(rest.flat()).toEqual([1]);
  });
});

describe('words and areas', () => {
  it.each([
    ['kirk', 'Kirkgate Bakery', true],
    ['bakery', 'Kirkgate Bakery', true],
    ['kirk bak', 'Kirkgate Bakery', true],
    ['gate', 'Kirkgate Bakery', false],
    ['cafe', 'Siân’s Café', true],
    ['', 'Anything', true],
  ])('“%s” in “%s”: %s', (typed, name, found) => expect(wordsMatch(typed, name)).toBe(found));

  it.each([
    ['Leeds', { town: 'Leeds', postcode: 'LS11 5PQ' }, true],
    ['leeds', { town: 'Leeds', postcode: 'LS11 5PQ' }, true],
    ['Bradford', { town: 'Leeds', postcode: 'LS11 5PQ' }, false],
    ['LS', { town: 'Leeds', postcode: 'LS11 5PQ' }, true],
    ['L', { town: 'Liverpool', postcode: 'LS11 5PQ' }, false],
    ['L', { town: 'Liverpool', postcode: 'L1 8JQ' }, true],
    ['LS11', { town: 'Leeds', postcode: 'LS11 5PQ' }, true],
    ['ls1', { town: 'Leeds', postcode: 'LS11 5PQ' }, false],
    ['LS1', { town: 'Leeds', postcode: 'LS1 4AP' }, true],
    ['LS11 5', { town: 'Leeds', postcode: 'LS11 5PQ' }, true],
    ['LS11 6', { town: 'Leeds', postcode: 'LS11 5PQ' }, false],
  ])('“%s” finds %j: %s', (typed, address, found) => expect(inArea(typed, address)).toBe(found));
});

describe('finding employers', () => {
  it('combines name, stage, account manager and area, in name order, past any number of employers', async () => {
    // Prepare: 130 employers (more than one read), a few of them the ones looked for.
    for (let i = 0; i < 126; i++) await w.employer({ name: `Aire Foods ${String(i).padStart(3, '0')}`, stage: 'engaged' });
    await w.employer({ name: 'Kirkgate Bakery', stage: 'active', address: { line1: '1 Kirkgate', town: 'Leeds', postcode: 'LS1 7DJ' } });
    await w.employer({ name: 'Bakery Hall', stage: 'active', address: { line1: '2 Hall Lane', town: 'Bradford', postcode: 'BD1 1AA' } });
    await w.employer({
      name: 'Northern Bakery',
      stage: 'prospect',
      address: { line1: '3 Mill Street', town: 'Leeds', postcode: 'LS10 8AB' },
    });
    await w.employer({
      name: 'Zeta Bakery',
      stage: 'active',
      accountManagerId: 'u-liaison-2',
      address: { line1: '4 Stonegate', town: 'York', postcode: 'YO1 8AS' },
    });
    const find = (s: Record<string, string>) => searchEmployers(deps, liaison, { limit: 25, ...s }).then((p) => p.items.map((e) => e.name));
    // Act and assess
    expect(await find({ q: 'bakery' })).toEqual(['Bakery Hall', 'Kirkgate Bakery', 'Northern Bakery', 'Zeta Bakery']);
    expect(await find({ q: 'bakery', stage: 'active' })).toEqual(['Bakery Hall', 'Kirkgate Bakery', 'Zeta Bakery']);
    expect(await find({ q: 'bakery', area: 'Leeds' })).toEqual(['Kirkgate Bakery', 'Northern Bakery']);
    expect(await find({ area: 'BD' })).toEqual(['Bakery Hall']);
    expect(await find({ accountManagerId: 'u-liaison-2' })).toEqual(['Zeta Bakery']);
    expect(await find({ q: 'bakery', accountManagerId: 'u-liaison-1', stage: 'active', area: 'LS1' })).toEqual(['Kirkgate Bakery']);
    const pages = await everyPage((cursor) => searchEmployers(deps, liaison, { limit: 50, stage: 'engaged', cursor }));
    expect(pages.map((p) => p.length)).toEqual([50, 50, 26]);
  });

  it('refuses a bad filter by name, and shows an employer user only their own employer', async () => {
    const err = await failureOf(
      searchEmployers(deps, liaison, { limit: 25, stage: 'asleep', accountManagerId: 'not a user', q: 'x'.repeat(101) }),
    );
    expect(err).toBeInstanceOf(ValidationError);
    expect(err.errors?.map((e) => e.path).sort()).toEqual(['accountManagerId', 'q', 'stage']);
    const mine = await w.employer({ name: 'Kirkgate Bakery' });
    await w.employer({ name: 'Kirkgate Butchers' });
    const seen = await searchEmployers(deps, employerUser(mine.id), { limit: 25, q: 'kirkgate' });
    expect(seen.items.map((e) => e.id)).toEqual([mine.id]);
  });
});

describe('finding vacancies', () => {
  it('by title, skill (or its synonym), employer and closing soon, soonest closing first', async () => {
    // Prepare
    const hartley = await w.employer({ name: 'Hartley Logistics' });
    const kirkgate = await w.employer({ name: 'Kirkgate Bakery' });
    await w.vacancy(hartley.id, { title: 'Night picker', closingDate: '2026-12-30', essentialSkills: ['picking'] });
    await w.vacancy(hartley.id, { title: 'Forklift driver', closingDate: '2026-12-01', essentialSkills: ['forklift'] });
    await w.vacancy(kirkgate.id, { title: 'Bakery assistant', closingDate: '2026-12-05', essentialSkills: ['food hygiene'] });
    await w.vacancy(kirkgate.id, { title: 'Draft picker', closingDate: '2026-12-06', status: 'draft' });
    const find = (s: Record<string, unknown>, actor = liaison) =>
      searchVacancies(deps, actor, { limit: 25, ...s }).then((p) => p.items.map((v) => v.title));
    // Act and assess
    expect(await find({})).toEqual(['Forklift driver', 'Bakery assistant', 'Night picker']);
    expect(await find({ title: 'picker' })).toEqual(['Night picker']);
    expect(await find({ title: 'warehouse' })).toHaveLength(3);
    expect(await find({ skill: 'Forklift' })).toEqual(['Forklift driver']);
    expect(await find({ employer: 'kirkgate' })).toEqual(['Bakery assistant']);
    expect(await find({ closingSoon: true })).toEqual(['Forklift driver', 'Bakery assistant']);
    expect(await find({ status: 'draft' })).toEqual(['Draft picker']);
    // Advisers read drafts, listed or searched alike (they prepare candidates before one opens).
    expect(await find({ status: 'draft' }, adviser)).toEqual(['Draft picker']);
    expect(await find({ status: 'draft', title: 'picker', employer: 'kirk' }, adviser)).toEqual(['Draft picker']);
    expect(await find({}, employerUser(kirkgate.id))).toEqual(['Bakery assistant']);
    const err = await failureOf(find({ status: 'gone' }));
    expect(err.errors).toEqual([{ path: 'status', message: 'choose an option' }]);
  });
});

describe('a caseload with what needs doing', () => {
  it('flags proposals to answer and check-ins due, filters by them, by readiness and by name or reference', async () => {
    // Prepare: Dean has a proposal waiting; Fay a check-in due (hired long enough ago); Gail nothing.
    const { vacancy } = await w.openVacancy({ positions: 3 });
    const dean = await w.participant({ firstName: 'Dean', lastName: 'Walsh' });
    const fay = await w.participant({ firstName: 'Fay', lastName: 'Adams' });
    const gail = await w.participant({ firstName: 'Gail', lastName: 'Moss', readiness: 'amber' });
    await w.participant({ firstName: 'Hal', lastName: 'Other' }, otherAdviser);
    await w.proposed(vacancy.id, dean);
    const s = await w.atInterview(vacancy.id, fay);
    await recordOutcome(deps, liaison, s.id, { outcome: 'hired', startDate: '2026-08-24' });
    // Act
    const all = await searchCaseload(deps, adviser, { limit: 25 });
    const needing = await searchCaseload(deps, adviser, { limit: 25, needsAction: true });
    // Assess
    expect(all.items.map((r) => r.participant.firstName)).toEqual(['Fay', 'Gail', 'Dean']);
    expect(all.waiting.map((r) => r.participant.firstName).sort()).toEqual(['Dean', 'Fay']);
    expect(needing.waiting).toEqual(all.waiting);
    const byName = new Map(all.items.map((r) => [r.participant.firstName, r.needs]));
    expect(byName.get('Dean')?.proposals).toEqual([expect.objectContaining({ vacancyTitle: 'Warehouse operative' })]);
    expect(byName.get('Fay')?.checkins).toEqual([expect.objectContaining({ milestone: 13, dueOn: '2026-11-23', overdue: true })]);
    expect(byName.get('Gail')).toEqual({ proposals: [], checkins: [], support: [], review: [] });
    expect(needing.items.map((r) => r.participant.firstName)).toEqual(['Fay', 'Dean']);
    expect((await searchCaseload(deps, adviser, { limit: 25, readiness: 'amber' })).items.map((r) => r.participant.id)).toEqual([gail.id]);
    expect((await searchCaseload(deps, adviser, { limit: 25, text: 'wal' })).items.map((r) => r.participant.id)).toEqual([dean.id]);
    expect((await searchCaseload(deps, adviser, { limit: 25, text: fay.id.toLowerCase() })).items.map((r) => r.participant.id)).toEqual([
      fay.id,
    ]);
  });

  it('sorts as asked, ties by surname; a liaison officer cannot sort by contacts (casework)', async () => {
    const ann = await w.participant({ firstName: 'Ann', lastName: 'Zeal', readiness: 'green' });
    deps.clock.set('2026-11-25T11:00:00Z');
    await w.participant({ firstName: 'Bo', lastName: 'Young', readiness: 'red' });
    deps.clock.set('2026-11-25T12:00:00Z');
    const cy = await w.participant({ firstName: 'Cy', lastName: 'Xu', readiness: 'amber' });
    // Ann was contacted long ago, Cy lately, Bo never.
    const contact = (occurredAt: string) => ({ occurredAt, channel: 'phone' as const, appointment: false, attended: true, review: false });
    await logContact(deps, adviser, ann.id, contact('2026-10-01T09:00:00Z'));
    await logContact(deps, adviser, cy.id, contact('2026-11-20T09:00:00Z'));
    const order = async (sort?: string, actor = adviser) =>
      (await searchCaseload(deps, actor, { limit: 25, sort, adviserId: adviser.sub })).items.map((r) => r.participant.firstName);
    expect(await order()).toEqual(['Cy', 'Bo', 'Ann']);
    expect(await order('surname')).toEqual(['Cy', 'Bo', 'Ann']);
    expect(await order('readiness')).toEqual(['Ann', 'Cy', 'Bo']);
    expect(await order('last-contact')).toEqual(['Bo', 'Ann', 'Cy']);
    expect(await order('newest')).toEqual(['Cy', 'Bo', 'Ann']);
    expect(await order('readiness', liaison)).toEqual(['Ann', 'Cy', 'Bo']);
    expect((await failureOf(order('last-contact', liaison))).errors).toEqual([{ path: 'sort', message: 'choose an option' }]);
    expect((await failureOf(order('age'))).errors).toEqual([{ path: 'sort', message: 'choose an option' }]);
  });

  it('pages, keeps to the adviser’s own caseload, and lets an admin name the adviser', async () => {
    for (let i = 0; i < 7; i++) await w.participant({ lastName: `Person${i}` });
    await w.participant({ lastName: 'Elsewhere' }, otherAdviser);
    const pages = await everyPage((cursor) => searchCaseload(deps, adviser, { limit: 3, cursor }));
    expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
    expect((await searchCaseload(deps, adviser, { limit: 25, adviserId: otherAdviser.sub })).total).toBe(7);
    expect(
      (await searchCaseload(deps, admin, { limit: 25, adviserId: otherAdviser.sub })).items.map((r) => r.participant.lastName),
    ).toEqual(['Elsewhere']);
    expect((await failureOf(searchCaseload(deps, admin, { limit: 25 }))).errors).toEqual([
      { path: 'adviserId', message: 'enter the adviser’s user id' },
    ]);
    // A liaison officer finds people on a named caseload, but not by what waits on the adviser (that is casework).
    const seen = await searchCaseload(deps, liaison, { limit: 25, adviserId: adviser.sub });
    expect(seen.total).toBe(7);
    expect(seen.waiting).toEqual([]);
    expect(seen.items.every((r) => !r.needs.proposals.length && !r.needs.review.length && !r.needs.appointmentToRecord)).toBe(true);
    expect((await failureOf(searchCaseload(deps, liaison, { limit: 25, adviserId: adviser.sub, needsAction: true }))).status).toBe(403);
    expect((await failureOf(searchCaseload(deps, adviser, { limit: 25, cursor: 'x' }))).errors?.[0]?.path).toBe('cursor');
  });
});

describe('searching cohorts', () => {
  it('finds by words of the title, provider or venue, sector and when; sorts as asked; pages; names bad filters', async () => {
    // Prepare: today is 25 November 2026.
    const make = (title: string, startDate: string, endDate: string, capacity: number, over: Record<string, unknown> = {}) =>
      createCohort(deps, liaison, CohortCreate.parse(cohortBody({ title, startDate, endDate, capacity, ...over })));
    await make('Warehouse routeway, January', '2027-01-11', '2027-01-22', 12);
    await make('Care certificate, November', '2026-11-16', '2026-11-27', 8, { sector: 'care', provider: 'Calder Care Academy' });
    await make('Door supervisor, October', '2026-10-05', '2026-10-16', 20, { sector: 'security' });
    const titles = async (s: Record<string, string>) =>
      (await searchCohorts(deps, liaison, { limit: 25, ...s })).items.map((c) => c.title.split(',')[0]);
    // Act / Assess
    expect(await titles({})).toEqual(['Door supervisor', 'Care certificate', 'Warehouse routeway']);
    expect(await titles({ sort: 'title' })).toEqual(['Care certificate', 'Door supervisor', 'Warehouse routeway']);
    expect(await titles({ sort: 'places' })).toEqual(['Door supervisor', 'Warehouse routeway', 'Care certificate']);
    expect(await titles({ phase: 'running' })).toEqual(['Care certificate']);
    expect(await titles({ phase: 'upcoming' })).toEqual(['Warehouse routeway']);
    expect(await titles({ phase: 'ended', sector: 'security' })).toEqual(['Door supervisor']);
    expect(await titles({ text: 'calder' })).toEqual(['Care certificate']);
    expect(await titles({ text: 'hunslet rout' })).toEqual(['Warehouse routeway']);
    const first = await searchCohorts(deps, liaison, { limit: 2 });
    expect(first).toMatchObject({ total: 3, nextCursor: '2' });
    expect((await searchCohorts(deps, liaison, { limit: 2, cursor: '2' })).items.map((c) => c.title)).toEqual([
      'Warehouse routeway, January',
    ]);
    const refused = await failureOf(searchCohorts(deps, liaison, { limit: 2, sector: 'space', phase: 'soon', sort: 'x', cursor: 'abc' }));
    expect(refused).toBeInstanceOf(ValidationError);
    expect((refused as ValidationError).errors?.map((e) => e.path)).toEqual(['sector', 'phase', 'sort', 'cursor']);
  });
});
