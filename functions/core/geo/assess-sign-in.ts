import {
  type ContextBinding,
  GEO_CONTEXT_TTL_MS,
  type GeoContextCheck,
  verifyGeoContext,
} from './geo-context.js';
import type { GeoPolicy } from './geo-policy.js';
import type { KeySet } from './key-set.js';
import type { AccessEndReader, GroupReader, NonceRegister } from './ports.js';
import { type SignInVerdict, signInVerdict } from './sign-in-verdict.js';

export interface SignInAttempt {
  source: string;
  username: string;
  /** Who and which client the geo context must be for. */
  binding: ContextBinding;
  /** The signed geo context from ClientMetadata / validationData, if any. */
  token: string | undefined;
  /** Which trigger asks, so one trigger's use of a nonce does not spoil another's. */
  trigger: string;
  now: Date;
}

export interface AssessDependencies {
  policy: GeoPolicy;
  keys: () => Promise<KeySet>;
  nonces: NonceRegister;
  accessEnds: AccessEndReader;
  groups: GroupReader;
}

/** Verifies the context and claims its nonce for this trigger: a second use is a replay. */
export async function checkContext(
  attempt: Pick<SignInAttempt, 'token' | 'binding' | 'trigger' | 'now'>,
  deps: Pick<AssessDependencies, 'keys' | 'nonces'>,
): Promise<{ geo: GeoContextCheck; replayed: boolean }> {
  const geo = verifyGeoContext(attempt.token, await deps.keys(), attempt.now, attempt.binding);
  const replayed = geo.ok
    ? !(await deps.nonces.claimNonce(
        geo.context.nonce,
        attempt.trigger,
        new Date(geo.context.issuedAt + GEO_CONTEXT_TTL_MS * 2),
      ))
    : false;
  return { geo, replayed };
}

/**
 * Verifies the geo context (key, signature, age, user, client, replay), reads the person's
 * groups and access end, and decides. The same reads happen whatever the outcome, so the time
 * a refusal takes tells nothing about why.
 */
export async function assessSignIn(
  attempt: SignInAttempt,
  deps: AssessDependencies,
): Promise<SignInVerdict> {
  const { geo, replayed } = await checkContext(attempt, deps);
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
  return geo.ok && !replayed ? { ...verdict, nonce: geo.context.nonce } : verdict;
}
