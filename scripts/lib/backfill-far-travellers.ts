import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { keys } from '../../shared/adapters/dynamodb/keys.js';
import { farTravellerIndex, readProfile } from '../../shared/adapters/dynamodb/pool.js';
import { travelsBeyondCatchment } from '../../shared/matching/profile.js';
import { scanAll } from './scan-all.js';

/**
 * One-off, for local data written before people who travel further than the catchment were indexed:
 * their pool profiles get the far-travellers index attributes (the same ones every write now sets), so
 * vacancies beyond the catchment find them. A Scan, because it migrates a laptop's demo table, never a
 * request path. Returns the profiles indexed.
 */
export async function backfillFarTravellers(db: DynamoDBDocumentClient, tableName: string): Promise<number> {
  let indexed = 0;
  const profiles = scanAll(db, {
    TableName: tableName,
    FilterExpression: '#t = :t AND attribute_not_exists(GSI2PK)',
    ExpressionAttributeNames: { '#t': 'type' },
    ExpressionAttributeValues: { ':t': 'MatchProfile' },
  });
  for await (const item of profiles) {
    const entry = keys.poolEntryOf({ PK: item.PK, SK: item.SK });
    if (!entry || !travelsBeyondCatchment(readProfile(item))) continue;
    const index = farTravellerIndex(entry.orgId, entry.id);
    try {
      await db.send(
        new UpdateCommand({
          TableName: tableName,
          Key: { PK: item.PK, SK: item.SK },
          // Only while the profile is still there: a participant saved meanwhile was indexed by that save.
          ConditionExpression: 'attribute_exists(PK)',
          UpdateExpression: 'SET GSI2PK = :pk, GSI2SK = :sk',
          ExpressionAttributeValues: { ':pk': index.GSI2PK, ':sk': index.GSI2SK },
        }),
      );
      indexed++;
    } catch (e) {
      if ((e as { name?: string }).name !== 'ConditionalCheckFailedException') throw e;
    }
  }
  return indexed;
}
