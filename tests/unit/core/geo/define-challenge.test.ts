import { describe, expect, it } from 'vitest';
import {
  CODE_RULE,
  defineChallenge,
  TOO_MANY_CODES,
} from '../../../../functions/core/geo/define-challenge.js';
import type { SignInVerdict } from '../../../../functions/core/geo/sign-in-steps.js';

const srp = { challengeName: 'SRP_A', challengeResult: true };
const password = { challengeName: 'PASSWORD_VERIFIER', challengeResult: true };
const code = (ok: boolean) => ({ challengeName: 'CUSTOM_CHALLENGE', challengeResult: ok });
const verdict = (decision: SignInVerdict['decision']): SignInVerdict => ({
  decision,
  rule: 'default',
  reason: 'ES is outside the fence of default (MX)',
  country: 'ES',
});
const ASK_CODE = {
  issueTokens: false,
  failAuthentication: false,
  challengeName: 'CUSTOM_CHALLENGE',
};
const FAIL = { issueTokens: false, failAuthentication: true };
const TOKENS = { issueTokens: true, failAuthentication: false };

describe('define-auth-challenge decision', () => {
  it('asks for the password first and audits nothing yet', () => {
    expect(defineChallenge([srp], undefined, true)).toEqual({
      step: { issueTokens: false, failAuthentication: false, challengeName: 'PASSWORD_VERIFIER' },
      verdict: undefined,
      outcome: undefined,
    });
  });

  it('issues tokens to an allowed sign-in, and audits it as allowed', () => {
    const decision = defineChallenge([srp, password], verdict('allow'), false);
    expect(decision).toMatchObject({ step: TOKENS, outcome: 'allowed' });
  });

  it('asks for a code from outside the fence when there is a verified email to send it to', () => {
    const decision = defineChallenge([srp, password], verdict('require_mfa'), true);
    expect(decision).toEqual({
      step: ASK_CODE,
      verdict: verdict('require_mfa'),
      outcome: 'step_up_required',
    });
  });

  it('refuses instead when the person has no verified email, and says why', () => {
    const decision = defineChallenge([srp, password], verdict('require_mfa'), false);
    expect(decision).toMatchObject({
      step: FAIL,
      outcome: 'denied',
      verdict: {
        decision: 'deny',
        rule: 'default',
        reason: 'ES is outside the fence of default (MX); no verified email to send the code to',
      },
    });
  });

  it('refuses a denied sign-in and audits it as denied', () => {
    expect(defineChallenge([srp, password], verdict('deny'), true)).toMatchObject({
      step: FAIL,
      outcome: 'denied',
    });
  });

  it('issues tokens after a right code; verify-auth-challenge already audited it', () => {
    expect(defineChallenge([srp, password, code(false), code(true)], undefined, true)).toEqual({
      step: TOKENS,
      verdict: undefined,
      outcome: undefined,
    });
  });

  it('asks again after a wrong code, and refuses after the third, auditing the refusal', () => {
    expect(defineChallenge([srp, password, code(false)], undefined, true)).toMatchObject({
      step: ASK_CODE,
      outcome: undefined,
    });
    const third = defineChallenge(
      [srp, password, code(false), code(false), code(false)],
      undefined,
      true,
    );
    expect(third).toMatchObject({ step: FAIL, outcome: 'denied' });
    expect([CODE_RULE, TOO_MANY_CODES]).toEqual(['one-time code', '3 wrong codes']);
  });

  it('fails an out-of-order flow before the password without auditing a decision', () => {
    expect(defineChallenge([code(true)], undefined, true)).toEqual({
      step: FAIL,
      verdict: undefined,
      outcome: undefined,
    });
  });
});
