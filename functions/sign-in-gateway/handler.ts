import middy from '@middy/core';
import { createGatewayHandler } from './create-handler.js';

// The composition root, and the AWS clients with it, load on the first invocation: init stays small.
export const handler = middy(
  createGatewayHandler(() => import('./dependencies.js').then((m) => m.gatewayDependencies())),
);
