import { nearOffsetChange, wallClockInZone } from '../time/moment.js';
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
): OneTimeSchedule {
  const zone = nearOffsetChange(at, timeZone) ? 'UTC' : timeZone;
  return {
    name: scheduleNameOf(offboardingId),
    expression: `at(${wallClockInZone(at, zone)})`,
    timeZone: zone,
    offboardingId,
  };
}

/** The instant an `at(...)` expression names in its zone (for the local harness and checks). */
export function instantOfAt(expression: string, timeZone: string): Date | undefined {
  const [, wall] = /^at\((\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})\)$/.exec(expression) ?? [];
  if (!wall) return undefined;
  const asUtc = Date.parse(`${wall}Z`);
  // Two passes settle the offset, as for the end of a day.
  const offsetAt = (t: number) => Date.parse(`${wallClockInZone(new Date(t), timeZone)}Z`) - t;
  const first = asUtc - offsetAt(asUtc);
  return new Date(asUtc - offsetAt(first));
}
