import { BatchGetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { StaffMember } from '../../domain/staff.js';
import { DuplicateStaffError } from '../../errors.js';
import type { StaffDirectory } from '../../ports/staff-directory.js';
import { keys } from './keys.js';
import { parseItem, type Store } from './store.js';

/**
 * The staff directory as items in the table: what `npm start` and the tests use (in AWS the Cognito
 * user pool is the directory). Each user is an item in their own partition, listed by name through
 * GSI3; an email guard item keeps addresses unique, as Cognito does.
 */
export class DynamoStaffDirectory implements StaffDirectory {
  constructor(private readonly store: Store) {}

  private item(m: StaffMember) {
    return {
      ...keys.staff(m.orgId, m.id),
      type: 'Staff',
      GSI3PK: keys.gsi3.staffByName(m.orgId),
      GSI3SK: `${m.name.toLowerCase().slice(0, 120)}#${m.id}`,
      ...m,
    };
  }

  async get(orgId: string, id: string) {
    return this.store.get(keys.staff(orgId, id), StaffMember);
  }

  async getMany(orgId: string, ids: readonly string[]) {
    const out = new Map<string, StaffMember>();
    const unique = [...new Set(ids)];
    // BatchGetItem takes 100 keys; unprocessed keys are asked for again.
    for (let i = 0; i < unique.length; i += 100) {
      let request: Record<string, { Keys: Record<string, unknown>[] }> | undefined = {
        [this.store.tableName]: { Keys: unique.slice(i, i + 100).map((id) => keys.staff(orgId, id)) },
      };
      for (let attempt = 0; request && Object.keys(request).length && attempt < 5; attempt++) {
        const res = await this.store.db.send(new BatchGetCommand({ RequestItems: request }));
        for (const it of res.Responses?.[this.store.tableName] ?? []) {
          const m = parseItem(StaffMember, it);
          out.set(m.id, m);
        }
        request = res.UnprocessedKeys as typeof request;
      }
    }
    return out;
  }

  async list(orgId: string) {
    return this.store.queryAll({ index: 'GSI3', partition: keys.gsi3.staffByName(orgId), schema: StaffMember });
  }

  async create(m: StaffMember) {
    await this.store.transact(
      [
        this.store.put({ ...keys.staffEmailGuard(m.email), type: 'StaffEmail', orgId: m.orgId, staffId: m.id }, 'attribute_not_exists(PK)'),
        this.store.put(this.item(m), 'attribute_not_exists(PK)'),
      ],
      () => new DuplicateStaffError(),
    );
    return m;
  }

  async update(_previous: StaffMember, next: StaffMember) {
    // The email never changes (it is the sign-in name), so its guard stays as it is.
    await this.store.db.send(
      new PutCommand({ TableName: this.store.tableName, Item: this.item(next), ConditionExpression: 'attribute_exists(PK)' }),
    );
  }

  async signOutEverywhere() {
    // Locally there are no refresh tokens: the session check refuses the old tokens (SessionAccess).
  }
}
