import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { geoContextKey } from '../../../functions/aws/geo-key.js';

const secrets = mockClient(SecretsManagerClient);
const client = new SecretsManagerClient({ region: 'us-east-1' });
const SECRET = 'k'.repeat(48);

beforeEach(() => secrets.reset());

describe('geo-context key', () => {
  it('is read from Secrets Manager once per container', async () => {
    secrets.on(GetSecretValueCommand).resolves({ SecretString: SECRET });
    const key = await geoContextKey(client, 'warden/geo-key-once');
    expect(key).toEqual(Buffer.from(SECRET, 'utf8'));
    expect(await geoContextKey(client, 'warden/geo-key-once')).toBe(key);
    expect(secrets.commandCalls(GetSecretValueCommand).map((c) => c.args[0].input)).toEqual([
      { SecretId: 'warden/geo-key-once' },
    ]);
  });

  it('refuses a key shorter than 32 characters', async () => {
    secrets.on(GetSecretValueCommand).resolves({ SecretString: 'short' });
    await expect(geoContextKey(client, 'warden/geo-key-short')).rejects.toThrow(
      'the geo-context key secret must hold at least 32 characters',
    );
  });

  it('tries again on the next call after a failure', async () => {
    secrets
      .on(GetSecretValueCommand)
      .rejectsOnce(new Error('ThrottlingException'))
      .resolves({ SecretString: SECRET });
    await expect(geoContextKey(client, 'warden/geo-key-retry')).rejects.toThrow('Throttling');
    expect(await geoContextKey(client, 'warden/geo-key-retry')).toEqual(Buffer.from(SECRET));
    expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(2);
  });
});
