import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { cohortLinkItems } from '../../shared/adapters/dynamodb/cohort-repository.js';
import { parseItem } from '../../shared/adapters/dynamodb/store.js';
import { Cohort } from '../../shared/domain/cohort.js';
import { scanAll } from './scan-all.js';

/**
 * One-off, for local data written before cohorts had link items: each cohort's links to vacancies and
 * employers are written (the same items `create` writes), so matching finds them by lookup. A Scan,
 * because it is a migration of a laptop's demo table, never a request path. Returns the links written.
 */
export async function backfillCohortLinks(db: DynamoDBDocumentClient, tableName: string): Promise<number> {
  const items: Record<string, unknown>[] = [];
  const cohorts = scanAll(db, {
    TableName: tableName,
    FilterExpression: '#t = :c',
    ExpressionAttributeNames: { '#t': 'type' },
    ExpressionAttributeValues: { ':c': 'Cohort' },
  });
  for await (const item of cohorts) items.push(...cohortLinkItems(parseItem(Cohort, item)));
  for (let i = 0; i < items.length; i += 25) {
    let requests = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
    while (requests.length) {
      const out = await db.send(new BatchWriteCommand({ RequestItems: { [tableName]: requests } }));
      requests = (out.UnprocessedItems?.[tableName] ?? []) as typeof requests;
    }
  }
  return items.length;
}
