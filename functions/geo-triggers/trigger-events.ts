import { z } from 'zod';
import type { SignInAttempt } from '../core/geo/assess-sign-in.js';
import { GEO_CONTEXT_FIELD } from '../core/geo/geo-context.js';
import { parseOrThrow } from '../core/shared/validation.js';

// The parts of Cognito's trigger events Warden reads; other fields pass through untouched,
// because Cognito expects the event back with only `response` changed.
const attributes = z.record(z.string(), z.string()).default({});
const metadata = z.record(z.string(), z.string()).nullish();
const base = {
  userPoolId: z.string().min(1),
  userName: z.string().min(1),
};
const session = z.array(
  z.looseObject({
    challengeName: z.string(),
    challengeResult: z.boolean(),
    challengeMetadata: z.string().nullish(),
  }),
);

export const preAuthenticationEvent = z.looseObject({
  ...base,
  request: z.looseObject({ userAttributes: attributes, validationData: metadata }),
});

export const defineAuthChallengeEvent = z.looseObject({
  ...base,
  request: z.looseObject({ userAttributes: attributes, session, clientMetadata: metadata }),
  response: z.looseObject({}).default({}),
});

export const createAuthChallengeEvent = z.looseObject({
  ...base,
  request: z.looseObject({
    userAttributes: attributes,
    challengeName: z.string(),
    session,
    clientMetadata: metadata,
  }),
  response: z.looseObject({}).default({}),
});

export const verifyAuthChallengeEvent = z.looseObject({
  ...base,
  request: z.looseObject({
    userAttributes: attributes,
    privateChallengeParameters: z.record(z.string(), z.string()).default({}),
    challengeAnswer: z.string().default(''),
    clientMetadata: metadata,
  }),
  response: z.looseObject({}).default({}),
});

export const preTokenGenerationEvent = z.looseObject({
  ...base,
  triggerSource: z.string(),
  request: z.looseObject({ userAttributes: attributes, clientMetadata: metadata }),
  response: z.looseObject({}).default({}),
});

/** The names the account answers to, which the gateway's geo context must name. */
export function accountNames(event: {
  userName: string;
  request: { userAttributes: Record<string, string> };
}): string[] {
  const a = event.request.userAttributes;
  return [event.userName, a.email, a.preferred_username, a.sub].filter((n): n is string =>
    Boolean(n),
  );
}

/** The sign-in attempt a trigger event describes, with the geo context it carries. */
export function attemptOf(
  event: {
    userPoolId: string;
    userName: string;
    request: { userAttributes: Record<string, string> };
  },
  metadata: Record<string, string> | null | undefined,
  trigger: string,
  now: Date,
): SignInAttempt {
  return {
    source: event.userPoolId,
    username: event.userName,
    names: accountNames(event),
    token: geoToken(metadata),
    trigger,
    now,
  };
}

export function geoToken(data: Record<string, string> | null | undefined): string | undefined {
  return data?.[GEO_CONTEXT_FIELD];
}

/** Parses an event or fails the trigger (and with it the sign-in): bad input never signs anyone in. */
export function parseEvent<T extends z.ZodType>(schema: T, event: unknown): z.infer<T> {
  return parseOrThrow(schema, event, 'trigger event');
}
