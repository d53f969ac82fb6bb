import {
  AdminDisableUserCommand,
  AdminUserGlobalSignOutCommand,
  type CognitoIdentityProviderClient,
  ListUsersCommand,
  type ListUsersCommandOutput,
  ListUsersInGroupCommand,
  type ListUsersInGroupCommandOutput,
} from '@aws-sdk/client-cognito-identity-provider';
import pThrottle from 'p-throttle';
import type { Account } from '../core/account.js';
import type { AccountDirectory } from '../core/reconcile/ports.js';
import { toAccount } from './cognito-user.js';

export interface CognitoDirectoryOptions {
  userPoolId: string;
  correlationAttribute: string;
  listUsersPerSecond: number;
  updatesPerSecond: number;
}

/** A Cognito user pool as an account source, kept below Cognito's request-rate quotas. */
export class CognitoDirectory implements AccountDirectory {
  readonly source: string;
  private readonly listPage: (token: string | undefined) => Promise<ListUsersCommandOutput>;
  private readonly listGroupPage: (
    group: string,
    token: string | undefined,
  ) => Promise<ListUsersInGroupCommandOutput>;
  private readonly update: <T>(call: () => Promise<T>) => Promise<T>;

  constructor(
    private readonly client: CognitoIdentityProviderClient,
    private readonly options: CognitoDirectoryOptions,
  ) {
    this.source = options.userPoolId;
    const listThrottle = pThrottle({ limit: options.listUsersPerSecond, interval: 1000 });
    this.listPage = listThrottle((token: string | undefined) =>
      client.send(
        new ListUsersCommand({ UserPoolId: options.userPoolId, Limit: 60, PaginationToken: token }),
      ),
    );
    // Same quota category as ListUsers, so the same limiter.
    this.listGroupPage = listThrottle((group: string, token: string | undefined) =>
      client.send(
        new ListUsersInGroupCommand({
          UserPoolId: options.userPoolId,
          GroupName: group,
          Limit: 60,
          NextToken: token,
        }),
      ),
    );
    const updateThrottle = pThrottle({ limit: options.updatesPerSecond, interval: 1000 });
    this.update = updateThrottle(<T>(call: () => Promise<T>) => call()) as <T>(
      call: () => Promise<T>,
    ) => Promise<T>;
  }

  async *listAccounts(): AsyncIterable<Account> {
    let token: string | undefined;
    do {
      const page = await this.listPage(token);
      for (const user of page.Users ?? []) {
        yield toAccount(user, this.source, this.options.correlationAttribute);
      }
      token = page.PaginationToken;
    } while (token);
  }

  async *groupMembers(group: string): AsyncIterable<string> {
    let token: string | undefined;
    do {
      const page = await this.listGroupPage(group, token);
      for (const user of page.Users ?? []) yield user.Username as string;
      token = page.NextToken;
    } while (token);
  }

  /**
   * Sign-out first, then disable: if the run dies between the two, the account is still
   * enabled, so the next run plans the whole action again and both calls repeat safely.
   */
  async disable(account: Account): Promise<void> {
    const target = { UserPoolId: this.source, Username: account.username };
    await this.update(() => this.client.send(new AdminUserGlobalSignOutCommand(target)));
    await this.update(() => this.client.send(new AdminDisableUserCommand(target)));
  }
}
