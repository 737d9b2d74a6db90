/** Distances and the geohash cells that partition the matching pool by area. */

/** The Earth's mean radius, km. */
export const EARTH_KM = 6371.0088;
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
  let latLo = -90,
    latHi = 90,
    lngLo = -180,
    lngHi = 180;
  let hash = '';
  let bit = 0,
    ch = 0,
    even = true;
  while (hash.length < precision) {
    if (even) {
      const mid = (lngLo + lngHi) / 2;
      if (lng >= mid) {
        ch = (ch << 1) | 1;
        lngLo = mid;
      } else {
        ch <<= 1;
        lngHi = mid;
      }
    } else {
      const mid = (latLo + latHi) / 2;
      if (lat >= mid) {
        ch = (ch << 1) | 1;
        latLo = mid;
      } else {
        ch <<= 1;
        latHi = mid;
      }
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
  let latLo = -90,
    latHi = 90,
    lngLo = -180,
    lngHi = 180;
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
 * One pool partition (a precision-4 cell) and the run of sub-cell keys to read inside it, in key
 * order, inclusive, at POOL_SUBCELL_PRECISION. Pool entries are sorted by sub-cell inside their
 * partition, so a run is one Query. `from`/`to` absent: the whole partition.
 */
export interface CellRange {
  cell: string;
  from?: string;
  to?: string;
}

/** The sub-cell (about 0.6 × 0.6 km in the UK) that orders pool entries inside a precision-4 partition. */
export const POOL_SUBCELL_PRECISION = 6;

/** True when every point of the cell is within `radiusKm` (its farthest corner is). */
function insideCircle(lat: number, lng: number, radiusKm: number, hash: string): boolean {
  const b = cellBounds(hash);
  return [b.latLo, b.latHi].every((la) => [b.lngLo, b.lngHi].every((ln) => haversineKm(lat, lng, la, ln) <= radiusKm));
}

/**
 * Runs closer than this many sub-cells in key order are read as one: fewer Queries for a little more
 * area (each Query has a fixed cost; 16 sub-cells are under 6 km², next to the ~5,000 km² catchment).
 */
const MERGE_GAP = 16;

/** A geohash's position among the sub-cells of its precision-4 cell, padded to POOL_SUBCELL_PRECISION. */
function subIndex(hash: string, pad: '0' | 'z'): number {
  let v = 0;
  for (const ch of hash.padEnd(POOL_SUBCELL_PRECISION, pad).slice(4)) v = v * 32 + BASE32.indexOf(ch);
  return v;
}

/** A sub-cell's index (0–1023) inside its precision-4 cell: what orders and selects a warm pool's profiles. */
export function subcellIndex(hash: string): number {
  return hash.length > 4 ? subIndex(hash, '0') : 0;
}

function subHash(cell: string, index: number): string {
  let tail = '';
  for (let i = 4; i < POOL_SUBCELL_PRECISION; i++, index = Math.floor(index / 32)) tail = BASE32[index % 32] + tail;
  return cell + tail;
}

/**
 * What to read for a catchment. For each precision-4 cell the circle reaches, the cell is split like a
 * quadtree: a part wholly inside the circle is read whole, a part on its edge is split again, down to
 * POOL_SUBCELL_PRECISION; parts the circle does not reach are left out. Parts next to each other in
 * key order (or within MERGE_GAP of each other) merge into one run. For a 40 km catchment that is about
 * 50 runs (one parallel Query each) reading about 7 % more area than the circle itself, where whole
 * precision-4 cells read about twice the circle, runs of precision-5 sub-cells about 13 % more, and
 * unmerged precision-6 parts 2–3 % more in some 200 Queries.
 */
export function coverRanges(lat: number, lng: number, radiusKm: number): CellRange[] {
  const ranges: CellRange[] = [];
  for (const cell of cellsCovering(lat, lng, radiusKm, 4)) {
    const parts: string[] = [];
    const split = (hash: string): void => {
      if (!reachesCell(lat, lng, radiusKm, hash)) return;
      if (hash.length >= POOL_SUBCELL_PRECISION || insideCircle(lat, lng, radiusKm, hash)) parts.push(hash);
      else for (const ch of BASE32) split(hash + ch);
    };
    split(cell);
    if (parts.length === 1 && parts[0] === cell) {
      ranges.push({ cell });
      continue;
    }
    let run: { lo: number; hi: number } | undefined;
    const flush = () => run && ranges.push({ cell, from: subHash(cell, run.lo), to: subHash(cell, run.hi) });
    for (const part of parts) {
      const lo = subIndex(part, '0');
      const hi = subIndex(part, 'z');
      if (run && lo - run.hi - 1 <= MERGE_GAP) run.hi = hi;
      else {
        flush();
        run = { lo, hi };
      }
    }
    flush();
  }
  return ranges;
}

/** Postcode area: the leading letters of a UK postcode (LS, BD, WF...). */
export function postcodeArea(postcode: string): string {
  return /^[A-Z]{1,2}/.exec(postcode.toUpperCase())?.[0] ?? 'XX';
}
