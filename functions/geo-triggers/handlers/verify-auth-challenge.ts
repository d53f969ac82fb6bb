import { checkAnswer } from '../../core/geo/code-challenge.js';
import { CODE_RULE } from '../../core/geo/define-challenge.js';
import { verifyGeoContext } from '../../core/geo/geo-context.js';
import { bindingOf, geoToken, verifyAuthChallengeEvent } from '../trigger-events.js';
import {
  recordDecision,
  type TriggerDependencies,
  triggerHandler,
  withResponse,
} from './trigger-dependencies.js';

/** What verify-auth-challenge reads and writes: its composition builds only these. */
export type VerifyAuthChallengeDependencies = Pick<
  TriggerDependencies,
  'keys' | 'signIns' | 'clock' | 'log'
>;

/** Checks the one-time code in constant time and records the attempt; the code is never logged. */
export const createVerifyAuthChallengeHandler = triggerHandler(
  verifyAuthChallengeEvent,
  async (event, deps: VerifyAuthChallengeDependencies, raw) => {
    const now = deps.clock.now();
    const keys = await deps.keys();
    const { correct, reason } = checkAnswer(
      event.request.privateChallengeParameters,
      event.userName,
      event.request.challengeAnswer,
      keys,
      now,
    );
    // Where the answer came from, for the trail; define-auth-challenge decides on it next.
    const geo = verifyGeoContext(
      geoToken(event.request.clientMetadata),
      keys,
      now,
      bindingOf(event, true),
    );
    await recordDecision(deps, event, {
      at: now,
      outcome: correct ? 'step_up_passed' : 'step_up_failed',
      country: geo.ok ? geo.context.country : null,
      rule: CODE_RULE,
      reason,
      ip: geo.ok ? geo.context.ip : undefined,
    });
    return withResponse(raw, { ...event.response, answerCorrect: correct });
  },
);
