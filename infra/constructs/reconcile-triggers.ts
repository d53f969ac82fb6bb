import { TimeZone } from 'aws-cdk-lib';
import { EventField, Rule, RuleTargetInput } from 'aws-cdk-lib/aws-events';
import { SfnStateMachine } from 'aws-cdk-lib/aws-events-targets';
import type { Bucket } from 'aws-cdk-lib/aws-s3';
import { Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { StepFunctionsStartExecution } from 'aws-cdk-lib/aws-scheduler-targets';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import type { DeploymentConfig } from '../../functions/core/config/deployment-config.js';
import { FEED_PREFIX } from '../../functions/core/shared/bucket-layout.js';

export interface ReconcileTriggersProps {
  /** The reconciliation state machine: each trigger starts an execution. */
  stateMachine: IStateMachine;
  feedBucket: Bucket;
  deadLetterQueue: Queue;
  schedule: DeploymentConfig['schedule'];
}

/** What starts a run (an execution of the state machine): the schedule, and a new HR feed uploaded under `feeds/`. */
export class ReconcileTriggers extends Construct {
  readonly schedule: Schedule;

  constructor(scope: Construct, id: string, props: ReconcileTriggersProps) {
    super(scope, id);
    this.schedule = new Schedule(this, 'Schedule', {
      description: 'Warden leaver reconciliation',
      schedule: ScheduleExpression.expression(
        props.schedule.expression,
        TimeZone.of(props.schedule.timeZone),
      ),
      target: new StepFunctionsStartExecution(props.stateMachine, {
        input: ScheduleTargetInput.fromObject({ trigger: 'schedule' }),
        deadLetterQueue: props.deadLetterQueue,
        retryAttempts: 2,
      }),
    });

    // An upload is validated and reconciled at once: a bad feed is rejected and reported.
    new Rule(this, 'FeedUploaded', {
      description: 'Reconcile when HR uploads a new feed',
      eventPattern: {
        source: ['aws.s3'],
        detailType: ['Object Created'],
        detail: {
          bucket: { name: [props.feedBucket.bucketName] },
          object: { key: [{ prefix: FEED_PREFIX }] },
        },
      },
      targets: [
        new SfnStateMachine(props.stateMachine, {
          input: RuleTargetInput.fromObject({
            feed: {
              bucket: EventField.fromPath('$.detail.bucket.name'),
              key: EventField.fromPath('$.detail.object.key'),
            },
            trigger: 'upload',
          }),
          deadLetterQueue: props.deadLetterQueue,
          retryAttempts: 2,
        }),
      ],
    });
  }
}
