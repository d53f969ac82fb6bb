import middy from '@middy/core';
import { triggerDependencies } from './dependencies.js';
import { createPreAuthenticationHandler } from './handlers/pre-authentication.js';

export const handler = middy(createPreAuthenticationHandler(triggerDependencies));
