import { beforeAll, describe, expect, it } from 'vitest';
import { body, createHarness, type Harness } from '../support/harness.js';
import { participantBody } from '../support/fixtures.js';

let h: Harness;

beforeAll(async () => {
  h = await createHarness({ now: '2026-11-25T10:00:00Z' });
  await h.signIn('adv', 'adviser', { sub: 'u-adviser-1' });
  await h.signIn('other', 'adviser', { sub: 'u-adviser-2' });
  await h.signIn('lia', 'liaison');
  await h.signIn('adm', 'admin');
});

describe('participants', () => {
  it('records a participant on the adviser’s own caseload and lists it', async () => {
    const res = await h.call('POST', '/participants', {
      as: 'adv',
      body: participantBody({ email: 'dean@example.com', paymentGroup: 'jsa-25-plus' }),
    });
    expect(res.status).toBe(201);
    const p = await body(res);
    expect(p).toMatchObject({
      adviserId: 'u-adviser-1',
      readiness: 'green',
      status: 'active',
      consent: { matching: false, recordedBy: 'u-adviser-1' },
    });
    const list = await body<{ items: { id: string }[] }>(await h.call('GET', '/participants', { as: 'adv' }));
    expect(list.items.map((x) => x.id)).toContain(p.id);
    const othersList = await body<{ items: unknown[] }>(await h.call('GET', '/participants?adviserId=u-adviser-1', { as: 'other' }));
    expect(othersList.items).toEqual([]);
  });

  it('keeps a readiness history: every change needs a reason and records who, when, from and to', async () => {
    const p = await body(
      await h.call('POST', '/participants', {
        as: 'adv',
        body: participantBody({ readiness: 'amber', readinessReason: 'Needs interview practice' }),
      }),
    );
    const noReason = await h.call('POST', `/participants/${p.id}/readiness`, { as: 'adv', body: { readiness: 'green' } });
    expect(noReason.status).toBe(400);
    expect((await body(noReason)).errors).toEqual([{ path: 'reason', message: expect.any(String) }]);
    h.clock.set('2026-11-26T09:00:00Z');
    const ok = await h.call('POST', `/participants/${p.id}/readiness`, {
      as: 'adv',
      body: { readiness: 'green', reason: 'Two mock interviews done' },
    });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('etag')).toBe('"2"');
    const history = await body<{ items: unknown[] }>(await h.call('GET', `/participants/${p.id}/readiness`, { as: 'adv' }));
    expect(history.items).toEqual([
      { from: null, to: 'amber', reason: 'Needs interview practice', changedBy: 'u-adviser-1', changedAt: '2026-11-25T10:00:00.000Z' },
      { from: 'amber', to: 'green', reason: 'Two mock interviews done', changedBy: 'u-adviser-1', changedAt: '2026-11-26T09:00:00.000Z' },
    ]);
    h.clock.set('2026-11-25T10:00:00Z');
    // Readiness is not a PATCH field: it cannot change without a reason.
    const patch = await h.call('PATCH', `/participants/${p.id}`, { as: 'adv', body: { readiness: 'red' } });
    expect(patch.status).toBe(400);
    expect((await body(patch)).errors).toContainEqual({ path: 'readiness', message: 'unknown field' });
  });

  it('stores the sensitive part apart; only the own adviser and admins reach it', async () => {
    const p = await body(
      await h.call('POST', '/participants', { as: 'adv', body: participantBody({ phone: '07700 900123', paymentGroup: 'esa-ex-ib' }) }),
    );
    const put = await h.call('PUT', `/participants/${p.id}/sensitive`, {
      as: 'adv',
      body: {
        health: 'Anxiety; manages with medication',
        benefitConstraints: { permittedWork: true, maxHoursPerWeek: 16 },
        adjustments: ['Quiet break area'],
      },
    });
    expect(put.status).toBe(200);
    expect((await h.call('GET', `/participants/${p.id}/sensitive`, { as: 'adv' })).status).toBe(200);
    expect((await h.call('GET', `/participants/${p.id}/sensitive`, { as: 'adm' })).status).toBe(200);
    expect((await h.call('GET', `/participants/${p.id}/sensitive`, { as: 'other' })).status).toBe(404);
    expect((await h.call('GET', `/participants/${p.id}/sensitive`, { as: 'lia' })).status).toBe(403);
    expect((await h.call('GET', `/participants/${p.id}`, { as: 'other' })).status).toBe(404);

    const liaisonView = await h.call('GET', `/participants/${p.id}`, { as: 'lia' });
    expect(liaisonView.status).toBe(200);
    const text = await liaisonView.text();
    expect(text).not.toContain('Anxiety');
    expect(text).not.toContain('07700');
    expect(text).not.toContain('esa-ex-ib');
    expect(JSON.parse(text)).toMatchObject({ adjustmentsNeeded: true, maxHoursPerWeek: 16 });
  });

  it('updates with If-Match and refuses a stale one with 412', async () => {
    const p = await body(await h.call('POST', '/participants', { as: 'adv', body: participantBody() }));
    const first = await h.call('PATCH', `/participants/${p.id}`, {
      as: 'adv',
      body: { skills: ['forklift'] },
      headers: { 'if-match': '"1"' },
    });
    expect(first.status).toBe(200);
    const before = await h.snapshot();
    const stale = await h.call('PATCH', `/participants/${p.id}`, {
      as: 'adv',
      body: { skills: ['cleaning'] },
      headers: { 'if-match': '"1"' },
    });
    expect(stale.status).toBe(412);
    expect(await h.snapshot()).toBe(before);
  });

  it('admins add to a named caseload; advisers cannot add to someone else’s', async () => {
    const byAdmin = await h.call('POST', '/participants', { as: 'adm', body: participantBody({ adviserId: 'u-adviser-2' }) });
    expect(byAdmin.status).toBe(201);
    expect((await body(byAdmin)).adviserId).toBe('u-adviser-2');
    const wrong = await h.call('POST', '/participants', { as: 'adv', body: participantBody({ adviserId: 'u-adviser-2' }) });
    expect(wrong.status).toBe(400);
  });
});
