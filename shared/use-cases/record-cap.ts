import { ConflictError } from '../errors.js';
import type { RecordCap } from '../ports/repositories.js';

/**
 * A record cap, checked now on the count read and passed to the repository, which holds it in the same
 * write when others got there first (a counter in the add's transaction): one refusal for both.
 */
export function recordCap(max: number, existing: number, refusal: string): RecordCap {
  const refuse = () => new ConflictError(refusal);
  if (existing >= max) throw refuse();
  return { max, existing, refusal: refuse };
}
