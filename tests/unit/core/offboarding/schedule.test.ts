import { describe, expect, it } from 'vitest';
import { instantOfAt } from '../../../../functions/core/offboarding/schedule.js';

describe('reading an at() schedule expression', () => {
  it('gives the instant its wall-clock time names in its zone', () => {
    expect(instantOfAt('at(2026-12-15T17:30:00)', 'America/Mexico_City')).toEqual(
      new Date('2026-12-15T23:30:00Z'),
    );
  });

  it.each([
    'x at(2026-12-15T17:30:00)',
    'at(2026-12-15T17:30:00) ',
    'at(2026-12-15)',
    'rate(5 minutes)',
  ])('names no instant for %j', (expression) => {
    expect(instantOfAt(expression, 'UTC')).toBeUndefined();
  });
});
