import { checkContext } from '../../core/geo/assess-sign-in.js';
import { preAuthenticationRefusal } from '../../core/geo/pre-authentication.js';
import { attemptOf, preAuthenticationEvent } from '../trigger-events.js';
import {
  refuse,
  roleOf,
  type TriggerDependencies,
  triggerHandler,
  WRONG_CLIENT,
} from './trigger-dependencies.js';

/** What pre-authentication reads and writes: its composition builds only these. */
export type PreAuthenticationDependencies = Pick<
  TriggerDependencies,
  'policy' | 'keys' | 'nonces' | 'accessEnds' | 'clients' | 'signIns' | 'clock' | 'log'
>;

const UNFENCED = { geo: { ok: false, failure: 'missing' } as const, replayed: false };

/**
 * Runs before the password on every flow. Refuses any app client but the gateway's (and named
 * unfenced ones), an ended access, any call without a valid geo context, and denied countries. Geo context
 * arrives here as `validationData` (from InitiateAuth), bound to the name as typed.
 */
export const createPreAuthenticationHandler = triggerHandler(
  preAuthenticationEvent,
  async (event, deps: PreAuthenticationDependencies, raw) => {
    const at = deps.clock.now();
    const role = roleOf(deps, event);
    if (role === 'other') return refuse(deps, event, { at, ...WRONG_CLIENT });
    const attempt = attemptOf(event, event.request.validationData, 'pre-authentication', at, false);
    const [{ geo, replayed }, accessEndsAt] = await Promise.all([
      role === 'gateway' ? checkContext(attempt, deps) : UNFENCED,
      deps.accessEnds.accessEndsAt(event.userPoolId, event.userName),
    ]);
    const refusal = preAuthenticationRefusal(deps.policy, { now: at, geo, replayed, accessEndsAt });
    // On an unfenced client (named in the configuration) only an ended access refuses.
    if (refusal && (role === 'gateway' || refusal.rule === 'offboarded'))
      return refuse(deps, event, { at, ...refusal });
    return raw;
  },
);
