import { describe, expect, it } from 'vitest';
import {
  endOfDayInZone,
  isCalendarDate,
  isKnownTimeZone,
} from '../../../../functions/core/time/zoned-day.js';

describe('end of a calendar day in a time zone', () => {
  it('is the next midnight, local time', () => {
    expect(endOfDayInZone('2024-01-31', 'UTC').toISOString()).toBe('2024-02-01T00:00:00.000Z');
    expect(endOfDayInZone('2024-01-31', 'America/Mexico_City').toISOString()).toBe(
      '2024-02-01T06:00:00.000Z',
    );
    expect(endOfDayInZone('2024-06-30', 'Asia/Kolkata').toISOString()).toBe(
      '2024-06-30T18:30:00.000Z',
    );
  });

  it('follows daylight-saving changes', () => {
    // New York springs forward on 2026-03-08: the 7th ends in EST, the 8th in EDT.
    expect(endOfDayInZone('2026-03-07', 'America/New_York').toISOString()).toBe(
      '2026-03-08T05:00:00.000Z',
    );
    expect(endOfDayInZone('2026-03-08', 'America/New_York').toISOString()).toBe(
      '2026-03-09T04:00:00.000Z',
    );
    expect(endOfDayInZone('2026-10-24', 'Europe/Madrid').toISOString()).toBe(
      '2026-10-24T22:00:00.000Z',
    );
    expect(endOfDayInZone('2026-10-25', 'Europe/Madrid').toISOString()).toBe(
      '2026-10-25T23:00:00.000Z',
    );
  });

  it('knows real dates and zones only', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2023-02-29')).toBe(false);
    expect(isCalendarDate('2024-1-01')).toBe(false);
    expect(isKnownTimeZone('Europe/Madrid')).toBe(true);
    expect(isKnownTimeZone('Mars/Olympus')).toBe(false);
  });
});
