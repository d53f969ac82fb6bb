import { instantOfWallClock, nearOffsetChange, wallClockInZone } from '../time/zoned-day.js';
import { scheduleNameOf } from './offboarding.js';
import type { OneTimeSchedule } from './ports.js';

/**
 * The one-time schedule that runs an offboarding at its moment: `at()` takes a wall-clock time
 * read in the schedule's time zone, so it is written in the deployment's zone, or in UTC when a
 * daylight-saving change is near and the wall-clock time could name two instants.
 */
export function oneTimeSchedule(
  offboardingId: string,
  at: Date,
  timeZone: string,
  retry?: number,
): OneTimeSchedule {
  const zone = nearOffsetChange(at, timeZone) ? 'UTC' : timeZone;
  return {
    name: scheduleNameOf(offboardingId, retry),
    expression: `at(${wallClockInZone(at, zone)})`,
    timeZone: zone,
    offboardingId,
  };
}

/** The instant an `at(...)` expression names in its zone (for the local harness and checks). */
export function instantOfAt(expression: string, timeZone: string): Date | undefined {
  const [, wall] = /^at\((\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})\)$/.exec(expression) ?? [];
  if (!wall) return undefined;
  return instantOfWallClock(wall, timeZone);
}
