import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

let cached: { secretId: string; key: Promise<Buffer> } | undefined;

/** The HMAC key of geo contexts, read from Secrets Manager once per container. */
export function geoContextKey(client: SecretsManagerClient, secretId: string): Promise<Buffer> {
  if (cached?.secretId !== secretId) {
    const key = client.send(new GetSecretValueCommand({ SecretId: secretId })).then((secret) => {
      if (!secret.SecretString || secret.SecretString.length < 32) {
        throw new Error('the geo-context key secret must hold at least 32 characters');
      }
      return Buffer.from(secret.SecretString, 'utf8');
    });
    key.catch(() => {
      cached = undefined;
    });
    cached = { secretId, key };
  }
  return cached.key;
}
