import { Logger } from '@aws-lambda-powertools/logger';
import { z } from 'zod';
import { cognitoClient } from '../aws/clients/cognito.js';
import { documentClient } from '../aws/clients/dynamodb.js';
import { CognitoUserPools } from '../aws/cognito-user-pools.js';
import { DynamoFenceMemory } from '../aws/dynamo/fence-memory.js';
import { GovernanceTable } from '../aws/dynamo/governance-table.js';
import { powertoolsLog } from '../aws/powertools-log.js';
import { readEnvironment } from '../core/shared/environment.js';
import type { PoolFenceDependencies } from './create-handler.js';

const logger = new Logger({ serviceName: 'warden-pool-fence' });

/** The pool-fence function's composition root. */
export function poolFenceDependencies(): Promise<PoolFenceDependencies> {
  const env = readEnvironment({ table: z.string().min(1) }, process.env);
  return Promise.resolve({
    pools: new CognitoUserPools(cognitoClient()),
    memory: new DynamoFenceMemory(new GovernanceTable(documentClient(), env.table)),
    log: powertoolsLog(logger),
  });
}
