import { describe, expect, it } from 'vitest';
import { decide } from '../../../../functions/core/geo/decide.js';
import { parseGeoPolicy } from '../../../../functions/core/geo/geo-policy.js';
import { pressPolicy } from '../../fakes/memory-geo.js';

const POLICY = pressPolicy();

describe('geo decision', () => {
  it('allows inside the fence and applies the outside action beyond it', () => {
    expect(decide(POLICY, 'MX', [])).toMatchObject({ decision: 'allow', rule: 'default' });
    expect(decide(POLICY, 'ES', [])).toMatchObject({ decision: 'require_mfa', rule: 'default' });
    expect(decide(POLICY, 'ES', ['correspondents'])).toMatchObject({
      decision: 'allow',
      rule: 'groups.correspondents',
    });
    expect(decide(POLICY, 'FR', ['correspondents']).decision).toBe('require_mfa');
  });

  it('gives a member of several groups the strictest result', () => {
    const v = decide(POLICY, 'ES', ['correspondents', 'press-admins', 'unfenced-group']);
    expect(v).toMatchObject({ decision: 'deny', rule: 'groups.press-admins' });
    expect(v.reason).toBe('ES is outside the fence of groups.press-admins (MX)');
  });

  it('denies denied countries whatever the groups, and treats unknown locations per policy', () => {
    expect(decide(POLICY, 'KP', ['correspondents'])).toMatchObject({
      decision: 'deny',
      rule: 'deniedCountries',
    });
    expect(decide(POLICY, null, [])).toMatchObject({ decision: 'require_mfa', rule: 'unknown' });
    const strict = parseGeoPolicy(
      { default: { allowedCountries: ['MX'], outside: 'deny' }, unknown: 'deny' },
      'p',
    );
    expect(decide(strict, null, []).decision).toBe('deny');
  });

  it('fences a member of groups the policy does not name with the default fence', () => {
    expect(decide(POLICY, 'ES', ['photographers'])).toEqual({
      decision: 'require_mfa',
      rule: 'default',
      reason: 'ES is outside the fence of default (MX)',
    });
  });

  it('applies the unknown rule to an unknown location whatever the groups', () => {
    expect(decide(POLICY, null, ['correspondents'])).toEqual({
      decision: 'require_mfa',
      rule: 'unknown',
      reason: 'location unknown: unresolved, private or unverified address',
    });
  });
});
