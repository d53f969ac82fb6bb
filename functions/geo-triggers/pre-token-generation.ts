import middy from '@middy/core';
import { assessSignIn } from '../core/geo/assess-sign-in.js';
import { triggerDependencies } from './trigger-dependencies.js';
import { attemptOf, parseEvent, preTokenGenerationEvent } from './trigger-events.js';

/**
 * Adds `geo_country` and `geo_decision` to the ID token, and refuses tokens (refreshes included)
 * to a person whose access has ended.
 */
async function preTokenGeneration(raw: unknown): Promise<unknown> {
  const event = parseEvent(preTokenGenerationEvent, raw);
  const deps = await triggerDependencies();
  const verdict = await assessSignIn(
    attemptOf(event, event.request.clientMetadata, 'pre-token-generation', new Date()),
    deps,
  );
  if (verdict.rule === 'offboarded') throw new Error('Sign-in refused');
  event.response.claimsOverrideDetails = {
    claimsToAddOrOverride: {
      geo_country: verdict.country ?? 'unknown',
      geo_decision: verdict.decision,
    },
  };
  return { ...(raw as object), response: event.response };
}

export const handler = middy(preTokenGeneration);
