/** Distances and the geohash cells that partition the matching pool by area. */

const EARTH_KM = 6371.0088;
const RAD = Math.PI / 180;

export interface LatLng {
  lat: number;
  lng: number;
}

/** Great-circle distance in km. */
export function haversineKm(aLat: number, aLng: number, bLat: number, bLng: number): number {
  const dLat = (bLat - aLat) * RAD;
  const dLng = (bLng - aLng) * RAD;
  const s = Math.sin(dLat / 2) ** 2 + Math.cos(aLat * RAD) * Math.cos(bLat * RAD) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_KM * Math.asin(Math.min(1, Math.sqrt(s)));
}

const BASE32 = '0123456789bcdefghjkmnpqrstuvwxyz';

/** Standard geohash of a point. Precision 4 cells are about 20 × 39 km at UK latitudes. */
export function geohash(lat: number, lng: number, precision = 4): string {
  let latLo = -90, latHi = 90, lngLo = -180, lngHi = 180;
  let hash = '';
  let bit = 0, ch = 0, even = true;
  while (hash.length < precision) {
    if (even) {
      const mid = (lngLo + lngHi) / 2;
      if (lng >= mid) { ch = (ch << 1) | 1; lngLo = mid; } else { ch <<= 1; lngHi = mid; }
    } else {
      const mid = (latLo + latHi) / 2;
      if (lat >= mid) { ch = (ch << 1) | 1; latLo = mid; } else { ch <<= 1; latHi = mid; }
    }
    even = !even;
    if (++bit === 5) {
      hash += BASE32[ch];
      bit = 0;
      ch = 0;
    }
  }
  return hash;
}

/** Size of a geohash cell in degrees at the given precision. */
function cellSize(precision: number): { dLat: number; dLng: number } {
  const bits = precision * 5;
  const lngBits = Math.ceil(bits / 2);
  const latBits = Math.floor(bits / 2);
  return { dLat: 180 / 2 ** latBits, dLng: 360 / 2 ** lngBits };
}

/** The bounding box of a geohash cell. */
export function cellBounds(hash: string): { latLo: number; latHi: number; lngLo: number; lngHi: number } {
  let latLo = -90, latHi = 90, lngLo = -180, lngHi = 180;
  let even = true;
  for (const ch of hash) {
    const v = BASE32.indexOf(ch);
    for (let b = 4; b >= 0; b--) {
      const bit = (v >> b) & 1;
      if (even) {
        const mid = (lngLo + lngHi) / 2;
        if (bit) lngLo = mid;
        else lngHi = mid;
      } else {
        const mid = (latLo + latHi) / 2;
        if (bit) latLo = mid;
        else latHi = mid;
      }
      even = !even;
    }
  }
  return { latLo, latHi, lngLo, lngHi };
}

/** True when some point of the cell is within `radiusKm` of the point. */
function reachesCell(lat: number, lng: number, radiusKm: number, hash: string): boolean {
  const b = cellBounds(hash);
  const nearLat = Math.min(Math.max(lat, b.latLo), b.latHi);
  const nearLng = Math.min(Math.max(lng, b.lngLo), b.lngHi);
  return haversineKm(lat, lng, nearLat, nearLng) <= radiusKm;
}

/**
 * Every cell that a circle of `radiusKm` around a point reaches: the cells of its bounding box, less
 * those whose nearest point is beyond the radius (a city's box otherwise drags in a neighbouring
 * city's cell that no one in range lives in).
 */
export function cellsCovering(lat: number, lng: number, radiusKm: number, precision = 4): string[] {
  const dLatR = radiusKm / 111.32;
  const dLngR = radiusKm / (111.32 * Math.max(0.1, Math.cos(lat * RAD)));
  const { dLat, dLng } = cellSize(precision);
  const cells = new Set<string>();
  for (let la = lat - dLatR; la <= lat + dLatR + dLat; la += dLat) {
    const y = Math.min(lat + dLatR, la);
    for (let ln = lng - dLngR; ln <= lng + dLngR + dLng; ln += dLng) {
      cells.add(geohash(y, Math.min(lng + dLngR, ln), precision));
    }
  }
  return [...cells].filter((c) => reachesCell(lat, lng, radiusKm, c)).sort();
}

/**
 * One pool partition (a precision-4 cell) and the run of its precision-5 sub-cells to read, in key
 * order, inclusive. Pool entries are sorted by sub-cell inside their partition, so a run is one Query.
 * `from`/`to` absent: the whole partition.
 */
export interface CellRange {
  cell: string;
  from?: string;
  to?: string;
}

/** The sub-cell of a point that orders pool entries inside a precision-4 partition. */
export const POOL_SUBCELL_PRECISION = 5;

/**
 * What to read for a catchment: for each precision-4 cell the circle reaches, the runs of its 32
 * precision-5 sub-cells (about 2.6 × 4.9 km in the UK) that the circle also reaches. A cell wholly
 * inside is one run; a cell on the edge is a few. Reads then exceed the circle by a thin ring of
 * sub-cells instead of whole 20 × 39 km cells.
 */
export function coverRanges(lat: number, lng: number, radiusKm: number): CellRange[] {
  const ranges: CellRange[] = [];
  for (const cell of cellsCovering(lat, lng, radiusKm, 4)) {
    const inside = [...BASE32].map((ch) => reachesCell(lat, lng, radiusKm, cell + ch));
    if (inside.every(Boolean)) {
      ranges.push({ cell });
      continue;
    }
    for (let i = 0; i < inside.length; i++) {
      if (!inside[i]) continue;
      let j = i;
      while (j + 1 < inside.length && inside[j + 1]) j++;
      ranges.push({ cell, from: cell + BASE32[i], to: cell + BASE32[j] });
      i = j;
    }
  }
  return ranges;
}

/** Postcode area: the leading letters of a UK postcode (LS, BD, WF...). */
export function postcodeArea(postcode: string): string {
  return /^[A-Z]{1,2}/.exec(postcode.toUpperCase())?.[0] ?? 'XX';
}
