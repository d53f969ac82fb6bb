import { z } from 'zod';
import type { ReconcileConfig } from '../core/config/reconcile-config.js';
import type { OffboardingDependencies } from '../core/offboarding/execute-offboarding.js';
import type { OffboardingScheduler } from '../core/offboarding/ports.js';
import type { Clock } from '../core/shared/clock.js';
import { ENV, readEnvironment } from '../core/shared/environment.js';
import { WardenError } from '../core/shared/errors.js';
import type { EventLog } from '../core/shared/event-log.js';
import { schedulerClient } from './clients/scheduler.js';
import { snsClient } from './clients/sns.js';
import { CognitoAccountLookup } from './cognito-account-lookup.js';
import { governedCognitoClients, userListSlotMs } from './cognito-directories.js';
import { CognitoDirectory } from './cognito-directory.js';
import { DynamoAccessEndRegister } from './dynamo/access-end-register.js';
import { DynamoAccountIndex } from './dynamo/account-index.js';
import { DynamoActionJournal } from './dynamo/action-journal.js';
import type { GovernanceTable } from './dynamo/governance-table.js';
import { DynamoOffboardingStore } from './dynamo/offboarding-store.js';
import { DynamoSourceMemory } from './dynamo/source-memory.js';
import { EventBridgeOffboardingScheduler } from './eventbridge-scheduler.js';
import { SnsNotifier } from './sns-notifier.js';

/** The environment variables every offboarding composition root reads (names in `ENV`). */
export const scheduleEnvironment = {
  scheduleGroup: z.string().min(1),
  executorArn: z.string().startsWith('arn:'),
  schedulerRoleArn: z.string().startsWith('arn:'),
  offboardingDeadLetterArn: z.string().startsWith('arn:'),
};

/**
 * The schedule settings, where the stack (or the local provisioning) set them; undefined where
 * offboarding is not deployed, and an error naming the variable when one is wrong.
 */
export function scheduleSettings(env: Record<string, string | undefined>) {
  return env[ENV.scheduleGroup] ? readEnvironment(scheduleEnvironment, env) : undefined;
}

export interface OffboardingSettings {
  table: GovernanceTable;
  config: ReconcileConfig;
  topicArn: string;
  /** Where one-time schedules go (the offboarding's, and its retries'). */
  schedules?: NonNullable<ReturnType<typeof scheduleSettings>>;
  clock: Clock;
  log: EventLog;
  /**
   * Cognito calls of one quota category that may leave at once. An offboarding makes a handful
   * (per pool a look-up, a sign-out, a disable) and waits on each step: spaced evenly at the
   * quota's rate, three pools' steps would wait 40 ms per call. A reconciliation, which shares
   * its process's buckets with its own calls, keeps them evenly spaced (1).
   */
  cognitoBurst?: number;
}

/** Enough for a person's accounts in several pools to be looked up, signed out and disabled at once. */
export const OFFBOARDING_COGNITO_BURST = 8;

/** Where offboarding is not deployed with schedules, nothing can be scheduled. */
const NO_SCHEDULER: OffboardingScheduler = {
  upsert: () => Promise.reject(new WardenError('this function does not schedule offboardings')),
  remove: () => Promise.reject(new WardenError('this function does not schedule offboardings')),
};

/** The offboarding capability wired to AWS: Cognito, the governance table, Scheduler, SNS. */
export function offboardingServices(settings: OffboardingSettings): OffboardingDependencies {
  const { table, config } = settings;
  const cognitoFor = governedCognitoClients(
    config,
    undefined,
    settings.cognitoBurst ?? OFFBOARDING_COGNITO_BURST,
  );
  const accessEnds = new DynamoAccessEndRegister(table);
  return {
    store: new DynamoOffboardingStore(table),
    index: new DynamoAccountIndex(table),
    sources: config.accountSources.map((source) => ({
      directory: new CognitoDirectory(cognitoFor(source.userPoolId), {
        userPoolId: source.userPoolId,
        correlationAttribute: source.correlationAttribute,
        userListSlotMs: userListSlotMs(config),
      }),
      lookup: new CognitoAccountLookup(
        cognitoFor(source.userPoolId),
        source.userPoolId,
        source.correlationAttribute,
      ),
    })),
    accessEnds,
    offboarded: new DynamoSourceMemory(table),
    // No run resumes an offboarding's action: no pending markers (see DynamoActionJournal).
    journal: new DynamoActionJournal(table, { pendingMarkers: false }),
    scheduler: settings.schedules
      ? new EventBridgeOffboardingScheduler(schedulerClient(), {
          groupName: settings.schedules.scheduleGroup,
          executorArn: settings.schedules.executorArn,
          roleArn: settings.schedules.schedulerRoleArn,
          deadLetterArn: settings.schedules.offboardingDeadLetterArn,
        })
      : NO_SCHEDULER,
    notifier: new SnsNotifier(snsClient(), settings.topicArn),
    clock: settings.clock,
    log: settings.log,
    timeZone: config.feed.timeZone,
  };
}
