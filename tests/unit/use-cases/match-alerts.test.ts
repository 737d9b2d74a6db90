import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { addDays } from '../../../shared/domain/dates.js';
import { MemoryEmailSender } from '../../../shared/adapters/email/local-outbox.js';
import { MATCH_ALERTS, planMatchAlerts, stillAnnounced } from '../../../shared/domain/match-alerts.js';
import { PreferencesChange } from '../../../shared/domain/preferences.js';
import { deliver } from '../../../shared/use-cases/deliver.js';
import { listNotifications } from '../../../shared/use-cases/notifications.js';
import { setPreferences } from '../../../shared/use-cases/preferences.js';
import { sweepDue } from '../../../shared/use-cases/sweep.js';
import { updateVacancy } from '../../../shared/use-cases/vacancies.js';
import { fakeDeps, type FakeDeps } from '../../support/fakes/fake-deps.js';
import { adviser, deliverAll, liaison, ORG, otherAdviser, scenario } from '../../support/fakes/scenario.js';

/** Match alerts: shared/domain/match-alerts.ts (the rule) and shared/use-cases/match-alerts.ts (the notifier's part). */
let deps: FakeDeps;
let w: ReturnType<typeof scenario>;

const NOW = '2026-11-25T10:00:00Z';

beforeEach(async () => {
  deps = fakeDeps({ now: NOW });
  w = scenario(deps);
  for (const [a, name] of [
    [adviser, 'Joan Whitaker'],
    [otherAdviser, 'Sam Okafor'],
  ] as const)
    await deps.directory.create({
      id: a.sub,
      orgId: ORG,
      name,
      email: `${name.toLowerCase().replace(' ', '.')}@provider.example.org`,
      role: a.role,
      active: true,
      createdAt: NOW,
      updatedAt: NOW,
    });
});

const alertsOf = async (who: typeof adviser) =>
  (await listNotifications(deps, who, { limit: 100 })).items.filter((n) => n.kind === 'match-alert');

describe('the rule', () => {
  const ranked = (pairs: [string, string][]) => pairs.map(([participantId, adviserId]) => ({ participantId, adviserId }));

  it('groups the top candidates by adviser, leaves out those announced before, and stops emailing an adviser straight away at the day’s limit', () => {
    const plan = planMatchAlerts({
      ranked: ranked([
        ['p1', 'a'],
        ['p2', 'b'],
        ['p3', 'a'],
        ['p4', 'c'],
        ['p5', 'b'],
      ]),
      announced: ['p2'],
      // c and a want alerts emailed straight away; c has had the day's; b has the daily email (counts do not matter)
      sentToday: new Map([
        ['c', MATCH_ALERTS.perAdviserPerDay],
        ['b', MATCH_ALERTS.perAdviserPerDay + 5],
      ]),
      emailNow: new Set(['a', 'c']),
    });
    expect(plan.alerts).toEqual([
      { adviserId: 'a', participantIds: ['p1', 'p3'], emailNow: true },
      { adviserId: 'c', participantIds: ['p4'], emailNow: false },
      { adviserId: 'b', participantIds: ['p5'], emailNow: false },
    ]);
    // c's alert is not dropped: it waits for their daily email
    expect(plan.held).toEqual(['c']);
    expect(plan.announced).toEqual(['p2', 'p1', 'p3', 'p4', 'p5']);
  });

  it('forgets whom it announced once the record is past its keep date, whether or not TTL has removed it yet', () => {
    expect(stillAnnounced({ participantIds: ['p1'], keepUntil: '2026-12-29' }, '2026-12-29')).toEqual(['p1']);
    expect(stillAnnounced({ participantIds: ['p1'], keepUntil: '2026-12-29' }, '2026-12-30')).toEqual([]);
    // A record from before keep dates is kept as it was
    expect(stillAnnounced({ participantIds: ['p1'] }, '2030-01-01')).toEqual(['p1']);
  });

  it('reads only the top N', () => {
    const many = ranked(Array.from({ length: MATCH_ALERTS.topN + 5 }, (_, i) => [`p${i}`, i < MATCH_ALERTS.topN ? 'a' : 'late']));
    const plan = planMatchAlerts({ ranked: many, announced: [], sentToday: new Map(), emailNow: new Set() });
    expect(plan.alerts.map((a) => a.adviserId)).toEqual(['a']);
    expect(plan.alerts[0]!.participantIds).toHaveLength(MATCH_ALERTS.topN);
  });

  it('over any sequence of changes: nobody announced twice, each alert only its adviser’s own, nobody emailed straight away past the day’s limit', () => {
    const people = fc.constantFrom(...Array.from({ length: 30 }, (_, i) => i));
    fc.assert(
      fc.property(fc.array(fc.array(people, { maxLength: 25 }), { maxLength: 12 }), (changes) => {
        const adviserOf = (i: number) => `a${i % 4}`;
        let announced: string[] = [];
        const sent = new Map<string, number>();
        const heard = new Set<string>();
        for (const change of changes) {
          const plan = planMatchAlerts({
            ranked: [...new Set(change)].map((i) => ({ participantId: `p${i}`, adviserId: adviserOf(i) })),
            announced,
            sentToday: sent,
            emailNow: new Set(['a0', 'a1']),
          });
          for (const a of plan.alerts) {
            if (a.emailNow) sent.set(a.adviserId, (sent.get(a.adviserId) ?? 0) + 1);
            for (const p of a.participantIds) {
              expect(heard.has(p)).toBe(false);
              expect(adviserOf(Number(p.slice(1)))).toBe(a.adviserId);
              heard.add(p);
            }
          }
          announced = plan.announced;
        }
        for (const n of sent.values()) expect(n).toBeLessThanOrEqual(MATCH_ALERTS.perAdviserPerDay);
      }),
      { numRuns: 200 },
    );
  });
});

describe('the notifier', () => {
  it('tells each adviser how many of their own caseload suit a new vacancy, once, naming nobody', async () => {
    // Prepare: two of the adviser's participants and one of another's suit it; one of the adviser's lacks a must-have
    const mine = [await w.participant({ lastName: 'Oddbody' }), await w.participant({ lastName: 'Twyford' })];
    await w.participant({ lastName: 'Unsuited', skills: ['customer service'] });
    const theirs = await w.participant({ lastName: 'Elsewhere' }, otherAdviser);
    const { vacancy } = await w.openVacancy();
    // Act: deliver, then the same events again (a stream retry)
    await deliverAll(deps);
    const [published] = deps.events.filter((e) => e.type === 'vacancy.published');
    expect(await deliver({ ...deps, email: new MemoryEmailSender() }, published!)).toBe('duplicate');
    // Assess
    const [a, ...moreA] = await alertsOf(adviser);
    const [b, ...moreB] = await alertsOf(otherAdviser);
    expect([moreA, moreB]).toEqual([[], []]);
    expect(a).toMatchObject({ title: '2 of your caseload suit Warehouse operative at Hartley Logistics 1' });
    expect(a!.link).toBe(`/vacancies/${vacancy.id}`);
    expect(b).toMatchObject({
      title: '1 of your caseload suits Warehouse operative at Hartley Logistics 1',
      // One person too: the vacancy's page, which names them to their adviser (a participant's page shows only their first suggestions).
      link: `/vacancies/${vacancy.id}`,
    });
    for (const n of [a!, b!]) expect(`${n.title} ${n.body}`).not.toMatch(/Dean|Walsh|Oddbody|Twyford|Elsewhere|Unsuited|score/i);
    const state = await deps.repos.deliveries.matchAlertState(ORG, vacancy.id);
    expect(state.participantIds.sort()).toEqual([...mine.map((p) => p.id), theirs.id].sort());
    // Kept only until 28 days after the vacancy closes, when it can alert nobody
    expect(state.keepUntil).toBe(addDays(vacancy.closingDate, MATCH_ALERTS.rememberDaysAfterClosing));
  });

  it('after a change of requirements, tells only of those newly suited; a vacancy no longer open tells nobody', async () => {
    await w.participant({ lastName: 'Oddbody' });
    const { vacancy } = await w.openVacancy();
    await deliverAll(deps);
    // A participant without the must-have, and a change that drops it; a change matching ignores alerts nobody
    await w.participant({ lastName: 'Newcomer', skills: ['customer service'] });
    await updateVacancy(deps, liaison, vacancy.id, { description: 'Same job, new words' });
    expect(deps.repos.pendingEvents().map((e) => e.type)).toEqual([]);
    await updateVacancy(deps, liaison, vacancy.id, { essentialSkills: [] });
    await deliverAll(deps);
    const alerts = await alertsOf(adviser);
    expect(alerts.map((n) => n.title)).toEqual([
      '1 of your caseload suits Warehouse operative at Hartley Logistics 1 now its requirements have changed',
      '1 of your caseload suits Warehouse operative at Hartley Logistics 1',
    ]);
    // Closed since: its later change is delivered to nobody
    await w.participant({ lastName: 'Late', skills: ['customer service'] });
    await updateVacancy(deps, liaison, vacancy.id, { hoursPerWeek: { min: 25, max: 40 } });
    await updateVacancy(deps, liaison, vacancy.id, { status: 'closed' });
    await deliverAll(deps);
    expect(await alertsOf(adviser)).toHaveLength(2);
  });

  it('emails straight away up to the day’s limit; past it every alert still reaches the inbox and waits for the daily email', async () => {
    await w.participant();
    await setPreferences(deps, adviser, PreferencesChange.parse({ channels: { 'match-alert': 'immediate' } }));
    const employer = await w.employer();
    for (let i = 0; i < MATCH_ALERTS.perAdviserPerDay + 2; i++) await w.vacancy(employer.id, { title: `Picker ${i}` });
    const now = await deliverAll(deps);
    expect(await alertsOf(adviser)).toHaveLength(MATCH_ALERTS.perAdviserPerDay + 2);
    expect(now.sent).toHaveLength(MATCH_ALERTS.perAdviserPerDay);
    // The two past the limit are listed in the next daily email, by title.
    deps.clock.set('2026-11-26T06:00:00Z');
    expect((await sweepDue(deps)).digests).toBe(1);
    const daily = await deliverAll(deps);
    const listed = daily.sent[0]!.text.split('\n').filter((l) => l.startsWith('- 1 of your caseload suits'));
    expect(listed.map((l) => l.replace(/ at Hartley Logistics \d+$/, ''))).toEqual([
      `- 1 of your caseload suits Picker ${MATCH_ALERTS.perAdviserPerDay}`,
      `- 1 of your caseload suits Picker ${MATCH_ALERTS.perAdviserPerDay + 1}`,
    ]);
    // The next day, emailed straight away again.
    deps.clock.set('2026-11-26T09:00:00Z');
    await w.vacancy(employer.id, { title: 'Picker tomorrow' });
    expect((await deliverAll(deps)).sent).toHaveLength(1);
    expect((await alertsOf(adviser))[0]!.title).toContain('Picker tomorrow');
  });

  it('never drops an alert for an adviser who has the daily email: each new vacancy is listed in it by title, naming nobody', async () => {
    const p = await w.participant();
    const employer = await w.employer();
    for (let i = 0; i < MATCH_ALERTS.perAdviserPerDay + 2; i++) await w.vacancy(employer.id, { title: `Picker ${i}` });
    expect((await deliverAll(deps)).sent).toEqual([]);
    expect(await alertsOf(adviser)).toHaveLength(MATCH_ALERTS.perAdviserPerDay + 2);
    deps.clock.set('2026-11-26T06:00:00Z');
    await sweepDue(deps);
    const [daily] = (await deliverAll(deps)).sent;
    expect(daily!.text).toContain(`- A new or changed vacancy suits people on your caseload: ${MATCH_ALERTS.perAdviserPerDay + 2}`);
    expect(daily!.text).toContain('New vacancies that suit your caseload:');
    expect(daily!.text.split('\n').filter((l) => /^- 1 of your caseload suits Picker \d+ at Hartley Logistics/.test(l))).toHaveLength(
      MATCH_ALERTS.perAdviserPerDay + 2,
    );
    expect(daily!.text).not.toContain(p.lastName);
    expect(daily!.text).not.toContain(p.id);
  });

  it('emails straight away (naming no job) or in the daily email (listing the job and employer, never a person), as the adviser chose', async () => {
    await w.participant();
    await w.participant({}, otherAdviser);
    await setPreferences(deps, otherAdviser, PreferencesChange.parse({ channels: { 'match-alert': 'immediate' } }));
    await w.openVacancy();
    const email = await deliverAll(deps);
    expect(email.sent.map((m) => [m.to, m.subject])).toEqual([
      ['sam.okafor@provider.example.org', 'Routeway: A vacancy suits people on your caseload'],
    ]);
    deps.clock.set('2026-11-26T06:00:00Z');
    expect((await sweepDue(deps)).digests).toBe(1);
    const daily = await deliverAll(deps);
    expect(daily.sent.map((m) => m.to)).toEqual(['joan.whitaker@provider.example.org']);
    expect(daily.sent[0]!.text).toContain('- A new or changed vacancy suits people on your caseload: 1');
    expect(daily.sent[0]!.text).toMatch(/- 1 of your caseload suits Warehouse operative at Hartley Logistics \d+/);
    for (const m of email.sent) expect(m.text).not.toMatch(/Warehouse|Hartley|Dean|Walsh/);
    for (const m of daily.sent) expect(m.text).not.toMatch(/Dean|Walsh/);
  });
});

describe('late events', () => {
  it('alert nobody once they are no longer news', async () => {
    await w.participant();
    await w.openVacancy();
    deps.clock.set('2026-11-26T10:00:01Z');
    await deliverAll(deps);
    expect(await alertsOf(adviser)).toEqual([]);
  });
});
