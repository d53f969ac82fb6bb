import type { Fence, GeoDecision, GeoPolicy } from './geo-policy.js';

export interface GeoVerdict {
  decision: GeoDecision;
  /** The rule that decided: `deniedCountries`, `unknown`, `default` or `groups.<name>`. */
  rule: string;
  reason: string;
}

const STRICTNESS: Record<GeoDecision, number> = { allow: 0, require_mfa: 1, deny: 2 };

/**
 * The decision for a sign-in from `country` (null when unknown) by a member of `groups`. A user
 * in several fenced groups gets the strictest result; one in none gets the default fence.
 */
export function decide(policy: GeoPolicy, country: string | null, groups: string[]): GeoVerdict {
  if (country === null) {
    return {
      decision: policy.unknown,
      rule: 'unknown',
      reason: 'location unknown: unresolved, private or unverified address',
    };
  }
  if (policy.deniedCountries.includes(country)) {
    return {
      decision: 'deny',
      rule: 'deniedCountries',
      reason: `${country} is in deniedCountries`,
    };
  }
  const fenced = groups.filter((g) => Object.hasOwn(policy.groups, g));
  const fences: [string, Fence][] = fenced.length
    ? fenced.map((g) => [`groups.${g}`, policy.groups[g] as Fence])
    : [['default', policy.default]];
  const verdicts = fences.map(([rule, fence]): GeoVerdict => {
    const inside = fence.allowedCountries.includes(country);
    return {
      decision: inside ? 'allow' : fence.outside,
      rule,
      reason: `${country} is ${inside ? 'inside' : 'outside'} the fence of ${rule} (${fence.allowedCountries.join(', ')})`,
    };
  });
  return verdicts.reduce((strictest, v) =>
    STRICTNESS[v.decision] > STRICTNESS[strictest.decision] ? v : strictest,
  );
}
