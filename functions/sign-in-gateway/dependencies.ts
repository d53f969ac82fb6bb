import { DescribeUserPoolClientCommand } from '@aws-sdk/client-cognito-identity-provider';
import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import * as z from 'zod/mini';
import { cognitoClient } from '../aws/clients/cognito.js';
import { documentClient } from '../aws/clients/dynamodb.js';
import { secretsClient } from '../aws/clients/secrets-manager.js';
import { CognitoCustomAuth } from '../aws/cognito-custom-auth.js';
import { GovernanceTable } from '../aws/dynamo/governance-table.js';
import { DynamoRateLimiter } from '../aws/dynamo/rate-limiter.js';
import { containerGeoLocator } from '../aws/geo-locator-source.js';
import { secretsKeyRing } from '../aws/secrets-key-ring.js';
import { systemClock } from '../aws/system.js';
import type { GatewayDependencies } from '../core/geo/gateway.js';
import { readEnvironment } from '../core/shared/environment.js';
import { WardenError } from '../core/shared/errors.js';

const environment = {
  table: z.string().check(z.minLength(1)),
  geoKeySecret: z.string().check(z.minLength(1)),
  userPoolId: z.string().check(z.minLength(1)),
  appClientId: z.string().check(z.minLength(1)),
  /** Secret holding the app client's secret; without it, the secret is read from Cognito. */
  appClientSecret: z.optional(z.string().check(z.minLength(1))),
  attemptsPerMinute: z._default(z.coerce.number().check(z.int(), z.positive()), 10),
  attemptsPerUsername: z._default(z.coerce.number().check(z.int(), z.positive()), 5),
};

let dependencies: Promise<GatewayDependencies> | undefined;

/**
 * The gateway's composition root, built once per container: database, keys and clients. The
 * handler entry loads this module on the first invocation, so none of it is evaluated during init.
 */
export function gatewayDependencies(): Promise<GatewayDependencies> {
  dependencies ??= build().catch((error: unknown) => {
    dependencies = undefined; // let the next invocation try again
    throw error;
  });
  return dependencies;
}

async function build(): Promise<GatewayDependencies> {
  const env = readEnvironment(environment, process.env);
  const secrets = secretsClient();
  const cognito = cognitoClient();
  const clientSecret = env.appClientSecret
    ? (await secrets.send(new GetSecretValueCommand({ SecretId: env.appClientSecret })))
        .SecretString
    : (
        await cognito.send(
          new DescribeUserPoolClientCommand({
            UserPoolId: env.userPoolId,
            ClientId: env.appClientId,
          }),
        )
      ).UserPoolClient?.ClientSecret;
  if (!clientSecret) throw new WardenError('the gateway app client has no secret');
  return {
    api: new CognitoCustomAuth(cognito, {
      userPoolId: env.userPoolId,
      clientId: env.appClientId,
      clientSecret,
    }),
    locator: await containerGeoLocator(),
    keys: secretsKeyRing(secrets, env.geoKeySecret, systemClock),
    limiter: new DynamoRateLimiter(new GovernanceTable(documentClient(), env.table)),
    clock: systemClock,
    clientId: env.appClientId,
    limits: { perAddress: env.attemptsPerMinute, perUsername: env.attemptsPerUsername },
  };
}
