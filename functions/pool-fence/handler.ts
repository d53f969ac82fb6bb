import middy from '@middy/core';
import { createPoolFenceHandler } from './create-handler.js';
import { poolFenceDependencies } from './dependencies.js';
import { respondToCloudFormation } from './respond.js';

export const handler = middy(
  createPoolFenceHandler(poolFenceDependencies, respondToCloudFormation),
);
