import { Duration } from 'aws-cdk-lib';
import {
  Alarm,
  AlarmStatusWidget,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  type IMetric,
  Metric,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { Topic } from 'aws-cdk-lib/aws-sns';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { RECONCILE_METRICS } from '../../functions/core/reconcile/run-metrics.js';
import { QUOTA_CATEGORIES } from '../../functions/core/shared/cognito-quotas.js';
import { anyOccurrenceAlarm } from './alarms.js';
import { checkProps } from './check-props.js';

export interface MonitoringProps {
  function: IFunction;
  /** The function of the state machine's steps. */
  stepsFunction: IFunction;
  stateMachine: IStateMachine;
  deadLetterQueue: Queue;
  topic: Topic;
  /** Hours between scheduled runs: "no successful run" alarms after two of them. */
  intervalHours: number;
}

/** Alarms that tell admins something needs them, and a dashboard of runs. */
export class Monitoring extends Construct {
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    checkProps('Monitoring', [
      !(props.intervalHours > 0 && props.intervalHours <= 84) &&
        'intervalHours: must be above 0 and at most 84 (two intervals must fit in the 7 days CloudWatch looks back)',
    ]);
    const runMetric = (metricName: string, period: Duration) =>
      new Metric({
        namespace: RECONCILE_METRICS.namespace,
        metricName,
        dimensionsMap: { service: RECONCILE_METRICS.service },
        statistic: 'Sum',
        period,
      });
    const fiveMinutes = Duration.minutes(5);
    const occurrence = (alarmId: string, description: string, metric: IMetric) =>
      this.alarms.push(anyOccurrenceAlarm(this, alarmId, description, metric, props.topic));
    occurrence(
      'FunctionErrors',
      'The reconcile function failed',
      props.function.metricErrors({ period: fiveMinutes, statistic: 'Sum' }),
    );
    occurrence(
      'FunctionThrottles',
      'A reconcile invocation was throttled (runs never overlap; it is retried)',
      props.function.metricThrottles({ period: fiveMinutes, statistic: 'Sum' }),
    );
    occurrence(
      'ExecutionsFailed',
      'A reconciliation execution failed (its run is recorded as failed)',
      props.stateMachine.metricFailed({ period: fiveMinutes, statistic: 'Sum' }),
    );
    occurrence(
      'RunQuarantined',
      'A run was quarantined by the guard: read its report, then approve or reject',
      runMetric(RECONCILE_METRICS.quarantined, fiveMinutes),
    );
    occurrence(
      'DeadLetters',
      'An invocation of the reconcile function failed for good',
      props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
        period: fiveMinutes,
        statistic: 'Maximum',
      }),
    );
    // Silence is a failure too: no successful run in two consecutive schedule intervals.
    const interval = Duration.minutes(Math.max(1, Math.round(props.intervalHours * 60)));
    const silence = new Alarm(this, 'NoSuccessfulRun', {
      alarmDescription: 'No reconciliation run succeeded within two schedule intervals',
      metric: runMetric(RECONCILE_METRICS.succeeded, interval),
      threshold: 1,
      evaluationPeriods: 2,
      datapointsToAlarm: 2,
      comparisonOperator: ComparisonOperator.LESS_THAN_THRESHOLD,
      treatMissingData: TreatMissingData.BREACHING,
    });
    silence.addAlarmAction(new SnsAction(props.topic));
    this.alarms.push(silence);

    const hour = Duration.hours(1);
    new Dashboard(this, 'Dashboard', {
      widgets: [
        [new AlarmStatusWidget({ title: 'Warden alarms', alarms: this.alarms, width: 24 })],
        [
          new GraphWidget({
            title: 'Runs by outcome',
            left: [
              runMetric(RECONCILE_METRICS.succeeded, hour),
              runMetric(RECONCILE_METRICS.quarantined, hour),
              runMetric(RECONCILE_METRICS.rejected, hour),
              runMetric(RECONCILE_METRICS.failed, hour),
            ],
            width: 12,
          }),
          new GraphWidget({
            title: 'Accounts disabled',
            left: [
              runMetric(RECONCILE_METRICS.accountsDisabled, hour),
              runMetric(RECONCILE_METRICS.actionsFailed, hour),
            ],
            width: 12,
          }),
        ],
        [
          new GraphWidget({
            title: 'Reconcile function',
            left: [
              props.function.metricErrors({ period: hour }),
              props.function.metricThrottles({ period: hour }),
            ],
            right: [props.function.metricDuration({ period: hour, statistic: 'Maximum' })],
            width: 12,
          }),
          new GraphWidget({
            title: 'Runs in steps',
            left: [
              props.stateMachine.metricSucceeded({ period: hour }),
              props.stateMachine.metricFailed({ period: hour }),
              props.stepsFunction.metricErrors({ period: hour }),
            ],
            right: [props.stateMachine.metricTime({ period: hour, statistic: 'Maximum' })],
            width: 12,
          }),
        ],
        [
          new GraphWidget({
            title: 'Cognito calls and throttles (per quota category)',
            left: QUOTA_CATEGORIES.map((c) => runMetric(`${c}Calls`, hour)),
            right: QUOTA_CATEGORIES.flatMap((c) => [
              runMetric(`${c}Throttles`, hour),
              runMetric(`${c}Retries`, hour),
            ]),
            width: 24,
          }),
        ],
      ],
    });
  }
}
