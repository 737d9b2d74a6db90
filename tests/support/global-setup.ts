import type { TestProject } from 'vitest/node';
import { freePort, startLocalDynamo, type LocalDynamo } from '../../scripts/lib/local-dynamo.js';

let dynamos: LocalDynamo[] = [];

/**
 * One in-memory DynamoDB Local per test worker. DynamoDB Local serves one caller at about one core (its
 * JVM was 74% busy against the test process's 31% with one worker), so two files running at once against
 * one instance mostly wait on each other; each worker gets its own (tests/support/dynamo-endpoint.ts).
 */
export async function setup(project: TestProject): Promise<void> {
  const workers = Math.max(1, Math.min(4, Number(project.config.maxWorkers) || 1));
  const ports = await Promise.all(Array.from({ length: workers }, () => freePort()));
  dynamos = await Promise.all(ports.map((port) => startLocalDynamo({ port })));
  project.provide(
    'dynamoEndpoints',
    dynamos.map((d) => d.endpoint),
  );
}

export async function teardown(): Promise<void> {
  await Promise.all(dynamos.map((d) => d.stop()));
}

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoints: string[];
  }
}
