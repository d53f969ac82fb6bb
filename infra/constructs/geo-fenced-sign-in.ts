import { Duration, Stack, Validations } from 'aws-cdk-lib';
import type { UserPool } from 'aws-cdk-lib/aws-cognito';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { DeploymentConfig } from '../../functions/core/config/deployment-config.js';
import { userPoolRegion } from '../../functions/core/config/reconcile-config.js';
import { checkProps } from './check-props.js';
import type { Foundation } from './foundation.js';
import { GeoKeyRotation } from './key-rotation.js';
import { OuterFence } from './outer-fence.js';
import { PoolFence } from './pool-fence.js';
import { type GatewayAppClient, SignInGateway } from './sign-in-gateway.js';
import { SignInTriggers } from './sign-in-triggers.js';

export interface GeoFencedSignInProps {
  foundation: Foundation;
  geo: NonNullable<DeploymentConfig['geo']>;
  /** A pool created by this stack: the fence and its gateway client are wired into it. */
  demoPool?: UserPool;
  logRetention: RetentionDays;
}

/**
 * Geo-fenced MFA on one user pool: the gateway's (the configured `geo.gateway`, or the demo
 * pool). The geo-context key and its rotation, the Cognito triggers, the sign-in gateway, the
 * pool fence for a pool the stack does not own, and the optional WAF outer fence.
 */
export class GeoFencedSignIn extends Construct {
  readonly triggers: SignInTriggers;
  readonly gateway: SignInGateway;

  constructor(scope: Construct, id: string, props: GeoFencedSignInProps) {
    super(scope, id);
    const { foundation, geo } = props;
    checkProps('GeoFencedSignIn', [
      !geo.gateway &&
        !props.demoPool &&
        'geo.gateway: name the app client of the pool to fence (or deploy the demo pool)',
    ]);
    const key = new Secret(this, 'GeoContextKey', {
      description: 'Warden: HMAC keys of the geo contexts and envelopes of the sign-in gateway',
      encryptionKey: foundation.key,
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
    });
    new GeoKeyRotation(this, 'KeyRotation', {
      foundation,
      secret: key,
      everyDays: geo.keyRotationDays,
      logRetention: props.logRetention,
    });
    const appClient = this.appClient(props);
    const userPoolArn = appClient.userPoolArn ?? poolArn(this, appClient.userPoolId);
    this.triggers = new SignInTriggers(this, 'Triggers', {
      foundation,
      policy: geo.policy,
      key,
      codeSender: geo.codeSender,
      userPoolArns: [userPoolArn],
      ownPool: props.demoPool,
      // A client the stack creates is known to the triggers through the contexts it signs.
      gatewayClients: geo.gateway ? [geo.gateway.clientId] : undefined,
      unfencedClients: geo.unfencedClients.map((c) => c.clientId),
      signInRecordDays: geo.signInRecordDays,
      logRetention: props.logRetention,
    });
    if (!props.demoPool) {
      const fns = this.triggers.functions;
      new PoolFence(this, 'PoolFence', {
        foundation,
        userPoolId: appClient.userPoolId,
        userPoolArn,
        triggers: {
          PreAuthentication: fns.PreAuthentication.functionArn,
          DefineAuthChallenge: fns.DefineAuthChallenge.functionArn,
          CreateAuthChallenge: fns.CreateAuthChallenge.functionArn,
          VerifyAuthChallengeResponse: fns.VerifyAuthChallenge.functionArn,
          PreTokenGeneration: fns.PreTokenGeneration.functionArn,
        },
        gatewayClientId: appClient.clientId,
        unfencedClients: geo.unfencedClients,
        smsRoleArn: geo.gateway?.smsRoleArn,
        logRetention: props.logRetention,
      });
    }
    this.gateway = new SignInGateway(this, 'Gateway', {
      foundation,
      key,
      appClient,
      attemptsPerMinute: geo.attemptsPerMinute,
      attemptsPerUsername: geo.attemptsPerUsernamePerMinute,
      logRetention: props.logRetention,
    });
    const stage = this.gateway.api.deploymentStage;
    if (geo.waf) {
      new OuterFence(this, 'OuterFence', {
        deniedCountries: geo.policy.deniedCountries,
        gatewayStageArn: stage.stageArn,
        userPoolArns: [userPoolArn],
      });
    } else {
      Validations.of(stage).acknowledge({
        id: 'AwsSolutions-APIG3',
        reason:
          'The WAF outer fence is off in this configuration (geo.waf); the gateway throttles each address and username itself.',
      });
    }
  }

  /**
   * The app client the gateway signs in through. For the demo pool it is created here: custom
   * auth and refresh only, no OAuth, short tokens, and the gateway reads its secret from Cognito
   * itself (only the gateway's role may). For another pool the configuration names it, and the
   * pool fence checks it has that shape before the triggers are attached.
   */
  private appClient(props: GeoFencedSignInProps): GatewayAppClient {
    const { geo, demoPool } = props;
    if (geo.gateway || !demoPool) {
      const { userPoolId, clientId, clientSecretArn } = geo.gateway as NonNullable<
        typeof geo.gateway
      >;
      return { userPoolId, clientId, secretArn: clientSecretArn };
    }
    const tokenLifetime = Duration.minutes(geo.tokens.accessMinutes);
    const client = demoPool.addClient('GatewayClient', {
      generateSecret: true,
      authFlows: { custom: true },
      disableOAuth: true,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: tokenLifetime,
      idTokenValidity: tokenLifetime,
      refreshTokenValidity: Duration.hours(geo.tokens.refreshHours),
    });
    return {
      userPoolId: demoPool.userPoolId,
      userPoolArn: demoPool.userPoolArn,
      clientId: client.userPoolClientId,
    };
  }
}

function poolArn(scope: Construct, userPoolId: string): string {
  const stack = Stack.of(scope);
  return stack.formatArn({
    service: 'cognito-idp',
    region: userPoolRegion(userPoolId) ?? stack.region,
    resource: 'userpool',
    resourceName: userPoolId,
  });
}
