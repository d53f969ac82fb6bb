import { attachFence, detachFence } from '../core/geo/attach-fence.js';
import type { FenceMemory, UserPools } from '../core/geo/ports.js';
import { errorName, InvalidInputError } from '../core/shared/errors.js';
import type { EventLog } from '../core/shared/event-log.js';
import { parseOrThrow } from '../core/shared/validation.js';
import { type FenceEvent, type FenceResponse, fenceEventSchema } from './fence-event.js';

export interface PoolFenceDependencies {
  pools: UserPools;
  memory: FenceMemory;
  /** Sends CloudFormation the outcome (a PUT to the presigned response URL). */
  respond(url: string, response: FenceResponse): Promise<void>;
  log: EventLog;
}

/**
 * The custom resource that fences a user pool the stack does not own: Create and Update attach
 * the triggers (refusing occupied slots and unfenced clients, with the reason shown in the
 * stack's events), Delete restores the pool's own triggers.
 */
export function createPoolFenceHandler(dependencies: () => Promise<PoolFenceDependencies>) {
  return async (raw: unknown): Promise<void> => {
    const event = parseOrThrow(fenceEventSchema, raw, 'custom-resource event');
    const deps = await dependencies();
    const props = event.ResourceProperties;
    const physicalId = `warden-fence:${props.UserPoolId}`;
    try {
      await apply(event, deps);
      await deps.respond(event.ResponseURL, outcome(event, physicalId, 'SUCCESS'));
    } catch (error) {
      deps.log.warn('pool fence failed', { userPoolId: props.UserPoolId, error: errorName(error) });
      // Problems name slots and client ids, never people; CloudFormation shows them as the reason.
      const reason = error instanceof InvalidInputError ? error.message : `${errorName(error)}`;
      await deps.respond(event.ResponseURL, {
        ...outcome(event, physicalId, 'FAILED'),
        Reason: reason.slice(0, 3500),
      });
    }
  };
}

async function apply(event: FenceEvent, deps: PoolFenceDependencies): Promise<void> {
  const props = event.ResourceProperties;
  if (event.RequestType === 'Delete') {
    await detachFence({ userPoolId: props.UserPoolId, triggers: props.Triggers }, deps);
    return;
  }
  await attachFence(
    {
      userPoolId: props.UserPoolId,
      triggers: props.Triggers,
      gatewayClientId: props.GatewayClientId,
      unfencedClients: props.UnfencedClients,
      earlierTriggers: event.OldResourceProperties?.Triggers,
    },
    deps,
  );
}

function outcome(
  event: FenceEvent,
  physicalId: string,
  status: FenceResponse['Status'],
): FenceResponse {
  return {
    Status: status,
    // A Delete answers with the id it was given, whatever the properties say now.
    PhysicalResourceId:
      event.RequestType === 'Delete' ? (event.PhysicalResourceId ?? physicalId) : physicalId,
    StackId: event.StackId,
    RequestId: event.RequestId,
    LogicalResourceId: event.LogicalResourceId,
  };
}
