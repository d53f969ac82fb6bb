import { describe, expect, it } from 'vitest';
import {
  endOfDayInZone,
  instantOfWallClock,
  isCalendarDate,
  isKnownTimeZone,
  nearOffsetChange,
  wallClockInZone,
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

  // Where clocks spring forward at local midnight, the next day starts at 01:00: the day ends
  // then, not an hour earlier at 23:00 (which would end access an hour too soon).
  it.each([
    ['America/Santiago', '2024-09-07', '2024-09-08T04:00:00.000Z'],
    ['America/Santiago', '2025-09-06', '2025-09-07T04:00:00.000Z'],
    ['America/Santiago', '2026-09-05', '2026-09-06T04:00:00.000Z'],
    ['America/Coyhaique', '2024-09-07', '2024-09-08T04:00:00.000Z'],
    ['America/Asuncion', '2024-10-05', '2024-10-06T04:00:00.000Z'],
    ['America/Havana', '2024-03-09', '2024-03-10T05:00:00.000Z'],
    ['America/Havana', '2025-03-08', '2025-03-09T05:00:00.000Z'],
    ['America/Havana', '2026-03-07', '2026-03-08T05:00:00.000Z'],
    ['Atlantic/Azores', '2024-03-30', '2024-03-31T01:00:00.000Z'],
    ['Atlantic/Azores', '2025-03-29', '2025-03-30T01:00:00.000Z'],
    ['Atlantic/Azores', '2026-03-28', '2026-03-29T01:00:00.000Z'],
  ])('%s %s ends at %s, where midnight is skipped', (zone, day, end) => {
    expect(endOfDayInZone(day, zone).toISOString()).toBe(end);
  });

  it('lasts 25 hours where the clocks fall back from midnight to 23:00', () => {
    // Santiago goes from 24:00 -03 back to 23:00 -04 on 2025-04-05.
    expect(endOfDayInZone('2025-04-05', 'America/Santiago').toISOString()).toBe(
      '2025-04-06T04:00:00.000Z',
    );
  });

  it('ends at the first of two midnights where the clocks fall back from 01:00 to midnight', () => {
    // The Azores go from 01:00 +00 back to 00:00 -01 on 2025-10-26: midnight happens twice.
    expect(endOfDayInZone('2025-10-25', 'Atlantic/Azores').toISOString()).toBe(
      '2025-10-26T00:00:00.000Z',
    );
  });

  it('refuses an impossible date or an unknown zone', () => {
    expect(() => endOfDayInZone('2026-02-30', 'UTC')).toThrow(RangeError);
    expect(() => endOfDayInZone('2026-02-28', 'Mars/Olympus')).toThrow(RangeError);
  });

  it('knows real dates and zones only', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2023-02-29')).toBe(false);
    expect(isCalendarDate('2024-1-01')).toBe(false);
    expect(isCalendarDate('0001-01-01')).toBe(true);
    expect(isCalendarDate('0100-02-29')).toBe(false);
    // Exactly four digits of year, two of month and of day, and nothing around them.
    expect(isCalendarDate('12024-01-01')).toBe(false);
    expect(isCalendarDate('2024-01-011')).toBe(false);
    expect(isKnownTimeZone('Europe/Madrid')).toBe(true);
    expect(isKnownTimeZone('Etc/GMT+5')).toBe(true);
    expect(isKnownTimeZone('Mars/Olympus')).toBe(false);
    expect(isKnownTimeZone('')).toBe(false);
    // An offset is not a zone: it knows no daylight-saving changes, and Scheduler refuses it.
    expect(isKnownTimeZone('+05:00')).toBe(false);
    expect(isKnownTimeZone('-03:00')).toBe(false);
  });
});

describe('wall-clock times in a zone', () => {
  it('reads an instant as the zone shows it, to the second', () => {
    expect(wallClockInZone(new Date('2026-12-15T23:30:00.750Z'), 'America/Mexico_City')).toBe(
      '2026-12-15T17:30:00',
    );
  });

  it('names the instant of a wall-clock time, the earlier one when it happens twice', () => {
    expect(instantOfWallClock('2026-12-15T17:30:00', 'America/Mexico_City')?.toISOString()).toBe(
      '2026-12-15T23:30:00.000Z',
    );
    // New York falls back at 02:00 on 2026-11-01: 01:30 happens at 05:30Z and at 06:30Z.
    expect(instantOfWallClock('2026-11-01T01:30:00', 'America/New_York')?.toISOString()).toBe(
      '2026-11-01T05:30:00.000Z',
    );
    // It springs forward at 02:00 on 2026-03-08: 02:30 is read as 03:30 EDT.
    expect(instantOfWallClock('2026-03-08T02:30:00', 'America/New_York')?.toISOString()).toBe(
      '2026-03-08T07:30:00.000Z',
    );
  });

  it('names no instant for an impossible time or zone', () => {
    expect(instantOfWallClock('2026-02-30T10:00:00', 'UTC')).toBeUndefined();
    expect(instantOfWallClock('2026-02-28T24:00:00', 'UTC')).toBeUndefined();
    expect(instantOfWallClock('2026-02-28T10:00:00', 'Mars/Olympus')).toBeUndefined();
  });

  it('sees an offset change within three hours either side, and not beyond', () => {
    // New York springs forward at 2026-03-08T07:00Z.
    const change = Date.parse('2026-03-08T07:00:00Z');
    const hour = 3_600_000;
    expect(nearOffsetChange(new Date(change - 3 * hour), 'America/New_York')).toBe(true);
    expect(nearOffsetChange(new Date(change + 3 * hour - 1), 'America/New_York')).toBe(true);
    expect(nearOffsetChange(new Date(change - 3 * hour - 1), 'America/New_York')).toBe(false);
    expect(nearOffsetChange(new Date(change + 3 * hour), 'America/New_York')).toBe(false);
    expect(nearOffsetChange(new Date(change), 'UTC')).toBe(false);
  });
});
