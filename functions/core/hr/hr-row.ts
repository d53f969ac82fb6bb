import { z } from 'zod';
import { endOfDayInZone, isCalendarDate } from '../time/zoned-day.js';
import type { FeedProblem, HrRecord } from './hr-record.js';
import { normaliseEmail } from './hr-record.js';

const DATE_TIME_WITH_OFFSET =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

// A missing value is "required"; a number or list where text belongs is a type mistake.
const text = {
  error: (issue: { input: unknown }) =>
    issue.input === undefined ? 'is required' : 'must be text',
};

const rowSchema = z.object({
  employee_id: z
    .string(text)
    .trim()
    .min(1, 'is required')
    .max(64, 'is longer than 64 characters')
    .regex(/^[A-Za-z0-9._:-]*$/, 'may contain only letters, digits and . _ : -'),
  email: z
    .string(text)
    .trim()
    .min(1, 'is required')
    .pipe(z.email({ error: 'is not a valid email address' })),
  display_name: z.string(text).trim().max(200, 'is longer than 200 characters').default(''),
  status: z
    .string(text)
    .trim()
    .toLowerCase()
    .pipe(z.enum(['active', 'leaver'], { error: 'must be "active" or "leaver"' })),
  last_day: z
    .string(text)
    .trim()
    .default('')
    .refine(
      (value) => value === '' || resolveLastDay(value, 'UTC') !== undefined,
      'must be a date (YYYY-MM-DD) or a date-time with offset (YYYY-MM-DDThh:mm:ss+hh:mm)',
    ),
});

/**
 * Validates one row (keys already mapped to the canonical columns) and resolves `last_day`
 * to the instant access ends. Returns every problem of the row, not just the first.
 */
export function parseHrRow(
  row: Record<string, unknown>,
  location: string,
  timeZone: string,
): { record: HrRecord } | { problems: FeedProblem[] } {
  const parsed = rowSchema.safeParse(row);
  if (!parsed.success) {
    return {
      problems: parsed.error.issues.map((issue) => ({
        location,
        field: String(issue.path[0] ?? 'row'),
        reason: `${issue.message}${shownValue(row[String(issue.path[0])])}`,
      })),
    };
  }
  const { employee_id, email, display_name, status, last_day } = parsed.data;
  const record: HrRecord = {
    employeeId: employee_id,
    email: normaliseEmail(email),
    displayName: display_name,
    status,
    location,
  };
  if (last_day === '') {
    if (status === 'leaver') {
      return { problems: [{ location, field: 'last_day', reason: 'is required for a leaver' }] };
    }
    return { record };
  }
  // The schema already accepted the value, so it resolves.
  record.lastDay = { raw: last_day, accessEndsAt: resolveLastDay(last_day, timeZone) as Date };
  return { record };
}

/** A date means access ends when that day ends in the time zone; a date-time is exact. */
function resolveLastDay(value: string, timeZone: string): Date | undefined {
  if (isCalendarDate(value)) return endOfDayInZone(value, timeZone);
  if (!DATE_TIME_WITH_OFFSET.test(value) || !isCalendarDate(value.slice(0, 10))) return undefined;
  const instant = new Date(value);
  return Number.isNaN(instant.getTime()) ? undefined : instant;
}

/** Quotes the offending value in messages, shortened; rows hold personal data, so only a little. */
function shownValue(value: unknown): string {
  if (typeof value !== 'string')
    return value === undefined || value === null ? '' : ` (got ${JSON.stringify(value)})`;
  if (value.trim() === '') return '';
  const short = value.length > 40 ? `${value.slice(0, 37)}...` : value;
  return ` (got ${JSON.stringify(short)})`;
}
