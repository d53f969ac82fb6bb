import { defineConfig } from 'vitest/config';

// What `npm run mutation` runs against each mutant of functions/core: every unit test, since the
// handlers' and adapters' unit tests exercise core code that has no test of its own.
export default defineConfig({
  test: {
    env: {
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      POWERTOOLS_LOG_LEVEL: 'WARN',
      POWERTOOLS_METRICS_DISABLED: 'true',
    },
    include: ['tests/unit/**/*.test.ts'],
    // The sweep of every zone and day takes seconds and would run for every static mutant.
    exclude: ['tests/unit/core/time/every-zone.test.ts'],
  },
});
