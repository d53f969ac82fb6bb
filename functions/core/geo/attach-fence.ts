import { InvalidInputError } from '../shared/errors.js';
import {
  clientProblems,
  type FenceTriggers,
  fencedLambdaConfig,
  restoredLambdaConfig,
} from './pool-fence.js';
import type { FenceMemory, UserPools } from './ports.js';

export interface FenceRequest {
  userPoolId: string;
  triggers: FenceTriggers;
  gatewayClientId: string;
  unfencedClients: readonly { clientId: string; reason: string }[];
  /** Trigger ARNs an earlier deployment attached: Warden's own, so not "another function". */
  earlierTriggers?: Partial<FenceTriggers>;
}

/**
 * Attaches Warden's triggers to a pool: refuses when another function holds a slot or when an
 * app client could sign people in around the fence, remembers the pool's own triggers the
 * first time, then changes only the LambdaConfig.
 */
export async function attachFence(
  request: FenceRequest,
  deps: { pools: UserPools; memory: FenceMemory },
): Promise<void> {
  const { userPoolId } = request;
  const current = await deps.pools.lambdaConfig(userPoolId);
  const merged = fencedLambdaConfig(
    current,
    request.triggers,
    Object.values(request.earlierTriggers ?? {}),
  );
  const problems = [
    ...('problems' in merged ? merged.problems : []),
    ...clientProblems(
      await deps.pools.appClients(userPoolId),
      request.gatewayClientId,
      request.unfencedClients,
    ),
  ];
  if (problems.length > 0 || 'problems' in merged) {
    throw new InvalidInputError(`geo fence for user pool ${userPoolId}`, problems);
  }
  if (!(await deps.memory.previous(userPoolId))) await deps.memory.remember(userPoolId, current);
  await deps.pools.setLambdaConfig(userPoolId, merged.config);
}

/** Puts back the pool's own triggers where Warden's were; everything else stays as it is. */
export async function detachFence(
  request: Pick<FenceRequest, 'userPoolId' | 'triggers'>,
  deps: { pools: UserPools; memory: FenceMemory },
): Promise<void> {
  const { userPoolId } = request;
  const previous = await deps.memory.previous(userPoolId);
  const current = await deps.pools.lambdaConfig(userPoolId);
  const attached = Object.values(request.triggers).some((arn) =>
    Object.values(current).includes(arn),
  );
  // Nothing of Warden's there and nothing remembered (an attach that never happened): leave it be.
  if (!attached && !previous) return;
  await deps.pools.setLambdaConfig(
    userPoolId,
    restoredLambdaConfig(current, previous ?? {}, request.triggers),
  );
  await deps.memory.forget(userPoolId);
}
