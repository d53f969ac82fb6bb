import { createHash } from 'node:crypto';
import { z } from 'zod';
import { assertAwaitingReview } from '../reconcile/review-quarantine.js';
import type { RunRecord } from '../reconcile/run-record.js';
import type { Clock } from '../shared/clock.js';
import { errorName, ReviewError } from '../shared/errors.js';
import { parseOrThrow } from '../shared/validation.js';
import { RunNotFoundError } from './errors.js';
import type { AdminAudit, DecidedRun, QuarantineDecisions, RunHistory } from './ports.js';
import { getRun } from './show-run.js';

export const reviewInputSchema = z.strictObject({
  runId: z.string().min(1).max(200),
  decision: z.enum(['approve', 'reject']),
  reason: z
    .string()
    .trim()
    .min(1, 'is required: say why, it is recorded with your decision')
    .max(2000),
  /** Who decides: the caller's IAM ARN (CLI), the staff member (console), a local identity. */
  actor: z.string().min(1).max(2048),
});
export type ReviewInput = z.input<typeof reviewInputSchema>;

export interface DecideQuarantineDependencies {
  runs: RunHistory;
  decisions: QuarantineDecisions;
  audit: AdminAudit;
  clock: Clock;
}

export interface QuarantineDecision {
  /** The quarantined run, as recorded after the decision. */
  run: RunRecord;
  /** The run that applied an approval; for a rejection, the rejected run itself. */
  decided: DecidedRun;
}

/**
 * An admin approves or rejects a quarantined run, with a reason. The run is checked here first,
 * so a mistake is refused before anything is invoked; then the reconcile function decides
 * through its own path (approving re-plans from the run's feed and lets through exactly the
 * changes it planned). The decision is audited with its outcome, also when it is refused or fails.
 */
export async function decideQuarantine(
  input: ReviewInput,
  deps: DecideQuarantineDependencies,
): Promise<QuarantineDecision> {
  const { runId, decision, reason, actor } = parseOrThrow(reviewInputSchema, input, 'review');
  const at = deps.clock.now();
  const entry = {
    id: `review-${createHash('sha256').update(`${runId}\u0000${at.toISOString()}`).digest('hex').slice(0, 16)}`,
    at,
    actor,
    action: decision === 'approve' ? ('run.approve' as const) : ('run.reject' as const),
    target: runId,
    reason,
  };
  try {
    assertAwaitingReview(await getRun(runId, deps.runs));
  } catch (error) {
    if (error instanceof ReviewError || error instanceof RunNotFoundError)
      await deps.audit.record({ ...entry, outcome: 'refused' });
    throw error;
  }
  let decided: DecidedRun;
  try {
    decided = await deps.decisions[decision](runId, { by: actor, reason });
  } catch (error) {
    await deps.audit.record({ ...entry, outcome: `failed: ${errorName(error)}` });
    throw error;
  }
  await deps.audit.record({ ...entry, outcome: decided.status });
  return { run: await getRun(runId, deps.runs), decided };
}
