import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { actionsOf, onlyResource, statementsOfRole } from './statements.js';
import { synth } from './synth.js';

let template: Template;

beforeAll(() => {
  // No consoleUrl in the configuration: the links go to the console the stack deploys.
  template = synth({}).template;
}, 300_000);

const PARAMETER = '/warden/Warden/console-url';
const parameterArn = {
  'Fn::Join': [
    '',
    ['arn:', { Ref: 'AWS::Partition' }, `:ssm:us-east-1:111122223333:parameter${PARAMETER}`],
  ],
};

/** The functions that write reports or notifications with run links, and their roles. */
const LINKERS = [
  ['LeaverReconciliationReconcileFunction', 'LeaverReconciliationReconcileRole'],
  ['LeaverReconciliationReconcileStepsFunction', 'LeaverReconciliationReconcileRole'],
  ['ConsoleApiFunction', 'ConsoleApiRole'],
] as const;

describe("the console's address for run links", () => {
  it("is published in an SSM parameter named after the stack, valued at the distribution's address", () => {
    const distribution = Object.keys(template.findResources('AWS::CloudFront::Distribution'))[0];
    template.hasResourceProperties('AWS::SSM::Parameter', {
      Name: PARAMETER,
      Type: 'String',
      Value: {
        'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distribution, 'DomainName'] }, '/']],
      },
    });
  });

  it.each(LINKERS)('reaches %s by name, with GetParameter on that one parameter', (fn, role) => {
    const variables = onlyResource(template, 'AWS::Lambda::Function', fn).Properties.Environment
      .Variables;
    expect(variables.WARDEN_CONSOLE_URL_PARAMETER).toBe(PARAMETER);
    expect(variables.WARDEN_CONSOLE_URL).toBeUndefined();
    const ssm = statementsOfRole(template, role).filter((s) =>
      actionsOf(s).some((a) => a.startsWith('ssm:')),
    );
    expect(ssm).toEqual([{ Action: 'ssm:GetParameter', Effect: 'Allow', Resource: parameterArn }]);
  });

  it('gives the reconcile functions no reference to the console: the console API invokes them, so one would close a cycle', () => {
    for (const [fn, role] of LINKERS.slice(0, 2)) {
      const definition = JSON.stringify([
        onlyResource(template, 'AWS::Lambda::Function', fn),
        statementsOfRole(template, role),
      ]);
      expect(definition).not.toMatch(/"(Ref|Fn::GetAtt)":\[?"Console/);
    }
  });
});
