import middy from '@middy/core';
import { triggerDependencies } from './dependencies.js';
import { createDefineAuthChallengeHandler } from './handlers/define-auth-challenge.js';

export const handler = middy(createDefineAuthChallengeHandler(triggerDependencies));
