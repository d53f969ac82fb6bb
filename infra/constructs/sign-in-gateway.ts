import { basename } from 'node:path';
import { CfnOutput, Duration, Validations } from 'aws-cdk-lib';
import { JsonSchemaType, LambdaIntegration, type RestApi } from 'aws-cdk-lib/aws-apigateway';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { bundledCountryDatabase } from '../../functions/aws/mmdb-geo-locator.js';
import { ENV } from '../../functions/core/shared/environment.js';
import { ROLE_PARTITIONS } from '../../functions/core/shared/table-keys.js';
import { checkProps } from './check-props.js';
import type { Foundation } from './foundation.js';
import { allow, lambdaRole, leadingKeys } from './iam.js';
import { loggedRestApi } from './logged-rest-api.js';
import { signInFunction } from './warden-function.js';

/** The app client the gateway signs in through. */
export interface GatewayAppClient {
  userPoolId: string;
  clientId: string;
  /** Set when the gateway reads the client secret from Cognito (a pool this stack owns). */
  userPoolArn?: string;
  /** Set when the client secret is kept in Secrets Manager (a pool the stack does not own). */
  secretArn?: string;
}

export interface SignInGatewayProps {
  foundation: Foundation;
  /** The HMAC key of geo contexts, shared with the triggers. */
  key: ISecret;
  appClient: GatewayAppClient;
  /** Sign-in attempts each address (IPv4, or IPv6 /64) may make a minute (default 10). */
  attemptsPerMinute?: number;
  /** Sign-in attempts each username may take a minute, from anywhere (default 5). */
  attemptsPerUsername?: number;
  logRetention: RetentionDays;
}

const SIGN_IN_AUTHORISATION =
  'This is the sign-in endpoint itself: callers have no token yet. The password, the geo fence and the one-time code are the authorisation.';

/**
 * The sign-in gateway: a regional REST API (stage `v1`, 50 requests/s, burst 100, access logs)
 * with body validation in front of one function, the only holder of the app client's secret.
 * The country database ships inside the bundle, so the function needs no network to start.
 */
export class SignInGateway extends Construct {
  readonly api: RestApi;
  readonly function: LambdaFunction;

  constructor(scope: Construct, id: string, props: SignInGatewayProps) {
    super(scope, id);
    const { foundation, appClient } = props;
    const attemptsPerMinute = props.attemptsPerMinute ?? 10;
    const attemptsPerUsername = props.attemptsPerUsername ?? 5;
    checkProps('SignInGateway', [
      (!Number.isInteger(attemptsPerMinute) || attemptsPerMinute < 1) &&
        'attemptsPerMinute: must be a positive whole number',
      (!Number.isInteger(attemptsPerUsername) || attemptsPerUsername < 1) &&
        'attemptsPerUsername: must be a positive whole number',
      !appClient.userPoolArn &&
        !appClient.secretArn &&
        'appClient: needs the pool ARN (secret read from Cognito) or a secretArn',
    ]);
    const role = lambdaRole(this, 'Role', 'Warden sign-in gateway', foundation.key, [
      'dynamodb',
      'secretsmanager',
    ]);
    role.addToPolicy(
      allow(
        ['secretsmanager:GetSecretValue'],
        [props.key.secretArn, ...(appClient.secretArn ? [appClient.secretArn] : [])],
      ),
    );
    if (appClient.userPoolArn) {
      role.addToPolicy(allow(['cognito-idp:DescribeUserPoolClient'], [appClient.userPoolArn]));
    }
    role.addToPolicy(
      leadingKeys(
        ['dynamodb:UpdateItem', 'dynamodb:GetItem'],
        foundation.table.tableArn,
        ROLE_PARTITIONS.gateway.counters,
      ),
    );
    const logs = new LogGroup(this, 'Logs', { retention: props.logRetention });
    logs.grantWrite(role);
    const database = bundledCountryDatabase();
    this.function = signInFunction(this, 'Function', {
      entry: 'functions/sign-in-gateway/handler.ts',
      role,
      logGroup: logs,
      memorySize: 1024,
      timeout: Duration.seconds(10),
      environment: {
        [ENV.table]: foundation.table.tableName,
        [ENV.geoKeySecret]: props.key.secretArn,
        [ENV.geoDatabase]: `/var/task/${basename(database)}`,
        [ENV.userPoolId]: appClient.userPoolId,
        [ENV.appClientId]: appClient.clientId,
        ...(appClient.secretArn ? { [ENV.appClientSecret]: appClient.secretArn } : {}),
        [ENV.attemptsPerMinute]: String(attemptsPerMinute),
        [ENV.attemptsPerUsername]: String(attemptsPerUsername),
        POWERTOOLS_SERVICE_NAME: 'warden-gateway',
      },
      files: [database],
    });
    this.api = this.restApi(props.logRetention);
    new CfnOutput(this, 'SignInUrl', { value: this.api.urlForPath('/auth/sign-in') });
  }

  private restApi(logRetention: RetentionDays): RestApi {
    const api = loggedRestApi(this, {
      ids: { api: 'Api', accessLogs: 'AccessLogs' },
      restApiName: 'warden-sign-in',
      description: 'Warden sign-in gateway: the only holder of the app client secret',
      stageName: 'v1',
      throttling: { rateLimit: 50, burstLimit: 100 },
      logRetention,
      logsWho: { caller: false, user: false },
    });
    const validator = api.addRequestValidator('Request', {
      validateRequestBody: true,
      validateRequestParameters: true,
    });
    const auth = api.root.addResource('auth');
    const integration = new LambdaIntegration(this.function);
    const routes = [
      ['sign-in', 'SignIn', { username: 128, password: 256 }],
      ['respond', 'Respond', { session: 8192, code: 6 }],
      ['refresh', 'Refresh', { refreshToken: 16384 }],
    ] as const;
    for (const [path, modelName, maxLengths] of routes) {
      const model = api.addModel(modelName, {
        contentType: 'application/json',
        schema: {
          type: JsonSchemaType.OBJECT,
          required: Object.keys(maxLengths),
          properties: Object.fromEntries(
            Object.entries(maxLengths).map(([name, maxLength]) => [
              name,
              { type: JsonSchemaType.STRING, maxLength },
            ]),
          ),
          additionalProperties: false,
        },
      });
      const method = auth.addResource(path).addMethod('POST', integration, {
        requestValidator: validator,
        requestModels: { 'application/json': model },
      });
      for (const rule of ['AwsSolutions-APIG4', 'AwsSolutions-COG4']) {
        Validations.of(method).acknowledge({ id: rule, reason: SIGN_IN_AUTHORISATION });
      }
    }
    return api;
  }
}
