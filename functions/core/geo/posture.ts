import { fencesOf } from './decide.js';
import type { GeoPolicy } from './geo-policy.js';

/**
 * Whether a member of `groups` can ever be asked for a one-time code: when some location (a
 * country, or an unresolved address) makes the strictest of their fences `require_mfa`. A
 * `deny` fence rules out every country outside it, so only countries inside every deny fence
 * and outside some code-asking fence count.
 */
export function mayBeAskedForCode(policy: GeoPolicy, groups: readonly string[]): boolean {
  const fences = fencesOf(policy, groups).map(([, fence]) => fence);
  const denying = fences.filter((f) => f.outside === 'deny');
  const asking = fences.filter((f) => f.outside === 'require_mfa');
  if (asking.length === 0) return false;
  if (denying.length === 0) return true;
  const insideEveryDenyFence = (denying[0]?.allowedCountries ?? []).filter(
    (c) =>
      !policy.deniedCountries.includes(c) && denying.every((f) => f.allowedCountries.includes(c)),
  );
  return insideEveryDenyFence.some((c) => asking.some((f) => !f.allowedCountries.includes(c)));
}
