import { Validations } from 'aws-cdk-lib';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { Key } from 'aws-cdk-lib/aws-kms';
import type { Bucket } from 'aws-cdk-lib/aws-s3';
import type { Topic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import type { DeploymentConfig } from '../../functions/core/config/deployment-config.js';
import { encryptionKey } from './encryption-key.js';
import { GovernanceTable } from './governance-table.js';
import { Notifications } from './notifications.js';
import { accessLogsBucket, SecureBucket } from './secure-bucket.js';

/** What every capability shares: keys, the governance table, the buckets and the admins' topic. */
export class Foundation extends Construct {
  readonly key: Key;
  readonly table: TableV2;
  readonly reportsBucket: Bucket;
  readonly feedBucket: Bucket;
  readonly topic: Topic;
  /** Receives the other buckets' server access logs. */
  readonly accessLogs: Bucket;

  constructor(scope: Construct, id: string, config: DeploymentConfig) {
    super(scope, id);
    this.key = encryptionKey(
      this,
      'DataKey',
      'Warden data: governance table, reports, HR feeds, queues',
    );
    this.table = new GovernanceTable(this, 'Governance', { key: this.key }).table;

    const accessLogs = accessLogsBucket(this, 'AccessLogs', config.retention.reportDays);
    this.accessLogs = accessLogs;
    Validations.of(accessLogs).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This is the access-log bucket; logging it into itself would loop.',
    });
    this.reportsBucket = new SecureBucket(this, 'Reports', {
      key: this.key,
      accessLogs,
      retentionDays: config.retention.reportDays,
    }).bucket;
    this.feedBucket = new SecureBucket(this, 'HrFeeds', {
      key: this.key,
      accessLogs,
      retentionDays: config.retention.feedDays,
      eventBridge: true,
    }).bucket;

    const topicKey = encryptionKey(this, 'NotificationsKey', 'Warden notifications topic');
    this.topic = new Notifications(this, 'Notifications', {
      key: topicKey,
      emails: config.notificationEmails,
    }).topic;
  }
}
