import type { ReconcileConfig } from '../config/reconcile-config.js';
import { expiringWithin } from './exemptions.js';
import type { FeedBaseline } from './feed-baseline.js';
import { evaluateGuard, type GuardVerdict } from './guard.js';
import type { PostureReport, RunRecord } from './run-record.js';
import type { Finding } from './situation.js';
import type { SourcePlan } from './source-plan.js';

/** An admin's approval of a quarantined run: the changes that run planned. */
export interface Approval {
  runId: string;
  actionIds: ReadonlySet<string>;
}

export interface PlanInputs {
  /** The run as it started. */
  run: RunRecord;
  sources: readonly SourcePlan[];
  config: ReconcileConfig;
  baseline: FeedBaseline | undefined;
  approval?: Approval;
}

export interface ConcludedPlan {
  /** The run with its counts, guard verdict and the status the plan leads to. */
  run: RunRecord;
  findings: readonly Finding[];
}

/** Someone gave back access Warden ended, around a restore: admins are told, without names. */
function enabledAgainNote(accounts: number, mode: RunRecord['mode']): string {
  const verb = mode === 'dry-run' ? 'would be' : 'are';
  return `${accounts} account(s) Warden had disabled were enabled again outside Warden and ${verb} disabled again (each one's reason in the report names Warden's earlier disable)`;
}

const LEAVERS_ONLY_NOTE =
  'leavers-only feed: accounts of people not listed are "unmatched"; orphans were not decided';

/**
 * Totals the sources' plans, applies the guard and sets the status the plan leads to:
 * quarantined when the guard trips, planned for a dry-run, applying otherwise.
 */
export function concludePlan({
  run,
  sources,
  config,
  baseline,
  approval,
}: PlanInputs): ConcludedPlan {
  const findings =
    sources.length === 1 ? (sources[0] as SourcePlan).findings : sources.flatMap((s) => s.findings);
  const counts = { ...run.counts };
  let disableCount = 0;
  let enabledCount = 0;
  let enabledAgain = 0;
  for (const source of sources) {
    for (const [situation, n] of Object.entries(source.counts))
      counts[situation as keyof typeof counts] += n;
    disableCount += source.disableCount;
    enabledCount += source.enabledCount;
    enabledAgain += source.enabledAgain;
  }
  const notes = [...run.notes];
  if (run.feed.kind === 'leavers') notes.push(LEAVERS_ONLY_NOTE);
  if (enabledAgain > 0) notes.push(enabledAgainNote(enabledAgain, run.mode));
  let guard = evaluateGuard({
    disableCount,
    enabledCount,
    feed: { kind: run.feed.kind, records: run.feed.records },
    baseline,
    config: config.guard,
  });
  if (guard.tripped && approval) {
    const reviewed = reviewApproval(guard, findings, approval);
    guard = reviewed.guard;
    notes.push(...reviewed.notes);
  }
  const status = guard.tripped ? 'quarantined' : run.mode === 'dry-run' ? 'planned' : 'applying';
  return {
    run: {
      ...run,
      status,
      accounts: findings.length,
      counts,
      guard,
      notes,
      actions: { ...run.actions, planned: disableCount },
      posture: mergePosture(sources),
      ...(config.unfencedClients.length > 0 ? { unfencedClients: config.unfencedClients } : {}),
      expiringExemptions: expiringWithin(config.exemptions, run.startedAt, config.feed.timeZone),
    },
    findings,
  };
}

/**
 * An admin approved exactly the changes of a quarantined run: the guard lets them through,
 * and anything the quarantined plan did not hold stays stopped.
 */
function reviewApproval(
  guard: GuardVerdict,
  findings: readonly Finding[],
  approval: Approval,
): { guard: GuardVerdict; notes: string[] } {
  const unapproved = findings.filter(
    (f) => f.action === 'disable' && !approval.actionIds.has(f.actionId as string),
  ).length;
  if (unapproved > 0) {
    return {
      guard: {
        ...guard,
        reasons: [
          ...guard.reasons,
          `${unapproved} planned change(s) were not in approved run ${approval.runId}`,
        ],
      },
      notes: [],
    };
  }
  return {
    guard: {
      ...guard,
      tripped: false,
      reasons: [...guard.reasons, `approved by an admin (quarantined run ${approval.runId})`],
    },
    notes: [`applies the plan of quarantined run ${approval.runId}, approved by an admin`],
  };
}

function mergePosture(sources: readonly SourcePlan[]): PostureReport | undefined {
  const reports = sources.flatMap((s) => (s.posture ? [s.posture] : []));
  if (reports.length === 0) return undefined;
  return {
    checked: reports.reduce((sum, r) => sum + r.checked, 0),
    withoutVerifiedEmail: reports.flatMap((r) => r.withoutVerifiedEmail),
  };
}
