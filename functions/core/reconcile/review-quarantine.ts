import type { Clock } from '../shared/clock.js';
import { ReviewError } from '../shared/errors.js';
import type { Approval } from './conclude-plan.js';
import type { Notifier, RunStore } from './ports.js';
import type { RunRecord, RunReview } from './run-record.js';
import { summariseRun } from './summarise-run.js';

/** Who decided and why. A direct invocation with only `{"approve": runId}` names nobody. */
export interface ReviewMark {
  by: string;
  reason: string;
}

const UNNAMED: ReviewMark = {
  by: 'unnamed (the reconcile function was invoked directly)',
  reason: 'none given',
};

/** A run an admin may still decide: quarantined, and not decided before. */
export function assertAwaitingReview(run: RunRecord): void {
  if (run.review) {
    throw new ReviewError(
      `run ${run.runId} was already ${run.review.decision} at ${run.review.at.toISOString()}`,
    );
  }
  if (run.status !== 'quarantined')
    throw new ReviewError(`run ${run.runId} is ${run.status}, not quarantined`);
}

async function quarantinedRun(runs: RunStore, runId: string): Promise<RunRecord> {
  const run = await runs.getRun(runId);
  if (!run) throw new ReviewError(`no run ${runId}`);
  assertAwaitingReview(run);
  return run;
}

/** What approving a quarantined run lets through: exactly the changes it planned, from its feed. */
export async function approvalOf(
  runs: RunStore,
  runId: string,
): Promise<{ approval: Approval; run: RunRecord }> {
  const run = await quarantinedRun(runs, runId);
  const findings = await runs.listFindings(runId);
  const actionIds = new Set(
    findings.filter((f) => f.action === 'disable' && f.actionId).map((f) => f.actionId as string),
  );
  return { approval: { runId, actionIds }, run };
}

/**
 * Records the approval on the quarantined run once the run that applied it has finished: who
 * approved and why in `review`, and in the notes (which reach the notification) only that an
 * admin did.
 */
export async function markApproved(
  runs: RunStore,
  run: RunRecord,
  appliedBy: RunRecord,
  decision: { mark?: ReviewMark; at: Date },
): Promise<void> {
  const review: RunReview = {
    decision: 'approved',
    ...(decision.mark ?? UNNAMED),
    at: decision.at,
    appliedBy: { runId: appliedBy.runId, status: appliedBy.status },
  };
  await runs.saveRun({
    ...run,
    review,
    notes: [...run.notes, `approved by an admin; run ${appliedBy.runId} ended ${appliedBy.status}`],
  });
}

/** An admin's rejection: the run stays unapplied for good, and admins are told. */
export async function rejectRun(
  runId: string,
  deps: { runs: RunStore; notifier: Notifier; clock: Clock },
  mark: ReviewMark = UNNAMED,
): Promise<RunRecord> {
  const run = await quarantinedRun(deps.runs, runId);
  const at = deps.clock.now();
  const rejected: RunRecord = {
    ...run,
    status: 'rejected',
    review: { decision: 'rejected', ...mark, at },
    notes: [...run.notes, `rejected by an admin at ${at.toISOString()}; nothing was changed`],
  };
  await deps.runs.saveRun(rejected);
  await deps.notifier.notify(summariseRun(rejected));
  return rejected;
}
