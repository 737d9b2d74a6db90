import { beforeAll, describe, expect, it } from 'vitest';
import type { createApp } from '../../functions/api/app.js';
import type { LocalSignIn } from '../../functions/api/web/sign-in.js';
import { runSweep } from '../../functions/sweeper/sweep.js';
import type { MetricsSink } from '../../shared/metrics.js';
import { sweepDue } from '../../shared/use-cases/sweep.js';
import { participantBody } from '../support/fixtures.js';
import { body, createHarness, type Harness } from '../support/harness.js';
import { expectSound as expectPageSound, localWebApp, webClient } from '../support/web.js';

/**
 * Casework in the pages, against DynamoDB Local: the contact record, logging a contact (its kind, its
 * details, check, confirmation), planning and cancelling an appointment, the reminder, the caseload.
 */
let h: Harness;
let web: ReturnType<typeof createApp>;
let dean: string;
const USERS: LocalSignIn['users'] = [
  { sub: 'u-liaison-1', role: 'liaison', name: 'Lia Son' },
  { sub: 'u-adviser-1', role: 'adviser', name: 'Ada Viser' },
  { sub: 'u-adviser-2', role: 'adviser', name: 'Other Adviser' },
];

beforeAll(async () => {
  h = await createHarness({ now: '2026-11-25T10:00:00Z' });
  await h.signIn('adv', 'adviser', { sub: 'u-adviser-1' });
  dean = (await body(await h.call('POST', '/participants', { as: 'adv', body: participantBody({ firstName: 'Dean', lastName: 'Walsh' }) })))
    .id as string;
  web = localWebApp(h, USERS);
});

const silent = { info() {}, warn() {}, error() {}, debug() {}, appendKeys() {}, resetKeys() {}, addContext() {} };
const noMetrics: MetricsSink = { addDimension: () => undefined, addMetric: () => undefined, publishStoredMetrics: () => undefined };
const { signInAs, get, post } = webClient(() => web, { csrfFrom: '/app/notifications' });
const expectSound = (html: string) => expectPageSound(html, { describedBy: true, headerScope: true });
const auditActions = async () =>
  (await body<{ items: { action: string }[] }>(await h.call('GET', `/participants/${dean}/audit?limit=100`, { as: 'adv' }))).items.map(
    (a) => a.action,
  );

describe('planning an appointment', () => {
  it('asks, checks, confirms, and the caseload and the participant page show it', async () => {
    const adv = await signInAs('adviser', 'u-adviser-1');
    const form = await get(adv, `/app/participants/${dean}/appointments/new`);
    expect(form.status).toBe(200);
    expectSound(form.html);
    // Nothing filled in: every answer is asked for, in words.
    const empty = await post(adv, `/app/participants/${dean}/appointments/new`, []);
    expect(empty.status).toBe(400);
    expectSound(empty.html);
    expect(empty.html).toContain('Enter the date and time of the appointment');
    expect(empty.html).toContain('Select how it will be held');
    expect(empty.html).toContain('Enter what the appointment is for');
    // A time that is not one.
    const badTime = await post(adv, `/app/participants/${dean}/appointments/new`, [
      ['at.day', '2'],
      ['at.month', '12'],
      ['at.year', '2026'],
      ['at.time', '25:10'],
      ['channel', 'in-person'],
      ['purpose', 'Review the action plan'],
    ]);
    expect(badTime.status).toBe(400);
    expect(badTime.html).toContain('The date and time of the appointment must be a real time');
    const answers: [string, string][] = [
      ['at.day', '2'],
      ['at.month', '12'],
      ['at.year', '2026'],
      ['at.time', '10:30'],
      ['channel', 'in-person'],
      ['purpose', 'Review the action plan'],
    ];
    const check = await post(adv, `/app/participants/${dean}/appointments/new`, answers);
    expect(check.status).toBe(200);
    expectSound(check.html);
    expect(check.html).toContain('Check the appointment before you plan it');
    expect(check.html).toContain('2 December 2026 at 10:30am');
    const done = await post(adv, `/app/participants/${dean}/appointments/new`, [...answers, ['step', 'confirm']]);
    expect(done.status).toBe(303);
    const confirmation = await get(adv, done.location!);
    expectSound(confirmation.html);
    expect(confirmation.html).toContain('govuk-panel--confirmation');
    expect(confirmation.html).toContain('1 December 2026, the day before');
    const person = await get(adv, `/app/participants/${dean}`);
    expect(person.html).toContain('Contacts and appointments');
    expect(person.html).toContain('2 December 2026 at 10:30am');
  });

  it('reminds the adviser the day before, in their notifications', async () => {
    h.clock.set('2026-12-01T07:00:00Z');
    const report = await sweepDue(h.deps);
    expect(report.appointmentReminders).toBe(1);
    h.clock.set('2026-11-25T10:00:00Z');
  });
});

describe('logging a contact', () => {
  it('records the planned appointment: kind, details refilled from it, check, confirmation; audited', async () => {
    h.clock.set('2026-12-02T12:00:00Z');
    const adv = await signInAs('adviser', 'u-adviser-1');
    const caseload = await get(adv, '/app');
    expect(caseload.html).toContain('Appointments to record');
    expect(caseload.html).toContain(`/app/participants/${dean}/contacts`);
    const kind = await get(adv, `/app/participants/${dean}/contacts/new`);
    expectSound(kind.html);
    const choice = /value="(apt:[0-9A-Z]{26})"/.exec(kind.html)?.[1];
    expect(choice).toBeTruthy();
    // No choice made: asked again, in words.
    const none = await post(adv, `/app/participants/${dean}/contacts/new`, [['step', 'kind']]);
    expect(none.status).toBe(400);
    expect(none.html).toContain('Select what kind of contact it was');
    const details = await post(adv, `/app/participants/${dean}/contacts/new`, [
      ['step', 'kind'],
      ['kind', choice!],
    ]);
    expectSound(details.html);
    expect(details.html).toContain('Did they attend?');
    expect(details.html).toMatch(/name="occurredAt.time"[^>]*value="10:30am"/);
    const answers: [string, string][] = [
      ['kind', choice!],
      ['occurredAt.day', '2'],
      ['occurredAt.month', '12'],
      ['occurredAt.year', '2026'],
      ['occurredAt.time', '10:30'],
      ['channel', 'in-person'],
      ['attended:boolean', 'true'],
      ['note', 'Agreed to apply for two warehouse jobs'],
    ];
    const check = await post(adv, `/app/participants/${dean}/contacts/new`, [...answers, ['step', 'details']]);
    expect(check.status).toBe(200);
    expectSound(check.html);
    expect(check.html).toContain('Check the contact before you log it');
    const before = (await auditActions()).length;
    const done = await post(adv, `/app/participants/${dean}/contacts/new`, [...answers, ['step', 'confirm']]);
    expect(done.status).toBe(303);
    const confirmation = await get(adv, done.location!);
    expect(confirmation.html).toContain('Contact logged');
    expect((await auditActions()).slice(before)).toContain('casework.write');
    const record = await get(adv, `/app/participants/${dean}/contacts`);
    expectSound(record.html);
    expect(record.html).toContain('Agreed to apply for two warehouse jobs');
    expect(record.html).toContain('No appointments are planned.');
    expect((await auditActions()).at(-1)).toBe('casework.read');
    expect((await get(adv, '/app')).html).not.toContain('Appointments that have passed');
    h.clock.set('2026-11-25T10:00:00Z');
  });

  it('refuses a contact in the future with the date named', async () => {
    const adv = await signInAs('adviser', 'u-adviser-1');
    const res = await post(adv, `/app/participants/${dean}/contacts/new`, [
      ['step', 'details'],
      ['kind', 'other'],
      ['occurredAt.day', '30'],
      ['occurredAt.month', '11'],
      ['occurredAt.year', '2026'],
      ['occurredAt.time', '09:00'],
      ['channel', 'phone'],
      ['attended:boolean', 'true'],
    ]);
    expect(res.status).toBe(400);
    expect(res.html).toContain('href="#occurredAt"');
    expect(res.html).toContain('The date and time it happened must not be in the future');
  });

  it('is not there for another adviser or a liaison officer', async () => {
    const other = await signInAs('adviser', 'u-adviser-2');
    const officer = await signInAs('liaison', 'u-liaison-1');
    for (const s of [other, officer]) {
      expect((await get(s, `/app/participants/${dean}/contacts`)).status).toBe(404);
      expect((await get(s, `/app/participants/${dean}/appointments/new`)).status).toBe(404);
      const posted = await post(s, `/app/participants/${dean}/contacts/new`, [['step', 'kind']]);
      expect(posted.status).toBe(404);
      expect((await get(s, `/app/participants/${dean}`)).html).not.toContain('Agreed to apply');
    }
  });
});

describe('who needs a review', () => {
  it('lists them first on the caseload with the reason, until a contact that reviews their plan', async () => {
    // Dean's last contact that reached him was on 2 December: 14 days on, he needs one.
    h.clock.set('2026-12-20T10:00:00Z');
    const adv = await signInAs('adviser', 'u-adviser-1');
    const before = await get(adv, '/app');
    expectSound(before.html);
    const listed = before.html.slice(before.html.indexOf('Needs a review'), before.html.indexOf('Proposals to answer'));
    expect(listed).toContain('Dean');
    expect(listed).toContain('No contact that reached them in 14 days');
    expect(listed).toContain('16 December 2026');
    // The scheduled sweeper (its handler's own path, on the due index) reminds his adviser of it, once.
    const sweep = () => runSweep(h.deps, { retentionDays: 730, logger: silent, metrics: noMetrics });
    expect([(await sweep()).due.reviewReminders, (await sweep()).due.reviewReminders]).toEqual([1, 0]);
    expect((await body(await h.call('GET', `/participants/${dean}`, { as: 'adv' }))).casework).toMatchObject({
      reviewRemindedFor: '2026-12-16',
    });
    // The details page offers the review, and the check page says it.
    const check = await post(adv, `/app/participants/${dean}/contacts/new`, [
      ['step', 'details'],
      ['kind', 'other'],
      ['occurredAt.day', '20'],
      ['occurredAt.month', '12'],
      ['occurredAt.year', '2026'],
      ['occurredAt.time', '9am'],
      ['channel', 'phone'],
      ['attended:boolean', 'true'],
      ['review:boolean', 'true'],
    ]);
    expect(check.status).toBe(200);
    expect(check.html).toContain('Action plan reviewed');
    const done = await post(adv, `/app/participants/${dean}/contacts/new`, [
      ['kind', 'other'],
      ['occurredAt.day', '20'],
      ['occurredAt.month', '12'],
      ['occurredAt.year', '2026'],
      ['occurredAt.time', '9am'],
      ['channel', 'phone'],
      ['attended:boolean', 'true'],
      ['review:boolean', 'true'],
      ['step', 'confirm'],
    ]);
    expect(done.status).toBe(303);
    const after = await get(adv, '/app');
    expect(after.html).toContain('Nobody on your caseload needs a review.');
    expect((await get(adv, `/app/participants/${dean}`)).html).toContain('20 December 2026');
    // Reviewed: the next reminder waits for the next due date, 14 days after this contact.
    h.clock.set('2027-01-02T10:00:00Z');
    expect((await sweep()).due.reviewReminders).toBe(0);
    h.clock.set('2027-01-03T10:00:00Z');
    expect((await sweep()).due.reviewReminders).toBe(1);
    h.clock.set('2026-11-25T10:00:00Z');
  });
});

describe('cancelling an appointment', () => {
  it('asks first, then cancels and says so', async () => {
    const adv = await signInAs('adviser', 'u-adviser-1');
    const planned = await body(
      await h.call('POST', `/participants/${dean}/appointments`, {
        as: 'adv',
        body: { at: '2026-12-09T14:00:00Z', channel: 'phone', purpose: 'Check in' },
      }),
    );
    const ask = await get(adv, `/app/participants/${dean}/appointments/${planned.id}/cancel`);
    expectSound(ask.html);
    expect(ask.html).toContain('Cancel the appointment on 9 December 2026 at 2pm');
    const done = await post(adv, `/app/participants/${dean}/appointments/${planned.id}/cancel`, []);
    expect(done.status).toBe(303);
    expect((await get(adv, done.location!)).html).toContain('Appointment cancelled');
    // Asked again: it is no longer one to cancel.
    expect((await get(adv, `/app/participants/${dean}/appointments/${planned.id}/cancel`)).status).toBe(404);
  });
});
