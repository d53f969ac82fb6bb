export type EmploymentStatus = 'active' | 'leaver';
export type FeedKind = 'roster' | 'leavers';

/** One validated row of the HR feed. */
export interface HrRecord {
  employeeId: string;
  /** Trimmed and case-folded, the form used for correlation; absent when HR has none. */
  email?: string;
  displayName: string;
  status: EmploymentStatus;
  /**
   * The last day (a termination date, on active records too) and the instant access ends. `raw`
   * is the date in ISO form (`YYYY-MM-DD`), or the date-time as written. A leaver without it has
   * already left: only feeds that declare so (`undatedLeavers: "already_left"`) have such rows.
   */
  lastDay?: { raw: string; accessEndsAt: Date };
  /** Where the row came from, for messages: a CSV line number or a JSON record number. */
  location: string;
}

export interface HrFeed {
  kind: FeedKind;
  source: string;
  /** The version of the object it was read from, where its bucket keeps versions. */
  version?: string;
  records: HrRecord[];
  /** What a reader of the report should know about how the feed was read; no personal data. */
  notes?: string[];
}

/** One thing wrong with a feed; `location` is null when the whole feed is at fault. */
export interface FeedProblem {
  location: string | null;
  field: string | null;
  reason: string;
}

export type FeedResult =
  | { ok: true; feed: HrFeed }
  | {
      ok: false;
      problems: FeedProblem[];
      /** The data rows read, and those that passed their own checks, when the rows could be read. */
      read?: { rows: number; records: HrRecord[] };
    };

/** The canonical columns; `display_name` may be empty, `last_day` is required for leavers. */
export const HR_COLUMNS = ['employee_id', 'email', 'display_name', 'status', 'last_day'] as const;
export type HrColumn = (typeof HR_COLUMNS)[number];

/** Which source column (or JSON key) holds each canonical column. */
export type ColumnMap = Partial<Record<HrColumn, string>>;

export function normaliseEmail(email: string): string {
  // Unicode normalisation only where it can matter: most addresses are plain ASCII.
  const folded = email.trim().toLowerCase();
  return NON_ASCII.test(folded) ? folded.normalize('NFC') : folded;
}
const NON_ASCII = /[^\u0020-\u007e]/;

/** `file:line: field: reason`, the one-line form every tool prints. */
export function formatProblem(file: string, problem: FeedProblem): string {
  const where = problem.location === null ? file : `${file}:${problem.location}`;
  return problem.field
    ? `${where}: ${problem.field}: ${problem.reason}`
    : `${where}: ${problem.reason}`;
}
