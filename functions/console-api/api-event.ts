import { z } from 'zod';
import { OFFBOARDING_STATUSES } from '../core/offboarding/offboarding.js';
import { employeeIdField, proxyEventFields, textField } from '../core/shared/request-fields.js';
import { isKnownTimeZone } from '../core/time/zoned-day.js';

/**
 * The parts of an API Gateway (REST, Lambda proxy) event the console API reads. API Gateway's
 * Cognito authoriser has verified the staff member's ID token and put its claims in
 * `requestContext.authorizer.claims` (every value a string).
 */
export const consoleEventSchema = z.looseObject({
  ...proxyEventFields,
  requestContext: z.looseObject({
    requestId: z.string().min(1),
    authorizer: z.looseObject({ claims: z.record(z.string(), z.unknown()).nullish() }).nullish(),
  }),
});
export type ConsoleEvent = z.infer<typeof consoleEventSchema>;

/**
 * A moment HR chooses in the console: a wall-clock date and time with the time zone it is read in,
 * chosen explicitly (never the browser's or the server's zone by default).
 */
export const zonedMomentSchema = z.strictObject({
  localDateTime: z
    .string({ error: 'is required' })
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/, 'must be YYYY-MM-DDThh:mm'),
  timeZone: z
    .string({ error: 'is required: choose the time zone explicitly' })
    .refine(isKnownTimeZone, 'is not a known IANA time zone'),
});
export type ZonedMoment = z.infer<typeof zonedMomentSchema>;

const reason = textField(500);

export const createOffboardingSchema = z.strictObject({
  employeeId: employeeIdField,
  /** Absent: now. */
  effectiveAt: zonedMomentSchema.optional(),
  reason,
});
export const moveOffboardingSchema = z.strictObject({ effectiveAt: zonedMomentSchema });
export const reasonSchema = z.strictObject({ reason });
export const offboardingListSchema = z.strictObject({
  status: z.enum(OFFBOARDING_STATUSES).optional(),
});
export const previewSchema = z.strictObject({ employeeId: employeeIdField });
