import type { Account } from '../account.js';
import type { ReconcileConfig } from '../config/reconcile-config.js';
import type { HrFeed } from '../hr/hr-record.js';
import type { RunOffboarding } from '../offboarding/ports.js';
import type { Clock, IdGenerator } from '../shared/clock.js';
import type { QuotaUsage } from '../shared/cognito-quotas.js';
import { RunInProgressError } from '../shared/errors.js';
import type { EventLog } from '../shared/event-log.js';
import { applyPlan, plannedDisables, recordAccessEnds } from './apply-plan.js';
import type { Approval } from './conclude-plan.js';
import { DryRunReportRows } from './dry-run-report-rows.js';
import { closeInterruptedRuns } from './interrupted-runs.js';
import { ListedFindings } from './listed-findings.js';
import { planRun, readPlanInputs } from './plan-run.js';
import type {
  AccountDirectory,
  HtmlReport,
  HtmlReportRenderer,
  Notifier,
  ReconcileStorage,
  ReportStore,
} from './ports.js';
import { recordFailure, recordRun } from './record-run.js';
import {
  type ActionOutcomeKind,
  feedSummary,
  newRunRecord,
  type RunRecord,
  type StoredFinding,
} from './run-record.js';

/** Runs never overlap: one lock, taken by the run that starts and held until it ends. */
export const RUN_LOCK = 'reconcile';
/** How long a lock lasts unless its run renews it: a dead run's lock is taken over after. */
export const RUN_LOCK_MS = 20 * 60_000;

export interface RunDependencies {
  directories: readonly AccountDirectory[];
  storage: ReconcileStorage;
  reports: ReportStore;
  /** Renders the self-contained HTML report beside the JSON and the CSV, where deployed. */
  htmlReport?: HtmlReportRenderer;
  notifier: Notifier;
  clock: Clock;
  ids: IdGenerator;
  /** Progress and trouble, for people and logs; never personal data. */
  log: EventLog;
  /** Keeps the account index and the future leavers' offboarding schedules, where deployed. */
  offboarding?: RunOffboarding;
  /** Cognito calls, throttles and retries so far, per quota category, for the report. */
  quotaUsage?: () => QuotaUsage;
}

export interface RunRequest {
  feed: HrFeed;
  config: ReconcileConfig;
  dryRun: boolean;
  trigger: string;
  /** Lets through the guard exactly the changes of a quarantined run an admin approved. */
  approval?: Approval;
}

export interface RunResult {
  run: RunRecord;
  findings: readonly StoredFinding[];
}

/** The lock's expiry when taken or renewed at `now`. */
export function lockUntil(now: Date): Date {
  return new Date(now.getTime() + RUN_LOCK_MS);
}

/**
 * One reconciliation in one invocation: list -> correlate -> classify -> plan -> guard ->
 * apply or stop -> record -> report -> notify. Applying is idempotent; a re-run converges
 * after a crash. (Runs too large for one invocation take the same steps on Step Functions.)
 * `accountsOf` gives each source's accounts: listed when the plan reaches it, unless the caller
 * began a listing earlier.
 */
export async function runReconciliation(
  request: RunRequest,
  deps: RunDependencies,
  accountsOf: (directory: AccountDirectory) => AsyncIterable<Account> = (d) => d.listAccounts(),
): Promise<RunResult> {
  const { lock, runs } = deps.storage;
  const startedAt = deps.clock.now();
  const runId = deps.ids.runId(startedAt);
  if (!(await lock.acquire(RUN_LOCK, runId, startedAt, lockUntil(startedAt)))) {
    throw new RunInProgressError();
  }
  let run = newRunRecord({
    runId,
    mode: request.dryRun ? 'dry-run' : 'apply',
    trigger: request.trigger,
    startedAt,
    feed: feedSummary(request.feed),
    notes: request.feed.notes,
  });
  let htmlReport: HtmlReport | undefined;
  try {
    const [, inputs] = await Promise.all([
      closeInterruptedRuns(runId, { ...deps, runs }),
      readPlanInputs(deps, request.feed.kind),
    ]);
    // Begun now so that the report's reads of the previous run overlap the listing.
    htmlReport = deps.htmlReport?.begin(runId);
    const listed = new ListedFindings(runs, runId, run.mode);
    const reportRows = run.mode === 'dry-run' ? new DryRunReportRows() : undefined;
    const plan = await planRun(run, request, deps, accountsOf, { inputs, listed, reportRows });
    run = plan.run;
    let outcomes = new Map<string, ActionOutcomeKind>();
    if (run.status === 'applying') {
      await recordAccessEnds(plan.findings, request.feed, deps);
      await runs.saveRun(run);
      const applied = await applyPlan(plannedDisables(plan.findings), run, deps);
      outcomes = applied.outcomes;
      run = {
        ...run,
        actions: applied.actions,
        status: applied.actions.failed > 0 ? 'completed_with_errors' : 'completed',
      };
    }
    return await recordRun(run, request, plan.findings, outcomes, deps, {
      htmlReport,
      listed,
      offboarding: plan.offboarding,
      reportRows,
    });
  } catch (error) {
    await recordFailure(run, error, deps);
    throw error;
  } finally {
    await lock.release(RUN_LOCK, runId);
  }
}
