import middy from '@middy/core';
import { createCreateAuthChallengeHandler } from './handlers/create-auth-challenge.js';

// The wiring, and the AWS clients with it, load on the first invocation: init stays small.
export const handler = middy(
  createCreateAuthChallengeHandler(() =>
    import('./wiring/code-sender.js').then((wiring) => wiring.dependencies()),
  ),
);
