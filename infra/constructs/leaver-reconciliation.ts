import { Stack, Validations } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import {
  type DeploymentConfig,
  reconcileSettings,
} from '../../functions/core/config/deployment-config.js';
import {
  type CognitoSource,
  userPoolRegion,
} from '../../functions/core/config/reconcile-config.js';
import { DEFAULT_CORRELATION_ATTRIBUTE } from '../../functions/core/shared/employee-id-attribute.js';
import type { Foundation } from './foundation.js';
import { Monitoring } from './monitoring.js';
import { ReconcileFunction } from './reconcile-function.js';
import { ReconcileStateMachine } from './reconcile-state-machine.js';
import { ReconcileTriggers } from './reconcile-triggers.js';

/** Lambda's limit for all environment variables together is 4 KB; leave room for the rest. */
const MAX_SETTINGS_BYTES = 3000;

export interface LeaverReconciliationProps {
  foundation: Foundation;
  config: DeploymentConfig;
  /** Pools to govern besides the configured ones (the demo pool). */
  extraUserPoolIds?: string[];
}

/** The main job: the reconcile functions and state machine, its schedule and upload trigger, its alarms. */
export class LeaverReconciliation extends Construct {
  readonly reconcile: ReconcileFunction;
  /** Runs a reconciliation: in one invocation, or in steps when the directory is large. */
  readonly stateMachine: StateMachine;
  /** The governed user pools, which other capabilities act on too. */
  readonly userPoolArns: string[];
  readonly logRetention: RetentionDays;
  /** The reconcile settings as JSON, which the offboarding functions read too. */
  readonly configJson: string;

  constructor(
    scope: Construct,
    id: string,
    { foundation, config, extraUserPoolIds = [] }: LeaverReconciliationProps,
  ) {
    super(scope, id);
    const stack = Stack.of(this);
    const settings = reconcileSettings(config);
    const sources: CognitoSource[] = [
      ...settings.accountSources,
      ...extraUserPoolIds.map((userPoolId) => ({
        type: 'cognito' as const,
        userPoolId,
        correlationAttribute: DEFAULT_CORRELATION_ATTRIBUTE,
      })),
    ];
    this.userPoolArns = sources.map(
      (s) =>
        s.userPoolArn ??
        stack.formatArn({
          service: 'cognito-idp',
          region: userPoolRegion(s.userPoolId) ?? stack.region,
          resource: 'userpool',
          resourceName: s.userPoolId,
        }),
    );
    const userPoolArns = this.userPoolArns;
    this.logRetention = closestRetention(config.retention.logDays);
    const rendered = { ...settings, accountSources: sources };
    if (Buffer.byteLength(JSON.stringify(rendered)) > MAX_SETTINGS_BYTES) {
      throw new Error(
        `the reconcile settings take ${Buffer.byteLength(JSON.stringify(rendered))} bytes; Lambda's environment allows about ${MAX_SETTINGS_BYTES} (shorten the exemption reasons?)`,
      );
    }

    this.configJson = stack.toJsonString(rendered);
    this.reconcile = new ReconcileFunction(this, 'Reconcile', {
      key: foundation.key,
      table: foundation.table,
      reportsBucket: foundation.reportsBucket,
      feedBucket: foundation.feedBucket,
      topic: foundation.topic,
      userPoolArns,
      configJson: this.configJson,
      logRetention: this.logRetention,
    });
    this.stateMachine = new ReconcileStateMachine(this, 'StateMachine', {
      reconcile: this.reconcile,
      logRetention: this.logRetention,
    }).stateMachine;
    new ReconcileTriggers(this, 'Triggers', {
      stateMachine: this.stateMachine,
      feedBucket: foundation.feedBucket,
      deadLetterQueue: this.reconcile.deadLetterQueue,
      schedule: config.schedule,
    });
    new Monitoring(this, 'Monitoring', {
      function: this.reconcile.function,
      stepsFunction: this.reconcile.stepsFunction,
      stateMachine: this.stateMachine,
      deadLetterQueue: this.reconcile.deadLetterQueue,
      topic: foundation.topic,
      intervalHours: config.schedule.intervalHours,
    });
    Validations.of(this.reconcile.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is the dead-letter queue of the reconcile function and its triggers.',
    });
  }
}

/** CloudWatch Logs accepts only certain retention periods: take the shortest that covers the days. */
function closestRetention(days: number): RetentionDays {
  const allowed = Object.values(RetentionDays)
    .filter((v): v is RetentionDays => typeof v === 'number' && v > 0)
    .sort((a, b) => a - b);
  return allowed.find((v) => v >= days) ?? RetentionDays.TEN_YEARS;
}
