// A run too large for one invocation, carried out as Step Functions steps: route -> begin ->
// list (each quota group, resumable from checkpoints) -> plan -> apply (in batches) -> finish.
// Each step is a function of the run id and the services; what it learns goes to checkpoints.
import { userPoolRegion } from '../config/reconcile-config.js';
import { RunInProgressError } from '../shared/errors.js';
import type { ReconcileRequest, ReconcileServices } from './handle-request.js';
import type { CheckpointStore } from './ports.js';
import { RunCheckpoints } from './run-checkpoints.js';
import { lockUntil, RUN_LOCK } from './run-reconciliation.js';

/** The reconcile services, and where a run carried out in steps keeps its checkpoints. */
export interface SteppedServices extends ReconcileServices {
  checkpoints: CheckpointStore;
}

/**
 * Which way a request runs: small directories (and reviews of quarantined runs) in one
 * invocation, exactly as the reconcile function runs them; larger ones in steps.
 */
export async function routeRequest(
  request: ReconcileRequest,
  deps: Pick<ReconcileServices, 'config' | 'directories' | 'log'>,
): Promise<{ path: 'single' | 'steps'; estimatedAccounts: number }> {
  if (request.kind !== 'run') return { path: 'single', estimatedAccounts: 0 };
  let estimatedAccounts = 0;
  for (const directory of deps.directories) estimatedAccounts += await directory.estimatedSize();
  const path =
    estimatedAccounts <= deps.config.steps.singleInvocationMaxAccounts ? 'single' : 'steps';
  deps.log.info('route', { path, estimatedAccounts });
  return { path, estimatedAccounts };
}

/**
 * Sources by quota group: pools of one account and Region share Cognito's quotas, so they are
 * listed one after another; groups list side by side.
 */
export function quotaGroups(config: ReconcileServices['config']): string[][] {
  const groups = new Map<string, string[]>();
  for (const source of config.accountSources) {
    const account = source.userPoolArn?.split(':')[4] ?? '';
    const key = `${account}/${userPoolRegion(source.userPoolId) ?? ''}`;
    groups.set(key, [...(groups.get(key) ?? []), source.userPoolId]);
  }
  return [...groups.values()];
}

/** The run's checkpoints, after taking the lock again: every step extends it. */
export async function resumeRun(runId: string, deps: SteppedServices): Promise<RunCheckpoints> {
  const now = deps.clock.now();
  if (!(await deps.storage.lock.acquire(RUN_LOCK, runId, now, lockUntil(now)))) {
    // The lock expired and another run took it: this one must not go on.
    throw new RunInProgressError();
  }
  return new RunCheckpoints(deps.checkpoints, runId);
}
