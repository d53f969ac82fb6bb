import type { GeoPolicy } from './geo-policy.js';

/**
 * Whether a member of `groups` can ever be asked for a one-time code: when the location is
 * unknown and the policy asks for one then, or when one of the person's fences does outside.
 */
export function mayBeAskedForCode(policy: GeoPolicy, groups: string[]): boolean {
  if (policy.unknown === 'require_mfa') return true;
  const fenced = groups.filter((g) => Object.hasOwn(policy.groups, g));
  const fences = fenced.length ? fenced.map((g) => policy.groups[g]) : [policy.default];
  return fences.some((fence) => fence?.outside === 'require_mfa');
}
