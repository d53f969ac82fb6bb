import middy from '@middy/core';
import { triggerDependencies } from './dependencies.js';
import { createVerifyAuthChallengeHandler } from './handlers/verify-auth-challenge.js';

export const handler = middy(createVerifyAuthChallengeHandler(triggerDependencies));
