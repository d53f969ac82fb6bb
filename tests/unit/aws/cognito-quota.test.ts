import {
  AdminGetUserCommand,
  CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { governCognitoClient, QuotaMeter } from '../../../functions/aws/cognito-quota.js';
import { DEFAULT_COGNITO_QUOTAS } from '../../../functions/core/shared/cognito-quotas.js';

/** A governed client whose calls never leave the process: each attempt is answered at once. */
function governedClient(region: string) {
  const client = new CognitoIdentityProviderClient({
    region,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  governCognitoClient(client, { region, rates: DEFAULT_COGNITO_QUOTAS, meter: new QuotaMeter() });
  client.middlewareStack.add(
    () => async () => ({
      output: { $metadata: {} },
      response: { statusCode: 200, headers: {} },
    }),
    { step: 'deserialize', name: 'answeredAtOnce' },
  );
  return client;
}

const read = (client: CognitoIdentityProviderClient) =>
  client.send(new AdminGetUserCommand({ UserPoolId: 'eu-west-1_abc', Username: 'u' }));

afterEach(() => {
  vi.useRealTimers();
});

describe('the Cognito quota buckets', () => {
  it('keep their pace when the wall clock steps back (an NTP correction)', async () => {
    // On a bucket timed by the wall clock, the call after the step waits as long as the step.
    const client = governedClient('eu-central-1');
    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
    vi.setSystemTime(Date.now() + 15 * 60_000);
    await read(client);
    vi.useRealTimers();
    await expect(read(client)).resolves.toHaveProperty('$metadata');
  });
});
