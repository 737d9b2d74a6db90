import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';

interface Client {
  send(command: DeleteTableCommand): Promise<unknown>;
  destroy(): void;
}

/**
 * The tables this test file made in the run's shared DynamoDB Local, dropped when the file ends
 * (tests/support/drop-tables.ts). DynamoDB Local keeps every table and its stream in one JVM for the
 * whole run: left in place, a hundred files' tables made the later files several times slower.
 */
const made: string[] = [];

export function registerTable(tableName: string): void {
  made.push(tableName);
}

/** Drops them through the run's own endpoint (never a fault test's proxy, which may be closed by now). */
export async function dropTables(client: () => Client): Promise<void> {
  if (!made.length) return;
  const c = client();
  try {
    for (const tableName of made.splice(0)) {
      // A table the test already dropped is fine; any other failure is reported.
      await c.send(new DeleteTableCommand({ TableName: tableName })).catch((err: Error) => {
        if (err.name !== 'ResourceNotFoundException') throw err;
      });
    }
  } finally {
    c.destroy();
  }
}
