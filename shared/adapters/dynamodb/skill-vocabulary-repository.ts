import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { SkillVocabularyRecord } from '../../domain/skills.js';
import { VersionConflict } from '../../errors.js';
import type { SkillVocabularyRepository } from '../../ports/repositories.js';
import { keys } from './keys.js';
import type { Store } from './store.js';

/**
 * The organisation's skills vocabulary as one item (a few tens of kilobytes for hundreds of entries;
 * `VOCABULARY_LIMITS` keeps it well under DynamoDB's 400 KB), replaced whole at each change with a
 * version check, so two admins adding at once cannot lose either addition.
 */
export class DynamoSkillVocabularyRepository implements SkillVocabularyRepository {
  constructor(private readonly store: Store) {}

  async get(orgId: string): Promise<SkillVocabularyRecord | undefined> {
    return this.store.get(keys.skillVocabulary(orgId), SkillVocabularyRecord);
  }

  async save(record: SkillVocabularyRecord, expectedVersion: number): Promise<void> {
    const first = expectedVersion === 0;
    try {
      await this.store.db.send(
        new PutCommand({
          TableName: this.store.tableName,
          Item: { ...keys.skillVocabulary(record.orgId), type: 'SkillVocabulary', ...record },
          ConditionExpression: first ? 'attribute_not_exists(PK)' : '#v = :expected',
          ...(first ? {} : { ExpressionAttributeNames: { '#v': 'version' }, ExpressionAttributeValues: { ':expected': expectedVersion } }),
        }),
      );
    } catch (err) {
      if (this.store.isConditionFailure(err)) throw new VersionConflict('skills vocabulary changed');
      throw err;
    }
  }
}
