import { describe, expect, it } from 'vitest';
import {
  InvalidInputError,
  SIGN_IN_REFUSED,
  SignInRefusedError,
} from '../../../../functions/core/shared/errors.js';
import { createPreAuthenticationHandler } from '../../../../functions/geo-triggers/handlers/pre-authentication.js';
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

const event = (validationData: Record<string, string> | null) =>
  cognitoEvent('PreAuthentication_Authentication', { validationData });

function trigger() {
  const world = triggerWorld();
  return { ...world, handler: createPreAuthenticationHandler(world.dependencies) };
}

describe('pre-authentication trigger', () => {
  it('lets a sign-in that is not refused go on to the password, unchanged and unrecorded', async () => {
    const { deps, handler } = trigger();
    for (const country of ['MX', 'ES']) {
      const raw = event(geoFrom(country));
      expect(await handler(raw)).toBe(raw);
    }
    expect(deps.signIns.entries).toEqual([]);
  });

  it('refuses a sign-in from a denied country with the generic message, and records why', async () => {
    const { deps, handler } = trigger();
    const refusal = handler(event(geoFrom('KP', '175.45.176.1')));
    await expect(refusal).rejects.toBeInstanceOf(SignInRefusedError);
    await expect(refusal).rejects.toThrow(SIGN_IN_REFUSED);
    expect(deps.signIns.entries).toEqual([
      {
        source: POOL,
        username: USERNAME,
        at: NOW,
        outcome: 'denied',
        country: 'KP',
        rule: 'deniedCountries',
        reason: 'KP is in deniedCountries',
        ip: '175.45.176.1',
      },
    ]);
  });

  it('refuses a person whose access has ended, before the password is checked', async () => {
    const { deps, handler } = trigger();
    await deps.accessEnds.recordAccessEnds(
      POOL,
      new Map([[USERNAME, new Date('2026-11-01')]]),
      true,
    );
    await expect(handler(event(geoFrom('MX')))).rejects.toThrow(SignInRefusedError);
    expect(deps.signIns.entries[0]).toMatchObject({ outcome: 'denied', rule: 'offboarded' });
  });

  it('reads the geo context from validationData, where InitiateAuth puts it', async () => {
    const { deps, handler } = trigger();
    const withoutContext = cognitoEvent('PreAuthentication_Authentication', {
      clientMetadata: geoFrom('MX'),
    });
    await expect(handler(withoutContext)).rejects.toThrow(SignInRefusedError);
    expect(deps.signIns.entries[0]).toMatchObject({ rule: 'geo-context', country: null });
  });

  it('logs the rule and country of a refusal, never the person or the address', async () => {
    const { deps, handler } = trigger();
    await expect(handler(event(geoFrom('KP')))).rejects.toThrow();
    expect(deps.log.lines).toEqual([
      {
        level: 'info',
        message: 'sign-in decision',
        detail: { outcome: 'denied', rule: 'deniedCountries', country: 'KP' },
      },
    ]);
    expect(JSON.stringify(deps.log.lines)).not.toMatch(new RegExp(`${USERNAME}|${EMAIL}|${SPAIN}`));
  });

  it('fails a malformed event, and with it the sign-in', async () => {
    const { deps, handler } = trigger();
    await expect(handler({ userPoolId: POOL })).rejects.toBeInstanceOf(InvalidInputError);
    expect(deps.signIns.entries).toEqual([]);
  });
});
