import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { ENV } from '../../functions/core/shared/environment.js';
import { actionsOf, onlyResource, type Statement, statementsOfRole } from './statements.js';
import { configFile, synth } from './synth.js';

let template: Template;
let minimal: Template;

beforeAll(() => {
  template = synth(configFile('example.json')).template;
  minimal = synth({}).template;
}, 180_000);

describe('HR offboarding in the stack', () => {
  it('serves the API with IAM (SigV4) authorisation on every method, to the HR integration role', () => {
    const methods = Object.values(template.findResources('AWS::ApiGateway::Method')).filter(
      (m) => m.Properties.HttpMethod !== 'OPTIONS',
    );
    const offboardingMethods = methods.filter((m) =>
      JSON.stringify(m.Properties.RestApiId).includes('HrOffboarding'),
    );
    expect(offboardingMethods.map((m) => m.Properties.HttpMethod).sort()).toEqual([
      'DELETE',
      'GET',
      'GET',
      'GET',
      'PATCH',
      'POST',
    ]);
    for (const m of offboardingMethods) expect(m.Properties.AuthorizationType).toBe('AWS_IAM');
    template.hasResourceProperties('AWS::ApiGateway::RestApi', {
      Name: 'warden-offboarding',
      Policy: Match.objectLike({
        Statement: [
          Match.objectLike({
            Effect: 'Allow',
            Principal: { AWS: 'arn:aws:iam::111122223333:role/hr-integration' },
            Action: 'execute-api:Invoke',
          }),
        ],
      }),
    });
    const fn = Object.values(template.findResources('AWS::Lambda::Function')).find(
      (f) => f.Properties.Environment?.Variables?.WARDEN_HR_ROLE_ARN,
    );
    expect(fn?.Properties.Environment.Variables.WARDEN_HR_ROLE_ARN).toBe(
      'arn:aws:iam::111122223333:role/hr-integration',
    );
  });

  it('has a schedule group, and a Scheduler role that may invoke only the executor and send to the DLQ', () => {
    template.resourceCountIs('AWS::Scheduler::ScheduleGroup', 1);
    const statements = statementsOfRole(template, 'HrOffboardingSchedulerRole');
    expect(statements.flatMap(actionsOf).sort()).toEqual([
      'kms:Decrypt',
      'kms:GenerateDataKey',
      'lambda:InvokeFunction',
      'sqs:SendMessage',
    ]);
    const role = Object.entries(template.findResources('AWS::IAM::Role')).find(([id]) =>
      id.startsWith('HrOffboardingSchedulerRole'),
    )?.[1];
    expect(role?.Properties.AssumeRolePolicyDocument.Statement).toEqual([
      expect.objectContaining({
        Principal: { Service: 'scheduler.amazonaws.com' },
        Condition: { StringEquals: { 'aws:SourceAccount': '111122223333' } },
      }),
    ]);
  });

  it('keeps the API and executor roles least-privilege: their pools, partitions, schedules, topic', () => {
    for (const prefix of ['HrOffboardingApiRole', 'HrOffboardingExecutorRole']) {
      const statements = statementsOfRole(template, prefix);
      const cognito = statements.find((s) => actionsOf(s).includes('cognito-idp:AdminDisableUser'));
      expect(actionsOf(cognito as Statement).sort()).toEqual([
        'cognito-idp:AdminDisableUser',
        'cognito-idp:AdminGetUser',
        'cognito-idp:AdminUserGlobalSignOut',
        'cognito-idp:ListUsers',
      ]);
      const dynamo = statements.filter((s) => actionsOf(s).some((a) => a.startsWith('dynamodb:')));
      for (const s of dynamo)
        expect(s.Condition?.['ForAllValues:StringLike']?.['dynamodb:LeadingKeys']).toBeDefined();
      for (const s of statements) {
        expect(s.Resource).not.toBe('*');
        expect(actionsOf(s)).not.toContain('cognito-idp:AdminEnableUser');
      }
    }
    // The API schedules offboardings; the executor schedules a partial failure's retries.
    for (const prefix of ['HrOffboardingApiRole', 'HrOffboardingExecutorRole']) {
      const statements = statementsOfRole(template, prefix);
      const passRole = statements.find((s) => actionsOf(s).includes('iam:PassRole'));
      expect(passRole?.Condition).toEqual({
        StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' },
      });
      expect(statements.flatMap(actionsOf)).toContain('scheduler:CreateSchedule');
    }
    expect(
      statementsOfRole(template, 'LeaverReconciliationReconcileRole').flatMap(actionsOf),
    ).toContain('scheduler:UpdateSchedule');
  });

  it("gives the executor where its retries' schedules go, but not its own ARN, which it is invoked by", () => {
    const [executor] = Object.values(
      template.findResources('AWS::Lambda::Function', {
        Properties: {
          Role: { 'Fn::GetAtt': [Match.stringLikeRegexp('^HrOffboardingExecutorRole'), 'Arn'] },
        },
      }),
    ) as { Properties: { Environment: { Variables: Record<string, unknown> } } }[];
    const variables = Object.keys(executor?.Properties.Environment.Variables ?? {});
    expect(variables).toEqual(
      expect.arrayContaining([
        ENV.scheduleGroup,
        ENV.schedulerRoleArn,
        ENV.offboardingDeadLetterArn,
      ]),
    );
    expect(variables).not.toContain(ENV.executorArn);
  });

  it('raises alarms on executor failures and dead letters, to the topic', () => {
    const alarms = Object.keys(template.findResources('AWS::CloudWatch::Alarm')).filter((id) =>
      id.startsWith('HrOffboarding'),
    );
    expect(
      alarms.map((id) => id.replace(/^HrOffboarding/, '').replace(/[0-9A-F]{8}$/, '')).sort(),
    ).toEqual(['DeadLetters', 'ExecutorErrors']);
  });

  it('gives the reconcile function the schedule settings, and outputs what the CLI looks up', () => {
    const reconcile = onlyResource(
      template,
      'AWS::Lambda::Function',
      'LeaverReconciliationReconcileFunction',
    );
    expect(Object.keys(reconcile.Properties.Environment.Variables)).toEqual(
      expect.arrayContaining([
        'WARDEN_SCHEDULE_GROUP',
        'WARDEN_EXECUTOR_ARN',
        'WARDEN_SCHEDULER_ROLE_ARN',
      ]),
    );
    template.hasOutput('OffboardingApiUrl', {});
    template.hasOutput('OffboardingScheduleGroup', {});
  });

  it('without an HR integration role there is no API, but future leavers are still scheduled', () => {
    expect(JSON.stringify(minimal.findResources('AWS::ApiGateway::RestApi'))).not.toMatch(
      /warden-offboarding/,
    );
    minimal.resourceCountIs('AWS::Scheduler::ScheduleGroup', 1);
    expect(Object.keys(minimal.findOutputs('OffboardingApiUrl'))).toEqual([]);
  });
});
