import { describe, expect, it } from 'vitest';
import { formatProblem, normaliseEmail } from '../../../../functions/core/hr/hr-record.js';

describe('HR record helpers', () => {
  it('normalises emails so that the same address matches however it was typed', () => {
    expect(normaliseEmail('  Ana.Lopez@Example.ORG ')).toBe('ana.lopez@example.org');
    // "é" as one code point and as "e" plus a combining accent are the same address.
    expect(normaliseEmail('Jose\u0301@x.org')).toBe(normaliseEmail('JOS\u00c9@x.org'));
  });

  it('prints a problem as file:location: field: reason', () => {
    expect(formatProblem('hr.csv', { location: '4', field: 'email', reason: 'is required' })).toBe(
      'hr.csv:4: email: is required',
    );
    expect(
      formatProblem('hr.csv', { location: null, field: null, reason: 'the feed is empty' }),
    ).toBe('hr.csv: the feed is empty');
  });
});
