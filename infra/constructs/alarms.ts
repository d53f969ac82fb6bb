import {
  Alarm,
  ComparisonOperator,
  type IMetric,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';

/**
 * An alarm that tells admins (through the topic) as soon as the metric counts one occurrence
 * in a period: an error, a throttle, a quarantine, a dead letter. No data is no occurrence.
 */
export function anyOccurrenceAlarm(
  scope: Construct,
  id: string,
  description: string,
  metric: IMetric,
  topic: ITopic,
): Alarm {
  const alarm = new Alarm(scope, id, {
    metric,
    alarmDescription: description,
    threshold: 1,
    evaluationPeriods: 1,
    comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    treatMissingData: TreatMissingData.NOT_BREACHING,
  });
  alarm.addAlarmAction(new SnsAction(topic));
  return alarm;
}
