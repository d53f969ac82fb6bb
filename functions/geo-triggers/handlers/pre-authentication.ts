import { assessSignIn } from '../../core/geo/assess-sign-in.js';
import { SignInRefusedError } from '../../core/shared/errors.js';
import { attemptOf, parseEvent, preAuthenticationEvent } from '../trigger-events.js';
import {
  recordDecision,
  type TriggerDependencies,
  type TriggerHandler,
} from './trigger-dependencies.js';

/**
 * Refuses, before the password is even checked, a sign-in from a denied country or by a person
 * whose access has ended. Geo context arrives here as `validationData` (from InitiateAuth).
 */
export function createPreAuthenticationHandler(
  dependencies: () => Promise<TriggerDependencies>,
): TriggerHandler {
  return async (raw) => {
    const event = parseEvent(preAuthenticationEvent, raw);
    const deps = await dependencies();
    const now = deps.clock.now();
    const verdict = await assessSignIn(
      attemptOf(event, event.request.validationData, 'pre-authentication', now),
      deps,
    );
    if (verdict.decision !== 'deny') return raw;
    await recordDecision(deps, event, { ...verdict, at: now, outcome: 'denied' });
    throw new SignInRefusedError();
  };
}
