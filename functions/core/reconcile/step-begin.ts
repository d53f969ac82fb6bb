import { RunInProgressError } from '../shared/errors.js';
import { type ReconcileRequest, resolveRequest } from './handle-request.js';
import { RunCheckpoints } from './run-checkpoints.js';
import { lockUntil, RUN_LOCK } from './run-reconciliation.js';
import { feedSummary, newRunRecord, type RunRecord } from './run-record.js';
import { quotaGroups, type SteppedServices } from './stepped-run.js';

export type BeginResult =
  | { kind: 'closed'; run: RunRecord }
  | { kind: 'started'; runId: string; groups: number[] };

/**
 * The first step: validate the feed (an invalid one closes the run as rejected, changing
 * nothing), take the lock, and checkpoint what the other steps need: the feed, the run, and a
 * listing not yet begun for every source.
 */
export async function beginSteppedRun(
  request: ReconcileRequest,
  deps: SteppedServices,
): Promise<BeginResult> {
  const requested = await resolveRequest(request, deps);
  if (requested.kind === 'closed') return requested;
  const startedAt = deps.clock.now();
  const runId = deps.ids.runId(startedAt);
  if (!(await deps.storage.lock.acquire(RUN_LOCK, runId, startedAt, lockUntil(startedAt)))) {
    throw new RunInProgressError();
  }
  const checkpoints = new RunCheckpoints(deps.checkpoints, runId);
  const groups = quotaGroups(deps.config);
  try {
    await checkpoints.saveFeed(requested.feed);
    await checkpoints.saveState({
      run: newRunRecord({
        runId,
        mode: requested.dryRun ? 'dry-run' : 'apply',
        trigger: requested.trigger,
        startedAt,
        feed: feedSummary(requested.feed),
        notes: requested.feed.notes,
      }),
      dryRun: requested.dryRun,
      approval: requested.review && {
        runId: requested.review.approval.runId,
        actionIds: [...requested.review.approval.actionIds],
        mark: requested.review.mark,
      },
      groups,
      usage: deps.quotaUsage?.() ?? {},
    });
  } catch (error) {
    // Nothing was listed or changed yet: free the lock for the retry.
    await deps.storage.lock.release(RUN_LOCK, runId);
    throw error;
  }
  deps.log.info('run begun in steps', { runId, groups: groups.length });
  return { kind: 'started', runId, groups: groups.map((_, i) => i) };
}
