import middy from '@middy/core';
import { createPreTokenGenerationHandler } from './handlers/pre-token-generation.js';

// The wiring, and the AWS clients with it, load on the first invocation: init stays small.
export const handler = middy(
  createPreTokenGenerationHandler(() =>
    import('./wiring/stores-and-groups.js').then((wiring) => wiring.dependencies()),
  ),
);
