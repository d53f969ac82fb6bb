import { decide, type GeoVerdict } from './decide.js';
import type { GeoContextCheck } from './geo-context.js';
import type { GeoPolicy } from './geo-policy.js';

export interface SignInFacts {
  now: Date;
  geo: GeoContextCheck;
  /** The nonce of this geo context was already used by the same trigger: a replay. */
  replayed: boolean;
  groups: readonly string[];
  /** When the person's access ended or ends (leaver or offboarded), if Warden knows. */
  accessEndsAt?: Date;
}

export interface SignInVerdict extends GeoVerdict {
  country: string | null;
  /** The caller's address, from a valid context; kept for the trail, never logged. */
  ip?: string;
  /** The nonce of the valid context this verdict was made on: the key of any grant it leads to. */
  nonce?: string;
}

/**
 * The decision for one call of a sign-in, failing closed: an ended (or unreadable) access end
 * refuses first; then a missing, forged, stale, replayed or borrowed context refuses; only then
 * does the geo policy decide on the country the gateway vouched for.
 */
export function signInVerdict(policy: GeoPolicy, facts: SignInFacts): SignInVerdict {
  const { geo, accessEndsAt } = facts;
  const country = geo.ok ? geo.context.country : null;
  const ip = geo.ok ? geo.context.ip : undefined;
  if (accessEndsAt && Number.isNaN(accessEndsAt.getTime())) {
    return {
      decision: 'deny',
      rule: 'offboarded',
      reason: 'the recorded access end cannot be read',
      country,
      ip,
    };
  }
  if (accessEndsAt && accessEndsAt <= facts.now) {
    return {
      decision: 'deny',
      rule: 'offboarded',
      reason: `access ended at ${accessEndsAt.toISOString()}`,
      country,
      ip,
    };
  }
  if (!geo.ok || facts.replayed) {
    const why = geo.ok ? 'replayed' : geo.failure;
    return {
      decision: 'deny',
      rule: 'geo-context',
      reason: `no valid geo context (${why})`,
      country,
      ip,
    };
  }
  return { ...decide(policy, country, facts.groups), country, ip };
}
