import { basename } from 'node:path';
import { CfnOutput, Duration, Stack, Validations } from 'aws-cdk-lib';
import {
  AccessLogFormat,
  EndpointType,
  JsonSchemaType,
  LambdaIntegration,
  LogGroupLogDestination,
  MethodLoggingLevel,
  RestApi,
} from 'aws-cdk-lib/aws-apigateway';
import { type UserPool, UserPoolOperation } from 'aws-cdk-lib/aws-cognito';
import { Effect, Policy, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { bundledCountryDatabase } from '../../functions/aws/mmdb-geo-locator.js';
import type { DeploymentConfig } from '../../functions/core/config/deployment-config.js';
import { ENV } from '../../functions/core/shared/environment.js';
import type { Foundation } from './foundation.js';
import { OuterFence } from './outer-fence.js';
import { wardenFunction } from './warden-function.js';

const TRIGGERS = [
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

export interface GeoFencedSignInProps {
  foundation: Foundation;
  geo: NonNullable<DeploymentConfig['geo']>;
  /** ARNs of the governed user pools: triggers read their groups and may be invoked by them. */
  userPoolArns: string[];
  /** A pool created by this stack: its triggers and gateway app client are wired here. */
  demoPool?: UserPool;
  logRetention: RetentionDays;
}

/** Geo-fenced MFA: the Cognito triggers, the sign-in gateway, and the optional outer WAF fence. */
export class GeoFencedSignIn extends Construct {
  readonly triggers: Record<string, NodejsFunction> = {};
  readonly api?: RestApi;

  constructor(scope: Construct, id: string, props: GeoFencedSignInProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const { foundation, geo } = props;
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

    // The triggers: one role, read access to the access-end register, writes only to nonces and decisions.
    const triggerRole = this.role('TriggerRole', 'Warden sign-in triggers', foundation);
    triggerRole.addToPolicy(
      leadingKeys(['dynamodb:GetItem'], foundation.table.tableArn, ['ACCESS#*']),
    );
    triggerRole.addToPolicy(
      leadingKeys(['dynamodb:PutItem'], foundation.table.tableArn, ['NONCE#*', 'SIGNIN#*']),
    );
    // A policy of its own: a pool that names these triggers must not wait for a policy that names the pool.
    new Policy(this, 'TriggerPoolAccess', {
      roles: [triggerRole],
      statements: [allow(['cognito-idp:AdminListGroupsForUser'], props.userPoolArns)],
    });
    triggerRole.addToPolicy(allow(['secretsmanager:GetSecretValue'], [key.secretArn]));
    triggerRole.addToPolicy(
      allow(
        ['ses:SendEmail'],
        [stack.formatArn({ service: 'ses', resource: 'identity', resourceName: geo.codeSender })],
      ),
    );
    const triggerLogs = new LogGroup(this, 'TriggerLogs', { retention: props.logRetention });
    triggerLogs.grantWrite(triggerRole);
    for (const [name, file, operation] of TRIGGERS) {
      const fn = wardenFunction(this, name, {
        entry: `functions/geo-triggers/${file}.ts`,
        role: triggerRole,
        logGroup: triggerLogs,
        environment: {
          [ENV.table]: foundation.table.tableName,
          [ENV.geoPolicy]: JSON.stringify(geo.policy),
          [ENV.geoKeySecret]: key.secretArn,
          [ENV.codeSender]: geo.codeSender,
          POWERTOOLS_SERVICE_NAME: 'warden-geo',
        },
      });
      this.triggers[name] = fn;
      if (props.demoPool) props.demoPool.addTrigger(operation, fn);
      else {
        props.userPoolArns.forEach((arn, i) => {
          fn.addPermission(`InvokedByPool${i}`, {
            principal: new ServicePrincipal('cognito-idp.amazonaws.com'),
            sourceArn: arn,
          });
        });
        new CfnOutput(this, `${name}TriggerArn`, {
          value: fn.functionArn,
          description: `Set as the ${file} trigger of each governed pool`,
        });
      }
    }

    const app = this.appClient(props);
    if (!app) return;
    this.api = this.gateway(props, key, app);
    if (geo.waf) {
      new OuterFence(this, 'OuterFence', {
        deniedCountries: geo.policy.deniedCountries,
        protectedArns: [this.api.deploymentStage.stageArn, ...props.userPoolArns],
      });
    } else {
      Validations.of(this.api.deploymentStage).acknowledge({
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
  private appClient(props: GeoFencedSignInProps): AppClientRef | undefined {
    if (props.geo.gateway) {
      const { userPoolId, clientId, clientSecretArn } = props.geo.gateway;
      return { userPoolId, userPoolArn: undefined, clientId, secretArn: clientSecretArn };
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

  private gateway(props: GeoFencedSignInProps, key: Secret, app: AppClientRef): RestApi {
    const { foundation, geo } = props;
    const role = this.role('GatewayRole', 'Warden sign-in gateway', foundation);
    role.addToPolicy(
      allow(
        ['secretsmanager:GetSecretValue'],
        app.secretArn ? [key.secretArn, app.secretArn] : [key.secretArn],
      ),
    );
    if (app.userPoolArn)
      role.addToPolicy(allow(['cognito-idp:DescribeUserPoolClient'], [app.userPoolArn]));
    role.addToPolicy(leadingKeys(['dynamodb:UpdateItem'], foundation.table.tableArn, ['RATE#*']));
    const logs = new LogGroup(this, 'GatewayLogs', { retention: props.logRetention });
    logs.grantWrite(role);
    const database = bundledCountryDatabase();
    const fn = wardenFunction(this, 'Gateway', {
      entry: 'functions/sign-in-gateway/handler.ts',
      role,
      logGroup: logs,
      memorySize: 1024,
      timeout: Duration.seconds(10),
      environment: {
        [ENV.table]: foundation.table.tableName,
        [ENV.geoKeySecret]: key.secretArn,
        [ENV.geoDatabase]: `/var/task/${basename(database)}`,
        WARDEN_USER_POOL_ID: app.userPoolId,
        WARDEN_APP_CLIENT_ID: app.clientId,
        ...(app.secretArn ? { WARDEN_APP_CLIENT_SECRET: app.secretArn } : {}),
        WARDEN_ATTEMPTS_PER_MINUTE: String(geo.attemptsPerMinute),
        POWERTOOLS_SERVICE_NAME: 'warden-gateway',
      },
      // The country database ships inside the bundle, so the function needs no network to start.
      commandHooks: {
        beforeBundling: () => [],
        beforeInstall: () => [],
        afterBundling: (_input: string, output: string) => [
          `cp "${database}" "${output}/${basename(database)}"`,
        ],
      },
    });

    const accessLogs = new LogGroup(this, 'ApiAccessLogs', { retention: props.logRetention });
    const api = new RestApi(this, 'Api', {
      restApiName: 'warden-sign-in',
      description: 'Warden sign-in gateway: the only holder of the app client secret',
      endpointConfiguration: { types: [EndpointType.REGIONAL] },
      cloudWatchRole: true,
      deployOptions: {
        stageName: 'v1',
        throttlingRateLimit: 50,
        throttlingBurstLimit: 100,
        loggingLevel: MethodLoggingLevel.ERROR,
        dataTraceEnabled: false,
        accessLogDestination: new LogGroupLogDestination(accessLogs),
        accessLogFormat: AccessLogFormat.jsonWithStandardFields({
          caller: false,
          httpMethod: true,
          ip: true,
          protocol: true,
          requestTime: true,
          resourcePath: true,
          responseLength: true,
          status: true,
          user: false,
        }),
      },
    });
    const validator = api.addRequestValidator('Request', {
      validateRequestBody: true,
      validateRequestParameters: true,
    });
    if (api.node.tryFindChild('CloudWatchRole')) {
      Validations.of(api.node.findChild('CloudWatchRole')).acknowledge({
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
        reason:
          "API Gateway's account-level logging role: AWS defines it with this managed policy, and stage logging needs it.",
      });
    }
    const model = (
      name: string,
      properties: Record<string, { type: JsonSchemaType; maxLength: number }>,
    ) =>
      api.addModel(name, {
        contentType: 'application/json',
        schema: {
          type: JsonSchemaType.OBJECT,
          required: Object.keys(properties),
          properties,
          additionalProperties: false,
        },
      });
    const auth = api.root.addResource('auth');
    const integration = new LambdaIntegration(fn);
    for (const [path, modelName, properties] of [
      [
        'sign-in',
        'SignIn',
        {
          username: { type: JsonSchemaType.STRING, maxLength: 128 },
          password: { type: JsonSchemaType.STRING, maxLength: 256 },
        },
      ],
      [
        'respond',
        'Respond',
        {
          session: { type: JsonSchemaType.STRING, maxLength: 8192 },
          code: { type: JsonSchemaType.STRING, maxLength: 6 },
        },
      ],
    ] as const) {
      const method = auth.addResource(path).addMethod('POST', integration, {
        requestValidator: validator,
        requestModels: { 'application/json': model(modelName, properties) },
      });
      for (const id of ['AwsSolutions-APIG4', 'AwsSolutions-COG4']) {
        Validations.of(method).acknowledge({
          id,
          reason:
            'This is the sign-in endpoint itself: callers have no token yet. The password, the geo fence and the one-time code are the authorisation.',
        });
      }
    }
    new CfnOutput(this, 'SignInUrl', { value: api.urlForPath('/auth/sign-in') });
    return api;
  }

  private role(id: string, description: string, foundation: Foundation): Role {
    const role = new Role(this, id, {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description,
    });
    role.addToPolicy(allow(['kms:Decrypt'], [foundation.key.keyArn]));
    return role;
  }
}

interface AppClientRef {
  userPoolId: string;
  /** Set when the gateway reads the client secret from Cognito. */
  userPoolArn: string | undefined;
  clientId: string;
  /** Set when the client secret is kept in Secrets Manager. */
  secretArn?: string;
}

function allow(actions: string[], resources: string[]): PolicyStatement {
  return new PolicyStatement({ effect: Effect.ALLOW, actions, resources });
}

/** Item access limited to partition keys that start with the given prefixes. */
function leadingKeys(actions: string[], tableArn: string, prefixes: string[]): PolicyStatement {
  return new PolicyStatement({
    effect: Effect.ALLOW,
    actions,
    resources: [tableArn],
    conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': prefixes } },
  });
}
