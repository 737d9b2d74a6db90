import { beforeAll, describe, expect, it } from 'vitest';
import { body, createHarness, type Harness } from '../support/harness.js';
import { employerBody, participantBody, vacancyBody } from '../support/fixtures.js';
import { localWebApp, webClient } from '../support/web.js';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoMatchPool, profileKey } from '../../shared/adapters/dynamodb/pool.js';
import { Store } from '../../shared/adapters/dynamodb/store.js';
import { WarmPool } from '../../shared/adapters/dynamodb/warm-pool.js';
import { matchesForVacancy } from '../../shared/use-cases/matching.js';
import { backfillFarTravellers } from '../../scripts/lib/backfill-far-travellers.js';

/**
 * The catchment bounds what a vacancy reads around itself, not how far anyone may travel: people who
 * will go further are found from beyond it. Places come from typed postcodes (the district table), and
 * the far-travellers index is the real GSI2 of DynamoDB Local.
 */
let h: Harness;
let chesterfield: string;
let driver: string;
let stayer: string;
const store = () => new Store(h.db, h.tableName);

async function person(firstName: string, maxTravelKm: number) {
  const res = await h.call('POST', '/participants', {
    as: 'adv',
    body: participantBody({
      firstName,
      // As typed into the form: a postcode, no coordinates.
      home: { postcode: 'LS10 1AB' },
      consent: { matching: true, shareWithEmployers: ['firstName', 'skills'] },
      preferences: { occupations: [], sectors: [], maxTravelKm },
    }),
  });
  expect(res.status).toBe(201);
  return (await body(res)).id as string;
}

beforeAll(async () => {
  h = await createHarness({ now: '2026-11-25T10:00:00Z' });
  await h.signIn('lia', 'liaison', { sub: 'u-liaison-1' });
  await h.signIn('adv', 'adviser', { sub: 'u-adviser-1' });
  const employerId = (await body(await h.call('POST', '/employers', { as: 'lia', body: employerBody() }))).id as string;
  // Chesterfield is about 60 km from Leeds LS10: outside every cell a 40 km catchment reads.
  const v = await h.call('POST', '/vacancies', {
    as: 'lia',
    body: vacancyBody(employerId, {
      title: 'Forklift driver, Chesterfield',
      status: 'open',
      site: { postcode: 'S40 1LA', town: 'Chesterfield' },
    }),
  });
  expect(v.status).toBe(201);
  chesterfield = (await body(v)).id as string;
  driver = await person('Asha', 75);
  stayer = await person('Ben', 20);
});

describe('the catchment', () => {
  it('a vacancy finds people beyond it who will travel that far, holds everyone else to their own limit, through the API and the page', async () => {
    const m = await body<{ candidates: { participantId: string; factors: { factor: string; detail: string }[] }[] }>(
      await h.call('GET', `/vacancies/${chesterfield}/matches`, { as: 'lia' }),
    );
    expect(m.candidates.map((c) => c.participantId)).toContain(driver);
    expect(m.candidates.map((c) => c.participantId)).not.toContain(stayer);
    expect(m.candidates.find((c) => c.participantId === driver)!.factors.find((f) => f.factor === 'distance')!.detail).toMatch(
      /^About (5|6)\d km from home \(from postcode districts, good to a few km\); will travel up to 75 km$/,
    );
    const web = localWebApp(h, [{ sub: 'u-liaison-1', role: 'liaison', name: 'Lia Son' }]);
    const browser = webClient(() => web);
    const page = await browser.get(await browser.signInAs('liaison', 'u-liaison-1'), `/app/vacancies/${chesterfield}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain('Asha');
    expect(page.html).not.toContain('Ben ');
  });

  it('a participant is offered vacancies as far as they will travel, on the API and on their page', async () => {
    const theirs = await body<{ vacancies: { vacancyId: string }[] }>(
      await h.call('GET', `/participants/${driver}/matches`, { as: 'adv' }),
    );
    expect(theirs.vacancies.map((v) => v.vacancyId)).toContain(chesterfield);
    const near = await body<{ vacancies: { vacancyId: string }[] }>(await h.call('GET', `/participants/${stayer}/matches`, { as: 'adv' }));
    expect(near.vacancies.map((v) => v.vacancyId)).not.toContain(chesterfield);
    const web = localWebApp(h, [{ sub: 'u-adviser-1', role: 'adviser', name: 'Ada Viser' }]);
    const browser = webClient(() => web);
    const page = await browser.get(await browser.signInAs('adviser', 'u-adviser-1'), `/app/participants/${driver}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain('Forklift driver, Chesterfield');
  });

  it('npm start indexes far travellers saved before the index existed, once', async () => {
    // Prepare: the driver's pool profile as an older Routeway wrote it, with no far-travellers index.
    const stored = (await h.deps.repos.participants.get('test-org', driver))!;
    await h.db.send(new UpdateCommand({ TableName: h.tableName, Key: profileKey(stored), UpdateExpression: 'REMOVE GSI2PK, GSI2SK' }));
    // An instance that starts a minute on, once the driver's own log entries are past its look-back (npm start
    // backfills before the app serves; a warm instance already holds the driver).
    const fresh = () => ({
      ...h.deps,
      repos: { ...h.deps.repos, pool: new DynamoMatchPool(store(), new WarmPool(store(), () => Date.now() + 60_000)) },
    });
    const liaison = { sub: 'u-liaison-1', role: 'liaison' as const, orgId: 'test-org' };
    const before = await matchesForVacancy(fresh(), liaison, chesterfield, 20);
    expect(before.candidates.map((c) => c.participantId)).not.toContain(driver);
    // Act
    const indexed = await backfillFarTravellers(h.db, h.tableName);
    const again = await backfillFarTravellers(h.db, h.tableName);
    // Assess
    expect(indexed).toBeGreaterThanOrEqual(1);
    expect(again).toBe(0);
    const after = await matchesForVacancy(fresh(), liaison, chesterfield, 20);
    expect(after.candidates.map((c) => c.participantId)).toContain(driver);
  });

  it('stops indexing someone as a far traveller when they will no longer go that far', async () => {
    const current = await body<{ version: number }>(await h.call('GET', `/participants/${driver}`, { as: 'adv' }));
    const res = await h.call('PATCH', `/participants/${driver}`, {
      as: 'adv',
      headers: { 'If-Match': String(current.version) },
      body: { preferences: { occupations: [], sectors: [], maxTravelKm: 30 } },
    });
    expect(res.status).toBe(200);
    const m = await body<{ candidates: { participantId: string }[] }>(
      await h.call('GET', `/vacancies/${chesterfield}/matches`, { as: 'lia' }),
    );
    expect(m.candidates.map((c) => c.participantId)).not.toContain(driver);
  });
});
