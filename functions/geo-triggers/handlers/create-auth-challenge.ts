import { challengeCode, challengeResponse } from '../../core/geo/code-challenge.js';
import { SignInRefusedError, WardenError } from '../../core/shared/errors.js';
import { createAuthChallengeEvent, parseEvent } from '../trigger-events.js';
import {
  type TriggerDependencies,
  type TriggerHandler,
  withResponse,
} from './trigger-dependencies.js';

/**
 * Issues the one-time code for a sign-in from outside the fence and emails it. A retry after a
 * wrong answer reuses the code still valid rather than sending another; the code is never logged.
 */
export function createCreateAuthChallengeHandler(
  dependencies: () => Promise<TriggerDependencies>,
): TriggerHandler {
  return async (raw) => {
    const event = parseEvent(createAuthChallengeEvent, raw);
    if (event.request.challengeName !== 'CUSTOM_CHALLENGE') return raw;
    const { email, email_verified: verified } = event.request.userAttributes;
    if (!email || verified !== 'true') throw new SignInRefusedError();
    const deps = await dependencies();
    const { code, send } = challengeCode(
      event.request.session.map((s) => s.challengeMetadata ?? undefined),
      deps.clock.now(),
    );
    if (send) {
      if (!deps.codeSender) throw new WardenError('no code sender is configured');
      await deps.codeSender.send(email, code.code);
    }
    return withResponse(raw, { ...event.response, ...challengeResponse(code, email) });
  };
}
