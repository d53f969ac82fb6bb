import { Logger } from '@aws-lambda-powertools/logger';
import { documentClient } from '../../aws/clients/dynamodb.js';
import { DynamoAccessEndRegister } from '../../aws/dynamo/access-end-register.js';
import { GovernanceTable } from '../../aws/dynamo/governance-table.js';
import { DynamoNonceRegister } from '../../aws/dynamo/nonce-register.js';
import { DynamoSignInGrants } from '../../aws/dynamo/sign-in-grants.js';
import { DynamoSignInLog } from '../../aws/dynamo/sign-in-log.js';
import { powertoolsLog } from '../../aws/powertools-log.js';
import { containerDependencies, settings, type TriggerEnvironment } from '../dependencies.js';
import type { TriggerDependencies } from '../handlers/trigger-dependencies.js';
import { keyRing } from './key-ring.js';

/** The triggers' logger: one per container, its level settable (tests raise it to DEBUG). */
export const logger = new Logger({ serviceName: 'warden-geo' });

/**
 * Pre-authentication and verify-auth-challenge: the keys, and the triggers' items in the
 * governance table (nonces, access ends, sign-in decisions, grants), with a log of decisions.
 */
export function withStores(
  env: TriggerEnvironment,
): Omit<TriggerDependencies, 'groups' | 'codeSender'> {
  const table = new GovernanceTable(documentClient(), env.table);
  return {
    ...settings(env),
    ...keyRing(env),
    nonces: new DynamoNonceRegister(table),
    accessEnds: new DynamoAccessEndRegister(table),
    signIns: new DynamoSignInLog(table, env.signInRecordDays),
    grants: new DynamoSignInGrants(table),
    log: powertoolsLog(logger),
  };
}

export const dependencies = containerDependencies(withStores);
