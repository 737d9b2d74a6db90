import { beforeAll, describe, expect, it } from 'vitest';
import { PROBLEM_LIMITS } from '../../functions/api/errors.js';
import { employerBody } from '../support/fixtures.js';
import { body, createHarness, type Harness } from '../support/harness.js';

/**
 * The limits the OpenAPI document states are the limits the API keeps (they come from the same zod
 * schemas): control characters refused with the field named, ids that cannot be ids answered as unknown,
 * and every problem kept within the sizes its schema states, whatever was sent.
 */
let h: Harness;
let employerId: string;

beforeAll(async () => {
  h = await createHarness({ now: '2026-11-25T10:00:00Z' });
  await h.signIn('lia', 'liaison');
  employerId = (await body(await h.call('POST', '/employers', { as: 'lia', body: employerBody() }))).id as string;
});

type Problem = { status: number; title: string; detail: string; errors?: { path: string; message: string }[] };

describe('limits the document states', () => {
  it('refuses control characters in text (400 naming each field) and changes nothing; line breaks and tabs are text', async () => {
    // Prepare
    const before = await h.snapshot();
    // Act
    const res = await h.call('PATCH', `/employers/${employerId}`, {
      as: 'lia',
      body: {
        name: 'Hartley\u0000 Logistics',
        notes: 'escape \u001b[2J',
        address: { line1: '4 Canal\u000bWharf', town: 'Leeds', postcode: 'LS11 5PQ' },
      },
    });
    // Assess
    expect(res.status).toBe(400);
    const p = await body<Problem>(res);
    expect(p.errors?.map((e) => e.path).sort()).toEqual(['address.line1', 'name', 'notes']);
    expect(p.errors?.every((e) => e.message === 'must not contain control characters')).toBe(true);
    expect(await h.snapshot()).toBe(before);
    const kept = await h.call('PATCH', `/employers/${employerId}`, { as: 'lia', body: { notes: 'Line one\nline two\tafter a tab' } });
    expect(kept.status).toBe(200);
    expect((await body(kept)).notes).toBe('Line one\nline two\tafter a tab');
  });

  it('answers a path id that cannot be an id (not a ULID, or too long) as unknown: 404, like an id that is not there', async () => {
    for (const id of ['nope', 'x'.repeat(300), '01KTESTE000000000000000001']) {
      const res = await h.call('GET', `/employers/${id}`, { as: 'lia' });
      expect(res.status, id).toBe(404);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
  });

  it('keeps every problem within the limits its schema states, however many bad fields or however long what was sent', async () => {
    // Act: 300 unknown keys, each 300 characters long with a control character in it.
    const junk = Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`${String(i).padStart(3, '0')}\u0007${'k'.repeat(296)}`, 1]));
    const res = await h.call('PATCH', `/employers/${employerId}`, { as: 'lia', body: junk });
    // Assess
    expect(res.status).toBe(400);
    const p = await body<Problem>(res);
    expect(p.errors).toHaveLength(PROBLEM_LIMITS.errors);
    for (const e of p.errors!) {
      expect(e.path.length).toBeLessThanOrEqual(PROBLEM_LIMITS.path);
      expect(e.path.endsWith('…')).toBe(true);
      expect(e.path).toContain('\uFFFD');
      expect(e.message.length).toBeLessThanOrEqual(PROBLEM_LIMITS.message);
    }
    expect(p.detail.length).toBeLessThanOrEqual(PROBLEM_LIMITS.detail);
  });
});
