import {
  AdminGetUserCommand,
  type CognitoIdentityProviderClient,
  ListUsersCommand,
  UserNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import type { Account } from '../core/account.js';
import type { AccountLookup } from '../core/offboarding/ports.js';
import { toAccount } from './cognito-user.js';

/** Single accounts of a user pool: by exact email (ListUsers' filter) or by username. */
export class CognitoAccountLookup implements AccountLookup {
  constructor(
    private readonly client: CognitoIdentityProviderClient,
    readonly source: string,
    private readonly correlationAttribute: string,
  ) {}

  async byEmail(email: string): Promise<Account[]> {
    const accounts: Account[] = [];
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListUsersCommand({
          UserPoolId: this.source,
          Filter: `email = "${email.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`,
          PaginationToken: token,
        }),
      );
      for (const user of page.Users ?? [])
        accounts.push(toAccount(user, this.source, this.correlationAttribute));
      token = page.PaginationToken;
    } while (token);
    return accounts;
  }

  async byUsername(username: string): Promise<Account | undefined> {
    try {
      const user = await this.client.send(
        new AdminGetUserCommand({ UserPoolId: this.source, Username: username }),
      );
      return toAccount(
        {
          Username: user.Username,
          Attributes: user.UserAttributes,
          Enabled: user.Enabled,
          UserStatus: user.UserStatus,
          UserCreateDate: user.UserCreateDate,
        },
        this.source,
        this.correlationAttribute,
      );
    } catch (error) {
      if (error instanceof UserNotFoundException) return undefined;
      throw error;
    }
  }
}
