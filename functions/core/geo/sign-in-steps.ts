import type { SignInVerdict } from './sign-in-verdict.js';

export const CODE_TTL_MS = 5 * 60_000;
export const MAX_CODE_ATTEMPTS = 3;

export interface SessionStep {
  challengeName: string;
  challengeResult: boolean;
  challengeMetadata?: string;
}

export type NextStep =
  | { issueTokens: true; failAuthentication: false }
  | { issueTokens: false; failAuthentication: true }
  | {
      issueTokens: false;
      failAuthentication: false;
      challengeName: 'PASSWORD_VERIFIER' | 'CUSTOM_CHALLENGE';
    };

const FAIL: NextStep = { issueTokens: false, failAuthentication: true };
const TOKENS: NextStep = { issueTokens: true, failAuthentication: false };
const ask = (challengeName: 'PASSWORD_VERIFIER' | 'CUSTOM_CHALLENGE'): NextStep => ({
  issueTokens: false,
  failAuthentication: false,
  challengeName,
});

/**
 * Define-auth-challenge: SRP_A -> PASSWORD_VERIFIER -> (per the verdict) tokens, a one-time
 * code, or refusal. The verdict of the current call decides every step after the password, so
 * a code answered from a denied country (or with no valid context) is refused too. Anything out
 * of order fails: the password step can never be skipped.
 */
export function nextStep(
  session: readonly SessionStep[],
  verdict: SignInVerdict | undefined,
): NextStep {
  const [srp, password, ...codes] = session;
  if (srp?.challengeName !== 'SRP_A' || !srp.challengeResult) return FAIL;
  if (!password) return codes.length === 0 ? ask('PASSWORD_VERIFIER') : FAIL;
  if (password.challengeName !== 'PASSWORD_VERIFIER' || !password.challengeResult) return FAIL;
  if (codes.some((c) => c.challengeName !== 'CUSTOM_CHALLENGE')) return FAIL;
  if (!verdict || verdict.decision === 'deny') return FAIL;
  if (codes.length === 0) return verdict.decision === 'allow' ? TOKENS : ask('CUSTOM_CHALLENGE');
  if (codes.at(-1)?.challengeResult) return TOKENS;
  return codes.length >= MAX_CODE_ATTEMPTS ? FAIL : ask('CUSTOM_CHALLENGE');
}

/** Steps after a correct password need the verdict of the current call. */
export function needsVerdict(session: readonly SessionStep[]): boolean {
  return (
    session.length >= 2 &&
    session[1]?.challengeName === 'PASSWORD_VERIFIER' &&
    session[1].challengeResult
  );
}

/** The password step failed: a wrong password, or (with user existence errors prevented) no such user. */
export function passwordFailed(session: readonly SessionStep[]): boolean {
  return (
    session.length === 2 &&
    session[1]?.challengeName === 'PASSWORD_VERIFIER' &&
    !session[1].challengeResult
  );
}
