import { Logger } from '@aws-lambda-powertools/logger';
import { z } from 'zod';
import { documentClient } from '../aws/clients/dynamodb.js';
import { GovernanceTable } from '../aws/dynamo/governance-table.js';
import { offboardingServices, scheduleSettings } from '../aws/offboarding-services.js';
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

/**
 * The executor's composition root, from the environment; `clock` is injected for local runs. It
 * schedules its own retries: the stack cannot give a function its own ARN, so the target is the
 * ARN it was invoked by, unless the environment names one.
 */
export function executorDependencies(
  clock: Clock = systemClock,
  invokedArn?: string,
): Promise<OffboardingDependencies> {
  const env = readEnvironment(environment, process.env);
  const schedules = scheduleSettings({ [ENV.executorArn]: invokedArn, ...process.env });
  return Promise.resolve(
    offboardingServices({
      ...env,
      schedules,
      table: new GovernanceTable(documentClient(), env.table),
      config: parseReconcileConfig(env.config, ENV.config),
      clock,
      log: powertoolsLog(logger),
    }),
  );
}
