import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Unit, integration, infra and the browser journey (tests/e2e) all run in `npm test`.
    include: ['tests/**/*.test.ts'],
    // One in-memory DynamoDB Local per worker; each test file gets its own tables, dropped when it ends.
    globalSetup: ['tests/support/global-setup.ts'],
    // Each file's tables are dropped when it ends (tests/support/tables.ts).
    setupFiles: ['tests/support/drop-tables.ts'],
    // The browser journey sets its own, longer timeouts (120 s a step) in tests/e2e.
    // Timeouts are hang guards, never speed checks: generous enough for a busy two-core machine.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Two files at once, each against its own DynamoDB Local (tests/support/global-setup.ts): the suite took
    // 1,431 s on one worker, the database's JVM and the test process taking turns on a two-core machine.
    maxWorkers: 2,
    env: { POWERTOOLS_LOG_LEVEL: 'SILENT', POWERTOOLS_DEV: 'false' },
  },
});
