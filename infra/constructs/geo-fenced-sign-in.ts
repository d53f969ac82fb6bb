import { Validations } from 'aws-cdk-lib';
import type { UserPool } from 'aws-cdk-lib/aws-cognito';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { DeploymentConfig } from '../../functions/core/config/deployment-config.js';
import { checkProps } from './check-props.js';
import type { Foundation } from './foundation.js';
import { OuterFence } from './outer-fence.js';
import { type GatewayAppClient, SignInGateway } from './sign-in-gateway.js';
import { SignInTriggers } from './sign-in-triggers.js';

export interface GeoFencedSignInProps {
  foundation: Foundation;
  geo: NonNullable<DeploymentConfig['geo']>;
  /** ARNs of the governed user pools: triggers read their groups and may be invoked by them. */
  userPoolArns: string[];
  /** A pool created by this stack: its triggers and gateway app client are wired here. */
  demoPool?: UserPool;
  logRetention: RetentionDays;
}

/**
 * Geo-fenced MFA: the geo-context key, the Cognito triggers, the sign-in gateway (when there is
 * an app client for it: the configured one, or one created in the demo pool), and the optional
 * outer WAF fence.
 */
export class GeoFencedSignIn extends Construct {
  readonly triggers: SignInTriggers;
  readonly gateway?: SignInGateway;

  constructor(scope: Construct, id: string, props: GeoFencedSignInProps) {
    super(scope, id);
    const { foundation, geo } = props;
    checkProps('GeoFencedSignIn', [
      geo.waf && !geo.gateway && !props.demoPool && 'geo.waf: needs a gateway to stand in front of',
    ]);
    const key = new Secret(this, 'GeoContextKey', {
      description:
        'Warden: HMAC key of the geo context the sign-in gateway passes to the Cognito triggers',
      encryptionKey: foundation.key,
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
    });
    Validations.of(key).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'An HMAC key shared by the gateway and the triggers within one minute; rotate it by hand (a new value only rejects sign-ins in flight).',
    });
    this.triggers = new SignInTriggers(this, 'Triggers', {
      foundation,
      policy: geo.policy,
      key,
      codeSender: geo.codeSender,
      userPoolArns: props.userPoolArns,
      ownPool: props.demoPool,
      logRetention: props.logRetention,
    });

    const appClient = this.appClient(props);
    if (!appClient) return;
    this.gateway = new SignInGateway(this, 'Gateway', {
      foundation,
      key,
      appClient,
      attemptsPerMinute: geo.attemptsPerMinute,
      logRetention: props.logRetention,
    });
    const stage = this.gateway.api.deploymentStage;
    if (geo.waf) {
      new OuterFence(this, 'OuterFence', {
        deniedCountries: geo.policy.deniedCountries,
        protectedArns: [stage.stageArn, ...props.userPoolArns],
      });
    } else {
      Validations.of(stage).acknowledge({
        id: 'AwsSolutions-APIG3',
        reason:
          'The WAF outer fence is off in this configuration (geo.waf); the gateway throttles each source address itself.',
      });
    }
  }

  /**
   * The app client the gateway signs in through. For the demo pool it is created here, and the
   * gateway reads its secret from Cognito itself (only the gateway's role may); for another pool
   * the secret comes from the Secrets Manager secret the configuration names.
   */
  private appClient(props: GeoFencedSignInProps): GatewayAppClient | undefined {
    if (props.geo.gateway) {
      const { userPoolId, clientId, clientSecretArn } = props.geo.gateway;
      return { userPoolId, clientId, secretArn: clientSecretArn };
    }
    if (!props.demoPool) return undefined;
    const client = props.demoPool.addClient('GatewayClient', {
      generateSecret: true,
      authFlows: { custom: true, userSrp: true },
      preventUserExistenceErrors: true,
    });
    return {
      userPoolId: props.demoPool.userPoolId,
      userPoolArn: props.demoPool.userPoolArn,
      clientId: client.userPoolClientId,
    };
  }
}
