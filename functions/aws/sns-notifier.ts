import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { Notifier, RunNotice } from '../core/reconcile/ports.js';

export class SnsNotifier implements Notifier {
  constructor(
    private readonly sns: SNSClient,
    private readonly topicArn: string,
  ) {}

  async notify(notice: RunNotice): Promise<void> {
    await this.sns.send(
      new PublishCommand({
        TopicArn: this.topicArn,
        Subject: notice.subject,
        Message: notice.message,
        MessageAttributes: { status: { DataType: 'String', StringValue: notice.status } },
      }),
    );
  }
}
