import middy from '@middy/core';
import { assessSignIn } from '../core/geo/assess-sign-in.js';
import { logger, triggerDependencies } from './trigger-dependencies.js';
import { attemptOf, parseEvent, preAuthenticationEvent } from './trigger-events.js';

/**
 * Refuses, before the password is even checked, a sign-in from a denied country or by a person
 * whose access has ended. Geo context arrives here as `validationData` (from InitiateAuth).
 */
async function preAuthentication(raw: unknown): Promise<unknown> {
  const event = parseEvent(preAuthenticationEvent, raw);
  const deps = await triggerDependencies();
  const now = new Date();
  const verdict = await assessSignIn(
    attemptOf(event, event.request.validationData, 'pre-authentication', now),
    deps,
  );
  if (verdict.decision === 'deny') {
    await deps.store.recordDecision({
      source: event.userPoolId,
      username: event.userName,
      at: now,
      outcome: 'denied',
      country: verdict.country,
      rule: verdict.rule,
      reason: verdict.reason,
      ip: verdict.ip,
    });
    logger.info('sign-in refused', {
      trigger: 'pre-authentication',
      rule: verdict.rule,
      country: verdict.country,
    });
    // Generic on purpose: the message reaches the client.
    throw new Error('Sign-in refused');
  }
  return raw;
}

export const handler = middy(preAuthentication);
