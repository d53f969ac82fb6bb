import { describe, expect, it } from 'vitest';
import type { SignInGrant } from '../../../../functions/core/geo/ports.js';
import type { SignInVerdict } from '../../../../functions/core/geo/sign-in-verdict.js';
import { tokenDecision } from '../../../../functions/core/geo/token-decision.js';

const ALLOWED: SignInVerdict = {
  decision: 'allow',
  rule: 'default',
  reason: 'MX is allowed',
  country: 'MX',
};
const ASKS_FOR_CODE: SignInVerdict = {
  decision: 'require_mfa',
  rule: 'default',
  reason: 'US is outside the allowed countries',
  country: 'US',
};
const DENIED: SignInVerdict = {
  decision: 'deny',
  rule: 'deniedCountries',
  reason: 'KP is denied',
  country: 'KP',
};
const OFFBOARDED: SignInVerdict = {
  decision: 'deny',
  rule: 'offboarded',
  reason: 'access ended at 2026-01-01T00:00:00.000Z',
  country: 'MX',
};
const GRANT: SignInGrant = { username: 'ana', decision: 'mfa_passed', country: 'US' };

type Input = Parameters<typeof tokenDecision>[0];
const signIn = (overrides: Partial<Input>): Input => ({
  kind: 'sign-in',
  clientRole: 'gateway',
  verdict: ALLOWED,
  grant: GRANT,
  username: 'ana',
  ...overrides,
});

describe('the pre-token decision', () => {
  it('issues nothing to a client that is neither the gateway nor named unfenced', () => {
    expect(tokenDecision(signIn({ clientRole: 'other' }))).toEqual({
      issue: false,
      rule: 'client',
      reason: 'not the gateway client',
    });
  });

  it('issues nothing once access has ended, whichever client asks', () => {
    for (const clientRole of ['gateway', 'unfenced'] as const) {
      expect(tokenDecision(signIn({ clientRole, verdict: OFFBOARDED }))).toEqual({
        issue: false,
        rule: 'offboarded',
        reason: 'access ended at 2026-01-01T00:00:00.000Z',
      });
    }
  });

  it.each([
    ['sign-in', DENIED, 'KP', false],
    ['refresh', { ...ASKS_FOR_CODE, country: null }, 'unknown', true],
  ] as const)(
    'issues tokens to an unfenced client on a %s whatever the location',
    (kind, verdict, country, refreshed) => {
      expect(
        tokenDecision(signIn({ kind, clientRole: 'unfenced', verdict, grant: undefined })),
      ).toEqual({
        issue: true,
        claims: { geo_country: country, geo_decision: 'unfenced' },
        refreshed,
      });
    },
  );

  it('refuses a denied location through the gateway even with a grant', () => {
    expect(tokenDecision(signIn({ verdict: DENIED }))).toEqual({
      issue: false,
      rule: 'deniedCountries',
      reason: 'KP is denied',
    });
  });

  it('refreshes only from an allowed location; elsewhere it asks for a new sign-in', () => {
    expect(tokenDecision(signIn({ kind: 'refresh', grant: undefined }))).toEqual({
      issue: true,
      claims: { geo_country: 'MX', geo_decision: 'allow' },
      refreshed: true,
    });
    expect(
      tokenDecision(signIn({ kind: 'refresh', verdict: { ...ALLOWED, country: null } })),
    ).toMatchObject({ claims: { geo_country: 'unknown' } });
    expect(tokenDecision(signIn({ kind: 'refresh', verdict: ASKS_FOR_CODE }))).toEqual({
      issue: false,
      rule: 'default',
      reason:
        'US is outside the allowed countries; a refresh from here needs a new sign-in with a code',
    });
  });

  it("issues sign-in tokens only on this call's grant for this very person", () => {
    const noGrant = {
      issue: false,
      rule: 'grant',
      reason: 'define-auth-challenge granted no tokens for this call',
    };
    expect(tokenDecision(signIn({ grant: undefined }))).toEqual(noGrant);
    expect(tokenDecision(signIn({ grant: { ...GRANT, username: 'bob' } }))).toEqual(noGrant);
  });

  it("claims the grant's decision and the country it was earned in", () => {
    expect(tokenDecision(signIn({}))).toEqual({
      issue: true,
      claims: { geo_country: 'US', geo_decision: 'mfa_passed' },
      refreshed: false,
    });
    expect(
      tokenDecision(signIn({ grant: { ...GRANT, decision: 'allow', country: null } })),
    ).toEqual({
      issue: true,
      claims: { geo_country: 'MX', geo_decision: 'allow' },
      refreshed: false,
    });
  });
});
