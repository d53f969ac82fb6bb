import { DescribeUserPoolClientCommand } from '@aws-sdk/client-cognito-identity-provider';
import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import middy from '@middy/core';
import { z } from 'zod';
import { cognitoClient, documentClient, secretsClient } from '../aws/clients.js';
import { CognitoCustomAuth } from '../aws/cognito-custom-auth.js';
import { DynamoRateLimiter } from '../aws/dynamo-rate-limiter.js';
import { geoContextKey } from '../aws/geo-key.js';
import { containerGeoLocator } from '../aws/geo-locator-source.js';
import { systemClock } from '../aws/system.js';
import type { GatewayDependencies } from '../core/geo/gateway.js';
import { RESOURCE_ENV } from '../core/resources.js';
import { createGatewayHandler } from './create-handler.js';

const environmentSchema = z.object({
  [RESOURCE_ENV.table]: z.string().min(1),
  [RESOURCE_ENV.geoKeySecret]: z.string().min(1),
  WARDEN_USER_POOL_ID: z.string().min(1),
  WARDEN_APP_CLIENT_ID: z.string().min(1),
  /** Secret holding the app client's secret; without it, the secret is read from Cognito. */
  WARDEN_APP_CLIENT_SECRET: z.string().min(1).optional(),
  WARDEN_ATTEMPTS_PER_MINUTE: z.coerce.number().int().positive().default(10),
});

let dependencies: Promise<GatewayDependencies> | undefined;

/** Built once per container: database, keys and clients. */
function awsDependencies(): Promise<GatewayDependencies> {
  dependencies ??= (async () => {
    const env = environmentSchema.parse(process.env);
    const secrets = secretsClient();
    const cognito = cognitoClient();
    const clientSecret = env.WARDEN_APP_CLIENT_SECRET
      ? (await secrets.send(new GetSecretValueCommand({ SecretId: env.WARDEN_APP_CLIENT_SECRET })))
          .SecretString
      : (
          await cognito.send(
            new DescribeUserPoolClientCommand({
              UserPoolId: env.WARDEN_USER_POOL_ID,
              ClientId: env.WARDEN_APP_CLIENT_ID,
            }),
          )
        ).UserPoolClient?.ClientSecret;
    if (!clientSecret) throw new Error('the gateway app client has no secret');
    return {
      api: new CognitoCustomAuth(cognito, {
        userPoolId: env.WARDEN_USER_POOL_ID,
        clientId: env.WARDEN_APP_CLIENT_ID,
        clientSecret,
      }),
      locator: await containerGeoLocator(),
      key: await geoContextKey(secrets, env[RESOURCE_ENV.geoKeySecret] as string),
      limiter: new DynamoRateLimiter(documentClient(), env[RESOURCE_ENV.table] as string),
      clock: systemClock,
      attemptsPerMinute: env.WARDEN_ATTEMPTS_PER_MINUTE,
    };
  })().catch((error) => {
    dependencies = undefined;
    throw error;
  });
  return dependencies;
}

export const handler = middy(createGatewayHandler(awsDependencies));
