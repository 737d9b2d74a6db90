import { dynamoEndpoint } from './dynamo-endpoint.js';
import { afterAll } from 'vitest';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { dropTables } from './tables.js';

// Registered before the file's own hooks, so it runs after them (hooks unwind as a stack): notifiers
// and servers the file started are stopped before their table goes.
afterAll(async () => {
  await dropTables(() => createDocumentClient({ endpoint: dynamoEndpoint() }));
});
