import { describe, expect, it } from 'vitest';
import { parseGeoPolicy } from '../../../../functions/core/geo/geo-policy.js';
import {
  needsVerdict,
  nextStep,
  passwordFailed,
} from '../../../../functions/core/geo/sign-in-steps.js';
import {
  type SignInVerdict,
  signInVerdict,
} from '../../../../functions/core/geo/sign-in-verdict.js';

const NOW = new Date('2026-11-29T12:00:00Z');
const verdict = (decision: SignInVerdict['decision']): SignInVerdict => ({
  decision,
  rule: 'default',
  reason: '',
  country: 'ES',
});
const srp = { challengeName: 'SRP_A', challengeResult: true };
const password = (ok = true) => ({ challengeName: 'PASSWORD_VERIFIER', challengeResult: ok });
const code = (ok: boolean) => ({ challengeName: 'CUSTOM_CHALLENGE', challengeResult: ok });
const FAIL = { issueTokens: false, failAuthentication: true };

describe('custom-auth steps', () => {
  it('always asks for the password first, and never skips it', () => {
    expect(nextStep([srp], undefined)).toEqual({
      issueTokens: false,
      failAuthentication: false,
      challengeName: 'PASSWORD_VERIFIER',
    });
    expect(nextStep([], verdict('allow'))).toEqual(FAIL);
    expect(nextStep([code(true)], verdict('allow'))).toEqual(FAIL);
    expect(nextStep([srp, password(false)], verdict('allow'))).toEqual(FAIL);
    expect(nextStep([srp, code(true)], verdict('allow'))).toEqual(FAIL);
  });

  it('after the password: tokens, a code or refusal, per the verdict; no verdict means refusal', () => {
    expect(nextStep([srp, password()], verdict('allow'))).toEqual({
      issueTokens: true,
      failAuthentication: false,
    });
    expect(nextStep([srp, password()], verdict('require_mfa'))).toMatchObject({
      challengeName: 'CUSTOM_CHALLENGE',
    });
    expect(nextStep([srp, password()], verdict('deny'))).toEqual(FAIL);
    expect(nextStep([srp, password()], undefined)).toEqual(FAIL);
  });

  it('allows three attempts at the code, and refuses a correct code answered from where the verdict denies', () => {
    expect(nextStep([srp, password(), code(false)], verdict('require_mfa'))).toMatchObject({
      challengeName: 'CUSTOM_CHALLENGE',
    });
    expect(
      nextStep([srp, password(), code(false), code(true)], verdict('require_mfa')),
    ).toMatchObject({ issueTokens: true });
    expect(
      nextStep([srp, password(), code(false), code(false), code(false)], verdict('require_mfa')),
    ).toEqual(FAIL);
    expect(nextStep([srp, password(), code(true)], verdict('deny'))).toEqual(FAIL);
    expect(nextStep([srp, password(), code(true)], undefined)).toEqual(FAIL);
  });
  it('issues tokens for a right code at the third and last attempt', () => {
    expect(
      nextStep([srp, password(), code(false), code(false), code(true)], verdict('require_mfa')),
    ).toMatchObject({ issueTokens: true });
  });

  it('fails anything but a code after the password, however it went', () => {
    expect(nextStep([srp, password(), password()], verdict('allow'))).toEqual(FAIL);
    expect(nextStep([srp, password(), code(false), srp], verdict('require_mfa'))).toEqual(FAIL);
  });

  it('needs a verdict, and counts a failed password, only when the second step is the password', () => {
    expect(needsVerdict([srp])).toBe(false);
    expect(needsVerdict([srp, password()])).toBe(true);
    expect(needsVerdict([srp, password(), code(false)])).toBe(true);
    expect(needsVerdict([srp, password(false)])).toBe(false);
    expect(needsVerdict([srp, code(true)])).toBe(false);
    expect(passwordFailed([srp, password(false)])).toBe(true);
    expect(passwordFailed([srp, password()])).toBe(false);
    expect(passwordFailed([srp])).toBe(false);
    expect(passwordFailed([srp, code(false)])).toBe(false);
  });
});

describe('the verdict of one call', () => {
  const policy = parseGeoPolicy(
    { default: { allowedCountries: ['MX'], outside: 'require_mfa' } },
    'test',
  );
  const valid = {
    ok: true as const,
    context: {
      ip: '1.1.1.1',
      country: 'MX',
      username: 'a',
      clientId: 'c',
      issuedAt: 1,
      nonce: 'n',
    },
  };

  it('refuses an ended access, and an access end it cannot read, before looking at the country', () => {
    expect(
      signInVerdict(policy, {
        now: NOW,
        geo: valid,
        replayed: false,
        groups: [],
        accessEndsAt: NOW,
      }),
    ).toMatchObject({
      decision: 'deny',
      rule: 'offboarded',
    });
    expect(
      signInVerdict(policy, {
        now: NOW,
        geo: valid,
        replayed: false,
        groups: [],
        accessEndsAt: new Date('garbage'),
      }),
    ).toMatchObject({
      decision: 'deny',
      rule: 'offboarded',
      reason: 'the recorded access end cannot be read',
    });
  });

  it('refuses a call without a valid context, or a replayed one, whatever the policy says of unknown places', () => {
    expect(
      signInVerdict(policy, {
        now: NOW,
        geo: { ok: false, failure: 'missing' },
        replayed: false,
        groups: [],
      }),
    ).toMatchObject({
      decision: 'deny',
      rule: 'geo-context',
    });
    expect(
      signInVerdict(policy, { now: NOW, geo: valid, replayed: true, groups: [] }),
    ).toMatchObject({ decision: 'deny' });
    expect(
      signInVerdict(policy, { now: NOW, geo: valid, replayed: false, groups: [] }),
    ).toMatchObject({ decision: 'allow' });
  });
});
