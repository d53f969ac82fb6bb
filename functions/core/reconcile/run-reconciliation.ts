import type { Account } from '../account.js';
import type { ReconcileConfig } from '../config/reconcile-config.js';
import type { HrFeed } from '../hr/hr-record.js';
import type {
  AccountDirectory,
  ActionIntent,
  Clock,
  GovernanceStore,
  IdGenerator,
  Notifier,
  ReportStore,
} from '../ports.js';
import { exemptionLookup } from './exemptions.js';
import { PlanBuilder } from './plan-builder.js';
import { type Approval, concludePlan, newRunRecord } from './plan-summary.js';
import { PostureCheck } from './posture-check.js';
import { renderCsvReport, renderJsonReport } from './render-report.js';
import { indexRoster } from './roster-index.js';
import type { RunRecord, StoredFinding } from './run-record.js';
import { summariseRun } from './summarise-run.js';

const LOCK_NAME = 'reconcile';
const LOCK_MS = 20 * 60_000;

export interface RunDependencies {
  directories: AccountDirectory[];
  store: GovernanceStore;
  reports: ReportStore;
  notifier: Notifier;
  clock: Clock;
  ids: IdGenerator;
  /** Progress for people and logs; never carries personal data. */
  progress?: (step: string, detail: Record<string, string | number>) => void;
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
  findings: StoredFinding[];
}

export class RunInProgressError extends Error {
  constructor() {
    super('another reconciliation run holds the lock; runs never overlap');
    this.name = 'RunInProgressError';
  }
}

/**
 * One reconciliation: list -> correlate -> classify -> plan -> guard -> apply or stop ->
 * record -> report -> notify. Applying is idempotent; a re-run converges after a crash.
 */
export async function runReconciliation(
  request: RunRequest,
  deps: RunDependencies,
): Promise<RunResult> {
  const startedAt = deps.clock.now();
  const runId = deps.ids.runId(startedAt);
  const progress = deps.progress ?? (() => {});
  if (
    !(await deps.store.acquireLock(
      LOCK_NAME,
      runId,
      startedAt,
      new Date(startedAt.getTime() + LOCK_MS),
    ))
  ) {
    throw new RunInProgressError();
  }
  const run = newRunRecord(
    runId,
    request.dryRun ? 'dry-run' : 'apply',
    request.trigger,
    startedAt,
    request.feed,
  );
  try {
    const findings = await planRun(request, deps, run, progress);
    if (run.status === 'applying') {
      await recordAccessEnds(findings, request, deps);
      await applyPlan(findings, deps, run, progress);
    }
    if (run.status !== 'quarantined') {
      await deps.store.saveFeedBaseline({
        kind: request.feed.kind,
        records: request.feed.records.length,
        runId,
        acceptedAt: startedAt,
      });
    }
    run.finishedAt = deps.clock.now();
    run.reports = await deps.reports.write(runId, startedAt, {
      json: renderJsonReport(run, findings),
      csv: renderCsvReport(findings),
    });
    await deps.store.saveRun(run);
    // Every finding is in the report; the store keeps the ones an admin may need to act on.
    await deps.store.saveFindings(runId, findings.filter(needsReview));
    progress('recorded', { runId, status: run.status, findings: findings.length });
    await deps.notifier.notify(summariseRun(run));
    return { run, findings };
  } catch (error) {
    run.status = 'failed';
    run.error = (error as Error).name;
    run.finishedAt = deps.clock.now();
    await deps.store.saveRun(run).catch(() => {});
    await deps.notifier.notify(summariseRun(run)).catch(() => {});
    throw error;
  } finally {
    await deps.store.releaseLock(LOCK_NAME, runId);
  }
}

async function planRun(
  request: RunRequest,
  deps: RunDependencies,
  run: RunRecord,
  progress: NonNullable<RunDependencies['progress']>,
): Promise<StoredFinding[]> {
  const { config, feed } = request;
  const now = run.startedAt;
  const roster = indexRoster(feed);
  const exemptionFor = exemptionLookup(config.exemptions, now, config.feed.timeZone);
  const pending = await deps.store.listPendingActions();
  const builders: PlanBuilder[] = [];

  for (const directory of deps.directories) {
    const state = await deps.store.loadSourceState(directory.source);
    const builder = new PlanBuilder({ now, roster, state, orphans: config.orphans, exemptionFor });
    builders.push(builder);
    const orphans: string[] = [];
    const posture = config.geoPolicy
      ? await PostureCheck.start(config.geoPolicy, config.postureAction, directory)
      : undefined;
    for await (const account of directory.listAccounts()) {
      const finding = builder.add(account);
      if (posture?.check(account, finding)) builder.disableCount++;
      if (finding.situation === 'orphan' && account.enabled) orphans.push(finding.accountKey);
      if (finding.action === 'none' && finding.actionId && pending.has(finding.actionId)) {
        // An interrupted run disabled this account but did not record it: finish and audit it.
        finding.action = 'disable';
        finding.reason += '; finishing an action an interrupted run began';
        builder.disableCount++;
      }
      if (builder.findings.length % 1000 === 0) {
        progress('listing', { source: directory.source, accounts: builder.findings.length });
      }
    }
    progress('listed', { source: directory.source, accounts: builder.findings.length });
    if (posture) posture.addTo(run);
    if (feed.kind === 'roster') await deps.store.recordOrphansSeen(directory.source, orphans, now);
  }

  const findings = concludePlan(
    run,
    builders,
    feed,
    config,
    await deps.store.getFeedBaseline(feed.kind),
    request.approval,
  );
  progress('planned', {
    status: run.status,
    accounts: findings.length,
    disable: run.actions.planned,
  });
  return findings;
}

async function applyPlan(
  findings: StoredFinding[],
  deps: RunDependencies,
  run: RunRecord,
  progress: NonNullable<RunDependencies['progress']>,
): Promise<void> {
  await deps.store.saveRun(run);
  const directories = new Map(deps.directories.map((d) => [d.source, d]));
  const planned = findings.filter((f) => f.action === 'disable');
  for (const finding of planned) {
    const intent: ActionIntent = {
      actionId: finding.actionId as string,
      runId: run.runId,
      kind: 'disable',
      source: finding.source,
      username: finding.username,
      accountKey: finding.accountKey,
      reason: finding.reason,
      at: deps.clock.now(),
    };
    if ((await deps.store.beginAction(intent)) === 'done') {
      finding.outcome = 'already_done';
      run.actions.alreadyDone++;
      continue;
    }
    const directory = directories.get(finding.source) as AccountDirectory;
    try {
      await directory.disable(accountOf(finding));
      await deps.store.completeAction(intent, { ok: true, at: deps.clock.now() });
      finding.outcome = 'disabled';
      run.actions.applied++;
    } catch (error) {
      await deps.store.completeAction(intent, {
        ok: false,
        error: (error as Error).name,
        at: deps.clock.now(),
      });
      finding.outcome = 'failed';
      run.actions.failed++;
    }
    const done = run.actions.applied + run.actions.alreadyDone + run.actions.failed;
    progress('applying', { done, of: planned.length });
  }
  run.status = run.actions.failed > 0 ? 'completed_with_errors' : 'completed';
}

/** Tells the sign-in triggers whose access has ended or will end: only applied runs do. */
async function recordAccessEnds(
  findings: StoredFinding[],
  request: RunRequest,
  deps: RunDependencies,
): Promise<void> {
  for (const directory of deps.directories) {
    const ends = new Map<string, Date>();
    for (const f of findings) {
      if (f.source === directory.source && f.accessEndsAt)
        ends.set(f.username, new Date(f.accessEndsAt));
    }
    await deps.store.recordAccessEnds(directory.source, ends, request.feed.kind === 'roster');
  }
}

function needsReview(finding: StoredFinding): boolean {
  return finding.situation !== 'active' || !finding.enabled;
}

function accountOf(finding: StoredFinding): Account {
  return {
    source: finding.source,
    username: finding.username,
    enabled: finding.enabled,
    status: '',
  };
}
