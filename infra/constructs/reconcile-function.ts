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
import {
  CHECKPOINTS_PREFIX,
  FEED_PREFIX,
  REPORTS_PREFIX,
} from '../../functions/core/shared/bucket-layout.js';
import { ENV } from '../../functions/core/shared/environment.js';
import { checkProps } from './check-props.js';
import { readsConsoleAddress } from './console-address.js';
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
}

/**
 * Memory of both reconcile functions. Lambda gives a whole vCPU at 1,769 MB, and classify + plan
 * is single-threaded: less memory slows it in proportion. Its steps' plan does the same work over
 * the same accounts, read back from the checkpoints: 1M accounts against a 1M-row roster take
 * about 1.9 s and peak at about 0.82 GB (`bench/core-plan.ts`), which leaves room for the SDK,
 * the checkpoint parts being decompressed, the account index and the reports (README, Benchmarks).
 */
export const RECONCILE_MEMORY_MB = 1769;

/** Days a run's checkpoints are kept at most: they hold accounts, and a run lasts hours. */
export const CHECKPOINT_DAYS = 3;

/**
 * The reconcile Lambda function with a role that names every resource it touches, one run at a
 * time (reserved concurrency 1), and a dead-letter queue for invocations that fail for good.
 * Beside it, on the same role and settings, the steps function that carries out the Tasks of
 * runs too large for one invocation (the lock, not concurrency, keeps runs apart there).
 * Defaults: 1,769 MB each (a whole vCPU), 15 minutes, 2 retries of an event up to an hour old.
 */
export class ReconcileFunction extends Construct {
  readonly function: NodejsFunction;
  readonly stepsFunction: NodejsFunction;
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

    const environment = {
      [ENV.table]: props.table.tableName,
      [ENV.reportsBucket]: props.reportsBucket.bucketName,
      [ENV.feedBucket]: props.feedBucket.bucketName,
      [ENV.topicArn]: props.topic.topicArn,
      [ENV.config]: props.configJson,
      // Run notifications and HTML reports link to the console, whose address is read at run time.
      ...readsConsoleAddress(this, this.role),
      POWERTOOLS_SERVICE_NAME: RECONCILE_METRICS.service,
      POWERTOOLS_LOG_LEVEL: 'INFO',
    };
    this.function = wardenFunction(this, 'Function', {
      entry: 'functions/reconcile/handler.ts',
      role: this.role,
      logGroup,
      memorySize: RECONCILE_MEMORY_MB,
      timeout: Duration.minutes(15),
      environment,
      extra: {
        reservedConcurrentExecutions: 1,
        onFailure: new SqsDestination(this.deadLetterQueue),
        retryAttempts: 2,
        maxEventAge: Duration.hours(1),
      },
    });
    this.stepsFunction = wardenFunction(this, 'StepsFunction', {
      entry: 'functions/reconcile-steps/handler.ts',
      role: this.role,
      logGroup,
      memorySize: RECONCILE_MEMORY_MB,
      timeout: Duration.minutes(15),
      environment,
      // Step Functions retries a Task itself; Lambda must not retry it behind its back.
      extra: { retryAttempts: 0 },
    });
    // Checkpoints hold accounts: they go when their run ends, or within days at the latest.
    props.reportsBucket.addLifecycleRule({
      prefix: CHECKPOINTS_PREFIX,
      expiration: Duration.days(CHECKPOINT_DAYS),
      noncurrentVersionExpiration: Duration.days(1),
    });
  }

  /** Sets a variable on both functions: they run the same code with the same settings. */
  addEnvironment(name: string, value: string): void {
    this.function.addEnvironment(name, value);
    this.stepsFunction.addEnvironment(name, value);
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
        // Cognito's estimate of a pool's size, to choose one invocation or steps.
        'cognito-idp:DescribeUserPool',
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
    for (const [actions, bucket, prefix, what] of [
      [['s3:GetObject', 's3:GetObjectVersion'], props.feedBucket, FEED_PREFIX, 'read the HR feeds'],
      [['s3:PutObject'], props.reportsBucket, REPORTS_PREFIX, 'write run reports'],
      [
        ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
        props.reportsBucket,
        CHECKPOINTS_PREFIX,
        "keep a run's checkpoints",
      ],
    ] as const) {
      grant([...actions], [bucket.arnForObjects(`${prefix}*`)]);
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
    // Listing a run's checkpoints, to remove them when it ends: under checkpoints/ only.
    this.role.addToPolicy(
      allow(['s3:ListBucket'], [props.reportsBucket.bucketArn], {
        StringLike: { 's3:prefix': `${CHECKPOINTS_PREFIX}*` },
      }),
    );
    grant(['sns:Publish'], [props.topic.topicArn]);
    grant(['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey'], [props.key.keyArn]);
    if (props.topic.masterKey)
      grant(['kms:Decrypt', 'kms:GenerateDataKey'], [props.topic.masterKey.keyArn]);
  }
}
