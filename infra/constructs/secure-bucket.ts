import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { Key } from 'aws-cdk-lib/aws-kms';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  type CfnBucket,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { checkProps } from './check-props.js';

export interface SecureBucketProps {
  key: Key;
  /** Bucket that receives this bucket's server access logs. */
  accessLogs: Bucket;
  /** Days after which objects are deleted (replaced versions after 30 days). */
  retentionDays: number;
  /** Send object events to EventBridge, so uploads can start work (default off). */
  eventBridge?: boolean;
}

/** KMS-encrypted, private, TLS-only, versioned, logged, and expiring by policy. */
export class SecureBucket extends Construct {
  readonly bucket: Bucket;

  constructor(scope: Construct, id: string, props: SecureBucketProps) {
    super(scope, id);
    checkProps('SecureBucket', [
      (!Number.isInteger(props.retentionDays) || props.retentionDays < 1) &&
        'retentionDays: must be a whole number of days, at least 1',
    ]);
    this.bucket = new Bucket(this, 'Bucket', {
      encryption: BucketEncryption.KMS,
      encryptionKey: props.key,
      bucketKeyEnabled: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      versioned: true,
      serverAccessLogsBucket: props.accessLogs,
      serverAccessLogsPrefix: `${id}/`,
      lifecycleRules: [
        {
          expiration: Duration.days(props.retentionDays),
          noncurrentVersionExpiration: Duration.days(30),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    if (props.eventBridge) {
      // Set on the resource itself: the L2 option deploys a helper Lambda function for it.
      (this.bucket.node.defaultChild as CfnBucket).addPropertyOverride(
        'NotificationConfiguration.EventBridgeConfiguration.EventBridgeEnabled',
        true,
      );
    }
  }
}

/** The target of the other buckets' access logs (log delivery supports only S3-managed keys). */
export function accessLogsBucket(scope: Construct, id: string, retentionDays: number): Bucket {
  return new Bucket(scope, id, {
    encryption: BucketEncryption.S3_MANAGED,
    blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
    // With ACLs disabled, CDK grants log delivery through the bucket policy instead.
    objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
    enforceSSL: true,
    minimumTLSVersion: 1.2,
    versioned: true,
    lifecycleRules: [
      { expiration: Duration.days(retentionDays), noncurrentVersionExpiration: Duration.days(30) },
    ],
    removalPolicy: RemovalPolicy.RETAIN,
  });
}
