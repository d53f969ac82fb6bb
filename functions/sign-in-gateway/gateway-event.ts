import * as z from 'zod/mini';

const text = (min: number, max: number) => z.string().check(z.minLength(min), z.maxLength(max));

/** The parts of an API Gateway (REST, proxy) event the gateway reads. */
export const gatewayEventSchema = z.looseObject({
  resource: z.optional(z.string()),
  path: z.string(),
  httpMethod: z.string(),
  body: z.nullable(z.string()),
  isBase64Encoded: z.optional(z.boolean()),
  // The address of the connection that reached API Gateway; headers such as X-Forwarded-For
  // are the client's to write and are never read.
  requestContext: z.looseObject({
    identity: z.looseObject({ sourceIp: z.string().check(z.minLength(1)) }),
  }),
});

export const signInBodySchema = z.strictObject({
  username: z.string().check(z.trim(), z.minLength(1), z.maxLength(128)),
  password: text(1, 256),
});

export const respondBodySchema = z.strictObject({
  session: text(1, 8192),
  code: z.string().check(z.trim(), z.regex(/^\d{6}$/, 'must be the 6-digit code')),
});

export const refreshBodySchema = z.strictObject({
  refreshToken: text(1, 16384),
});
