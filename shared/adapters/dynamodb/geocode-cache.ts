import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import type { Located } from '../../ports/geocoder.js';
import { keys } from './keys.js';
import type { Store } from './store.js';

/** How long a full postcode's place is kept before it is asked for again (postcodes rarely move). */
export const GEOCODE_CACHE_DAYS = 365;

const Cached = z.object({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180), precision: z.literal('postcode') });

/** Full postcodes' places, so each is geocoded once a year at most, whichever instance asks. */
export class DynamoGeocodeCache {
  constructor(private readonly store: Store) {}

  async get(postcode: string): Promise<Located | undefined> {
    const out = await this.store.db.send(
      new GetCommand({ TableName: this.store.tableName, Key: keys.geocode(postcode), ConsistentRead: false }),
    );
    const parsed = Cached.safeParse(out.Item);
    return parsed.success ? parsed.data : undefined;
  }

  async put(postcode: string, place: Located, nowMs: number): Promise<void> {
    await this.store.db.send(
      new PutCommand({
        TableName: this.store.tableName,
        Item: {
          ...keys.geocode(postcode),
          type: 'Geocode',
          lat: place.lat,
          lng: place.lng,
          precision: place.precision,
          source: 'amazon-location',
          cachedAt: new Date(nowMs).toISOString(),
          expiresAt: Math.floor(nowMs / 1000) + GEOCODE_CACHE_DAYS * 86_400,
        },
      }),
    );
  }
}
