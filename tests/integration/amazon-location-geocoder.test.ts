import type { GeocodeCommand, GeocodeCommandOutput } from '@aws-sdk/client-geo-places';
import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoGeocodeCache } from '../../shared/adapters/dynamodb/geocode-cache.js';
import { Store } from '../../shared/adapters/dynamodb/store.js';
import { AmazonLocationGeocoder, type GeocodeSender } from '../../shared/adapters/geo/amazon-location-geocoder.js';
import { loadConfig } from '../../shared/config.js';
import { buildRuntime } from '../../shared/runtime.js';
import { POSTCODE_DISTRICTS } from '../../scripts/lib/local-paths.js';
import { body, createHarness, districtGeocoder, type Harness } from '../support/harness.js';
import { employerBody, vacancyBody } from '../support/fixtures.js';

/**
 * The optional Amazon Location geocoder, in front of the real table (its cache) and the district table
 * (its fallback). Amazon Location cannot run here, so its answers come from a fake `send` that
 * records what it was asked and answers as the service's documented Geocode response does.
 */
type Answer = (postcode: string, signal?: AbortSignal) => Promise<GeocodeCommandOutput>;

class FakeGeoPlaces implements GeocodeSender {
  readonly asked: GeocodeCommand['input'][] = [];
  constructor(public answer: Answer) {}
  async send(command: GeocodeCommand, options?: { abortSignal?: AbortSignal }): Promise<GeocodeCommandOutput> {
    this.asked.push(command.input);
    return this.answer(command.input.QueryComponents?.PostalCode ?? '', options?.abortSignal);
  }
}

const meta = { $metadata: {}, PricingBucket: 'Storage' } as const;
/** Amazon Location's answer for a full postcode it knows: a PostalCode place at [lng, lat]. */
const exact =
  (lng: number, lat: number): Answer =>
  async (postcode) => ({
    ...meta,
    ResultItems: [{ PlaceId: 'p', PlaceType: 'PostalCode', Title: postcode, Position: [lng, lat], Address: { PostalCode: postcode } }],
  });

let h: Harness;
let store: Store;
const warnings: string[] = [];
const geocoderOn = (fake: FakeGeoPlaces, timeoutMs?: number) =>
  new AmazonLocationGeocoder({
    client: fake,
    cache: new DynamoGeocodeCache(store),
    fallback: districtGeocoder(),
    ...(timeoutMs ? { timeoutMs } : {}),
    warn: (m) => warnings.push(m),
  });

beforeAll(async () => {
  h = await createHarness();
  store = new Store(h.db, h.tableName);
});

describe('the Amazon Location geocoder', () => {
  it('places a full postcode exactly, asks only for UK postal codes to store, and asks once per postcode whichever instance asks', async () => {
    const fake = new FakeGeoPlaces(exact(-1.5491, 53.7965));
    const first = await geocoderOn(fake).locate(' ls1 4ap ');
    expect(first).toEqual({ lat: 53.7965, lng: -1.5491, precision: 'postcode' });
    expect(fake.asked).toEqual([
      {
        QueryComponents: { PostalCode: 'LS1 4AP', Country: 'GBR' },
        Filter: { IncludeCountries: ['GBR'], IncludePlaceTypes: ['PostalCode'] },
        MaxResults: 1,
        IntendedUse: 'Storage',
      },
    ]);
    // Another instance (a fresh geocoder, the same table) reads the stored place.
    const again = await geocoderOn(fake).locate('LS14AP');
    expect(again).toEqual(first);
    expect(fake.asked).toHaveLength(1);
  });

  it("falls back to the district's centre when the answer is not that postcode, and keeps nothing", async () => {
    const district = await districtGeocoder().locate('LS2 7HY');
    const fake = new FakeGeoPlaces(async () => ({
      ...meta,
      ResultItems: [{ PlaceId: 'p', PlaceType: 'PostalCode', Title: 'LS2', Position: [-1.55, 53.8], Address: { PostalCode: 'LS2' } }],
    }));
    expect(await geocoderOn(fake).locate('LS2 7HY')).toEqual(district);
    expect(await geocoderOn(fake).locate('LS2 7HY')).toEqual(district);
    expect(fake.asked).toHaveLength(2); // not cached: a later, better answer can still be had
    const none = new FakeGeoPlaces(async () => ({ ...meta, ResultItems: [] }));
    expect(await geocoderOn(none).locate('LS2 7HY')).toEqual(district);
  });

  it('uses the district when Amazon Location fails or does not answer in time, and says so in the log', async () => {
    warnings.length = 0;
    const failing = new FakeGeoPlaces(async () => {
      throw Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
    });
    expect((await geocoderOn(failing).locate('M1 1AE'))?.precision).toBe('district');
    // A service that never answers: the abort signal ends the wait.
    const silent = new FakeGeoPlaces(
      (_p, signal) => new Promise((_resolve, reject) => signal?.addEventListener('abort', () => reject(signal.reason))),
    );
    expect((await geocoderOn(silent, 50).locate('M1 1AF'))?.precision).toBe('district');
    expect(warnings).toHaveLength(2);
  });

  it('never asks about text that is not a postcode, and refuses it as the district table does', async () => {
    const fake = new FakeGeoPlaces(exact(0, 51));
    expect(await geocoderOn(fake).locate('not a postcode')).toBeUndefined();
    expect(await geocoderOn(fake).locate("'; DROP TABLE")).toBeUndefined();
    expect(fake.asked).toEqual([]);
  });

  it('is what the runtime builds when GEOCODER=amazon-location, and the district table otherwise', async () => {
    const env = {
      TABLE_NAME: h.tableName,
      DYNAMODB_ENDPOINT: 'http://127.0.0.1:1',
      AUTH_MODE: 'cognito',
      USER_POOL_ID: 'eu-west-2_TEST',
      JWT_ISSUER: 'https://issuer.example',
      JWT_AUDIENCE: 'aud',
      JWKS_URL: 'https://issuer.example/jwks.json',
      EMAIL_MODE: 'ses',
      EMAIL_FROM: 'no-reply@routeway.example',
      RATE_LIMIT_STORE: 'memory',
      POSTCODE_DISTRICTS_PATH: POSTCODE_DISTRICTS,
    };
    expect((await buildRuntime(loadConfig({ ...env, GEOCODER: 'amazon-location' }))).geocoder).toBeInstanceOf(AmazonLocationGeocoder);
    expect((await buildRuntime(loadConfig(env))).geocoder).not.toBeInstanceOf(AmazonLocationGeocoder);
    expect(() => loadConfig({ ...env, GEOCODER: 'google' })).toThrow(/GEOCODER/);
  });
});

describe('employers and vacancies located through Amazon Location', () => {
  it('are stored with postcode precision when made through the API', async () => {
    const positions: Record<string, [number, number]> = { 'LS1 4AP': [-1.5491, 53.7965], 'LS11 5QT': [-1.5562, 53.7804] };
    const app = await createHarness({
      geocoder: (table) =>
        new AmazonLocationGeocoder({
          client: new FakeGeoPlaces(async (pc) => (positions[pc] ? exact(...positions[pc])(pc) : { ...meta, ResultItems: [] })),
          cache: new DynamoGeocodeCache(new Store(table.db, table.tableName)),
          fallback: districtGeocoder(),
        }),
    });
    await app.signIn('lia', 'liaison');
    const employer = await body(
      await app.call('POST', '/employers', {
        as: 'lia',
        body: employerBody({ address: { line1: '1 Park Row', town: 'Leeds', postcode: 'LS1 4AP' } }),
      }),
    );
    expect(employer.address).toMatchObject({ postcode: 'LS1 4AP', location: { precision: 'postcode', lat: 53.7965, lng: -1.5491 } });
    const v = vacancyBody(employer.id as string);
    const vacancy = await body(
      await app.call('POST', '/vacancies', {
        as: 'lia',
        body: { ...v, site: { ...(v.site as object), postcode: 'LS11 5QT', location: undefined } },
      }),
    );
    expect(vacancy.site).toMatchObject({ postcode: 'LS11 5QT', location: { precision: 'postcode' } });
  });
});
