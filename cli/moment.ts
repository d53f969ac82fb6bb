import type { Clock } from '../functions/core/shared/clock.js';
import { instantOfDateTime } from '../functions/core/time/moment.js';
import { CliError } from './exit-codes.js';

/** `--at ISO_DATETIME`: the moment to plan as if it were now; the clock's now by default. */
export function momentOf(at: string | undefined, clock: Clock): Date {
  if (at === undefined) return clock.now();
  const instant = instantOfDateTime(at);
  if (!instant) {
    throw new CliError(
      `--at ${at}: expected an ISO 8601 date-time with a time zone, e.g. 2026-03-31T23:59:59+02:00`,
    );
  }
  return instant;
}
