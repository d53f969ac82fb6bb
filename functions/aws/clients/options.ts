import * as z from 'zod/mini';
import { readEnvironment } from '../../core/shared/environment.js';

// The SDK reads AWS_ENDPOINT_URL itself: unset in AWS, pointed at the emulator locally.
// Adaptive retries back off and slow down on throttling, on top of Warden's own rate limits.
// Each client has a file of its own, so a function bundles and loads only the clients it uses.

/**
 * No call may wait forever on a far side that never answers: the attempt ends in a
 * `TimeoutError`, which the SDK retries like any transient error (docs/decisions/0039).
 * A regional AWS endpoint connects in milliseconds; the kernel retransmits a lost SYN after 1 s,
 * so a connection still pending then is better abandoned for a fresh attempt. Warden's calls
 * answer in tens of milliseconds; 3 s for the whole request leaves a function of the shortest
 * timeout (5 s, the Cognito triggers) the time for one retry.
 */
export const DEFAULT_TIMEOUTS = { connectionMs: 1_000, requestMs: 3_000 } as const;

const milliseconds = z.optional(z.coerce.number().check(z.int(), z.positive()));

/**
 * The options every Warden client is built with. `requestMs` sets a longer answer time for a
 * client whose calls run long (a report upload, a Lambda invocation). The environment overrides
 * both timeouts (tests set them small); it is read when a client is built, at a cold start.
 */
export function clientOptions(requestMs: number = DEFAULT_TIMEOUTS.requestMs) {
  const env = readEnvironment(
    { awsConnectionTimeoutMs: milliseconds, awsRequestTimeoutMs: milliseconds },
    process.env,
  );
  const requestTimeout = env.awsRequestTimeoutMs ?? requestMs;
  return {
    maxAttempts: 6,
    retryMode: 'adaptive',
    requestHandler: {
      connectionTimeout: env.awsConnectionTimeoutMs ?? DEFAULT_TIMEOUTS.connectionMs,
      requestTimeout,
      // Without it the handler only logs a warning when the request time is exceeded.
      throwOnRequestTimeout: true,
      // An answer whose body stops arriving after its headers is abandoned the same way.
      socketTimeout: requestTimeout,
    },
  } as const;
}
