import { type CfnElement, Duration, Stack, Validations } from 'aws-cdk-lib';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { Key } from 'aws-cdk-lib/aws-kms';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Bucket } from 'aws-cdk-lib/aws-s3';
import type { Topic } from 'aws-cdk-lib/aws-sns';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { RECONCILE_METRICS } from '../../functions/core/reconcile/run-metrics.js';
import { FEED_PREFIX, REPORTS_PREFIX } from '../../functions/core/shared/bucket-layout.js';
import { ENV } from '../../functions/core/shared/environment.js';
import { checkProps } from './check-props.js';
import { allow } from './iam.js';
import { wardenFunction } from './warden-function.js';

export interface ReconcileFunctionProps {
  key: Key;
  table: TableV2;
  reportsBucket: Bucket;
  feedBucket: Bucket;
  topic: Topic;
  /** ARNs of the user pools the function may list and disable accounts in. */
  userPoolArns: string[];
  /** The reconcile settings, already rendered as JSON (tokens resolved by the stack). */
  configJson: string;
  logRetention: RetentionDays;
  /** The console's address, which run notifications and HTML reports link to (see linkConsole). */
  consoleUrl?: string;
}

/**
 * The reconcile Lambda function with a role that names every resource it touches, one run at a
 * time (reserved concurrency 1), and a dead-letter queue for invocations that fail for good.
 * Defaults: 1024 MB (a million findings fit), 15 minutes, 2 retries of an event up to an hour old.
 */
export class ReconcileFunction extends Construct {
  readonly function: NodejsFunction;
  readonly deadLetterQueue: Queue;
  readonly role: Role;

  constructor(scope: Construct, id: string, props: ReconcileFunctionProps) {
    super(scope, id);
    checkProps('ReconcileFunction', [
      props.userPoolArns.length === 0 && 'userPoolArns: name at least one user pool to govern',
    ]);
    this.deadLetterQueue = new Queue(this, 'DeadLetterQueue', {
      encryption: QueueEncryption.KMS,
      encryptionMasterKey: props.key,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    const logGroup = new LogGroup(this, 'Logs', { retention: props.logRetention });
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description:
        'Warden reconcile function: list and disable accounts of the configured user pools only',
    });
    logGroup.grantWrite(this.role);
    this.grantLeastPrivilege(props);

    this.function = wardenFunction(this, 'Function', {
      entry: 'functions/reconcile/handler.ts',
      role: this.role,
      logGroup,
      memorySize: 1024,
      timeout: Duration.minutes(15),
      environment: {
        [ENV.table]: props.table.tableName,
        [ENV.reportsBucket]: props.reportsBucket.bucketName,
        [ENV.feedBucket]: props.feedBucket.bucketName,
        [ENV.topicArn]: props.topic.topicArn,
        [ENV.config]: props.configJson,
        ...(props.consoleUrl ? { [ENV.consoleUrl]: props.consoleUrl } : {}),
        POWERTOOLS_SERVICE_NAME: RECONCILE_METRICS.service,
        POWERTOOLS_LOG_LEVEL: 'INFO',
      },
      extra: {
        reservedConcurrentExecutions: 1,
        onFailure: new SqsDestination(this.deadLetterQueue),
        retryAttempts: 2,
        maxEventAge: Duration.hours(1),
      },
    });
  }

  /**
   * Points run notifications and HTML reports at the console (a deployed console's address, known
   * only once its distribution exists).
   */
  linkConsole(consoleUrl: string): void {
    this.function.addEnvironment(ENV.consoleUrl, consoleUrl);
  }

  private grantLeastPrivilege(props: ReconcileFunctionProps): void {
    const grant = (actions: string[], resources: string[]) =>
      this.role.addToPolicy(allow(actions, resources));
    grant(
      [
        'cognito-idp:ListUsers',
        // Members of fenced groups, for the MFA posture check.
        'cognito-idp:ListUsersInGroup',
        'cognito-idp:AdminUserGlobalSignOut',
        'cognito-idp:AdminDisableUser',
      ],
      props.userPoolArns,
    );
    grant(
      [
        'dynamodb:GetItem',
        'dynamodb:PutItem',
        'dynamodb:UpdateItem',
        'dynamodb:DeleteItem',
        'dynamodb:Query',
        'dynamodb:BatchWriteItem',
        'dynamodb:ConditionCheckItem',
      ],
      [props.table.tableArn],
    );
    const stack = Stack.of(this);
    const logicalId = (bucket: Bucket) =>
      stack.getLogicalId(bucket.node.defaultChild as CfnElement);
    for (const [action, bucket, prefix, what] of [
      ['s3:GetObject', props.feedBucket, FEED_PREFIX, 'read the HR feeds'],
      ['s3:PutObject', props.reportsBucket, REPORTS_PREFIX, 'write run reports'],
    ] as const) {
      grant([action], [bucket.arnForObjects(`${prefix}*`)]);
      Validations.of(this.role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${logicalId(bucket)}.Arn>/${prefix}*]`,
        reason: `Objects are named per run, so the function may ${what} under the ${prefix} prefix only; S3 needs a wildcard for a prefix.`,
      });
    }
    for (const action of ['kms:ReEncrypt*', 'kms:GenerateDataKey*']) {
      Validations.of(this.role).acknowledge({
        id: `AwsSolutions-IAM5[Action::${action}]`,
        reason:
          'Added by CDK when the function is given its KMS-encrypted dead-letter queue as failure destination; limited to the data key.',
      });
    }
    grant(['sns:Publish'], [props.topic.topicArn]);
    grant(['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey'], [props.key.keyArn]);
    if (props.topic.masterKey)
      grant(['kms:Decrypt', 'kms:GenerateDataKey'], [props.topic.masterKey.keyArn]);
  }
}
