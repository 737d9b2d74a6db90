import { ScanCommand, type ScanCommandInput, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * Every item a filtered Scan finds, page after page. Only for the one-off migrations of a laptop's demo
 * table (scripts/lib/backfill-*.ts): a Scan reads the whole table, so no request path uses one.
 */
export async function* scanAll(
  db: DynamoDBDocumentClient,
  scan: Omit<ScanCommandInput, 'ExclusiveStartKey'>,
): AsyncGenerator<Record<string, unknown>> {
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.send(new ScanCommand({ ...scan, ExclusiveStartKey: start }));
    yield* page.Items ?? [];
    start = page.LastEvaluatedKey;
  } while (start);
}
