import { Aws, type CfnElement, Duration, Stack, Validations } from 'aws-cdk-lib';
import { AuthorizationType, LambdaIntegration, type RestApi } from 'aws-cdk-lib/aws-apigateway';
import type { Alarm } from 'aws-cdk-lib/aws-cloudwatch';
import {
  ArnPrincipal,
  Effect,
  Role as IamRole,
  PolicyDocument,
  PolicyStatement,
  type Role,
  ServicePrincipal,
} from 'aws-cdk-lib/aws-iam';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { type CfnScheduleGroup, ScheduleGroup } from 'aws-cdk-lib/aws-scheduler';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { isRoleArn } from '../../functions/core/offboarding/caller.js';
import { ENV } from '../../functions/core/shared/environment.js';
import { ROLE_PARTITIONS } from '../../functions/core/shared/table-keys.js';
import { anyOccurrenceAlarm } from './alarms.js';
import { checkProps } from './check-props.js';
import type { Foundation } from './foundation.js';
import { allow, lambdaRole, partitionAccess, publishTo } from './iam.js';
import { loggedRestApi } from './logged-rest-api.js';
import type { ReconcileFunction } from './reconcile-function.js';
import { wardenFunction } from './warden-function.js';

export interface HrOffboardingProps {
  foundation: Foundation;
  /** The reconcile settings as JSON (pools, time zone, rate limits), as the reconcile function gets them. */
  configJson: string;
  /** The governed user pools: their accounts are disabled and signed out. */
  userPoolArns: string[];
  /** The reconcile function, which keeps one schedule per future leaver. */
  reconcile: ReconcileFunction;
  /** The only role the API serves; without it there is no API (feed schedules still run). */
  hrIntegrationRoleArn?: string;
  /**
   * Another REST API in the stack that already sets API Gateway's account-level logging role
   * (there is one per account and region); without it, this API sets the role.
   */
  accountLoggingRoleFrom?: RestApi;
  logRetention: RetentionDays;
}

const EXECUTOR_TIMEOUT = Duration.minutes(2);

/**
 * HR offboarding: the IAM-authorised API (stage `v1`), the executor the one-time schedules invoke,
 * Warden's schedule group with the role Scheduler assumes, a dead-letter queue, and alarms on
 * executor failures and dead letters. Defaults: the executor has 2 minutes and 512 MB, the API
 * function 29 s (API Gateway's limit) and 1024 MB; the stage allows 20 requests/s, burst 40.
 */
export class HrOffboarding extends Construct {
  readonly executor: NodejsFunction;
  readonly api?: RestApi;
  readonly scheduleGroup: ScheduleGroup;
  /** The group's name, as CloudFormation resolves it. */
  readonly scheduleGroupName: string;
  readonly deadLetterQueue: Queue;
  readonly alarms: Alarm[] = [];
  /** What a function that schedules offboardings needs in its environment. */
  readonly schedulingEnvironment: Record<string, string>;
  private readonly schedulesArn: string;
  private readonly schedulerRole: IamRole;

  constructor(scope: Construct, id: string, props: HrOffboardingProps) {
    super(scope, id);
    checkProps('HrOffboarding', [
      props.userPoolArns.length === 0 && 'userPoolArns: name at least one user pool to govern',
      props.hrIntegrationRoleArn !== undefined &&
        !isRoleArn(props.hrIntegrationRoleArn) &&
        'hrIntegrationRoleArn: must be an IAM role ARN',
    ]);
    const { foundation } = props;
    this.deadLetterQueue = new Queue(this, 'DeadLetterQueue', {
      encryption: QueueEncryption.KMS,
      encryptionMasterKey: foundation.key,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is the dead-letter queue of the offboarding schedules and the executor.',
    });
    this.scheduleGroup = new ScheduleGroup(this, 'Schedules', {});
    const stack = Stack.of(this);
    const groupRef = (this.scheduleGroup.node.defaultChild as CfnScheduleGroup).ref;
    this.scheduleGroupName = groupRef;
    this.schedulesArn = `arn:${Aws.PARTITION}:scheduler:${Aws.REGION}:${Aws.ACCOUNT_ID}:schedule/${groupRef}/*`;

    const executorRole = this.offboardingRole('ExecutorRole', 'Warden offboarding executor', props);
    const executorLogs = new LogGroup(this, 'ExecutorLogs', { retention: props.logRetention });
    executorLogs.grantWrite(executorRole);
    const common = {
      [ENV.table]: foundation.table.tableName,
      [ENV.topicArn]: foundation.topic.topicArn,
      [ENV.config]: props.configJson,
    };
    this.executor = wardenFunction(this, 'Executor', {
      entry: 'functions/offboarding-executor/handler.ts',
      role: executorRole,
      logGroup: executorLogs,
      timeout: EXECUTOR_TIMEOUT,
      environment: { ...common, POWERTOOLS_SERVICE_NAME: 'warden-offboarding-executor' },
      // Scheduler invokes asynchronously: Lambda retries a failed offboarding, then dead-letters it.
      extra: { onFailure: new SqsDestination(this.deadLetterQueue), retryAttempts: 2 },
    });
    for (const action of ['kms:ReEncrypt*', 'kms:GenerateDataKey*']) {
      Validations.of(executorRole).acknowledge({
        id: `AwsSolutions-IAM5[Action::${action}]`,
        reason:
          'Added by CDK when the executor is given its KMS-encrypted dead-letter queue as failure destination; limited to the data key.',
      });
    }

    const schedulerRole = new IamRole(this, 'SchedulerRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
      description: 'Warden: EventBridge Scheduler invokes the offboarding executor',
    });
    schedulerRole.addToPolicy(allow(['lambda:InvokeFunction'], [this.executor.functionArn]));
    schedulerRole.addToPolicy(allow(['sqs:SendMessage'], [this.deadLetterQueue.queueArn]));
    schedulerRole.addToPolicy(
      allow(['kms:GenerateDataKey', 'kms:Decrypt'], [foundation.key.keyArn]),
    );

    this.schedulerRole = schedulerRole;
    const scheduling = {
      [ENV.scheduleGroup]: groupRef,
      [ENV.executorArn]: this.executor.functionArn,
      [ENV.schedulerRoleArn]: schedulerRole.roleArn,
      [ENV.offboardingDeadLetterArn]: this.deadLetterQueue.queueArn,
    };
    this.schedulingEnvironment = scheduling;

    // The executor schedules a partial failure's retries; its own ARN comes from its invocation.
    for (const [name, value] of Object.entries(scheduling))
      if (name !== ENV.executorArn) this.executor.addEnvironment(name, value);
    this.grantScheduling(executorRole, 'offboarding executor');

    // Reconciliation keeps one schedule per future leaver.
    for (const [name, value] of Object.entries(scheduling))
      props.reconcile.addEnvironment(name, value);
    this.grantScheduling(props.reconcile.role, 'reconcile function');

    if (props.hrIntegrationRoleArn) {
      this.api = this.offboardingApi(props, props.hrIntegrationRoleArn, {
        ...common,
        ...scheduling,
      });
    }

    const fiveMinutes = Duration.minutes(5);
    this.alarms.push(
      anyOccurrenceAlarm(
        this,
        'ExecutorErrors',
        'An offboarding could not be completed (it is retried; read the executor logs)',
        this.executor.metricErrors({ period: fiveMinutes, statistic: 'Sum' }),
        foundation.topic,
      ),
      anyOccurrenceAlarm(
        this,
        'DeadLetters',
        'An offboarding schedule failed for good: offboard the person by hand and read the dead letter',
        this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
          period: fiveMinutes,
          statistic: 'Maximum',
        }),
        foundation.topic,
      ),
    );
  }

  /**
   * Lets a function's role create, move and delete offboarding schedules in Warden's group only,
   * and pass the Scheduler role to EventBridge Scheduler alone.
   */
  grantScheduling(role: Role | IamRole, who: string): void {
    role.addToPolicy(
      allow(
        [
          'scheduler:CreateSchedule',
          'scheduler:UpdateSchedule',
          'scheduler:DeleteSchedule',
          'scheduler:GetSchedule',
        ],
        [this.schedulesArn],
      ),
    );
    role.addToPolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['iam:PassRole'],
        resources: [this.schedulerRole.roleArn],
        conditions: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
      }),
    );
    const groupId = Stack.of(this).getLogicalId(this.scheduleGroup.node.defaultChild as CfnElement);
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:scheduler:<AWS::Region>:<AWS::AccountId>:schedule/<${groupId}>/*]`,
      reason: `Schedules are named per offboarding, so the ${who} may manage schedules in Warden's own schedule group only.`,
    });
  }

  /** A role for the API or the executor: the governed pools, its table partitions, the topic. */
  private offboardingRole(id: string, description: string, props: HrOffboardingProps): Role {
    const { foundation } = props;
    // The data key is used through DynamoDB only (the governance table is encrypted with it).
    const role = lambdaRole(this, id, description, foundation.key, ['dynamodb']);
    role.addToPolicy(
      allow(
        [
          // Single accounts by email or username; never a whole pool.
          'cognito-idp:ListUsers',
          'cognito-idp:AdminGetUser',
          'cognito-idp:AdminUserGlobalSignOut',
          'cognito-idp:AdminDisableUser',
        ],
        props.userPoolArns,
      ),
    );
    for (const statement of partitionAccess(foundation.table.tableArn, ROLE_PARTITIONS.offboarding))
      role.addToPolicy(statement);
    for (const statement of publishTo(foundation.topic)) role.addToPolicy(statement);
    return role;
  }

  private offboardingApi(
    props: HrOffboardingProps,
    hrRoleArn: string,
    environment: Record<string, string>,
  ): RestApi {
    const role = this.offboardingRole('ApiRole', 'Warden offboarding API', props);
    this.grantScheduling(role, 'offboarding API');
    const logs = new LogGroup(this, 'ApiLogs', { retention: props.logRetention });
    logs.grantWrite(role);
    const fn = wardenFunction(this, 'ApiFunction', {
      entry: 'functions/offboarding-api/handler.ts',
      role,
      logGroup: logs,
      memorySize: 1024,
      timeout: Duration.seconds(29),
      environment: {
        ...environment,
        [ENV.hrRoleArn]: hrRoleArn,
        POWERTOOLS_SERVICE_NAME: 'warden-offboarding-api',
      },
    });
    const api = loggedRestApi(this, {
      ids: { api: 'Api', accessLogs: 'ApiAccessLogs' },
      restApiName: 'warden-offboarding',
      description: 'Warden HR offboarding: IAM (SigV4) authorised, for the HR integration role',
      stageName: 'v1',
      throttling: { rateLimit: 20, burstLimit: 40 },
      logRetention: props.logRetention,
      logsWho: { caller: true, user: true },
      accountLoggingRoleFrom: props.accountLoggingRoleFrom,
      // Same-account callers still need an identity policy; the function serves only the HR role.
      policy: new PolicyDocument({
        statements: [
          new PolicyStatement({
            effect: Effect.ALLOW,
            principals: [new ArnPrincipal(hrRoleArn)],
            actions: ['execute-api:Invoke'],
            resources: ['execute-api:/*'],
          }),
        ],
      }),
      defaultMethodOptions: { authorizationType: AuthorizationType.IAM },
    });
    Validations.of(api).acknowledge({
      id: 'AwsSolutions-APIG2',
      reason:
        'The function validates every body with zod and names the wrong field; a gateway validator would refuse before the call is audited.',
    });
    Validations.of(api.deploymentStage).acknowledge({
      id: 'AwsSolutions-APIG3',
      reason:
        'The API is IAM-authorised and served to one role only; a WAF web ACL adds nothing a SigV4 signature does not already require.',
    });
    const integration = new LambdaIntegration(fn);
    const collection = api.root.addResource('offboardings');
    const item = collection.addResource('{id}');
    const preview = collection.addResource('preview');
    const methods = [
      collection.addMethod('POST', integration),
      collection.addMethod('GET', integration),
      preview.addMethod('GET', integration),
      item.addMethod('GET', integration),
      item.addMethod('PATCH', integration),
      item.addMethod('DELETE', integration),
    ];
    for (const method of methods) {
      Validations.of(method).acknowledge({
        id: 'AwsSolutions-COG4',
        reason:
          'The API is for an HR system and HR staff with AWS credentials: IAM (SigV4) authorisation, not a Cognito user pool.',
      });
    }
    return api;
  }
}
