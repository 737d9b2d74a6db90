import { monotonicFactory } from 'ulid';

export interface IdGenerator {
  next(): string;
}

/** ULIDs: sortable by creation time, so time-ordered children need no extra timestamp key. */
export function ulidGenerator(): IdGenerator {
  const make = monotonicFactory();
  return { next: () => make() };
}
