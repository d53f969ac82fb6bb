import { describe, expect, it } from 'vitest';
import { challengeResponse } from '../../../../functions/core/geo/code-challenge.js';
import { SignInRefusedError, WardenError } from '../../../../functions/core/shared/errors.js';
import { createCreateAuthChallengeHandler } from '../../../../functions/geo-triggers/handlers/create-auth-challenge.js';
import {
  ATTRIBUTES,
  cognitoEvent,
  EMAIL,
  step,
  triggerWorld,
} from '../../fakes/sign-in-triggers.js';

type Challenge = {
  publicChallengeParameters: Record<string, string>;
  privateChallengeParameters: Record<string, string>;
  challengeMetadata: string;
};

function trigger() {
  const world = triggerWorld();
  const handler = createCreateAuthChallengeHandler(world.dependencies);
  const create = async (
    session = [step('SRP_A'), step('PASSWORD_VERIFIER')],
    userAttributes: Record<string, string> = ATTRIBUTES,
    challengeName = 'CUSTOM_CHALLENGE',
  ) =>
    (await handler(
      cognitoEvent('CreateAuthChallenge_Authentication', {
        challengeName,
        session,
        userAttributes,
      }),
    )) as { response: Challenge };
  return { ...world, create };
}

describe('create-auth-challenge trigger', () => {
  it('emails a fresh code to the verified address and shows the client only where it went', async () => {
    const { deps, create } = trigger();
    const { response } = await create();
    const sent = deps.codeSender?.sent ?? [];
    expect(sent).toEqual([{ email: EMAIL, code: expect.stringMatching(/^\d{6}$/) }]);
    expect(response.publicChallengeParameters).toEqual({
      delivery: 'EMAIL',
      destination: 'a***@presidencia.example',
    });
    // Cognito keeps an HMAC of the code, never the code.
    expect(JSON.stringify(response)).not.toContain(sent[0]?.code);
    expect(response.challengeMetadata).toMatch(/^CODE:\d+:[\w-]+:[\w-]{43}$/);
  });

  it('reuses the code still valid on a retry after a wrong answer, sending nothing new', async () => {
    const { deps, create } = trigger();
    const stored = {
      expiresAt: deps.clock.now().getTime() + 60_000,
      kid: 'k1',
      digest: 'd'.repeat(43),
    };
    const earlier = step(
      'CUSTOM_CHALLENGE',
      false,
      challengeResponse(stored, EMAIL).challengeMetadata,
    );
    const { response } = await create([step('SRP_A'), step('PASSWORD_VERIFIER'), earlier]);
    expect(response.privateChallengeParameters.digest).toBe('d'.repeat(43));
    expect(deps.codeSender?.sent).toEqual([]);
  });

  it('never logs the code', async () => {
    const { deps, create } = trigger();
    await create();
    const sent = deps.codeSender?.sent[0]?.code as string;
    expect(JSON.stringify(deps.log.lines)).not.toContain(sent);
  });

  it('refuses to send a code to an address that is not verified', async () => {
    const { deps, create } = trigger();
    await expect(create(undefined, { ...ATTRIBUTES, email_verified: 'false' })).rejects.toThrow(
      SignInRefusedError,
    );
    await expect(create(undefined, { sub: 'a1b2-sub' })).rejects.toThrow(SignInRefusedError);
    expect(deps.codeSender?.sent).toEqual([]);
  });

  it('fails, rather than skipping the code, when no code sender is configured', async () => {
    const { deps, create } = trigger();
    deps.codeSender = undefined;
    await expect(create()).rejects.toThrow(new WardenError('no code sender is configured'));
  });

  it('leaves any other challenge to Cognito, untouched', async () => {
    const { deps, dependencies } = triggerWorld();
    const handler = createCreateAuthChallengeHandler(dependencies);
    const raw = cognitoEvent('CreateAuthChallenge_Authentication', {
      challengeName: 'PASSWORD_VERIFIER',
      session: [step('SRP_A')],
    });
    expect(await handler(raw)).toBe(raw);
    expect(deps.codeSender?.sent).toEqual([]);
  });
});
