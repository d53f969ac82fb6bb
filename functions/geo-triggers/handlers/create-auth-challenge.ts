import { challengeCode, challengeResponse } from '../../core/geo/code-challenge.js';
import { SignInRefusedError, WardenError } from '../../core/shared/errors.js';
import { createAuthChallengeEvent } from '../trigger-events.js';
import {
  roleOf,
  type TriggerDependencies,
  triggerHandler,
  withResponse,
} from './trigger-dependencies.js';

/** What create-auth-challenge reads and writes: its composition builds only these. */
export type CreateAuthChallengeDependencies = Pick<
  TriggerDependencies,
  'keys' | 'clients' | 'codeSender' | 'clock'
>;

/**
 * Issues the one-time code for a sign-in from outside the fence and emails it. A retry after a
 * wrong answer reuses the code still valid rather than sending another. Cognito keeps only an
 * HMAC of the code; the code itself is never stored or logged.
 */
export const createCreateAuthChallengeHandler = triggerHandler(
  createAuthChallengeEvent,
  async (event, deps: CreateAuthChallengeDependencies, raw) => {
    if (event.request.challengeName !== 'CUSTOM_CHALLENGE') return raw;
    const { email, email_verified: verified } = event.request.userAttributes;
    if (!email || verified !== 'true' || roleOf(deps, event) !== 'gateway')
      throw new SignInRefusedError();
    const keys = await deps.keys();
    const code = challengeCode(
      event.userName,
      event.request.session.map((s) => s.challengeMetadata ?? undefined),
      keys.signing,
      deps.clock.now(),
    );
    if ('fresh' in code) {
      if (!deps.codeSender) throw new WardenError('no code sender is configured');
      await deps.codeSender.send(email, code.fresh.code);
    }
    const stored = 'fresh' in code ? code.fresh.stored : code.reuse;
    return withResponse(raw, { ...event.response, ...challengeResponse(stored, email) });
  },
);
