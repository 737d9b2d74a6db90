import { beforeEach, describe, expect, it } from 'vitest';
import { ContactInput } from '../../../shared/domain/casework.js';
import { buildSchedule, defaultTemplate, supportDue } from '../../../shared/domain/in-work-support.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../../shared/errors.js';
import * as contacts from '../../../shared/use-cases/contacts.js';
import { aftercareToDo, chooseSupport, markAftercareDone } from '../../../shared/use-cases/in-work-support.js';
import { searchCaseload } from '../../../shared/use-cases/search.js';
import { sweepDue } from '../../../shared/use-cases/sweep.js';
import { fakeDeps, type FakeDeps } from '../../support/fakes/fake-deps.js';
import { admin, adviser, deliverAll, employerUser, failureOf, liaison, ORG, otherAdviser, scenario } from '../../support/fakes/scenario.js';

/**
 * In-work support: shared/domain/in-work-support.ts and shared/use-cases/in-work-support.ts. A hire
 * starting Mon 2026-12-07: contacts after the first day (8 Dec), the first week (14 Dec) and so on;
 * each overdue from 3 days after its date; the employer's aftercare after weeks 1 (14 Dec) and 4 (4 Jan).
 */
let deps: FakeDeps;
let w: ReturnType<typeof scenario>;

beforeEach(() => {
  deps = fakeDeps({ now: '2026-11-25T10:00:00Z' });
  w = scenario(deps);
});

async function placed(over: Record<string, unknown> = {}) {
  const { vacancy } = await w.openVacancy({ positions: 1 });
  const p = await w.participant(over);
  const { placement } = await w.hired(vacancy.id, p, '2026-12-07');
  return { p, placement: placement!, vacancy };
}

const supportContact = (placementId: string, supportDay: number, over: Record<string, unknown> = {}) =>
  ContactInput.parse({
    occurredAt: '2026-12-08T17:30:00Z',
    channel: 'phone',
    appointment: false,
    attended: true,
    placementId,
    supportDay,
    note: 'First day went well',
    ...over,
  });

describe('the schedule a hire starts', () => {
  it('follows readiness until the adviser chooses: standard for green, at risk (weekly to 6 weeks) for amber', async () => {
    // Act
    const green = (await placed()).placement;
    // Only the ready are put forward, so amber and red are the rule's alone (readiness changes after a hire).
    const atRisk = buildSchedule('2026-12-07', defaultTemplate('amber'), { inWorkContact: true }, 'system', '2026-12-01T00:00:00Z');
    // Assess
    expect(green.support).toMatchObject({ status: 'active', template: 'standard', way: 'any', liaisonId: liaison.sub });
    expect(green.support?.contacts.map((c) => c.dueOn)).toEqual([
      '2026-12-08',
      '2026-12-14',
      '2026-12-21',
      '2027-01-04',
      '2027-01-18',
      '2027-02-15',
      '2027-03-08',
    ]);
    expect([defaultTemplate('red'), atRisk.template]).toEqual(['at-risk', 'at-risk']);
    expect(atRisk.contacts.map((c) => c.day)).toEqual([1, 7, 14, 21, 28, 35, 42, 56, 70, 91]);
  });

  it('honours their consent: no contact at work is by phone or outside work; no contact in work at all is no schedule', async () => {
    // Act
    const outside = (await placed({ consent: { matching: true, shareWithEmployers: [], inWorkContactAtWork: false } })).placement;
    const none = (await placed({ firstName: 'Nia', consent: { matching: true, shareWithEmployers: [], inWorkContact: false } })).placement;
    // Assess
    expect(outside.support).toMatchObject({ status: 'active', way: 'outside-work' });
    expect(none.support).toMatchObject({ status: 'declined', contacts: [] });
    expect(supportDue(none.support)).toBeUndefined();
    // The employer's aftercare does not depend on it: the liaison officer still calls the employer.
    expect(none.support?.aftercare.map((a) => a.week)).toEqual([1, 4]);
  });

  it('keeps contacts made when the template changes (same day), and the rest follow the new one', () => {
    // Prepare
    const first = buildSchedule('2026-12-07', 'at-risk', { inWorkContact: true }, 'u-a', '2026-12-01T00:00:00Z');
    const made = {
      ...first,
      contacts: first.contacts.map((c) => (c.day === 21 ? { ...c, contactId: '01KTEST0000000000000000ZZ', madeAt: 'x' } : c)),
    };
    // Act
    const light = buildSchedule('2026-12-07', 'light', { inWorkContact: true }, 'u-a', '2026-12-09T00:00:00Z', made);
    // Assess: week 3 was made under at-risk; light adds weeks 1, 4 and 13.
    expect(light.contacts.map((c) => [c.day, c.contactId ?? null])).toEqual([
      [7, null],
      [21, '01KTEST0000000000000000ZZ'],
      [28, null],
      [91, null],
    ]);
  });
});

describe('choosing the template', () => {
  it('is for their own adviser and admins: another adviser 404, liaison officers and employers 403', async () => {
    // Prepare
    const { placement, vacancy } = await placed();
    // Act
    const chosen = await chooseSupport(deps, adviser, placement.id, { template: 'light' });
    const other = await failureOf(chooseSupport(deps, otherAdviser, placement.id, { template: 'standard' }));
    const officer = await failureOf(chooseSupport(deps, liaison, placement.id, { template: 'standard' }));
    const employer = await failureOf(chooseSupport(deps, employerUser(vacancy.employerId), placement.id, { template: 'standard' }));
    const byAdmin = await chooseSupport(deps, admin, placement.id, { template: 'at-risk' });
    // Assess
    expect(chosen.support).toMatchObject({ template: 'light', chosenBy: adviser.sub });
    expect(other).toBeInstanceOf(NotFoundError);
    expect(officer).toBeInstanceOf(ForbiddenError);
    expect(employer).toBeInstanceOf(ForbiddenError);
    expect(byAdmin.support?.template).toBe('at-risk');
  });
});

describe('logging a contact against it', () => {
  it('marks the planned contact made in the one contact log; one that did not reach them is a try, and it stays due', async () => {
    // Prepare
    const { p, placement } = await placed();
    deps.clock.set('2026-12-08T18:00:00Z');
    // Act
    const tried = await contacts.logContact(deps, adviser, p.id, supportContact(placement.id, 1, { attended: false, note: undefined }));
    const made = await contacts.logContact(deps, adviser, p.id, supportContact(placement.id, 1));
    // Assess
    expect(made).toMatchObject({ placementId: placement.id, supportDay: 1, note: 'First day went well' });
    const stored = await deps.repos.placements.get(ORG, placement.id);
    expect(stored?.support?.contacts[0]).toEqual({
      day: 1,
      dueOn: '2026-12-08',
      attempts: 1,
      contactId: made.id,
      madeAt: '2026-12-08T17:30:00Z',
    });
    expect((await contacts.listContacts(deps, adviser, p.id, { limit: 10 })).items.map((c) => c.id).sort()).toEqual(
      [tried.id, made.id].sort(),
    );
    expect((await deps.repos.participants.get(ORG, p.id))?.casework?.contactsLogged).toBe(2);
  });

  it('refuses a contact already made (409), one not on the schedule or a job not theirs (400), changing nothing', async () => {
    // Prepare
    const { p, placement } = await placed();
    const { p: someoneElse } = await placed({ firstName: 'Sam' });
    deps.clock.set('2026-12-08T18:00:00Z');
    await contacts.logContact(deps, adviser, p.id, supportContact(placement.id, 1));
    const before = deps.snapshot();
    // Act
    const again = await failureOf(contacts.logContact(deps, adviser, p.id, supportContact(placement.id, 1)));
    const noSuchDay = await failureOf(contacts.logContact(deps, adviser, p.id, supportContact(placement.id, 3)));
    const notTheirs = await failureOf(contacts.logContact(deps, adviser, someoneElse.id, supportContact(placement.id, 7)));
    // Assess
    expect(again).toBeInstanceOf(ConflictError);
    expect(noSuchDay).toBeInstanceOf(ValidationError);
    expect(noSuchDay.errors).toEqual([{ path: 'supportDay', message: 'not a contact of their in-work support schedule' }]);
    expect(notTheirs.errors).toEqual([{ path: 'placementId', message: 'not a placement of theirs' }]);
    expect(deps.snapshot()).toBe(before);
  });

  it('under concurrency: two advisers’ screens logging the same contact at once make it once (the other 409)', async () => {
    // Prepare
    const { p, placement } = await placed();
    deps.clock.set('2026-12-08T18:00:00Z');
    // Act
    const out = await Promise.allSettled([
      contacts.logContact(deps, adviser, p.id, supportContact(placement.id, 1)),
      contacts.logContact(deps, admin, p.id, supportContact(placement.id, 1, { note: 'Same call' })),
    ]);
    // Assess
    expect(out.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
    const lost = out.find((o) => o.status === 'rejected') as PromiseRejectedResult;
    expect(lost.reason).toBeInstanceOf(ConflictError);
    expect((await contacts.listContacts(deps, adviser, p.id, { limit: 10 })).items).toHaveLength(1);
  });
});

describe('overdue contacts', () => {
  it('the sweeper tells the adviser once, three days after a contact’s date; the caseload lists it as overdue', async () => {
    // Prepare
    const { p, placement } = await placed({ consent: { matching: true, shareWithEmployers: [], inWorkContactAtWork: false } });
    deps.clock.set('2026-12-10T07:00:00Z');
    const early = await sweepDue(deps);
    deps.clock.set('2026-12-11T07:00:00Z');
    // Act
    const due = await sweepDue(deps);
    const again = await sweepDue(deps);
    // Assess
    expect([early.supportOverdue, due.supportOverdue, again.supportOverdue]).toEqual([0, 1, 0]);
    expect(deps.events.filter((e) => e.type === 'placement.support-overdue').map((e) => e.detail)).toEqual([
      { day: 1, dueOn: '2026-12-08', late: 1 },
    ]);
    await deliverAll(deps);
    const inbox = (await deps.repos.notifications.list(ORG, adviser.sub, { limit: 20, unreadOnly: false })).items;
    expect(inbox.filter((n) => n.kind === 'support-overdue').map((n) => [n.title, n.body, n.link])).toEqual([
      [
        'In-work support contact overdue: Dean Walsh',
        'After the first day in Warehouse operative, due 8 December 2026, has not been made. Contact them and log it against their in-work support. They asked not to be contacted at work: phone them, or meet outside work.',
        `/placements/${placement.id}`,
      ],
    ]);
    const caseload = await searchCaseload(deps, adviser, { limit: 25 });
    expect(caseload.waiting.find((r) => r.participant.id === p.id)?.needs.support).toEqual([
      { placementId: placement.id, vacancyTitle: 'Warehouse operative', day: 1, dueOn: '2026-12-08', overdue: true, outsideWork: true },
    ]);
  });

  it('a contact made in time is never overdue; nobody who declined in-work contact is chased', async () => {
    // Prepare
    const { p, placement } = await placed();
    await placed({ firstName: 'Nia', consent: { matching: true, shareWithEmployers: [], inWorkContact: false } });
    deps.clock.set('2026-12-08T18:00:00Z');
    await contacts.logContact(deps, adviser, p.id, supportContact(placement.id, 1));
    deps.clock.set('2026-12-12T07:00:00Z');
    // Act
    const report = await sweepDue(deps);
    // Assess
    expect(report.supportOverdue).toBe(0);
    expect(deps.events.filter((e) => e.type === 'placement.support-overdue')).toEqual([]);
  });
});

describe('the employer’s aftercare', () => {
  it('prompts the liaison officer after week 1 and week 4 until each is done (once: again 409; early 400)', async () => {
    // Prepare
    const { placement } = await placed();
    deps.clock.set('2026-12-13T09:00:00Z');
    const before = await aftercareToDo(deps, liaison);
    const early = await failureOf(markAftercareDone(deps, liaison, placement.id, 1));
    deps.clock.set('2026-12-14T09:00:00Z');
    // Act
    const week1 = await aftercareToDo(deps, liaison);
    await markAftercareDone(deps, liaison, placement.id, 1);
    const twice = await failureOf(markAftercareDone(deps, liaison, placement.id, 1));
    const after = await aftercareToDo(deps, liaison);
    deps.clock.set('2027-01-04T09:00:00Z');
    const week4 = await aftercareToDo(deps, liaison);
    // Assess
    expect(before).toEqual([]);
    expect(early).toBeInstanceOf(ValidationError);
    expect(week1).toEqual([
      {
        placementId: placement.id,
        vacancyId: placement.vacancyId,
        vacancyTitle: 'Warehouse operative',
        employerId: placement.employerId,
        startDate: '2026-12-07',
        week: 1,
        dueOn: '2026-12-14',
      },
    ]);
    expect(twice).toBeInstanceOf(ConflictError);
    expect(after).toEqual([]);
    expect(week4.map((a) => a.week)).toEqual([4]);
    expect(await aftercareToDo(deps, { ...liaison, sub: 'u-liaison-2' })).toEqual([]);
    expect(await failureOf(aftercareToDo(deps, adviser))).toBeInstanceOf(ForbiddenError);
  });
});
