import { describe, expect, it } from 'vitest';
import { endOfDayInZone } from '../../../../functions/core/time/zoned-day.js';

// An independent reading of the runtime's zone database: the calendar day an instant falls on.
const dayFormats = new Map<string, Intl.DateTimeFormat>();
function localDay(epochMs: number, timeZone: string): string {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    dayFormats.set(timeZone, format);
  }
  return format.format(epochMs);
}

const DAY_MS = 86_400_000;
const isoDay = (epochMs: number) => new Date(epochMs).toISOString().slice(0, 10);

// An exhaustive check, kept out of the mutation run (it takes seconds, and every mutant of the
// end of a day is killed by the named zone-days in zoned-day.test.ts).
describe('end of a calendar day in every zone', () => {
  // Every zone the runtime knows, every day of 2024-2026: the instant returned is the boundary
  // between the day and the next, read independently (the millisecond before it is still the
  // day, the instant itself is the next day).
  it('is the first instant of the next local day in every IANA zone, 2024-2026', () => {
    const wrong: string[] = [];
    const zones = Intl.supportedValuesOf('timeZone');
    for (const zone of zones) {
      for (let day = Date.UTC(2024, 0, 1); day < Date.UTC(2027, 0, 1); day += DAY_MS) {
        const end = endOfDayInZone(isoDay(day), zone).getTime();
        if (localDay(end - 1, zone) !== isoDay(day) || localDay(end, zone) !== isoDay(day + DAY_MS))
          wrong.push(`${zone} ${isoDay(day)}: ${new Date(end).toISOString()}`);
      }
    }
    expect(zones.length).toBeGreaterThan(400);
    expect(wrong).toEqual([]);
  }, 120_000);
});
