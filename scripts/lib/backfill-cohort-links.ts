import { BatchWriteCommand, ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { cohortLinkItems } from '../../shared/adapters/dynamodb/cohort-repository.js';
import { parseItem } from '../../shared/adapters/dynamodb/store.js';
import { Cohort } from '../../shared/domain/cohort.js';

/**
 * One-off, for local data written before cohorts had link items: each cohort's links to vacancies and
 * employers are written (the same items `create` writes), so matching finds them by lookup. A Scan,
 * because it is a migration of a laptop's demo table, never a request path. Returns the links written.
 */
export async function backfillCohortLinks(db: DynamoDBDocumentClient, tableName: string): Promise<number> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new ScanCommand({
        TableName: tableName,
        FilterExpression: '#t = :c',
        ExpressionAttributeNames: { '#t': 'type' },
        ExpressionAttributeValues: { ':c': 'Cohort' },
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) items.push(...cohortLinkItems(parseItem(Cohort, item)));
    start = page.LastEvaluatedKey;
  } while (start);
  for (let i = 0; i < items.length; i += 25) {
    let requests = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
    while (requests.length) {
      const out = await db.send(new BatchWriteCommand({ RequestItems: { [tableName]: requests } }));
      requests = (out.UnprocessedItems?.[tableName] ?? []) as typeof requests;
    }
  }
  return items.length;
}
