import { describe, expect, it } from 'vitest';
import { SignInRefusedError } from '../../../../functions/core/shared/errors.js';
import { createPreTokenGenerationHandler } from '../../../../functions/geo-triggers/handlers/pre-token-generation.js';
import {
  cognitoEvent,
  geoFrom,
  POOL,
  triggerWorld,
  USERNAME,
} from '../../fakes/sign-in-triggers.js';

function trigger() {
  const world = triggerWorld();
  const handler = createPreTokenGenerationHandler(world.dependencies);
  const claims = async (
    clientMetadata: Record<string, string> | null,
    triggerSource = 'TokenGeneration_Authentication',
  ) =>
    (
      (await handler(
        cognitoEvent(triggerSource, { clientMetadata }, { claimsOverrideDetails: null, kept: 1 }),
      )) as { response: Record<string, unknown> }
    ).response;
  return { ...world, claims };
}

describe('pre-token-generation trigger', () => {
  it('adds the country and the geo decision to the ID token', async () => {
    const { claims } = trigger();
    expect(await claims(geoFrom('ES'))).toEqual({
      kept: 1,
      claimsOverrideDetails: {
        claimsToAddOrOverride: { geo_country: 'ES', geo_decision: 'require_mfa' },
      },
    });
  });

  it('says unknown for a sign-in without a usable geo context', async () => {
    const { claims } = trigger();
    expect(await claims(null, 'TokenGeneration_RefreshTokens')).toMatchObject({
      claimsOverrideDetails: {
        claimsToAddOrOverride: { geo_country: 'unknown', geo_decision: 'require_mfa' },
      },
    });
  });

  it('refuses tokens, refreshes included, to a person whose access has ended', async () => {
    const { deps, claims } = trigger();
    await deps.accessEnds.recordAccessEnds(
      POOL,
      new Map([[USERNAME, new Date('2026-11-01')]]),
      true,
    );
    await expect(claims(geoFrom('MX'), 'TokenGeneration_RefreshTokens')).rejects.toThrow(
      SignInRefusedError,
    );
  });

  it('still issues tokens to a person whose access ends later', async () => {
    const { deps, claims } = trigger();
    await deps.accessEnds.recordAccessEnds(
      POOL,
      new Map([[USERNAME, new Date('2027-01-01')]]),
      true,
    );
    expect(await claims(geoFrom('MX'))).toMatchObject({
      claimsOverrideDetails: { claimsToAddOrOverride: { geo_decision: 'allow' } },
    });
  });
});
