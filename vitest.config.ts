import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Timeouts are hang guards, never speed checks: generous enough for a busy two-core machine.
    // The browser journey sets its own, longer timeouts (120 s a step) in tests/e2e.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Two files at once, each against its own DynamoDB Local (tests/support/global-setup.ts): the suite took
    // 1,431 s on one worker, the database's JVM and the test process taking turns on a two-core machine.
    maxWorkers: 2,
    env: { POWERTOOLS_LOG_LEVEL: 'SILENT', POWERTOOLS_DEV: 'false' },
    // `npm test` runs both; `npm run test:unit` only the first, which needs no database (no Java).
    projects: [
      {
        extends: true,
        // Use-case rules over in-memory fakes, the domain, the engine, generators: no DynamoDB Local.
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts'] },
      },
      {
        extends: true,
        test: {
          name: 'database',
          // Integration, infrastructure and the browser journey: the real app on real DynamoDB Local.
          include: ['tests/integration/**/*.test.ts', 'tests/infra/**/*.test.ts', 'tests/e2e/**/*.test.ts'],
          // One in-memory DynamoDB Local per worker; each test file gets its own tables.
          globalSetup: ['tests/support/global-setup.ts'],
          // Each file's tables are dropped when it ends (tests/support/tables.ts).
          setupFiles: ['tests/support/drop-tables.ts'],
        },
      },
    ],
  },
});
