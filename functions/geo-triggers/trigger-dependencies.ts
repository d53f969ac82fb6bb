import { Logger } from '@aws-lambda-powertools/logger';
import { z } from 'zod';
import { CLIENT_OPTIONS, cognitoClient, documentClient, secretsClient } from '../aws/clients.js';
import { CognitoGroupReader } from '../aws/cognito-group-reader.js';
import { DynamoSignInStore } from '../aws/dynamo-sign-in-store.js';
import { geoContextKey } from '../aws/geo-key.js';
import type { AssessDependencies } from '../core/geo/assess-sign-in.js';
import { parseGeoPolicy } from '../core/geo/geo-policy.js';
import type { CodeSender } from '../core/geo/sign-in-ports.js';
import { RESOURCE_ENV } from '../core/resources.js';

export const logger = new Logger({ serviceName: 'warden-geo' });

const environmentSchema = z.object({
  [RESOURCE_ENV.table]: z.string().min(1),
  [RESOURCE_ENV.geoPolicy]: z.string().min(2),
  [RESOURCE_ENV.geoKeySecret]: z.string().min(1),
  [RESOURCE_ENV.codeSender]: z.email().optional(),
});

export interface TriggerDependencies extends AssessDependencies {
  store: DynamoSignInStore;
  codeSender?: CodeSender;
}

let cached: { env: string; deps: Promise<TriggerDependencies> } | undefined;

/** Policy, key, store and clients, built once per container (again if the environment changes). */
export function triggerDependencies(): Promise<TriggerDependencies> {
  const env = environmentSchema.parse(process.env);
  const fingerprint = JSON.stringify(env);
  if (cached?.env !== fingerprint) cached = { env: fingerprint, deps: build(env) };
  return cached.deps;
}

async function build(env: z.infer<typeof environmentSchema>): Promise<TriggerDependencies> {
  const policy = parseGeoPolicy(
    JSON.parse(env[RESOURCE_ENV.geoPolicy] as string),
    RESOURCE_ENV.geoPolicy,
  );
  const sender = env[RESOURCE_ENV.codeSender];
  return {
    policy,
    key: await geoContextKey(secretsClient(), env[RESOURCE_ENV.geoKeySecret] as string),
    store: new DynamoSignInStore(documentClient(), env[RESOURCE_ENV.table] as string),
    groups: new CognitoGroupReader(cognitoClient()),
    codeSender: sender ? lazySesSender(sender) : undefined,
  };
}

/** Only create-auth-challenge sends email: the SES client is loaded on first use, not at start-up. */
function lazySesSender(fromAddress: string): CodeSender {
  let sender: Promise<CodeSender> | undefined;
  return {
    send: async (email, code) => {
      sender ??= Promise.all([
        import('../aws/ses-code-sender.js'),
        import('@aws-sdk/client-sesv2'),
      ]).then(
        ([{ SesCodeSender }, { SESv2Client }]) =>
          new SesCodeSender(new SESv2Client(CLIENT_OPTIONS), fromAddress),
      );
      return (await sender).send(email, code);
    },
  };
}
