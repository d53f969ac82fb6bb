import { WardenError } from '../shared/errors.js';
import { keySetOf, parseStoredKeys, rotateStoredKeys } from './key-set.js';

/** The secret versions a rotation reads and writes (Secrets Manager's staging labels). */
export interface RotatingSecret {
  /** The value of the version with `AWSCURRENT`, or of a given version id. */
  current(): Promise<string>;
  pending(versionId: string): Promise<string | undefined>;
  putPending(versionId: string, value: string): Promise<void>;
  /** Moves `AWSCURRENT` to the version; a no-op when it is there already. */
  promote(versionId: string): Promise<void>;
}

export type RotationStep = 'createSecret' | 'setSecret' | 'testSecret' | 'finishSecret';

/**
 * One step of a Secrets Manager rotation of the geo-context keys. Each step can run again
 * without harm (Secrets Manager retries them). The pending key set must still accept the key
 * the current one signs with: contexts and envelopes in flight keep verifying.
 */
export async function rotateKeysStep(
  step: RotationStep,
  versionId: string,
  secret: RotatingSecret,
  freshKey: () => string,
): Promise<void> {
  if (step === 'createSecret') {
    if (await secret.pending(versionId)) return;
    const rotated = rotateStoredKeys(parseStoredKeys(await secret.current()), freshKey());
    await secret.putPending(versionId, JSON.stringify(rotated));
    return;
  }
  if (step === 'testSecret') {
    const pending = await secret.pending(versionId);
    if (!pending) throw new WardenError(`no pending version ${versionId} to test`);
    const signing = keySetOf(parseStoredKeys(await secret.current())).signing;
    if (!keySetOf(parseStoredKeys(pending)).accepted.has(signing.id)) {
      throw new WardenError(
        'the pending keys would not accept the key in use: contexts in flight would break',
      );
    }
    return;
  }
  if (step === 'finishSecret') await secret.promote(versionId);
  // setSecret: the keys live only in the secret; no other system needs them.
}
