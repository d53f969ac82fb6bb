import { type AssessDependencies, assessSignIn } from '../../core/geo/assess-sign-in.js';
import { defineChallenge } from '../../core/geo/define-challenge.js';
import { needsVerdict } from '../../core/geo/sign-in-steps.js';
import { attemptOf, defineAuthChallengeEvent } from '../trigger-events.js';
import {
  recordDecision,
  roleOf,
  type TriggerDependencies,
  triggerHandler,
  WRONG_CLIENT,
  withResponse,
} from './trigger-dependencies.js';

/** What define-auth-challenge reads and writes: its composition builds only these. */
export type DefineAuthChallengeDependencies = Pick<
  TriggerDependencies,
  keyof AssessDependencies | 'grants' | 'clients' | 'signIns' | 'clock' | 'log'
>;

/** A grant only has to outlive the call that earned it: pre-token generation runs within it. */
const GRANT_TTL_MS = 5 * 60_000;

/**
 * Decides the next step of the custom-auth flow: the password (SRP) first, then tokens, a
 * one-time code, or refusal, per the verdict of each call after the password. Tokens are
 * granted here, for this call only; pre-token generation issues nothing without the grant.
 */
export const createDefineAuthChallengeHandler = triggerHandler(
  defineAuthChallengeEvent,
  async (event, deps: DefineAuthChallengeDependencies, raw) => {
    const session = event.request.session.map((s) => ({
      ...s,
      challengeMetadata: s.challengeMetadata ?? undefined,
    }));
    const at = deps.clock.now();
    if (roleOf(deps, event) !== 'gateway') {
      await recordDecision(deps, event, { at, outcome: 'denied', ...WRONG_CLIENT });
      return withResponse(raw, { ...event.response, issueTokens: false, failAuthentication: true });
    }
    const assessed = needsVerdict(session)
      ? await assessSignIn(
          attemptOf(event, event.request.clientMetadata, 'define-auth-challenge', at),
          deps,
        )
      : undefined;
    const { step, record, grant } = defineChallenge(
      session,
      assessed,
      event.request.userAttributes.email_verified === 'true',
    );
    if (grant && assessed?.nonce) {
      await deps.grants.grant(
        assessed.nonce,
        { ...grant, username: event.userName },
        new Date(at.getTime() + GRANT_TTL_MS),
      );
    }
    if (record) await recordDecision(deps, event, { at, ...record });
    return withResponse(raw, { ...event.response, ...step });
  },
);
