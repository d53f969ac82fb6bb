import { describe, expect, it } from 'vitest';
import { decide } from '../../../functions/core/geo/decide.js';
import { parseGeoPolicy } from '../../../functions/core/geo/geo-policy.js';
import type { ConfigError } from '../../../functions/core/shared/errors.js';

const POLICY = parseGeoPolicy(
  {
    default: { allowedCountries: ['MX'], outside: 'require_mfa' },
    groups: {
      'press-admins': { allowedCountries: ['MX'], outside: 'deny' },
      correspondents: { allowedCountries: ['MX', 'US', 'ES'], outside: 'require_mfa' },
    },
    unknown: 'require_mfa',
    deniedCountries: ['KP'],
  },
  'policy.json',
);

function problems(input: unknown): string[] {
  try {
    parseGeoPolicy(input, 'policy.json');
  } catch (error) {
    return (error as ConfigError).problems;
  }
  throw new Error('expected the policy to be rejected');
}

describe('geo policy', () => {
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

  it('defaults unknown locations to require_mfa and never to allow', () => {
    const p = parseGeoPolicy({ default: { allowedCountries: ['mx'], outside: 'deny' } }, 'p');
    expect(p.unknown).toBe('require_mfa');
    expect(p.default.allowedCountries).toEqual(['MX']);
    expect(
      problems({ default: { allowedCountries: ['MX'], outside: 'deny' }, unknown: 'allow' }),
    ).toEqual(['unknown: must be "require_mfa" or "deny"']);
  });

  it('rejects unknown country codes, empty fences, duplicates and contradictions, naming each', () => {
    expect(
      problems({
        default: { allowedCountries: ['MX', 'XX', 'EU'], outside: 'allow' },
        groups: {
          a: { allowedCountries: [], outside: 'deny' },
          b: { allowedCountries: ['US', 'US', 'KP'], outside: 'deny' },
        },
        deniedCountries: ['KP', 'Spain'],
      }),
    ).toEqual([
      'default.allowedCountries.1: "XX" is not an ISO 3166-1 alpha-2 country code',
      'default.allowedCountries.2: "EU" is not an ISO 3166-1 alpha-2 country code',
      'default.outside: must be "require_mfa" or "deny"',
      'groups.a.allowedCountries: must list at least one country',
      'groups.b.allowedCountries: lists a country twice',
      'deniedCountries.1: "Spain" is not an ISO 3166-1 alpha-2 country code',
    ]);
    expect(
      problems({
        default: { allowedCountries: ['MX', 'KP'], outside: 'deny' },
        deniedCountries: ['KP'],
      }),
    ).toEqual(['default.allowedCountries: KP is allowed here but listed in deniedCountries']);
    expect(problems({})).toEqual([expect.stringMatching(/^default: /)]);
  });
});

describe('MFA posture rule', () => {
  it('needs a code channel wherever the policy can ask for a code', async () => {
    const { mayBeAskedForCode } = await import('../../../functions/core/geo/posture.js');
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
