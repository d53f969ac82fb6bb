import type { SignInOutcome } from './ports.js';
import {
  MAX_CODE_ATTEMPTS,
  type NextStep,
  nextStep,
  type SessionStep,
  type SignInVerdict,
} from './sign-in-steps.js';

export interface ChallengeDecision {
  step: NextStep;
  /** The verdict after the password step, when one was needed. */
  verdict?: SignInVerdict;
  /** What to audit at this step, if anything. */
  outcome?: SignInOutcome;
}

/**
 * Define-auth-challenge's decision: the next step of the flow, and what to audit. A code is
 * asked only of someone with a verified email to receive it; anyone else is refused.
 */
export function defineChallenge(
  session: SessionStep[],
  assessed: SignInVerdict | undefined,
  emailVerified: boolean,
): ChallengeDecision {
  const verdict =
    assessed?.decision === 'require_mfa' && !emailVerified
      ? {
          ...assessed,
          decision: 'deny' as const,
          reason: `${assessed.reason}; no verified email to send the code to`,
        }
      : assessed;
  const step = nextStep(session, verdict);
  return { step, verdict, outcome: outcomeOf(step, verdict, session.length) };
}

/** The geo decision right after the password, or the final failure of the code. */
function outcomeOf(
  step: NextStep,
  verdict: SignInVerdict | undefined,
  steps: number,
): SignInOutcome | undefined {
  if (verdict) {
    if (step.issueTokens) return 'allowed';
    return step.failAuthentication ? 'denied' : 'step_up_required';
  }
  return step.failAuthentication && steps > 2 ? 'denied' : undefined;
}

/** The rule and reason an audited step records when no verdict was needed (the code steps). */
export const CODE_RULE = 'one-time code';
export const TOO_MANY_CODES = `${MAX_CODE_ATTEMPTS} wrong codes`;
