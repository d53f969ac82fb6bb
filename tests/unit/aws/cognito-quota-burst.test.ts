import {
  AdminDisableUserCommand,
  CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { governCognitoClient, QuotaMeter } from '../../../functions/aws/cognito-quota.js';
import type { QuotaCategory } from '../../../functions/core/shared/cognito-quotas.js';

/** A client whose calls never leave the process: each one records when it was sent. */
function recordingClient(sentAt: number[]): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient({
    region: 'eu-west-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
    requestHandler: {
      handle: () => {
        sentAt.push(Date.now());
        return Promise.resolve({
          response: {
            statusCode: 200,
            headers: { 'content-type': 'application/x-amz-json-1.1' },
            body: new TextEncoder().encode('{}'),
          },
        });
      },
    },
  });
}

const RATE = 10;
const rates = { UserUpdate: RATE, UserList: RATE, UserRead: RATE, UserPoolRead: RATE } as Record<
  QuotaCategory,
  number
>;

/** Sends `calls` disables at once and returns when each left, in ms after the first left. */
async function sendTogether(calls: number, burst: number | undefined, region: string) {
  const sentAt: number[] = [];
  const client = governCognitoClient(recordingClient(sentAt), {
    region,
    rates,
    meter: new QuotaMeter(),
    burst,
  });
  const all = Promise.all(
    Array.from({ length: calls }, (_, i) =>
      client.send(new AdminDisableUserCommand({ UserPoolId: 'eu-west-1_Pool', Username: `u${i}` })),
    ),
  );
  // The SDK's own first steps are real I/O: let them run between the clock's steps.
  let settled = false;
  void all.finally(() => {
    settled = true;
  });
  while (!settled) {
    await new Promise((resolve) => setImmediate(resolve));
    await vi.advanceTimersByTimeAsync(10);
  }
  await all;
  // From the first call's departure: the SDK's first steps may take a few of the clock's steps.
  return sentAt.map((at) => at - (sentAt[0] as number));
}

beforeEach(() => {
  vi.useFakeTimers({
    now: new Date('2026-01-01T00:00:00Z'),
    toFake: ['setTimeout', 'clearTimeout', 'Date', 'performance'],
  });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the quota bucket', () => {
  it('spaces calls evenly at the rate when no burst is allowed', async () => {
    const sent = await sendTogether(3, undefined, 'spaced');
    expect(sent[1]).toBeGreaterThanOrEqual(100);
    expect(sent[2]).toBeGreaterThanOrEqual(200);
  });

  it('lets a burst leave at once, and holds the next call until the rate allows it', async () => {
    const sent = await sendTogether(5, 3, 'burst');
    expect(sent.slice(0, 3)).toEqual([0, 0, 0]);
    // Never more than 3 calls in any 300 ms: 3 calls at 10 per second.
    expect(sent[3]).toBeGreaterThanOrEqual(300);
    expect(sent[4]).toBeGreaterThanOrEqual(300);
    for (let i = 3; i < sent.length; i++)
      expect((sent[i] as number) - (sent[i - 3] as number)).toBeGreaterThanOrEqual(300);
  });
});
