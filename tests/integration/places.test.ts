import { beforeAll, describe, expect, it } from 'vitest';
import { body, createHarness, type Harness } from '../support/harness.js';
import { employerBody, participantBody, vacancyBody } from '../support/fixtures.js';
import { backfillLocations } from '../../scripts/lib/backfill-locations.js';

/** Places come from what people type: a postcode. Nobody is asked for latitude and longitude. */
let h: Harness;
let employerId: string;

/** A body as a person fills the form in: a postcode, no coordinates. */
const typed = <T extends Record<string, unknown>>(b: T, key: 'address' | 'site' | 'home', postcode: string) => {
  const { location: _l, ...place } = b[key] as Record<string, unknown>;
  return { ...b, [key]: { ...place, postcode } };
};

beforeAll(async () => {
  h = await createHarness();
  await h.signIn('lia', 'liaison', { sub: 'u-liaison-1' });
  await h.signIn('adv', 'adviser', { sub: 'u-adviser-1' });
  const res = await h.call('POST', '/employers', {
    as: 'lia',
    body: typed(employerBody({ name: 'Postcode Only Ltd' }), 'address', 'ls11 5pq'),
  });
  expect(res.status).toBe(201);
  employerId = (await body(res)).id as string;
});

describe('places from postcodes', () => {
  it('locates an employer, a vacancy and a participant from the postcode alone, saying how precisely', async () => {
    // Act
    const employer = await body<{ address: { postcode: string; location: { lat: number; lng: number; precision: string } } }>(
      await h.call('GET', `/employers/${employerId}`, { as: 'lia' }),
    );
    const vacancy = await h.call('POST', '/vacancies', {
      as: 'lia',
      body: typed(vacancyBody(employerId, { status: 'open' }), 'site', 'LS1 4AP'),
    });
    const person = await h.call('POST', '/participants', {
      as: 'adv',
      body: typed(participantBody({ consent: { matching: true, shareWithEmployers: [] } }), 'home', 'LS6 1AA'),
    });
    // Assess: normalised, and placed at the district's centre (data/postcode-districts.csv: LS11 53.781, -1.555).
    expect(employer.address.postcode).toBe('LS11 5PQ');
    expect(employer.address.location).toMatchObject({ precision: 'district' });
    expect(employer.address.location.lat).toBeCloseTo(53.78, 1);
    expect(vacancy.status).toBe(201);
    expect((await body<{ site: { location: { precision: string } } }>(vacancy)).site.location.precision).toBe('district');
    expect(person.status).toBe(201);
    expect((await body<{ home: { location: { precision: string } } }>(person)).home.location.precision).toBe('district');
  });

  it('ranks by distance for records entered with postcodes only, and says the distance is approximate', async () => {
    // Prepare
    const v = await body<{ id: string }>(
      await h.call('POST', '/vacancies', { as: 'lia', body: typed(vacancyBody(employerId, { status: 'open' }), 'site', 'LS1 4AP') }),
    );
    await h.call('POST', '/participants', {
      as: 'adv',
      body: typed(participantBody({ firstName: 'Near', consent: { matching: true, shareWithEmployers: [] } }), 'home', 'LS9 8AB'),
    });
    // Act
    const m = await body<{ candidates: { factors: { factor: string; contribution: number; detail: string }[] }[] }>(
      await h.call('GET', `/vacancies/${v.id}/matches`, { as: 'lia' }),
    );
    // Assess
    expect(m.candidates.length).toBeGreaterThan(0);
    for (const c of m.candidates) {
      const d = c.factors.find((f) => f.factor === 'distance')!;
      expect(d.detail).not.toContain('unknown');
      expect(d.detail).toMatch(/^About \d+ km from home \(from postcode districts/);
    }
  });

  it('keeps coordinates an API client gives, marked as given', async () => {
    const res = await h.call('POST', '/employers', { as: 'lia', body: employerBody({ name: 'Given Coordinates Ltd' }) });
    expect((await body<{ address: { location: { precision: string } } }>(res)).address.location.precision).toBe('given');
  });

  it('refuses a postcode it cannot place with a 400 naming the field, and changes nothing', async () => {
    const before = await h.snapshot();
    // Right shape, no such district.
    const employer = await h.call('POST', '/employers', {
      as: 'lia',
      body: typed(employerBody({ name: 'Nowhere Ltd' }), 'address', 'ZZ9 9ZZ'),
    });
    const vacancy = await h.call('POST', '/vacancies', { as: 'lia', body: typed(vacancyBody(employerId), 'site', 'ZZ9 9ZZ') });
    const person = await h.call('POST', '/participants', { as: 'adv', body: typed(participantBody(), 'home', 'ZZ9 9ZZ') });
    const moved = await h.call('PATCH', `/employers/${employerId}`, {
      as: 'lia',
      body: { address: { line1: '1 Nowhere', town: 'Nowhere', postcode: 'ZZ9 9ZZ' } },
    });
    for (const [res, path] of [
      [employer, 'address.postcode'],
      [vacancy, 'site.postcode'],
      [person, 'home.postcode'],
      [moved, 'address.postcode'],
    ] as const) {
      expect(res.status).toBe(400);
      expect((await body<{ errors: { path: string }[] }>(res)).errors.map((e) => e.path)).toContain(path);
    }
    expect(await h.snapshot()).toBe(before);
  });

  it('re-locates a participant who moves, when only the postcode is given', async () => {
    const p = await body<{ id: string; home: { location: { lat: number } } }>(
      await h.call('POST', '/participants', { as: 'adv', body: typed(participantBody(), 'home', 'LS1 4AP') }),
    );
    const moved = await h.call('PATCH', `/participants/${p.id}`, { as: 'adv', body: { home: { postcode: 'BD1 1AA' } } });
    expect(moved.status).toBe(200);
    const after = await body<{ home: { postcode: string; location: { lat: number; lng: number; precision: string } } }>(moved);
    expect(after.home.postcode).toBe('BD1 1AA');
    expect(after.home.location.lng).toBeLessThan(-1.7);
    expect(after.home.location.precision).toBe('district');
  });

  it('locates, once, what was stored before postcodes were located (npm start on old data), re-keying the match pool', async () => {
    // Prepare: a matchable participant stored the old way, with no location (straight through the repository).
    const created = await body<{ id: string }>(
      await h.call('POST', '/participants', {
        as: 'adv',
        body: participantBody({ firstName: 'Olddata', consent: { matching: true, shareWithEmployers: [] } }),
      }),
    );
    const stored = (await h.deps.repos.participants.get('test-org', created.id))!;
    const { location: _l, ...home } = stored.home;
    await h.deps.repos.participants.update(stored, { ...stored, home, version: stored.version + 1 });
    expect((await h.deps.repos.participants.get('test-org', created.id))!.home.location).toBeUndefined();
    // Act
    const counts = await backfillLocations(h.db, h.tableName, h.deps);
    const again = await backfillLocations(h.db, h.tableName, h.deps);
    // Assess
    expect(counts.located).toBeGreaterThanOrEqual(1);
    expect(again.located).toBe(0);
    const after = (await h.deps.repos.participants.get('test-org', created.id))!;
    expect(after.home.location).toMatchObject({ precision: 'district' });
    // In a located pool cell now, so a nearby vacancy finds them.
    const v = await body<{ id: string }>(
      await h.call('POST', '/vacancies', { as: 'lia', body: typed(vacancyBody(employerId, { status: 'open' }), 'site', 'LS10 1AB') }),
    );
    const m = await body<{ candidates: { participantId: string }[] }>(
      await h.call('GET', `/vacancies/${v.id}/matches?limit=100`, { as: 'lia' }),
    );
    expect(m.candidates.map((c) => c.participantId)).toContain(created.id);
  });
});
