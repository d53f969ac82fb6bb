import { z } from 'zod';
import type { Clock } from '../functions/core/shared/clock.js';
import { isCalendarDate } from '../functions/core/time/zoned-day.js';
import { CliError } from './exit-codes.js';

const dateTime = z.iso.datetime({ offset: true });

/** `--at ISO_DATETIME`: the moment to plan as if it were now; the clock's now by default. */
export function momentOf(at: string | undefined, clock: Clock): Date {
  if (at === undefined) return clock.now();
  if (!dateTime.safeParse(at).success || !isCalendarDate(at.slice(0, 10))) {
    throw new CliError(
      `--at ${at}: expected an ISO 8601 date-time with a time zone, e.g. 2026-03-31T23:59:59+02:00`,
    );
  }
  return new Date(at);
}
