import * as z from 'zod/mini';
import type { Clock } from '../shared/clock.js';
import { tryParse } from '../shared/validation.js';
import { GEO_CONTEXT_FIELD, seal, signGeoContext, unseal } from './geo-context.js';
import type { KeySet } from './key-set.js';
import type {
  AuthStep,
  ContextFor,
  CustomAuthApi,
  GeoLocator,
  IssuedTokens,
  RateLimiter,
} from './ports.js';
import { rateLimitKeys } from './rate-limit-keys.js';

export interface GatewayDependencies {
  api: CustomAuthApi;
  locator: GeoLocator;
  /** The current key set: signs geo contexts and the gateway's own envelopes. */
  keys: () => Promise<KeySet>;
  limiter: RateLimiter;
  clock: Clock;
  /** The app client the gateway calls Cognito through; every context names it. */
  clientId: string;
  limits: { perAddress: number; perUsername: number };
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

// What the client holds between calls, sealed with the gateway's key: readable (base64), but
// the client can neither change whose sign-in it continues nor swap it for another person's.
const sessionEnvelope = z.strictObject({ session: z.string(), username: z.string() });
const refreshEnvelope = z.strictObject({ refreshToken: z.string(), username: z.string() });

export async function gatewaySignIn(
  input: { username: string; password: string; ip: string },
  deps: GatewayDependencies,
): Promise<GatewayResult> {
  if (await throttled(input.ip, input.username, deps)) return THROTTLED;
  const keys = await deps.keys();
  const step = await deps.api.start(
    input.username,
    input.password,
    contextFor(input.ip, keys, deps),
  );
  return toResult(step, keys);
}

export function gatewayRespond(
  input: { session: string; code: string; ip: string },
  deps: GatewayDependencies,
): Promise<GatewayResult> {
  return continuing(
    sessionEnvelope,
    'envelope',
    input.session,
    input.ip,
    deps,
    (opened, context, keys) =>
      deps.api
        .answer(opened.session, opened.username, input.code, context)
        .then((step) => toResult(step, keys)),
  );
}

/**
 * A refresh goes through the gateway too: the caller's address is placed again, and the
 * triggers decide on it (and on the person's access end) before any token is issued.
 */
export function gatewayRefresh(
  input: { refreshToken: string; ip: string },
  deps: GatewayDependencies,
): Promise<GatewayResult> {
  return continuing(
    refreshEnvelope,
    'refresh',
    input.refreshToken,
    input.ip,
    deps,
    async (opened, context, keys) => {
      const step = await deps.api.refresh(opened.refreshToken, opened.username, context);
      if (step.kind !== 'tokens') return REFUSED;
      // Without rotation Cognito returns no new refresh token: the one the caller holds stays good.
      const refreshToken = step.tokens.refreshToken
        ? sealRefresh(step.tokens.refreshToken, step.username, keys)
        : input.refreshToken;
      return {
        status: 200,
        body: { status: 'signed_in', tokens: { ...step.tokens, refreshToken } },
      };
    },
  );
}

/**
 * A step that continues what the gateway handed out earlier (a sealed session or refresh
 * token): counts the attempt, refuses what was not sealed by the gateway for this purpose, and
 * runs the step for the person it was sealed for, with fresh contexts for this address.
 */
async function continuing<T extends z.ZodMiniType<{ username: string }>>(
  schema: T,
  purpose: string,
  token: string,
  ip: string,
  deps: GatewayDependencies,
  step: (opened: z.infer<T>, context: ContextFor, keys: KeySet) => Promise<GatewayResult>,
): Promise<GatewayResult> {
  const keys = await deps.keys();
  const opened = open(schema, purpose, keys, token);
  if (await throttled(ip, opened?.username, deps)) return THROTTLED;
  if (!opened) return REFUSED;
  return step(opened, contextFor(ip, keys, deps), keys);
}

/** Counts the attempt against the address and the username; either over its limit throttles. */
async function throttled(
  ip: string,
  username: string | undefined,
  deps: GatewayDependencies,
): Promise<boolean> {
  const now = deps.clock.now();
  const keys = rateLimitKeys(ip, username ?? '');
  const [address, user] = await Promise.all([
    deps.limiter.allow(keys.address, deps.limits.perAddress, now),
    username === undefined ? true : deps.limiter.allow(keys.username, deps.limits.perUsername, now),
  ]);
  return !address || !user;
}

/** A fresh signed context for each call to Cognito, bound to the name that call is for. */
function contextFor(ip: string, keys: KeySet, deps: GatewayDependencies) {
  const { country } = deps.locator.locate(ip);
  return (username: string): Record<string, string> => ({
    [GEO_CONTEXT_FIELD]: signGeoContext(
      { ip, country, username, clientId: deps.clientId },
      keys.signing,
      deps.clock.now(),
    ),
  });
}

function toResult(step: AuthStep, keys: KeySet): GatewayResult {
  if (step.kind === 'refused') return REFUSED;
  if (step.kind === 'tokens') {
    const { refreshToken } = step.tokens;
    const tokens = refreshToken
      ? { ...step.tokens, refreshToken: sealRefresh(refreshToken, step.username, keys) }
      : step.tokens;
    return { status: 200, body: { status: 'signed_in', tokens } };
  }
  return {
    status: 200,
    body: {
      status: 'code_required',
      session: seal('envelope', keys.signing, { session: step.session, username: step.username }),
      destination: step.destination,
    },
  };
}

function sealRefresh(refreshToken: string, username: string, keys: KeySet): string {
  return seal('refresh', keys.signing, { refreshToken, username });
}

function open<T extends z.ZodMiniType>(
  schema: T,
  purpose: string,
  keys: KeySet,
  token: string,
): z.infer<T> | undefined {
  const opened = unseal(purpose, keys, token);
  if (!opened.ok) return undefined;
  const parsed = tryParse(schema, opened.payload);
  return parsed.ok ? parsed.value : undefined;
}
