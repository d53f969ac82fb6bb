import { describe, expect, it } from 'vitest';
import { parseGeoPolicy } from '../../../../functions/core/geo/geo-policy.js';
import { mayBeAskedForCode } from '../../../../functions/core/geo/posture.js';
import { pressPolicy } from '../../fakes/memory-geo.js';

const POLICY = pressPolicy();

describe('MFA posture rule', () => {
  it('needs a code channel wherever the policy can ask for a code', () => {
    expect(mayBeAskedForCode(POLICY, [])).toBe(true);
    const strict = parseGeoPolicy(
      {
        default: { allowedCountries: ['MX'], outside: 'require_mfa' },
        groups: { admins: { allowedCountries: ['MX'], outside: 'deny' } },
        unknown: 'deny',
      },
      'p',
    );
    expect(mayBeAskedForCode(strict, ['admins'])).toBe(false);
    expect(mayBeAskedForCode(strict, [])).toBe(true);
    expect(mayBeAskedForCode(strict, ['unfenced'])).toBe(true);
  });
});
