import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../../../functions/core/shared/errors.js';
import { createDefineAuthChallengeHandler } from '../../../../functions/geo-triggers/handlers/define-auth-challenge.js';
import {
  ATTRIBUTES,
  cognitoEvent,
  geoFrom,
  NOW,
  POOL,
  SPAIN,
  step,
  triggerWorld,
  USERNAME,
} from '../../fakes/sign-in-triggers.js';

const SRP = step('SRP_A');
const PASSWORD = step('PASSWORD_VERIFIER');
const WRONG_CODE = step('CUSTOM_CHALLENGE', false);

function trigger() {
  const world = triggerWorld();
  const handler = createDefineAuthChallengeHandler(world.dependencies);
  const define = async (
    session: ReturnType<typeof step>[],
    clientMetadata: Record<string, string> | null = geoFrom('MX'),
    userAttributes: Record<string, string> = ATTRIBUTES,
  ) =>
    (await handler(
      cognitoEvent('DefineAuthChallenge_Authentication', {
        session,
        clientMetadata,
        userAttributes,
      }),
    )) as { response: Record<string, unknown>; userName: string; callerContext: unknown };
  return { ...world, define };
}

describe('define-auth-challenge trigger', () => {
  it('asks for the password first, whatever the geo context says', async () => {
    const { deps, define } = trigger();
    const { response } = await define([SRP], geoFrom('KP'));
    expect(response).toEqual({
      issueTokens: false,
      failAuthentication: false,
      challengeName: 'PASSWORD_VERIFIER',
    });
    expect(deps.signIns.entries).toEqual([]);
  });

  it('issues tokens inside the fence, records the decision, and gives back the event as it came', async () => {
    const { deps, define } = trigger();
    const answer = await define([SRP, PASSWORD]);
    expect(answer.response).toEqual({ issueTokens: true, failAuthentication: false });
    expect(answer).toMatchObject({
      userName: USERNAME,
      callerContext: { clientId: 'gateway-client' },
    });
    expect(deps.signIns.entries).toEqual([
      expect.objectContaining({
        source: POOL,
        username: USERNAME,
        at: NOW,
        outcome: 'allowed',
        country: 'MX',
        rule: 'default',
        ip: SPAIN,
      }),
    ]);
  });

  it('asks for a code from outside the fence, and records that it did', async () => {
    const { deps, define } = trigger();
    const { response } = await define([SRP, PASSWORD], geoFrom('ES'));
    expect(response).toMatchObject({ issueTokens: false, challengeName: 'CUSTOM_CHALLENGE' });
    expect(deps.signIns.entries[0]).toMatchObject({ outcome: 'step_up_required', country: 'ES' });
  });

  it('refuses a sign-in from outside the fence by someone with no verified email', async () => {
    const { deps, define } = trigger();
    const { response } = await define([SRP, PASSWORD], geoFrom('ES'), {
      ...ATTRIBUTES,
      email_verified: 'false',
    });
    expect(response).toEqual({ issueTokens: false, failAuthentication: true });
    expect(deps.signIns.entries[0]).toMatchObject({
      outcome: 'denied',
      reason: expect.stringMatching(/no verified email to send the code to$/),
    });
  });

  it('refuses a sign-in without a geo context, whatever the policy says of unknown places', async () => {
    const { deps, define } = trigger();
    const { response } = await define([SRP, PASSWORD], null);
    expect(response).toMatchObject({ failAuthentication: true });
    expect(deps.signIns.entries[0]).toMatchObject({ outcome: 'denied', rule: 'geo-context' });
    expect(deps.signIns.entries[0]?.ip).toBeUndefined();
  });

  it('refuses after three wrong codes, recording the one-time code as the rule', async () => {
    const { deps, define } = trigger();
    expect((await define([SRP, PASSWORD, WRONG_CODE])).response).toMatchObject({
      challengeName: 'CUSTOM_CHALLENGE',
    });
    expect(deps.signIns.entries).toEqual([]);
    const { response } = await define([SRP, PASSWORD, WRONG_CODE, WRONG_CODE, WRONG_CODE]);
    expect(response).toEqual({ issueTokens: false, failAuthentication: true });
    expect(deps.signIns.entries).toEqual([
      expect.objectContaining({
        outcome: 'denied',
        rule: 'one-time code',
        reason: '3 wrong codes',
        country: 'MX',
      }),
    ]);
  });

  it('issues tokens after the right code without recording a second decision', async () => {
    const { deps, define } = trigger();
    const { response } = await define([SRP, PASSWORD, WRONG_CODE, step('CUSTOM_CHALLENGE')]);
    expect(response).toEqual({ issueTokens: true, failAuthentication: false });
    expect(deps.signIns.entries).toEqual([]);
  });

  it('fails a malformed event', async () => {
    const { dependencies } = triggerWorld();
    const handler = createDefineAuthChallengeHandler(dependencies);
    await expect(handler(cognitoEvent('DefineAuthChallenge_Authentication', {}))).rejects.toThrow(
      InvalidInputError,
    );
  });
});
