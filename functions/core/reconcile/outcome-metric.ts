import { RECONCILE_METRICS } from '../resources.js';
import type { RunStatus } from './run-record.js';

/** The metric each run outcome counts in; the stack's alarms watch these names. */
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
