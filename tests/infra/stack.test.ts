import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseReconcileConfig } from '../../functions/core/config/reconcile-config.js';
import { actionsOf, statementsOfRole as roleStatements, type Statement } from './statements.js';
import { configFile, synth } from './synth.js';

let template: Template;

beforeAll(() => {
  template = synth(configFile('example.json')).template;
}, 120_000);

const statementsOfRole = (prefix: string) => roleStatements(template, prefix);

describe('the Warden stack (example configuration)', () => {
  it('runs the reconcile function on ARM64, a current Node LTS, one run at a time, with a DLQ', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      ReservedConcurrentExecutions: 1,
      Timeout: 900,
      Handler: 'index.handler',
    });
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
    });
  });

  it('passes the validated reconcile settings to the function, dry-run included', () => {
    const fn = Object.values(template.findResources('AWS::Lambda::Function'))[0];
    const raw = fn?.Properties.Environment.Variables.WARDEN_CONFIG;
    const settings = JSON.parse(typeof raw === 'string' ? raw : JSON.stringify(raw));
    expect(settings.dryRun).toBe(true);
    expect(settings.accountSources.map((s: { userPoolId: string }) => s.userPoolId)).toEqual([
      'us-east-1_PressOff1',
      'us-east-1_Accredit2',
    ]);
    expect(settings.schedule).toBeUndefined();
    expect(settings.notificationEmails).toBeUndefined();
    expect(settings.consoleUrl).toBeUndefined();
    // Run notifications and HTML reports link to the run's page in the console.
    expect(fn?.Properties.Environment.Variables.WARDEN_CONSOLE_URL).toBe(
      'https://warden-console.example.org',
    );
    expect(settings.geoPolicy.deniedCountries).toEqual(['KP']);
    // What the function will parse at start-up must parse.
    expect(() => parseReconcileConfig(settings, 'WARDEN_CONFIG')).not.toThrow();
  });

  it('schedules the run with EventBridge Scheduler in the configured time zone', () => {
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 6 * * ? *)',
      ScheduleExpressionTimezone: 'America/Mexico_City',
      Target: Match.objectLike({ Input: JSON.stringify({ trigger: 'schedule' }) }),
    });
  });

  it('reconciles when HR uploads a feed under feeds/', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: Match.objectLike({
        source: ['aws.s3'],
        'detail-type': ['Object Created'],
        detail: Match.objectLike({ object: { key: [{ prefix: 'feeds/' }] } }),
      }),
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
      LifecycleConfiguration: { Rules: [Match.objectLike({ ExpirationInDays: 730 })] },
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
      [['s3:GetObject'], expect.stringContaining('/feeds/*')],
      [['s3:PutObject'], expect.stringContaining('/runs/*')],
    ]);
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
      'FunctionErrors',
      'FunctionThrottles',
      'NoSuccessfulRun',
      'RunQuarantined',
    ]);
    for (const [, alarm] of alarms) expect(alarm.Properties.AlarmActions).toHaveLength(1);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'RunsSucceeded',
      Namespace: 'Warden',
      Period: 86_400,
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

  it('creates no demo user pool when pools are configured: only the console staff pool', () => {
    const pools = Object.values(template.findResources('AWS::Cognito::UserPool'));
    expect(pools.map((p) => p.Properties.UserPoolName)).toEqual(['warden-staff']);
  });
});
