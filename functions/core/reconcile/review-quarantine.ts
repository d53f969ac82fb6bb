import type { Clock } from '../shared/clock.js';
import { ReviewError } from '../shared/errors.js';
import type { Approval } from './conclude-plan.js';
import type { Notifier, RunStore } from './ports.js';
import type { RunRecord } from './run-record.js';
import { summariseRun } from './summarise-run.js';

async function quarantinedRun(runs: RunStore, runId: string): Promise<RunRecord> {
  const run = await runs.getRun(runId);
  if (!run) throw new ReviewError(`no run ${runId}`);
  if (run.status !== 'quarantined')
    throw new ReviewError(`run ${runId} is ${run.status}, not quarantined`);
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

/** Records the approval on the quarantined run once the run that applied it has finished. */
export async function markApproved(
  runs: RunStore,
  run: RunRecord,
  appliedBy: RunRecord,
): Promise<void> {
  await runs.saveRun({
    ...run,
    notes: [...run.notes, `approved by an admin; run ${appliedBy.runId} ended ${appliedBy.status}`],
  });
}

/** An admin's rejection: the run stays unapplied for good, and admins are told. */
export async function rejectRun(
  runId: string,
  deps: { runs: RunStore; notifier: Notifier; clock: Clock },
): Promise<RunRecord> {
  const run = await quarantinedRun(deps.runs, runId);
  const rejected: RunRecord = {
    ...run,
    status: 'rejected',
    notes: [
      ...run.notes,
      `rejected by an admin at ${deps.clock.now().toISOString()}; nothing was changed`,
    ],
  };
  await deps.runs.saveRun(rejected);
  await deps.notifier.notify(summariseRun(rejected));
  return rejected;
}
