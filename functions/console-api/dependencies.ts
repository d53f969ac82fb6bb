import { Logger } from '@aws-lambda-powertools/logger';
import { z } from 'zod';
import { documentClient } from '../aws/clients/dynamodb.js';
import { DynamoConsoleAudit } from '../aws/dynamo/console-calls.js';
import { GovernanceTable } from '../aws/dynamo/governance-table.js';
import { offboardingServices, scheduleEnvironment } from '../aws/offboarding-services.js';
import { powertoolsLog } from '../aws/powertools-log.js';
import { systemClock } from '../aws/system.js';
import { parseReconcileConfig } from '../core/config/reconcile-config.js';
import type { Clock } from '../core/shared/clock.js';
import { ENV, jsonVariable, readEnvironment } from '../core/shared/environment.js';
import type { ConsoleApiDependencies } from './create-handler.js';

export const logger = new Logger({ serviceName: 'warden-console-api' });

const environment = {
  table: z.string().min(1),
  topicArn: z.string().startsWith('arn:'),
  config: jsonVariable.prefault('{}'),
  ...scheduleEnvironment,
};

let cached: { fingerprint: string; deps: ConsoleApiDependencies } | undefined;

/**
 * The console API's composition root, built once per container (again when the environment
 * changes, as it does between local runs); `clock` lets local runs and tests decide what "now" is.
 */
export function consoleApiDependencies(
  clock: Clock = systemClock,
): Promise<ConsoleApiDependencies> {
  const env = readEnvironment(environment, process.env);
  const fingerprint = JSON.stringify(env);
  if (cached?.fingerprint !== fingerprint) {
    const table = new GovernanceTable(documentClient(), env.table);
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
        calls: new DynamoConsoleAudit(table),
      },
    };
  }
  return Promise.resolve({ ...cached.deps, offboarding: { ...cached.deps.offboarding, clock } });
}
