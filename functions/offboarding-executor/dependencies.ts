import { Logger } from '@aws-lambda-powertools/logger';
import { z } from 'zod';
import { documentClient } from '../aws/clients/dynamodb.js';
import { GovernanceTable } from '../aws/dynamo/governance-table.js';
import { offboardingServices } from '../aws/offboarding-services.js';
import { powertoolsLog } from '../aws/powertools-log.js';
import { systemClock } from '../aws/system.js';
import { parseReconcileConfig } from '../core/config/reconcile-config.js';
import type { OffboardingDependencies } from '../core/offboarding/execute-offboarding.js';
import type { Clock } from '../core/shared/clock.js';
import { ENV, jsonVariable, readEnvironment } from '../core/shared/environment.js';

export const logger = new Logger({ serviceName: 'warden-offboarding-executor' });

const environment = {
  table: z.string().min(1),
  topicArn: z.string().startsWith('arn:'),
  config: z.prefault(jsonVariable, '{}'),
};

/** The executor's composition root, from the environment; `clock` is injected for local runs. */
export function executorDependencies(clock: Clock = systemClock): Promise<OffboardingDependencies> {
  const env = readEnvironment(environment, process.env);
  return Promise.resolve(
    offboardingServices({
      ...env,
      table: new GovernanceTable(documentClient(), env.table),
      config: parseReconcileConfig(env.config, ENV.config),
      clock,
      log: powertoolsLog(logger),
    }),
  );
}
