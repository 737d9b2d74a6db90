/** `npm run api-client`: regenerates the typed client's types (client/schema.d.ts) from the OpenAPI document. */
import { writeFileSync } from 'node:fs';
import { CLIENT_TYPES, clientTypes } from './lib/api-client-types.js';

writeFileSync(CLIENT_TYPES, await clientTypes());
process.stdout.write(`wrote ${CLIENT_TYPES}\n`);
