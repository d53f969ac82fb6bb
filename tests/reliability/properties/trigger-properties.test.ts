import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type * as z from 'zod/mini';
import { challengeResponse, newCode } from '../../../functions/core/geo/code-challenge.js';
import { verifyGeoContext } from '../../../functions/core/geo/geo-context.js';
import { InvalidInputError, SignInRefusedError } from '../../../functions/core/shared/errors.js';
import { createCreateAuthChallengeHandler } from '../../../functions/geo-triggers/handlers/create-auth-challenge.js';
import { createDefineAuthChallengeHandler } from '../../../functions/geo-triggers/handlers/define-auth-challenge.js';
import { createPreAuthenticationHandler } from '../../../functions/geo-triggers/handlers/pre-authentication.js';
import { createPreTokenGenerationHandler } from '../../../functions/geo-triggers/handlers/pre-token-generation.js';
import type { TriggerHandler } from '../../../functions/geo-triggers/handlers/trigger-dependencies.js';
import { createVerifyAuthChallengeHandler } from '../../../functions/geo-triggers/handlers/verify-auth-challenge.js';
import {
  bindingOf,
  createAuthChallengeEvent,
  defineAuthChallengeEvent,
  geoToken,
  parseEvent,
  preAuthenticationEvent,
  preTokenGenerationEvent,
  verifyAuthChallengeEvent,
} from '../../../functions/geo-triggers/trigger-events.js';
import { GATEWAY_CLIENT, KEYS } from '../../unit/fakes/memory-geo.js';
import {
  cognitoEvent,
  EMAIL,
  geoFrom,
  NOW,
  triggerWorld,
  USERNAME,
} from '../../unit/fakes/sign-in-triggers.js';
import {
  hostile,
  namesField,
  notBoolean,
  notList,
  notText,
  oneFieldWrong,
  type Path,
} from './mutations.js';
import { propertySuite } from './property-suite.js';

/**
 * The events of the five Cognito triggers: whatever arrives, the trigger answers with the event
 * (only `response` changed), refuses the sign-in, or refuses the event with an InvalidInputError
 * naming the field before anything is read or written; never anything else. An answer never
 * lets anyone through that the fence would stop.
 */
const { checkAsync } = propertySuite('trigger-properties');
type World = ReturnType<typeof triggerWorld>;
/** A trigger event as the handler reads it. */
type Event = {
  version: string;
  userPoolId: string;
  userName: string;
  triggerSource: string;
  callerContext: { clientId?: string };
  request: Record<string, unknown> & { userAttributes: Record<string, string> };
  response: Record<string, unknown>;
};

/** The code 482913, as create-auth-challenge left it with Cognito. */
const CODE = '482913';
const ISSUED = challengeResponse(
  newCode(USERNAME, KEYS.signing, NOW, CODE).stored,
  EMAIL,
).privateChallengeParameters;

const client = fc.constantFrom(GATEWAY_CLIENT, 'm2m-client', 'other-client');
const geo = fc.oneof(
  fc
    .tuple(fc.constantFrom('MX', 'ES', 'KP', 'US', null), fc.stringMatching(/^[0-9a-f]{32}$/))
    .map(([country, nonce]) => geoFrom(country, '88.1.1.1', NOW, nonce)),
  fc.constant(null),
);
const session = fc.array(
  fc.record({
    challengeName: fc.constantFrom('SRP_A', 'PASSWORD_VERIFIER', 'CUSTOM_CHALLENGE'),
    challengeResult: fc.boolean(),
    challengeMetadata: fc.option(fc.string(), { nil: null }),
  }),
  { maxLength: 4 },
);
const withClient = (event: ReturnType<typeof cognitoEvent>, clientId: string): Event => ({
  ...event,
  callerContext: { ...event.callerContext, clientId },
});

/** Each trigger: its factory, events as Cognito sends them, and what an answer may never say. */
interface Trigger {
  name: string;
  create: (dependencies: World['dependencies']) => TriggerHandler;
  /** Its event schema: the checks below read the event with the defaults the trigger applies. */
  schema: z.ZodMiniType;
  events: fc.Arbitrary<Event>;
  /** Fields of the event and values that break them (beyond those every trigger reads). */
  fields: { path: Path; wrong: fc.Arbitrary<unknown> }[];
  /** Checks an answer to an event (as the trigger parsed it) against what the fence allows. */
  allowed(event: Event, answer: Event, world: World): void;
}

const metadataRule = (field: string) => ({
  path: ['request', field],
  wrong: fc.oneof(fc.string(), fc.integer(), fc.array(fc.string(), { minLength: 1 })),
});
const sessionRules = [
  { path: ['request', 'session'], wrong: fc.oneof(notList, fc.constant(undefined)) },
  { path: ['request', 'session', 0, 'challengeResult'], wrong: notBoolean },
  { path: ['request', 'session', 0, 'challengeName'], wrong: notText },
];
/** The fence applies to every client but the one named unfenced. */
const fenced = (event: Event) => event.callerContext.clientId !== 'm2m-client';
/** True when the event carries a context from the gateway that verifies for this call. */
const verifiedContext = (event: Event, metadata: unknown, resolved: boolean) =>
  verifyGeoContext(
    geoToken(metadata as Record<string, string> | null),
    KEYS,
    NOW,
    bindingOf(event, resolved),
  ).ok;

const TRIGGERS: Trigger[] = [
  {
    name: 'pre-authentication',
    create: createPreAuthenticationHandler,
    schema: preAuthenticationEvent,
    events: fc
      .tuple(geo, client)
      .map(([validationData, clientId]) =>
        withClient(cognitoEvent('PreAuthentication_Authentication', { validationData }), clientId),
      ),
    fields: [metadataRule('validationData')],
    allowed: (event) => {
      // Unless the client is named unfenced, only with a context that verifies for the name as typed.
      if (fenced(event))
        expect(verifiedContext(event, event.request.validationData, false)).toBe(true);
    },
  },
  {
    name: 'define-auth-challenge',
    create: createDefineAuthChallengeHandler,
    schema: defineAuthChallengeEvent,
    events: fc
      .tuple(session, geo, client)
      .map(([s, clientMetadata, clientId]) =>
        withClient(
          cognitoEvent('DefineAuthChallenge_Authentication', { session: s, clientMetadata }),
          clientId,
        ),
      ),
    fields: [...sessionRules, metadataRule('clientMetadata')],
    allowed: (event, answer, world) => {
      if (!answer.response.issueTokens) return;
      // Tokens only through the gateway, after the password, with a context and a grant.
      expect(event.callerContext.clientId).toBe(GATEWAY_CLIENT);
      const steps = event.request.session as { challengeName: string; challengeResult: boolean }[];
      expect(steps.some((s) => s.challengeName === 'PASSWORD_VERIFIER' && s.challengeResult)).toBe(
        true,
      );
      expect(verifiedContext(event, event.request.clientMetadata, true)).toBe(true);
      expect(world.deps.grants.granted.size).toBe(1);
    },
  },
  {
    name: 'create-auth-challenge',
    create: createCreateAuthChallengeHandler,
    schema: createAuthChallengeEvent,
    events: fc
      .tuple(fc.constantFrom('CUSTOM_CHALLENGE', 'PASSWORD_VERIFIER'), session, geo, client)
      .map(([challengeName, s, clientMetadata, clientId]) =>
        withClient(
          cognitoEvent('CreateAuthChallenge_Authentication', {
            challengeName,
            session: s,
            clientMetadata,
          }),
          clientId,
        ),
      ),
    fields: [
      ...sessionRules,
      metadataRule('clientMetadata'),
      { path: ['request', 'challengeName'], wrong: fc.oneof(notText, fc.constant(undefined)) },
    ],
    allowed: (event, _answer, world) => {
      // A code goes only to the account's verified address, from a fenced client.
      for (const sent of world.deps.codeSender?.sent ?? []) {
        expect(sent.email).toBe(event.request.userAttributes.email);
        expect(event.request.userAttributes.email_verified).toBe('true');
        expect(fenced(event)).toBe(true);
      }
    },
  },
  {
    name: 'verify-auth-challenge',
    create: createVerifyAuthChallengeHandler,
    schema: verifyAuthChallengeEvent,
    events: fc
      .tuple(
        fc.oneof(fc.constant(CODE), fc.stringMatching(/^\d{6}$/), fc.string()),
        fc.oneof(fc.constant(ISSUED), fc.dictionary(fc.string(), fc.string(), { maxKeys: 3 })),
        geo,
        client,
      )
      .map(([challengeAnswer, privateChallengeParameters, clientMetadata, clientId]) =>
        withClient(
          cognitoEvent('VerifyAuthChallengeResponse_Authentication', {
            challengeAnswer,
            privateChallengeParameters,
            clientMetadata,
          }),
          clientId,
        ),
      ),
    fields: [
      metadataRule('clientMetadata'),
      {
        path: ['request', 'challengeAnswer'],
        wrong: fc.oneof(fc.integer(), fc.boolean(), fc.constant(null)),
      },
      {
        path: ['request', 'privateChallengeParameters'],
        wrong: fc.oneof(fc.string(), fc.integer()),
      },
    ],
    allowed: (event, answer) => {
      if (!answer.response.answerCorrect) return;
      // Only the code that was issued, for the user it was issued to.
      expect(event.request.challengeAnswer).toBe(CODE);
      expect(event.request.privateChallengeParameters).toEqual(ISSUED);
      expect(event.userName).toBe(USERNAME);
    },
  },
  {
    name: 'pre-token-generation',
    create: createPreTokenGenerationHandler,
    schema: preTokenGenerationEvent,
    events: fc
      .tuple(
        fc.constantFrom('TokenGeneration_Authentication', 'TokenGeneration_RefreshTokens'),
        fc.constantFrom('1', '2', '3'),
        geo,
        client,
      )
      .map(([source, version, clientMetadata, clientId]) => ({
        ...withClient(cognitoEvent(source, { clientMetadata }), clientId),
        version,
      })),
    fields: [metadataRule('clientMetadata')],
    allowed: (event) => {
      // No grant is ever recorded here: a sign-in from a fenced client never gets tokens, and a
      // refresh only with a context that verifies.
      if (!fenced(event)) return;
      expect(event.triggerSource).toBe('TokenGeneration_RefreshTokens');
      expect(verifiedContext(event, event.request.clientMetadata, true)).toBe(true);
    },
  },
];

/** Every trigger reads these; each breaks the event. */
const COMMON = [
  { path: ['userPoolId'], wrong: fc.oneof(notText, fc.constant(''), fc.constant(undefined)) },
  { path: ['userName'], wrong: fc.oneof(notText, fc.constant(''), fc.constant(undefined)) },
  { path: ['version'], wrong: fc.oneof(fc.integer(), fc.boolean(), fc.constant(null)) },
  { path: ['callerContext'], wrong: fc.oneof(fc.string(), fc.integer(), fc.constant(null)) },
  {
    path: ['callerContext', 'clientId'],
    wrong: fc.oneof(fc.integer(), fc.boolean(), fc.constant(null)),
  },
  {
    path: ['request'],
    wrong: fc.oneof(fc.string(), fc.integer(), fc.constantFrom(null, undefined, [])),
  },
  {
    path: ['request', 'userAttributes'],
    wrong: fc.oneof(fc.string(), fc.integer(), fc.array(fc.string(), { minLength: 1 })),
  },
  {
    path: ['request', 'userAttributes', 'email'],
    wrong: fc.oneof(fc.integer(), fc.boolean(), fc.constant(null)),
  },
];

/** Nothing read or written: the refused event reached no store, log or mailbox. */
function untouched(world: World): void {
  expect(world.deps.signIns.entries).toEqual([]);
  expect(world.deps.nonces.claimed.size).toBe(0);
  expect(world.deps.grants.granted.size).toBe(0);
  expect(world.deps.codeSender?.sent).toEqual([]);
}

/**
 * Runs one event through a fresh trigger: its answer, or the error it refused with. With
 * `gateways`, the configuration names the gateway's client (WARDEN_GATEWAY_CLIENTS); without,
 * any client not named unfenced must carry a context signed for it.
 */
async function run(trigger: Trigger, event: unknown, gateways = false) {
  const world = triggerWorld();
  if (gateways) Object.assign(world.deps.clients, { gateways: [GATEWAY_CLIENT] });
  let built = false;
  const handler = trigger.create(() => {
    built = true;
    return world.dependencies();
  });
  try {
    return { world, built, answer: (await handler(event)) as Event };
  } catch (error) {
    if (!(error instanceof InvalidInputError) && !(error instanceof SignInRefusedError))
      throw error;
    return { world, built, error };
  }
}

describe.each(TRIGGERS)('$name trigger event properties', (trigger) => {
  it('any event: the event back with only its response changed, a refused sign-in, or an InvalidInputError before anything is touched', async () => {
    await checkAsync(fc.tuple(hostile(trigger.events), fc.boolean()), async ([event, gateways]) => {
      const { world, built, answer, error } = await run(trigger, event, gateways);
      if (error instanceof InvalidInputError) {
        expect(built).toBe(false);
        untouched(world);
        return;
      }
      if (error) return;
      const { response: _given, ...rest } = event as Event;
      const { response: _answered, ...returned } = answer as Event;
      expect(returned).toEqual(rest);
      trigger.allowed(parseEvent(trigger.schema, event) as Event, answer as Event, world);
    });
  });

  it('an event with one field broken is refused naming the field, before anything is touched', async () => {
    const broken = trigger.events.chain((event) =>
      oneFieldWrong(
        fc.constant(event),
        [...COMMON, ...trigger.fields].filter(
          (rule) =>
            rule.path.at(-2) !== 0 ||
            ((event.request as { session?: unknown[] }).session?.length ?? 0) > 0,
        ),
      ),
    );
    await checkAsync(broken, async ({ value, path }) => {
      const { world, built, error } = await run(trigger, value);
      expect(error).toBeInstanceOf(InvalidInputError);
      expect(namesField((error as InvalidInputError).problems, path)).toBe(true);
      expect(built).toBe(false);
      untouched(world);
    });
  });
});
