import { clockFrom, type Clock } from '../../../shared/clock.js';
import type { OutboxEvent } from '../../../shared/domain/events.js';
import type { IdGenerator } from '../../../shared/ids.js';
import type { Geocoder, Located } from '../../../shared/ports/geocoder.js';
import type { Deps } from '../../../shared/use-cases/deps.js';
import { MemoryRepositories, MemoryStaffDirectory } from './memory-repositories.js';

/** A clock the test sets (and moves on): it reads the same instant until told otherwise. */
export interface SettableClock extends Clock {
  set(at: Date | string): void;
  /** Moves the clock on by whole days (back, with a negative number). */
  advanceDays(days: number): void;
}

export function settableClock(start: Date | string): SettableClock {
  let now = new Date(start);
  return {
    ...clockFrom(() => new Date(now)),
    set(at) {
      now = new Date(at);
    },
    advanceDays(days) {
      now = new Date(now.getTime() + days * 86_400_000);
    },
  };
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * Deterministic ULIDs: valid (the `Id` schema accepts them), unique and increasing in the order they
 * are made, so anything the adapters order by id (audit trails, interactions, notifications) orders
 * the same way; the same test makes the same ids on every run.
 */
export function sequentialIds(prefix = '01KTEST'): IdGenerator {
  let n = 0;
  return {
    next() {
      let v = ++n;
      let tail = '';
      while (v > 0) {
        tail = CROCKFORD[v % 32] + tail;
        v = Math.floor(v / 32);
      }
      return prefix + tail.padStart(26 - prefix.length, '0');
    },
  };
}

/**
 * A geocoder that knows a few postcode districts (their centres, as the offline district geocoder
 * places them: `precision: "district"`) and no others; tests add or remove districts through `places`.
 */
export class FakeGeocoder implements Geocoder {
  readonly places = new Map<string, { lat: number; lng: number }>([
    ['LS1', { lat: 53.7965, lng: -1.5478 }],
    ['LS10', { lat: 53.77, lng: -1.53 }],
    ['LS11', { lat: 53.785, lng: -1.56 }],
    ['BD1', { lat: 53.7939, lng: -1.7521 }],
    ['YO1', { lat: 53.959, lng: -1.0815 }],
  ]);

  async locate(postcode: string): Promise<Located | undefined> {
    const compact = postcode.trim().toUpperCase().replace(/\s+/g, '');
    const point = compact.length > 3 ? this.places.get(compact.slice(0, -3)) : undefined;
    return point ? { ...point, precision: 'district' } : undefined;
  }
}

export interface FakeDeps extends Deps {
  repos: MemoryRepositories;
  clock: SettableClock;
  geocoder: FakeGeocoder;
  directory: MemoryStaffDirectory;
  /** Every event the use cases wrote to the outbox, in order. */
  events: readonly OutboxEvent[];
  /** Everything stored, as one string: equal before and after means nothing changed. */
  snapshot(): string;
}

/** The use cases' ports in memory, a settable clock and deterministic ids: what a unit test passes as `deps`. */
export function fakeDeps(opts: { now?: string } = {}): FakeDeps {
  const repos = new MemoryRepositories();
  return {
    repos,
    clock: settableClock(opts.now ?? '2026-11-25T10:00:00Z'),
    ids: sequentialIds(),
    geocoder: new FakeGeocoder(),
    directory: new MemoryStaffDirectory(),
    events: repos.tables.events,
    snapshot: () => repos.snapshot(),
  };
}
