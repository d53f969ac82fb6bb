import middy from '@middy/core';
import { createPreAuthenticationHandler } from './handlers/pre-authentication.js';

// The wiring, and the AWS clients with it, load on the first invocation: init stays small.
export const handler = middy(
  createPreAuthenticationHandler(() =>
    import('./wiring/stores.js').then((wiring) => wiring.dependencies()),
  ),
);
