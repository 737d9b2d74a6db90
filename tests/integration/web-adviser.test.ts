import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { createApp } from '../../functions/api/app.js';
import type { LocalSignIn } from '../../functions/api/web/sign-in.js';
import { employerBody, participantBody, vacancyBody } from '../support/fixtures.js';
import { body, createHarness, type Harness } from '../support/harness.js';
import { expectSound as expectPageSound, localWebApp, webClient } from '../support/web.js';

/**
 * The adviser's pages, in-process: a participant's record (readiness, the sensitive part, consent),
 * answering a proposal, check-ins once in work, the inbox, and the reports liaison officers read.
 */
let h: Harness;
let web: ReturnType<typeof createApp>;
let employerId: string;
let vacancyId: string;
let dean: string;
let erin: string;
const USERS: LocalSignIn['users'] = [
  { sub: 'u-liaison-1', role: 'liaison', name: 'Lia Son' },
  { sub: 'u-adviser-1', role: 'adviser', name: 'Ada Viser' },
  { sub: 'u-adviser-2', role: 'adviser', name: 'Other Adviser' },
  { sub: 'u-admin-1', role: 'admin', name: 'Ad Min' },
];
const LEEDS = { lat: 53.79, lng: -1.55 };

beforeAll(async () => {
  h = await createHarness({ now: '2026-11-25T10:00:00Z' });
  await h.signIn('lia', 'liaison', { sub: 'u-liaison-1' });
  await h.signIn('adv', 'adviser', { sub: 'u-adviser-1' });
  employerId = (await body(await h.call('POST', '/employers', { as: 'lia', body: employerBody({ name: 'Hartley Logistics' }) })))
    .id as string;
  USERS.push({ sub: 'u-employer-1', role: 'employer', name: 'Hartley HR', employerId });
  const vacancy = await h.call('POST', '/vacancies', {
    as: 'lia',
    body: vacancyBody(employerId, { status: 'open', site: { postcode: 'LS11 5PQ', town: 'Leeds', location: LEEDS } }),
  });
  expect(vacancy.status).toBe(201);
  vacancyId = (await body(vacancy)).id as string;
  const person = (firstName: string, lastName: string) =>
    participantBody({
      firstName,
      lastName,
      email: `${firstName.toLowerCase()}@example.org`,
      consent: { matching: true, shareWithEmployers: ['firstName', 'skills'] },
    });
  dean = (await body(await h.call('POST', '/participants', { as: 'adv', body: person('Dean', 'Walsh') }))).id as string;
  erin = (await body(await h.call('POST', '/participants', { as: 'adv', body: person('Erin', 'Okafor') }))).id as string;
  web = localWebApp(h, USERS);
});

afterAll(() => h.clock.set('2026-11-25T10:00:00Z'));

const { signInAs, get, post } = webClient(() => web, { csrfFrom: '/app/notifications' });
/** The adviser's pages are also checked for aria-describedby targets and header scopes. */
const expectSound = (html: string) => expectPageSound(html, { describedBy: true, headerScope: true });

/** As a browser posts the consent form: ticked boxes only (in-work contact left unticked). */
const consentForm = (share: string[], over: [string, string][] = []): [string, string][] => [
  ['matching:boolean', 'true'],
  ...share.map((f) => ['shareWithEmployers[]', f] as [string, string]),
  ...over,
];

describe('the participant page', () => {
  it('shows the own adviser the whole record, with the sensitive part folded away', async () => {
    const adv = await signInAs('adviser', 'u-adviser-1');
    const { status, html } = await get(adv, `/app/participants/${dean}`);
    expect(status).toBe(200);
    expectSound(html);
    expect(html).toMatch(/<h1 class="govuk-heading-l">Dean Walsh<\/h1>/);
    expect(html).toContain('dean@example.org');
    expect(html).toContain('Readiness history');
    expect(html).toContain(`action="/app/participants/${dean}/readiness"`);
    expect(html).toMatch(
      /<details class="govuk-details">\s*<summary class="govuk-details__summary">\s*<span class="govuk-details__summary-text">Show sensitive information/,
    );
    expect(html).toContain('None recorded.');
    expect(html).toContain('Save sensitive information');
    expect(html).toContain('Save consent');
    expect(html).toContain('Suggested vacancies');
    expect(html).toContain('not instructions');
    expect(html).toContain(`href="/app/vacancies/${vacancyId}"`);
    expect(html).toContain('Nothing is waiting for their answer.');
  });

  it('is a 404 for another adviser and for an employer, and the non-sensitive view for a liaison officer', async () => {
    expect((await get(await signInAs('adviser', 'u-adviser-2'), `/app/participants/${dean}`)).status).toBe(404);
    expect((await get(await signInAs('employer', 'u-employer-1'), `/app/participants/${dean}`)).status).toBe(404);
    const lia = await get(await signInAs('liaison', 'u-liaison-1'), `/app/participants/${dean}`);
    expect(lia.status).toBe(200);
    expectSound(lia.html);
    expect(lia.html).toContain('Dean Walsh');
    expect(lia.html).toContain('Adjustments needed');
    expect(lia.html).not.toContain('dean@example.org');
    expect(lia.html).not.toContain('Sensitive information');
    expect(lia.html).not.toContain('Change readiness');
    expect(lia.html).not.toContain('Save consent');
    const admin = await get(await signInAs('admin', 'u-admin-1'), `/app/participants/${dean}`);
    expect(admin.status).toBe(200);
    expect(admin.html).toContain('Save sensitive information');
  });

  it('records consent, asking for their own words when a disclosure is shared', async () => {
    const adv = await signInAs('adviser', 'u-adviser-1');
    const missing = await post(adv, `/app/participants/${dean}/consent`, consentForm(['firstName', 'skills', 'healthDisclosure']));
    expect(missing.status).toBe(400);
    expectSound(missing.html);
    expect(missing.html).toContain('<title>Error: Dean Walsh');
    expect(missing.html).toContain('href="#healthDisclosureText"');
    // What they ticked is kept.
    expect(missing.html).toMatch(/value="healthDisclosure" checked/);
    const ok = await post(
      adv,
      `/app/participants/${dean}/consent`,
      consentForm(
        ['firstName', 'skills', 'healthDisclosure', 'programmeParticipation'],
        [['healthDisclosureText', 'I have asthma; it does not stop me working.']],
      ),
    );
    expect(ok.status).toBe(303);
    expect(ok.location).toBe(`/app/participants/${dean}?done=consent`);
    const { html } = await get(adv, ok.location!);
    expect(html).toContain('Consent choices recorded');
    expect(html).toContain('I have asthma; it does not stop me working.');
    expect(html).toContain('That they are on an employment programme');
    expect(html).toContain('by u-adviser-1');
    const stored = await body<{ consent: Record<string, unknown> }>(await h.call('GET', `/participants/${dean}`, { as: 'adv' }));
    expect(stored.consent).toMatchObject({
      matching: true,
      inWorkContact: false,
      shareWithEmployers: ['firstName', 'skills', 'healthDisclosure', 'programmeParticipation'],
    });
    // Nothing ticked: not matched, nothing shared.
    const none = await post(adv, `/app/participants/${erin}/consent`, []);
    expect(none.status).toBe(303);
    const erinConsent = (await body<{ consent: Record<string, unknown> }>(await h.call('GET', `/participants/${erin}`, { as: 'adv' })))
      .consent;
    expect(erinConsent).toMatchObject({ matching: false, inWorkContact: false, shareWithEmployers: [] });
    const back = await post(adv, `/app/participants/${erin}/consent`, consentForm(['firstName'], [['inWorkContact:boolean', 'true']]));
    expect(back.status).toBe(303);
  });

  it('changes readiness only with a reason, and keeps the history', async () => {
    const adv = await signInAs('adviser', 'u-adviser-1');
    const noReason = await post(adv, `/app/participants/${dean}/readiness`, [['readiness', 'amber']]);
    expect(noReason.status).toBe(400);
    expectSound(noReason.html);
    expect(noReason.html).toContain('govuk-error-summary');
    expect(noReason.html).toContain('href="#reason"');
    expect(noReason.html).toContain('Enter why their readiness is changing');
    expect(noReason.html).toMatch(/id="readiness-1"[^>]*value="amber" checked|value="amber" checked/);
    const same = await post(adv, `/app/participants/${dean}/readiness`, [
      ['readiness', 'green'],
      ['reason', 'No change'],
    ]);
    expect(same.status).toBe(409);
    expect(same.html).toContain('href="#readiness"');
    const amber = await post(adv, `/app/participants/${dean}/readiness`, [
      ['readiness', 'amber'],
      ['reason', 'Housing has become unsettled'],
    ]);
    expect(amber.status).toBe(303);
    expect(amber.location).toBe(`/app/participants/${dean}?done=readiness`);
    const back = await post(adv, `/app/participants/${dean}/readiness`, [
      ['readiness', 'green'],
      ['reason', 'Housing sorted; ready again'],
    ]);
    expect(back.status).toBe(303);
    const { html } = await get(adv, back.location!);
    expect(html).toContain('Readiness changed');
    expect(html).toContain('Housing has become unsettled');
    expect(html.indexOf('Housing sorted; ready again')).toBeLessThan(html.indexOf('Housing has become unsettled'));
  });

  it('saves the sensitive part, and shows it to the own adviser only', async () => {
    const adv = await signInAs('adviser', 'u-adviser-1');
    const bad = await post(adv, `/app/participants/${dean}/sensitive`, [
      ['health', 'Asthma'],
      ['benefitConstraints.permittedWork:boolean', 'true'],
      ['benefitConstraints.maxHoursPerWeek:number', 'lots'],
    ]);
    expect(bad.status).toBe(400);
    expectSound(bad.html);
    expect(bad.html).toContain('href="#benefitConstraints-maxHoursPerWeek"');
    expect(bad.html).toMatch(/<details class="govuk-details" open/);
    const ok = await post(adv, `/app/participants/${dean}/sensitive`, [
      ['health', 'Asthma'],
      ['housing', 'Temporary accommodation'],
      ['benefitConstraints.permittedWork:boolean', 'true'],
      ['benefitConstraints.maxHoursPerWeek:number', '16'],
      ['adjustments[]', 'written instructions, regular breaks'],
      ['workLimits[]', 'night-work'],
      ['convictions.details', 'None relevant'],
    ]);
    expect(ok.status).toBe(303);
    expect(ok.location).toBe(`/app/participants/${dean}?done=sensitive`);
    const { html } = await get(adv, ok.location!);
    expect(html).toContain('Sensitive information saved');
    expect(html).toContain('Temporary accommodation');
    expect(html).toContain('Yes, up to 16 hours a week');
    expect(html).toContain('written instructions, regular breaks');
    expect(html).toMatch(/value="night-work" checked/);
    const stored = await body<Record<string, unknown>>(await h.call('GET', `/participants/${dean}/sensitive`, { as: 'adv' }));
    expect(stored).toMatchObject({
      workLimits: ['night-work'],
      adjustments: ['written instructions', 'regular breaks'],
      convictions: { unspent: false, details: 'None relevant' },
    });
    const lia = await get(await signInAs('liaison', 'u-liaison-1'), `/app/participants/${dean}`);
    expect(lia.html).not.toContain('Temporary accommodation');
    expect(lia.html).toMatch(/Adjustments needed<\/dt>\s*<dd class="govuk-summary-list__value">Yes/);
  });
});

describe('answering a proposal', () => {
  let subId: string;

  it('shows the proposal waiting for their answer, and asks for one', async () => {
    const proposed = await h.call('POST', `/vacancies/${vacancyId}/submissions`, {
      as: 'lia',
      body: { participantIds: [dean, erin], note: 'Early shifts to start' },
    });
    expect(proposed.status).toBe(201);
    const items = (await body<{ items: { id: string; participantId: string }[] }>(proposed)).items;
    subId = items.find((s) => s.participantId === dean)!.id;
    const adv = await signInAs('adviser', 'u-adviser-1');
    const { html } = await get(adv, `/app/participants/${dean}`);
    expectSound(html);
    expect(html).toContain('Put forward — waiting for their answer');
    expect(html).toContain(`action="/app/submissions/${subId}/agreement"`);
    expect(html).toContain('Early shifts to start');
    expect(html).toContain('Yes, they agree to be put forward');
    expect(html).toContain('No, they decline');
    expect(html).toContain('the employer will see: their first name; their skills');
    const none = await post(adv, `/app/submissions/${subId}/agreement`, [['note', 'Thinking about it']]);
    expect(none.status).toBe(400);
    expectSound(none.html);
    expect(none.html).toContain('href="#agreed"');
    expect(none.html).toContain('Thinking about it');
  });

  it('is not another adviser’s to answer', async () => {
    const other = await signInAs('adviser', 'u-adviser-2');
    expect((await post(other, `/app/submissions/${subId}/agreement`, [['agreed:boolean', 'true']])).status).toBe(404);
  });

  it('records the answer and shows where it is', async () => {
    const adv = await signInAs('adviser', 'u-adviser-1');
    const yes = await post(adv, `/app/submissions/${subId}/agreement`, [
      ['agreed:boolean', 'true'],
      ['note', 'Keen on early shifts'],
    ]);
    expect(yes.status).toBe(303);
    expect(yes.location).toBe(`/app/participants/${dean}?done=agreed`);
    const { html } = await get(adv, yes.location!);
    expect(html).toContain('they agree to be put forward');
    expect(html).toContain('With the employer');
    expect(html).toContain('Nothing is waiting for their answer.');
    const again = await post(adv, `/app/submissions/${subId}/agreement`, [['agreed:boolean', 'false']]);
    expect(again.status).toBe(409);
    expect(again.html).toContain('already been answered');
  });

  it('records a decline without holding it against them', async () => {
    const adv = await signInAs('adviser', 'u-adviser-1');
    const subs = await body<{ items: { id: string; participantId: string }[] }>(
      await h.call('GET', `/vacancies/${vacancyId}/submissions`, { as: 'lia' }),
    );
    const erinSub = subs.items.find((s) => s.participantId === erin)!.id;
    const no = await post(adv, `/app/submissions/${erinSub}/agreement`, [
      ['agreed:boolean', 'false'],
      ['note', 'Prefers retail'],
    ]);
    expect(no.status).toBe(303);
    expect(no.location).toBe(`/app/participants/${erin}?done=declined`);
    const { html } = await get(adv, no.location!);
    expect(html).toContain('never counts against them');
    expect(html).toContain('They declined: Prefers retail');
  });
});

describe('notifications', () => {
  it('shows the adviser their inbox, links to the participant, and marks one read', async () => {
    const notifier = h.startNotifier();
    try {
      const adv = await signInAs('adviser', 'u-adviser-1');
      const inbox = await h.eventually(async () => {
        const page = await get(adv, '/app/notifications');
        expect(page.html).toContain('Agree or decline: Dean Walsh');
        expect(page.html).toContain('Agree or decline: Erin Okafor');
        expect(page.html).toContain('Dean Walsh is with the employer');
        return page;
      });
      expect(inbox.status).toBe(200);
      expectSound(inbox.html);
      expect(inbox.html).toContain('>New<');
      expect(inbox.html).toContain(`href="/app/participants/${dean}"`);
      expect(inbox.html).not.toContain('href="/submissions/');
      const id = /action="\/app\/notifications\/([^"]+)\/read"/.exec(inbox.html)![1]!;
      const before = (inbox.html.match(/Mark as read/g) ?? []).length;
      const read = await post(adv, `/app/notifications/${id}/read`, [['back', '/app/notifications']]);
      expect(read.status).toBe(303);
      expect(read.location).toBe('/app/notifications?done=read');
      const after = await get(adv, read.location!);
      expect(after.html).toContain('Marked as read');
      expect((after.html.match(/Mark as read/g) ?? []).length).toBe(before - 1);
      expect(after.html).not.toContain(`action="/app/notifications/${id}/read"`);
      expect((await post(adv, '/app/notifications/nope.0/read', [])).status).toBe(404);
      // Another user's inbox is their own.
      const other = await get(await signInAs('adviser', 'u-adviser-2'), '/app/notifications');
      expect(other.html).toContain('You have no notifications yet.');
    } finally {
      await notifier.stop();
    }
  });
});

describe('check-ins once in work', () => {
  it('offers the check-in when it falls due and records it', async () => {
    const subs = await body<{ items: { id: string; participantId: string }[] }>(
      await h.call('GET', `/vacancies/${vacancyId}/submissions`, { as: 'lia' }),
    );
    const sid = subs.items.find((s) => s.participantId === dean)!.id;
    expect((await h.call('POST', `/submissions/${sid}/decision`, { as: 'lia', body: { decision: 'interview' } })).status).toBe(200);
    expect(
      (await h.call('POST', `/submissions/${sid}/outcome`, { as: 'lia', body: { outcome: 'hired', startDate: '2026-12-07' } })).status,
    ).toBe(200);
    const adv = await signInAs('adviser', 'u-adviser-1');
    const early = await get(adv, `/app/participants/${dean}`);
    expect(early.html).toContain('In work: check-ins');
    expect(early.html).not.toContain('Record check-in');
    const checkinsOnHome = async () => {
      const home = (await get(adv, '/app')).html;
      expectSound(home);
      return home.slice(home.indexOf('Check-ins due'), home.indexOf('>Participants<'));
    };
    expect(await checkinsOnHome()).toContain('No check-ins to record');
    h.clock.set('2027-03-08T10:00:00Z');
    const listed = await checkinsOnHome();
    expect(listed).toContain(`/app/participants/${dean}`);
    expect(listed).toContain('13 weeks');
    expect(listed).toContain('8 March 2027');
    expect(listed).not.toContain('Overdue');
    const due = await get(adv, `/app/participants/${dean}`);
    expectSound(due.html);
    expect(due.html).toContain('Record check-in');
    const pid = /action="\/app\/placements\/([^"]+)\/checkins"/.exec(due.html)![1]!;
    const missing = await post(adv, `/app/placements/${pid}/checkins`, [['milestone:number', '13']]);
    expect(missing.status).toBe(400);
    expectSound(missing.html);
    expect(missing.html).toContain('href="#inWork"');
    const ok = await post(adv, `/app/placements/${pid}/checkins`, [
      ['milestone:number', '13'],
      ['inWork:boolean', 'true'],
      ['note', 'Settled in well'],
    ]);
    expect(ok.status).toBe(303);
    expect(ok.location).toBe(`/app/participants/${dean}?done=checkin`);
    const { html } = await get(adv, ok.location!);
    expect(html).toContain('Check-in recorded');
    expect(html).toContain('Still in work: Settled in well');
    expect(await checkinsOnHome()).toContain('No check-ins to record');
    h.clock.set('2027-06-10T10:00:00Z'); // the 26-week check-in (7 June) has passed unrecorded
    expect(await checkinsOnHome()).toMatch(/26 weeks[\s\S]*7 June 2027[\s\S]*Overdue/);
    h.clock.set('2027-03-08T10:00:00Z'); // as the reports below expect
  });
});

describe('reports', () => {
  it('draws the funnel as an accessible chart with the numbers in a table, for a liaison officer', async () => {
    const lia = await signInAs('liaison', 'u-liaison-1');
    const { status, html } = await get(lia, '/app/reports');
    expect(status).toBe(200);
    expectSound(html);
    expect(html).toMatch(/<svg[^>]*role="img"[^>]*aria-labelledby="funnel-chart-title funnel-chart-desc"/);
    expect(html).toMatch(/<title id="funnel-chart-title">/);
    expect(html).toMatch(/<desc id="funnel-chart-desc">Employers engaged: \d+; Vacancies opened: \d+;/);
    const funnelSvg = html.slice(html.indexOf('funnel-chart-title'), html.indexOf('</svg>'));
    expect((funnelSvg.match(/<rect /g) ?? []).length).toBe(8);
    // A fairness chart beside each split's table: hires per 100 put forward, every rate in words too.
    expect(html).toMatch(/<svg[^>]*role="img"[^>]*aria-labelledby="fairness-readiness-title fairness-readiness-desc"/);
    expect(html).toMatch(/<desc id="fairness-adviser-desc">u-adviser-1: (\d+ hires per 100 put forward|nobody put forward)/);
    // The period is chosen from months by name, the last 12 months chosen by default.
    expect(html).toMatch(/<select class="govuk-select" id="from" name="from"[^>]*>/);
    expect(html).toContain('<option value="2026-04" selected="">April 2026</option>');
    expect(html).toContain('<option value="2027-03" selected="">March 2027</option>');
    expect(html).not.toContain('YYYY');
    expect(html).toContain('The funnel in numbers');
    expect(html).toContain('Submissions per interview');
    expect(html).toContain('By time out of work');
    expect(html).toContain('By readiness when it happened');
    expect(html).toContain('By adviser');
    // The last 12 months by default (the clock is at March 2027 after the check-in above).
    expect(html).toContain('href="/app/reports/funnel.csv?from=2026-04&amp;to=2027-03"');
    // Counted by the notifier while it ran: both proposals, one of them agreed.
    expect(html).toMatch(/Put forward<\/th><td class="govuk-table__cell govuk-table__cell--numeric">2</);
    expect(html).toMatch(/Submitted to employers<\/th><td class="govuk-table__cell govuk-table__cell--numeric">1</);
    const funnel = await get(lia, '/app/reports/funnel.csv?from=2026-04&to=2027-03');
    expect(funnel.status).toBe(200);
    expect(funnel.type).toContain('text/csv');
    expect(funnel.html.split('\n')[0]).toContain('employersEngaged');
    const fairness = await get(lia, '/app/reports/fairness.csv');
    expect(fairness.type).toContain('text/csv');
    expect(fairness.html.split('\n')[0]).toContain('dimension');
  });

  it('checks the period, and is not for advisers', async () => {
    const lia = await signInAs('liaison', 'u-liaison-1');
    const bad = await get(lia, '/app/reports?from=March&to=2026-11');
    expect(bad.status).toBe(400);
    expectSound(bad.html);
    expect(bad.html).toContain('href="#from"');
    const backwards = await get(lia, '/app/reports?from=2026-11&to=2026-01');
    expect(backwards.status).toBe(400);
    expect(backwards.html).toContain('The first month must not be after the last month');
    const adv = await signInAs('adviser', 'u-adviser-1');
    expect((await get(adv, '/app/reports')).status).toBe(403);
    expect((await get(adv, '/app/reports/funnel.csv')).status).toBe(403);
  });
});
