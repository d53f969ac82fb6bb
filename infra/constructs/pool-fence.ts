import { CustomResource, Duration } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { FenceTriggers } from '../../functions/core/geo/pool-fence.js';
import { ENV } from '../../functions/core/shared/environment.js';
import { ROLE_PARTITIONS } from '../../functions/core/shared/table-keys.js';
import { checkProps } from './check-props.js';
import type { Foundation } from './foundation.js';
import { allow, lambdaRole, leadingKeys } from './iam.js';
import { wardenFunction } from './warden-function.js';

export interface PoolFenceProps {
  foundation: Foundation;
  userPoolId: string;
  userPoolArn: string;
  triggers: FenceTriggers;
  gatewayClientId: string;
  unfencedClients: { clientId: string; reason: string }[];
  /** The pool's SMS role (SmsConfiguration.SnsCallerArn), which UpdateUserPool passes back. */
  smsRoleArn?: string;
  logRetention: RetentionDays;
}

/**
 * Fences a user pool the stack does not own: a custom resource that attaches the five triggers
 * to the pool (changing only its LambdaConfig), fails the deployment when a slot is taken or an
 * app client could sign people in around the fence, and puts the pool's own triggers back when
 * removed.
 */
export class PoolFence extends Construct {
  constructor(scope: Construct, id: string, props: PoolFenceProps) {
    super(scope, id);
    checkProps('PoolFence', [
      !props.userPoolArn.includes(props.userPoolId) && 'userPoolArn: must be the ARN of userPoolId',
      props.unfencedClients.some((c) => c.clientId === props.gatewayClientId) &&
        'unfencedClients: must not name the gateway client',
    ]);
    const { foundation } = props;
    const role = lambdaRole(
      this,
      'Role',
      'Warden pool fence: attaches the sign-in triggers to one user pool',
      foundation.key,
      ['dynamodb'],
    );
    role.addToPolicy(
      allow(
        [
          'cognito-idp:DescribeUserPool',
          'cognito-idp:UpdateUserPool',
          'cognito-idp:ListUserPoolClients',
          'cognito-idp:DescribeUserPoolClient',
        ],
        [props.userPoolArn],
      ),
    );
    const { readWrite } = ROLE_PARTITIONS.poolFence;
    role.addToPolicy(
      leadingKeys(
        ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:DeleteItem'],
        foundation.table.tableArn,
        readWrite,
      ),
    );
    // UpdateUserPool passes the pool's own SMS role back to Cognito, when the pool has one.
    if (props.smsRoleArn) {
      role.addToPolicy(
        new PolicyStatement({
          actions: ['iam:PassRole'],
          resources: [props.smsRoleArn],
          conditions: { StringEquals: { 'iam:PassedToService': 'cognito-idp.amazonaws.com' } },
        }),
      );
    }
    const logs = new LogGroup(this, 'Logs', { retention: props.logRetention });
    logs.grantWrite(role);
    const fn = wardenFunction(this, 'Function', {
      entry: 'functions/pool-fence/handler.ts',
      role,
      logGroup: logs,
      timeout: Duration.minutes(2),
      environment: {
        [ENV.table]: foundation.table.tableName,
        POWERTOOLS_SERVICE_NAME: 'warden-pool-fence',
      },
    });
    new CustomResource(this, 'Fence', {
      serviceToken: fn.functionArn,
      resourceType: 'Custom::WardenPoolFence',
      properties: {
        UserPoolId: props.userPoolId,
        GatewayClientId: props.gatewayClientId,
        Triggers: props.triggers,
        UnfencedClients: props.unfencedClients,
      },
    });
  }
}
