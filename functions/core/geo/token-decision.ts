import type { SignInGrant } from './ports.js';
import type { SignInVerdict } from './sign-in-verdict.js';

export type TokenClaims = {
  geo_country: string;
  geo_decision: 'allow' | 'mfa_passed' | 'unfenced';
};

export type TokenDecision =
  | { issue: true; claims: TokenClaims; refreshed: boolean }
  | { issue: false; rule: string; reason: string };

/**
 * Pre-token generation's decision. Tokens for a sign-in need the grant define-auth-challenge
 * recorded for this very call; a refresh needs a fresh context from an allowed location (a
 * place that asks for a code asks for a new sign-in: see docs/decisions/0010); an unfenced
 * client needs only an access that has not ended.
 */
export function tokenDecision(input: {
  kind: 'sign-in' | 'refresh';
  clientRole: 'gateway' | 'unfenced' | 'other';
  verdict: SignInVerdict;
  grant: SignInGrant | undefined;
  username: string;
}): TokenDecision {
  const { verdict } = input;
  if (input.clientRole === 'other')
    return { issue: false, rule: 'client', reason: 'not the gateway client' };
  if (verdict.rule === 'offboarded')
    return { issue: false, rule: verdict.rule, reason: verdict.reason };
  const country = verdict.country ?? 'unknown';
  if (input.clientRole === 'unfenced')
    return {
      issue: true,
      claims: { geo_country: country, geo_decision: 'unfenced' },
      refreshed: input.kind === 'refresh',
    };
  if (verdict.decision === 'deny')
    return { issue: false, rule: verdict.rule, reason: verdict.reason };
  if (input.kind === 'refresh') {
    if (verdict.decision !== 'allow') {
      return {
        issue: false,
        rule: verdict.rule,
        reason: `${verdict.reason}; a refresh from here needs a new sign-in with a code`,
      };
    }
    return {
      issue: true,
      claims: { geo_country: country, geo_decision: 'allow' },
      refreshed: true,
    };
  }
  if (!input.grant || input.grant.username !== input.username) {
    return {
      issue: false,
      rule: 'grant',
      reason: 'define-auth-challenge granted no tokens for this call',
    };
  }
  return {
    issue: true,
    claims: { geo_country: input.grant.country ?? country, geo_decision: input.grant.decision },
    refreshed: false,
  };
}
