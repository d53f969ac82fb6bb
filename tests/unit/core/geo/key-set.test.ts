import { describe, expect, it } from 'vitest';
import {
  keyId,
  keySetOf,
  parseStoredKeys,
  rotateStoredKeys,
} from '../../../../functions/core/geo/key-set.js';
import { ConfigError } from '../../../../functions/core/shared/errors.js';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const C = 'c'.repeat(40);

describe('the geo-context key set', () => {
  it('reads a single generated key as the current one', () => {
    expect(parseStoredKeys(A)).toEqual({ current: A });
    expect(keySetOf(parseStoredKeys(A)).signing.id).toBe(keyId(A));
  });

  it('reads a JSON key set, even with spaces before it', () => {
    const stored = { previous: A, current: B, next: C };
    expect(parseStoredKeys(JSON.stringify(stored))).toEqual(stored);
    expect(parseStoredKeys(`  \n${JSON.stringify({ current: B })}`)).toEqual({ current: B });
  });

  it('signs with the current key and accepts previous, current and next', () => {
    const keys = keySetOf({ previous: A, current: B, next: C });
    expect(keys.signing.id).toBe(keyId(B));
    expect([...keys.accepted.keys()].sort()).toEqual([keyId(A), keyId(B), keyId(C)].sort());
  });

  it('publishes a next key before it ever signs with it', () => {
    const first = rotateStoredKeys({ current: A }, B);
    expect(first).toEqual({ previous: undefined, current: A, next: B });
    expect(rotateStoredKeys(first, C)).toEqual({ previous: A, current: B, next: C });
  });

  it('refuses a secret that is not a key set, naming what is wrong but never the keys', () => {
    expect(() => parseStoredKeys('short')).toThrow(ConfigError);
    expect(() => parseStoredKeys('short')).toThrow(
      'invalid configuration in geo-context key secret:\n  current: must hold at least 32 characters',
    );
    expect(() => parseStoredKeys('{"current": 1}')).toThrow(/current/);
    expect(() => parseStoredKeys('{not json')).toThrow(
      'invalid configuration in geo-context key secret:\n  is not valid JSON',
    );
  });
});
