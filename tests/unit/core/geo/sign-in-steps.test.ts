import { describe, expect, it } from 'vitest';
import { parseGeoPolicy } from '../../../../functions/core/geo/geo-policy.js';
import {
  codeMatches,
  newCode,
  nextStep,
  type SignInVerdict,
  signInVerdict,
} from '../../../../functions/core/geo/sign-in-steps.js';

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

describe('custom-auth steps', () => {
  it('always asks for the password first, and never skips it', () => {
    expect(nextStep([srp], undefined)).toEqual({
      issueTokens: false,
      failAuthentication: false,
      challengeName: 'PASSWORD_VERIFIER',
    });
    expect(nextStep([], verdict('allow')).failAuthentication).toBe(true);
    expect(nextStep([code(true)], verdict('allow')).failAuthentication).toBe(true);
    expect(nextStep([srp, password(false)], verdict('allow')).failAuthentication).toBe(true);
    expect(nextStep([srp, code(true)], verdict('allow')).failAuthentication).toBe(true);
  });

  it('after the password: tokens, a code or refusal, per the verdict; no verdict means refusal', () => {
    expect(nextStep([srp, password()], verdict('allow'))).toEqual({
      issueTokens: true,
      failAuthentication: false,
    });
    expect(nextStep([srp, password()], verdict('require_mfa'))).toMatchObject({
      challengeName: 'CUSTOM_CHALLENGE',
    });
    expect(nextStep([srp, password()], verdict('deny')).failAuthentication).toBe(true);
    expect(nextStep([srp, password()], undefined).failAuthentication).toBe(true);
  });

  it('allows three attempts at the code', () => {
    expect(nextStep([srp, password(), code(false)], undefined)).toMatchObject({
      challengeName: 'CUSTOM_CHALLENGE',
    });
    expect(nextStep([srp, password(), code(false), code(false)], undefined)).toMatchObject({
      challengeName: 'CUSTOM_CHALLENGE',
    });
    expect(
      nextStep([srp, password(), code(false), code(false), code(false)], undefined)
        .failAuthentication,
    ).toBe(true);
    expect(nextStep([srp, password(), code(false), code(true)], undefined).issueTokens).toBe(true);
  });

  it('makes six-digit codes valid for five minutes, compared exactly', () => {
    const issued = newCode(NOW);
    expect(issued.code).toMatch(/^\d{6}$/);
    expect(codeMatches(issued, issued.code, new Date(NOW.getTime() + 299_000))).toBe(true);
    expect(codeMatches(issued, ` ${issued.code} `, NOW)).toBe(true);
    expect(codeMatches(issued, issued.code, new Date(NOW.getTime() + 301_000))).toBe(false);
    expect(codeMatches(issued, '', NOW)).toBe(false);
    expect(codeMatches({ code: '123456', expiresAt: NOW.getTime() + 1000 }, '123457', NOW)).toBe(
      false,
    );
    expect(codeMatches({ code: '123456', expiresAt: NOW.getTime() + 1000 }, '1234567', NOW)).toBe(
      false,
    );
  });

  it('refuses an offboarded person before any geo rule, from anywhere', () => {
    const policy = parseGeoPolicy(
      { default: { allowedCountries: ['MX'], outside: 'require_mfa' } },
      'p',
    );
    const geo = {
      ok: true as const,
      context: { ip: '189.203.0.1', country: 'MX', username: 'r', issuedAt: 1, nonce: 'n' },
    };
    const facts = { now: NOW, geo, replayed: false, groups: [] };
    expect(signInVerdict(policy, facts).decision).toBe('allow');
    expect(
      signInVerdict(policy, { ...facts, accessEndsAt: new Date(NOW.getTime() - 1) }),
    ).toMatchObject({ decision: 'deny', rule: 'offboarded' });
    expect(
      signInVerdict(policy, { ...facts, accessEndsAt: new Date(NOW.getTime() + 60_000) }).decision,
    ).toBe('allow');
    expect(signInVerdict(policy, { ...facts, replayed: true })).toMatchObject({
      decision: 'require_mfa',
      rule: 'unknown',
      country: null,
    });
  });
});
