import { describe, expect, it } from 'vitest';
import {
  compileDateFormat,
  type DateFormat,
  readCalendarDate,
} from '../../../../functions/core/hr/date-formats.js';

const formats = (...list: string[]) => list.map((f) => compileDateFormat(f) as DateFormat);

describe('date formats', () => {
  it('reads days in the formats HR exports use, and ISO always', () => {
    const us = formats('MM/DD/YYYY');
    expect(readCalendarDate('11/30/2023', us)).toBe('2023-11-30');
    expect(readCalendarDate('2023-11-30', us)).toBe('2023-11-30');
    expect(readCalendarDate('30.11.2023', formats('DD.MM.YYYY'))).toBe('2023-11-30');
    expect(readCalendarDate('1/4/2021', formats('M/D/YYYY'))).toBe('2021-01-04');
    expect(readCalendarDate('2021 01 04', formats('YYYY MM DD'))).toBe('2021-01-04');
  });

  it('tries several formats in order', () => {
    const both = formats('DD.MM.YYYY', 'MM/DD/YYYY');
    expect(readCalendarDate('31.01.2024', both)).toBe('2024-01-31');
    expect(readCalendarDate('01/31/2024', both)).toBe('2024-01-31');
  });

  it('refuses what is not a real day in one of the formats', () => {
    const us = formats('MM/DD/YYYY');
    expect(readCalendarDate('02/30/2024', us)).toBeUndefined();
    expect(readCalendarDate('13/01/2024', us)).toBeUndefined();
    expect(readCalendarDate('31.01.2024', us)).toBeUndefined();
    expect(readCalendarDate('1/31/2024', us)).toBeUndefined();
    expect(readCalendarDate('2024-02-30', us)).toBeUndefined();
  });

  it('refuses formats it cannot read unambiguously', () => {
    expect(compileDateFormat('DD.MM.YY')).toEqual({
      problem:
        '"DD.MM.YY" may contain only YYYY, MM or M, DD or D, and the separators - . / and space',
    });
    expect(compileDateFormat('MM/YYYY')).toEqual({
      problem: '"MM/YYYY" must hold the year (YYYY), the month and the day exactly once',
    });
    expect(compileDateFormat('DD/DD/YYYY')).toHaveProperty('problem');
  });

  it.each([
    ['is empty', ''],
    ['has no year', 'MM/DD/DD'],
    ['has a field twice', 'YYYY-MM-DD DD'],
  ])('refuses a format that %s', (_, format) => {
    expect(compileDateFormat(format)).toEqual({
      problem: `"${format}" must hold the year (YYYY), the month and the day exactly once`,
    });
  });
});
