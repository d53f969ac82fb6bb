import { csvFormatRows } from 'd3-dsv';
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
  return jsonReport(run, [jsonReportEntries(findings)]);
}

/**
 * The JSON report from its findings' entries rendered in parts (`jsonReportEntries`): the same
 * text as `JSON.stringify({ ...run, findings }, null, 2)`.
 */
export function jsonReport(run: RunRecord, entryParts: readonly string[]): string {
  const head = JSON.stringify(run, null, 2).slice(0, -'\n}'.length);
  const parts = entryParts.filter((part) => part !== '');
  return parts.length === 0
    ? `${head},\n  "findings": []\n}`
    : `${head},\n  "findings": [\n${parts.join(',\n')}\n  ]\n}`;
}

/** Some findings' entries, indented as the report's `findings` array holds them. */
export function jsonReportEntries(findings: readonly StoredFinding[]): string {
  if (findings.length === 0) return '';
  const array = JSON.stringify(findings.map(reportFinding), null, 2);
  // Strings in JSON hold no raw line break, so each one starts a line to indent.
  return `  ${array.slice('[\n'.length, -'\n]'.length).replaceAll('\n', '\n  ')}`;
}

export function renderCsvReport(findings: readonly StoredFinding[]): string {
  return csvReport([csvReportRows(findings)]);
}

/** The CSV report from its rows rendered in parts (`csvReportRows`). */
export function csvReport(rowParts: readonly string[]): string {
  return csvLines([[...REPORT_CSV_COLUMNS]]) + rowParts.join('');
}

/** Some findings' rows of the CSV report. */
export function csvReportRows(findings: readonly StoredFinding[]): string {
  return csvLines(findings.map(csvRow));
}

/** Each row ends with a newline; a cell is quoted only where it must be. */
function csvLines(rows: string[][]): string {
  return rows.length === 0 ? '' : `${csvFormatRows(rows)}\n`;
}

/**
 * The same text, `CSV_ROWS_PER_TURN` rows at a time, letting other work run in between: a run
 * renders its reports while its findings are written. Rows are independent, so the parts join
 * into exactly what `renderCsvReport` gives.
 */
export async function renderCsvReportInTurns(findings: readonly StoredFinding[]): Promise<string> {
  const parts: string[] = [];
  for (let at = 0; at < findings.length; at += REPORT_ROWS_PER_PART) {
    await new Promise((resolve) => setImmediate(resolve));
    parts.push(csvReportRows(findings.slice(at, at + REPORT_ROWS_PER_PART)));
  }
  return csvReport(parts);
}

/** A few milliseconds of work. */
export const REPORT_ROWS_PER_PART = 500;

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
