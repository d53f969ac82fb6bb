import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { logger, runMetrics } from '../reconcile/dependencies.js';
import { createStepsHandler } from './create-handler.js';
import { stepsDependencies } from './dependencies.js';

export const handler = middy(createStepsHandler(stepsDependencies, runMetrics)).use(
  injectLambdaContext(logger),
);
