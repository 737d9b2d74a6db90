import { beforeAll, describe, expect, it } from 'vitest';
import { body, createHarness, type Harness } from '../support/harness.js';
import { employerBody } from '../support/fixtures.js';
import { localWebApp, webClient } from '../support/web.js';

/** A promise kept is marked done: on the start page, in the employer's log, and through the API. */
let h: Harness;
let employerId: string;
let web: ReturnType<typeof localWebApp>;
const { signInAs, get, post } = webClient(() => web);

const promise = async (summary: string, followUpOn: string) =>
  (
    await body<{ id: string }>(
      await h.call('POST', `/employers/${employerId}/interactions`, {
        as: 'lia',
        body: { kind: 'call', occurredAt: '2026-11-24T09:00:00Z', summary, outcome: 'positive', followUpOn },
      }),
    )
  ).id;

beforeAll(async () => {
  h = await createHarness({ now: '2026-11-25T10:00:00Z' });
  await h.signIn('lia', 'liaison', { sub: 'u-liaison-1' });
  await h.signIn('lia2', 'liaison', { sub: 'u-liaison-2' });
  employerId = (await body(await h.call('POST', '/employers', { as: 'lia', body: employerBody({ name: 'Kirkgate Bakery' }) })))
    .id as string;
  web = localWebApp(h, [{ sub: 'u-liaison-1', role: 'liaison', name: 'Lia Son' }]);
});

describe('follow-ups', () => {
  it('are marked done from the start page, and are then due nowhere', async () => {
    // Prepare
    const id = await promise('Call back about the Christmas temps', '2026-11-30');
    const lia = await signInAs('liaison', 'u-liaison-1');
    const start = await get(lia, '/app');
    expect(start.html).toContain('Call back about the Christmas temps');
    expect(start.html).toContain(`action="/app/employers/${employerId}/interactions/${id}/follow-up-done"`);
    // Act
    const res = await post(lia, `/app/employers/${employerId}/interactions/${id}/follow-up-done`, [['back', 'home']]);
    // Assess
    expect(res.status).toBe(303);
    expect(res.location).toBe('/app?done=follow-up');
    const after = await get(lia, res.location!);
    expect(after.html).toContain('Follow-up marked done');
    expect(after.html).not.toContain('Call back about the Christmas temps');
    const log = await get(lia, `/app/employers/${employerId}`);
    expect(log.html).toMatch(/Done<\/strong>/);
    // A second time is a conflict, not a second record.
    expect((await h.call('POST', `/employers/${employerId}/interactions/${id}/follow-up-done`, { as: 'lia' })).status).toBe(409);
  });

  it('an overdue one stops being overdue once done, from the employer page', async () => {
    const id = await promise('Send the pledge letter', '2026-11-24');
    const lia = await signInAs('liaison', 'u-liaison-1');
    expect((await get(lia, `/app/employers/${employerId}`)).html).toContain('Overdue');
    const res = await post(lia, `/app/employers/${employerId}/interactions/${id}/follow-up-done`, [['back', 'employer']]);
    expect(res.location).toBe(`/app/employers/${employerId}?done=follow-up#interactions`);
    expect((await get(lia, `/app/employers/${employerId}`)).html).not.toContain('Overdue');
  });

  it('through the API: 200 with who and when; unknown is 404; one with no follow-up is 409', async () => {
    const id = await promise('Visit the new site', '2026-12-02');
    const done = await h.call('POST', `/employers/${employerId}/interactions/${id}/follow-up-done`, { as: 'lia2' });
    expect(done.status).toBe(200);
    expect(await body(done)).toMatchObject({ id, followUpDoneBy: 'u-liaison-2', followUpDoneAt: '2026-11-25T10:00:00.000Z' });
    expect(
      (await h.call('POST', `/employers/${employerId}/interactions/01J00000000000000000000000/follow-up-done`, { as: 'lia' })).status,
    ).toBe(404);
    const none = (
      await body<{ id: string }>(
        await h.call('POST', `/employers/${employerId}/interactions`, {
          as: 'lia',
          body: { kind: 'email', occurredAt: '2026-11-24T09:00:00Z', summary: 'Thanks', outcome: 'neutral' },
        }),
      )
    ).id;
    expect((await h.call('POST', `/employers/${employerId}/interactions/${none}/follow-up-done`, { as: 'lia' })).status).toBe(409);
  });
});
