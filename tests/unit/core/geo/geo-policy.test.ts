import { describe, expect, it } from 'vitest';
import { parseGeoPolicy } from '../../../../functions/core/geo/geo-policy.js';
import type { ConfigError } from '../../../../functions/core/shared/errors.js';

function problems(input: unknown): string[] {
  try {
    parseGeoPolicy(input, 'policy.json');
  } catch (error) {
    return (error as ConfigError).problems;
  }
  throw new Error('expected the policy to be rejected');
}

describe('geo policy', () => {
  it('defaults unknown locations to require_mfa and never to allow; reads codes in any case and spacing', () => {
    const p = parseGeoPolicy(
      { default: { allowedCountries: ['mx', ' es '], outside: 'deny' } },
      'p',
    );
    expect(p.unknown).toBe('require_mfa');
    expect(p.default.allowedCountries).toEqual(['MX', 'ES']);
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

  it('rejects a group fence that allows a denied country, naming the group', () => {
    expect(
      problems({
        default: { allowedCountries: ['MX'], outside: 'deny' },
        groups: { correspondents: { allowedCountries: ['MX', 'RU'], outside: 'require_mfa' } },
        deniedCountries: ['RU'],
      }),
    ).toEqual([
      'groups.correspondents.allowedCountries: RU is allowed here but listed in deniedCountries',
    ]);
  });

  it('refuses a fence for a group named "__proto__", which an object cannot hold, instead of dropping it', () => {
    const fence = { allowedCountries: ['FR'], outside: 'deny' };
    const groups = JSON.parse(
      `{"__proto__":${JSON.stringify(fence)},"staff":${JSON.stringify(fence)}}`,
    );
    expect(problems({ default: { allowedCountries: ['MX'], outside: 'deny' }, groups })).toEqual([
      'groups.__proto__: cannot be fenced by name (JavaScript reserves it): rename the group',
    ]);
    // Beside a group that is not a fence, it is still refused, not read as one.
    const withBroken = JSON.parse(`{"__proto__":${JSON.stringify(fence)},"staff":0}`);
    expect(
      problems({ default: { allowedCountries: ['MX'], outside: 'deny' }, groups: withBroken }),
    ).toEqual([
      'groups.__proto__: cannot be fenced by name (JavaScript reserves it): rename the group',
    ]);
  });
});
