import middy from '@middy/core';
import { triggerDependencies } from './dependencies.js';
import { createCreateAuthChallengeHandler } from './handlers/create-auth-challenge.js';

export const handler = middy(createCreateAuthChallengeHandler(triggerDependencies));
