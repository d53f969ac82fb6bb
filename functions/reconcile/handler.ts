import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { createReconcileHandler } from './create-handler.js';
import { logger, reconcileDependencies, runMetrics } from './dependencies.js';

export const handler = middy(createReconcileHandler(reconcileDependencies, runMetrics)).use(
  injectLambdaContext(logger),
);
