// Date-only HR dates mean "the whole of that day in the deployment's time zone".
// These helpers turn such a date into the instant the day ends, using only Intl.

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Throws a RangeError for a name the runtime's time-zone database does not know. */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock fields of an instant in a zone (month 1-12, hour 0-23). */
export function zonedFields(instant: Date, timeZone: string) {
  const parts = formatterFor(timeZone).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    Number(parts.find((p) => p.type === type)?.value);
  return {
    year: part('year'),
    month: part('month'),
    day: part('day'),
    hour: part('hour'),
    minute: part('minute'),
    second: part('second'),
  };
}

/** Offset of the zone from UTC at the given instant, in milliseconds. */
function zoneOffsetMs(timeZone: string, epochMs: number): number {
  const fields = zonedFields(new Date(epochMs), timeZone);
  const part = (type: keyof typeof fields) => fields[type];
  const wallClockAsUtc = Date.UTC(
    part('year'),
    part('month') - 1,
    part('day'),
    part('hour'),
    part('minute'),
    part('second'),
  );
  return wallClockAsUtc - Math.floor(epochMs / 1000) * 1000;
}

/** The instant a calendar day (YYYY-MM-DD) ends in a zone: midnight at the start of the next day. */
export function endOfDayInZone(isoDate: string, timeZone: string): Date {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  const nextMidnightAsUtc = Date.UTC(year, month - 1, day + 1);
  // Two passes settle the offset when the day ends near a daylight-saving change.
  const firstGuess = nextMidnightAsUtc - zoneOffsetMs(timeZone, nextMidnightAsUtc);
  return new Date(nextMidnightAsUtc - zoneOffsetMs(timeZone, firstGuess));
}

/** True for a real calendar date written as YYYY-MM-DD. */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const [year, month, day] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}
