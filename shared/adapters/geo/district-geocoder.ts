import { readFileSync } from 'node:fs';
import { normalisePostcode } from '../../domain/postcode.js';
import type { Geocoder, Located } from '../../ports/geocoder.js';

/**
 * The offline geocoder: a full postcode is placed at its district's centroid (data/postcode-districts.csv,
 * 2,973 outward codes), so every location it makes is `precision: "district"`. Loaded once per process
 * (about 3,000 rows, a few hundred kilobytes of memory); a missing or malformed file fails at start-up.
 */
export class DistrictGeocoder implements Geocoder {
  private readonly districts = new Map<string, { lat: number; lng: number }>();

  constructor(csvPath: string) {
    const lines = readFileSync(csvPath, 'utf8').split(/\r?\n/).filter(Boolean);
    if (lines[0]?.trim() !== 'outcode,lat,lng') throw new Error(`${csvPath} is not the postcode-district table (header outcode,lat,lng)`);
    for (const line of lines.slice(1)) {
      const [outcode, lat, lng] = line.split(',');
      const point = { lat: Number(lat), lng: Number(lng) };
      if (!outcode || !Number.isFinite(point.lat) || !Number.isFinite(point.lng)) throw new Error(`${csvPath}: bad row "${line}"`);
      this.districts.set(outcode.toUpperCase(), point);
    }
  }

  get size(): number {
    return this.districts.size;
  }

  async locate(postcode: string): Promise<Located | undefined> {
    const p = normalisePostcode(postcode);
    const point = p ? this.districts.get(p.outcode) : undefined;
    return point ? { ...point, precision: 'district' } : undefined;
  }
}
