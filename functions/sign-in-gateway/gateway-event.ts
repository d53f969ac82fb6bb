import { z } from 'zod';

/** The parts of an API Gateway (REST, proxy) event the gateway reads. */
export const gatewayEventSchema = z.looseObject({
  resource: z.string().optional(),
  path: z.string(),
  httpMethod: z.string(),
  body: z.string().nullable(),
  isBase64Encoded: z.boolean().optional(),
  // The address of the connection that reached API Gateway; headers such as X-Forwarded-For
  // are the client's to write and are never read.
  requestContext: z.looseObject({ identity: z.looseObject({ sourceIp: z.string().min(1) }) }),
});

export const signInBodySchema = z.strictObject({
  username: z.string().trim().min(1).max(128),
  password: z.string().min(1).max(256),
});

export const respondBodySchema = z.strictObject({
  session: z.string().min(1).max(8192),
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'must be the 6-digit code'),
});

export const refreshBodySchema = z.strictObject({
  refreshToken: z.string().min(1).max(16384),
});
