import type { Template } from 'aws-cdk-lib/assertions';

export type Statement = {
  Action: string | string[];
  Resource: unknown;
  Effect: string;
  Condition?: Record<string, Record<string, unknown>>;
};

/** Every statement of every inline policy attached to the roles whose logical id starts with `prefix`. */
export function statementsOfRole(template: Template, prefix: string): Statement[] {
  const roleIds = Object.keys(template.findResources('AWS::IAM::Role')).filter((id) =>
    id.startsWith(prefix),
  );
  return Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((p) => (p.Properties.Roles as { Ref: string }[]).some((r) => roleIds.includes(r.Ref)))
    .flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[]);
}

export const actionsOf = (s: Statement) => (Array.isArray(s.Action) ? s.Action : [s.Action]);

/** The one resource of a type whose logical id starts with `prefix`; fails unless exactly one. */
export function onlyResource(template: Template, type: string, prefix: string) {
  const found = Object.entries(template.findResources(type)).filter(([id]) =>
    id.startsWith(prefix),
  );
  if (found.length !== 1) {
    throw new Error(`expected one ${type} named ${prefix}*, found ${found.map(([id]) => id)}`);
  }
  return (found[0] as [string, ReturnType<Template['findResources']>[string]])[1];
}
