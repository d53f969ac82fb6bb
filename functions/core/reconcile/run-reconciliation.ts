import type { Account } from '../account.js';
import type { ReconcileConfig } from '../config/reconcile-config.js';
import type { HrFeed } from '../hr/hr-record.js';
import type { RunOffboarding, RunOffboardingSession } from '../offboarding/ports.js';
import type { Clock, IdGenerator } from '../shared/clock.js';
import { errorName, RunInProgressError } from '../shared/errors.js';
import type { EventLog } from '../shared/event-log.js';
import { type Approval, concludePlan } from './conclude-plan.js';
import { exemptionLookup } from './exemptions.js';
import type {
  AccountDirectory,
  HtmlReportRenderer,
  Notifier,
  ReconcileStorage,
  ReportStore,
} from './ports.js';
import { PostureCheck } from './posture-check.js';
import { renderCsvReport, renderJsonReport } from './render-report.js';
import { indexRoster } from './roster-index.js';
import {
  type ActionCounts,
  type ActionOutcomeKind,
  feedSummary,
  newRunRecord,
  type RunRecord,
  type StoredFinding,
} from './run-record.js';
import type { Finding } from './situation.js';
import { type SourcePlan, SourcePlanner } from './source-plan.js';
import { summariseRun } from './summarise-run.js';

const LOCK_NAME = 'reconcile';
const LOCK_MS = 20 * 60_000;

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

/**
 * One reconciliation: list -> correlate -> classify -> plan -> guard -> apply or stop ->
 * record -> report -> notify. Applying is idempotent; a re-run converges after a crash.
 */
export async function runReconciliation(
  request: RunRequest,
  deps: RunDependencies,
): Promise<RunResult> {
  const { lock, runs, baselines } = deps.storage;
  const startedAt = deps.clock.now();
  const runId = deps.ids.runId(startedAt);
  if (!(await lock.acquire(LOCK_NAME, runId, startedAt, new Date(startedAt.getTime() + LOCK_MS)))) {
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
  try {
    const plan = await planRun(run, request, deps);
    run = plan.run;
    let outcomes = new Map<string, ActionOutcomeKind>();
    if (run.status === 'applying') {
      await recordAccessEnds(plan.findings, request, deps);
      await runs.saveRun(run);
      const applied = await applyPlan(plan.findings, run, deps);
      outcomes = applied.outcomes;
      run = {
        ...run,
        actions: applied.actions,
        status: applied.actions.failed > 0 ? 'completed_with_errors' : 'completed',
      };
    }
    if (plan.offboarding)
      run = await finishOffboarding(plan.offboarding, run, request, plan.findings, deps);
    if (run.status !== 'quarantined') {
      await baselines.saveFeedBaseline({
        kind: request.feed.kind,
        records: request.feed.records.length,
        runId,
        acceptedAt: startedAt,
      });
    }
    const findings = withOutcomes(plan.findings, outcomes);
    const reports = await deps.reports.write(runId, startedAt, {
      json: renderJsonReport(run, findings),
      csv: renderCsvReport(findings),
      html: await deps.htmlReport?.render(run, findings),
    });
    run = { ...run, finishedAt: deps.clock.now(), reports };
    await runs.saveRun(run);
    // Every finding is in the report; the store keeps the ones an admin may need to act on.
    await runs.saveFindings(runId, findings.filter(needsReview));
    deps.log.info('recorded', { runId, status: run.status, findings: findings.length });
    await deps.notifier.notify(summariseRun(run));
    return { run, findings };
  } catch (error) {
    await recordFailure(run, error, deps);
    throw error;
  } finally {
    await lock.release(LOCK_NAME, runId);
  }
}

async function planRun(
  started: RunRecord,
  request: RunRequest,
  deps: RunDependencies,
): Promise<{
  run: RunRecord;
  findings: readonly Finding[];
  offboarding: RunOffboardingSession | undefined;
}> {
  const { config, feed } = request;
  const now = started.startedAt;
  const roster = indexRoster(feed);
  const offboarding = deps.offboarding?.startRun(roster);
  const exemptionFor = exemptionLookup(config.exemptions, now, config.feed.timeZone);
  const pendingActionIds = await deps.storage.journal.listPendingActions();
  const sources: SourcePlan[] = [];

  for (const directory of deps.directories) {
    const state = await deps.storage.memory.loadSourceState(directory.source);
    const posture = config.geoPolicy
      ? await PostureCheck.start(config.geoPolicy, config.postureAction, directory)
      : undefined;
    const planner = new SourcePlanner(
      { now, roster, state, orphans: config.orphans, exemptionFor },
      { posture, pendingActionIds },
    );
    for await (const account of directory.listAccounts()) {
      const finding = planner.add(account);
      offboarding?.observe(account, finding);
      if (planner.size % 1000 === 0) {
        deps.log.info('listing', { source: directory.source, accounts: planner.size });
      }
    }
    const plan = planner.result();
    sources.push(plan);
    deps.log.info('listed', { source: directory.source, accounts: plan.findings.length });
    if (feed.kind === 'roster') {
      await deps.storage.memory.recordOrphansSeen(directory.source, plan.enabledOrphans, now);
    }
  }

  const concluded = concludePlan({
    run: started,
    sources,
    config,
    baseline: await deps.storage.baselines.getFeedBaseline(feed.kind),
    approval: request.approval,
  });
  deps.log.info('planned', {
    status: concluded.run.status,
    accounts: concluded.findings.length,
    disable: concluded.run.actions.planned,
  });
  return { ...concluded, offboarding };
}

/** Index and future leavers' schedules; trouble there is noted on the run, never fatal to it. */
async function finishOffboarding(
  session: RunOffboardingSession,
  run: RunRecord,
  request: RunRequest,
  findings: readonly Finding[],
  deps: RunDependencies,
): Promise<RunRecord> {
  try {
    const offboardings = await session.finish({
      runId: run.runId,
      status: run.status,
      feedKind: request.feed.kind,
      findings,
    });
    return { ...run, offboardings };
  } catch (error) {
    deps.log.warn('offboarding bookkeeping failed', { runId: run.runId, error: errorName(error) });
    return { ...run, notes: [...run.notes, `offboarding bookkeeping failed: ${errorName(error)}`] };
  }
}

async function applyPlan(
  findings: readonly Finding[],
  run: RunRecord,
  deps: RunDependencies,
): Promise<{ outcomes: Map<string, ActionOutcomeKind>; actions: ActionCounts }> {
  const { journal } = deps.storage;
  const directories = new Map(deps.directories.map((d) => [d.source, d]));
  const planned = findings.filter((f) => f.action === 'disable');
  const outcomes = new Map<string, ActionOutcomeKind>();
  const actions = { ...run.actions };
  for (const finding of planned) {
    const intent = {
      actionId: finding.actionId as string,
      runId: run.runId,
      kind: 'disable' as const,
      source: finding.source,
      username: finding.username,
      accountKey: finding.accountKey,
      reason: finding.reason,
      at: deps.clock.now(),
    };
    if ((await journal.beginAction(intent)) === 'done') {
      outcomes.set(intent.actionId, 'already_done');
      actions.alreadyDone++;
      continue;
    }
    const directory = directories.get(finding.source) as AccountDirectory;
    try {
      await directory.disable(accountOf(finding));
      await journal.completeAction(intent, { ok: true, at: deps.clock.now() });
      outcomes.set(intent.actionId, 'disabled');
      actions.applied++;
    } catch (error) {
      await journal.completeAction(intent, {
        ok: false,
        error: errorName(error),
        at: deps.clock.now(),
      });
      outcomes.set(intent.actionId, 'failed');
      actions.failed++;
    }
    const done = actions.applied + actions.alreadyDone + actions.failed;
    deps.log.info('applying', { done, of: planned.length });
  }
  return { outcomes, actions };
}

/** Tells the sign-in triggers whose access has ended or will end: only applied runs do. */
async function recordAccessEnds(
  findings: readonly Finding[],
  request: RunRequest,
  deps: RunDependencies,
): Promise<void> {
  for (const directory of deps.directories) {
    const ends = new Map<string, Date>();
    for (const f of findings) {
      if (f.source === directory.source && f.accessEndsAt)
        ends.set(f.username, new Date(f.accessEndsAt));
    }
    await deps.storage.accessEnds.recordAccessEnds(
      directory.source,
      ends,
      request.feed.kind === 'roster',
    );
  }
}

/** A failed run is recorded and notified; if even that fails, the log says so by error name. */
async function recordFailure(run: RunRecord, error: unknown, deps: RunDependencies): Promise<void> {
  const failed: RunRecord = {
    ...run,
    status: 'failed',
    error: errorName(error),
    finishedAt: deps.clock.now(),
  };
  await deps.storage.runs.saveRun(failed).catch((saveError: unknown) => {
    deps.log.warn('could not record the failed run', {
      runId: failed.runId,
      error: errorName(saveError),
    });
  });
  await deps.notifier.notify(summariseRun(failed)).catch((notifyError: unknown) => {
    deps.log.warn('could not notify the failed run', {
      runId: failed.runId,
      error: errorName(notifyError),
    });
  });
}

/** Planned disables carry their outcome; those never applied (dry-run, quarantine) say so. */
export function withOutcomes(
  findings: readonly Finding[],
  outcomes: ReadonlyMap<string, ActionOutcomeKind>,
): StoredFinding[] {
  return findings.map((f) =>
    f.action === 'disable'
      ? { ...f, outcome: outcomes.get(f.actionId as string) ?? 'not_applied' }
      : f,
  );
}

function needsReview(finding: StoredFinding): boolean {
  return finding.situation !== 'active' || !finding.enabled;
}

function accountOf(finding: Finding): Account {
  return {
    source: finding.source,
    username: finding.username,
    enabled: finding.enabled,
    status: '',
  };
}
