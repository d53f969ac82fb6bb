import { assessSignIn } from '../../core/geo/assess-sign-in.js';
import { CODE_RULE, defineChallenge, TOO_MANY_CODES } from '../../core/geo/define-challenge.js';
import { needsVerdict } from '../../core/geo/sign-in-steps.js';
import { attemptOf, defineAuthChallengeEvent, parseEvent } from '../trigger-events.js';
import {
  recordDecision,
  type TriggerDependencies,
  type TriggerHandler,
  withResponse,
} from './trigger-dependencies.js';

/**
 * Decides the next step of the custom-auth flow: the password (SRP) first, then tokens, a
 * one-time code, or refusal, per the geo policy. Enforces what pre-authentication enforces
 * too, so the decision holds even where pre-authentication does not run.
 */
export function createDefineAuthChallengeHandler(
  dependencies: () => Promise<TriggerDependencies>,
): TriggerHandler {
  return async (raw) => {
    const event = parseEvent(defineAuthChallengeEvent, raw);
    const session = event.request.session.map((s) => ({
      ...s,
      challengeMetadata: s.challengeMetadata ?? undefined,
    }));
    const deps = await dependencies();
    const now = deps.clock.now();
    const assessed = needsVerdict(session)
      ? await assessSignIn(
          attemptOf(event, event.request.clientMetadata, 'define-auth-challenge', now),
          deps,
        )
      : undefined;
    const { step, verdict, outcome } = defineChallenge(
      session,
      assessed,
      event.request.userAttributes.email_verified === 'true',
    );
    if (outcome) {
      await recordDecision(deps, event, {
        at: now,
        outcome,
        country: verdict?.country ?? null,
        rule: verdict?.rule ?? CODE_RULE,
        reason: verdict?.reason ?? TOO_MANY_CODES,
        ip: assessed?.ip,
      });
    }
    return withResponse(raw, { ...event.response, ...step });
  };
}
