import * as z from 'zod/mini';
import type { SignInAttempt } from '../core/geo/assess-sign-in.js';
import {
  type ContextBinding,
  GEO_CONTEXT_FIELD,
  resolvedUser,
  typedName,
} from '../core/geo/geo-context.js';
import { parseOrThrow } from '../core/shared/validation.js';

// The parts of Cognito's trigger events Warden reads; other fields pass through untouched,
// because Cognito expects the event back with only `response` changed.
const attributes = z._default(z.record(z.string(), z.string()), {});
const metadata = z.nullish(z.record(z.string(), z.string()));
const base = {
  version: z._default(z.string(), '1'),
  triggerSource: z._default(z.string(), ''),
  userPoolId: z.string().check(z.minLength(1)),
  userName: z.string().check(z.minLength(1)),
  callerContext: z._default(z.looseObject({ clientId: z.optional(z.string()) }), {}),
};
const session = z.array(
  z.looseObject({
    challengeName: z.string(),
    challengeResult: z.boolean(),
    challengeMetadata: z.nullish(z.string()),
  }),
);
/** Set when PreventUserExistenceErrors is on and no user has the name: handled like any other. */
const userNotFound = z.optional(z.boolean());
const response = z._default(z.looseObject({}), {});

export const preAuthenticationEvent = z.looseObject({
  ...base,
  request: z.looseObject({ userAttributes: attributes, validationData: metadata, userNotFound }),
});

export const defineAuthChallengeEvent = z.looseObject({
  ...base,
  request: z.looseObject({
    userAttributes: attributes,
    session,
    clientMetadata: metadata,
    userNotFound,
  }),
  response,
});

export const createAuthChallengeEvent = z.looseObject({
  ...base,
  request: z.looseObject({
    userAttributes: attributes,
    challengeName: z.string(),
    session,
    clientMetadata: metadata,
    userNotFound,
  }),
  response,
});

export const verifyAuthChallengeEvent = z.looseObject({
  ...base,
  request: z.looseObject({
    userAttributes: attributes,
    privateChallengeParameters: z._default(z.record(z.string(), z.string()), {}),
    challengeAnswer: z._default(z.string(), ''),
    clientMetadata: metadata,
    userNotFound,
  }),
  response,
});

export const preTokenGenerationEvent = z.looseObject({
  ...base,
  request: z.looseObject({ userAttributes: attributes, clientMetadata: metadata }),
  response,
});

type TriggerEvent = {
  userPoolId: string;
  userName: string;
  callerContext: { clientId?: string };
  request: { userAttributes: Record<string, string> };
};

/**
 * Who a call's geo context must be for. Before the password step (pre-authentication) Cognito
 * may not have resolved the name yet, so any sign-in alias of the account will do; afterwards
 * only the exact username Cognito resolved.
 */
export function bindingOf(event: TriggerEvent, resolved: boolean): ContextBinding {
  const clientId = event.callerContext.clientId ?? '';
  if (resolved) return resolvedUser(event.userName, clientId);
  const a = event.request.userAttributes;
  const aliases = [event.userName, a.email, a.phone_number, a.preferred_username, a.sub];
  return typedName(
    aliases.filter((n): n is string => Boolean(n)),
    clientId,
  );
}

/** The sign-in attempt a trigger event describes, with the geo context it carries. */
export function attemptOf(
  event: TriggerEvent,
  metadata: Record<string, string> | null | undefined,
  trigger: string,
  now: Date,
  resolved = true,
): SignInAttempt {
  return {
    source: event.userPoolId,
    username: event.userName,
    binding: bindingOf(event, resolved),
    token: geoToken(metadata),
    trigger,
    now,
  };
}

export function geoToken(data: Record<string, string> | null | undefined): string | undefined {
  return data?.[GEO_CONTEXT_FIELD];
}

/** Parses an event or fails the trigger (and with it the sign-in): bad input never signs anyone in. */
export function parseEvent<T extends z.ZodMiniType>(schema: T, event: unknown): z.infer<T> {
  return parseOrThrow(schema, event, 'trigger event');
}
