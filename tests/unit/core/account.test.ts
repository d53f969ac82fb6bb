import { describe, expect, it } from 'vitest';
import { accountKey } from '../../../functions/core/account.js';

describe('account keys', () => {
  it('follow the immutable sub, so a re-created account is a new one', () => {
    expect(accountKey({ sub: 'a1b2', username: 'ana' })).toBe('a1b2');
    expect(accountKey({ sub: 'c3d4', username: 'ana' })).not.toBe(
      accountKey({ sub: 'a1b2', username: 'ana' }),
    );
  });

  it('fall back to the username where the directory has no sub', () => {
    expect(accountKey({ username: 'ana' })).toBe('username:ana');
  });
});
