import { Logger } from '@aws-lambda-powertools/logger';
import { z } from 'zod';
import { documentClient } from '../aws/clients/dynamodb.js';
import { lambdaClient } from '../aws/clients/lambda.js';
import { s3Client } from '../aws/clients/s3.js';
import { DynamoConsoleAudit } from '../aws/dynamo/console-calls.js';
import { GovernanceTable } from '../aws/dynamo/governance-table.js';
import { LambdaQuarantineDecisions } from '../aws/lambda-quarantine-decisions.js';
import { offboardingServices, scheduleEnvironment } from '../aws/offboarding-services.js';
import { powertoolsLog } from '../aws/powertools-log.js';
import { reviewServices } from '../aws/review-services.js';
import { publishedConsoleAddress } from '../aws/ssm-console-address.js';
import { systemClock } from '../aws/system.js';
import { parseReconcileConfig } from '../core/config/reconcile-config.js';
import type { QuarantineDecisions } from '../core/review/ports.js';
import type { Clock } from '../core/shared/clock.js';
import { ENV, jsonVariable, readEnvironment } from '../core/shared/environment.js';
import { ConfigError } from '../core/shared/errors.js';
import type { ConsoleApiDependencies } from './create-handler.js';

export const logger = new Logger({ serviceName: 'warden-console-api' });

const environment = {
  table: z.string().min(1),
  topicArn: z.string().startsWith('arn:'),
  /** Deployed: approvals go through the reconcile function. Locally they are run in process. */
  reconcileFunction: z.string().min(1).optional(),
  consoleUrlParameter: z.string().startsWith('/').optional(),
  config: z.prefault(jsonVariable, '{}'),
  ...scheduleEnvironment,
};

export interface ConsoleApiOptions {
  clock?: Clock;
  /** How quarantines are decided; by default the reconcile function named in the environment. */
  decisions?: QuarantineDecisions;
}

let cached: { fingerprint: string; deps: ConsoleApiDependencies } | undefined;

/**
 * The console API's composition root, built once per container (again when the environment
 * changes, as it does between local runs); `clock` lets local runs and tests decide what "now" is.
 */
export async function consoleApiDependencies(
  options: ConsoleApiOptions = {},
): Promise<ConsoleApiDependencies> {
  const clock = options.clock ?? systemClock;
  const env = readEnvironment(environment, process.env);
  const fingerprint = JSON.stringify(env);
  if (cached?.fingerprint !== fingerprint) {
    const table = new GovernanceTable(documentClient(), env.table);
    const config = parseReconcileConfig(env.config, ENV.config);
    cached = {
      fingerprint,
      deps: {
        offboarding: offboardingServices({
          ...env,
          schedules: env,
          table,
          config,
          clock,
          log: powertoolsLog(logger),
        }),
        review: reviewServices({
          table,
          s3: s3Client(),
          accountSources: config.accountSources,
          decisions: options.decisions ?? deployedDecisions(env.reconcileFunction),
          clock,
        }),
        calls: new DynamoConsoleAudit(table),
      },
    };
  }
  const { deps } = cached;
  const consoleUrl = await publishedConsoleAddress(env.consoleUrlParameter, {
    clock,
    log: powertoolsLog(logger),
  });
  return {
    ...deps,
    offboarding: { ...deps.offboarding, clock },
    review: {
      ...deps.review,
      clock,
      consoleUrl,
      ...(options.decisions && { decisions: options.decisions }),
    },
  };
}

function deployedDecisions(functionName: string | undefined): QuarantineDecisions {
  if (!functionName)
    throw new ConfigError('the function environment', [
      `${ENV.reconcileFunction}: is required to approve or reject quarantined runs`,
    ]);
  return new LambdaQuarantineDecisions(lambdaClient(), functionName);
}
