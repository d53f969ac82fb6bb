import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { type KeySet, keySetOf, parseStoredKeys } from '../core/geo/key-set.js';
import type { Clock } from '../core/shared/clock.js';
import { WardenError } from '../core/shared/errors.js';

/** How long a read key set is used before the secret is read again: a rotation reaches every container within this. */
export const KEY_REFRESH_MS = 5 * 60_000;

/**
 * The geo-context keys from Secrets Manager, read again at most every five minutes so that a
 * rotation reaches warm containers. A failed read is retried on the next call, never cached.
 */
export function secretsKeyRing(
  client: SecretsManagerClient,
  secretId: string,
  clock: Clock,
): () => Promise<KeySet> {
  let cached: { at: number; keys: Promise<KeySet> } | undefined;
  return () => {
    const now = clock.now().getTime();
    if (!cached || now - cached.at >= KEY_REFRESH_MS) {
      const read = new GetSecretValueCommand({ SecretId: secretId, VersionStage: 'AWSCURRENT' });
      const keys = client.send(read).then((secret) => {
        if (!secret.SecretString) throw new WardenError('the geo-context key secret is empty');
        return keySetOf(parseStoredKeys(secret.SecretString));
      });
      const entry = { at: now, keys };
      keys.catch(() => {
        if (cached === entry) cached = undefined;
      });
      cached = entry;
    }
    return cached.keys;
  };
}
