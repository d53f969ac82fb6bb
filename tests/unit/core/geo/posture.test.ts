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

  it('follows the fences of the person’s groups rather than the default', () => {
    const groupAsks = parseGeoPolicy(
      {
        default: { allowedCountries: ['MX'], outside: 'deny' },
        groups: { correspondents: { allowedCountries: ['MX'], outside: 'require_mfa' } },
        unknown: 'deny',
      },
      'p',
    );
    expect(mayBeAskedForCode(groupAsks, [])).toBe(false);
    expect(mayBeAskedForCode(groupAsks, ['correspondents'])).toBe(true);
    expect(mayBeAskedForCode(groupAsks, ['correspondents', 'photographers'])).toBe(true);
  });

  describe('with a deny fence, only countries a sign-in may come from count', () => {
    const policy = parseGeoPolicy(
      {
        default: { allowedCountries: ['MX'], outside: 'require_mfa' },
        groups: {
          admins: { allowedCountries: ['MX', 'US'], outside: 'deny' },
          ops: { allowedCountries: ['MX'], outside: 'deny' },
          correspondents: { allowedCountries: ['MX'], outside: 'require_mfa' },
          travellers: { allowedCountries: ['MX', 'US'], outside: 'require_mfa' },
        },
        unknown: 'deny',
      },
      'p',
    );

    it.each([
      [
        'US passes admins but not ops, so never reaches a code',
        ['admins', 'ops', 'correspondents'],
        false,
      ],
      ['US passes admins and is outside correspondents', ['admins', 'correspondents'], true],
      [
        'travellers allow US but correspondents ask',
        ['admins', 'travellers', 'correspondents'],
        true,
      ],
      ['travellers allow every country admins let in', ['admins', 'travellers'], false],
    ] as const)('%s: %j -> %s', (_case, groups, asked) => {
      expect(mayBeAskedForCode(policy, groups)).toBe(asked);
    });
  });
});
