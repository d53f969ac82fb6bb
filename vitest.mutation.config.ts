import { defineConfig } from 'vitest/config';

// What `npm run mutation` runs against each mutant of functions/core: the core's own unit tests.
export default defineConfig({
  test: {
    env: { POWERTOOLS_LOG_LEVEL: 'WARN', POWERTOOLS_METRICS_DISABLED: 'true' },
    include: ['tests/unit/core/**/*.test.ts'],
    // The sweep of every zone and day takes seconds and would run for every static mutant.
    exclude: ['tests/unit/core/time/every-zone.test.ts'],
  },
});
