import fc from 'fast-check';
import { afterAll } from 'vitest';
import { reliabilityCount, reportFigures } from '../report-figures.js';

/**
 * One file of properties: runs each with the suite's count (small inside `npm test`, full with
 * `WARDEN_RELIABILITY_FULL=1`) and reports `propertyRuns: { properties, runs }` as `<suite>.json`
 * for `npm run reliability`, which adds up every suite's figures.
 */
export function propertySuite(suite: string, small = 200, full = 5_000) {
  const numRuns = reliabilityCount(small, full);
  const figures = { properties: 0, runs: 0 };
  afterAll(() => reportFigures(suite, { propertyRuns: figures }));
  return {
    check<T>(arbitrary: fc.Arbitrary<T>, predicate: (value: T) => void): void {
      figures.properties++;
      fc.assert(
        fc.property(arbitrary, (value) => {
          figures.runs++;
          predicate(value);
        }),
        { numRuns },
      );
    },
    async checkAsync<T>(
      arbitrary: fc.Arbitrary<T>,
      predicate: (value: T) => Promise<void>,
    ): Promise<void> {
      figures.properties++;
      await fc.assert(
        fc.asyncProperty(arbitrary, async (value) => {
          figures.runs++;
          await predicate(value);
        }),
        { numRuns },
      );
    },
  };
}
