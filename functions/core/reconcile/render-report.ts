import { stringify } from 'csv-stringify/sync';
import type { ActionOutcomeKind, RunRecord, StoredFinding } from './run-record.js';
import type { ActionKind, MatchKind, Situation } from './situation.js';

export const REPORT_CSV_COLUMNS = [
  'source',
  'username',
  'situation',
  'match',
  'employee_id',
  'enabled',
  'action',
  'action_id',
  'outcome',
  'reason',
] as const;

/** One finding as reports (JSON, HTML) and the console show it. */
export interface ReportFinding {
  source: string;
  username: string;
  situation: Situation;
  match: MatchKind;
  employeeId: string | null;
  enabled: boolean;
  action: ActionKind;
  actionId: string | null;
  outcome: ActionOutcomeKind | null;
  offboardingId?: string;
  reason: string;
}

export function reportFinding(f: StoredFinding): ReportFinding {
  return {
    source: f.source,
    username: f.username,
    situation: f.situation,
    match: f.match,
    employeeId: f.employeeId ?? null,
    enabled: f.enabled,
    action: f.action,
    actionId: f.actionId ?? null,
    outcome: f.outcome ?? null,
    ...(f.offboardingId ? { offboardingId: f.offboardingId } : {}),
    reason: f.reason,
  };
}

/** The report admins review: the run, the guard's verdict, and one finding per account. */
export function renderJsonReport(run: RunRecord, findings: readonly StoredFinding[]): string {
  return JSON.stringify({ ...run, findings: findings.map(reportFinding) }, null, 2);
}

export function renderCsvReport(findings: readonly StoredFinding[]): string {
  return stringify([[...REPORT_CSV_COLUMNS], ...findings.map(csvRow)]);
}

/**
 * The same text, `CSV_ROWS_PER_TURN` rows at a time, letting other work run in between: a run
 * renders its reports while its findings are written. Rows are independent, so the parts join
 * into exactly what `renderCsvReport` gives.
 */
export async function renderCsvReportInTurns(findings: readonly StoredFinding[]): Promise<string> {
  const parts = [stringify([[...REPORT_CSV_COLUMNS]])];
  for (let at = 0; at < findings.length; at += CSV_ROWS_PER_TURN) {
    await new Promise((resolve) => setImmediate(resolve));
    parts.push(stringify(findings.slice(at, at + CSV_ROWS_PER_TURN).map(csvRow)));
  }
  return parts.join('');
}

/** A few milliseconds of work. */
const CSV_ROWS_PER_TURN = 500;

function csvRow(f: StoredFinding): string[] {
  return [
    f.source,
    f.username,
    f.situation,
    f.match,
    f.employeeId ?? '',
    String(f.enabled),
    f.action,
    f.actionId ?? '',
    f.outcome ?? '',
    f.reason,
  ].map(neutraliseFormula);
}

/**
 * A cell that a spreadsheet would read as a formula (= + - @, or a leading tab or CR) is
 * prefixed with an apostrophe, so a crafted username cannot run anything when opened.
 */
export function neutraliseFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}
