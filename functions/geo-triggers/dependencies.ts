import { Logger } from '@aws-lambda-powertools/logger';
import { z } from 'zod';
import { cognitoClient } from '../aws/clients/cognito.js';
import { documentClient } from '../aws/clients/dynamodb.js';
import { secretsClient } from '../aws/clients/secrets-manager.js';
import { CognitoGroupReader } from '../aws/cognito-group-reader.js';
import { DynamoAccessEndRegister } from '../aws/dynamo/access-end-register.js';
import { GovernanceTable } from '../aws/dynamo/governance-table.js';
import { DynamoNonceRegister } from '../aws/dynamo/nonce-register.js';
import { DynamoSignInGrants } from '../aws/dynamo/sign-in-grants.js';
import { DynamoSignInLog } from '../aws/dynamo/sign-in-log.js';
import { lazySesCodeSender } from '../aws/lazy-code-sender.js';
import { powertoolsLog } from '../aws/powertools-log.js';
import { secretsKeyRing } from '../aws/secrets-key-ring.js';
import { systemClock } from '../aws/system.js';
import { parseGeoPolicy } from '../core/geo/geo-policy.js';
import { ENV, idList, jsonVariable, readEnvironment } from '../core/shared/environment.js';
import type { TriggerDependencies } from './handlers/trigger-dependencies.js';

export const logger = new Logger({ serviceName: 'warden-geo' });

const environment = {
  table: z.string().min(1),
  geoPolicy: jsonVariable,
  geoKeySecret: z.string().min(1),
  codeSender: z.email().optional(),
  /** The gateway's client ids when the configuration names them (else the signed context does). */
  gatewayClients: idList.optional(),
  unfencedClients: idList.default([]),
  signInRecordDays: z.coerce.number().int().positive().default(400),
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

function build(
  env: ReturnType<typeof readEnvironment<typeof environment>>,
): Promise<TriggerDependencies> {
  const table = new GovernanceTable(documentClient(), env.table);
  return Promise.resolve({
    policy: parseGeoPolicy(env.geoPolicy, ENV.geoPolicy),
    keys: secretsKeyRing(secretsClient(), env.geoKeySecret, systemClock),
    nonces: new DynamoNonceRegister(table),
    accessEnds: new DynamoAccessEndRegister(table),
    signIns: new DynamoSignInLog(table, env.signInRecordDays),
    grants: new DynamoSignInGrants(table),
    clients: { gateways: env.gatewayClients, unfenced: env.unfencedClients },
    groups: new CognitoGroupReader(cognitoClient()),
    codeSender: env.codeSender ? lazySesCodeSender(env.codeSender) : undefined,
    clock: systemClock,
    log: powertoolsLog(logger),
  });
}
