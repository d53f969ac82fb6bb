import { describe, expect, it } from 'vitest';
import { attachFence, detachFence } from '../../../../functions/core/geo/attach-fence.js';
import type { AppClientFacts, LambdaConfig } from '../../../../functions/core/geo/pool-fence.js';
import type { FenceMemory, UserPools } from '../../../../functions/core/geo/ports.js';
import { InvalidInputError } from '../../../../functions/core/shared/errors.js';
import { FENCE_TRIGGERS, FENCED_GATEWAY } from '../../fakes/memory-geo.js';

const POOL = 'eu-west-1_pool';
const LEGACY: AppClientFacts = {
  clientId: 'legacy',
  explicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'],
  oauthFlows: [],
};

/** One pool and the fence memory, recording every LambdaConfig written. */
function world(
  initial: LambdaConfig,
  clients: AppClientFacts[] = [FENCED_GATEWAY],
  remembered?: LambdaConfig,
) {
  let config = initial;
  const writes: LambdaConfig[] = [];
  const memory = new Map<string, LambdaConfig>(remembered ? [[POOL, remembered]] : []);
  const pools: UserPools = {
    lambdaConfig: () => Promise.resolve(config),
    setLambdaConfig: (_pool, next) => {
      writes.push(next);
      config = next;
      return Promise.resolve();
    },
    appClients: () => Promise.resolve(clients),
  };
  const fenceMemory: FenceMemory = {
    previous: (pool) => Promise.resolve(memory.get(pool)),
    remember: (pool, previous) => {
      memory.set(pool, previous);
      return Promise.resolve();
    },
    forget: (pool) => {
      memory.delete(pool);
      return Promise.resolve();
    },
  };
  return { deps: { pools, memory: fenceMemory }, writes, memory, current: () => config };
}

const request = {
  userPoolId: POOL,
  triggers: FENCE_TRIGGERS,
  gatewayClientId: 'gw',
  unfencedClients: [],
};

async function refusal(promise: Promise<unknown>): Promise<InvalidInputError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InvalidInputError);
  return error as InvalidInputError;
}

describe('attaching the fence', () => {
  it("writes Warden's triggers beside the pool's own and remembers what the pool had", async () => {
    const w = world({ PostConfirmation: 'arn:theirs' });
    await attachFence(request, w.deps);
    expect(w.writes).toEqual([{ PostConfirmation: 'arn:theirs', ...FENCE_TRIGGERS }]);
    expect(w.memory.get(POOL)).toEqual({ PostConfirmation: 'arn:theirs' });
  });

  it('keeps the first remembered configuration when attached again, so removal restores the original', async () => {
    const w = world({ PostConfirmation: 'arn:theirs' });
    await attachFence(request, w.deps);
    await attachFence(request, w.deps);
    expect(w.writes).toHaveLength(2);
    expect(w.memory.get(POOL)).toEqual({ PostConfirmation: 'arn:theirs' });
  });

  it("replaces the triggers an earlier deployment attached, as Warden's own", async () => {
    const w = world({ ...FENCE_TRIGGERS, PreAuthentication: 'arn:w:pre-v1' });
    await attachFence(
      { ...request, earlierTriggers: { PreAuthentication: 'arn:w:pre-v1' } },
      w.deps,
    );
    expect(w.current()).toEqual(FENCE_TRIGGERS);
  });

  it('refuses a slot another function holds, naming the pool and slot, and changes nothing', async () => {
    const w = world({ PreAuthentication: 'arn:theirs' });
    const error = await refusal(attachFence(request, w.deps));
    expect(error.message).toBe(
      `invalid geo fence for user pool ${POOL}: trigger slot PreAuthentication is held by another function (arn:theirs)`,
    );
    expect(error.problems).toEqual([
      'trigger slot PreAuthentication is held by another function (arn:theirs)',
    ]);
    expect(w.writes).toEqual([]);
    expect(w.memory.size).toBe(0);
  });

  it('refuses an app client that signs people in around the fence, after the slot problems', async () => {
    const clientProblem = expect.stringContaining('app client legacy can sign people in');
    const free = world({}, [FENCED_GATEWAY, LEGACY]);
    expect((await refusal(attachFence(request, free.deps))).problems).toEqual([clientProblem]);
    expect(free.writes).toEqual([]);

    const held = world({ PreAuthentication: 'arn:theirs' }, [FENCED_GATEWAY, LEGACY]);
    expect((await refusal(attachFence(request, held.deps))).problems).toEqual([
      'trigger slot PreAuthentication is held by another function (arn:theirs)',
      clientProblem,
    ]);
  });

  it('accepts such a client once it is named as unfenced', async () => {
    const w = world({}, [FENCED_GATEWAY, LEGACY]);
    await attachFence(
      { ...request, unfencedClients: [{ clientId: 'legacy', reason: 'batch import' }] },
      w.deps,
    );
    expect(w.writes).toEqual([FENCE_TRIGGERS]);
  });
});

describe('detaching the fence', () => {
  it("puts back the pool's own triggers and forgets them", async () => {
    const w = world({ PostConfirmation: 'arn:theirs', ...FENCE_TRIGGERS }, [FENCED_GATEWAY], {
      PostConfirmation: 'arn:theirs',
      PreTokenGeneration: 'arn:old-token',
    });
    await detachFence(request, w.deps);
    expect(w.writes).toEqual([
      { PostConfirmation: 'arn:theirs', PreTokenGeneration: 'arn:old-token' },
    ]);
    expect(w.memory.size).toBe(0);
  });

  it('removes a trigger of Warden found in only one slot even with nothing remembered', async () => {
    const w = world({
      PostConfirmation: 'arn:theirs',
      PreAuthentication: FENCE_TRIGGERS.PreAuthentication,
    });
    await detachFence(request, w.deps);
    expect(w.writes).toEqual([{ PostConfirmation: 'arn:theirs' }]);
  });

  it('forgets what it remembered even when the triggers were already taken off by hand', async () => {
    const w = world({ PostConfirmation: 'arn:theirs' }, [FENCED_GATEWAY], {
      PostConfirmation: 'arn:theirs',
    });
    await detachFence(request, w.deps);
    expect(w.writes).toEqual([{ PostConfirmation: 'arn:theirs' }]);
    expect(w.memory.size).toBe(0);
  });

  it('leaves a pool it never fenced untouched', async () => {
    const w = world({ PostConfirmation: 'arn:theirs' });
    await detachFence(request, w.deps);
    expect(w.writes).toEqual([]);
  });
});
