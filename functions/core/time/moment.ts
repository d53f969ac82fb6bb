// Moments HR gives: a calendar date (the end of that day in the deployment's time zone) or an
// exact date-time with its offset. And the wall-clock form EventBridge Scheduler's at() takes.
import { endOfDayInZone, isCalendarDate, zonedFields } from './zoned-day.js';

const DATE_TIME =
  /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|([+-])(\d{2}):(\d{2}))$/;

/**
 * The instant a date (`YYYY-MM-DD`: when that day ends in `timeZone`) or a date-time with offset
 * (`2026-12-01T17:30:00-06:00`) names; undefined for anything else, including impossible dates
 * and times (`2026-02-30`, `25:00`) and date-times without an offset.
 */
export function resolveMoment(value: string, timeZone: string): Date | undefined {
  if (isCalendarDate(value)) return endOfDayInZone(value, timeZone);
  const [, date, hours, minutes, seconds = '0', , , offsetHours, offsetMinutes] =
    DATE_TIME.exec(value) ?? [];
  if (date === undefined || !isCalendarDate(date)) return undefined;
  if (Number(hours) > 23 || Number(minutes) > 59 || Number(seconds) > 59) return undefined;
  if (offsetHours !== undefined && (Number(offsetHours) > 14 || Number(offsetMinutes) > 59))
    return undefined;
  const instant = new Date(value);
  return Number.isNaN(instant.getTime()) ? undefined : instant;
}

/** The wall-clock time `YYYY-MM-DDThh:mm:ss` of an instant in a time zone. */
export function wallClockInZone(instant: Date, timeZone: string): string {
  const f = zonedFields(instant, timeZone);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${f.year}-${two(f.month)}-${two(f.day)}T${two(f.hour)}:${two(f.minute)}:${two(f.second)}`;
}

const THREE_HOURS_MS = 3 * 3_600_000;

/**
 * True when the zone's offset from UTC changes within three hours of the instant: its wall-clock
 * time may then name two instants (or none), so a schedule there is written in UTC instead.
 */
export function nearOffsetChange(instant: Date, timeZone: string): boolean {
  const offset = (at: number) => {
    const wall = wallClockInZone(new Date(at), timeZone);
    return Date.parse(`${wall}Z`) - Math.floor(at / 1000) * 1000;
  };
  const t = instant.getTime();
  return offset(t - THREE_HOURS_MS) !== offset(t + THREE_HOURS_MS);
}

const WALL_CLOCK = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * The instant a wall-clock time (`YYYY-MM-DDThh:mm[:ss]`) names in a time zone; undefined for a
 * malformed or impossible time, and for one the zone skips (clocks jump over it). Of a time the
 * zone shows twice (clocks go back), the earlier instant.
 */
export function instantOfWallClock(wall: string, timeZone: string): Date | undefined {
  const [, date, hours, minutes, seconds = '00'] = WALL_CLOCK.exec(wall) ?? [];
  if (date === undefined || !isCalendarDate(date)) return undefined;
  if (Number(hours) > 23 || Number(minutes) > 59 || Number(seconds) > 59) return undefined;
  const normalised = `${date}T${hours}:${minutes}:${seconds}`;
  const asUtc = Date.parse(`${normalised}Z`);
  const offsetAt = (t: number) => Date.parse(`${wallClockInZone(new Date(t), timeZone)}Z`) - t;
  // The offsets a little before and after: the earlier of the two readings that fit wins.
  const candidates = [asUtc - offsetAt(asUtc - 86_400_000), asUtc - offsetAt(asUtc + 86_400_000)]
    .filter((t) => wallClockInZone(new Date(t), timeZone) === normalised)
    .sort((a, b) => a - b);
  return candidates[0] === undefined ? undefined : new Date(candidates[0]);
}
