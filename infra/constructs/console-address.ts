import { Stack, Token } from 'aws-cdk-lib';
import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { ENV } from '../../functions/core/shared/environment.js';
import { checkProps } from './check-props.js';
import { allow } from './iam.js';

/**
 * The SSM parameter where the stack publishes the console's address (docs/decisions/0041). Its
 * name is plain text built from the stack's name, so the console construct that writes it and
 * the functions that read it share no token: no dependency edge, hence no cycle between the
 * reconcile function and the console's distribution (whose API invokes that function).
 */
export function consoleAddressParameter(scope: Construct): { name: string; arn: string } {
  const stack = Stack.of(scope);
  checkProps('consoleAddressParameter', [
    Token.isUnresolved(stack.stackName) && 'the stack needs a literal name',
  ]);
  const name = `/warden/${stack.stackName}/console-url`;
  return {
    name,
    arn: stack.formatArn({ service: 'ssm', resource: 'parameter', resourceName: name.slice(1) }),
  };
}

/**
 * Lets a function read the console's address for run links: the parameter's name in its
 * environment and `ssm:GetParameter` on that one parameter.
 */
export function readsConsoleAddress(scope: Construct, grantee: IGrantable): Record<string, string> {
  const parameter = consoleAddressParameter(scope);
  grantee.grantPrincipal.addToPrincipalPolicy(allow(['ssm:GetParameter'], [parameter.arn]));
  return { [ENV.consoleUrlParameter]: parameter.name };
}
