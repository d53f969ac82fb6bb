import { attachFence, detachFence } from '../core/geo/attach-fence.js';
import type { FenceMemory, UserPools } from '../core/geo/ports.js';
import { errorName, InvalidInputError } from '../core/shared/errors.js';
import type { EventLog } from '../core/shared/event-log.js';
import { formatIssues, tryParse } from '../core/shared/validation.js';
import {
  type FenceEvent,
  type FenceResponse,
  fenceEnvelopeSchema,
  fenceEventSchema,
} from './fence-event.js';
import type { RespondToCloudFormation } from './respond.js';

export interface PoolFenceDependencies {
  pools: UserPools;
  memory: FenceMemory;
  log: EventLog;
}

/** The physical id of a fence: its pool. */
const FENCE_ID_PREFIX = 'warden-fence:';
/** The physical id answered to a Create refused before anything was attached. */
export const NOT_ATTACHED_ID = 'warden-fence-not-attached';

/**
 * The custom resource that fences a user pool the stack does not own: Create and Update attach
 * the triggers (refusing occupied slots and unfenced clients, with the reason shown in the
 * stack's events), Delete restores the pool's own triggers. CloudFormation is answered even
 * when the event or the function's set-up is wrong: unanswered, a stack waits an hour.
 */
export function createPoolFenceHandler(
  dependencies: () => Promise<PoolFenceDependencies>,
  respond: RespondToCloudFormation,
) {
  return async (raw: unknown): Promise<void> => {
    const parsed = tryParse(fenceEventSchema, raw);
    if (!parsed.ok) {
      const problems = formatIssues(parsed.issues);
      await answerMalformed(raw, problems, respond);
      throw new InvalidInputError('custom-resource event', problems);
    }
    const event = parsed.value;
    const props = event.ResourceProperties;
    const physicalId = `${FENCE_ID_PREFIX}${props.UserPoolId}`;
    const fail = (reason: string) =>
      respond(event.ResponseURL, {
        ...outcome(event, physicalId, 'FAILED'),
        Reason: reason.slice(0, 3500),
      });
    const deps = await dependencies().catch(async (error: unknown) => {
      await fail(`the pool fence could not start: ${errorName(error)}`);
      throw error;
    });
    try {
      await apply(event, deps);
      await respond(event.ResponseURL, outcome(event, physicalId, 'SUCCESS'));
    } catch (error) {
      deps.log.warn('pool fence failed', { userPoolId: props.UserPoolId, error: errorName(error) });
      // Problems name slots and client ids, never people; CloudFormation shows them as the reason.
      await fail(error instanceof InvalidInputError ? error.message : errorName(error));
    }
  };
}

/**
 * Answers an event whose properties are wrong, when it says where to answer. Create and Update
 * fail with the problems. A Delete of a fence refused at Create succeeds, since nothing was
 * attached; a Delete of an attached fence fails, since its triggers cannot be known to restore.
 */
async function answerMalformed(
  raw: unknown,
  problems: string[],
  respond: RespondToCloudFormation,
): Promise<void> {
  const envelope = tryParse(fenceEnvelopeSchema, raw);
  if (!envelope.ok) return;
  const event = envelope.value;
  const attached = event.PhysicalResourceId?.startsWith(FENCE_ID_PREFIX) ?? false;
  const nothingToUndo = event.RequestType === 'Delete' && !attached;
  await respond(event.ResponseURL, {
    Status: nothingToUndo ? 'SUCCESS' : 'FAILED',
    ...(nothingToUndo
      ? {}
      : { Reason: `invalid custom-resource event: ${problems.join('; ')}`.slice(0, 3500) }),
    PhysicalResourceId: event.PhysicalResourceId ?? NOT_ATTACHED_ID,
    StackId: event.StackId,
    RequestId: event.RequestId,
    LogicalResourceId: event.LogicalResourceId,
  });
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
