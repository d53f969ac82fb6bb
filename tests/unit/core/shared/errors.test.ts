import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  errorName,
  InvalidInputError,
  ListingExpiredError,
  ReviewError,
  RunInProgressError,
  SIGN_IN_REFUSED,
  SignInRefusedError,
  WardenError,
} from '../../../../functions/core/shared/errors.js';

describe('the error hierarchy', () => {
  it('puts every error Warden raises under WardenError, named after its class', () => {
    const errors = [
      new InvalidInputError('event', ['x: bad']),
      new ConfigError('warden.json', ['x: bad']),
      new RunInProgressError(),
      new ReviewError('no run r-1'),
      new SignInRefusedError(),
    ];
    for (const error of errors) {
      expect(error).toBeInstanceOf(WardenError);
      expect(error.name).toBe(error.constructor.name);
    }
    expect(new ConfigError('warden.json', [])).toBeInstanceOf(InvalidInputError);
  });

  it('keeps the error underneath as the cause', () => {
    const sdkFault = new Error('throttled');
    expect(new WardenError('could not list', { cause: sdkFault }).cause).toBe(sdkFault);
    expect(new InvalidInputError('feed', ['row'], { cause: sdkFault }).cause).toBe(sdkFault);
  });

  it('says where invalid input came from and what is wrong with it', () => {
    const error = new InvalidInputError('event', ['feed.key: is required', 'trigger: too long']);
    expect(error.message).toBe('invalid event: feed.key: is required; trigger: too long');
    expect(error.problems).toEqual(['feed.key: is required', 'trigger: too long']);
  });

  it('says which listing can no longer be resumed', () => {
    const error = new ListingExpiredError('us-east-1_Pool');
    expect([error.source, error.message]).toEqual([
      'us-east-1_Pool',
      'the listing of us-east-1_Pool can no longer be resumed: its pagination token expired',
    ]);
  });

  it('lists configuration problems one per line', () => {
    expect(new ConfigError('warden.json', ['a: bad', 'b: worse']).message).toBe(
      'invalid configuration in warden.json:\n  a: bad\n  b: worse',
    );
  });

  it('refuses every sign-in with the same message, whatever the reason', () => {
    expect(new SignInRefusedError().message).toBe(SIGN_IN_REFUSED);
    expect(SIGN_IN_REFUSED).toBe('Sign-in refused');
  });

  it('says that runs never overlap', () => {
    expect(new RunInProgressError().message).toMatch(/another reconciliation run holds the lock/);
  });
});

describe('errorName', () => {
  it('gives the name of an error and never its message, which may carry personal data', () => {
    const error = Object.assign(new Error('ana@x.org not found'), { name: 'UserNotFound' });
    expect(errorName(error)).toBe('UserNotFound');
  });

  it('gives the type of anything thrown that is not an error', () => {
    expect(errorName('ana@x.org')).toBe('string');
    expect(errorName(undefined)).toBe('undefined');
  });
});
