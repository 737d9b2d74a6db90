import { randomBytes } from 'node:crypto';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { Preferences } from '../../domain/preferences.js';
import { SessionAccess, StaffAuditEntry } from '../../domain/staff.js';
import type { SecretRepository, StaffRecordRepository } from '../../ports/staff-directory.js';
import type { PageRequest } from '../../ports/repositories.js';
import type { OutboxEvent } from '../../domain/events.js';
import { keys } from './keys.js';
import { outboxItem } from './outbox.js';
import type { Store } from './store.js';

/** Routeway's own records of each user, in their partition (`O#org#STAFF#id`), whichever directory holds their details. */
export class DynamoStaffRecordRepository implements StaffRecordRepository {
  constructor(private readonly store: Store) {}

  async getAccess(orgId: string, userId: string) {
    return this.store.get(keys.staffAccess(orgId, userId), SessionAccess);
  }

  async putAccess(orgId: string, userId: string, access: SessionAccess) {
    await this.store.db.send(
      new PutCommand({ TableName: this.store.tableName, Item: { ...keys.staffAccess(orgId, userId), type: 'SessionAccess', ...access } }),
    );
  }

  async getPreferences(orgId: string, userId: string) {
    return this.store.get(keys.staffPreferences(orgId, userId), Preferences);
  }

  async putPreferences(orgId: string, userId: string, prefs: Preferences) {
    await this.store.db.send(
      new PutCommand({ TableName: this.store.tableName, Item: { ...keys.staffPreferences(orgId, userId), type: 'Preferences', ...prefs } }),
    );
  }

  async addAudit(orgId: string, entry: StaffAuditEntry, events: OutboxEvent[] = []) {
    await this.store.transact(
      [
        this.store.put({ ...keys.staffAudit(orgId, entry.staffId, entry.id), type: 'StaffAudit', ...entry }, 'attribute_not_exists(PK)'),
        ...events.map((e) => this.store.put(outboxItem(e), 'attribute_not_exists(PK)')),
      ],
      (i) => new Error(`staff audit ${entry.id}: item ${i} already exists`),
    );
  }

  async listAudit(orgId: string, userId: string, page: PageRequest) {
    return this.store.queryPage({
      partition: keys.staffPartition(orgId, userId),
      sortPrefix: keys.staffChildPrefix.audit,
      schema: StaffAuditEntry,
      forward: false,
      ...page,
    });
  }
}

/** Keys made on first use and kept in the table: the first writer wins a race, and everyone reads its key. */
export class DynamoSecretRepository implements SecretRepository {
  private readonly cache = new Map<string, Promise<Buffer>>();
  constructor(private readonly store: Store) {}

  signingKey(name: string): Promise<Buffer> {
    let key = this.cache.get(name);
    if (!key) {
      key = this.load(name);
      this.cache.set(name, key);
      key.catch(() => this.cache.delete(name));
    }
    return key;
  }

  private async load(name: string): Promise<Buffer> {
    const read = async () => {
      const out = await this.store.db.send(
        new GetCommand({ TableName: this.store.tableName, Key: keys.secret(name), ConsistentRead: true }),
      );
      return typeof out.Item?.key === 'string' ? Buffer.from(out.Item.key, 'base64') : undefined;
    };
    const existing = await read();
    if (existing) return existing;
    try {
      await this.store.db.send(
        new PutCommand({
          TableName: this.store.tableName,
          Item: { ...keys.secret(name), type: 'Secret', key: randomBytes(32).toString('base64') },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
    } catch (err) {
      if (!this.store.isConditionFailure(err)) throw err;
    }
    const made = await read();
    if (!made) throw new Error(`signing key ${name} could not be read back`);
    return made;
  }
}
