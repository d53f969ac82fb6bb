import type { RunRecord, RunStatus } from './run-record.js';

/** CloudWatch metrics the reconcile function emits and the stack's alarms watch. */
export const RECONCILE_METRICS = {
  namespace: 'Warden',
  service: 'warden-reconcile',
  succeeded: 'RunsSucceeded',
  quarantined: 'RunsQuarantined',
  rejected: 'RunsRejected',
  failed: 'RunsFailed',
  accountsDisabled: 'AccountsDisabled',
  actionsFailed: 'ActionsFailed',
} as const;

/** The metric each run outcome counts in: every run counts in exactly one. */
export function outcomeMetric(status: RunStatus): string {
  switch (status) {
    case 'planned':
    case 'completed':
      return RECONCILE_METRICS.succeeded;
    case 'quarantined':
      return RECONCILE_METRICS.quarantined;
    case 'rejected':
      return RECONCILE_METRICS.rejected;
    default:
      return RECONCILE_METRICS.failed;
  }
}

/**
 * Cognito calls, throttles and retries of a run, per quota category (`UserListCalls`,
 * `UserListThrottles`, `UserListRetries`, ...): what the stack's dashboard graphs.
 */
export function quotaMetrics(run: Pick<RunRecord, 'throughput'>): [string, number][] {
  return Object.entries(run.throughput ?? {}).flatMap(([category, used]) => [
    [`${category}Calls`, used.calls],
    [`${category}Throttles`, used.throttles],
    [`${category}Retries`, used.retries],
  ]);
}
