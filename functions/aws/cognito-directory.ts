import {
  AdminDisableUserCommand,
  AdminUserGlobalSignOutCommand,
  type CognitoIdentityProviderClient,
  DescribeUserPoolCommand,
  InvalidParameterException,
  ListUsersCommand,
  ListUsersInGroupCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { Account } from '../core/account.js';
import type { AccountDirectory, ListedPage, ListingCursor } from '../core/reconcile/ports.js';
import { ListingExpiredError } from '../core/shared/errors.js';
import { toAccount } from './cognito-user.js';

export interface CognitoDirectoryOptions {
  userPoolId: string;
  correlationAttribute: string;
  /**
   * Listing streams run side by side, each over the users whose `sub` (a UUID) starts with one
   * hex digit: 16 streams keep the UserList bucket, not the latency of one page, the pace.
   * 1 lists the pool in one stream.
   */
  segments?: 1 | 16;
}

const HEX = '0123456789abcdef';

/**
 * A Cognito user pool as an account source. Its client is governed by Warden's quota buckets
 * (`governCognitoClient`): this class only says what to call.
 */
export class CognitoDirectory implements AccountDirectory {
  readonly source: string;

  constructor(
    private readonly client: CognitoIdentityProviderClient,
    private readonly options: CognitoDirectoryOptions,
  ) {
    this.source = options.userPoolId;
  }

  startListing(): ListingCursor {
    const keys = (this.options.segments ?? 16) === 16 ? [...HEX] : [''];
    return { segments: keys.map((key) => ({ key, done: false })) };
  }

  async *listAccounts(): AsyncIterable<Account> {
    for await (const page of this.listPages(this.startListing())) yield* page.accounts;
  }

  /**
   * The pages of every unfinished segment, as they arrive, each with the cursor that resumes
   * after it. A token Cognito no longer accepts ends the listing with ListingExpiredError.
   */
  async *listPages(cursor: ListingCursor): AsyncIterable<ListedPage> {
    const segments = cursor.segments.map((s) => ({ ...s }));
    const streams = new Map<number, Promise<{ index: number; page: Account[]; token?: string }>>();
    const fetch = (index: number) => {
      const segment = segments[index] as ListingCursor['segments'][number];
      const next = this.listPage(segment.key, segment.token).then((page) => ({ index, ...page }));
      // Raced below; a failure surfaces there, never as an unhandled rejection.
      next.catch(() => {});
      streams.set(index, next);
    };
    segments.forEach((segment, index) => {
      if (!segment.done) fetch(index);
    });
    while (streams.size > 0) {
      const { index, page, token } = await Promise.race(streams.values());
      streams.delete(index);
      const segment = segments[index] as ListingCursor['segments'][number];
      segment.token = token;
      segment.done = !token;
      if (token) fetch(index);
      yield { accounts: page, cursor: { segments: segments.map((s) => ({ ...s })) } };
    }
  }

  private async listPage(
    key: string,
    token: string | undefined,
  ): Promise<{ page: Account[]; token?: string }> {
    try {
      const page = await this.client.send(
        new ListUsersCommand({
          UserPoolId: this.source,
          Limit: 60,
          PaginationToken: token,
          ...(key ? { Filter: `sub ^= "${key}"` } : {}),
        }),
      );
      return {
        page: (page.Users ?? []).map((user) =>
          toAccount(user, this.source, this.options.correlationAttribute),
        ),
        token: page.PaginationToken,
      };
    } catch (error) {
      // Cognito documents no lifetime for its pagination tokens; one it refuses is stale.
      if (token && error instanceof InvalidParameterException) {
        throw new ListingExpiredError(this.source, { cause: error });
      }
      throw error;
    }
  }

  async *groupMembers(group: string): AsyncIterable<string> {
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListUsersInGroupCommand({
          UserPoolId: this.source,
          GroupName: group,
          Limit: 60,
          NextToken: token,
        }),
      );
      for (const user of page.Users ?? []) yield user.Username as string;
      token = page.NextToken;
    } while (token);
  }

  /** Cognito's estimate of the pool's size: enough to choose how a run is carried out. */
  async estimatedSize(): Promise<number> {
    const { UserPool } = await this.client.send(
      new DescribeUserPoolCommand({ UserPoolId: this.source }),
    );
    return UserPool?.EstimatedNumberOfUsers ?? 0;
  }

  /**
   * Sign-out first, then disable: if the run dies between the two, the account is still
   * enabled, so the next run plans the whole action again and both calls repeat safely.
   */
  async disable(account: Account): Promise<void> {
    const target = { UserPoolId: this.source, Username: account.username };
    await this.client.send(new AdminUserGlobalSignOutCommand(target));
    await this.client.send(new AdminDisableUserCommand(target));
  }
}
