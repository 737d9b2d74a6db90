import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { body, createHarness, type Harness } from '../support/harness.js';
import { employerBody, participantBody, vacancyBody } from '../support/fixtures.js';
import { localWebApp, webClient } from '../support/web.js';

/** The inbox in the pages: read one, read all, and never sent anywhere but the inbox. */
let h: Harness;
let notifier: { stop(): Promise<void> };
let web: ReturnType<typeof localWebApp>;
const { signInAs, get, post } = webClient(() => web);

beforeAll(async () => {
  h = await createHarness({ now: '2026-11-25T10:00:00Z' });
  await h.signIn('lia', 'liaison', { sub: 'u-liaison-1' });
  await h.signIn('adv', 'adviser', { sub: 'u-adviser-1' });
  web = localWebApp(h, [{ sub: 'u-adviser-1', role: 'adviser', name: 'Ada Viser' }]);
  notifier = h.startNotifier();
  const employerId = (await body(await h.call('POST', '/employers', { as: 'lia', body: employerBody() }))).id as string;
  const ids: string[] = [];
  for (const first of ['Ann', 'Bob', 'Cat']) {
    ids.push(
      (
        await body(
          await h.call('POST', '/participants', {
            as: 'adv',
            body: participantBody({ firstName: first, consent: { matching: true, shareWithEmployers: [] } }),
          }),
        )
      ).id as string,
    );
  }
  const v = await body<{ id: string }>(
    await h.call('POST', '/vacancies', { as: 'lia', body: vacancyBody(employerId, { status: 'open' }) }),
  );
  expect((await h.call('POST', `/vacancies/${v.id}/submissions`, { as: 'lia', body: { participantIds: ids } })).status).toBe(201);
  await h.eventually(async () => {
    const inbox = await body<{ items: unknown[] }>(await h.call('GET', '/notifications?unread=true', { as: 'adv' }));
    expect(inbox.items.length).toBe(3);
  });
});

afterAll(async () => {
  await notifier?.stop();
});

describe('the inbox page', () => {
  it('marks all as read in one go, and says so', async () => {
    // Prepare
    const adv = await signInAs('adviser', 'u-adviser-1');
    const before = await get(adv, '/app/notifications');
    expect(before.html).toContain('Mark all as read');
    // Act
    const res = await post(adv, '/app/notifications/read-all', []);
    // Assess
    expect(res.status).toBe(303);
    expect(res.location).toBe('/app/notifications?done=read-all');
    const after = await get(adv, res.location!);
    expect(after.html).toContain('All your notifications are marked as read');
    expect(after.html).not.toContain('Mark all as read');
    expect((await body<{ items: unknown[] }>(await h.call('GET', '/notifications?unread=true', { as: 'adv' }))).items).toEqual([]);
    // Again: nothing left to mark.
    expect((await post(adv, '/app/notifications/read-all', [])).location).toBe('/app/notifications?done=none-unread');
  });

  it('goes back only to the inbox after marking one read, whatever address is posted', async () => {
    const adv = await signInAs('adviser', 'u-adviser-1');
    const { items } = await body<{ items: { id: string }[] }>(await h.call('GET', '/notifications', { as: 'adv' }));
    for (const back of ['/app/notifications\r\nSet-Cookie: x=1', 'https://evil.example/', '/app/notifications?unread=true']) {
      const res = await post(adv, `/app/notifications/${encodeURIComponent(items[0]!.id)}/read`, [['back', back]]);
      expect(res.status === 303 || res.status === 404).toBe(true);
      if (res.status === 303) expect(res.location).toMatch(/^\/app\/notifications(\?unread=true&|\?)done=read$/);
    }
  });

  it('the API marks all read too, saying how many', async () => {
    const res = await h.call('POST', '/notifications/read-all', { as: 'adv' });
    expect(res.status).toBe(200);
    expect(await body(res)).toEqual({ marked: 0 });
  });
});
