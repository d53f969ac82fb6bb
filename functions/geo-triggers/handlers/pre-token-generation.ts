import { assessSignIn } from '../../core/geo/assess-sign-in.js';
import { SignInRefusedError } from '../../core/shared/errors.js';
import { attemptOf, parseEvent, preTokenGenerationEvent } from '../trigger-events.js';
import {
  type TriggerDependencies,
  type TriggerHandler,
  withResponse,
} from './trigger-dependencies.js';

/**
 * Adds `geo_country` and `geo_decision` to the ID token, and refuses tokens (refreshes included)
 * to a person whose access has ended.
 */
export function createPreTokenGenerationHandler(
  dependencies: () => Promise<TriggerDependencies>,
): TriggerHandler {
  return async (raw) => {
    const event = parseEvent(preTokenGenerationEvent, raw);
    const deps = await dependencies();
    const verdict = await assessSignIn(
      attemptOf(event, event.request.clientMetadata, 'pre-token-generation', deps.clock.now()),
      deps,
    );
    if (verdict.rule === 'offboarded') throw new SignInRefusedError();
    return withResponse(raw, {
      ...event.response,
      claimsOverrideDetails: {
        claimsToAddOrOverride: {
          geo_country: verdict.country ?? 'unknown',
          geo_decision: verdict.decision,
        },
      },
    });
  };
}
