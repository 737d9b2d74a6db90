/** The time, behind a port so tests and the demo data can set it. */
export interface Clock {
  now(): Date;
  /** Today's date in UTC, as YYYY-MM-DD: the one way every rule reads "today". */
  today(): string;
}

/** ISO date (YYYY-MM-DD) of an instant, in UTC. */
export function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** A clock that reads the time from `now` (the system's, a test's, or the demo data's). */
export function clockFrom(now: () => Date): Clock {
  return { now, today: () => isoDate(now()) };
}

export const systemClock: Clock = clockFrom(() => new Date());
