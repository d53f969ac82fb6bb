import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { createConsoleApiHandler } from './create-handler.js';
import { consoleApiDependencies, logger } from './dependencies.js';

export const handler = middy(createConsoleApiHandler(() => consoleApiDependencies())).use(
  injectLambdaContext(logger),
);
