import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/** What the sign-in gateway vouches for: where a sign-in attempt came from. */
export interface GeoContext {
  ip: string;
  /** ISO 3166-1 alpha-2, or null when the address did not resolve. */
  country: string | null;
  /** What the person typed as their username, as the gateway received it. */
  username: string;
  /** Milliseconds since the epoch, when the gateway signed it. */
  issuedAt: number;
  nonce: string;
}

export const GEO_CONTEXT_TTL_MS = 60_000;
/** The key under which the context travels in Cognito's ClientMetadata / validationData. */
export const GEO_CONTEXT_FIELD = 'warden_geo';

const payloadSchema = z.strictObject({
  ip: z.string().min(1).max(45),
  country: z.string().length(2).nullable(),
  username: z.string().min(1).max(128),
  issuedAt: z.number().int().positive(),
  nonce: z.string().regex(/^[0-9a-f]{32}$/),
});

export type GeoContextFailure =
  | 'missing'
  | 'malformed'
  | 'bad_signature'
  | 'expired'
  | 'not_yet_valid'
  | 'other_user';
export type GeoContextCheck =
  | { ok: true; context: GeoContext }
  | { ok: false; failure: GeoContextFailure };

const encode = (value: Buffer | string) => Buffer.from(value).toString('base64url');
const mac = (key: Buffer, body: string) => createHmac('sha256', key).update(body).digest();

/** `base64url(JSON).base64url(HMAC-SHA256)`, short-lived and bound to one username. */
export function signGeoContext(
  fields: Omit<GeoContext, 'issuedAt' | 'nonce'>,
  key: Buffer,
  now: Date,
  nonce = randomBytes(16).toString('hex'),
): string {
  const body = encode(JSON.stringify({ ...fields, issuedAt: now.getTime(), nonce }));
  return `${body}.${encode(mac(key, body))}`;
}

/**
 * Checks signature, age and username. Any failure means the location is unknown: the caller
 * applies the policy's `unknown` action, never `allow`.
 */
export function verifyGeoContext(
  token: string | undefined,
  key: Buffer,
  now: Date,
  usernames: string[],
): GeoContextCheck {
  if (!token) return { ok: false, failure: 'missing' };
  const [body, signature, extra] = token.split('.');
  if (!body || !signature || extra !== undefined) return { ok: false, failure: 'malformed' };
  const expected = mac(key, body);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, failure: 'bad_signature' };
  }
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, failure: 'malformed' };
  }
  const parsed = payloadSchema.safeParse(payload);
  if (!parsed.success) return { ok: false, failure: 'malformed' };
  const context = parsed.data;
  const age = now.getTime() - context.issuedAt;
  if (age > GEO_CONTEXT_TTL_MS) return { ok: false, failure: 'expired' };
  // A little clock skew between the gateway and the triggers is tolerated, no more.
  if (age < -5_000) return { ok: false, failure: 'not_yet_valid' };
  const typed = context.username.trim().toLowerCase();
  if (!usernames.some((u) => u.trim().toLowerCase() === typed))
    return { ok: false, failure: 'other_user' };
  return { ok: true, context };
}
