import { createHash } from 'node:crypto';
import * as z from 'zod/mini';
import { ConfigError } from '../shared/errors.js';
import { parseOrThrow } from '../shared/validation.js';

/**
 * The HMAC keys of geo contexts and session envelopes. The gateway signs with `current`;
 * verifiers accept `previous`, `current` and `next`. A rotation promotes `next` (published one
 * rotation earlier, so every verifier's cache already holds it) and adds a fresh `next`: a
 * context signed with either side of a rotation verifies everywhere, and nothing in flight breaks.
 */
export interface KeySet {
  signing: SigningKey;
  /** Every key a signature may be made with, by key id. */
  accepted: ReadonlyMap<string, Buffer>;
}

export interface SigningKey {
  id: string;
  key: Buffer;
}

/** The secret's JSON: key material only; key ids are derived from it. */
const keyMaterial = z.string().check(z.minLength(32, 'must hold at least 32 characters'));
export const storedKeysSchema = z.strictObject({
  previous: z.optional(keyMaterial),
  current: keyMaterial,
  next: z.optional(keyMaterial),
});
export type StoredKeys = z.infer<typeof storedKeysSchema>;

/** A short public name of a key: the first bytes of its hash, so ids need no bookkeeping. */
export function keyId(material: string): string {
  return createHash('sha256').update(material).digest('base64url').slice(0, 8);
}

/** Reads the secret: the JSON key set, or (as first generated) a single key string. */
export function parseStoredKeys(secret: string): StoredKeys {
  let document: unknown = secret;
  if (secret.trimStart().startsWith('{')) {
    try {
      document = JSON.parse(secret);
    } catch {
      throw new ConfigError('geo-context key secret', ['is not valid JSON']);
    }
  }
  return parseOrThrow(
    storedKeysSchema,
    typeof document === 'string' ? { current: document } : document,
    'geo-context key secret',
    ConfigError,
  );
}

export function keySetOf(stored: StoredKeys): KeySet {
  const material = [stored.previous, stored.current, stored.next].filter((m): m is string =>
    Boolean(m),
  );
  return {
    signing: { id: keyId(stored.current), key: Buffer.from(stored.current, 'utf8') },
    accepted: new Map(material.map((m) => [keyId(m), Buffer.from(m, 'utf8')])),
  };
}

/**
 * One rotation. Without a published `next` (a secret as first generated) it only publishes
 * one, so the first promotion happens a rotation later, when every cache knows the key.
 */
export function rotateStoredKeys(stored: StoredKeys, fresh: string): StoredKeys {
  if (!stored.next) return { previous: stored.previous, current: stored.current, next: fresh };
  return { previous: stored.current, current: stored.next, next: fresh };
}
