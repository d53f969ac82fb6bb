import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../shared/clock.js';
import { GEO_CONTEXT_FIELD, signGeoContext } from './geo-context.js';
import type { AuthStep, CustomAuthApi, GeoLocator, IssuedTokens, RateLimiter } from './ports.js';

export interface GatewayDependencies {
  api: CustomAuthApi;
  locator: GeoLocator;
  /** Signs geo contexts and the gateway's own session envelopes. */
  key: Buffer;
  limiter: RateLimiter;
  clock: Clock;
  attemptsPerMinute: number;
}

/** What the caller is told: never whether the username exists or why a sign-in failed. */
export type GatewayResult =
  | { status: 200; body: { status: 'signed_in'; tokens: IssuedTokens } }
  | { status: 200; body: { status: 'code_required'; session: string; destination?: string } }
  | { status: 401; body: { status: 'refused'; message: 'Sign-in failed' } }
  | { status: 429; body: { status: 'throttled'; message: 'Too many attempts; wait a minute' } };

const REFUSED: GatewayResult = {
  status: 401,
  body: { status: 'refused', message: 'Sign-in failed' },
};
const THROTTLED: GatewayResult = {
  status: 429,
  body: { status: 'throttled', message: 'Too many attempts; wait a minute' },
};

export async function gatewaySignIn(
  input: { username: string; password: string; ip: string },
  deps: GatewayDependencies,
): Promise<GatewayResult> {
  if (await throttled(input.ip, deps)) return THROTTLED;
  const step = await deps.api.start(
    input.username,
    input.password,
    geoMetadata(input.username, input.ip, deps),
  );
  return toResult(step, input.username, deps);
}

export async function gatewayRespond(
  input: { session: string; code: string; ip: string },
  deps: GatewayDependencies,
): Promise<GatewayResult> {
  if (await throttled(input.ip, deps)) return THROTTLED;
  const opened = openEnvelope(input.session, deps.key);
  if (!opened) return REFUSED;
  const step = await deps.api.answer(
    opened.session,
    opened.username,
    input.code,
    geoMetadata(opened.username, input.ip, deps),
  );
  return toResult(step, opened.username, deps);
}

async function throttled(ip: string, deps: GatewayDependencies): Promise<boolean> {
  return !(await deps.limiter.allow(`ip:${ip}`, deps.attemptsPerMinute, deps.clock.now()));
}

/** A fresh signed geo context for each call to Cognito, so each has its own nonce. */
function geoMetadata(
  username: string,
  ip: string,
  deps: GatewayDependencies,
): Record<string, string> {
  const { country } = deps.locator.locate(ip);
  return {
    [GEO_CONTEXT_FIELD]: signGeoContext({ ip, country, username }, deps.key, deps.clock.now()),
  };
}

function toResult(step: AuthStep, username: string, deps: GatewayDependencies): GatewayResult {
  if (step.kind === 'tokens')
    return { status: 200, body: { status: 'signed_in', tokens: step.tokens } };
  if (step.kind === 'refused') return REFUSED;
  return {
    status: 200,
    body: {
      status: 'code_required',
      session: sealEnvelope(step.session, username, deps.key),
      destination: step.destination,
    },
  };
}

// The client holds Cognito's session wrapped with the username and an HMAC, so it can neither
// read nor swap whose sign-in it continues.
function sealEnvelope(session: string, username: string, key: Buffer): string {
  const body = Buffer.from(JSON.stringify({ session, username })).toString('base64url');
  return `${body}.${createHmac('sha256', key).update(`envelope.${body}`).digest('base64url')}`;
}

function openEnvelope(
  envelope: string,
  key: Buffer,
): { session: string; username: string } | undefined {
  const [body, signature] = envelope.split('.');
  if (!body || !signature) return undefined;
  const expected = createHmac('sha256', key).update(`envelope.${body}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as {
      session?: unknown;
      username?: unknown;
    };
    return typeof parsed.session === 'string' && typeof parsed.username === 'string'
      ? { session: parsed.session, username: parsed.username }
      : undefined;
  } catch {
    return undefined;
  }
}
