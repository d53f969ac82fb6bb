import { z } from 'zod';
import { OFFBOARDING_STATUSES } from '../core/offboarding/offboarding.js';
import { employeeIdField, proxyEventFields, textField } from '../core/shared/request-fields.js';

/**
 * The parts of an API Gateway (REST, Lambda proxy) event the API reads. With IAM authorisation,
 * `requestContext.identity.userArn` is the ARN of the identity whose SigV4 signature API Gateway
 * verified (for a role session: `arn:aws:sts::<account>:assumed-role/<role>/<session>`).
 */
export const apiEventSchema = z.looseObject({
  ...proxyEventFields,
  requestContext: z.looseObject({
    requestId: z.string().min(1),
    identity: z.looseObject({ userArn: z.string().nullish(), caller: z.string().nullish() }),
  }),
});
export type ApiEvent = z.infer<typeof apiEventSchema>;

const employeeId = employeeIdField;
const text = textField;
/** A date (YYYY-MM-DD) or a date-time with offset; read into an instant by the handler. */
const moment = textField(40);

export const createBodySchema = z.strictObject({
  employeeId,
  effectiveAt: moment.optional(),
  reason: text(500),
  requestedBy: text(200),
});
export type CreateBody = z.infer<typeof createBodySchema>;

export const moveBodySchema = z.strictObject({ effectiveAt: moment });
export const cancelBodySchema = z.strictObject({ reason: text(500) });
export const listQuerySchema = z.strictObject({ status: z.enum(OFFBOARDING_STATUSES).optional() });
export const previewQuerySchema = z.strictObject({ employeeId });

/** The Idempotency-Key header: printable, at most 255 characters. */
export const idempotencyKeySchema = z
  .string({ error: 'is required: the same key makes a retried request return the first answer' })
  .min(1, 'is required')
  .max(255)
  .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces');

/** Routes, as API Gateway names the resource. */
export const ROUTES = {
  collection: '/offboardings',
  preview: '/offboardings/preview',
  item: '/offboardings/{id}',
} as const;
