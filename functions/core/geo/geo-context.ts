import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import * as z from 'zod/mini';
import { tryParse } from '../shared/validation.js';
import type { KeySet, SigningKey } from './key-set.js';

/** What the sign-in gateway vouches for: where a call to Cognito came from, for whom, through which client. */
export interface GeoContext {
  ip: string;
  /** ISO 3166-1 alpha-2, or null when the address did not resolve. */
  country: string | null;
  /** The username the call is for: as typed on the first call, as Cognito resolved it afterwards. */
  username: string;
  /** The app client the gateway calls Cognito through. */
  clientId: string;
  /** Milliseconds since the epoch, when the gateway signed it. */
  issuedAt: number;
  nonce: string;
}

export const GEO_CONTEXT_TTL_MS = 60_000;
/** The key under which the context travels in Cognito's ClientMetadata / validationData. */
export const GEO_CONTEXT_FIELD = 'warden_geo';

const payloadSchema = z.strictObject({
  ip: z.string().check(z.minLength(1), z.maxLength(45)),
  country: z.nullable(z.string().check(z.length(2))),
  username: z.string().check(z.minLength(1), z.maxLength(128)),
  clientId: z.string().check(z.minLength(1), z.maxLength(128)),
  issuedAt: z.int().check(z.positive()),
  nonce: z.string().check(z.regex(/^[0-9a-f]{32}$/)),
});

export type GeoContextFailure =
  | 'missing'
  | 'malformed'
  | 'unknown_key'
  | 'bad_signature'
  | 'expired'
  | 'not_yet_valid'
  | 'other_user'
  | 'other_client';
export type GeoContextCheck =
  | { ok: true; context: GeoContext }
  | { ok: false; failure: GeoContextFailure };

/** Who the verifier expects the context to be for. */
export interface ContextBinding {
  /** True when the context's username is one this call may be for. */
  isUser(username: string): boolean;
  /** The app client Cognito says the call came through. */
  clientId: string;
}

const encode = (value: Buffer | string) => Buffer.from(value).toString('base64url');

/** HMAC-SHA256 over `purpose.kid.body`: a context can never pass for an envelope, or the reverse. */
export function seal(purpose: string, key: SigningKey, payload: object): string {
  const body = encode(JSON.stringify(payload));
  return `${key.id}.${body}.${encode(mac(purpose, key.id, key.key, body))}`;
}

/** The payload of a sealed value whose key is known and whose signature is right; undefined otherwise. */
export function unseal(
  purpose: string,
  keys: KeySet,
  token: string,
):
  | { ok: true; payload: unknown }
  | { ok: false; failure: 'malformed' | 'unknown_key' | 'bad_signature' } {
  const [kid, body, signature, extra] = token.split('.');
  if (!kid || !body || !signature || extra !== undefined)
    return { ok: false, failure: 'malformed' };
  const key = keys.accepted.get(kid);
  if (!key) return { ok: false, failure: 'unknown_key' };
  const expected = mac(purpose, kid, key, body);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, failure: 'bad_signature' };
  }
  try {
    return { ok: true, payload: JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) };
  } catch {
    return { ok: false, failure: 'malformed' };
  }
}

function mac(purpose: string, kid: string, key: Buffer, body: string): Buffer {
  return createHmac('sha256', key).update(`${purpose}.${kid}.${body}`).digest();
}

/** `kid.base64url(JSON).base64url(HMAC)`: short-lived, single-use, bound to one user and client. */
export function signGeoContext(
  fields: Omit<GeoContext, 'issuedAt' | 'nonce'>,
  key: SigningKey,
  now: Date,
  nonce = randomBytes(16).toString('hex'),
): string {
  return seal('geo', key, { ...fields, issuedAt: now.getTime(), nonce });
}

/**
 * Checks key, signature, age, user and client. Any failure is a refusal: the caller denies,
 * whatever the policy says about the country.
 */
export function verifyGeoContext(
  token: string | undefined,
  keys: KeySet,
  now: Date,
  binding: ContextBinding,
): GeoContextCheck {
  if (!token) return { ok: false, failure: 'missing' };
  const opened = unseal('geo', keys, token);
  if (!opened.ok) return opened;
  const parsed = tryParse(payloadSchema, opened.payload);
  if (!parsed.ok) return { ok: false, failure: 'malformed' };
  const context = parsed.value;
  const age = now.getTime() - context.issuedAt;
  if (age > GEO_CONTEXT_TTL_MS) return { ok: false, failure: 'expired' };
  // A little clock skew between the gateway and the triggers is tolerated, no more.
  if (age < -5_000) return { ok: false, failure: 'not_yet_valid' };
  if (!binding.isUser(context.username)) return { ok: false, failure: 'other_user' };
  if (context.clientId !== binding.clientId) return { ok: false, failure: 'other_client' };
  return { ok: true, context };
}

/** The binding of a call Cognito has resolved to one username: that exact username. */
export function resolvedUser(username: string, clientId: string): ContextBinding {
  return { isUser: (name) => name === username, clientId };
}

/**
 * The binding of the first call (InitiateAuth), made before Cognito resolved the name: what the
 * person typed may be the username or any sign-in alias (email, phone number, preferred username).
 */
export function typedName(aliases: readonly string[], clientId: string): ContextBinding {
  const folded = new Set(aliases.map((a) => a.trim().toLowerCase()));
  return { isUser: (name) => folded.has(name.trim().toLowerCase()), clientId };
}
