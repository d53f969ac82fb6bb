import middy from '@middy/core';
import { triggerDependencies } from './dependencies.js';
import { createPreTokenGenerationHandler } from './handlers/pre-token-generation.js';

export const handler = middy(createPreTokenGenerationHandler(triggerDependencies));
