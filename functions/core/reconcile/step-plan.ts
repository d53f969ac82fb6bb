import { mergeUsage, type QuotaUsage, usageSince } from '../shared/cognito-quotas.js';
import { plannedDisables, recordAccessEnds } from './apply-plan.js';
import { planRun } from './plan-run.js';
import { CheckpointMissingError, type ListingProgress } from './run-checkpoints.js';
import type { RunStatus } from './run-record.js';
import { resumeRun, type SteppedServices } from './stepped-run.js';

/**
 * Classifies, plans and guards over the accounts every listing collected, exactly as a run in
 * one invocation does, and checkpoints the plan. An applied plan records the access ends and the
 * run (status `applying`) before the first change, as a run in one invocation does.
 */
export async function planStep(
  runId: string,
  deps: SteppedServices,
): Promise<{ status: RunStatus; disables: number }> {
  const checkpoints = await resumeRun(runId, deps);
  const before = deps.quotaUsage?.() ?? {};
  const state = await checkpoints.loadState();
  const feed = await checkpoints.loadFeed();
  const listings = new Map<string, ListingProgress>();
  let usage: QuotaUsage = state.usage;
  for (const directory of deps.directories) {
    const listing = await checkpoints.loadListing(directory.source);
    if (!listing?.done) throw new CheckpointMissingError(runId, `listing/${directory.source}`);
    listings.set(directory.source, listing);
    usage = mergeUsage(usage, listing.usage);
  }
  const request = {
    feed,
    config: deps.config,
    dryRun: state.dryRun,
    trigger: state.run.trigger,
    approval: state.approval && {
      runId: state.approval.runId,
      actionIds: new Set(state.approval.actionIds),
    },
  };
  // The offboarding bookkeeping needs the run's outcome: the finish step does it.
  const plan = await planRun(state.run, request, { ...deps, offboarding: undefined }, (d) =>
    checkpoints.accounts(listings.get(d.source) as ListingProgress),
  );
  await checkpoints.savePlan(plan.findings);
  if (plan.run.status === 'applying') {
    await recordAccessEnds(plan.findings, feed, deps);
    await deps.storage.runs.saveRun(plan.run);
  }
  await checkpoints.saveState({
    ...state,
    run: plan.run,
    usage: mergeUsage(usage, usageSince(before, deps.quotaUsage?.() ?? {})),
    apply: { next: 0, batches: 0, actions: plan.run.actions },
  });
  return { status: plan.run.status, disables: plannedDisables(plan.findings).length };
}
