import middy from '@middy/core';
import { createGatewayHandler } from './create-handler.js';
import { gatewayDependencies } from './dependencies.js';

export const handler = middy(createGatewayHandler(gatewayDependencies));
