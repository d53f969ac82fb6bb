import type { ReviewMark } from '../functions/core/reconcile/review-quarantine.js';
import type { DecidedRun, QuarantineDecisions } from '../functions/core/review/ports.js';
import type { ReconcileEvent } from '../functions/reconcile/reconcile-event.js';
import type { LocalWarden } from './local-warden.js';

/** Approves and rejects through the real reconcile handler, run in this process on the local AWS. */
export function localQuarantineDecisions(
  warden: LocalWarden,
  config: unknown,
): QuarantineDecisions {
  const invoke = async (event: ReconcileEvent): Promise<DecidedRun> => {
    const response = await warden.invokeReconcile(event, config);
    return { runId: response.runId, status: response.status, actions: response.actions };
  };
  return {
    approve: (runId: string, review: ReviewMark) => invoke({ approve: runId, review }),
    reject: (runId: string, review: ReviewMark) => invoke({ reject: runId, review }),
  };
}
