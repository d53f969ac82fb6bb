import { OffboardingIncompleteError } from '../core/offboarding/errors.js';
import {
  executeOffboarding,
  type OffboardingDependencies,
} from '../core/offboarding/execute-offboarding.js';
import { viewOf } from '../core/offboarding/offboarding.js';
import { parseOrThrow } from '../core/shared/validation.js';
import { type ExecutorResponse, executorEventSchema } from './executor-event.js';

/**
 * Runs the offboarding a schedule names. If accounts failed, it throws after recording what it
 * did, so Scheduler's retry policy tries again (finishing only what is left), then dead-letters.
 */
export function createExecutorHandler(dependencies: () => Promise<OffboardingDependencies>) {
  return async (raw: unknown): Promise<ExecutorResponse> => {
    const event = parseOrThrow(executorEventSchema, raw, 'event');
    const deps = await dependencies();
    const offboarding = await executeOffboarding(event.offboardingId, 'schedule', deps);
    if (offboarding.status === 'partially_failed') {
      throw new OffboardingIncompleteError(
        offboarding.id,
        offboarding.accounts.filter((a) => a.outcome === 'failed').length,
      );
    }
    const view = viewOf(offboarding);
    return { offboardingId: view.id, status: view.status, accounts: view.accounts };
  };
}
