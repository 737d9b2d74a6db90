import { inject } from 'vitest';

/** This worker's own DynamoDB Local (tests/support/global-setup.ts starts one per worker). */
export function dynamoEndpoint(): string {
  const all = inject('dynamoEndpoints');
  const worker = Number(process.env.VITEST_POOL_ID ?? '1');
  return all[(Math.max(1, worker) - 1) % all.length]!;
}
