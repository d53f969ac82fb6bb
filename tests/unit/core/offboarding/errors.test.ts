import { describe, expect, it } from 'vitest';
import {
  OffboardingIncompleteError,
  OffboardingNotFoundError,
} from '../../../../functions/core/offboarding/errors.js';
import { WardenError } from '../../../../functions/core/shared/errors.js';

describe('offboarding errors', () => {
  it('name the offboarding and what went wrong', () => {
    const missing = new OffboardingNotFoundError('ob-1');
    expect(missing).toBeInstanceOf(WardenError);
    expect(missing.message).toBe('no offboarding ob-1');
    expect(missing.offboardingId).toBe('ob-1');
    const incomplete = new OffboardingIncompleteError('ob-2', 3);
    expect(incomplete.message).toBe('offboarding ob-2: 3 account(s) failed; it will be retried');
    expect(incomplete.offboardingId).toBe('ob-2');
  });
});
