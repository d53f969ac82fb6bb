import type { SignInGrant, SignInOutcome } from './ports.js';
import {
  MAX_CODE_ATTEMPTS,
  type NextStep,
  nextStep,
  passwordFailed,
  type SessionStep,
} from './sign-in-steps.js';
import type { SignInVerdict } from './sign-in-verdict.js';

export interface ChallengeDecision {
  step: NextStep;
  /** What the person's trail records at this step, if anything. */
  record?: {
    outcome: SignInOutcome;
    rule: string;
    reason: string;
    country: string | null;
    ip?: string;
  };
  /** When tokens are issued: what pre-token generation is told for this call. */
  grant?: Omit<SignInGrant, 'username'>;
}

export const CODE_RULE = 'one-time code';

/**
 * Define-auth-challenge's decision: the next step, what to record, and the grant that lets
 * pre-token generation issue tokens. A code is asked only of someone with a verified email to
 * receive it; a failed password is recorded as such, never as a geo decision.
 */
export function defineChallenge(
  session: readonly SessionStep[],
  assessed: SignInVerdict | undefined,
  emailVerified: boolean,
): ChallengeDecision {
  if (passwordFailed(session)) {
    return {
      step: nextStep(session, undefined),
      record: {
        outcome: 'password_failed',
        rule: 'password',
        reason: 'wrong password or no such user',
        country: null,
      },
    };
  }
  const codes = session.length - 2;
  const verdict =
    assessed?.decision === 'require_mfa' && !emailVerified && codes === 0
      ? {
          ...assessed,
          decision: 'deny' as const,
          reason: `${assessed.reason}; no verified email to send the code to`,
        }
      : assessed;
  const step = nextStep(session, verdict);
  if (!verdict) return { step };
  const facts = {
    rule: verdict.rule,
    reason: verdict.reason,
    country: verdict.country,
    ip: verdict.ip,
  };
  if (step.issueTokens) {
    const decision = codes > 0 ? 'mfa_passed' : 'allow';
    return {
      step,
      grant: { decision, country: verdict.country },
      record: codes > 0 ? undefined : { outcome: 'allowed', ...facts },
    };
  }
  if (!step.failAuthentication)
    return { step, record: codes > 0 ? undefined : { outcome: 'step_up_required', ...facts } };
  if (verdict.decision === 'deny') return { step, record: { outcome: 'denied', ...facts } };
  return {
    step,
    record: {
      outcome: 'denied',
      rule: CODE_RULE,
      reason: `${MAX_CODE_ATTEMPTS} wrong codes`,
      country: verdict.country,
      ip: verdict.ip,
    },
  };
}
