import {
  CognitoIdentityProviderClient,
  DescribeUserPoolCommand,
  ListUsersCommand,
  TooManyRequestsException,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalWarden } from '../../local/local-warden.js';
import { type RunningQuotaSimulator, startQuotaSimulator } from '../../local/quota-simulator.js';
import { localWarden } from './local-aws.js';

let warden: LocalWarden;
let simulator: RunningQuotaSimulator;
let clock = 0;

beforeAll(async () => {
  warden = await localWarden();
  // The simulator's clock is the test's: a window is a second of it, never of the real one.
  simulator = await startQuotaSimulator(warden.emulator.endpoint, { UserList: 3 }, () => clock);
});
afterAll(() => simulator.stop());

/** A client through the simulator that never retries, to see each answer as it is. */
const client = () =>
  new CognitoIdentityProviderClient({ endpoint: simulator.endpoint, maxAttempts: 1 });
const listUsers = () =>
  client()
    .send(new ListUsersCommand({ UserPoolId: warden.resources.userPoolId, Limit: 1 }))
    .then(
      () => 'ok',
      (error: unknown) => error,
    );

describe('the quota simulator', () => {
  it("admits a category's rate in a second and answers the excess as Cognito throttles", async () => {
    simulator.reset();
    clock = 10_000;
    const answers = await Promise.all(Array.from({ length: 5 }, listUsers));
    expect(answers.filter((a) => a === 'ok')).toHaveLength(3);
    const refused = answers.filter((a) => a !== 'ok');
    expect(refused).toHaveLength(2);
    for (const error of refused) {
      // The SDK reads it as Cognito's own throttling error, from the JSON protocol's answer.
      expect(error).toBeInstanceOf(TooManyRequestsException);
      expect((error as TooManyRequestsException).$metadata.httpStatusCode).toBe(400);
    }
    expect(simulator.counts().UserList).toMatchObject({ accepted: 3, throttled: 2 });
    // A second later the window has moved on.
    clock += 1000;
    expect(await listUsers()).toBe('ok');
  });

  it('passes a category without a quota through untouched, and counts it', async () => {
    simulator.reset();
    clock = 50_000;
    const described = await Promise.all(
      Array.from({ length: 5 }, () =>
        client().send(new DescribeUserPoolCommand({ UserPoolId: warden.resources.userPoolId })),
      ),
    );
    expect(described.every((d) => d.UserPool?.Id === warden.resources.userPoolId)).toBe(true);
    expect(simulator.counts().UserPoolRead).toMatchObject({ accepted: 5, throttled: 0 });
  });
});
