import middy from '@middy/core';
import { verifyGeoContext } from '../core/geo/geo-context.js';
import { codeMatches } from '../core/geo/sign-in-steps.js';
import { logger, triggerDependencies } from './trigger-dependencies.js';
import { accountNames, geoToken, parseEvent, verifyAuthChallengeEvent } from './trigger-events.js';

/** Checks the one-time code in constant time and audits the attempt; the code is never logged. */
async function verifyAuthChallenge(raw: unknown): Promise<unknown> {
  const event = parseEvent(verifyAuthChallengeEvent, raw);
  const deps = await triggerDependencies();
  const now = new Date();
  const { code, expiresAt } = event.request.privateChallengeParameters;
  const correct =
    Boolean(code) &&
    codeMatches(
      { code: code as string, expiresAt: Number(expiresAt) },
      event.request.challengeAnswer,
      now,
    );
  event.response.answerCorrect = correct;

  const geo = verifyGeoContext(
    geoToken(event.request.clientMetadata),
    deps.key,
    now,
    accountNames(event),
  );
  await deps.store.recordDecision({
    source: event.userPoolId,
    username: event.userName,
    at: now,
    outcome: correct ? 'step_up_passed' : 'step_up_failed',
    country: geo.ok ? geo.context.country : null,
    rule: 'one-time code',
    reason: correct
      ? 'correct code'
      : Number(expiresAt) < now.getTime()
        ? 'code expired'
        : 'wrong code',
    ip: geo.ok ? geo.context.ip : undefined,
  });
  logger.info('one-time code checked', { correct });
  return { ...(raw as object), response: event.response };
}

export const handler = middy(verifyAuthChallenge);
