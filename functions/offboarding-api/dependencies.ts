import { Logger } from '@aws-lambda-powertools/logger';
import { z } from 'zod';
import { documentClient, dynamoDbClient } from '../aws/clients/dynamodb.js';
import { GovernanceTable } from '../aws/dynamo/governance-table.js';
import { DynamoApiCallAudit } from '../aws/dynamo/offboarding-calls.js';
import { powertoolsIdempotency } from '../aws/idempotency.js';
import { offboardingServices, scheduleEnvironment } from '../aws/offboarding-services.js';
import { powertoolsLog } from '../aws/powertools-log.js';
import { systemClock } from '../aws/system.js';
import { parseReconcileConfig } from '../core/config/reconcile-config.js';
import { isRoleArn } from '../core/offboarding/caller.js';
import type { Clock } from '../core/shared/clock.js';
import { ENV, jsonVariable, readEnvironment } from '../core/shared/environment.js';
import type { OffboardingApiDependencies } from './create-handler.js';

export const logger = new Logger({ serviceName: 'warden-offboarding-api' });

const environment = {
  table: z.string().min(1),
  topicArn: z.string().startsWith('arn:'),
  config: z.prefault(jsonVariable, '{}'),
  hrRoleArn: z.string().refine(isRoleArn, 'must be an IAM role ARN'),
  ...scheduleEnvironment,
};

let cached: { fingerprint: string; deps: OffboardingApiDependencies } | undefined;

/**
 * The API's composition root, built once per container (again when the environment changes, as
 * it does between local runs); `clock` lets local runs and tests decide what "now" is.
 */
export function offboardingApiDependencies(
  clock: Clock = systemClock,
): Promise<OffboardingApiDependencies> {
  const env = readEnvironment(environment, process.env);
  const fingerprint = JSON.stringify(env);
  if (cached?.fingerprint !== fingerprint) {
    const dynamo = dynamoDbClient();
    const table = new GovernanceTable(documentClient(dynamo), env.table);
    cached = {
      fingerprint,
      deps: {
        offboarding: offboardingServices({
          ...env,
          schedules: env,
          table,
          config: parseReconcileConfig(env.config, ENV.config),
          clock,
          log: powertoolsLog(logger),
        }),
        calls: new DynamoApiCallAudit(table),
        hrRoleArn: env.hrRoleArn,
        idempotent: powertoolsIdempotency(dynamo, env.table),
      },
    };
  }
  return Promise.resolve({ ...cached.deps, offboarding: { ...cached.deps.offboarding, clock } });
}
