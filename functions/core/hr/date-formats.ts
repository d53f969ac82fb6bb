import { isCalendarDate } from '../time/zoned-day.js';

// HR exports write calendar days in the format of the company's locale. A format is a pattern
// of YYYY, MM/M and DD/D joined by separators. Only calendar days are read here: the deployment's
// time zone, not the machine's, decides when a day ends, so no general date library is used.

const TOKEN = /YYYY|MM|DD|M|D|[-./ ]/g;
const PIECE: Record<string, string> = {
  YYYY: '(\\d{4})',
  MM: '(\\d{2})',
  DD: '(\\d{2})',
  M: '(\\d{1,2})',
  D: '(\\d{1,2})',
};

export interface DateFormat {
  format: string;
  pattern: RegExp;
  /** Index of the year, month and day groups in the pattern's match. */
  groups: { year: number; month: number; day: number };
}

/** The pattern for a format such as `DD.MM.YYYY`, or why the format cannot be used. */
export function compileDateFormat(format: string): DateFormat | { problem: string } {
  const tokens = format.match(TOKEN) ?? [];
  if (tokens.join('') !== format) {
    return {
      problem: `"${format}" may contain only YYYY, MM or M, DD or D, and the separators - . / and space`,
    };
  }
  const fields = tokens.filter((t) => /[YMD]/.test(t));
  const year = fields.indexOf('YYYY') + 1;
  const month = fields.findIndex((t) => t.startsWith('M')) + 1;
  const day = fields.findIndex((t) => t.startsWith('D')) + 1;
  if (fields.length !== 3 || !year || !month || !day) {
    return { problem: `"${format}" must hold the year (YYYY), the month and the day exactly once` };
  }
  const source = tokens.map((t) => PIECE[t] ?? `\\${t}`).join('');
  return { format, pattern: new RegExp(`^${source}$`), groups: { year, month, day } };
}

/** The day in ISO form (`YYYY-MM-DD`) when `value` is a real date in one of the formats. */
export function readCalendarDate(
  value: string,
  formats: readonly DateFormat[],
): string | undefined {
  if (isCalendarDate(value)) return value;
  for (const { pattern, groups } of formats) {
    const match = pattern.exec(value);
    if (!match) continue;
    const part = (i: number, width: number) => (match[i] as string).padStart(width, '0');
    const iso = `${part(groups.year, 4)}-${part(groups.month, 2)}-${part(groups.day, 2)}`;
    if (isCalendarDate(iso)) return iso;
  }
  return undefined;
}
