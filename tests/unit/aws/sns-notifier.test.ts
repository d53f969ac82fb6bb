import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { SnsNotifier } from '../../../functions/aws/sns-notifier.js';

const TOPIC = 'arn:aws:sns:us-east-1:123456789012:warden';
const sns = mockClient(SNSClient);
const notifier = new SnsNotifier(new SNSClient({ region: 'us-east-1' }), TOPIC);

beforeEach(() => sns.reset());

describe('SNS notifier', () => {
  it('publishes the notice to the admins’ topic, with its status as an attribute to filter on', async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
    await notifier.notify({
      runId: 'r-1',
      status: 'quarantined',
      subject: 'Warden reconciliation quarantined: 0 disabled, 80 planned',
      message: 'Run r-1 (apply, schedule) ended quarantined.',
    });
    expect(sns.commandCalls(PublishCommand)[0]?.args[0].input).toEqual({
      TopicArn: TOPIC,
      Subject: 'Warden reconciliation quarantined: 0 disabled, 80 planned',
      Message: 'Run r-1 (apply, schedule) ended quarantined.',
      MessageAttributes: { status: { DataType: 'String', StringValue: 'quarantined' } },
    });
  });
});
