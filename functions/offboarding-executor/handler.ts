import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { createExecutorHandler } from './create-handler.js';
import { executorDependencies, logger } from './dependencies.js';

export const handler = middy(
  createExecutorHandler((invokedArn) => executorDependencies(undefined, invokedArn)),
).use(injectLambdaContext(logger));
