import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { createExecutorHandler } from './create-handler.js';
import { executorDependencies, logger } from './dependencies.js';

export const handler = middy(createExecutorHandler(() => executorDependencies())).use(
  injectLambdaContext(logger),
);
