import { OffboardingIncompleteError } from '../core/offboarding/errors.js';
import {
  executeScheduled,
  hasRetryLeft,
  type OffboardingDependencies,
} from '../core/offboarding/execute-offboarding.js';
import { viewOf } from '../core/offboarding/offboarding.js';
import { parseOrThrow } from '../core/shared/validation.js';
import { type ExecutorResponse, executorEventSchema } from './executor-event.js';

/**
 * Runs the offboarding a schedule names. If accounts failed, a schedule of its own tries again
 * later (finishing only what is left); after the last attempt it throws, so Lambda retries
 * twice more and then dead-letters it, which raises the alarm.
 */
export function createExecutorHandler(
  dependencies: (invokedArn?: string) => Promise<OffboardingDependencies>,
) {
  return async (
    raw: unknown,
    context?: { invokedFunctionArn?: string },
  ): Promise<ExecutorResponse> => {
    const event = parseOrThrow(executorEventSchema, raw, 'event');
    const deps = await dependencies(context?.invokedFunctionArn);
    const offboarding = await executeScheduled(event.offboardingId, deps);
    if (offboarding.status === 'partially_failed' && !hasRetryLeft(offboarding)) {
      throw new OffboardingIncompleteError(
        offboarding.id,
        offboarding.accounts.filter((a) => a.outcome === 'failed').length,
      );
    }
    const view = viewOf(offboarding);
    return { offboardingId: view.id, status: view.status, accounts: view.accounts };
  };
}
