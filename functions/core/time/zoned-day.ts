// Every piece of time-zone arithmetic goes through here, on the Temporal API (polyfilled):
// hand-written offset arithmetic ended the day an hour early where clocks spring forward at
// local midnight, and Temporal defines exactly what a day's start is when midnight is skipped
// or happens twice (docs/decisions/0024-time-zones-with-temporal.md).
import { Temporal } from 'temporal-polyfill';

/** True for an IANA zone name the runtime's time-zone database knows (not an offset such as +01:00). */
export function isKnownTimeZone(timeZone: string): boolean {
  if (/^[+\-\u2212]/.test(timeZone)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/**
 * The instant a calendar day (YYYY-MM-DD) ends in a zone: the first instant of the next local
 * day. That is midnight; 01:00 where the clocks spring forward at midnight; the first of two
 * midnights where they fall back across it. Throws a RangeError for an impossible date or zone.
 */
export function endOfDayInZone(isoDate: string, timeZone: string): Date {
  const nextDay = Temporal.PlainDate.from(isoDate, { overflow: 'reject' }).add({ days: 1 });
  return new Date(nextDay.toZonedDateTime(timeZone).epochMilliseconds);
}

const zoned = (instant: Date, timeZone: string) =>
  Temporal.Instant.fromEpochMilliseconds(instant.getTime()).toZonedDateTimeISO(timeZone);

/** The wall-clock time `YYYY-MM-DDThh:mm:ss` of an instant in a time zone. */
export function wallClockInZone(instant: Date, timeZone: string): string {
  return zoned(instant, timeZone).toPlainDateTime().toString({ smallestUnit: 'second' });
}

/**
 * The instant a wall-clock time `YYYY-MM-DDThh:mm:ss` names in a zone: the earlier of two when
 * the clocks fall back, the time after the jump when they skip it; undefined if it is no time.
 */
export function instantOfWallClock(wallClock: string, timeZone: string): Date | undefined {
  try {
    const local = Temporal.PlainDateTime.from(wallClock, { overflow: 'reject' });
    return new Date(local.toZonedDateTime(timeZone).epochMilliseconds);
  } catch {
    return undefined;
  }
}

const THREE_HOURS_MS = 3 * 3_600_000;

/**
 * True when the zone's offset from UTC changes within three hours of the instant: its wall-clock
 * time may then name two instants (or none), so a schedule there is written in UTC instead.
 */
export function nearOffsetChange(instant: Date, timeZone: string): boolean {
  const from = new Date(instant.getTime() - THREE_HOURS_MS);
  const change = zoned(from, timeZone).getTimeZoneTransition('next');
  return change !== null && change.epochMilliseconds <= instant.getTime() + THREE_HOURS_MS;
}

/** True for a real calendar date written as YYYY-MM-DD. */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const [year, month, day] = value.split('-').map(Number) as [number, number, number];
  // setUTCFullYear, not Date.UTC, which reads the years 0 to 99 as 1900 to 1999.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}
