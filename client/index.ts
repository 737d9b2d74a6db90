import createClient, { type ClientOptions } from 'openapi-fetch';
import type { paths } from './schema.js';

export type { components, operations, paths } from './schema.js';

/**
 * A typed client for the Routeway API, as another team would build on it: every path, parameter, body
 * and answer (problem+json included) typed from the OpenAPI document by openapi-typescript, called with
 * openapi-fetch. It knows nothing of the app's code: only the document (client/schema.d.ts).
 */
export function routewayClient({ token, ...options }: ClientOptions & { token?: string }) {
  return createClient<paths>({
    ...options,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(options.headers as Record<string, string> | undefined) },
  });
}

export type RoutewayClient = ReturnType<typeof routewayClient>;
