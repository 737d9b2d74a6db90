import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../../functions/api/api-app.js';
import { CLIENT_TYPES, clientTypes } from '../../scripts/lib/api-client-types.js';

/** The typed client's committed types are the document's: a route or schema changed without `npm run api-client` fails here. */
describe('the typed client (client/)', () => {
  it('has the types of the document the app serves, as committed', async () => {
    const committed = readFileSync(CLIENT_TYPES, 'utf8');
    expect(committed === (await clientTypes()), `${CLIENT_TYPES} is stale: run npm run api-client and commit it`).toBe(true);
  });

  it('would see a changed document: one field more in a request body changes the types', async () => {
    const doc = structuredClone(openApiDocument()) as { components: { schemas: Record<string, { properties: Record<string, unknown> }> } };
    const change = doc.components.schemas.EmployerCreate;
    expect(change).toBeDefined();
    change!.properties.extra = { type: 'string', maxLength: 10 };
    const types = await clientTypes(doc);
    expect(types).not.toBe(readFileSync(CLIENT_TYPES, 'utf8'));
    const create = types.slice(types.indexOf('        EmployerCreate: {'));
    expect(create.slice(0, create.indexOf('\n        };'))).toContain('extra?: string;');
  });
});
