import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import { DuplicateReferenceError } from '../../errors.js';
import type { ImportRefRepository } from '../../ports/repositories.js';
import { keys } from './keys.js';
import type { Store, TransactItem } from './store.js';

type Kind = 'employers' | 'participants' | 'vacancies';

/** The guard a record with an import reference takes in its create transaction (refused while another holds it). */
export function importRefGuard(store: Store, kind: Kind, orgId: string, ref: string | undefined, recordId: string): TransactItem[] {
  if (ref === undefined) return [];
  return [store.put({ ...keys.importRefGuard(orgId, kind, ref), type: 'Guard', ref, recordId }, 'attribute_not_exists(PK)')];
}

/** The error for a create whose reference guard failed: it names the record that holds the reference. */
export async function duplicateReference(store: Store, kind: Kind, orgId: string, ref: string): Promise<DuplicateReferenceError> {
  const held = await store.getRaw(keys.importRefGuard(orgId, kind, ref));
  return new DuplicateReferenceError(String(held?.recordId ?? 'unknown'));
}

export class DynamoImportRefs implements ImportRefRepository {
  constructor(private readonly store: Store) {}

  async find(orgId: string, kind: Kind, refs: readonly string[]): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    const unique = [...new Set(refs)];
    // BatchGetItem reads at most 100 keys; what it leaves unprocessed (throttled) is asked for again.
    for (let i = 0; i < unique.length; i += 100) {
      let pending: Record<string, unknown>[] | undefined = unique.slice(i, i + 100).map((r) => keys.importRefGuard(orgId, kind, r));
      while (pending?.length) {
        const out = await this.store.db.send(
          new BatchGetCommand({ RequestItems: { [this.store.tableName]: { Keys: pending, ConsistentRead: true } } }),
        );
        for (const item of out.Responses?.[this.store.tableName] ?? []) {
          found.set(String(item.ref), String(item.recordId));
        }
        pending = out.UnprocessedKeys?.[this.store.tableName]?.Keys as Record<string, unknown>[] | undefined;
      }
    }
    return found;
  }
}
