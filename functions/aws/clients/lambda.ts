import { LambdaClient } from '@aws-sdk/client-lambda';
import { clientOptions } from './options.js';

/** Approving a large plan runs for minutes: the invocation waits as long as Lambda allows. */
const FIFTEEN_MINUTES_AND_A_MARGIN_MS = 16 * 60_000;

export function lambdaClient(): LambdaClient {
  return new LambdaClient({
    ...clientOptions(FIFTEEN_MINUTES_AND_A_MARGIN_MS),
    // Never retry an invocation that may have started applying a plan: its outcome is read back.
    maxAttempts: 1,
  });
}
