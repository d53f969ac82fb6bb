import middy from '@middy/core';
import { createVerifyAuthChallengeHandler } from './handlers/verify-auth-challenge.js';

// The wiring, and the AWS clients with it, load on the first invocation: init stays small.
export const handler = middy(
  createVerifyAuthChallengeHandler(() =>
    import('./wiring/stores.js').then((wiring) => wiring.dependencies()),
  ),
);
