import type { RunOffboardingSession } from '../offboarding/ports.js';
import { keepsBookkeeping } from '../offboarding/run-offboarding.js';
import { mergeUsage, usageSince } from '../shared/cognito-quotas.js';
import { WardenError } from '../shared/errors.js';
import { finishOffboarding, recordFailure, recordRun } from './record-run.js';
import { markApproved } from './review-quarantine.js';
import { indexRoster } from './roster-index.js';
import type { RunCheckpoints, SteppedRunState } from './run-checkpoints.js';
import { RUN_LOCK } from './run-reconciliation.js';
import type { ActionOutcomeKind, RunRecord } from './run-record.js';
import type { Finding } from './situation.js';
import { resumeRun, type SteppedServices } from './stepped-run.js';

/**
 * The last step: the run's outcome, the offboarding bookkeeping, the baseline, the reports,
 * the stored run and findings, the notification; then the lock is released and the
 * checkpoints removed. The same records as a run in one invocation leaves.
 */
export async function finishSteppedRun(runId: string, deps: SteppedServices): Promise<RunRecord> {
  // Begun now so that the report's reads of the previous run overlap loading the checkpoints.
  const htmlReport = deps.htmlReport?.begin(runId);
  const checkpoints = await resumeRun(runId, deps);
  const before = deps.quotaUsage?.() ?? {};
  const state = await checkpoints.loadState();
  const feed = await checkpoints.loadFeed();
  const plan = await checkpoints.loadPlan();
  let run = state.run;
  let outcomes = new Map<string, ActionOutcomeKind>();
  if (run.status === 'applying') {
    const actions = state.apply?.actions ?? run.actions;
    outcomes = await checkpoints.loadOutcomes(state.apply?.batches ?? 0);
    run = { ...run, actions, status: actions.failed > 0 ? 'completed_with_errors' : 'completed' };
  }
  if (deps.offboarding) {
    const session = deps.offboarding.startRun(indexRoster(feed), run.mode);
    // Only an applied run keeps the account index: a dry-run need not read its listing again.
    if (keepsBookkeeping(run.status)) await observeListed(session, checkpoints, plan, deps);
    run = await finishOffboarding(session, run, { feed }, plan, deps);
  }
  const usage = () => mergeUsage(state.usage, usageSince(before, deps.quotaUsage?.() ?? {}));
  const recorded = await recordRun(
    run,
    { feed, config: deps.config },
    plan,
    outcomes,
    {
      ...deps,
      quotaUsage: usage,
    },
    { htmlReport },
  );
  if (state.approval) {
    const quarantined = await deps.storage.runs.getRun(state.approval.runId);
    if (quarantined)
      await markApproved(deps.storage.runs, quarantined, recorded.run, {
        mark: state.approval.mark,
        at: deps.clock.now(),
      });
  }
  await deps.storage.lock.release(RUN_LOCK, runId);
  await checkpoints.clear();
  deps.log.info('run finished', {
    runId,
    status: recorded.run.status,
    actions: recorded.run.actions,
  });
  return recorded.run;
}

/** The account index is kept from each listed account and its finding, in plan order. */
async function observeListed(
  session: RunOffboardingSession,
  checkpoints: RunCheckpoints,
  plan: readonly Finding[],
  deps: SteppedServices,
): Promise<void> {
  let i = 0;
  for (const directory of deps.directories) {
    const listing = await checkpoints.loadListing(directory.source);
    if (!listing) continue;
    for await (const account of checkpoints.accounts(listing)) {
      session.observe(account, plan[i++] as Finding);
    }
  }
}

/**
 * Where any step failed for good: the run is recorded as failed and notified, and the lock
 * released. A run that failed before it had a run id has nothing to record.
 */
export async function failSteppedRun(
  runId: string | undefined,
  errorName: string,
  deps: SteppedServices,
): Promise<RunRecord | undefined> {
  if (!runId) return undefined;
  const failure = new WardenError(`a step of run ${runId} failed`);
  failure.name = errorName;
  let state: SteppedRunState | undefined;
  const checkpoints = await resumeRun(runId, deps).catch(() => undefined);
  try {
    state = await checkpoints?.loadState();
  } catch {
    state = undefined;
  }
  const failed = state ? await recordFailure(state.run, failure, deps) : undefined;
  await deps.storage.lock.release(RUN_LOCK, runId);
  await checkpoints?.clear();
  return failed;
}
