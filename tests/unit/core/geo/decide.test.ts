import { describe, expect, it } from 'vitest';
import { decide } from '../../../../functions/core/geo/decide.js';
import { parseGeoPolicy } from '../../../../functions/core/geo/geo-policy.js';
import { mayBeAskedForCode } from '../../../../functions/core/geo/posture.js';

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
  'test',
);

describe('an unresolved address', () => {
  it('never weakens a fence: it gets the strictest of `unknown` and every applicable fence', () => {
    expect(decide(POLICY, null, ['press-admins'])).toMatchObject({
      decision: 'deny',
      rule: 'groups.press-admins',
    });
    expect(decide(POLICY, null, ['correspondents', 'press-admins'])).toMatchObject({
      decision: 'deny',
    });
    expect(decide(POLICY, null, [])).toMatchObject({ decision: 'require_mfa', rule: 'unknown' });
  });

  it('is never allowed, even for a fence that would allow everybody inside', () => {
    const lax = parseGeoPolicy(
      { default: { allowedCountries: ['MX'], outside: 'require_mfa' }, unknown: 'deny' },
      't',
    );
    expect(decide(lax, null, [])).toMatchObject({ decision: 'deny', rule: 'unknown' });
  });
});

describe('denied countries', () => {
  it('deny whatever the groups', () => {
    expect(decide(POLICY, 'KP', ['correspondents'])).toMatchObject({
      decision: 'deny',
      rule: 'deniedCountries',
    });
  });
});

describe('the reason of a verdict', () => {
  it.each([
    [null, [], 'location unknown: unresolved, private or reserved address'],
    [
      null,
      ['press-admins'],
      'location unknown, so treated as outside the fence of groups.press-admins',
    ],
    ['ES', ['correspondents'], 'ES is inside the fence of groups.correspondents (MX, US, ES)'],
    ['US', [], 'US is outside the fence of default (MX)'],
  ] as const)('from %s for groups %j reads "%s"', (country, groups, reason) => {
    expect(decide(POLICY, country, groups).reason).toBe(reason);
  });
});

describe('who may be asked for a one-time code', () => {
  it('is anyone whose fences ask for one somewhere', () => {
    expect(mayBeAskedForCode(POLICY, [])).toBe(true);
    expect(mayBeAskedForCode(POLICY, ['correspondents'])).toBe(true);
  });

  it('is nobody whose deny fence covers every place a code would be asked', () => {
    expect(mayBeAskedForCode(POLICY, ['press-admins'])).toBe(false);
    // Inside the deny fence (MX) they are also inside the code fence: never asked.
    expect(mayBeAskedForCode(POLICY, ['press-admins', 'correspondents'])).toBe(false);
  });

  it('is someone with a deny fence wider than their code fence', () => {
    const policy = parseGeoPolicy(
      {
        default: { allowedCountries: ['MX'], outside: 'require_mfa' },
        groups: {
          travel: { allowedCountries: ['MX', 'US'], outside: 'deny' },
          office: { allowedCountries: ['MX'], outside: 'require_mfa' },
        },
      },
      't',
    );
    expect(mayBeAskedForCode(policy, ['travel', 'office'])).toBe(true);
  });
});
