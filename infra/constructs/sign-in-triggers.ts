import { Stack } from 'aws-cdk-lib';
import { type UserPool, UserPoolOperation } from 'aws-cdk-lib/aws-cognito';
import { Policy, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { GeoPolicy } from '../../functions/core/geo/geo-policy.js';
import { ENV } from '../../functions/core/shared/environment.js';
import { ROLE_PARTITIONS } from '../../functions/core/shared/table-keys.js';
import { checkProps } from './check-props.js';
import type { Foundation } from './foundation.js';
import { allow, lambdaRole, leadingKeys } from './iam.js';
import { signInFunction } from './warden-function.js';

export const TRIGGERS = [
  ['PreAuthentication', 'pre-authentication', UserPoolOperation.PRE_AUTHENTICATION],
  ['DefineAuthChallenge', 'define-auth-challenge', UserPoolOperation.DEFINE_AUTH_CHALLENGE],
  ['CreateAuthChallenge', 'create-auth-challenge', UserPoolOperation.CREATE_AUTH_CHALLENGE],
  [
    'VerifyAuthChallenge',
    'verify-auth-challenge',
    UserPoolOperation.VERIFY_AUTH_CHALLENGE_RESPONSE,
  ],
  ['PreTokenGeneration', 'pre-token-generation', UserPoolOperation.PRE_TOKEN_GENERATION],
] as const;

export interface SignInTriggersProps {
  foundation: Foundation;
  policy: GeoPolicy;
  /** The HMAC key of geo contexts, shared with the gateway. */
  key: ISecret;
  /** The SES-verified address the one-time codes come from. */
  codeSender: string;
  /** ARNs of the governed user pools: the triggers read their groups and may be invoked by them. */
  userPoolArns: string[];
  /** A pool this stack creates: the triggers are wired into it. Another pool gets invoke permission and the pool-fence custom resource. */
  ownPool?: UserPool;
  /** The gateway's app client ids when the configuration names them (else contexts name the client). */
  gatewayClients?: string[];
  /** App clients that sign people in without the fence, named with a reason in the configuration. */
  unfencedClients: string[];
  /** Days sign-in decisions are kept (default 400). */
  signInRecordDays?: number;
  logRetention: RetentionDays;
}

/**
 * The five Cognito triggers of geo-fenced sign-in, on one least-privilege role: it reads access
 * ends, writes only nonces and sign-in decisions, reads groups, and sends codes from one address.
 */
export class SignInTriggers extends Construct {
  readonly functions: Record<(typeof TRIGGERS)[number][0], LambdaFunction>;

  constructor(scope: Construct, id: string, props: SignInTriggersProps) {
    super(scope, id);
    checkProps('SignInTriggers', [
      props.userPoolArns.length === 0 && 'userPoolArns: name at least one user pool to govern',
      !/^[^@\s]+@[^@\s]+$/.test(props.codeSender) && 'codeSender: must be an email address',
    ]);
    const { foundation } = props;
    const role = lambdaRole(this, 'Role', 'Warden sign-in triggers', foundation.key, [
      'dynamodb',
      'secretsmanager',
    ]);
    const { read, write } = ROLE_PARTITIONS.signInTriggers;
    role.addToPolicy(leadingKeys(['dynamodb:GetItem'], foundation.table.tableArn, read));
    role.addToPolicy(leadingKeys(['dynamodb:PutItem'], foundation.table.tableArn, write));
    // A policy of its own: a pool that names these triggers must not wait for a policy that names the pool.
    new Policy(this, 'PoolAccess', {
      roles: [role],
      statements: [allow(['cognito-idp:AdminListGroupsForUser'], props.userPoolArns)],
    });
    role.addToPolicy(allow(['secretsmanager:GetSecretValue'], [props.key.secretArn]));
    const stack = Stack.of(this);
    role.addToPolicy(
      allow(
        ['ses:SendEmail'],
        [stack.formatArn({ service: 'ses', resource: 'identity', resourceName: props.codeSender })],
      ),
    );
    const logs = new LogGroup(this, 'Logs', { retention: props.logRetention });
    logs.grantWrite(role);

    const functions: Partial<SignInTriggers['functions']> = {};
    for (const [name, file, operation] of TRIGGERS) {
      const fn = signInFunction(this, name, {
        entry: `functions/geo-triggers/${file}.ts`,
        role,
        logGroup: logs,
        environment: {
          [ENV.table]: foundation.table.tableName,
          [ENV.geoPolicy]: JSON.stringify(props.policy),
          [ENV.geoKeySecret]: props.key.secretArn,
          [ENV.codeSender]: props.codeSender,
          [ENV.unfencedClients]: props.unfencedClients.join(','),
          [ENV.signInRecordDays]: String(props.signInRecordDays ?? 400),
          ...(props.gatewayClients ? { [ENV.gatewayClients]: props.gatewayClients.join(',') } : {}),
          POWERTOOLS_SERVICE_NAME: 'warden-geo',
        },
      });
      functions[name] = fn;
      if (props.ownPool) {
        props.ownPool.addTrigger(operation, fn);
        continue;
      }
      props.userPoolArns.forEach((arn, i) => {
        fn.addPermission(`InvokedByPool${i}`, {
          principal: new ServicePrincipal('cognito-idp.amazonaws.com'),
          sourceArn: arn,
        });
      });
    }
    this.functions = functions as SignInTriggers['functions'];
  }
}
