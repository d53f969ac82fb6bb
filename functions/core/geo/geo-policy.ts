import * as z from 'zod/mini';
import { ConfigError } from '../shared/errors.js';
import { parseOrThrow } from '../shared/validation.js';
import { isCountryCode } from './country-code.js';

export type GeoDecision = 'allow' | 'require_mfa' | 'deny';
/** What happens outside a fence; never `allow`, which would make the fence pointless. */
const outsideAction = z.enum(['require_mfa', 'deny'], { error: 'must be "require_mfa" or "deny"' });

const countryList = z
  .array(
    z.pipe(
      z.string().check(
        z.refine((c) => isCountryCode(c.trim().toUpperCase()), {
          error: (issue) =>
            `${JSON.stringify(issue.input)} is not an ISO 3166-1 alpha-2 country code`,
        }),
      ),
      z.transform((c: string) => c.trim().toUpperCase()),
    ),
  )
  .check(z.refine((list) => new Set(list).size === list.length, 'lists a country twice'));

const fenceSchema = z.strictObject({
  allowedCountries: countryList.check(
    z.refine((list) => list.length > 0, 'must list at least one country'),
  ),
  outside: outsideAction,
});
export type Fence = z.infer<typeof fenceSchema>;

/**
 * A record skips a key named `__proto__` without a word, so a fence under that name would never
 * apply: it is refused instead.
 */
const groupFences = z.pipe(
  z.unknown().check(
    z.superRefine((groups, ctx) => {
      if (typeof groups === 'object' && groups !== null && Object.hasOwn(groups, '__proto__'))
        ctx.addIssue({
          code: 'custom',
          path: ['__proto__'],
          message: 'cannot be fenced by name (JavaScript reserves it): rename the group',
          input: groups,
          // Aborts: the policy's own checks must not read groups that were never parsed.
          continue: false,
        });
    }),
  ),
  z.record(z.string().check(z.minLength(1)), fenceSchema),
);

export const geoPolicySchema = z
  .strictObject({
    /** The fence of users in no fenced group. */
    default: fenceSchema,
    groups: z._default(groupFences, {}),
    /** Unknown, private, reserved or unresolvable addresses, and missing or invalid geo context. */
    unknown: z._default(outsideAction, 'require_mfa'),
    /** Refused whoever signs in. */
    deniedCountries: z._default(countryList, []),
  })
  .check(
    z.superRefine((policy, ctx) => {
      const fences: [string[], Fence][] = [
        [['default'], policy.default],
        ...Object.entries(policy.groups).map(([name, fence]): [string[], Fence] => [
          ['groups', name],
          fence,
        ]),
      ];
      for (const [path, fence] of fences) {
        for (const country of fence.allowedCountries.filter((c) =>
          policy.deniedCountries.includes(c),
        )) {
          ctx.addIssue({
            code: 'custom',
            path: [...path, 'allowedCountries'],
            message: `${country} is allowed here but listed in deniedCountries`,
          });
        }
      }
    }),
  );
export type GeoPolicy = z.infer<typeof geoPolicySchema>;

export function parseGeoPolicy(input: unknown, origin: string): GeoPolicy {
  return parseOrThrow(geoPolicySchema, input, origin, ConfigError);
}
