import { z } from 'zod';
import { FENCE_SLOTS } from '../core/geo/pool-fence.js';

const triggers = z.strictObject(
  Object.fromEntries(FENCE_SLOTS.map((slot) => [slot, z.string().startsWith('arn:')])) as Record<
    (typeof FENCE_SLOTS)[number],
    z.ZodString
  >,
);

const properties = z.looseObject({
  UserPoolId: z.string().min(1),
  GatewayClientId: z.string().min(1),
  Triggers: triggers,
  UnfencedClients: z
    .array(z.strictObject({ clientId: z.string(), reason: z.string() }))
    .default([]),
});

/** What CloudFormation needs to be answered, whatever the rest of its event says. */
export const fenceEnvelopeSchema = z.looseObject({
  RequestType: z.enum(['Create', 'Update', 'Delete']),
  ResponseURL: z.url(),
  StackId: z.string(),
  RequestId: z.string(),
  LogicalResourceId: z.string(),
  PhysicalResourceId: z.string().optional(),
});

/** The CloudFormation custom-resource event the pool-fence function receives. */
export const fenceEventSchema = fenceEnvelopeSchema.extend({
  ResourceProperties: properties,
  OldResourceProperties: properties.partial().optional(),
});
export type FenceEvent = z.infer<typeof fenceEventSchema>;

/** The answer CloudFormation waits for at the event's presigned URL. */
export interface FenceResponse {
  Status: 'SUCCESS' | 'FAILED';
  Reason?: string;
  PhysicalResourceId: string;
  StackId: string;
  RequestId: string;
  LogicalResourceId: string;
}
