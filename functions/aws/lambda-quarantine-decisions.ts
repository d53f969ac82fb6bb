import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import type { ReviewMark } from '../core/reconcile/review-quarantine.js';
import type { DecidedRun, QuarantineDecisions } from '../core/review/ports.js';
import { ReviewError, WardenError } from '../core/shared/errors.js';
import type { ReconcileEvent, ReconcileResponse } from '../reconcile/reconcile-event.js';

/**
 * Approves and rejects through the deployed reconcile function, invoked and awaited: the path
 * `{"approve": runId}` has always taken, now with who decided and why.
 */
export class LambdaQuarantineDecisions implements QuarantineDecisions {
  constructor(
    private readonly lambda: LambdaClient,
    private readonly functionName: string,
  ) {}

  approve(runId: string, review: ReviewMark): Promise<DecidedRun> {
    return this.invoke({ approve: runId, review });
  }

  reject(runId: string, review: ReviewMark): Promise<DecidedRun> {
    return this.invoke({ reject: runId, review });
  }

  private async invoke(event: ReconcileEvent): Promise<DecidedRun> {
    const answer = await this.lambda.send(
      new InvokeCommand({
        FunctionName: this.functionName,
        InvocationType: 'RequestResponse',
        Payload: new TextEncoder().encode(JSON.stringify(event)),
      }),
    );
    const text = new TextDecoder().decode(answer.Payload ?? new Uint8Array());
    if (answer.FunctionError) {
      // Lambda answers a thrown error as {errorType, errorMessage}: Warden's messages carry no personal data.
      const { errorType, errorMessage } = parse<{ errorType?: string; errorMessage?: string }>(
        text,
      );
      const message = `the reconcile function refused: ${errorMessage ?? answer.FunctionError}`;
      throw errorType === 'ReviewError' ? new ReviewError(message) : new WardenError(message);
    }
    const response = parse<ReconcileResponse>(text);
    return { runId: response.runId, status: response.status, actions: response.actions };
  }
}

function parse<T>(text: string): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new WardenError('the reconcile function answered with something that is not JSON');
  }
}
