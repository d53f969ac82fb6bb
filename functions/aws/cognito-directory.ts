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
   * 16: listing streams run side by side, each over the users whose `sub` (a UUID) starts with
   * one hex digit, so that the UserList bucket, not the latency of one page, sets the pace; each
   * stream's last page is short, so the 16 cost up to 15 requests more than one stream.
   * 1: one stream. 'auto' (the default): up to `TIMED_PAGES` first pages are read from one
   * stream, and the listing goes on in that stream once Cognito answers one of them within
   * `userListSlotMs` (one stream then keeps the bucket busy), else in 16 (those pages are read
   * again by their segments). One slow page (a new connection, a busy moment) does not decide.
   */
  segments?: 1 | 16 | 'auto';
  /** The time between two slots of the UserList bucket the client waits on: 1000 / its rate. */
  userListSlotMs: number;
  /** Milliseconds on a monotonic clock, to time the first page. */
  now?: () => number;
}
const HEX = '0123456789abcdef';
/** How many first pages 'auto' may time before it takes 16 streams. */
const TIMED_PAGES = 3;
const fanOut = (): ListingCursor => ({ segments: [...HEX].map((key) => ({ key, done: false })) });

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
    return this.options.segments === 16 ? fanOut() : { segments: [{ key: '', done: false }] };
  }

  async *listAccounts(): AsyncIterable<Account> {
    for await (const page of this.listPages(this.startListing())) yield* page.accounts;
  }

  /**
   * The pages of every unfinished segment, as they arrive, each with the cursor that resumes
   * after it. A token Cognito no longer accepts ends the listing with ListingExpiredError.
   */
  async *listPages(cursor: ListingCursor): AsyncIterable<ListedPage> {
    let segments = cursor.segments.map((s) => ({ ...s }));
    if (this.choosesStreams(cursor)) {
      const timed = await this.timeFirstPages();
      segments = timed ? [timed.stream] : fanOut().segments;
      yield* timed?.pages ?? [];
    }
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

  /**
   * Reads first pages from one stream until one comes within a slot or the pool ends (the
   * stream then goes on from there), or `TIMED_PAGES` came slower (undefined: take 16 streams).
   */
  private async timeFirstPages(): Promise<
    { stream: ListingCursor['segments'][number]; pages: ListedPage[] } | undefined
  > {
    const stream: ListingCursor['segments'][number] = { key: '', done: false };
    const pages: ListedPage[] = [];
    for (let read = 0; read < TIMED_PAGES; read++) {
      const { page, token, tookMs } = await this.listPage('', stream.token);
      stream.token = token;
      stream.done = !token;
      pages.push({ accounts: page, cursor: { segments: [{ ...stream }] } });
      if (tookMs <= this.options.userListSlotMs || stream.done) return { stream, pages };
    }
    return undefined;
  }

  /** A listing not yet begun, in a directory that chooses its streams by its first pages. */
  private choosesStreams(cursor: ListingCursor): boolean {
    const [only, ...others] = cursor.segments;
    return (
      (this.options.segments ?? 'auto') === 'auto' &&
      others.length === 0 &&
      only?.key === '' &&
      !only.token &&
      !only.done
    );
  }

  private async listPage(
    key: string,
    token: string | undefined,
  ): Promise<{ page: Account[]; token?: string; tookMs: number }> {
    const command = new ListUsersCommand({
      UserPoolId: this.source,
      Limit: 60,
      PaginationToken: token,
      ...(key ? { Filter: `sub ^= "${key}"` } : {}),
    });
    // Timed where the request leaves, after the quota bucket's wait: Cognito's answer alone.
    const now = this.options.now ?? (() => performance.now());
    let tookMs = 0;
    command.middlewareStack.add(
      (next) => async (args) => {
        const sent = now();
        try {
          return await next(args);
        } finally {
          tookMs = now() - sent;
        }
      },
      { step: 'deserialize', name: 'wardenPageLatency' },
    );
    try {
      const page = await this.client.send(command);
      return {
        page: (page.Users ?? []).map((user) =>
          toAccount(user, this.source, this.options.correlationAttribute),
        ),
        token: page.PaginationToken,
        tookMs,
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
