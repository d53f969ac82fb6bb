import { describe, expect, it } from 'vitest';
import { defineChallenge } from '../../../../functions/core/geo/define-challenge.js';
import type { SignInVerdict } from '../../../../functions/core/geo/sign-in-verdict.js';

const srp = { challengeName: 'SRP_A', challengeResult: true };
const password = (ok = true) => ({ challengeName: 'PASSWORD_VERIFIER', challengeResult: ok });
const code = (ok: boolean) => ({ challengeName: 'CUSTOM_CHALLENGE', challengeResult: ok });
const verdict = (decision: SignInVerdict['decision'], country = 'ES'): SignInVerdict => ({
  decision,
  rule: 'default',
  reason: `${country} is outside the fence of default (MX)`,
  country,
  ip: '88.1.1.1',
});
const ASK_CODE = {
  issueTokens: false,
  failAuthentication: false,
  challengeName: 'CUSTOM_CHALLENGE',
};
const FAIL = { issueTokens: false, failAuthentication: true };
const TOKENS = { issueTokens: true, failAuthentication: false };

describe('define-auth-challenge decision', () => {
  it('asks for the password first and records nothing yet', () => {
    expect(defineChallenge([srp], undefined, true)).toEqual({
      step: { issueTokens: false, failAuthentication: false, challengeName: 'PASSWORD_VERIFIER' },
    });
  });

  it('records a failed password as such, never as a geo decision', () => {
    expect(defineChallenge([srp, password(false)], undefined, true)).toEqual({
      step: FAIL,
      record: {
        outcome: 'password_failed',
        rule: 'password',
        reason: 'wrong password or no such user',
        country: null,
      },
    });
  });

  it('issues tokens to an allowed sign-in, grants them for this call, and records it', () => {
    expect(defineChallenge([srp, password()], verdict('allow', 'MX'), false)).toMatchObject({
      step: TOKENS,
      grant: { decision: 'allow', country: 'MX' },
      record: { outcome: 'allowed', country: 'MX', ip: '88.1.1.1' },
    });
  });

  it('asks for a code from outside the fence when there is a verified email to send it to', () => {
    expect(defineChallenge([srp, password()], verdict('require_mfa'), true)).toMatchObject({
      step: ASK_CODE,
      record: { outcome: 'step_up_required', rule: 'default' },
    });
  });

  it('refuses instead when the person has no verified email, and says why', () => {
    const decision = defineChallenge([srp, password()], verdict('require_mfa'), false);
    expect(decision).toMatchObject({
      step: FAIL,
      record: {
        outcome: 'denied',
        reason: 'ES is outside the fence of default (MX); no verified email to send the code to',
      },
    });
    expect(decision.grant).toBeUndefined();
  });

  it('refuses a denied sign-in and records it as denied', () => {
    expect(defineChallenge([srp, password()], verdict('deny'), true)).toMatchObject({
      step: FAIL,
      record: { outcome: 'denied' },
    });
  });

  it('issues tokens after a right code, granted as mfa_passed; verify-auth-challenge recorded the code', () => {
    const decision = defineChallenge(
      [srp, password(), code(false), code(true)],
      verdict('require_mfa'),
      true,
    );
    expect(decision).toEqual({
      step: TOKENS,
      grant: { decision: 'mfa_passed', country: 'ES' },
      record: undefined,
    });
  });

  it('refuses a right code when the call that answers it comes from where the policy denies', () => {
    expect(
      defineChallenge([srp, password(), code(true)], verdict('deny', 'KP'), true),
    ).toMatchObject({
      step: FAIL,
      record: { outcome: 'denied', country: 'KP' },
    });
  });

  it('asks again after a wrong code, and refuses after the third, recording the refusal', () => {
    expect(defineChallenge([srp, password(), code(false)], verdict('require_mfa'), true)).toEqual({
      step: ASK_CODE,
      record: undefined,
    });
    const third = defineChallenge(
      [srp, password(), code(false), code(false), code(false)],
      verdict('require_mfa'),
      true,
    );
    expect(third).toMatchObject({
      step: FAIL,
      record: { outcome: 'denied', rule: 'one-time code', reason: '3 wrong codes' },
    });
  });

  it('fails an out-of-order flow without recording a decision', () => {
    expect(defineChallenge([code(true)], undefined, true)).toEqual({ step: FAIL });
  });

  it('checks for a verified email only before the first code is sent', () => {
    expect(
      defineChallenge([srp, password(), code(true)], verdict('require_mfa'), false),
    ).toMatchObject({ step: TOKENS, grant: { decision: 'mfa_passed' } });
  });
});
