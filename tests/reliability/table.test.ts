import { describe, expect, it } from 'vitest';
import { reliabilityRows } from './table.js';

const row = (rows: [string, string][], name: string) => rows.find(([n]) => n === name)?.[1];

describe('the reliability table', () => {
  it('adds up the property runs of every suite of properties', () => {
    const rows = reliabilityRows({
      'parser-properties': { propertyRuns: { properties: 3, runs: 600 } },
      'trigger-properties': { propertyRuns: { properties: 2, runs: 400 } },
      corpus: { badInputs: { tried: 1, handledRight: 1 } },
    });
    expect(row(rows, 'property runs')).toBe('1000 runs of 5 properties');
  });

  it('says a figure is missing when no suite reported it, never makes one up', () => {
    expect(row(reliabilityRows({}), 'property runs')).toBe('missing (no suite reported it)');
  });
});
