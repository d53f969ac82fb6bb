import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { checkProps } from './check-props.js';

/** The admins' topic: run summaries, quarantines, failures and alarms. */
export class Notifications extends Construct {
  readonly topic: Topic;

  constructor(scope: Construct, id: string, props: { key: Key; emails: string[] }) {
    super(scope, id);
    checkProps('Notifications', [
      ...props.emails.map(
        (e) => !/^[^@\s]+@[^@\s]+$/.test(e) && `emails: ${e} is not an email address`,
      ),
    ]);
    this.topic = new Topic(this, 'Topic', {
      displayName: 'Warden notifications',
      masterKey: props.key,
      enforceSSL: true,
    });
    // CloudWatch alarms publish to the encrypted topic, so they need the key.
    props.key.grant(
      new ServicePrincipal('cloudwatch.amazonaws.com'),
      'kms:Decrypt',
      'kms:GenerateDataKey',
    );
    for (const email of props.emails) this.topic.addSubscription(new EmailSubscription(email));
  }
}
