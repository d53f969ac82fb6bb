import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { createOffboardingApiHandler } from './create-handler.js';
import { logger, offboardingApiDependencies } from './dependencies.js';

export const handler = middy(createOffboardingApiHandler(() => offboardingApiDependencies())).use(
  injectLambdaContext(logger),
);
