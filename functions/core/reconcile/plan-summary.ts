import type { ReconcileConfig } from '../config/reconcile-config.js';
import type { HrFeed } from '../hr/hr-record.js';
import type { FeedBaseline } from '../ports.js';
import { evaluateGuard } from './guard.js';
import type { PlanBuilder } from './plan-builder.js';
import type { RunMode, RunRecord, StoredFinding } from './run-record.js';
import { emptyCounts } from './situation.js';

/** An admin's approval of a quarantined run: the changes that run planned. */
export interface Approval {
  runId: string;
  actionIds: Set<string>;
}

export function newRunRecord(
  runId: string,
  mode: RunMode,
  trigger: string,
  startedAt: Date,
  feed: HrFeed,
): RunRecord {
  return {
    runId,
    status: 'planned',
    mode,
    trigger,
    startedAt,
    feed: { kind: feed.kind, source: feed.source, records: feed.records.length },
    accounts: 0,
    counts: emptyCounts(),
    actions: { planned: 0, applied: 0, alreadyDone: 0, failed: 0 },
    notes: [...(feed.notes ?? [])],
  };
}

/**
 * Totals the builders' findings into the run, applies the guard and sets the status the plan
 * leads to: quarantined when the guard trips, planned for a dry-run, applying otherwise.
 */
export function concludePlan(
  run: RunRecord,
  builders: PlanBuilder[],
  feed: HrFeed,
  config: ReconcileConfig,
  baseline: FeedBaseline | undefined,
  approval?: Approval,
): StoredFinding[] {
  const findings: StoredFinding[] =
    builders.length === 1
      ? (builders[0] as PlanBuilder).findings
      : builders.flatMap((b) => b.findings);
  let disableCount = 0;
  let enabledCount = 0;
  for (const builder of builders) {
    for (const [situation, n] of Object.entries(builder.counts))
      run.counts[situation as keyof typeof run.counts] += n;
    disableCount += builder.disableCount;
    enabledCount += builder.enabledCount;
  }
  run.accounts = findings.length;
  run.actions.planned = disableCount;
  if (feed.kind === 'leavers') {
    run.notes.push(
      'leavers-only feed: accounts of people not listed are "unmatched"; orphans were not decided',
    );
  }
  run.guard = evaluateGuard({
    disableCount,
    enabledCount,
    feed: { kind: feed.kind, records: feed.records.length },
    baseline,
    config: config.guard,
  });
  if (run.guard.tripped && approval) {
    // An admin approved exactly these changes; anything the quarantined plan did not hold stays stopped.
    const planned = findings.filter((f) => f.action === 'disable').map((f) => f.actionId as string);
    const unapproved = planned.filter((id) => !approval.actionIds.has(id));
    if (unapproved.length === 0) {
      run.guard = {
        ...run.guard,
        tripped: false,
        reasons: [...run.guard.reasons, `approved by an admin (quarantined run ${approval.runId})`],
      };
      run.notes.push(`applies the plan of quarantined run ${approval.runId}, approved by an admin`);
    } else {
      run.guard.reasons.push(
        `${unapproved.length} planned change(s) were not in approved run ${approval.runId}`,
      );
    }
  }
  run.status = run.guard.tripped ? 'quarantined' : run.mode === 'dry-run' ? 'planned' : 'applying';
  for (const finding of findings) if (finding.action === 'disable') finding.outcome = 'not_applied';
  return findings;
}
