import { describe, expect, it } from 'vitest';
import { challengeResponse, newCode } from '../../../../functions/core/geo/code-challenge.js';
import { createVerifyAuthChallengeHandler } from '../../../../functions/geo-triggers/handlers/verify-auth-challenge.js';
import { KEYS } from '../../fakes/memory-geo.js';
import {
  cognitoEvent,
  EMAIL,
  geoFrom,
  NOW,
  POOL,
  SPAIN,
  triggerWorld,
  USERNAME,
} from '../../fakes/sign-in-triggers.js';

/** The code 482913 as create-auth-challenge left it with Cognito: an HMAC, valid five minutes. */
const ISSUED = challengeResponse(
  newCode(USERNAME, KEYS.signing, NOW, '482913').stored,
  EMAIL,
).privateChallengeParameters;

function trigger() {
  const world = triggerWorld();
  const handler = createVerifyAuthChallengeHandler(world.dependencies);
  const verify = async (
    challengeAnswer: string,
    privateChallengeParameters: Record<string, string> = ISSUED,
    clientMetadata: Record<string, string> | null = geoFrom('ES'),
  ) =>
    (
      (await handler(
        cognitoEvent('VerifyAuthChallengeResponse_Authentication', {
          privateChallengeParameters,
          challengeAnswer,
          clientMetadata,
        }),
      )) as { response: { answerCorrect: boolean } }
    ).response.answerCorrect;
  return { ...world, verify };
}

describe('verify-auth-challenge trigger', () => {
  it('accepts the right code and records the passed step-up with where it came from', async () => {
    const { deps, verify } = trigger();
    expect(await verify('482913')).toBe(true);
    expect(deps.signIns.entries).toEqual([
      {
        source: POOL,
        username: USERNAME,
        at: NOW,
        outcome: 'step_up_passed',
        country: 'ES',
        rule: 'one-time code',
        reason: 'correct code',
        ip: SPAIN,
      },
    ]);
  });

  it('rejects a wrong code, and records it', async () => {
    const { deps, verify } = trigger();
    expect(await verify('111111')).toBe(false);
    expect(deps.signIns.entries[0]).toMatchObject({
      outcome: 'step_up_failed',
      reason: 'wrong code',
    });
  });

  it('rejects the right code once it has expired, and says so', async () => {
    const { deps, verify } = trigger();
    const issuedLongAgo = new Date(NOW.getTime() - 5 * 60_000 - 1);
    const expired = challengeResponse(
      newCode(USERNAME, KEYS.signing, issuedLongAgo, '482913').stored,
      EMAIL,
    ).privateChallengeParameters;
    expect(await verify('482913', expired)).toBe(false);
    expect(deps.signIns.entries[0]).toMatchObject({ reason: 'code expired' });
  });

  it('still checks and records the code when the geo context is missing, as an unknown place', async () => {
    const { deps, verify } = trigger();
    expect(await verify('482913', ISSUED, null)).toBe(true);
    expect(deps.signIns.entries[0]).toMatchObject({ outcome: 'step_up_passed', country: null });
    expect(deps.signIns.entries[0]?.ip).toBeUndefined();
  });

  it('never logs the code or the answer', async () => {
    const { deps, verify } = trigger();
    await verify('111111');
    expect(JSON.stringify(deps.log.lines)).not.toMatch(/482913|111111/);
  });
});
