import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '../../shared/adapters/dynamodb/keys.js';
import type { Notification } from '../../shared/domain/submission.js';
import { employerBody, participantBody, vacancyBody } from '../support/fixtures.js';
import { body, createHarness, type Harness } from '../support/harness.js';
import { expectSound, localWebApp, webClient } from '../support/web.js';

/**
 * Match alerts through the stream path against DynamoDB Local: a vacancy opens, the notifier (polling the
 * table's stream) tells each adviser how many of their own caseload suit it; a change of requirements
 * tells only of newcomers; the alert links to the vacancy's page, which lists the reader's own people
 * only; the preference is on the settings page and the API.
 */
let h: Harness;
let notifier: { stop(): Promise<void> };
let web: ReturnType<typeof localWebApp>;
let employerId: string;
const { signInAs, get } = webClient(() => web);

const alerts = async (as: string) =>
  (await body<{ items: Notification[] }>(await h.call('GET', '/notifications', { as }))).items.filter((n) => n.kind === 'match-alert');

const participant = async (as: string, over: Record<string, unknown>) =>
  (
    await body<{ id: string }>(
      await h.call('POST', '/participants', {
        as,
        body: participantBody({ consent: { matching: true, shareWithEmployers: [] }, ...over }),
      }),
    )
  ).id;

beforeAll(async () => {
  h = await createHarness({ now: '2026-11-25T10:00:00Z' });
  await h.signIn('lia', 'liaison', { sub: 'u-liaison-1' });
  await h.signIn('adv', 'adviser', { sub: 'u-adviser-1' });
  await h.signIn('adv2', 'adviser', { sub: 'u-adviser-2' });
  web = localWebApp(h, [
    { sub: 'u-adviser-1', role: 'adviser', name: 'Ada Viser' },
    { sub: 'u-adviser-2', role: 'adviser', name: 'Bea Other' },
  ]);
  employerId = (await body(await h.call('POST', '/employers', { as: 'lia', body: employerBody() }))).id as string;
  notifier = h.startNotifier({ matchAlerts: true });
});

afterAll(async () => {
  await notifier?.stop();
});

describe('match alerts', () => {
  it('tell each adviser of their own caseload only, once per vacancy, then of newcomers after a change; the link shows them their own', async () => {
    // Prepare: two of adviser 1's people suit the job, one of adviser 2's; one of adviser 1's lacks its must-have
    const ann = await participant('adv', { firstName: 'Annora', lastName: 'Quill' });
    const bob = await participant('adv', { firstName: 'Bartholomew', lastName: 'Quill' });
    const cat = await participant('adv', { firstName: 'Catriona', lastName: 'Quill', skills: ['customer service'] });
    await participant('adv2', { firstName: 'Dorcas', lastName: 'Fenwick' });
    // Act: the vacancy opens
    const v = await body<{ id: string; version: number }>(
      await h.call('POST', '/vacancies', { as: 'lia', body: vacancyBody(employerId, { status: 'open' }) }),
    );
    // Assess: one alert each, saying how many, naming nobody
    const [mine] = await h.eventually(async () => {
      const got = await alerts('adv');
      expect(got).toHaveLength(1);
      expect(await alerts('adv2')).toHaveLength(1);
      return got;
    });
    expect(mine).toMatchObject({
      title: '2 of your caseload suit Warehouse operative at Hartley Logistics Ltd',
      link: `/vacancies/${v.id}`,
    });
    const [theirs] = await alerts('adv2');
    expect(theirs!.title).toBe('1 of your caseload suits Warehouse operative at Hartley Logistics Ltd');
    for (const n of [mine!, theirs!]) expect(`${n.title} ${n.body}`).not.toMatch(/Annora|Bartholomew|Dorcas|Quill|Fenwick/);
    // The link: the notifications page sends adviser 1 to the vacancy, whose page lists their own two and nobody else
    const adv = await signInAs('adviser', 'u-adviser-1');
    const inbox = await get(adv, '/app/notifications');
    expect(inbox.html).toContain(`href="/app/vacancies/${v.id}"`);
    const page = await get(adv, `/app/vacancies/${v.id}`);
    expect(page.html).toContain('From your caseload');
    expect(page.html).toContain(`href="/app/participants/${ann}"`);
    expect(page.html).toContain(`href="/app/participants/${bob}"`);
    expect(page.html).not.toMatch(/Dorcas|Catriona/);
    expectSound(page.html);
    const other = await get(await signInAs('adviser', 'u-adviser-2'), `/app/vacancies/${v.id}`);
    expect(other.html).toContain('Dorcas');
    expect(other.html).not.toMatch(/Annora|Bartholomew/);

    // Act: a change that does not touch what matching reads, then one that lets Catriona in
    expect((await h.call('PATCH', `/vacancies/${v.id}`, { as: 'lia', body: { description: 'Picking and packing' } })).status).toBe(200);
    expect((await h.call('PATCH', `/vacancies/${v.id}`, { as: 'lia', body: { essentialSkills: [] } })).status).toBe(200);
    // Assess: adviser 1 hears of Catriona alone, the alert opening the vacancy's page (which names her to them); adviser 2 hears nothing more
    const after = await h.eventually(async () => {
      const got = await alerts('adv');
      expect(got).toHaveLength(2);
      return got;
    });
    expect(after[0]).toMatchObject({
      title: '1 of your caseload suits Warehouse operative at Hartley Logistics Ltd now its requirements have changed',
      link: `/vacancies/${v.id}`,
    });
    expect((await get(adv, `/app/vacancies/${v.id}`)).html).toContain(`href="/app/participants/${cat}"`);
    await h.settled();
    expect(await alerts('adv2')).toHaveLength(1);
  });

  it('the preference: on the settings page and through the API, the daily email unless the adviser asks for each', async () => {
    const prefs = await body<{ kinds: { kind: string; channel: string; default: string }[] }>(
      await h.call('GET', '/me/notification-preferences', { as: 'adv' }),
    );
    expect(prefs.kinds.find((k) => k.kind === 'match-alert')).toMatchObject({ channel: 'digest', default: 'digest' });
    const put = await h.call('PUT', '/me/notification-preferences', { as: 'adv', body: { channels: { 'match-alert': 'immediate' } } });
    expect(put.status).toBe(200);
    const settings = await get(await signInAs('adviser', 'u-adviser-1'), '/app/settings/notifications');
    expect(settings.html).toContain('A new or changed vacancy suits people on your caseload');
    expect(settings.html).toMatch(
      /name="channels\.match-alert" type="radio" value="immediate" checked|value="immediate"[^>]*checked[^>]*name="channels\.match-alert"/,
    );
    // A liaison officer is never sent them, so is not offered the choice
    const lia = await body<{ kinds: { kind: string }[] }>(await h.call('GET', '/me/notification-preferences', { as: 'lia' }));
    expect(lia.kinds.map((k) => k.kind)).not.toContain('match-alert');
  });

  it('a delivery that lost a race for the vacancy’s record fails and is retried on fresh reads (the adapter’s condition)', async () => {
    const at = h.clock.now().toISOString();
    const event = { id: 'race-1', orgId: 'org-test', type: 'vacancy.requirements-changed' as const, at, actorSub: 'system' };
    const write = (previousVersion: number, before: number) => ({
      matchAlerts: {
        vacancyId: 'v-race',
        announced: { participantIds: ['p1'], version: previousVersion + 1, keepUntil: '2026-12-29' },
        previousVersion,
        advisers: [{ adviserId: 'u-adviser-9', day: '2026-11-25', before, after: before + 1 }],
      },
    });
    const { deliveries } = h.deps.repos;
    expect(await deliveries.commit(event, [], [], write(0, 0))).toBe(true);
    // Stale on the vacancy's record, then stale on the adviser's day: each refused, changing nothing
    await expect(deliveries.commit({ ...event, id: 'race-2' }, [], [], write(0, 1))).rejects.toThrow();
    await expect(deliveries.commit({ ...event, id: 'race-3' }, [], [], write(1, 0))).rejects.toThrow();
    expect(await deliveries.matchAlertState('org-test', 'v-race')).toEqual({ participantIds: ['p1'], version: 1, keepUntil: '2026-12-29' });
    // The table's TTL removes the list (and the ids in it) at the end of its keep date
    const raw = await h.db.send(new GetCommand({ TableName: h.tableName, Key: keys.matchAlerted('org-test', 'v-race') }));
    expect(raw.Item?.expiresAt).toBe(Date.parse('2026-12-29T23:59:59Z') / 1000);
    expect(await deliveries.matchAlertsSent('org-test', '2026-11-25', ['u-adviser-9'])).toEqual(new Map([['u-adviser-9', 1]]));
    // On what it read, it lands
    expect(await deliveries.commit({ ...event, id: 'race-4' }, [], [], write(1, 1))).toBe(true);
    expect(await deliveries.matchAlertsSent('org-test', '2026-11-25', ['u-adviser-9'])).toEqual(new Map([['u-adviser-9', 2]]));
  });
});
