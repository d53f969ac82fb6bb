import { type CfnElement, Stack, TimeZone, Validations } from 'aws-cdk-lib';
import { EventField, Rule, RuleTargetInput } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { Bucket } from 'aws-cdk-lib/aws-s3';
import { Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { DeploymentConfig } from '../../functions/core/config/deployment-config.js';
import { FEED_PREFIX } from '../../functions/core/shared/bucket-layout.js';

export interface ReconcileTriggersProps {
  function: IFunction;
  feedBucket: Bucket;
  deadLetterQueue: Queue;
  schedule: DeploymentConfig['schedule'];
}

/** What starts a run: the schedule, and a new HR feed uploaded under `feeds/`. */
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
      target: new LambdaInvoke(props.function, {
        input: ScheduleTargetInput.fromObject({ trigger: 'schedule' }),
        deadLetterQueue: props.deadLetterQueue,
        retryAttempts: 2,
      }),
    });

    // The Scheduler target shares one role per stack; find it to record why its grant is right.
    const stack = Stack.of(this);
    const schedulerRole = stack.node
      .findAll()
      .find((c) => c.node.id.startsWith('SchedulerRoleForTarget'));
    if (schedulerRole) {
      const functionId = stack.getLogicalId(props.function.node.defaultChild as CfnElement);
      Validations.of(schedulerRole).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${functionId}.Arn>:*]`,
        reason:
          'Granted by the Scheduler target: lambda:InvokeFunction on the reconcile function and its versions only.',
      });
    }

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
        new LambdaFunction(props.function, {
          event: RuleTargetInput.fromObject({
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
