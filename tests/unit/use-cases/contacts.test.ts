import { beforeEach, describe, expect, it } from 'vitest';
import { AppointmentInput, ContactInput, reviewReasonLabel, reviewReasons, summaryAfterContact } from '../../../shared/domain/casework.js';
import { reviewRulesOf } from '../../../shared/domain/programmes.js';
import * as contacts from '../../../shared/use-cases/contacts.js';
import { exportParticipant, eraseParticipant } from '../../../shared/use-cases/subject-rights.js';
import { sweepDue } from '../../../shared/use-cases/sweep.js';
import { fakeDeps, type FakeDeps } from '../../support/fakes/fake-deps.js';
import { admin, adviser, deliverAll, failureOf, liaison, ORG, otherAdviser, scenario } from '../../support/fakes/scenario.js';

/** Contacts and appointments: shared/use-cases/contacts.ts. */
let deps: FakeDeps;
let w: ReturnType<typeof scenario>;

beforeEach(() => {
  deps = fakeDeps({ now: '2026-11-25T10:00:00Z' });
  w = scenario(deps);
});

const contact = (over: Record<string, unknown> = {}) =>
  ContactInput.parse({
    occurredAt: '2026-11-25T09:30:00Z',
    channel: 'phone',
    appointment: false,
    attended: true,
    note: 'Talked about CVs',
    ...over,
  });
const appointment = (over: Record<string, unknown> = {}) =>
  AppointmentInput.parse({ at: '2026-12-02T10:30:00Z', channel: 'in-person', purpose: 'Review the action plan', ...over });
const auditActions = async (id: string) =>
  (await deps.repos.participants.listAudit(ORG, id, { limit: 100 })).items.map((a) => `${a.action}:${a.detail?.record ?? ''}`);

describe('logging a contact', () => {
  it('keeps the contact, moves the participant’s casework summary on, audits the write and counts it', async () => {
    // Prepare
    const p = await w.participant();
    // Act
    const c = await contacts.logContact(deps, adviser, p.id, contact());
    await contacts.logContact(deps, adviser, p.id, contact({ occurredAt: '2026-11-24T15:00:00Z', attended: false, note: undefined }));
    // Assess
    expect(c).toMatchObject({ participantId: p.id, channel: 'phone', attended: true, note: 'Talked about CVs', recordedBy: adviser.sub });
    const stored = await deps.repos.participants.get(ORG, p.id);
    expect(stored?.casework).toEqual({ lastContactAt: '2026-11-25T09:30:00Z', lastAttemptAt: '2026-11-25T09:30:00Z', contactsLogged: 2 });
    expect(await auditActions(p.id)).toEqual(['casework.write:contact', 'casework.write:contact']);
    const logged = deps.events.filter((e) => e.type === 'casework.contact-logged');
    expect(logged.map((e) => e.detail)).toEqual([
      { channel: 'phone', appointment: false, attended: true, review: false, adviser: adviser.sub, readiness: 'green', ltu: 'yes' },
      { channel: 'phone', appointment: false, attended: false, review: false, adviser: adviser.sub, readiness: 'green', ltu: 'yes' },
    ]);
    // Latest first, by when it happened.
    const page = await contacts.listContacts(deps, adviser, p.id, { limit: 10 });
    expect(page.items.map((x) => x.occurredAt)).toEqual(['2026-11-25T09:30:00Z', '2026-11-24T15:00:00Z']);
  });

  it('refuses a contact in the future, naming the field, and changes nothing', async () => {
    // Prepare
    const p = await w.participant();
    const before = deps.snapshot();
    // Act
    const err = await failureOf(contacts.logContact(deps, adviser, p.id, contact({ occurredAt: '2026-11-25T10:06:00Z' })));
    // Assess
    expect(err.status).toBe(400);
    expect(err.errors?.map((e) => e.path)).toEqual(['occurredAt']);
    expect(deps.snapshot()).toBe(before);
  });

  it('is only for the own adviser and admins: another adviser meets 404, a liaison officer 403', async () => {
    // Prepare
    const p = await w.participant();
    // Act
    const other = await failureOf(contacts.logContact(deps, otherAdviser, p.id, contact()));
    const officer = await failureOf(contacts.logContact(deps, liaison, p.id, contact()));
    const reading = await failureOf(contacts.listContacts(deps, otherAdviser, p.id, { limit: 10 }));
    // Assess
    expect([other.status, officer.status, reading.status]).toEqual([404, 403, 404]);
    await expect(contacts.logContact(deps, admin, p.id, contact())).resolves.toMatchObject({ recordedBy: admin.sub });
  });

  it('leaves an audit entry for every read of the notes, before it returns them', async () => {
    // Prepare
    const p = await w.participant();
    await contacts.logContact(deps, adviser, p.id, contact());
    // Act
    await contacts.listContacts(deps, adviser, p.id, { limit: 10 });
    await contacts.listAppointments(deps, admin, p.id);
    // Assess
    expect(await auditActions(p.id)).toEqual(['casework.write:contact', 'casework.read:contacts', 'casework.read:appointments']);
  });

  it('leaves no audit entry for a read refused for its cursor (nothing was read)', async () => {
    // Prepare
    const p = await w.participant();
    const before = deps.snapshot();
    // Act
    const err = await failureOf(contacts.listContacts(deps, adviser, p.id, { limit: 10, cursor: 'a' }));
    // Assess
    expect(err.status).toBe(400);
    expect(deps.snapshot()).toBe(before);
  });

  it('records a planned appointment: it stops waiting, and the next appointment moves on', async () => {
    // Prepare
    const p = await w.participant();
    const first = await contacts.planAppointment(deps, adviser, p.id, appointment({ at: '2026-11-26T10:00:00Z' }));
    const second = await contacts.planAppointment(deps, adviser, p.id, appointment());
    deps.clock.set('2026-11-26T11:00:00Z');
    // Act
    const c = await contacts.logContact(
      deps,
      adviser,
      p.id,
      contact({ occurredAt: '2026-11-26T10:00:00Z', channel: 'in-person', appointment: true, attended: false, appointmentId: first.id }),
    );
    // Assess
    expect(await deps.repos.casework.getAppointment(ORG, p.id, first.id)).toMatchObject({ status: 'recorded', contactId: c.id });
    const stored = await deps.repos.participants.get(ORG, p.id);
    expect(stored?.casework).toMatchObject({ nextAppointmentAt: second.at, lastAttemptAt: '2026-11-26T10:00:00Z', contactsLogged: 1 });
    expect(stored?.casework?.lastContactAt).toBeUndefined();
    // The same appointment cannot be recorded twice.
    const again = await failureOf(
      contacts.logContact(deps, adviser, p.id, contact({ appointment: true, appointmentId: first.id, occurredAt: '2026-11-26T10:00:00Z' })),
    );
    expect(again.status).toBe(409);
  });

  it('says a contact recording an appointment must be an appointment', () => {
    const r = ContactInput.safeParse({
      occurredAt: '2026-11-25T09:30:00Z',
      channel: 'phone',
      appointment: false,
      attended: true,
      appointmentId: '01KTEST0000000000000000001',
    });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join('.'))).toEqual(['appointment']);
  });
});

describe('appointments and their reminders', () => {
  it('refuses one in the past', async () => {
    const p = await w.participant();
    const err = await failureOf(contacts.planAppointment(deps, adviser, p.id, appointment({ at: '2026-11-25T09:00:00Z' })));
    expect([err.status, err.errors?.[0]?.path]).toEqual([400, 'at']);
  });

  it('reminds the adviser once, the day before, through the due index; not before, and not when cancelled', async () => {
    // Prepare
    const p = await w.participant();
    const kept = await contacts.planAppointment(deps, adviser, p.id, appointment());
    const dropped = await contacts.planAppointment(deps, adviser, p.id, appointment({ at: '2026-12-02T14:00:00Z' }));
    await contacts.cancelAppointment(deps, adviser, p.id, dropped.id);
    expect(kept.remindOn).toBe('2026-12-01');
    // Act
    deps.clock.set('2026-11-30T23:00:00Z');
    const early = await sweepDue(deps);
    deps.clock.set('2026-12-01T00:30:00Z');
    const onTheDay = await sweepDue(deps);
    const again = await sweepDue(deps);
    // Assess
    expect([early.appointmentReminders, onTheDay.appointmentReminders, again.appointmentReminders]).toEqual([0, 1, 0]);
    expect(onTheDay.dueRead).toBe(1);
    await deliverAll(deps);
    const inbox = (await deps.repos.notifications.list(ORG, adviser.sub, { limit: 10, unreadOnly: false })).items;
    expect(inbox.map((n) => [n.kind, n.title, n.body])).toEqual([
      [
        'appointment-reminder',
        'Appointment tomorrow: Dean Walsh',
        '2 December 2026 at 10:30am, in person. Record how it went once it has happened.',
      ],
    ]);
    // The purpose stays in the casework: it is not in the notification.
    expect(JSON.stringify(inbox)).not.toContain('action plan');
  });

  it('needs no reminder when it is planned less than a day ahead', async () => {
    const p = await w.participant();
    const a = await contacts.planAppointment(deps, adviser, p.id, appointment({ at: '2026-11-26T09:00:00Z' }));
    expect(a.remindOn).toBeUndefined();
    expect((await deps.repos.due.dueOnOrBefore('2026-12-31', 10)).filter((d) => d.kind === 'appointment')).toEqual([]);
  });

  it('cancelling one already cancelled is a conflict; an unknown one is not found', async () => {
    const p = await w.participant();
    const a = await contacts.planAppointment(deps, adviser, p.id, appointment());
    await contacts.cancelAppointment(deps, adviser, p.id, a.id);
    expect((await failureOf(contacts.cancelAppointment(deps, adviser, p.id, a.id))).status).toBe(409);
    expect((await failureOf(contacts.cancelAppointment(deps, adviser, p.id, '01KTEST000000000000000ZZZZ'))).status).toBe(404);
    expect((await deps.repos.participants.get(ORG, p.id))?.casework?.nextAppointmentAt).toBeUndefined();
  });
});

describe('subject rights', () => {
  it('exports every contact and appointment with their notes, and erasure takes them all', async () => {
    // Prepare
    const p = await w.participant();
    await contacts.logContact(deps, adviser, p.id, contact());
    await contacts.planAppointment(deps, adviser, p.id, appointment());
    // Act
    const doc = await exportParticipant(deps, adviser, p.id);
    await eraseParticipant(deps, admin, p.id);
    // Assess
    expect(doc.contacts.map((c) => c.note)).toEqual(['Talked about CVs']);
    expect(doc.appointments.map((a) => a.purpose)).toEqual(['Review the action plan']);
    expect(await deps.repos.casework.allContacts(ORG, p.id)).toEqual([]);
    expect(await deps.repos.casework.appointments(ORG, p.id)).toEqual([]);
    expect(deps.snapshot()).not.toContain('Talked about CVs');
    expect(deps.snapshot()).not.toContain('Review the action plan');
  });
});

describe('who needs a review (their programme’s review rules)', () => {
  // Joined 25 November 2026, amber: contact due by 9 December, first review by 17 February 2027.
  const joined = { status: 'active', readiness: 'amber', createdAt: '2026-11-25T10:00:00Z', readinessSince: '2026-11-25T10:00:00Z' };

  it('puts someone with no contact in 14 days, no review in 12 weeks, or amber for 12 weeks on the list, each from its day', () => {
    // Prepare, Act, Assess: the day before each rule falls due, and the day itself.
    expect(reviewReasons(joined, '2026-12-08')).toEqual([]);
    expect(reviewReasons(joined, '2026-12-09')).toEqual([{ reason: 'no-contact', dueOn: '2026-12-09' }]);
    expect(reviewReasons(joined, '2027-02-17').map((r) => r.reason)).toEqual(['no-contact', 'review-due', 'readiness-unchanged']);
    // Green people are not held to the readiness rule; placed and exited people are not on the list at all.
    expect(reviewReasons({ ...joined, readiness: 'green' }, '2027-02-17').map((r) => r.reason)).toEqual(['no-contact', 'review-due']);
    expect(reviewReasons({ ...joined, status: 'placed' }, '2027-02-17')).toEqual([]);
  });

  it('applies the participant’s programme’s figures: Employment Zones review at 10 weeks, not 12, and say so', () => {
    // Prepare: joined 25 November 2026; 10 weeks on is 3 February 2027, 12 weeks 17 February.
    const ez = { ...joined, programme: 'employment-zones' };
    // Act, Assess
    expect(reviewReasons(ez, '2027-02-03').map((r) => [r.reason, r.dueOn])).toEqual([
      ['no-contact', '2026-12-09'],
      ['review-due', '2027-02-03'],
      ['readiness-unchanged', '2027-02-03'],
    ]);
    expect(reviewReasons(joined, '2027-02-03').map((r) => r.reason)).toEqual(['no-contact']);
    expect(reviewReasonLabel('review-due', reviewRulesOf('employment-zones'))).toBe(
      'Action plan not reviewed (first at 10 weeks, then every 4)',
    );
    expect(reviewReasonLabel('review-due', reviewRulesOf(undefined))).toBe('Action plan not reviewed (first at 12 weeks, then every 4)');
  });

  it('starts the clocks again: a contact that reached them the contact rule, a review all three', () => {
    // Prepare
    const contacted = { ...joined, casework: summaryAfterContact(undefined, { occurredAt: '2027-02-10T10:00:00Z', attended: true }) };
    const missed = { ...joined, casework: summaryAfterContact(undefined, { occurredAt: '2027-02-10T10:00:00Z', attended: false }) };
    const reviewed = {
      ...joined,
      casework: summaryAfterContact(undefined, { occurredAt: '2027-02-10T10:00:00Z', attended: true, review: true }),
    };
    // Act, Assess
    expect(reviewReasons(contacted, '2027-02-17').map((r) => r.reason)).toEqual(['review-due', 'readiness-unchanged']);
    expect(reviewReasons(missed, '2027-02-17').map((r) => r.reason)).toEqual(['no-contact', 'review-due', 'readiness-unchanged']);
    expect(reviewReasons(reviewed, '2027-02-17')).toEqual([]);
    // Then monthly: due again four weeks after the review.
    expect(reviewReasons(reviewed, '2027-03-10').map((r) => r.reason)).toEqual(['no-contact', 'review-due']);
  });

  it('reads the stored records after contacts logged through the use case: a review resets every clock', async () => {
    // Prepare
    const a = await w.participant();
    const b = await w.participant();
    deps.clock.set('2026-12-20T10:00:00Z');
    await contacts.logContact(deps, adviser, b.id, contact({ occurredAt: '2026-12-20T09:00:00Z', review: true }));
    await contacts.logContact(deps, adviser, a.id, contact({ occurredAt: '2026-12-19T09:00:00Z' }));
    const stored = async () => Promise.all([a, b].map(async (p) => (await deps.repos.participants.get(ORG, p.id))!));
    // Act: a month and a half later
    deps.clock.set('2027-02-05T10:00:00Z');
    const list = (await stored()).map((p) => ({ participant: p, reasons: reviewReasons(p, deps.clock.today()) }));
    // Assess
    expect((await deps.repos.participants.get(ORG, b.id))?.casework?.lastReviewAt).toBe('2026-12-20T09:00:00Z');
    expect(list.map((x) => [x.participant.id, x.reasons.map((r) => r.reason)])).toEqual([
      [a.id, ['no-contact']],
      [b.id, ['no-contact', 'review-due']],
    ]);
  });

  it('refuses a review at a contact that did not reach them, naming the field', async () => {
    // Prepare
    const p = await w.participant();
    // Act
    const parsed = ContactInput.safeParse({ ...contact(), attended: false, review: true });
    // Assess
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path.join('.'))).toEqual(['review']);
    expect((await deps.repos.participants.get(ORG, p.id))?.casework).toBeUndefined();
  });
});

describe('the sweeper reminds the adviser when a review falls due', () => {
  const inbox = async () => (await deps.repos.notifications.list(ORG, adviser.sub, { limit: 20, unreadOnly: false })).items;

  it('once per due date, through the due index: not before, not twice, again when a new date comes', async () => {
    // Prepare: joined 25 November, no contact: the contact rule falls due on 9 December.
    const p = await w.participant();
    deps.clock.set('2026-12-08T23:00:00Z');
    const early = await sweepDue(deps);
    // Act
    deps.clock.set('2026-12-09T01:00:00Z');
    const onTheDay = await sweepDue(deps);
    const again = await sweepDue(deps);
    // Assess
    expect([early.reviewReminders, onTheDay.reviewReminders, again.reviewReminders]).toEqual([0, 1, 0]);
    expect([onTheDay.dueRead, again.dueRead]).toEqual([1, 0]);
    expect((await deps.repos.participants.get(ORG, p.id))?.casework?.reviewRemindedFor).toBe('2026-12-09');
    await deliverAll(deps);
    expect((await inbox()).map((n) => [n.kind, n.title, n.body, n.link])).toEqual([
      [
        'review-due',
        'Needs a review: Dean Walsh',
        'No contact that reached them in 14 days. Due 9 December 2026: contact them, and review their action plan with them.',
        `/participants/${p.id}`,
      ],
    ]);
    // A call that did not reach them moves nothing: the next date is the first review, at 12 weeks.
    deps.clock.set('2026-12-10T10:00:00Z');
    await contacts.logContact(deps, adviser, p.id, contact({ occurredAt: '2026-12-10T09:00:00Z', attended: false, note: undefined }));
    expect(await deps.repos.due.dueOnOrBefore('2027-02-16', 10)).toEqual([]);
    deps.clock.set('2027-02-17T01:00:00Z');
    const later = await sweepDue(deps);
    expect(later.reviewReminders).toBe(1);
    await deliverAll(deps);
    expect((await inbox())[0]?.body).toBe(
      'No contact that reached them in 14 days. Action plan not reviewed (first at 12 weeks, then every 4). Due 17 February 2027: contact them, and review their action plan with them.',
    );
  });

  it('leaves alone someone contacted since (the date moved on) and someone no longer looking for work', async () => {
    // Prepare
    const contacted = await w.participant();
    const placed = await w.participant();
    deps.clock.set('2026-12-08T10:00:00Z');
    await contacts.logContact(deps, adviser, contacted.id, contact({ occurredAt: '2026-12-08T09:00:00Z', review: true }));
    const p = (await deps.repos.participants.get(ORG, placed.id))!;
    await deps.repos.participants.update(p, { ...p, status: 'placed', version: p.version + 1 });
    // Act
    deps.clock.set('2026-12-09T01:00:00Z');
    const report = await sweepDue(deps);
    // Assess: nothing due for either; the contacted one is due again 14 days after the contact.
    expect(report).toMatchObject({ dueRead: 0, reviewReminders: 0 });
    expect((await deps.repos.due.dueOnOrBefore('2026-12-22', 10)).map((d) => [d.kind, d.id, d.dueOn])).toEqual([
      ['review', contacted.id, '2026-12-22'],
    ]);
  });

  it('does not remind when the participant changed between the index and the sweep (the date is read afresh)', async () => {
    // Prepare: due on 9 December, then a contact logged on the day before the sweep reads it.
    const p = await w.participant();
    deps.clock.set('2026-12-09T01:00:00Z');
    const [item] = await deps.repos.due.dueOnOrBefore('2026-12-09', 10);
    await contacts.logContact(deps, adviser, p.id, contact({ occurredAt: '2026-12-09T00:30:00Z' }));
    // Act
    const reminded = await contacts.remindReview(deps, ORG, item!.id);
    // Assess
    expect(reminded).toBe(false);
    expect(deps.events.filter((e) => e.type === 'casework.review-due')).toEqual([]);
  });
});
