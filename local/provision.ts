import { randomBytes } from 'node:crypto';
import {
  CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  CreateTableCommand,
  DynamoDBClient,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateScheduleGroupCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { CreateEmailIdentityCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { CreateTopicCommand, SNSClient } from '@aws-sdk/client-sns';
import { EMPLOYEE_ID_ATTRIBUTE } from '../functions/core/shared/employee-id-attribute.js';
import { ENV } from '../functions/core/shared/environment.js';
import { GOVERNANCE_TABLE } from '../functions/core/shared/table-keys.js';

export interface LocalResources {
  table: string;
  reportsBucket: string;
  feedBucket: string;
  topicArn: string;
  userPoolId: string;
  /** App client that allows password sign-in, to show that a disabled account cannot sign in. */
  clientId: string;
  /** Secret holding the HMAC key of geo contexts. */
  geoKeySecret: string;
  /** Verified SES sender of one-time codes. */
  codeSender: string;
  /** Warden's schedule group, where one-time offboarding schedules live. */
  scheduleGroup: string;
  /** Names of things that exist only in AWS (the executor function, roles, the queue), as ARNs. */
  executorArn: string;
  schedulerRoleArn: string;
  offboardingDeadLetterArn: string;
  /** The HR integration role the local offboarding API serves. */
  hrRoleArn: string;
}

/** The account the emulator answers for. */
export const LOCAL_ACCOUNT = '000000000000';

export const DEMO_GROUPS = ['press-admins', 'correspondents', 'staff'];

/**
 * Creates Warden's resources in the emulator from the same definitions the CDK stack uses.
 * `name` keeps parallel test files apart.
 */
export async function provisionLocal(name = 'warden'): Promise<LocalResources> {
  const dynamo = new DynamoDBClient({});
  const table = `${name}-governance`;
  await dynamo.send(
    new CreateTableCommand({
      TableName: table,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: GOVERNANCE_TABLE.partitionKey, AttributeType: 'S' },
        { AttributeName: GOVERNANCE_TABLE.sortKey, AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: GOVERNANCE_TABLE.partitionKey, KeyType: 'HASH' },
        { AttributeName: GOVERNANCE_TABLE.sortKey, KeyType: 'RANGE' },
      ],
    }),
  );
  await dynamo.send(
    new UpdateTimeToLiveCommand({
      TableName: table,
      TimeToLiveSpecification: { AttributeName: GOVERNANCE_TABLE.ttlAttribute, Enabled: true },
    }),
  );

  const s3 = new S3Client({ forcePathStyle: true });
  const reportsBucket = `${name}-reports`;
  const feedBucket = `${name}-hr-feed`;
  for (const bucket of [reportsBucket, feedBucket])
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));

  const { TopicArn } = await new SNSClient({}).send(
    new CreateTopicCommand({ Name: `${name}-notifications` }),
  );

  const cognito = new CognitoIdentityProviderClient({});
  const { userPoolId, clientId } = await createGovernedPool(cognito, `${name}-press-office`);
  for (const group of DEMO_GROUPS) {
    await cognito.send(new CreateGroupCommand({ UserPoolId: userPoolId, GroupName: group }));
  }
  const geoKeySecret = `${name}-geo-context-key`;
  await new SecretsManagerClient({}).send(
    new CreateSecretCommand({
      Name: geoKeySecret,
      // A key set as a rotation leaves it: one key signing, the next one already published.
      SecretString: JSON.stringify({
        current: randomBytes(48).toString('base64url'),
        next: randomBytes(48).toString('base64url'),
      }),
    }),
  );
  const codeSender = `no-reply@${name}.warden.example`;
  await new SESv2Client({}).send(new CreateEmailIdentityCommand({ EmailIdentity: codeSender }));
  const scheduleGroup = `${name}-offboarding`;
  await new SchedulerClient({}).send(new CreateScheduleGroupCommand({ Name: scheduleGroup }));
  const arn = (service: string, resource: string) =>
    `arn:aws:${service}:us-east-1:${LOCAL_ACCOUNT}:${resource}`;
  return {
    scheduleGroup,
    executorArn: arn('lambda', `function:${name}-offboarding-executor`),
    schedulerRoleArn: `arn:aws:iam::${LOCAL_ACCOUNT}:role/${name}-scheduler`,
    offboardingDeadLetterArn: arn('sqs', `${name}-offboarding-dlq`),
    hrRoleArn: `arn:aws:iam::${LOCAL_ACCOUNT}:role/${name}-hr-integration`,
    geoKeySecret,
    codeSender,
    table,
    reportsBucket,
    feedBucket,
    topicArn: TopicArn as string,
    userPoolId,
    clientId,
  };
}

/** The environment the sign-in triggers get from the stack, for these resources. */
export function triggerEnvironment(
  resources: LocalResources,
  geoPolicy: unknown,
): Record<string, string> {
  return {
    [ENV.table]: resources.table,
    [ENV.geoPolicy]: JSON.stringify(geoPolicy),
    [ENV.geoKeySecret]: resources.geoKeySecret,
    [ENV.codeSender]: resources.codeSender,
    [ENV.gatewayClients]: resources.clientId,
  };
}

/** The environment the reconcile function gets from the stack, for these resources. */
export function functionEnvironment(
  resources: LocalResources,
  config: unknown,
): Record<string, string> {
  return {
    [ENV.table]: resources.table,
    [ENV.reportsBucket]: resources.reportsBucket,
    [ENV.feedBucket]: resources.feedBucket,
    [ENV.topicArn]: resources.topicArn,
    [ENV.config]: JSON.stringify(config),
    [ENV.consoleUrlParameter]: localConsoleUrlParameter(resources),
    ...scheduleVariables(resources),
  };
}

/**
 * Where the local console publishes its address while it runs, as the stack does in AWS: run
 * notifications and HTML reports link to it then, and to nothing once it stops. One per local
 * Warden (named after its table), as tests provision several on one local AWS.
 */
export function localConsoleUrlParameter(resources: Pick<LocalResources, 'table'>): string {
  return `/warden/local/${resources.table}/console-url`;
}

/** Where offboarding schedules go and what they invoke, as the stack sets it for each function. */
function scheduleVariables(resources: LocalResources): Record<string, string> {
  return {
    [ENV.scheduleGroup]: resources.scheduleGroup,
    [ENV.executorArn]: resources.executorArn,
    [ENV.schedulerRoleArn]: resources.schedulerRoleArn,
    [ENV.offboardingDeadLetterArn]: resources.offboardingDeadLetterArn,
  };
}

/** The environment the offboarding API and executor get from the stack, for these resources. */
export function offboardingEnvironment(
  resources: LocalResources,
  config: unknown,
): Record<string, string> {
  return { ...functionEnvironment(resources, config), [ENV.hrRoleArn]: resources.hrRoleArn };
}

/**
 * A user pool as Warden governs it (the immutable employee-id attribute), with an app client that
 * allows password sign-in, to show that a disabled account cannot sign in.
 */
export async function createGovernedPool(
  cognito: CognitoIdentityProviderClient,
  poolName: string,
): Promise<{ userPoolId: string; clientId: string }> {
  const { UserPool } = await cognito.send(
    new CreateUserPoolCommand({
      PoolName: poolName,
      AutoVerifiedAttributes: ['email'],
      Schema: [
        {
          Name: EMPLOYEE_ID_ATTRIBUTE.name,
          AttributeDataType: 'String',
          Mutable: false,
          StringAttributeConstraints: { MaxLength: String(EMPLOYEE_ID_ATTRIBUTE.maxLength) },
        },
      ],
    }),
  );
  const userPoolId = UserPool?.Id as string;
  const { UserPoolClient } = await cognito.send(
    new CreateUserPoolClientCommand({
      UserPoolId: userPoolId,
      ClientName: `${poolName}-app`,
      ExplicitAuthFlows: [
        'ALLOW_USER_PASSWORD_AUTH',
        'ALLOW_ADMIN_USER_PASSWORD_AUTH',
        'ALLOW_REFRESH_TOKEN_AUTH',
      ],
    }),
  );
  return { userPoolId, clientId: UserPoolClient?.ClientId as string };
}

/** The environment the console API gets from the stack, for these resources. */
export function consoleEnvironment(
  resources: LocalResources,
  config: unknown,
): Record<string, string> {
  return functionEnvironment(resources, config);
}
