import { GEO_CONTEXT_TTL_MS, verifyGeoContext } from './geo-context.js';
import type { GeoPolicy } from './geo-policy.js';
import type { AccessEndReader, GroupReader, NonceRegister } from './ports.js';
import { type SignInVerdict, signInVerdict } from './sign-in-steps.js';

export interface SignInAttempt {
  source: string;
  username: string;
  /** Every name the account answers to (username, email, sub), to bind the geo context. */
  names: string[];
  /** The signed geo context from ClientMetadata / validationData, if any. */
  token: string | undefined;
  /** Which trigger asks, so one trigger's use of a nonce does not spoil another's. */
  trigger: string;
  now: Date;
}

export interface AssessDependencies {
  policy: GeoPolicy;
  key: Buffer;
  nonces: NonceRegister;
  accessEnds: AccessEndReader;
  groups: GroupReader;
}

/** Verifies the geo context (signature, age, user, replay), reads groups and access end, decides. */
export async function assessSignIn(
  attempt: SignInAttempt,
  deps: AssessDependencies,
): Promise<SignInVerdict & { ip?: string }> {
  const geo = verifyGeoContext(attempt.token, deps.key, attempt.now, attempt.names);
  const replayed = geo.ok
    ? !(await deps.nonces.claimNonce(
        geo.context.nonce,
        attempt.trigger,
        new Date(geo.context.issuedAt + GEO_CONTEXT_TTL_MS * 2),
      ))
    : false;
  const [groups, accessEndsAt] = await Promise.all([
    deps.groups.groupsOf(attempt.source, attempt.username),
    deps.accessEnds.accessEndsAt(attempt.source, attempt.username),
  ]);
  const verdict = signInVerdict(deps.policy, {
    now: attempt.now,
    geo,
    replayed,
    groups,
    accessEndsAt,
  });
  return geo.ok ? { ...verdict, ip: geo.context.ip } : verdict;
}
