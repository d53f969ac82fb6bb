import { Logger } from '@aws-lambda-powertools/logger';
import { z } from 'zod';
import { cognitoClient } from '../aws/clients/cognito.js';
import { documentClient } from '../aws/clients/dynamodb.js';
import { secretsClient } from '../aws/clients/secrets-manager.js';
import { CognitoGroupReader } from '../aws/cognito-group-reader.js';
import { DynamoAccessEndRegister } from '../aws/dynamo/access-end-register.js';
import { GovernanceTable } from '../aws/dynamo/governance-table.js';
import { DynamoNonceRegister } from '../aws/dynamo/nonce-register.js';
import { DynamoSignInLog } from '../aws/dynamo/sign-in-log.js';
import { geoContextKey } from '../aws/geo-key.js';
import { lazySesCodeSender } from '../aws/lazy-code-sender.js';
import { powertoolsLog } from '../aws/powertools-log.js';
import { systemClock } from '../aws/system.js';
import { parseGeoPolicy } from '../core/geo/geo-policy.js';
import { ENV, jsonVariable, readEnvironment } from '../core/shared/environment.js';
import type { TriggerDependencies } from './handlers/trigger-dependencies.js';

export const logger = new Logger({ serviceName: 'warden-geo' });

const environment = {
  table: z.string().min(1),
  geoPolicy: jsonVariable,
  geoKeySecret: z.string().min(1),
  codeSender: z.email().optional(),
};

let cached: { fingerprint: string; deps: Promise<TriggerDependencies> } | undefined;

/**
 * The composition root of the sign-in triggers: policy, key, stores and clients, built once
 * per container (again if the environment changes, as it does between local runs).
 */
export function triggerDependencies(): Promise<TriggerDependencies> {
  const env = readEnvironment(environment, process.env);
  const fingerprint = JSON.stringify(env);
  if (cached?.fingerprint !== fingerprint) cached = { fingerprint, deps: build(env) };
  return cached.deps;
}

async function build(
  env: ReturnType<typeof readEnvironment<typeof environment>>,
): Promise<TriggerDependencies> {
  const table = new GovernanceTable(documentClient(), env.table);
  return {
    policy: parseGeoPolicy(env.geoPolicy, ENV.geoPolicy),
    key: await geoContextKey(secretsClient(), env.geoKeySecret),
    nonces: new DynamoNonceRegister(table),
    accessEnds: new DynamoAccessEndRegister(table),
    signIns: new DynamoSignInLog(table),
    groups: new CognitoGroupReader(cognitoClient()),
    codeSender: env.codeSender ? lazySesCodeSender(env.codeSender) : undefined,
    clock: systemClock,
    log: powertoolsLog(logger),
  };
}
