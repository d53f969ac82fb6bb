import aslValidator from 'asl-validator';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseReconcileConfig } from '../../functions/core/config/reconcile-config.js';
import {
  actionsOf,
  onlyResource,
  statementsOfRole as roleStatements,
  type Statement,
} from './statements.js';
import { configFile, synth } from './synth.js';

/** A definition string as CloudFormation joins it, each function reference as an ARN of its logical id. */
function resolveJoin(value: unknown): string {
  const join = (value as { 'Fn::Join': [string, unknown[]] })['Fn::Join'];
  if (!join) return value as string;
  return join[1]
    .map((part) => {
      if (typeof part === 'string') return part;
      const ref =
        (part as { Ref?: string; 'Fn::GetAtt'?: string[] }).Ref ??
        (part as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0];
      return `arn:aws:lambda:us-east-1:111122223333:function:${String(ref).replace(/[0-9A-F]{8}$/, '')}`;
    })
    .join(join[0]);
}

let template: Template;

beforeAll(() => {
  template = synth(configFile('example.json')).template;
}, 120_000);

const statementsOfRole = (prefix: string) => roleStatements(template, prefix);
const RECONCILE_FUNCTION = 'LeaverReconciliationReconcileFunction';

describe('the Warden stack (example configuration)', () => {
  it('runs the reconcile function on ARM64, a current Node LTS, one run at a time, with a DLQ', () => {
    expect(onlyResource(template, 'AWS::Lambda::Function', RECONCILE_FUNCTION).Properties).toEqual(
      expect.objectContaining({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        ReservedConcurrentExecutions: 1,
        Timeout: 900,
        Handler: 'index.handler',
      }),
    );
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
    });
  });

  it('gives the reconcile and the steps function a whole vCPU (1,769 MB): both plan up to millions of accounts', () => {
    for (const id of [RECONCILE_FUNCTION, 'LeaverReconciliationReconcileStepsFunction']) {
      expect(onlyResource(template, 'AWS::Lambda::Function', id).Properties).toMatchObject({
        MemorySize: 1769,
        Timeout: 900,
      });
    }
  });

  it('passes the validated reconcile settings to the function, dry-run included', () => {
    const fn = onlyResource(template, 'AWS::Lambda::Function', RECONCILE_FUNCTION);
    const raw = fn.Properties.Environment.Variables.WARDEN_CONFIG;
    const settings = JSON.parse(typeof raw === 'string' ? raw : JSON.stringify(raw));
    expect(settings.dryRun).toBe(true);
    expect(settings.accountSources.map((s: { userPoolId: string }) => s.userPoolId)).toEqual([
      'us-east-1_PressOff1',
      'us-east-1_Accredit2',
    ]);
    expect(settings.schedule).toBeUndefined();
    expect(settings.notificationEmails).toBeUndefined();
    expect(settings.consoleUrl).toBeUndefined();
    // Run notifications and HTML reports link to the run's page at the configured address.
    expect(fn?.Properties.Environment.Variables.WARDEN_CONSOLE_URL_PARAMETER).toBe(
      '/warden/Warden/console-url',
    );
    template.hasResourceProperties('AWS::SSM::Parameter', {
      Name: '/warden/Warden/console-url',
      Value: 'https://warden-console.example.org',
    });
    expect(settings.geoPolicy.deniedCountries).toEqual(['KP']);
    // What the function will parse at start-up must parse.
    expect(() => parseReconcileConfig(settings, 'WARDEN_CONFIG')).not.toThrow();
  });

  it('starts the state machine hourly with EventBridge Scheduler in the configured time zone', () => {
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 * * * ? *)',
      ScheduleExpressionTimezone: 'America/Mexico_City',
      Target: Match.objectLike({
        Arn: { Ref: Match.stringLikeRegexp('^LeaverReconciliationStateMachine') },
        Input: JSON.stringify({ trigger: 'schedule' }),
      }),
    });
  });

  it('reconciles at once when HR uploads a feed under feeds/: the rule starts the state machine', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: Match.objectLike({
        source: ['aws.s3'],
        'detail-type': ['Object Created'],
        detail: Match.objectLike({ object: { key: [{ prefix: 'feeds/' }] } }),
      }),
      Targets: [
        Match.objectLike({
          Arn: { Ref: Match.stringLikeRegexp('^LeaverReconciliationStateMachine') },
          InputTransformer: Match.objectLike({
            InputTemplate: Match.stringLikeRegexp('"trigger":"upload"'),
          }),
        }),
      ],
    });
    template.hasResourceProperties('AWS::S3::Bucket', {
      NotificationConfiguration: { EventBridgeConfiguration: { EventBridgeEnabled: true } },
    });
  });

  it('keeps the governance table on demand, recoverable, protected, encrypted with a CMK, with TTL', () => {
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
      Replicas: [
        Match.objectLike({
          DeletionProtectionEnabled: true,
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          SSESpecification: { KMSMasterKeyId: Match.anyValue() },
        }),
      ],
    });
  });

  it('encrypts the report and feed buckets with KMS, blocks public access, versions and expires objects', () => {
    const kmsBuckets = template.findResources('AWS::S3::Bucket', {
      Properties: {
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [
            Match.objectLike({
              ServerSideEncryptionByDefault: Match.objectLike({ SSEAlgorithm: 'aws:kms' }),
            }),
          ],
        },
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        VersioningConfiguration: { Status: 'Enabled' },
        LoggingConfiguration: Match.anyValue(),
      },
    });
    expect(Object.keys(kmsBuckets)).toHaveLength(2);
    template.hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: {
        Rules: [
          Match.objectLike({ ExpirationInDays: 730 }),
          // A run's checkpoints hold accounts: they expire within days.
          Match.objectLike({ Prefix: 'checkpoints/', ExpirationInDays: 3 }),
        ],
      },
    });
    template.hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: { Rules: [Match.objectLike({ ExpirationInDays: 30 })] },
    });
  });

  it('denies every bucket request without TLS', () => {
    const policies = Object.values(template.findResources('AWS::S3::BucketPolicy'));
    // Access logs, reports, HR feeds; the console's files and its CDN logs.
    expect(policies).toHaveLength(5);
    for (const policy of policies) {
      expect(policy.Properties.PolicyDocument.Statement).toContainEqual(
        expect.objectContaining({
          Effect: 'Deny',
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        }),
      );
    }
  });

  it('encrypts the notifications topic with a CMK and subscribes the configured emails', () => {
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'it-security@presidencia.example',
    });
    template.resourceCountIs('AWS::KMS::Key', 2);
    template.allResourcesProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });

  it('scopes the function to the configured user pools, table, prefixes and topic: no * resources', () => {
    const statements = statementsOfRole('LeaverReconciliationReconcileRole');
    const cognito = statements.find((s) => actionsOf(s).includes('cognito-idp:AdminDisableUser'));
    expect(actionsOf(cognito as Statement).sort()).toEqual([
      'cognito-idp:AdminDisableUser',
      'cognito-idp:AdminUserGlobalSignOut',
      'cognito-idp:DescribeUserPool',
      'cognito-idp:ListUsers',
      'cognito-idp:ListUsersInGroup',
    ]);
    expect(cognito?.Resource).toEqual([
      'arn:aws:cognito-idp:us-east-1:111122223333:userpool/us-east-1_PressOff1',
      {
        'Fn::Join': [
          '',
          [
            'arn:',
            { Ref: 'AWS::Partition' },
            ':cognito-idp:us-east-1:111122223333:userpool/us-east-1_Accredit2',
          ],
        ],
      },
    ]);
    for (const statement of statements) {
      expect(statement.Resource).not.toBe('*');
      expect(JSON.stringify(statement.Action)).not.toMatch(/"[a-z0-9-]+:\*"/);
    }
    const s3 = statements.filter((s) => actionsOf(s).some((a) => a.startsWith('s3:')));
    expect(s3.map((s) => [actionsOf(s), JSON.stringify(s.Resource)])).toEqual([
      // A feed's version too: an approval re-plans from the version its run read.
      [['s3:GetObject', 's3:GetObjectVersion'], expect.stringContaining('/feeds/*')],
      [['s3:PutObject'], expect.stringContaining('/runs/*')],
      [
        ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
        expect.stringContaining('/checkpoints/*'),
      ],
      [['s3:ListBucket'], expect.not.stringContaining('/')],
    ]);
    const listing = s3.find((s) => actionsOf(s).includes('s3:ListBucket'));
    expect(listing?.Condition).toEqual({ StringLike: { 's3:prefix': 'checkpoints/*' } });
  });

  it('raises the alarms admins need, all to the notifications topic', () => {
    const alarms = Object.entries(template.findResources('AWS::CloudWatch::Alarm')).filter(([id]) =>
      id.startsWith('LeaverReconciliationMonitoring'),
    );
    const names = alarms.map(([id]) =>
      id.replace(/^LeaverReconciliationMonitoring/, '').replace(/[0-9A-F]{8}$/, ''),
    );
    expect(names.sort()).toEqual([
      'DeadLetters',
      'ExecutionsFailed',
      'FunctionErrors',
      'FunctionThrottles',
      'NoSuccessfulRun',
      'RunQuarantined',
    ]);
    for (const [, alarm] of alarms) expect(alarm.Properties.AlarmActions).toHaveLength(1);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'RunsSucceeded',
      Namespace: 'Warden',
      Period: 3_600,
      EvaluationPeriods: 2,
      ComparisonOperator: 'LessThanThreshold',
      TreatMissingData: 'breaching',
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'RunsQuarantined',
      Threshold: 1,
    });
    template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
  });

  it('runs reconciliations on a Step Functions state machine whose definition is valid ASL', () => {
    const [machine] = Object.values(template.findResources('AWS::StepFunctions::StateMachine'));
    expect(machine?.Properties).toMatchObject({
      StateMachineType: 'STANDARD',
      TracingConfiguration: { Enabled: true },
      LoggingConfiguration: { Level: 'ALL', IncludeExecutionData: false },
    });
    const definition = JSON.parse(resolveJoin(machine?.Properties.DefinitionString));
    expect(aslValidator(definition)).toMatchObject({ isValid: true, errors: [] });
    // Small directories in one invocation of the reconcile function; large ones in steps.
    expect(definition.States.RunInOneInvocation.Resource).toMatch(
      /:function:LeaverReconciliationReconcileFunction/,
    );
    expect(definition.States.Begin.Resource).toMatch(
      /:function:LeaverReconciliationReconcileStepsFunction/,
    );
    expect(definition.States.ListGroups.Type).toBe('Map');
    // The state machine may invoke the two reconcile functions and nothing else.
    const invoke = statementsOfRole('LeaverReconciliationStateMachineRole').find((s) =>
      actionsOf(s).includes('lambda:InvokeFunction'),
    );
    expect(invoke?.Resource).toHaveLength(2);
  });

  it('creates no demo user pool when pools are configured: only the console staff pool', () => {
    const pools = Object.values(template.findResources('AWS::Cognito::UserPool'));
    expect(pools.map((p) => p.Properties.UserPoolName)).toEqual(['warden-staff']);
  });
});
