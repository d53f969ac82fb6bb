import type { FeedKind, FeedProblem, FeedResult } from './hr-record.js';

/** The summary `warden hr validate` prints; with `--json`, exactly these fields. */
export interface FeedSummary {
  valid: boolean;
  kind: FeedKind;
  /** Data rows read (for an invalid feed, every row, valid or not). */
  records: number;
  active: number;
  leavers: number;
  /** Records whose last day is still ahead at `now`: leavers, and active records with a termination date. */
  futureLeavers: number;
  problems: { line: number | null; field: string | null; reason: string }[];
}

/**
 * Counts a feed as of `now`. For an invalid feed, `records` counts every data row and the
 * status counts cover the rows that passed their own checks (feed-wide rules such as duplicate
 * ids aside).
 */
export function summariseFeed(result: FeedResult, kind: FeedKind, now: Date): FeedSummary {
  const records = result.ok ? result.feed.records : (result.read?.records ?? []);
  const rows = result.ok ? records.length : (result.read?.rows ?? 0);
  return {
    valid: result.ok,
    kind: result.ok ? result.feed.kind : kind,
    records: rows,
    active: records.filter((r) => r.status === 'active').length,
    leavers: records.filter((r) => r.status === 'leaver').length,
    futureLeavers: records.filter((r) => r.lastDay && r.lastDay.accessEndsAt > now).length,
    problems: result.ok ? [] : result.problems.map(problemEntry),
  };
}

/** Active records whose termination date has passed: HR conflicts, reported and never acted on. */
export function pastTerminationsOfActive(result: FeedResult, now: Date): number {
  if (!result.ok) return 0;
  return result.feed.records.filter(
    (r) => r.status === 'active' && r.lastDay && r.lastDay.accessEndsAt <= now,
  ).length;
}

/** A CSV line becomes a number; a JSON record number goes into the reason, as `line` is null. */
function problemEntry(problem: FeedProblem): FeedSummary['problems'][number] {
  const line =
    problem.location !== null && /^\d+$/.test(problem.location) ? Number(problem.location) : null;
  const reason =
    line === null && problem.location !== null
      ? `${problem.location}: ${problem.reason}`
      : problem.reason;
  return { line, field: problem.field, reason };
}
