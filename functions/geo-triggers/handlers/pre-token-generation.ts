import { type AssessDependencies, assessSignIn } from '../../core/geo/assess-sign-in.js';
import { type TokenClaims, tokenDecision } from '../../core/geo/token-decision.js';
import { attemptOf, preTokenGenerationEvent } from '../trigger-events.js';
import {
  recordDecision,
  refuse,
  roleOf,
  type TriggerDependencies,
  triggerHandler,
  withResponse,
} from './trigger-dependencies.js';

/** What pre-token-generation reads and writes: its composition builds only these. */
export type PreTokenGenerationDependencies = Pick<
  TriggerDependencies,
  keyof AssessDependencies | 'grants' | 'clients' | 'signIns' | 'clock' | 'log'
>;

/**
 * The last word before any token is issued, on every path: a sign-in needs define-auth-
 * challenge's grant for this call, a refresh a fresh decision on where the caller is, and
 * nobody whose access has ended gets a token. Adds `geo_country` and `geo_decision`.
 */
export const createPreTokenGenerationHandler = triggerHandler(
  preTokenGenerationEvent,
  async (event, deps: PreTokenGenerationDependencies, raw) => {
    const at = deps.clock.now();
    const verdict = await assessSignIn(
      attemptOf(event, event.request.clientMetadata, 'pre-token-generation', at),
      deps,
    );
    const decision = tokenDecision({
      kind: event.triggerSource === 'TokenGeneration_RefreshTokens' ? 'refresh' : 'sign-in',
      clientRole: roleOf(deps, event),
      verdict,
      grant: verdict.nonce ? await deps.grants.find(verdict.nonce) : undefined,
      username: event.userName,
    });
    if (!decision.issue) {
      return refuse(deps, event, {
        at,
        rule: decision.rule,
        reason: decision.reason,
        country: verdict.country,
        ip: verdict.ip,
      });
    }
    if (decision.refreshed) {
      await recordDecision(deps, event, {
        at,
        outcome: 'refreshed',
        rule: verdict.rule,
        reason: verdict.reason,
        country: verdict.country,
        ip: verdict.ip,
      });
    }
    return withResponse(raw, {
      ...event.response,
      ...claimsResponse(event.version, decision.claims),
    });
  },
);

/** Version 1 events take `claimsOverrideDetails`; versions 2 and 3 name the token each claim goes to. */
function claimsResponse(version: string, claims: TokenClaims) {
  if (version === '1') return { claimsOverrideDetails: { claimsToAddOrOverride: claims } };
  return {
    claimsAndScopeOverrideDetails: {
      idTokenGeneration: { claimsToAddOrOverride: claims },
      accessTokenGeneration: { claimsToAddOrOverride: claims },
    },
  };
}
