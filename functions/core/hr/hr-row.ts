import { z } from 'zod';
import { instantOfDateTime, isWithinYears, YEARS } from '../time/moment.js';
import { endOfDayInZone } from '../time/zoned-day.js';
import { readCalendarDate } from './date-formats.js';
import type { FeedRules } from './feed-rules.js';
import type { EmploymentStatus, FeedProblem, HrRecord } from './hr-record.js';
import { normaliseEmail } from './hr-record.js';

// A missing value is "required"; a number or list where text belongs is a type mistake.
const text = {
  error: (issue: { input: unknown }) =>
    issue.input === undefined ? 'is required' : 'must be text',
};
const emailSchema = z.email({ error: 'is not a valid email address' });

const LAST_DAYS_KEPT = 4096;

export type RowResult = { record: HrRecord } | { problems: FeedProblem[] };
export type RowReader = (row: Record<string, unknown>, location: string) => RowResult;

/**
 * Validates rows (keys already mapped to the canonical columns) by the feed's rules: HR's status
 * values, its date formats, whether the status comes from the date. Resolves the last day to the
 * instant access ends, and returns every problem of a row, not just the first.
 */
export function rowReader(rules: FeedRules): RowReader {
  // Feeds repeat their last days (a month's leavers share a few dates): each of the first
  // LAST_DAYS_KEPT values is resolved once per feed, the rest each time they are read.
  const lastDays = new Map<string, HrRecord['lastDay']>();
  const lastDayOf = (value: string) => {
    if (lastDays.has(value)) return lastDays.get(value);
    const lastDay = resolveLastDay(value, rules);
    if (lastDays.size < LAST_DAYS_KEPT) lastDays.set(value, lastDay);
    return lastDay;
  };
  const dateHint = rules.dateFormats.length
    ? `must be a date (${rules.dateFormats.map((f) => f.format).join(', ')} or YYYY-MM-DD) or a date-time with offset (YYYY-MM-DDThh:mm:ss+hh:mm)`
    : 'must be a date (YYYY-MM-DD) or a date-time with offset (YYYY-MM-DDThh:mm:ss+hh:mm)';
  const schema = z.object({
    employee_id: z
      .string(text)
      .trim()
      .min(1, 'is required')
      .max(64, 'is longer than 64 characters')
      .regex(/^[A-Za-z0-9._:-]*$/, 'may contain only letters, digits and . _ : -'),
    // HR data has people without a work email: they are matched by employee id alone.
    email: z
      .string(text)
      .trim()
      .default('')
      .refine((v) => v === '' || emailSchema.safeParse(v).success, 'is not a valid email address'),
    display_name: z.string(text).trim().max(200, 'is longer than 200 characters').default(''),
    status: rules.statusFromDate
      ? z.unknown()
      : z
          .string(text)
          .trim()
          .refine((v) => rules.status.read(v) !== undefined, rules.status.expected),
    last_day: z
      .string(text)
      .trim()
      .default('')
      .refine((v) => v === '' || lastDayOf(v) !== undefined, dateHint)
      .refine(
        (v) => v === '' || isWithinYears(lastDayOf(v)?.raw ?? `${YEARS.first}`),
        `is a placeholder, not a last day: dates must fall in the years ${YEARS.first} to ${YEARS.last} (leave the cell empty when there is none)`,
      ),
  });

  return (row, location) => {
    const parsed = schema.safeParse(row);
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
    const lastDay = last_day === '' ? undefined : lastDayOf(last_day);
    const employment: EmploymentStatus = rules.statusFromDate
      ? lastDay
        ? 'leaver'
        : 'active'
      : (rules.status.read(status as string) as EmploymentStatus);
    if (employment === 'leaver' && !lastDay && rules.undatedLeavers === 'reject') {
      return { problems: [{ location, field: 'last_day', reason: 'is required for a leaver' }] };
    }
    return {
      record: {
        employeeId: employee_id,
        ...(email === '' ? {} : { email: normaliseEmail(email) }),
        displayName: display_name,
        status: employment,
        location,
        ...(lastDay ? { lastDay } : {}),
      },
    };
  };
}

/** A date means access ends when that day ends in the time zone; a date-time is exact. */
function resolveLastDay(value: string, rules: FeedRules): HrRecord['lastDay'] {
  const day = readCalendarDate(value, rules.dateFormats);
  if (day) return { raw: day, accessEndsAt: endOfDayInZone(day, rules.timeZone) };
  const instant = instantOfDateTime(value);
  return instant ? { raw: value, accessEndsAt: instant } : undefined;
}

/** Quotes the offending value in messages, shortened; rows hold personal data, so only a little. */
function shownValue(value: unknown): string {
  if (typeof value !== 'string')
    return value === undefined || value === null ? '' : ` (got ${JSON.stringify(value)})`;
  if (value.trim() === '') return '';
  const short = value.length > 40 ? `${value.slice(0, 37)}...` : value;
  return ` (got ${JSON.stringify(short)})`;
}
