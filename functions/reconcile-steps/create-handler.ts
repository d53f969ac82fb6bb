import { outcomeMetric, quotaMetrics, RECONCILE_METRICS } from '../core/reconcile/run-metrics.js';
import type { RunRecord } from '../core/reconcile/run-record.js';
import { applyStep } from '../core/reconcile/step-apply.js';
import { beginSteppedRun } from '../core/reconcile/step-begin.js';
import { failSteppedRun, finishSteppedRun } from '../core/reconcile/step-finish.js';
import { listGroupStep } from '../core/reconcile/step-list.js';
import { planStep } from '../core/reconcile/step-plan.js';
import { routeRequest, type SteppedServices } from '../core/reconcile/stepped-run.js';
import { parseOrThrow } from '../core/shared/validation.js';
import type { MetricsSink } from '../reconcile/create-handler.js';
import { requestOf, responseOf } from '../reconcile/reconcile-event.js';
import { stepEventSchema } from './step-event.js';

/**
 * One handler for every Task of the reconciliation state machine: parse the step's event,
 * call the step, answer what the next state needs. Runs that end count in the same outcome
 * metrics as the reconcile function's.
 */
export function createStepsHandler(
  dependencies: () => Promise<SteppedServices>,
  metrics: MetricsSink,
) {
  // Only steps that end a run publish metrics: flushing none would warn on every other step.
  const counted = (run: RunRecord) => {
    metrics.add(outcomeMetric(run.status), 1);
    metrics.add(RECONCILE_METRICS.accountsDisabled, run.actions.applied);
    metrics.add(RECONCILE_METRICS.actionsFailed, run.actions.failed);
    for (const [name, count] of quotaMetrics(run)) metrics.add(name, count);
    metrics.flush();
    return responseOf(run);
  };
  return async (rawEvent: unknown): Promise<unknown> => {
    const event = parseOrThrow(stepEventSchema, rawEvent, 'step event');
    const deps = await dependencies();
    switch (event.step) {
      case 'route':
        return await routeRequest(requestOf(event.event), deps);
      case 'begin': {
        const begun = await beginSteppedRun(requestOf(event.event), deps);
        return begun.kind === 'closed' ? { kind: 'closed', response: counted(begun.run) } : begun;
      }
      case 'list':
        return await listGroupStep(event.runId, event.group, deps);
      case 'plan':
        return await planStep(event.runId, deps);
      case 'apply':
        return await applyStep(event.runId, deps);
      case 'finish':
        return counted(await finishSteppedRun(event.runId, deps));
      case 'fail': {
        const failed = await failSteppedRun(event.runId, event.error.Error, deps);
        metrics.add(RECONCILE_METRICS.failed, 1);
        metrics.flush();
        return failed ? responseOf(failed) : { status: 'failed' };
      }
    }
  };
}
