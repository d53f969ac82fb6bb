import type { ReportFinding } from '../reconcile/render-report.js';
import type { RunRecord } from '../reconcile/run-record.js';
import type { Situation } from '../reconcile/situation.js';

/** One account whose situation changed between two runs. */
export interface ChangedAccount {
  source: string;
  username: string;
  employeeId: string | null;
  /** Null when this run does not list it (it is gone, or active and not among the kept findings). */
  situation: Situation | null;
  /** Its situation in the previous run; null when that run did not list it (it was active, or new). */
  previousSituation: Situation | null;
}

export interface ChangeList {
  count: number;
  /** The first `limit` of them; `count` says how many there are. */
  accounts: ChangedAccount[];
}

/** What changed since the previous run that planned. */
export interface RunChanges {
  previousRunId: string;
  previousStartedAt: string;
  newLeavers: ChangeList;
  newlyDisabled: ChangeList;
  resolvedOrphans: ChangeList;
  newOrphans: ChangeList;
  /** Why a comparison is weaker than it looks (a leavers-only feed decides no orphans). */
  notes: string[];
}

const LEAVING: ReadonlySet<Situation> = new Set(['leaver', 'leaver_disabled', 'future_leaver']);

/**
 * Compares a run's findings with the previous run's. The previous run may have kept only the
 * findings worth review (decision 0005): an account it does not list was active and enabled.
 */
export function changesSince(
  previous: { run: RunRecord; findings: readonly ReportFinding[] },
  current: { run: RunRecord; findings: readonly ReportFinding[] },
  limit = 100,
): RunChanges {
  const before = byAccount(previous.findings);
  const orphansBefore = previous.findings.filter((f) => f.situation === 'orphan');
  /** The current finding of each previous orphan this run lists. */
  const orphansNow = new Map<ReportFinding, ReportFinding>();
  const lists = {
    newLeavers: [] as ChangedAccount[],
    newlyDisabled: [] as ChangedAccount[],
    resolvedOrphans: [] as ChangedAccount[],
    newOrphans: [] as ChangedAccount[],
  };
  for (const f of current.findings) {
    const was = before.get(f.source)?.get(f.username);
    if (LEAVING.has(f.situation) && !(was && LEAVING.has(was.situation)))
      lists.newLeavers.push(changed(f, was));
    if (disabledNow(f) && !(was && disabledNow(was))) lists.newlyDisabled.push(changed(f, was));
    if (f.situation === 'orphan' && was?.situation !== 'orphan')
      lists.newOrphans.push(changed(f, was));
    if (was?.situation === 'orphan') orphansNow.set(was, f);
  }
  for (const was of orphansBefore) {
    const f = orphansNow.get(was);
    if (f?.situation !== 'orphan')
      // Not listed now: the account is gone, or active and left out of the findings kept.
      lists.resolvedOrphans.push(f ? changed(f, was) : { ...changed(was, was), situation: null });
  }
  const notes: string[] = [];
  if (previous.run.feed.kind !== current.run.feed.kind)
    notes.push(
      `the previous run read a ${previous.run.feed.kind} feed and this one a ${current.run.feed.kind} feed: orphans are decided only from a full roster`,
    );
  return {
    previousRunId: previous.run.runId,
    previousStartedAt: previous.run.startedAt.toISOString(),
    newLeavers: capped(lists.newLeavers, limit),
    newlyDisabled: capped(lists.newlyDisabled, limit),
    resolvedOrphans: capped(lists.resolvedOrphans, limit),
    newOrphans: capped(lists.newOrphans, limit),
    notes,
  };
}

/** Disabled by the end of the run: already disabled, or disabled by it. */
function disabledNow(f: ReportFinding): boolean {
  return !f.enabled || f.outcome === 'disabled' || f.outcome === 'already_done';
}

/** Findings by pool, then username: lookups without a key string per account. */
function byAccount(findings: readonly ReportFinding[]): Map<string, Map<string, ReportFinding>> {
  const pools = new Map<string, Map<string, ReportFinding>>();
  for (const f of findings) {
    let pool = pools.get(f.source);
    if (!pool) {
      pool = new Map();
      pools.set(f.source, pool);
    }
    pool.set(f.username, f);
  }
  return pools;
}

function changed(f: ReportFinding, was: ReportFinding | undefined): ChangedAccount {
  return {
    source: f.source,
    username: f.username,
    employeeId: f.employeeId,
    situation: f.situation,
    previousSituation: was?.situation ?? null,
  };
}

function capped(accounts: ChangedAccount[], limit: number): ChangeList {
  const sorted = accounts.sort((a, b) => cmp(a.source, b.source) || cmp(a.username, b.username));
  return { count: sorted.length, accounts: sorted.slice(0, limit) };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
