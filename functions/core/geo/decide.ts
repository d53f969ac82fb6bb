import type { Fence, GeoDecision, GeoPolicy } from './geo-policy.js';

export interface GeoVerdict {
  decision: GeoDecision;
  /** The rule that decided: `deniedCountries`, `unknown`, `default` or `groups.<name>`. */
  rule: string;
  reason: string;
}

const STRICTNESS: Record<GeoDecision, number> = { allow: 0, require_mfa: 1, deny: 2 };

export function strictest<T extends { decision: GeoDecision }>(verdicts: readonly T[]): T {
  return verdicts.reduce((a, b) => (STRICTNESS[b.decision] > STRICTNESS[a.decision] ? b : a));
}

/** The fences that apply to a member of `groups`: their fenced groups', or the default one. */
export function fencesOf(policy: GeoPolicy, groups: readonly string[]): [string, Fence][] {
  const fenced = groups.filter((g) => Object.hasOwn(policy.groups, g));
  return fenced.length > 0
    ? fenced.map((g) => [`groups.${g}`, policy.groups[g] as Fence])
    : [['default', policy.default]];
}

/**
 * The decision for a sign-in from `country` (null when the address did not resolve) by a member
 * of `groups`. Several fences give the strictest result. An unresolved address gets the strictest
 * of the policy's `unknown` and every applicable fence's `outside`: not knowing where someone is
 * never weakens a fence.
 */
export function decide(
  policy: GeoPolicy,
  country: string | null,
  groups: readonly string[],
): GeoVerdict {
  const fences = fencesOf(policy, groups);
  if (country === null) {
    return strictest<GeoVerdict>([
      {
        decision: policy.unknown,
        rule: 'unknown',
        reason: 'location unknown: unresolved, private or reserved address',
      },
      ...fences.map(([rule, fence]) => ({
        decision: fence.outside,
        rule,
        reason: `location unknown, so treated as outside the fence of ${rule}`,
      })),
    ]);
  }
  if (policy.deniedCountries.includes(country)) {
    return {
      decision: 'deny',
      rule: 'deniedCountries',
      reason: `${country} is in deniedCountries`,
    };
  }
  return strictest(
    fences.map(([rule, fence]): GeoVerdict => {
      const inside = fence.allowedCountries.includes(country);
      return {
        decision: inside ? 'allow' : fence.outside,
        rule,
        reason: `${country} is ${inside ? 'inside' : 'outside'} the fence of ${rule} (${fence.allowedCountries.join(', ')})`,
      };
    }),
  );
}
