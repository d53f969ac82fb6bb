// The findings the HTML report carries for its own script, in a compact columnar form: values that
// repeat (pool, situation, reason, ...) are stored once, so 100,000 findings stay a few megabytes.
import type { ReportFinding } from '../core/reconcile/render-report.js';
import type { FindingsQuery } from '../core/review/findings-query.js';

/** username, source, situation, match, employeeId, enabled, action, actionId, outcome, reason, offboardingId. */
type Row = [
  string,
  number,
  number,
  number,
  string | null,
  0 | 1,
  number,
  string | null,
  number,
  number,
  string | null,
];

export interface EmbeddedFindings {
  version: 1;
  /** Every repeated value once; rows refer to them by index (-1: none). */
  strings: string[];
  rows: Row[];
  query: FindingsQuery;
  complete: boolean;
}

export function encodeFindings(
  findings: readonly ReportFinding[],
  query: FindingsQuery,
  complete: boolean,
): EmbeddedFindings {
  const strings: string[] = [];
  const index = new Map<string, number>();
  const ref = (value: string | null | undefined): number => {
    if (value === null || value === undefined) return -1;
    let i = index.get(value);
    if (i === undefined) {
      i = strings.push(value) - 1;
      index.set(value, i);
    }
    return i;
  };
  const rows = findings.map(
    (f): Row => [
      f.username,
      ref(f.source),
      ref(f.situation),
      ref(f.match),
      f.employeeId,
      f.enabled ? 1 : 0,
      ref(f.action),
      f.actionId,
      ref(f.outcome),
      ref(f.reason),
      f.offboardingId ?? null,
    ],
  );
  return { version: 1, strings, rows, query, complete };
}

export function decodeFindings(data: EmbeddedFindings): ReportFinding[] {
  const s = (i: number) => (i < 0 ? null : (data.strings[i] as string));
  return data.rows.map((r) => {
    const finding: ReportFinding = {
      username: r[0],
      source: s(r[1]) as string,
      situation: s(r[2]) as ReportFinding['situation'],
      match: s(r[3]) as ReportFinding['match'],
      employeeId: r[4],
      enabled: r[5] === 1,
      action: s(r[6]) as ReportFinding['action'],
      actionId: r[7],
      outcome: s(r[8]) as ReportFinding['outcome'],
      reason: s(r[9]) as string,
    };
    if (r[10]) finding.offboardingId = r[10];
    return finding;
  });
}

/**
 * JSON that is safe inside a `<script type="application/json">` element: `<`, `>` and `&` are
 * escaped, so no value (a username such as `</script><svg/onload=...>`) can end the element.
 */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
