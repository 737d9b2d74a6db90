import { GeocodeCommand, type GeocodeCommandOutput } from '@aws-sdk/client-geo-places';
import { normalisePostcode } from '../../domain/postcode.js';
import type { Geocoder, Located } from '../../ports/geocoder.js';

/** The part of GeoPlacesClient this uses (a fake in tests, the real client in AWS). */
export interface GeocodeSender {
  send(command: GeocodeCommand, options?: { abortSignal?: AbortSignal }): Promise<GeocodeCommandOutput>;
}

export interface PlaceCache {
  get(postcode: string): Promise<Located | undefined>;
  put(postcode: string, place: Located, nowMs: number): Promise<void>;
}

export interface AmazonLocationOptions {
  client: GeocodeSender;
  cache: PlaceCache;
  /** Where a postcode is placed when Amazon Location cannot place it exactly: the district table. */
  fallback: Geocoder;
  now?: () => number;
  /** How long one geocode may take before the district's centre is used instead. @default 1500 */
  timeoutMs?: number;
  warn?: (message: string, detail: Record<string, unknown>) => void;
}

/**
 * Places a full postcode at its own position with Amazon Location Service (Places v2, `Geocode` by
 * postal code, UK only), so distances are to the street rather than the district's centre. Results
 * are stored (the request says `IntendedUse: Storage`, which Amazon Location's terms require for
 * keeping them) in the table for a year, so each postcode is paid for once. Anything short of an exact
 * postcode match, a slow answer or an error falls back to the district table: a record is never left
 * unlocated because a remote service was down, and the location says which precision it has.
 */
export class AmazonLocationGeocoder implements Geocoder {
  private readonly now: () => number;
  private readonly timeoutMs: number;

  constructor(private readonly opts: AmazonLocationOptions) {
    this.now = opts.now ?? Date.now;
    this.timeoutMs = opts.timeoutMs ?? 1500;
  }

  async locate(typed: string): Promise<Located | undefined> {
    const p = normalisePostcode(typed);
    if (!p) return undefined;
    try {
      const cached = await this.opts.cache.get(p.postcode);
      if (cached) return cached;
      const place = await this.geocode(p.postcode);
      if (place) {
        await this.opts.cache.put(p.postcode, place, this.now());
        return place;
      }
    } catch (err) {
      this.opts.warn?.('Amazon Location did not place a postcode; using its district', {
        outcode: p.outcode,
        error: err instanceof Error ? err.name : String(err),
      });
    }
    return this.opts.fallback.locate(p.postcode);
  }

  private async geocode(postcode: string): Promise<Located | undefined> {
    const out = await this.opts.client.send(
      new GeocodeCommand({
        QueryComponents: { PostalCode: postcode, Country: 'GBR' },
        Filter: { IncludeCountries: ['GBR'], IncludePlaceTypes: ['PostalCode'] },
        MaxResults: 1,
        IntendedUse: 'Storage',
      }),
      { abortSignal: AbortSignal.timeout(this.timeoutMs) },
    );
    const item = out.ResultItems?.[0];
    const [lng, lat] = item?.Position ?? [];
    const found = item?.Address?.PostalCode ? normalisePostcode(item.Address.PostalCode)?.postcode : undefined;
    // Only an exact full-postcode answer is "postcode" precision; a district or a town is not.
    if (item?.PlaceType !== 'PostalCode' || found !== postcode || lat === undefined || lng === undefined) return undefined;
    if (!Number.isFinite(lat) || !Number.isFinite(lng) || Math.abs(lat) > 90 || Math.abs(lng) > 180) return undefined;
    return { lat, lng, precision: 'postcode' };
  }
}
