import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    env: {
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      POWERTOOLS_LOG_LEVEL: 'WARN',
      POWERTOOLS_METRICS_DISABLED: 'true',
      // The local AWS on a loaded machine answers some calls (a transaction copies the table) in
      // seconds; the production timeouts are tested in tests/unit/aws/clients/timeouts.test.ts.
      WARDEN_AWS_REQUEST_TIMEOUT_MS: '30000',
    },
    // Vitest's default is one worker fewer than the cores: one on a two-core machine. Most files
    // wait on the emulator or on child processes, so two share two cores well.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // `npm test` runs with --coverage: the pure core must stay covered, or the run fails.
    coverage: {
      provider: 'v8',
      include: ['functions/core/**/*.ts'],
      reporter: ['text-summary', 'text'],
      thresholds: { lines: 90, branches: 85 },
    },
    projects: [
      { extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'infra',
          include: ['tests/infra/**/*.test.ts'],
          testTimeout: 120_000,
          // One module graph per worker, so tests/infra/synth.ts synthesises each configuration once.
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          globalSetup: ['tests/integration/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
      {
        extends: true,
        test: {
          // Faults, crashes, concurrency, tamper cases, personal data in logs: small counts here,
          // full counts with `npm run reliability`.
          name: 'reliability',
          include: ['tests/reliability/**/*.test.ts'],
          globalSetup: ['tests/integration/global-setup.ts'],
          testTimeout: 1_800_000,
          hookTimeout: 300_000,
        },
      },
      {
        extends: true,
        test: {
          // Real headless Chromium against the local console (Debian's chromium package).
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          globalSetup: ['tests/integration/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
