import middy from '@middy/core';
import { assessSignIn } from '../core/geo/assess-sign-in.js';
import type { SignInOutcome } from '../core/geo/sign-in-ports.js';
import {
  MAX_CODE_ATTEMPTS,
  needsVerdict,
  nextStep,
  type SignInVerdict,
} from '../core/geo/sign-in-steps.js';
import { logger, triggerDependencies } from './trigger-dependencies.js';
import { attemptOf, defineAuthChallengeEvent, parseEvent } from './trigger-events.js';

/**
 * Decides the next step of the custom-auth flow: the password (SRP) first, then tokens, a
 * one-time code, or refusal, per the geo policy. Enforces what pre-authentication enforces
 * too, so the decision holds even where pre-authentication does not run.
 */
async function defineAuthChallenge(raw: unknown): Promise<unknown> {
  const event = parseEvent(defineAuthChallengeEvent, raw);
  const session = event.request.session.map((s) => ({
    ...s,
    challengeMetadata: s.challengeMetadata ?? undefined,
  }));
  const deps = await triggerDependencies();
  const now = new Date();
  let verdict: SignInVerdict | undefined;
  if (needsVerdict(session)) {
    verdict = await assessSignIn(
      attemptOf(event, event.request.clientMetadata, 'define-auth-challenge', now),
      deps,
    );
    if (
      verdict.decision === 'require_mfa' &&
      event.request.userAttributes.email_verified !== 'true'
    ) {
      verdict = {
        ...verdict,
        decision: 'deny',
        reason: `${verdict.reason}; no verified email to send the code to`,
      };
    }
  }
  const step = nextStep(session, verdict);
  Object.assign(event.response, step);

  const outcome = outcomeOf(step, verdict, session.length);
  if (outcome) {
    await deps.store.recordDecision({
      source: event.userPoolId,
      username: event.userName,
      at: now,
      outcome,
      country: verdict?.country ?? null,
      rule: verdict?.rule ?? 'one-time code',
      reason: verdict?.reason ?? `${MAX_CODE_ATTEMPTS} wrong codes`,
      ip: (verdict as { ip?: string } | undefined)?.ip,
    });
    logger.info('sign-in decision', { outcome, rule: verdict?.rule, country: verdict?.country });
  }
  return { ...(raw as object), response: event.response };
}

/** What to audit at this step: the geo decision after the password, or the final failure of the code. */
function outcomeOf(
  step: ReturnType<typeof nextStep>,
  verdict: SignInVerdict | undefined,
  steps: number,
): SignInOutcome | undefined {
  if (verdict) {
    if (step.issueTokens) return 'allowed';
    return step.failAuthentication ? 'denied' : 'step_up_required';
  }
  return step.failAuthentication && steps > 2 ? 'denied' : undefined;
}

export const handler = middy(defineAuthChallenge);
