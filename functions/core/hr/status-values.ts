import type { EmploymentStatus } from './hr-record.js';

export type StatusMap = Partial<Record<EmploymentStatus, string[]>>;

/** How a status cell becomes `active` or `leaver`, and the sentence that says so in messages. */
export interface StatusReader {
  read(value: string): EmploymentStatus | undefined;
  expected: string;
}

const CANONICAL: readonly EmploymentStatus[] = ['active', 'leaver'];

/**
 * Reads the canonical `active`/`leaver` and the HR system's own values, case-insensitively.
 * `overrides` replace the preset's list for the status they name, and win where both claim a value.
 */
export function statusReader(preset: StatusMap = {}, overrides: StatusMap = {}): StatusReader {
  const lists: StatusMap = { ...preset, ...overrides };
  const lookup = new Map<string, EmploymentStatus>(CANONICAL.map((s) => [s, s]));
  const overridden = (s: EmploymentStatus) => Number(overrides[s] !== undefined);
  const order = [...CANONICAL].sort((a, b) => overridden(a) - overridden(b));
  for (const status of order) {
    for (const value of lists[status] ?? []) lookup.set(value.trim().toLowerCase(), status);
  }
  const valuesOf = (status: EmploymentStatus) =>
    [...lookup]
      .filter(([, to]) => to === status)
      .map(([folded]) => `"${original(lists, status, folded)}"`)
      .join(', ');
  const expected = CANONICAL.some((s) => lists[s]?.length)
    ? `must be one of ${CANONICAL.map((s) => `${valuesOf(s)} (${s})`).join('; ')}`
    : 'must be "active" or "leaver"';
  return { read: (value) => lookup.get(value.trim().toLowerCase()), expected };
}

/** The value as the HR system writes it, for messages. */
function original(lists: StatusMap, status: EmploymentStatus, folded: string): string {
  return lists[status]?.find((v) => v.trim().toLowerCase() === folded)?.trim() ?? folded;
}
