import { beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../../shared/domain/actor.js';
import { caseworkReport, caseworkReportRows, timeOutOfWork } from '../../../shared/use-cases/casework-report.js';
import { logContact } from '../../../shared/use-cases/contacts.js';
import { updateParticipant } from '../../../shared/use-cases/participants.js';
import { toCsv } from '../../../shared/use-cases/reports.js';
import { fakeDeps, type FakeDeps } from '../../support/fakes/fake-deps.js';
import { admin, adviser, failureOf, liaison, ORG, otherAdviser, scenario } from '../../support/fakes/scenario.js';

/** The casework report (shared/use-cases/casework-report.ts) against a caseload counted by hand. */
let deps: FakeDeps;
let w: ReturnType<typeof scenario>;

beforeEach(async () => {
  deps = fakeDeps({ now: '2026-11-25T10:00:00Z' });
  w = scenario(deps);
  const at = '2026-11-25T10:00:00Z';
  for (const [id, name, team] of [
    [adviser.sub, 'Ada Viser', 'North'],
    [otherAdviser.sub, 'Bo Adviser', 'South'],
    ['u-adviser-3', 'Cy Idle', 'North'],
  ] as const)
    await deps.directory.create({
      id,
      orgId: ORG,
      name,
      email: `${id}@example.org`,
      role: 'adviser',
      team,
      active: true,
      createdAt: at,
      updatedAt: at,
    });
});

/** Someone who joined on `joined` (the clock is put back for it), with the given contacts. */
async function person(
  joined: string,
  over: Record<string, unknown>,
  contacts: { on: string; attended?: boolean; review?: boolean }[] = [],
  by: Actor = adviser,
) {
  deps.clock.set(`${joined}T09:00:00Z`);
  const p = await w.participant(over, by);
  deps.clock.set('2026-11-25T10:00:00Z');
  for (const c of contacts)
    await logContact(deps, by, p.id, {
      occurredAt: `${c.on}T10:00:00Z`,
      channel: 'phone',
      appointment: false,
      attended: c.attended ?? true,
      ...(c.review ? { review: true } : {}),
    });
  return p;
}

describe('the casework report', () => {
  it('counts contacts and reviews by adviser, team, readiness and time out of work as counted by hand, holding back small groups', async () => {
    // Prepare (today is 25 November 2026; "contacted" is a contact that reached them after 11 November).
    // Ada's: 1. joined a week ago, reached 21 Nov: contacted, no-contact due 5 Dec (due soon). Five more the same.
    for (let i = 0; i < 6; i++) await person('2026-11-20', { unemployedSince: '2026-09-01' }, [{ on: '2026-11-21' }]);
    // 2. amber, joined in August, reviewed 24 Nov: contacted, no-contact due 8 Dec (due soon), nothing overdue.
    await person('2026-08-01', { readiness: 'amber', unemployedSince: '2025-06-01' }, [{ on: '2026-11-24', review: true }]);
    // 3. red, joined in August, never contacted: overdue (no contact since 15 Aug, first review 24 Oct).
    await person('2026-08-01', { readiness: 'red', unemployedSince: '2023-01-01' });
    // 4. exited: not counted.
    const gone = await person('2026-08-01', { readiness: 'red', unemployedSince: '2023-01-01' });
    await updateParticipant(deps, adviser, gone.id, { status: 'exited' });
    // Bo's: 5. reached 1 Nov, tried 20 Nov without reaching them: not contacted, overdue (no contact since 15 Nov).
    await person(
      '2026-08-01',
      { unemployedSince: '2026-07-01' },
      [{ on: '2026-11-01' }, { on: '2026-11-20', attended: false }],
      otherAdviser,
    );
    // 6. amber, joined yesterday: not contacted, no-contact due 8 Dec (due soon).
    await person('2026-11-24', { readiness: 'amber', unemployedSince: '2026-03-01' }, [], otherAdviser);
    // Act
    const r = await caseworkReport(deps, admin);
    // Assess
    const c = (x: Record<string, unknown>) => [
      x.participants,
      x.contacted,
      x.notContacted,
      x.contactsLogged,
      x.reviewsOverdue,
      x.reviewsDue,
    ];
    expect(r.advisers.map((a) => [a.name, a.team, ...c(a)])).toEqual([
      ['Ada Viser', 'North', 8, 7, 1, 7, 1, 7],
      ['Bo Adviser', 'South', 2, 0, 2, 2, 1, 1],
    ]);
    expect(r.teams.map((t) => [t.team, t.advisers, ...c(t)])).toEqual([
      ['North', 1, 8, 7, 1, 7, 1, 7],
      ['South', 1, 2, 0, 2, 2, 1, 1],
    ]);
    expect(c(r.all)).toEqual([10, 7, 3, 9, 2, 8]);
    // Readiness: green 7 (6 contacted, 1 not, 1 overdue, 6 due), amber 2 (1, 1, 0, 2), red 1 (0, 1, 1, 0). Counts of 1 to 4
    // are held back; where a column then holds one gap only, its next smallest goes too (green's contacted and due).
    expect(r.readiness.map((g) => [g.group, ...c(g)])).toEqual([
      ['green', 7, null, null, 8, null, null],
      ['amber', null, null, null, null, 0, null],
      ['red', null, 0, null, null, null, 0],
    ]);
    expect(r.timeOutOfWork.map((g) => [g.group, g.participants])).toEqual([
      ['under-6-months', 7],
      ['6-to-12-months', null],
      ['1-to-2-years', null],
      ['2-years-or-more', null],
    ]);
    const csv = toCsv(caseworkReportRows(r));
    expect(csv.split('\n')[0]).toBe(
      'level,group,adviserId,name,team,participants,contacted,notContacted,contactsLogged,reviewsOverdue,reviewsDue,advisers',
    );
    expect(csv).toContain('readiness,red,,,,<5,0,<5,<5,<5,0');
  });

  it('is for admins only, and bands time out of work at 6 months, a year and two', async () => {
    expect((await failureOf(caseworkReport(deps, liaison))).status).toBe(403);
    expect((await failureOf(caseworkReport(deps, adviser))).status).toBe(403);
    expect(['2026-05-26', '2026-05-25', '2025-11-26', '2025-11-25', '2024-11-25'].map((d) => timeOutOfWork(d, '2026-11-25'))).toEqual([
      'under-6-months',
      '6-to-12-months',
      '6-to-12-months',
      '1-to-2-years',
      '2-years-or-more',
    ]);
  });
});
