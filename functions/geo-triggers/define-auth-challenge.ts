import middy from '@middy/core';
import { createDefineAuthChallengeHandler } from './handlers/define-auth-challenge.js';

// The wiring, and the AWS clients with it, load on the first invocation: init stays small.
export const handler = middy(
  createDefineAuthChallengeHandler(() =>
    import('./wiring/stores-and-groups.js').then((wiring) => wiring.dependencies()),
  ),
);
