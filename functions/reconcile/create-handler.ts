import {
  handleReconcileRequest,
  type ReconcileServices,
} from '../core/reconcile/handle-request.js';
import { outcomeMetric, quotaMetrics, RECONCILE_METRICS } from '../core/reconcile/run-metrics.js';
import { parseOrThrow } from '../core/shared/validation.js';
import {
  type ReconcileResponse,
  reconcileEventSchema,
  requestOf,
  responseOf,
} from './reconcile-event.js';

/** Where run outcomes are counted: Powertools Metrics in Lambda (EMF), nothing in tests. */
export interface MetricsSink {
  add(name: string, count: number): void;
  flush(): void;
}

/** Parse the event, route it through the core, count the outcome, answer with the run's summary. */
export function createReconcileHandler(
  dependencies: () => Promise<ReconcileServices>,
  metrics: MetricsSink,
) {
  return async (rawEvent: unknown): Promise<ReconcileResponse> => {
    try {
      const event = parseOrThrow(reconcileEventSchema, rawEvent ?? {}, 'event');
      const deps = await dependencies();
      const run = await handleReconcileRequest(requestOf(event), deps);
      // Every run counts in exactly one outcome metric; the stack's alarms watch them.
      metrics.add(outcomeMetric(run.status), 1);
      metrics.add(RECONCILE_METRICS.accountsDisabled, run.actions.applied);
      metrics.add(RECONCILE_METRICS.actionsFailed, run.actions.failed);
      for (const [name, count] of quotaMetrics(run)) metrics.add(name, count);
      return responseOf(run);
    } catch (error) {
      metrics.add(RECONCILE_METRICS.failed, 1);
      throw error;
    } finally {
      metrics.flush();
    }
  };
}
