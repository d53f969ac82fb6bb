import middy from '@middy/core';
import { createPoolFenceHandler } from './create-handler.js';
import { poolFenceDependencies } from './dependencies.js';

export const handler = middy(createPoolFenceHandler(poolFenceDependencies));
