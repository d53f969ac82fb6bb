// Moments HR gives: a calendar date (the end of that day in the deployment's time zone) or an
// exact date-time with its offset.
import {
  endOfDayInZone,
  instantOfWallClock as instantInZone,
  isCalendarDate,
  wallClockInZone,
} from './zoned-day.js';

const DATE_TIME =
  /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|([+-])(\d{2}):(\d{2}))$/;

/** HR's and admins' dates fall in these years; outside them a date is a placeholder. */
export const YEARS = { first: 1900, last: 2199 } as const;

/**
 * False for a date or date-time (`YYYY-...`) outside `YEARS`: a placeholder such as Excel's
 * 1899-12-30 (an empty cell) or SAP's 9999-12-31 (no end), not a moment to act on.
 */
export function isWithinYears(isoValue: string): boolean {
  const year = Number(isoValue.slice(0, 4));
  return year >= YEARS.first && year <= YEARS.last;
}

/**
 * The instant a date (`YYYY-MM-DD`: when that day ends in `timeZone`) or a date-time with offset
 * (`2026-12-01T17:30:00-06:00`) names, in the years 1900 to 2199; undefined for anything else,
 * including impossible dates and times (`2026-02-30`, `25:00`) and date-times without an offset.
 */
export function resolveMoment(value: string, timeZone: string): Date | undefined {
  if (!isWithinYears(value)) return undefined;
  if (isCalendarDate(value)) return endOfDayInZone(value, timeZone);
  return instantOfDateTime(value);
}

/**
 * The instant a date-time with offset (`2026-12-01T17:30:00-06:00`, `2026-12-01T23:30Z`) names;
 * undefined for impossible dates, times (`24:00`, `23:60`) and offsets, and for local times.
 */
export function instantOfDateTime(value: string): Date | undefined {
  const [, date, hours, minutes, seconds = '0', , , offsetHours, offsetMinutes] =
    DATE_TIME.exec(value) ?? [];
  if (date === undefined || !isCalendarDate(date)) return undefined;
  if (Number(hours) > 23 || Number(minutes) > 59 || Number(seconds) > 59) return undefined;
  if (offsetHours !== undefined && (Number(offsetHours) > 14 || Number(offsetMinutes) > 59))
    return undefined;
  return new Date(value);
}

const WALL_CLOCK = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * The instant a wall-clock time (`YYYY-MM-DDThh:mm[:ss]`) an admin picked names in a time zone;
 * undefined for a malformed or impossible time, and for one the zone skips (clocks jump over it),
 * which an admin must pick again. Of a time the zone shows twice, the earlier instant.
 */
export function instantOfWallClock(wall: string, timeZone: string): Date | undefined {
  const [, date, hours, minutes, seconds = '00'] = WALL_CLOCK.exec(wall) ?? [];
  if (date === undefined) return undefined;
  const normalised = `${date}T${hours}:${minutes}:${seconds}`;
  const instant = instantInZone(normalised, timeZone);
  return instant && wallClockInZone(instant, timeZone) === normalised ? instant : undefined;
}
