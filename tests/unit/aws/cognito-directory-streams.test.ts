// How many listing streams the Cognito directory takes. A real client (not aws-sdk-client-mock,
// which would skip the middleware that times the first page) answered by a request handler.
import {
  CognitoIdentityProviderClient,
  type ListUsersRequest,
  type ListUsersResponse,
  type UserType,
} from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import { CognitoDirectory } from '../../../functions/aws/cognito-directory.js';

const POOL = 'us-east-1_Press';
const user = (Username: string): UserType => ({
  Username,
  Enabled: true,
  Attributes: [{ Name: 'sub', Value: `sub-${Username}` }],
});

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

/**
 * A real client whose requests Cognito answers on the test's clock with `answer(input)`, the nth
 * (from 0) `latencyMs(n)` later; 500 ms are spent before each leaves, as the quota bucket's wait is.
 */
function timedCognito(
  answer: (input: ListUsersRequest) => ListUsersResponse,
  latency: number | ((request: number) => number),
) {
  const latencyMs = typeof latency === 'number' ? () => latency : latency;
  let clock = 0;
  const inputs: ListUsersRequest[] = [];
  const client = new CognitoIdentityProviderClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    requestHandler: {
      handle: (request: { body: Uint8Array }) => {
        const input = JSON.parse(new TextDecoder().decode(request.body)) as ListUsersRequest;
        clock += latencyMs(inputs.length);
        inputs.push(input);
        const body = Buffer.from(JSON.stringify(answer(input)));
        return Promise.resolve({ response: { statusCode: 200, headers: {}, body } });
      },
    },
  });
  client.middlewareStack.add(
    (next) => (args) => {
      clock += 500;
      return next(args);
    },
    { step: 'finalizeRequest', priority: 'low', name: 'slowBucket' },
  );
  const directory = (segments?: 1 | 16 | 'auto') =>
    new CognitoDirectory(client, {
      userPoolId: POOL,
      correlationAttribute: 'custom:employee_id',
      segments,
      userListSlotMs: 35,
      now: () => clock,
    });
  return { directory, inputs };
}

/** `pages` unfiltered (tokens `page-2`, `page-3`…); one user per segment, its sub's first digit. */
const pagesOrSegments =
  (...pages: string[][]) =>
  (input: ListUsersRequest): ListUsersResponse => {
    const key = /^sub \^= "(.)"$/.exec(input.Filter ?? '')?.[1];
    if (key) return { Users: [user(`in-${key}`)] };
    const at = input.PaginationToken ? Number(input.PaginationToken.slice(5)) - 1 : 0;
    const next = at + 1 < pages.length ? `page-${at + 2}` : undefined;
    return { Users: (pages[at] ?? []).map(user), PaginationToken: next };
  };
const twoPagesOrSegments = pagesOrSegments(['ana', 'ben'], ['cruz']);
const fourPagesOrSegments = pagesOrSegments(['ana', 'ben'], ['cruz'], ['dee'], ['eva']);

describe('how many streams a listing takes', () => {
  it('keeps one stream when Cognito answers the first page within a bucket slot', async () => {
    const { directory, inputs } = timedCognito(twoPagesOrSegments, 20);
    const accounts = await collect(directory().listAccounts());
    expect(accounts.map((a) => a.username)).toEqual(['ana', 'ben', 'cruz']);
    expect(inputs.map((i) => [i.Filter, i.PaginationToken])).toEqual([
      [undefined, undefined],
      [undefined, 'page-2'],
    ]);
  });

  it('keeps one stream when a page after slow first ones comes within a slot', async () => {
    const { directory, inputs } = timedCognito(fourPagesOrSegments, (n) => (n < 2 ? 40 : 20));
    const pages = await collect(directory().listPages(directory().startListing()));
    expect(pages.flatMap((p) => p.accounts.map((a) => a.username))).toEqual([
      'ana',
      'ben',
      'cruz',
      'dee',
      'eva',
    ]);
    expect(inputs.map((i) => [i.Filter, i.PaginationToken])).toEqual([
      [undefined, undefined],
      [undefined, 'page-2'],
      [undefined, 'page-3'],
      [undefined, 'page-4'],
    ]);
    // Each page held back while the stream was timed resumes after itself.
    expect(pages.map((p) => p.cursor.segments[0]?.token)).toEqual([
      'page-2',
      'page-3',
      'page-4',
      undefined,
    ]);
  });

  it('lists in 16 segments when the first three pages took longer, and drops them', async () => {
    const { directory, inputs } = timedCognito(fourPagesOrSegments, 40);
    const pages = await collect(directory().listPages(directory().startListing()));
    expect(pages.flatMap((p) => p.accounts.map((a) => a.username)).sort()).toEqual(
      [...'0123456789abcdef'].map((key) => `in-${key}`),
    );
    expect(inputs).toHaveLength(3 + 16);
    expect(inputs.slice(3).map((i) => i.Filter)).toEqual(
      [...'0123456789abcdef'].map((key) => `sub ^= "${key}"`),
    );
    expect(pages.at(-1)?.cursor.segments.every((s) => s.done && s.key)).toBe(true);
  });

  it('takes slow first pages that end the pool as the whole listing', async () => {
    const { directory, inputs } = timedCognito(twoPagesOrSegments, 40);
    const accounts = await collect(directory().listAccounts());
    expect(accounts.map((a) => a.username)).toEqual(['ana', 'ben', 'cruz']);
    expect(inputs).toHaveLength(2);
  });

  it('takes a slow first page that holds the whole pool as the whole listing', async () => {
    const { directory, inputs } = timedCognito(() => ({ Users: [user('ana')] }), 40);
    const pages = await collect(directory().listPages(directory().startListing()));
    expect(pages).toEqual([
      {
        accounts: [expect.objectContaining({ username: 'ana' })],
        cursor: { segments: [{ key: '', token: undefined, done: true }] },
      },
    ]);
    expect(inputs).toHaveLength(1);
  });

  it('resumes a listing in one stream from its token without choosing again', async () => {
    const { directory, inputs } = timedCognito(twoPagesOrSegments, 40);
    const cursor = { segments: [{ key: '', token: 'page-2', done: false }] };
    const pages = await collect(directory().listPages(cursor));
    expect(pages.flatMap((p) => p.accounts.map((a) => a.username))).toEqual(['cruz']);
    expect(inputs.map((i) => i.PaginationToken)).toEqual(['page-2']);
  });

  it('lists in 16 segments from the start when told to, and in one when told to', async () => {
    const { directory, inputs } = timedCognito(twoPagesOrSegments, 20);
    expect(
      directory(16)
        .startListing()
        .segments.map((s) => s.key),
    ).toEqual([...'0123456789abcdef']);
    await collect(directory(1).listPages({ segments: [{ key: '', done: false }] }));
    expect(inputs).toHaveLength(2);
    const sixteen = await collect(directory(16).listAccounts());
    expect(sixteen).toHaveLength(16);
  });
});
