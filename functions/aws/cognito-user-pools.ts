import {
  type CognitoIdentityProviderClient,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  ListUserPoolClientsCommand,
  UpdateUserPoolCommand,
  type UpdateUserPoolCommandInput,
  type UserPoolClientType,
  type UserPoolType,
} from '@aws-sdk/client-cognito-identity-provider';
import type { AppClientFacts, LambdaConfig } from '../core/geo/pool-fence.js';
import { WardenError } from '../core/shared/errors.js';

/**
 * The settings UpdateUserPool takes. UpdateUserPool resets whatever it is not given, so a change
 * of one setting must send every other one back as DescribeUserPool reported it.
 */
const UPDATABLE = [
  'Policies',
  'DeletionProtection',
  'AutoVerifiedAttributes',
  'SmsVerificationMessage',
  'EmailVerificationMessage',
  'EmailVerificationSubject',
  'VerificationMessageTemplate',
  'SmsAuthenticationMessage',
  'UserAttributeUpdateSettings',
  'MfaConfiguration',
  'DeviceConfiguration',
  'EmailConfiguration',
  'SmsConfiguration',
  'UserPoolTags',
  'AdminCreateUserConfig',
  'UserPoolAddOns',
  'DcrConfiguration',
  'AccountRecoverySetting',
  'UserPoolTier',
  'KeyConfiguration',
  'IssuerConfiguration',
] as const satisfies readonly (keyof UpdateUserPoolCommandInput & keyof UserPoolType)[];

/** A user pool's trigger configuration and app clients, changed without touching anything else. */
export class CognitoUserPools {
  constructor(private readonly client: CognitoIdentityProviderClient) {}

  async lambdaConfig(userPoolId: string): Promise<LambdaConfig> {
    return { ...((await this.describe(userPoolId)).LambdaConfig ?? {}) };
  }

  /** Writes the LambdaConfig back with every other updatable setting as it is now. */
  async setLambdaConfig(userPoolId: string, lambdaConfig: LambdaConfig): Promise<void> {
    const pool = await this.describe(userPoolId);
    const input: UpdateUserPoolCommandInput = { UserPoolId: userPoolId, PoolName: pool.Name };
    for (const setting of UPDATABLE) {
      if (pool[setting] !== undefined) Object.assign(input, { [setting]: pool[setting] });
    }
    input.LambdaConfig = lambdaConfig;
    await this.client.send(new UpdateUserPoolCommand(input));
  }

  async appClients(userPoolId: string): Promise<AppClientFacts[]> {
    const clients: AppClientFacts[] = [];
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListUserPoolClientsCommand({
          UserPoolId: userPoolId,
          MaxResults: 60,
          NextToken: token,
        }),
      );
      for (const summary of page.UserPoolClients ?? []) {
        const { UserPoolClient } = await this.client.send(
          new DescribeUserPoolClientCommand({ UserPoolId: userPoolId, ClientId: summary.ClientId }),
        );
        if (UserPoolClient) clients.push(factsOf(UserPoolClient));
      }
      token = page.NextToken;
    } while (token);
    return clients;
  }

  private async describe(userPoolId: string): Promise<UserPoolType> {
    const { UserPool } = await this.client.send(
      new DescribeUserPoolCommand({ UserPoolId: userPoolId }),
    );
    if (!UserPool) throw new WardenError(`user pool ${userPoolId} was not described`);
    return UserPool;
  }
}

const MINUTES_PER: Record<string, number> = { seconds: 1 / 60, minutes: 1, hours: 60, days: 1440 };

function factsOf(client: UserPoolClientType): AppClientFacts {
  const units = client.TokenValidityUnits;
  const minutes = (value: number | undefined, unit: string | undefined) =>
    value === undefined ? undefined : value * (MINUTES_PER[unit ?? 'hours'] ?? 60);
  return {
    clientId: client.ClientId as string,
    name: client.ClientName,
    explicitAuthFlows: client.ExplicitAuthFlows ?? [],
    oauthFlows: client.AllowedOAuthFlowsUserPoolClient ? (client.AllowedOAuthFlows ?? []) : [],
    accessTokenMinutes: minutes(client.AccessTokenValidity, units?.AccessToken),
    idTokenMinutes: minutes(client.IdTokenValidity, units?.IdToken),
  };
}
