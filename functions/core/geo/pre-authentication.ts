import type { GeoContextCheck } from './geo-context.js';
import type { GeoPolicy } from './geo-policy.js';
import { type SignInVerdict, signInVerdict } from './sign-in-verdict.js';

/**
 * Pre-authentication refuses, before the password is checked: a person whose access has ended
 * (or whose recorded end cannot be read), a call without a valid context (every path but the
 * gateway's), a replay, a denied country. The person's groups are left for after the password,
 * so a fence refusal takes the same time whether the username exists or not; only an ended
 * access answers sooner, for an account that can no longer sign in anyway.
 */
export function preAuthenticationRefusal(
  policy: GeoPolicy,
  facts: { now: Date; geo: GeoContextCheck; replayed: boolean; accessEndsAt?: Date },
): SignInVerdict | undefined {
  const verdict = signInVerdict(policy, { ...facts, groups: [] });
  if (
    verdict.rule === 'offboarded' ||
    verdict.rule === 'geo-context' ||
    verdict.rule === 'deniedCountries'
  ) {
    return verdict;
  }
  return undefined;
}
